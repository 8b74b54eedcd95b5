"""The store's tables and its append-only list of named migrations (SQLAlchemy Core).

| table | one row per |
|---|---|
| ``articles`` | article version: raw and cleaned text, metadata, canonical URL, content hash |
| ``events`` | event mention: one event as one article tells it (evidence, status, attribution), and the fused event it belongs to (``fused_id``) |
| ``fused_events`` | real-world event: the mentions of every report that tells it, fused |
| ``fusion_keys`` | event mention and one of the keys fusion looks its candidates up by |
| ``actors``, ``places`` | resolved actor and place that some mention names |
| ``actor_mentions`` | actor name in an article, resolved or not |
| ``ingest_runs``, ``errors`` | ingest run, and bad input item (with the run that last met it) |

A migration never changes once released; a new one is appended. Columns added to a table after
its first migration are added by a later migration where they are missing, so a fresh store and
an upgraded one end with the same schema.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    literal_column,
    text,
)
from sqlalchemy.engine import Connection

meta = MetaData()

articles = Table(
    "articles", meta,
    Column("id", String, primary_key=True),
    Column("url", String), Column("outlet", String), Column("published", String),
    Column("title", Text), Column("text", Text), Column("raw_text", Text),
    Column("meta", Text),  # JSON: section, boilerplate, provenance
    Column("ingested_at", String),
    # 003
    Column("canonical_url", String, index=True), Column("content_hash", String, index=True),
    Column("version", Integer), Column("superseded_by", String),
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
    # 003
    Column("attributed_to", String), Column("fatalities", Integer),
    Column("fused_id", String, index=True),
)  # fmt: skip
Index("ix_events_type_date", events.c.type, events.c.date_start)
errors = Table(
    "errors", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String), Column("reason", Text), Column("at", String),
    Column("run_id", Integer),  # 003
)  # fmt: skip
mentions = Table(
    "actor_mentions", meta,
    Column("article_id", String, primary_key=True),
    Column("start", Integer, primary_key=True), Column("end", Integer),
    Column("text", Text), Column("key", String, index=True),  # folded text, for grouping
    Column("actor_id", String), Column("name", String), Column("how", String, index=True),
    Column("score", Float),
)  # fmt: skip
fused_events = Table(
    "fused_events", meta,
    Column("id", String, primary_key=True),
    Column("founder", String),  # the mention that started it (the id is its hash)
    Column("type", String, index=True), Column("mode", String), Column("status", String),
    Column("actor1", String), Column("actor1_country", String),
    Column("actor2", String), Column("actor2_country", String),
    Column("country", String), Column("admin1", String), Column("location", String),
    Column("lat", Float), Column("lon", Float), Column("geo_precision", Integer),
    Column("date_start", String), Column("date_end", String), Column("date_precision", String),
    Column("win_start", String), Column("win_end", String),  # candidate window for fusion
    Column("win_days", Integer),  # the window's length (007): wide windows are looked up apart
    Column("fatalities", Integer), Column("n_sources", Integer), Column("n_outlets", Integer),
    Column("confidence", Float),
    Column("data", Text),  # the fused event as JSON, with its mentions
)  # fmt: skip
Index("ix_fused_type_window", fused_events.c.type, fused_events.c.win_start)
Index("ix_fused_type_days", fused_events.c.type, fused_events.c.win_days)
# 006: what the HTTP API filters, orders and counts by (khaldun.serve.queries). Each index leads
# with an order or a grouping and carries every filtered column, so a page or a count reads the
# index, never the wide rows (each row holds its event as JSON), whatever the filters.
_SERVE_COLS = ("date_start", "id", "date_end", "type", "mode", "status", "country",
               "actor1_country", "actor2_country", "admin1", "confidence", "lat", "lon",
               "actor1", "actor2")  # fmt: skip
SERVE_INDEXES = [
    Index(
        f"ix_fused_serve_{lead}",
        *(fused_events.c[c] for c in (lead, *(c for c in _SERVE_COLS if c != lead))),
    )
    for lead in ("date_start", "type", "country", "status")
]
# 008: fusion's blocking keys (``khaldun.fusion.keys``), one row per mention and key, with the
# mention's date window and the country of its place when precise: fusion looks a new mention's
# candidates up by its keys over its days, in an index that holds every column it reads. Rows
# are written with their mention and never change; one index (and a small one of the few
# windows wider than WIDE_DAYS) keeps each article's writes few.
WIDE_DAYS = 31
fusion_keys = Table(
    "fusion_keys", meta,
    Column("mention_id", String, nullable=False), Column("key", String, nullable=False),
    Column("win_start", String), Column("win_end", String), Column("win_days", Integer),
    Column("country", String),
)  # fmt: skip
Index("ix_fusion_keys_window", *(fusion_keys.c[c] for c in ("key", "win_start", "win_end",
                                                           "country", "mention_id")))  # fmt: skip
_WIDE = fusion_keys.c.win_days > literal_column(str(WIDE_DAYS))
Index("ix_fusion_keys_wide", fusion_keys.c.key, fusion_keys.c.win_end,
      sqlite_where=_WIDE, postgresql_where=_WIDE)  # fmt: skip
actors = Table(
    "actors", meta,
    Column("id", String, primary_key=True), Column("name", String),
    Column("country", String), Column("sector", String), Column("member_of", Text),
)  # fmt: skip
places = Table(
    "places", meta,
    Column("id", String, primary_key=True), Column("name", String),
    Column("country", String), Column("admin1", String), Column("lat", Float), Column("lon", Float),
    Column("precision", Integer), Column("feature", String),
)  # fmt: skip
ingest_runs = Table(
    "ingest_runs", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String), Column("finished_at", String),
    Column("status", String),  # running (or killed, if it never finished), finished
    Column("inputs", Text),  # JSON list
    Column("read", Integer), Column("stored", Integer), Column("skipped", Integer),
    Column("events", Integer), Column("errors", Integer),
)  # fmt: skip
migrations = Table(
    "migrations", meta, Column("name", String, primary_key=True), Column("at", String)
)


def _add_missing_columns(conn: Connection, table: Table) -> None:
    have = {c["name"] for c in inspect(conn).get_columns(table.name)}
    quote = conn.dialect.identifier_preparer.quote
    for col in table.columns:
        if col.name not in have:
            kind = col.type.compile(dialect=conn.dialect)
            conn.execute(
                text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(col.name)} {kind}")
            )
    for ix in table.indexes:
        ix.create(conn, checkfirst=True)


def _m001_initial(conn: Connection) -> None:
    meta.create_all(conn, tables=[articles, events, errors])


def _m002_actor_mentions(conn: Connection) -> None:
    mentions.create(conn, checkfirst=True)


def _m003_versions_fusion_runs(conn: Connection) -> None:
    for t in (articles, events, errors):
        _add_missing_columns(conn, t)
    meta.create_all(conn, tables=[fused_events, actors, places, ingest_runs])
    # articles stored before 003: their hash and canonical URL, version 1
    from khaldun.ingest.canonical import canonical_url, content_hash

    rows = conn.execute(text("SELECT id, url, text FROM articles WHERE content_hash IS NULL"))
    for aid, url, body in list(rows):
        conn.execute(articles.update().where(articles.c.id == aid).values(
            canonical_url=canonical_url(url), content_hash=content_hash(body or ""), version=1))  # fmt: skip


def _m004_articles_fts(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return  # other databases search with ILIKE
    conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts "
                      "USING fts5(article_id UNINDEXED, title, text)"))  # fmt: skip
    conn.execute(text(
        "CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(article_id, title, text) VALUES (new.id, new.title, new.text); "
        "END"))  # fmt: skip
    conn.execute(text(
        "CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN "
        "DELETE FROM articles_fts WHERE article_id = old.id; END"))  # fmt: skip
    conn.execute(text("DELETE FROM articles_fts"))
    conn.execute(text("INSERT INTO articles_fts(article_id, title, text) "
                      "SELECT id, title, text FROM articles"))  # fmt: skip


def _m005_fuse_stored_mentions(conn: Connection) -> None:
    """Mentions stored before fusion existed are fused, in canonical order."""
    from khaldun.store import fuse_all

    fuse_all(conn)


def _m006_serve_indexes(conn: Connection) -> None:
    for ix in SERVE_INDEXES:
        ix.create(conn, checkfirst=True)


def _m007_fusion_window_days(conn: Connection) -> None:
    """Each fused event's window length, so that fusion's candidate lookup reads a few days of
    the window index and the few wide windows apart, not every earlier event."""
    from datetime import date

    _add_missing_columns(conn, fused_events)
    rows = conn.execute(text("SELECT id, win_start, win_end FROM fused_events "
                             "WHERE win_days IS NULL AND win_start IS NOT NULL"))  # fmt: skip
    for eid, start, end in list(rows):
        days = (date.fromisoformat(end) - date.fromisoformat(start)).days
        conn.execute(fused_events.update().where(fused_events.c.id == eid).values(win_days=days))


def _m008_fusion_keys(conn: Connection) -> None:
    """Fusion's blocking keys for every stored mention (``khaldun.store.index_mentions``)."""
    from khaldun.store import index_mentions

    index_mentions(conn)


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("001_initial", _m001_initial),
    ("002_actor_mentions", _m002_actor_mentions),
    ("003_versions_fusion_runs", _m003_versions_fusion_runs),
    ("004_articles_fts", _m004_articles_fts),
    ("005_fuse_stored_mentions", _m005_fuse_stored_mentions),
    ("006_serve_indexes", _m006_serve_indexes),
    ("007_fusion_window_days", _m007_fusion_window_days),
    ("008_fusion_keys", _m008_fusion_keys),
]
