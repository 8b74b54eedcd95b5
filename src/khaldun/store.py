"""The embedded store (SQLite by default, any SQLAlchemy URL): articles, events, actor mentions, errors.

Ingestion is idempotent: ids are content hashes, rows are inserted once, and a re-run adds
nothing. Each article and its events are written in one transaction, so a killed run resumes
where it stopped. Migrations are an append-only list of named functions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Connection, Engine

from khaldun.errors import StoreError
from khaldun.model import CodedArticle, ItemError
from khaldun.serialize import article_dict, event_dict
from khaldun.text import key

meta = MetaData()

articles = Table(
    "articles", meta,
    Column("id", String, primary_key=True),
    Column("url", String), Column("outlet", String), Column("published", String),
    Column("title", Text), Column("text", Text), Column("raw_text", Text),
    Column("meta", Text),  # JSON: section, boilerplate, provenance
    Column("ingested_at", String),
)  # fmt: skip
events = Table(
    "events", meta,
    Column("id", String, primary_key=True),
    Column("article_id", String, index=True),
    Column("type", String), Column("mode", String), Column("status", String),
    Column("actor1", String), Column("actor1_country", String),
    Column("actor2", String), Column("actor2_country", String),
    Column("country", String), Column("location", String),
    Column("lat", Float), Column("lon", Float), Column("geo_precision", Integer),
    Column("date_start", String), Column("date_end", String), Column("date_precision", String),
    Column("confidence", Float), Column("outlet", String),
    Column("data", Text),  # the whole event as JSON (the output contract)
)  # fmt: skip
Index("ix_events_type_date", events.c.type, events.c.date_start)
errors = Table(
    "errors", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String), Column("reason", Text), Column("at", String),
)  # fmt: skip
mentions = Table(
    "actor_mentions", meta,
    Column("article_id", String, primary_key=True),
    Column("start", Integer, primary_key=True), Column("end", Integer),
    Column("text", Text), Column("key", String, index=True),  # folded text, for grouping
    Column("actor_id", String), Column("name", String), Column("how", String, index=True),
    Column("score", Float),
)  # fmt: skip
migrations = Table(
    "migrations", meta, Column("name", String, primary_key=True), Column("at", String)
)
_V1 = (articles, events, errors)


def _m001_initial(conn: Connection) -> None:
    meta.create_all(conn, tables=list(_V1))


def _m002_actor_mentions(conn: Connection) -> None:
    mentions.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("001_initial", _m001_initial),
    ("002_actor_mentions", _m002_actor_mentions),
]


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


class Store:
    def __init__(self, url: str) -> None:
        if "://" not in url:
            url = f"sqlite:///{url}"
        try:
            self.engine: Engine = create_engine(url)
        except Exception as exc:
            raise StoreError(f"cannot open store {url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> None:
        with self.engine.begin() as conn:
            migrations.create(conn, checkfirst=True)
            done = {r[0] for r in conn.execute(select(migrations.c.name))}
            for name, fn in MIGRATIONS:
                if name not in done:
                    fn(conn)
                    conn.execute(insert(migrations).values(name=name, at=_now()))

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first()
                is not None
            )

    def add(self, coded: CodedArticle) -> bool:
        """Store an article and its events in one transaction; False if it was there already."""
        a = coded.article
        with self.engine.begin() as conn:
            if conn.execute(select(articles.c.id).where(articles.c.id == a.id)).first():
                return False
            d = article_dict(coded)
            conn.execute(insert(articles).values(
                id=a.id, url=a.url, outlet=a.outlet, published=d["published"], title=a.title,
                text=a.text, raw_text=a.raw_text,
                meta=json.dumps({"section": d["section"], "boilerplate": d["boilerplate"],
                                 "framing": d["framing"], "provenance": d["provenance"]}),
                ingested_at=_now()))  # fmt: skip
            rows = []
            for e in coded.events:
                ed = event_dict(e, a.text)
                p, dt = ed["place"] or {}, ed["date"] or {}
                rows.append(dict(
                    id=e.id, article_id=a.id, type=e.type, mode=e.mode, status=e.status,
                    actor1=(ed["actor1"] or {}).get("name"), actor1_country=(ed["actor1"] or {}).get("country"),
                    actor2=(ed["actor2"] or {}).get("name"), actor2_country=(ed["actor2"] or {}).get("country"),
                    country=p.get("country"), location=p.get("name"), lat=p.get("lat"), lon=p.get("lon"),
                    geo_precision=p.get("precision"), date_start=dt.get("start"), date_end=dt.get("end"),
                    date_precision=dt.get("precision"), confidence=e.confidence, outlet=a.outlet,
                    data=json.dumps(ed)))  # fmt: skip
            if rows:
                conn.execute(insert(events), rows)
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
            if ments:
                conn.execute(insert(mentions), ments)
        return True

    def unknown_actors(self, *, how: tuple[str, ...] = ("unresolved",), limit: int = 50,
                       min_count: int = 1) -> list[dict[str, Any]]:  # fmt: skip
        """The most frequent actor mentions the dictionary did not resolve, for a curator.

        Grouped by folded text; each row says how often and in how many articles it occurs, the
        most common spelling, and one article it occurs in.
        """
        from sqlalchemy import func

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
                for k, text, name, cnt in conn.execute(q2):
                    spellings[k][text] += cnt
                    if name and name != text:
                        resolved[k][name] += cnt
        return [{
            "text": spellings[r.key].most_common(1)[0][0], "mentions": r.mentions,
            "articles": r.articles, "example_article": r.example_article,
            "resolved_as": resolved[r.key].most_common(1)[0][0] if resolved[r.key] else None,
        } for r in rows]  # fmt: skip

    def add_error(self, err: ItemError) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(errors).values(source=err.source, reason=err.reason, at=_now()))

    def events(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        f = f or EventFilter()
        q = select(events.c.data, articles.c.url, articles.c.outlet, articles.c.published).join(
            articles, articles.c.id == events.c.article_id
        )
        if f.type:
            q = q.where(events.c.type == f.type.upper())
        if f.status:
            q = q.where(events.c.status == f.status)
        if f.country:
            c = f.country.upper()
            q = q.where(
                (events.c.country == c)
                | (events.c.actor1_country == c)
                | (events.c.actor2_country == c)
            )
        if f.actor:
            like = f"%{f.actor}%"
            q = q.where(events.c.actor1.ilike(like) | events.c.actor2.ilike(like))
        if f.since:
            q = q.where(events.c.date_end >= f.since)
        if f.until:
            q = q.where(events.c.date_start <= f.until)
        q = q.order_by(events.c.date_start, events.c.id)
        if f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            for data, url, outlet, published in conn.execute(q):
                d = json.loads(data)
                d["source"] = {"url": url, "outlet": outlet, "published": published}
                yield d

    def errors(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(errors).order_by(errors.c.id))]

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, events, errors, mentions)}  # fmt: skip


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
