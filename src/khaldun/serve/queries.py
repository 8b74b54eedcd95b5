"""What the HTTP API reads from the store: filtered, cursor-paginated events, one event with its
sources, one article with its spans, actors, and counts.

Queries run on the store's engine (SQLite or PostgreSQL) with SQLAlchemy Core over the tables of
``khaldun.schema``; events are the store's fused events (each real-world event once, with every
report that tells it). Pages are ordered newest first by ``(date_start, id)`` (events with no
date last) and continue from an opaque cursor, so a page costs the same however deep it is.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, literal_column, or_, select
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select

from khaldun.errors import InputError
from khaldun.schema import actors, articles, events, fused_events, mentions
from khaldun.store import Store

__all__ = [
    "Filters",
    "Page",
    "actor_list",
    "article_detail",
    "decode_cursor",
    "encode_cursor",
    "event_detail",
    "events_page",
    "page_query",
    "stats",
]

MAX_LIMIT = 500
F = fused_events.c


@dataclass(frozen=True)
class Filters:
    """The filters of ``GET /api/events`` and ``GET /api/stats`` (all optional, all and-ed)."""

    since: str | None = None  # YYYY-MM-DD: events whose date range ends on or after it
    until: str | None = None  # YYYY-MM-DD: events whose date range starts on or before it
    types: tuple[str, ...] = ()  # PLOVER categories (any of them)
    modes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    actor: str | None = None  # part of either actor's name
    countries: tuple[str, ...] = ()  # ISO3 of the place or of either actor
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    min_confidence: float | None = None
    q: str | None = None  # full text over the reports that tell the event

    def apply(self, q: Select[Any], store: Store, *, ordered: bool = False) -> Select[Any]:
        """``q`` with the filters; ``ordered`` for a page read in date order (see ``_plain``)."""
        plain = _plain if ordered else _as_is
        if self.since:
            q = q.where(F.date_end >= self.since)
        if self.until:
            q = q.where(F.date_start <= self.until)
        if self.types:
            q = q.where(plain(F.type).in_([t.upper() for t in self.types]))
        if self.modes:
            q = q.where(plain(F.mode).in_(list(self.modes)))
        if self.statuses:
            q = q.where(plain(F.status).in_(list(self.statuses)))
        if self.actor:
            like = f"%{self.actor}%"
            q = q.where(F.actor1.ilike(like) | F.actor2.ilike(like))
        if self.countries:
            cs = [c.upper() for c in self.countries]
            q = q.where(plain(F.country).in_(cs) | F.actor1_country.in_(cs)
                        | F.actor2_country.in_(cs))  # fmt: skip
        if self.admin1:
            q = q.where(func.lower(F.admin1) == self.admin1.lower())
        if self.bbox:
            x0, y0, x1, y1 = self.bbox
            q = q.where(F.lat.between(y0, y1))
            # a box may cross the antimeridian (min_lon > max_lon)
            q = q.where(F.lon.between(x0, x1) if x0 <= x1 else (F.lon >= x0) | (F.lon <= x1))
        if self.min_confidence is not None:
            q = q.where(F.confidence >= self.min_confidence)
        if self.q:
            told = select(events.c.fused_id).where(
                events.c.article_id.in_(_matching(store, self.q))
            )
            q = q.where(F.id.in_(told))
        return q


def _plain(col: Any) -> Any:
    """``col || ''``: the same values, but no index seeks on them. For a page, SQLite (with no
    statistics) would take an equality on an indexed column for the most selective step, read
    every matching wide row and sort them all; this way it walks the serve index that leads with
    the date (migration 006), which carries every filtered column, and stops at the page's end.
    Counts keep the seeks: every serve index covers every filter, so a seek is the shortest
    read."""
    return col.concat("")


def _as_is(col: Any) -> Any:
    return col


def _matching(store: Store, query: str) -> Select[Any]:
    """The ids of the articles a full-text query matches, as a subquery (the store's own search,
    FTS5 on SQLite and PostgreSQL's full-text search, however many articles match)."""
    dialect = store.engine.dialect.name
    if dialect == "sqlite":
        match = sql("articles_fts MATCH :fts_q").bindparams(fts_q=query)
        sub: Select[Any] = (
            select(literal_column("article_id")).select_from(sql("articles_fts")).where(match)
        )
        try:  # a query FTS5 cannot parse is the caller's mistake, said before the real query
            with store.engine.connect() as conn:
                conn.execute(sub.limit(1)).first()
        except DBAPIError as exc:
            raise InputError(f"q: bad search {query!r} ({exc.orig}); use words, "
                             '"quoted phrases", AND, OR, NOT') from None  # fmt: skip
        return sub
    if dialect == "postgresql":
        return select(articles.c.id).where(sql(
            "to_tsvector('english', coalesce(articles.title, '') || ' ' || "
            "coalesce(articles.text, '')) @@ websearch_to_tsquery('english', :fts_q)"
        ).bindparams(fts_q=query))  # fmt: skip
    like = f"%{query}%"
    return select(articles.c.id).where(articles.c.text.ilike(like) | articles.c.title.ilike(like))


# -- cursors ---------------------------------------------------------------------------------
def encode_cursor(date_start: str | None, eid: str) -> str:
    raw = json.dumps([date_start, eid], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """The position a cursor stands for; ``InputError`` if it is not one this API gave."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        ds, eid = json.loads(raw)
        if (ds is None or isinstance(ds, str)) and isinstance(eid, str):
            return ds, eid
    except (binascii.Error, ValueError, TypeError):
        pass
    raise InputError(f"cursor {cursor!r} is not one this API gave; use the next_cursor of a page")


def _after(ds: str | None, eid: str) -> Any:
    """Rows after a position in the order date_start DESC (no date last), id DESC."""
    if ds is None:
        return and_(F.date_start.is_(None), F.id < eid)
    return or_(F.date_start < ds, and_(F.date_start == ds, F.id < eid), F.date_start.is_(None))


@dataclass
class Page:
    events: list[dict[str, Any]]
    next_cursor: str | None
    limit: int


def page_query(store: Store, filters: Filters, *, limit: int, cursor: str | None) -> Select[Any]:
    """The query of one page: ``limit + 1`` rows (the last says whether there is a next page)."""
    q = filters.apply(select(F.data, F.date_start, F.id), store, ordered=True)
    if cursor:
        q = q.where(_after(*decode_cursor(cursor)))
    # newest first, no date last: SQLite's DESC puts NULL last by itself (and so reads the
    # index backwards); PostgreSQL's needs telling
    first = F.date_start.desc()
    if store.engine.dialect.name != "sqlite":
        first = first.nulls_last()
    return q.order_by(first, F.id.desc()).limit(limit + 1)


def events_page(
    store: Store, filters: Filters, *, limit: int = 50, cursor: str | None = None
) -> Page:
    """One page of events, newest first, and the cursor of the next page (None on the last)."""
    limit = max(1, min(limit, MAX_LIMIT))
    with store.engine.connect() as conn:
        rows = list(conn.execute(page_query(store, filters, limit=limit, cursor=cursor)))
    more = len(rows) > limit
    rows = rows[:limit]
    out = [summary(json.loads(data)) for data, _, _ in rows]
    nxt = encode_cursor(rows[-1][1], rows[-1][2]) if more and rows else None
    return Page(out, nxt, limit)


def summary(d: dict[str, Any]) -> dict[str, Any]:
    """A fused event as a list shows it: the event keys and its sources, without the mentions."""
    out = {k: v for k, v in d.items() if k != "mentions"}
    ms = d.get("mentions") or []
    out["sources"] = [{"article_id": m.get("article_id"), "outlet": m.get("outlet"),
                       "url": m.get("url"), "published": m.get("published"),
                       "status": m.get("status")} for m in ms]  # fmt: skip
    return out


def event_detail(store: Store, eid: str) -> dict[str, Any] | None:
    """A fused event with every mention: outlet, URL, evidence and status as each source tells it."""
    with store.engine.connect() as conn:
        row = conn.execute(select(F.data).where(F.id == eid)).first()
    if row is None:
        return None
    d: dict[str, Any] = json.loads(row[0])
    d["sources"] = d.pop("mentions", [])
    return d


# -- articles and their spans ----------------------------------------------------------------
def article_detail(store: Store, aid: str) -> dict[str, Any] | None:
    """An article's text and its spans: actors, places, triggers, dates, evidence, framing."""
    A = articles.c
    with store.engine.connect() as conn:
        row = conn.execute(select(articles).where(A.id == aid)).first()
        if row is None:
            return None
        a = dict(row._mapping)
        ments = list(conn.execute(select(mentions).where(mentions.c.article_id == aid)
                                  .order_by(mentions.c.start)))  # fmt: skip
        evs = list(conn.execute(select(events.c.data, events.c.fused_id)
                                .where(events.c.article_id == aid).order_by(events.c.id)))  # fmt: skip
    meta = json.loads(a.get("meta") or "{}")
    text: str = a.get("text") or ""
    spans: list[dict[str, Any]] = []
    for m in ments:
        spans.append({"kind": "actor", "start": m.start, "end": m.end, "text": m.text,
                      "label": m.name, "actor_id": m.actor_id, "how": m.how})  # fmt: skip
    event_rows = []
    for data, fused_id in evs:
        e = json.loads(data)
        ev = e.get("evidence") or {}
        event_rows.append({"id": e["id"], "event_id": fused_id, "type": e.get("type"),
                           "status": e.get("status"), "evidence": ev,
                           "confidence": e.get("confidence")})  # fmt: skip
        for s in e.get("evidence_all") or [ev]:
            if s:
                spans.append({"kind": "evidence", "start": s["start"], "end": s["end"],
                              "text": s.get("text"), "label": e.get("type"),
                              "event_id": fused_id, "mention_id": e["id"]})  # fmt: skip
        tr = e.get("trigger")
        if tr:
            spans.append({"kind": "trigger", "start": tr["start"], "end": tr["end"],
                          "text": tr.get("text"), "label": e.get("type"),
                          "event_id": fused_id})  # fmt: skip
        near = int(ev.get("start") or 0)
        for kind, part, label in (
            ("place", e.get("place"), (e.get("place") or {}).get("name")),
            ("date", e.get("date"), (e.get("date") or {}).get("start")),
        ):
            hit = locate(text, (part or {}).get("text"), near)
            if hit is not None:
                spans.append({"kind": kind, "start": hit[0], "end": hit[1],
                              "text": text[hit[0]:hit[1]], "label": label,
                              "event_id": fused_id})  # fmt: skip
    framing = meta.get("framing") or []
    for f in framing:
        spans.append({"kind": "framing", "start": f["start"], "end": f["end"],
                      "text": f.get("text"), "label": f.get("label"),
                      "neutral": f.get("neutral"), "casts": f.get("casts")})  # fmt: skip
    spans = _dedupe(s for s in spans if 0 <= s["start"] <= s["end"] <= len(text))
    return {
        "id": a["id"], "url": a["url"], "outlet": a["outlet"], "published": a["published"],
        "title": a["title"], "text": text, "version": a.get("version"),
        "superseded_by": a.get("superseded_by"), "section": meta.get("section") or [],
        "spans": spans, "events": event_rows, "framing": framing,
        "framing_note": framing_note(a["outlet"], framing),
    }  # fmt: skip


def locate(text: str, needle: str | None, near: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` in ``text`` nearest to ``near`` (place and date mentions are
    stored as text; the evidence's offset says which occurrence the coder read)."""
    if not needle or not needle.strip():
        return None
    best: tuple[int, int] | None = None
    i = text.find(needle)
    while i != -1:
        d = abs(i - near)
        if best is None or d < best[0]:
            best = (d, i)
        i = text.find(needle, i + 1)
    return None if best is None else (best[1], best[1] + len(needle))


def _dedupe(spans: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for s in spans:
        k = (s["kind"], s["start"], s["end"])
        if k not in seen:
            seen.add(k)
            out.append(s)
    return sorted(out, key=lambda s: (s["start"], -s["end"], s["kind"]))


def framing_note(outlet: str | None, framing: list[dict[str, Any]]) -> str | None:
    """One sentence on the outlet's loaded wording, from the framing lexicon's marks."""
    if not framing:
        return None
    terms = Counter(str(f.get("text") or "").lower() for f in framing)
    casts = sorted({str(f["casts"]) for f in framing if f.get("casts")})
    listed = ", ".join(f"“{t}”" + (f" ×{n}" if n > 1 else "") for t, n in terms.most_common(6))
    who = outlet or "The outlet"
    note = f"{who} uses {len(framing)} loaded term{'s' if len(framing) != 1 else ''}: {listed}."
    if casts:
        note += f" The wording casts {', '.join(casts)}."
    return note


# -- actors and stats ------------------------------------------------------------------------
def actor_list(store: Store, *, q: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Resolved actors the stored events name, with how many events name each."""
    limit = max(1, min(limit, MAX_LIMIT))
    n1 = select(F.actor1.label("name"), func.count().label("n")).group_by(F.actor1)
    n2 = select(F.actor2.label("name"), func.count().label("n")).group_by(F.actor2)
    counts: Counter[str] = Counter()
    qa = select(actors).order_by(actors.c.name)
    if q:
        qa = qa.where(actors.c.name.ilike(f"%{q}%") | actors.c.id.ilike(f"%{q}%"))
    with store.engine.connect() as conn:
        for name, n in [*conn.execute(n1), *conn.execute(n2)]:
            if name:
                counts[name] += n
        rows = [dict(r._mapping) for r in conn.execute(qa)]
    out = []
    for r in rows:
        out.append({"id": r["id"], "name": r["name"], "country": r["country"],
                    "sector": r["sector"], "member_of": json.loads(r["member_of"] or "[]"),
                    "events": counts.get(r["name"], 0)})  # fmt: skip
    out.sort(key=lambda r: (-r["events"], r["name"] or ""))
    return out[:limit]


def stats(store: Store, filters: Filters, *, interval: str = "day") -> dict[str, Any]:
    """Counts of the filtered events by day (or ISO week, Monday first), type, country, status."""
    counters: dict[str, Counter[str]] = {}
    with store.engine.connect() as conn:
        # one grouping a query: each reads the serve index that leads with its column, in order
        for col in (F.date_start, F.type, F.country, F.status):
            q = filters.apply(select(col, func.count()).group_by(col), store)
            c: Counter[str] = Counter()
            for k, n in conn.execute(q):
                c["" if k is None else str(k)] += n
            counters[col.name] = c
    by_date: Counter[str] = Counter()
    for d, n in counters["date_start"].items():
        if d:
            by_date[_bucket(d[:10], interval)] += n
    undated = counters["date_start"].get("", 0)
    total = sum(counters["date_start"].values())
    by_type, by_country, by_status = (
        Counter({k or "?": n for k, n in counters[c].items()})
        for c in ("type", "country", "status")
    )

    def rows(c: Counter[str], key: str) -> list[dict[str, Any]]:
        return [{key: k, "count": v} for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]

    return {
        "total": total,
        "interval": interval,
        "by_date": [{"date": k, "count": v} for k, v in sorted(by_date.items())],
        "undated": undated,
        "by_type": rows(by_type, "type"),
        "by_country": rows(by_country, "country"),
        "by_status": rows(by_status, "status"),
    }


def _bucket(day: str, interval: str) -> str:
    if interval != "week":
        return day
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return day
    return (d - timedelta(days=d.weekday())).isoformat()
