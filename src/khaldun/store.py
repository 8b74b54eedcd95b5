"""The store (SQLite by default, any SQLAlchemy URL): articles, event mentions, fused events.

Ingestion never loses or doubles data. An article is the same article when its id, or its
canonical URL and content hash, are already stored: adding it again changes nothing. The same
canonical URL (or the same id) with other text is a new version: the old version is kept, marked
superseded, and its mentions leave their fused events. An article is written whole with its
mentions, actors, places and fusion in one transaction (``add``; ``add_many`` writes a batch in
one), so a killed run resumes where it stopped and ends with exactly the rows a clean run
gives. The schema and its migrations are in ``khaldun.schema``; fusion's rules are in
``khaldun.fusion``.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    union,
    update,
)
from sqlalchemy.engine import Connection, Engine

from khaldun import fusion
from khaldun.errors import StoreError
from khaldun.ingest.canonical import canonical_url, content_hash
from khaldun.model import Article, CodedArticle, ItemError, content_id
from khaldun.schema import (
    MIGRATIONS,
    WIDE_DAYS,
    actors,
    articles,
    errors,
    events,
    fused_events,
    fusion_keys,
    ingest_runs,
    mentions,
    migrations,
    places,
)
from khaldun.serialize import article_dict, event_dict
from khaldun.text import key

__all__ = ["MIGRATIONS", "EventFilter", "Rows", "Store", "fuse_all", "index_mentions"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class EventFilter:
    type: str | None = None
    actor: str | None = None
    country: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    text: str | None = None  # full-text search over the articles that tell the event


class Store:
    def __init__(self, url: str) -> None:
        if "://" not in url:
            url = f"sqlite:///{url}"
        if url.startswith(("postgresql://", "postgres://")):
            # psycopg 3 (the `postgres` extra), not SQLAlchemy's default psycopg2
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        try:
            self.engine: Engine = create_engine(url)
        except ModuleNotFoundError as exc:
            raise StoreError(f"cannot open store {url!r}: its driver is not installed "
                             f"({exc.name}); for PostgreSQL: pip install 'khaldun[postgres]'") from exc  # fmt: skip
        except Exception as exc:
            raise StoreError(f"cannot open store {url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.run_id: int | None = None
        self._batch = threading.local()  # what ``add`` remembers inside ``batch()``
        self.migrate()

    def migrate(self) -> None:
        try:
            with self.engine.begin() as conn:
                migrations.create(conn, checkfirst=True)
                done = {r[0] for r in conn.execute(select(migrations.c.name))}
                for name, fn in MIGRATIONS:
                    if name not in done:
                        fn(conn)
                        conn.execute(insert(migrations).values(name=name, at=_now()))
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot open or migrate the store: {exc}") from exc

    # -- writing ----------------------------------------------------------------------------------
    def has_article(self, article: str | Article) -> bool:
        """Is this article stored? Given an id: any version. Given an article: this very text
        (by id and content hash, or canonical URL and content hash)."""
        if not isinstance(article, str):
            return self.stored([article])[0]
        with self.engine.connect() as conn:
            q = select(articles.c.id).where(articles.c.id == article)
            return conn.execute(q).first() is not None

    def stored(self, batch: list[Article]) -> list[bool]:
        """``has_article`` for each article of a batch, in one read of the store."""
        keys = [(a.id, canonical_url(a.url), content_hash(a.text)) for a in batch]
        found: list[tuple[str, str | None, str | None]] = []
        with self.engine.connect() as conn:
            for n in range(0, len(keys), 400):
                part = keys[n : n + 400]
                urls = sorted({cu for _, cu, _ in part if cu})
                q = _RELATED.where(or_(articles.c.id.in_(sorted({k[0] for k in part})),
                                       articles.c.canonical_url.in_(urls)))  # fmt: skip
                found += [(r[0], r[1], r[2]) for r in conn.execute(q)]
        by_id = {r[0]: r for r in found}
        by_url: dict[str, list[tuple[str, str | None, str | None]]] = {}
        for r in found:
            if r[2]:
                by_url.setdefault(r[2], []).append(r)
        return [_same_in([r for r in (by_id.get(i),) if r] + by_url.get(cu or "", []), i, cu, h)
                is not None for i, cu, h in keys]  # fmt: skip

    def add(self, coded: CodedArticle | Rows) -> bool:
        """Store an article, its mentions and their fusion in one transaction; False if this very
        article was there already."""
        return self._write([coded])[0]

    def add_many(self, coded: Sequence[CodedArticle | Rows]) -> list[bool]:
        """Store articles in order, as ``add`` does each, in one transaction: one commit for a
        batch, not one per article. If that fails, each is added in its own transaction, so a
        bad article costs only itself (and raises as ``add`` does); a killed run loses at most
        this batch, which it codes again on resuming."""
        if len(coded) > 1:
            try:
                return self._write(coded)
            except Exception:  # found again, and raised, article by article below
                pass
        return [self.add(c) for c in coded]

    def _write(self, items: Sequence[CodedArticle | Rows]) -> list[bool]:
        memo = getattr(self._batch, "memo", None)
        try:
            with self.engine.begin() as conn:
                added = [_add(conn, c, _Linker(conn, memo)) for c in items]
        except BaseException:
            if memo is not None:  # what it remembers may be what was just rolled back
                memo.clear()
            raise
        if memo is not None:
            memo.trim()
        return added

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Within it, ``add`` and ``add_many`` (their transactions as without it) remember what
        they read of the store and what they stored, parsed, from one article to the next: for
        articles written one batch after the other, as ``ingest`` does. Nested, it is the
        enclosing batch."""
        if getattr(self._batch, "memo", None) is not None:
            yield
            return
        self._batch.memo = _Memo()
        try:
            yield
        finally:
            self._batch.memo = None

    def fuse(self, *, rebuild: bool = False) -> dict[str, int]:
        """Link mentions no event holds yet (all of them, in canonical order, with ``rebuild``);
        re-running it changes nothing."""
        with self.engine.begin() as conn:
            if rebuild:
                conn.execute(update(events).values(fused_id=None))
                conn.execute(delete(fused_events))
            n = fuse_all(conn)
            total = conn.execute(select(func.count()).select_from(fused_events)).scalar_one()
        return {"linked": n, "events": total}

    def start_run(self, inputs: Iterable[str]) -> int:
        """Record an ingest run; errors met from now on name it."""
        with self.engine.begin() as conn:
            res = conn.execute(insert(ingest_runs).values(
                started_at=_now(), status="running", inputs=json.dumps(list(inputs))))  # fmt: skip
            self.run_id = int(res.inserted_primary_key[0])  # type: ignore[index]
        return self.run_id

    def finish_run(self, run_id: int, *, read: int, stored: int, skipped: int, n_events: int,
                   n_errors: int) -> None:  # fmt: skip
        with self.engine.begin() as conn:
            conn.execute(update(ingest_runs).where(ingest_runs.c.id == run_id).values(
                finished_at=_now(), status="finished", read=read, stored=stored,
                skipped=skipped, events=n_events, errors=n_errors))  # fmt: skip

    def add_error(self, err: ItemError) -> None:
        """Store a bad item; the same item failing the same way again is one row, not two."""
        with self.engine.begin() as conn:
            old = conn.execute(select(errors.c.id).where(
                errors.c.source == err.source, errors.c.reason == err.reason)).first()  # fmt: skip
            if old:
                conn.execute(update(errors).where(errors.c.id == old[0])
                             .values(at=_now(), run_id=self.run_id))  # fmt: skip
            else:
                conn.execute(insert(errors).values(source=err.source, reason=err.reason,
                                                   at=_now(), run_id=self.run_id))  # fmt: skip

    # -- reading ----------------------------------------------------------------------------------
    def events(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Event mentions of the current article versions, each with its source and its fused
        event's id (``event_id``)."""
        f = f or EventFilter()
        q = (
            select(
                events.c.data,
                events.c.fused_id,
                articles.c.url,
                articles.c.outlet,
                articles.c.published,
            )
            .join(articles, articles.c.id == events.c.article_id)
            .where(articles.c.superseded_by.is_(None))
        )
        q = _filtered(q, events, f)
        if f.text:
            q = q.where(events.c.article_id.in_(self._search(f.text)))
        q = q.order_by(events.c.date_start, events.c.id)
        if f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            for data, fused_id, url, outlet, published in conn.execute(q):
                d = json.loads(data)
                d["source"] = {"url": url, "outlet": outlet, "published": published}
                d["event_id"] = fused_id
                yield d

    def fused_events(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Real-world events: the event keys of ``khaldun code``, the sources and every mention."""
        f = f or EventFilter()
        q = _filtered(select(fused_events.c.data), fused_events, f)
        if f.text:
            hit = select(events.c.fused_id).where(events.c.article_id.in_(self._search(f.text)))
            q = q.where(fused_events.c.id.in_(hit))
        q = q.order_by(fused_events.c.date_start, fused_events.c.id)
        if f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            for (data,) in conn.execute(q):
                d = json.loads(data)
                first = d["mentions"][0]
                d["source"] = {"url": first["url"], "outlet": first["outlet"],
                               "published": first["published"]}  # fmt: skip
                yield d

    def _search(self, query: str) -> list[str]:
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                try:
                    rows = conn.execute(text("SELECT article_id FROM articles_fts "
                                             "WHERE articles_fts MATCH :q"), {"q": query})  # fmt: skip
                    return [r[0] for r in rows]
                except Exception as exc:
                    raise StoreError(f"bad search {query!r}: {exc}. Use words, "
                                     '"quoted phrases", AND, OR, NOT') from None  # fmt: skip
            if self.engine.dialect.name == "postgresql":
                # PostgreSQL's own full-text search: words, "quoted phrases", OR, -word
                rows = conn.execute(text(
                    "SELECT id FROM articles WHERE to_tsvector('english', coalesce(title, '') "
                    "|| ' ' || coalesce(text, '')) @@ websearch_to_tsquery('english', :q)"),
                    {"q": query})  # fmt: skip
                return [r[0] for r in rows]
            like = f"%{query}%"
            q = select(articles.c.id).where(
                articles.c.text.ilike(like) | articles.c.title.ilike(like)
            )
            return [r[0] for r in conn.execute(q)]

    def errors(self, *, run: int | None = None) -> list[dict[str, Any]]:
        q = select(errors).order_by(errors.c.id)
        if run is not None:
            q = q.where(errors.c.run_id == run)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(ingest_runs).order_by(ingest_runs.c.id))
            return [dict(r._mapping) for r in rows]

    def counts(self, *, all_tables: bool = False) -> dict[str, int]:
        tables = [articles, events, errors, mentions]
        if all_tables:
            tables += [fused_events, actors, places, ingest_runs]
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in tables}  # fmt: skip

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every data row, without the clock's columns (what two equal stores share)."""
        out = {}
        with self.engine.connect() as conn:
            for t in (articles, events, fused_events, mentions, actors, places):
                cols = [c for c in t.columns if c.name not in ("ingested_at",)]
                q = select(*cols).order_by(*t.primary_key.columns)
                out[t.name] = [tuple(r) for r in conn.execute(q)]
            q2 = select(errors.c.source, errors.c.reason).order_by(errors.c.source, errors.c.reason)
            out["errors"] = [tuple(r) for r in conn.execute(q2)]
        return out

    def unknown_actors(self, *, how: tuple[str, ...] = ("unresolved",), limit: int = 50,
                       min_count: int = 1) -> list[dict[str, Any]]:  # fmt: skip
        """The most frequent actor mentions the dictionary did not resolve, for a curator.

        Grouped by folded text; each row says how often and in how many articles it occurs, the
        most common spelling, and one article it occurs in.
        """
        q = (
            select(
                mentions.c.key,
                func.count().label("mentions"),
                func.count(func.distinct(mentions.c.article_id)).label("articles"),
                func.min(mentions.c.article_id).label("example_article"),
            )
            .where(mentions.c.how.in_(how))
            .group_by(mentions.c.key)
            .having(func.count() >= min_count)
            .order_by(func.count().desc(), mentions.c.key)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = list(conn.execute(q))
            spellings: dict[str, Counter[str]] = {r.key: Counter() for r in rows}
            resolved: dict[str, Counter[str]] = {r.key: Counter() for r in rows}
            if rows:
                q2 = (
                    select(mentions.c.key, mentions.c.text, mentions.c.name, func.count())
                    .where(mentions.c.how.in_(how), mentions.c.key.in_(list(spellings)))
                    .group_by(mentions.c.key, mentions.c.text, mentions.c.name)
                )
                for k, txt, name, cnt in conn.execute(q2):
                    spellings[k][txt] += cnt
                    if name and name != txt:
                        resolved[k][name] += cnt
        return [{
            "text": spellings[r.key].most_common(1)[0][0], "mentions": r.mentions,
            "articles": r.articles, "example_article": r.example_article,
            "resolved_as": resolved[r.key].most_common(1)[0][0] if resolved[r.key] else None,
        } for r in rows]  # fmt: skip


# -- helpers run inside a transaction --------------------------------------------------------------
def _filtered(q: Any, t: Any, f: EventFilter) -> Any:
    if f.type:
        q = q.where(t.c.type == f.type.upper())
    if f.status:
        q = q.where(t.c.status == f.status)
    if f.country:
        c = f.country.upper()
        q = q.where((t.c.country == c) | (t.c.actor1_country == c) | (t.c.actor2_country == c))
    if f.actor:
        like = f"%{f.actor}%"
        q = q.where(t.c.actor1.ilike(like) | t.c.actor2.ilike(like))
    if f.since:
        q = q.where(t.c.date_end >= f.since)
    if f.until:
        q = q.where(t.c.date_start <= f.until)
    return q


@dataclass(frozen=True)
class Rows:
    """An article as the store writes it: its rows and fusion's view of its mentions, built
    from its coding wherever that ran. A worker builds them, so that the single writer only
    writes; they cross between processes as plain values."""

    article: dict[str, Any]  # its row, less its version and time of ingest
    events: list[dict[str, Any]]  # its mention rows
    mentions: list[fusion.Mention]  # fusion's, one per mention row, each with the row's data
    actor_mentions: list[dict[str, Any]]
    keys: list[dict[str, Any]]  # fusion's blocking keys

    @staticmethod
    def of(coded: CodedArticle) -> Rows:
        """The rows of a coded article."""
        a = coded.article
        d = article_dict(coded)
        row = dict(
            id=a.id, url=a.url, outlet=a.outlet, published=d["published"], title=a.title,
            text=a.text, raw_text=a.raw_text,
            meta=json.dumps({"section": d["section"], "boilerplate": d["boilerplate"],
                             "framing": d["framing"], "provenance": d["provenance"],
                             "source_id": a.source_id, "author": a.author}),
            canonical_url=canonical_url(a.url), content_hash=content_hash(a.text))  # fmt: skip
        rows = [_mention_row(event_dict(e, a.text), a.outlet) for e in coded.events]
        eds = [json.loads(r["data"]) for r in rows]  # as stored, and as fusion reads them back
        seen: set[int] = set()
        ments = []
        for m in coded.actors:
            if m.span.start in seen:
                continue
            seen.add(m.span.start)
            ments.append(dict(
                article_id=a.id, start=m.span.start, end=m.span.end, text=m.text,
                key=key(m.text), actor_id=m.actor.id, name=m.actor.name, how=m.how,
                score=m.score))  # fmt: skip
        new = [fusion.Mention.make(ed, outlet=a.outlet, url=a.url, published=d["published"])
               for ed in eds]  # fmt: skip
        keyed = [k for fm in new for k in _key_rows(fm)]
        return Rows(row, rows, new, ments, keyed)

    def renamed(self, new_id: str) -> Rows:
        """The same article under another id (a new version whose id is taken), its events
        re-id'd from it as events' ids are made."""
        a = self.article
        eds = [dict(m.data, id=content_id(new_id, m.id, prefix="e-"), article_id=new_id)
               for m in self.mentions]  # fmt: skip
        new = [fusion.Mention.make(ed, outlet=a["outlet"], url=a["url"], published=a["published"])
               for ed in eds]  # fmt: skip
        return Rows({**a, "id": new_id}, [_mention_row(ed, a["outlet"]) for ed in eds], new,
                    [{**r, "article_id": new_id} for r in self.actor_mentions],
                    [k for fm in new for k in _key_rows(fm)])  # fmt: skip


def _add(conn: Connection, item: CodedArticle | Rows, linker: _Linker) -> bool:
    """Store one article, its mentions and their fusion; False if this very article is there."""
    rows = item if isinstance(item, Rows) else Rows.of(item)
    aid, cu, h = rows.article["id"], rows.article["canonical_url"], rows.article["content_hash"]
    q, args = (_RELATED_BY_URL, {"id": aid, "cu": cu}) if cu else (_RELATED_BY_ID, {"id": aid})
    related = [(r[0], r[1], r[2]) for r in conn.execute(q, args)]
    if _same_in(related, aid, cu, h) is not None:
        return False
    previous: str | None = None
    version = 1
    if related:  # an earlier version may be there (no row shares its id or URL: none is)
        rows, previous, version = _versioned(conn, rows)
    _INSERT["articles"](conn, {**rows.article, "ingested_at": _now(), "version": version})
    if previous is not None:
        _supersede(conn, previous, rows.article["id"], linker)
    if rows.events:
        _INSERT["events"](conn, rows.events)
    _remember_actors_places(conn, [m.data for m in rows.mentions], linker.known)
    if rows.actor_mentions:
        _INSERT[mentions.name](conn, rows.actor_mentions)
    if rows.keys:
        _INSERT["fusion_keys"](conn, rows.keys)
    for fm in sorted(rows.mentions, key=lambda x: x.order):
        linker.cache[fm.id] = fm
        linker.link(fm, fresh=True)
    return True


class _Direct:
    """A statement compiled once per dialect (and shape of parameters) and run through the
    driver, with none of the per-call compiling and parameter processing of ``conn.execute``:
    for the statements run for every article and every mention. What they bind is plain
    strings and numbers, which no dialect processes; a list binds an expanding ``IN``, its
    items named as SQLAlchemy names them (``keys_1``, ``keys_2``...)."""

    def __init__(self, stmt: Any) -> None:
        self.stmt = stmt
        self._sql: dict[tuple[Any, ...], tuple[str, Any]] = {}

    def __call__(self, conn: Connection, params: dict[str, Any] | list[dict[str, Any]]) -> Any:
        rows = params if isinstance(params, list) else [params]
        if not rows:
            return None
        shape = tuple((k, len(v)) if isinstance(v, list) else (k, -1) for k, v in rows[0].items())
        got = self._sql.get((conn.dialect.name, shape))
        if got is None:
            got = self._sql[(conn.dialect.name, shape)] = self._compile(conn, shape)
        sql, pick = got
        if any(n >= 0 for _, n in shape):
            rows = [_flat(r) for r in rows]
        args = [pick(r) for r in rows] if pick is not None else rows
        return conn.exec_driver_sql(sql, args if isinstance(params, list) else args[0])

    def _compile(self, conn: Connection, shape: tuple[tuple[str, int], ...]) -> tuple[str, Any]:
        if self.stmt.is_insert:
            c = self.stmt.compile(dialect=conn.dialect, column_keys=[k for k, _ in shape])
        elif any(n >= 0 for _, n in shape):  # rendered for lists of these lengths
            stmt = self.stmt.params(**{k: ["?"] * n if n >= 0 else "?" for k, n in shape})
            c = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        else:
            c = self.stmt.compile(dialect=conn.dialect)
        order = tuple(c.positiontup or ())  # empty where the driver takes names
        pick = itemgetter(*order) if len(order) > 1 else None
        if len(order) == 1:
            pick = lambda r, k=order[0]: (r[k],)  # noqa: E731
        return str(c), pick


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(v, list):
            out.update((f"{k}_{i}", x) for i, x in enumerate(v, 1))
        else:
            out[k] = v
    return out


_INSERT = {t.name: _Direct(insert(t)) for t in (articles, events, mentions, fusion_keys,
                                                 actors, places, fused_events)}  # fmt: skip


_RELATED = select(articles.c.id, articles.c.content_hash, articles.c.canonical_url)
_RELATED_BY_ID = _RELATED.where(articles.c.id == bindparam("id"))
_RELATED_BY_URL = _RELATED.where(
    or_(articles.c.id == bindparam("id"), articles.c.canonical_url == bindparam("cu"))
)


def _same_in(rows: list[tuple[str, str | None, str | None]], aid: str, cu: str | None,
             h: str) -> str | None:  # fmt: skip
    """The id of the stored copy of exactly this article (same id and content hash, or same
    canonical URL and content hash), among the rows (id, content hash, canonical URL) that
    share its id or canonical URL."""
    for rid, rh, _ in rows:
        if rid == aid and rh in (h, None):
            return rid
    if cu:
        for rid, rh, rcu in rows:
            if rcu == cu and rh == h:
                return rid
    return None


def _versioned(conn: Connection, rows: Rows) -> tuple[Rows, str | None, int]:
    """A changed article is a new version: the latest stored version it replaces (if any), its
    version number, and (when the id is taken) the article re-id'd by its content."""
    a = rows.article
    cond = [articles.c.id == a["id"]]
    if a["canonical_url"]:
        cond.append(articles.c.canonical_url == a["canonical_url"])
    q = (select(articles.c.id, articles.c.version).where(or_(*cond))
         .where(articles.c.superseded_by.is_(None)))  # fmt: skip
    prev = conn.execute(q).first()
    if prev is None:
        return rows, None, 1
    taken = conn.execute(select(articles.c.id).where(articles.c.id == a["id"])).first() is not None
    if taken:
        rows = rows.renamed(f"{a['id']}~{a['content_hash'][:12]}")
    return rows, str(prev[0]), int(prev[1] or 1) + 1


def _supersede(conn: Connection, old_id: str, new_id: str, linker: _Linker) -> None:
    conn.execute(update(articles).where(articles.c.id == old_id).values(superseded_by=new_id))
    q = select(events.c.fused_id).where(
        events.c.article_id == old_id, events.c.fused_id.is_not(None)
    )
    touched = sorted({r[0] for r in conn.execute(q)})
    conn.execute(update(events).where(events.c.article_id == old_id).values(fused_id=None))
    for eid in touched:
        linker.refresh(eid)


def _mention_row(ed: dict[str, Any], outlet: str | None) -> dict[str, Any]:
    p, dt = ed["place"] or {}, ed["date"] or {}
    a1, a2 = ed["actor1"] or {}, ed["actor2"] or {}
    return dict(
        id=ed["id"], article_id=ed["article_id"], type=ed["type"], mode=ed["mode"],
        status=ed["status"], actor1=a1.get("name"), actor1_country=a1.get("country"),
        actor2=a2.get("name"), actor2_country=a2.get("country"), country=p.get("country"),
        location=p.get("name"), lat=p.get("lat"), lon=p.get("lon"),
        geo_precision=p.get("precision"), date_start=dt.get("start"), date_end=dt.get("end"),
        date_precision=dt.get("precision"), confidence=ed["confidence"], outlet=outlet,
        attributed_to=(ed["attributed_to"] or {}).get("name"), fatalities=ed.get("fatalities"),
        data=json.dumps(ed))  # fmt: skip


_IDS = {t.name: _Direct(select(t.c.id).where(t.c.id.in_(bindparam("ids", expanding=True))))
        for t in (actors, places)}  # fmt: skip


def _remember_actors_places(conn: Connection, eds: list[dict[str, Any]], known: set[str]) -> None:
    """Store the actors and places the mentions name that the store lacks (``known``: ids this
    transaction found or stored already): one read and one write per table."""
    new: dict[Any, dict[str, dict[str, Any]]] = {actors: {}, places: {}}
    for ed in eds:
        for a in (ed.get("actor1"), ed.get("actor2")):
            if not a or not a.get("id") or a["id"] in known or a["id"] in new[actors]:
                continue
            new[actors][a["id"]] = dict(
                id=a["id"], name=a.get("name"), country=a.get("country"),
                sector=a.get("sector"), member_of=json.dumps(a.get("member_of") or []))  # fmt: skip
        p = ed.get("place")
        if p:
            pid = p.get("gazetteer_id") or content_id(str(p.get("name")), str(p.get("lat")),
                                                      str(p.get("lon")), prefix="p-")  # fmt: skip
            if pid in known or pid in new[places]:
                continue
            new[places][pid] = dict(
                id=pid, name=p.get("name"), country=p.get("country"), admin1=p.get("admin1"),
                lat=p.get("lat"), lon=p.get("lon"), precision=p.get("precision"),
                feature=p.get("feature"))  # fmt: skip
    for table, rows in new.items():
        if not rows:
            continue
        known.update(rows)
        have = {r[0] for r in _IDS[table.name](conn, {"ids": list(rows)})}
        missing = [row for rid, row in rows.items() if rid not in have]
        if missing:
            _INSERT[table.name](conn, missing)


_MENTION_COLS = (events.c.data, articles.c.outlet, articles.c.url, articles.c.published)


def _mention(
    data: str, outlet: str | None, url: str | None, published: str | None
) -> fusion.Mention:
    return fusion.Mention.make(json.loads(data), outlet=outlet, url=url, published=published)


# fusion's statements, built once
_SET_FUSED = _Direct(
    update(events).where(events.c.id == bindparam("mid")).values(fused_id=bindparam("fid"))
)
_MOVE = _Direct(
    update(events).where(events.c.fused_id == bindparam("old")).values(fused_id=bindparam("fid"))
)
# The candidate events and all their mentions: (event, its founder, mention). A candidate has a
# mention that shares one of the new mention's keys (``fusion.keys``: no other pair can reach
# the threshold), whose window meets the new mention's, and which is not precisely placed in
# another country than a precisely placed new mention (fusion rules such a pair, and so its
# event, out). A key row whose window is at most WIDE_DAYS long starts at most WIDE_DAYS before
# the new mention's window: the window index is read over those days. The few wider windows are
# looked up by their length (``win_days``).
_KEYED = select(fusion_keys.c.mention_id).where(
    fusion_keys.c.key.in_(bindparam("keys", expanding=True)),
    fusion_keys.c.win_end >= bindparam("since"),
)
_KEYED_IN = or_(fusion_keys.c.country == bindparam("country"), fusion_keys.c.country.is_(None))
_NARROW = _KEYED.where(fusion_keys.c.win_start >= bindparam("floor"),
                       fusion_keys.c.win_start <= bindparam("until"))  # fmt: skip
_WIDE = _KEYED.where(fusion_keys.c.win_days > literal_column(str(WIDE_DAYS)),  # the index's
                     fusion_keys.c.win_start <= bindparam("until"))  # fmt: skip


def _candidates(keyed: Any) -> Any:
    hit = select(events.c.fused_id).where(events.c.id.in_(keyed), events.c.fused_id.is_not(None))
    return (
        select(fused_events.c.id, fused_events.c.founder, events.c.id)
        .join(events, events.c.fused_id == fused_events.c.id)
        .where(fused_events.c.id.in_(hit))
    )


# by whether the new mention is precisely placed in a country
_CANDIDATES = {False: _Direct(_candidates(union(_NARROW, _WIDE))),
               True: _Direct(_candidates(union(_NARROW.where(_KEYED_IN), _WIDE.where(_KEYED_IN))))}  # fmt: skip
_MENTIONS_BY_ID = (
    select(events.c.id, *_MENTION_COLS)
    .join(articles, articles.c.id == events.c.article_id)
    .where(events.c.id.in_(bindparam("ids", expanding=True)))
)
_FOUNDER = select(fused_events.c.founder).where(fused_events.c.id == bindparam("eid"))
_UNFUSE = _Direct(delete(fused_events).where(fused_events.c.id == bindparam("eid")))
_FUSED_MEMBERS = select(events.c.id).where(events.c.fused_id == bindparam("eid"))
_LOOKUP = object()  # a fused event's founder is not known: read its row, if it has one
_NEW = object()  # a fused event that has no row


def _key_rows(m: fusion.Mention) -> list[dict[str, Any]]:
    """A mention's rows in ``fusion_keys`` (none without a date window: it links nothing)."""
    w = m.window()
    if w is None:
        return []
    start, end, days = w[0].isoformat(), w[1].isoformat(), (w[1] - w[0]).days
    country = _precise_country(m)
    return [dict(mention_id=m.id, key=k, win_start=start, win_end=end, win_days=days,
                 country=country) for k in fusion.keys(m)]  # fmt: skip


def _precise_country(m: fusion.Mention) -> str | None:
    """The country of a mention's place if precise: fusion rules out a pair of mentions
    precisely placed in two countries."""
    p = m.place or {}
    return p.get("country") if int(p.get("precision") or 3) <= 2 else None


def index_mentions(conn: Connection) -> int:
    """Write fusion's keys for the current mentions that have none (a store made before keys,
    migration 008); returns how many mentions were keyed."""
    fusion_keys.create(conn, checkfirst=True)
    q = (  # an anti-join that both engines run as one pass (not NOT IN, which PostgreSQL may not)
        select(*_MENTION_COLS)
        .join(articles, articles.c.id == events.c.article_id)
        .outerjoin(fusion_keys, fusion_keys.c.mention_id == events.c.id)
        .where(articles.c.superseded_by.is_(None), fusion_keys.c.mention_id.is_(None))
    )
    n, rows = 0, []
    for data, outlet, url, published in conn.execute(q).fetchall():
        got = _key_rows(_mention(data, outlet, url, published))
        n += bool(got)
        rows += got
    for i in range(0, len(rows), 1000):
        conn.execute(insert(fusion_keys), rows[i : i + 1000])
    return n


class _Memo:
    """What a batch of writes remembers of the store: the stored mentions it read, parsed (a
    mention row never changes but for ``fused_id``, which is always read from the store), and
    the ids of actors and places it found or stored (rows that are never deleted). Bounded:
    between articles it keeps the ``MENTIONS`` mentions it met last (as a candidate or stored),
    and ``KNOWN`` ids."""

    # about 3,000 articles' mentions (some 5 MB a thousand): fusion meets them again and again
    MENTIONS = 20_000
    KNOWN = 200_000

    def __init__(self) -> None:
        self.mentions: OrderedDict[str, fusion.Mention] = OrderedDict()
        self.known: set[str] = set()

    def clear(self) -> None:
        self.mentions.clear()
        self.known.clear()

    def trim(self) -> None:
        while len(self.mentions) > self.MENTIONS:  # the least recently met first
            self.mentions.popitem(last=False)
        if len(self.known) > self.KNOWN:
            self.known.clear()


class _Linker:
    """Fusion inside one transaction; each stored mention is read and parsed once."""

    def __init__(self, conn: Connection, memo: _Memo | None = None) -> None:
        self.conn = conn
        memo = memo or _Memo()
        self.cache = memo.mentions
        self.known = memo.known

    def load(self, ids: Iterable[str]) -> None:
        missing = sorted({i for i in ids if i not in self.cache})
        for n in range(0, len(missing), 500):
            for mid, *rest in self.conn.execute(_MENTIONS_BY_ID, {"ids": missing[n : n + 500]}):
                self.cache[mid] = _mention(*rest)

    def link(self, m: fusion.Mention, *, fresh: bool = False) -> None:
        """Fuse one stored mention: join the best candidate event, or start one. ``fresh``: the
        mention was stored in this transaction, so no event it founded can exist yet."""
        conn = self.conn
        w = m.window()
        cands: dict[str, list[fusion.Mention]] = {}
        founders: dict[str, Any] = {}
        probe = fusion.keys(m, probe=True) if w is not None else []
        if w is not None and probe:
            country = _precise_country(m)
            args = {"keys": probe, "until": w[1].isoformat(), "since": w[0].isoformat(),
                    "floor": (w[0] - timedelta(days=WIDE_DAYS)).isoformat(), "country": country}  # fmt: skip
            found = _CANDIDATES[country is not None](conn, args)
            rows = sorted({(r[0], r[1], r[2]) for r in found}, key=lambda r: r[2])  # by mention id
            self.load(mid for _, _, mid in rows)
            for fid, founder, mid in rows:
                founders[fid] = founder
                self.cache.move_to_end(mid)  # the last met is the last trimmed
                cands.setdefault(fid, []).append(self.cache[mid])
        ids = fusion.qualifying(m, cands)
        eid = ids[0] if ids else fusion.event_id(m.id)
        _SET_FUSED(conn, {"mid": m.id, "fid": eid})
        for other in ids[1:]:  # the mention bridges events: they were one event all along
            if fusion.mergeable(cands[eid] + [m], cands[other]):
                _MOVE(conn, {"old": other, "fid": eid})
                cands[eid] += cands.pop(other)
                self.refresh(other, members=[], founder=founders[other])
        self.refresh(eid, members=[*cands.get(eid, []), m],
                     founder=founders.get(eid, _NEW if fresh else _LOOKUP), new_founder=m.id)  # fmt: skip

    def refresh(self, eid: str, *, members: list[fusion.Mention] | None = None,
                founder: Any = _LOOKUP, new_founder: str | None = None) -> None:  # fmt: skip
        """Recompute a fused event's row from its mentions (delete it when none is left).

        ``members``: its mentions, when the caller knows them; ``founder``: its stored row's
        founder when the caller knows it, ``_NEW`` when it has no row; ``new_founder``: the
        founder of a new row."""
        conn = self.conn
        if members is None:
            ids = [r[0] for r in conn.execute(_FUSED_MEMBERS, {"eid": eid})]
            self.load(ids)
            members = [self.cache[i] for i in ids]
            founder = _LOOKUP
        if founder is _LOOKUP:
            row = conn.execute(_FOUNDER, {"eid": eid}).first()
            founder = row[0] if row else _NEW
        if founder is not _NEW:
            _UNFUSE(conn, {"eid": eid})
        if not members:
            return
        d = fusion.fuse(eid, members)
        wins = [w for w in (m.window() for m in members) if w is not None]
        p, dt = d["place"] or {}, d["date"] or {}
        a1, a2 = d["actor1"] or {}, d["actor2"] or {}
        _INSERT["fused_events"](conn, dict(
            id=eid, founder=new_founder if founder is _NEW else founder, type=d["type"],
            mode=d["mode"], status=d["status"], actor1=a1.get("name"),
            actor1_country=a1.get("country"), actor2=a2.get("name"),
            actor2_country=a2.get("country"), country=p.get("country"), admin1=p.get("admin1"),
            location=p.get("name"), lat=p.get("lat"), lon=p.get("lon"),
            geo_precision=p.get("precision"), date_start=dt.get("start"),
            date_end=dt.get("end"), date_precision=dt.get("precision"),
            win_start=min(w[0] for w in wins).isoformat() if wins else None,
            win_end=max(w[1] for w in wins).isoformat() if wins else None,
            win_days=(max(w[1] for w in wins) - min(w[0] for w in wins)).days if wins else None,
            fatalities=d["fatalities"], n_sources=d["n_sources"], n_outlets=d["n_outlets"],
            confidence=d["confidence"], data=json.dumps(d)))  # fmt: skip


def fuse_all(conn: Connection) -> int:
    """Link every current mention no event holds yet, in canonical order (publication date,
    article, mention); returns how many were linked."""
    index_mentions(conn)
    linker = _Linker(conn)
    q = (
        select(events.c.id, *_MENTION_COLS)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.fused_id.is_(None), articles.c.superseded_by.is_(None))
    )
    todo = []
    for mid, *rest in conn.execute(q):
        linker.cache[mid] = m = _mention(*rest)
        todo.append(m)
    todo.sort(key=lambda m: m.order)
    for m in todo:
        linker.link(m)
    return len(todo)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
