"""Cross-report fusion: the scored decision, the fused event's attributes, and the store's
guarantees (incremental equals rebuilt, re-running changes nothing, versions, kill and resume)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khaldun import api, fusion
from khaldun.model import (
    Actor,
    ActorMention,
    Article,
    CodedArticle,
    DateRange,
    Event,
    Place,
    PlaceMention,
    Span,
)
from khaldun.store import EventFilter, Store

TOWNS = {  # name: (lat, lon, gazetteer id)
    "Maiduguri": (11.85, 13.16, "gn:1"),
    "Konduga": (11.65, 13.42, "gn:2"),  # 36 km from Maiduguri
    "Kano": (12.0, 8.52, "gn:3"),
}


def report(aid: str, *, outlet: str = "Wire", day: int = 5, town: str | None = "Maiduguri",
           actor: str | None = "Boko Haram", typ: str = "ASSAULT", status: str = "claimed",
           text: str | None = None, precision: str = "day", published: int = 6,
           url: str | None = None) -> CodedArticle:  # fmt: skip
    """One article that tells one event."""
    text = text or f"Fighters attacked a base in {town or 'the north'}, killing 3 soldiers."
    art = Article(id=aid, text=text, url=url or f"https://{outlet.lower()}.example/{aid}",
                  outlet=outlet, published=date(2024, 3, published), title=None)  # fmt: skip
    place = None
    if town:
        lat, lon, gid = TOWNS[town]
        place = PlaceMention(
            Span(0, 1), town, Place(town, "NGA", "Borno", lat, lon, 1, gid, "city")
        )
    a1 = (
        ActorMention(Span(0, 1), actor, Actor(actor, "NGA-BH", "NGA", "REB"), "dictionary")
        if actor
        else None
    )
    start = date(2024, 3, day)
    end = start if precision == "day" else date(2024, 3, day + 4)
    ev = Event(id=f"e-{aid}", article_id=aid, type=typ, mode=None, status=status,  # type: ignore[arg-type]
               evidence=(Span(0, len(text)),), trigger=Span(10, 18), actor1=a1, place=place,
               date=DateRange(start, end, precision, "on Tuesday"), confidence=0.6)  # type: ignore[arg-type]  # fmt: skip
    return CodedArticle(article=art, events=(ev,))


def mention(c: CodedArticle) -> fusion.Mention:
    from khaldun.serialize import event_dict

    a = c.article
    return fusion.Mention.make(event_dict(c.events[0], a.text), outlet=a.outlet, url=a.url,
                               published=a.published.isoformat() if a.published else None)  # fmt: skip


def test_same_town_same_day_same_actor_links() -> None:
    s = fusion.score(mention(report("a")), mention(report("b", outlet="Local")))
    assert s is not None and s >= fusion.THRESHOLD


@pytest.mark.parametrize(
    "other",
    [
        {"day": 8},  # two days later: the date windows do not meet
        {"town": "Kano"},  # a town 500 km away
        {"typ": "PROTEST"},  # another kind of event
    ],
)
def test_what_rules_a_pair_out(other: dict[str, object]) -> None:
    assert fusion.score(mention(report("a")), mention(report("b", **other))) is None  # type: ignore[arg-type]


def test_a_bare_country_level_coincidence_is_not_enough() -> None:
    a, b = report("a", town=None, actor=None), report("b", town=None, actor=None)
    s = fusion.score(mention(a), mention(b))
    assert s is not None and s < fusion.THRESHOLD


def test_the_fused_event_keeps_every_source_and_chooses_by_stated_rules() -> None:
    ms = [
        mention(report("a", outlet="Wire", precision="week", town=None,
                       text="Fighters killed 12 soldiers in Borno this week.")),
        mention(report("b", outlet="State TV", status="denied",
                       text="The army denied that 5 soldiers were killed in Maiduguri.")),
        mention(report("c", outlet="Local", text="Fighters attacked Maiduguri, killing 7 soldiers.")),
    ]  # fmt: skip
    d = fusion.fuse("ev-x", ms)
    assert d["place"]["name"] == "Maiduguri" and d["date"]["precision"] == "day"
    assert (d["fatalities"], d["fatalities_range"]) == (5, [5, 12])  # ACLED: the lowest figure
    assert d["status"] == "claimed" and d["statuses"] == {"claimed": 2, "denied": 1}
    assert d["outlets"] == ["Local", "State TV", "Wire"] and d["n_sources"] == 3
    assert [m["status"] for m in d["mentions"]] == ["claimed", "denied", "claimed"]
    assert {"article_id", "url", "outlet", "status", "evidence"} <= set(d["mentions"][0])


def test_a_mention_that_bridges_two_events_merges_them() -> None:
    # a (Maiduguri) and b (Konduga, 36 km) cannot link alone; c (a Borno-wide week) links both
    a = report("a", published=6)
    b = report("b", town="Konduga", outlet="Local", published=7)
    c = report("c", town=None, outlet="Blog", published=8, precision="week",
               text="Boko Haram attacked Maiduguri and Konduga.")  # fmt: skip
    events = fusion.cluster([mention(x) for x in (a, b, c)])
    # c joins one; Konduga and Maiduguri are two towns, so nothing merges their events
    assert sorted(len(v) for v in events.values()) == [1, 2]
    events = fusion.cluster([mention(x) for x in (a, report("d", outlet="Local"), c)])
    assert len(events) == 1


def _ingest(store: Store, items: list[CodedArticle]) -> None:
    for c in items:
        store.add(c)


SET = [report("a"), report("b", outlet="Local"), report("c", day=20, published=21),
       report("d", outlet="Blog", day=20, published=22), report("e", town="Kano", outlet="Blog")]  # fmt: skip


def test_incremental_fusion_equals_a_rebuild_and_rerunning_changes_nothing(store_url) -> None:  # type: ignore[no-untyped-def]
    store = Store(store_url())
    _ingest(store, SET)
    before = store.dump()
    assert len(before["fused_events"]) == 3
    assert store.fuse() == {"linked": 0, "events": 3}
    assert store.dump() == before
    store.fuse(rebuild=True)
    assert store.dump() == before  # same ids: deterministic
    rows = list(store.fused_events(EventFilter(type="ASSAULT", until="2024-03-10")))
    assert [r["n_sources"] for r in rows] == [2, 1]


def test_versions_and_copies(store_url) -> None:  # type: ignore[no-untyped-def]
    store = Store(store_url())
    assert store.add(report("a", url="https://www.wire.example/a?utm_source=x"))
    # the same text under another id and a tracking-free URL is the same article
    assert not store.add(report("a2", url="https://wire.example/a"))
    assert store.has_article(report("a2", url="https://wire.example/a/").article)
    changed = report("a", url="https://wire.example/a", text="Fighters attacked Maiduguri; 9 died.")
    assert not store.has_article(changed.article) and store.add(changed)
    assert not store.add(changed)
    rows = store.dump()["articles"]
    assert len(rows) == 2
    [ev] = list(store.fused_events())
    assert ev["fatalities"] == 9 and len(ev["mentions"]) == 1  # the old version left its event
    assert [e["article_id"] for e in store.events()] == [ev["mentions"][0]["article_id"]]


class Pipe:
    """Codes the test articles; dies like a killed process at the ``die_at``-th one."""

    def __init__(self, die_at: int | None = None) -> None:
        self.seen, self.die_at = 0, die_at

    def code(self, article: Article) -> CodedArticle:
        self.seen += 1
        if self.seen == self.die_at:
            raise KeyboardInterrupt
        n = int(article.id[1:])
        c = report(article.id, day=5 + 4 * (n // 3), published=6 + 4 * (n // 3),
                   town=["Maiduguri", "Kano"][n % 2], outlet=f"Outlet {n % 3}", text=article.text)  # fmt: skip
        return CodedArticle(article=article, events=c.events)


def _batch(tmp_path: Path) -> str:
    f = tmp_path / "batch.jsonl"
    rows = [json.dumps({"id": f"r{i}", "url": f"https://x.example/{i}", "published": "2024-03-06",
                        "text": f"Report number {i} of an attack."}) for i in range(7)]  # fmt: skip
    rows.insert(2, "{broken")
    f.write_text("\n".join(rows))
    return str(f)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(die_at=st.integers(1, 7))
def test_a_run_killed_anywhere_resumes_to_the_clean_rows(
    tmp_path_factory, store_url, die_at: int
) -> None:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("k")
    inputs = [_batch(tmp)]
    clean = Store(store_url())
    api.ingest(inputs, store=clean, pipeline=Pipe())  # type: ignore[arg-type]
    killed = Store(store_url())
    with pytest.raises(KeyboardInterrupt):
        api.ingest(inputs, store=killed, pipeline=Pipe(die_at))  # type: ignore[arg-type]
    api.ingest(inputs, store=killed, pipeline=Pipe())  # type: ignore[arg-type]
    assert killed.dump() == clean.dump()
    again = api.ingest(inputs, store=killed, pipeline=Pipe())  # type: ignore[arg-type]
    assert (again.stored, again.skipped) == (0, 7) and killed.dump() == clean.dump()
    [err] = killed.errors()  # met three times, stored once
    assert "not valid JSON" in err["reason"]


def test_ingest_runs_and_their_errors(store_url) -> None:  # type: ignore[no-untyped-def]
    from khaldun.model import ItemError

    store = Store(store_url())
    first = store.start_run(["a.jsonl"])
    store.add_error(ItemError("a.jsonl:3", "not valid JSON"))
    second = store.start_run(["a.jsonl"])
    store.add_error(ItemError("a.jsonl:3", "not valid JSON"))
    store.finish_run(second, read=1, stored=0, skipped=1, n_events=0, n_errors=1)
    assert [r["status"] for r in store.runs()] == ["running", "finished"]
    assert [e["run_id"] for e in store.errors()] == [second] and store.errors(run=first) == []


def test_full_text_search(store_url) -> None:  # type: ignore[no-untyped-def]
    store = Store(store_url())
    _ingest(store, [report("a", text="Gunmen stormed Maiduguri market."), report("c", day=20)])
    assert len(list(store.fused_events(EventFilter(text="market")))) == 1
    assert len(list(store.events(EventFilter(text="stormed AND market")))) == 1


def test_fused_exports_round_trip(tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    from khaldun.export import ACLED_COLUMNS, KHALDUN_COLUMNS, MENTION_COLUMNS, export

    store = Store(str(tmp_path / "k.db"))
    _ingest(store, SET)
    rows = list(store.fused_events())
    assert export("acled-csv", rows, tmp_path / "e.csv") == 3
    with (tmp_path / "e.csv").open(newline="") as fh:
        back = list(csv.DictReader(fh))
    assert list(back[0]) == ACLED_COLUMNS + KHALDUN_COLUMNS
    two = next(r for r in back if r["n_sources"] == "2")
    assert two["source"] == "Local; Wire" and two["fatalities"] == "3" and two["inter1"] == "2"
    export("parquet", rows, tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert [r["event_id_cnty"] for r in table] == [r["event_id_cnty"] for r in back]
    assert all(r["geo_precision"] == "1" and isinstance(r["latitude"], float) for r in table)
    for r, b in zip(table, back, strict=True):  # the same rows, codes as strings
        assert {k: "" if v is None else str(v) for k, v in r.items()} == b
    export("jsonl", rows, tmp_path / "e.jsonl")
    assert [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()] == rows
    assert export("mentions", rows, tmp_path / "m.csv") == 5
    with (tmp_path / "m.csv").open(newline="") as fh:
        ments = list(csv.DictReader(fh))
    assert list(ments[0]) == MENTION_COLUMNS
    assert {m["event_id"] for m in ments} == {r["id"] for r in rows}
    assert all(m["url"] and m["outlet"] and m["sentence"] == "0" for m in ments)


def test_exports_load_in_pandas_and_duckdb(tmp_path: Path) -> None:
    import pandas as pd

    store = Store(str(tmp_path / "k.db"))
    _ingest(store, SET)
    from khaldun.export import export

    rows = list(store.fused_events())
    export("acled-csv", rows, tmp_path / "e.csv")
    export("parquet", rows, tmp_path / "e.parquet")
    csv_df = pd.read_csv(tmp_path / "e.csv", dtype=str, keep_default_na=False)
    pq_df = pd.read_parquet(tmp_path / "e.parquet")
    assert list(csv_df["event_id_cnty"]) == list(pq_df["event_id_cnty"])
    import duckdb

    n = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'e.parquet'}'").fetchall()[0][0]
    assert n == len(rows)
