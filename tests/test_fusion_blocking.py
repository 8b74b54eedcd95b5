"""Fusion's blocking: a pair must share a detail to link, so the store scores only the events
that share one of a mention's keys, and what it decides is what scoring every event decides."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from tests.test_fusion import mention, report

from khaldun import fusion
from khaldun.model import CodedArticle, Place, PlaceMention, Span
from khaldun.schema import fusion_keys
from khaldun.store import Store

NIGERIA = Place("Nigeria", "NGA", None, 9.08, 8.68, 3, "gn:nga", "country")


def bare(aid: str, outlet: str, text: str) -> CodedArticle:
    """A report with nothing but a day, a type, a mode and a country-level place."""
    c = report(aid, outlet=outlet, town=None, actor=None, text=text)
    ev = replace(
        c.events[0], mode="heavy-weapons", place=PlaceMention(Span(0, 1), "Nigeria", NIGERIA)
    )
    return replace(c, events=(ev,))


A_TEXT = "Rockets hit a base in the north on Tuesday, killing 3 soldiers."
B_TEXT = "Shells struck a village on Tuesday, wounding 4 people."


def test_a_pair_that_shares_no_detail_never_links(store_url) -> None:  # type: ignore[no-untyped-def]
    # same day (1.0), same mode (0.2), same country-level place (0.1): 1.3 linked them before
    a, b = mention(bare("a", "Wire", A_TEXT)), mention(bare("b", "Local", B_TEXT))
    s = fusion.score(a, b)
    assert s is not None and s < fusion.THRESHOLD
    assert not set(fusion.keys(a, probe=True)) & set(fusion.keys(b))
    store = Store(store_url())
    for c in (bare("a", "Wire", A_TEXT), bare("b", "Local", B_TEXT)):
        store.add(c)
    assert len(list(store.fused_events())) == 2
    # one shared name is a detail: they link
    store.add(bare("c", "Blog", A_TEXT.replace("the north", "Bama")))
    store.add(bare("d", "Radio", B_TEXT.replace("a village", "a village near Bama")))
    assert sorted(e["n_sources"] for e in store.fused_events()) == [1, 1, 2]


def test_keys_are_derived_data_a_rebuild_writes_again(store_url) -> None:  # type: ignore[no-untyped-def]
    store = Store(store_url())
    for c in (report("a"), report("b", outlet="Local"), report("c", town="Konduga", outlet="Blog"),
              report("d", day=20, published=21)):  # fmt: skip
        store.add(c)
    before = store.dump()
    with store.engine.begin() as conn:
        conn.execute(delete(fusion_keys))  # a store made before keys (migration 008)
    store.fuse(rebuild=True)
    assert store.dump() == before
    with store.engine.connect() as conn:
        assert conn.execute(fusion_keys.select()).first() is not None


def test_a_store_made_before_keys_gets_them_when_opened(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    url = str(tmp_path / "old.db")
    store = Store(url)
    store.add(report("a"))
    with store.engine.begin() as conn:  # as migration 007 left a store
        conn.execute(text("DROP TABLE fusion_keys"))
        conn.execute(text("DELETE FROM migrations WHERE name = '008_fusion_keys'"))
    store = Store(url)  # migration 008 writes the stored mention's keys
    store.add(report("b", outlet="Local"))
    assert [e["n_sources"] for e in store.fused_events()] == [2]


# -- the invariant: a pair that can reach the threshold shares a key ------------------------------
ACTORS = [None, {"name": "Boko Haram", "id": "NGA-BH", "country": "NGA", "sector": "REB"},
          {"name": "ISWAP", "id": "NGA-ISWAP", "country": "NGA", "sector": "REB",
           "member_of": ["IS"]},
          {"name": "Islamic State", "id": "IS", "country": None, "sector": "REB"},
          {"name": "Gunmen", "id": None, "country": None, "sector": None},
          {"name": "Nigerian Army", "id": "NGA-MIL", "country": "NGA", "sector": "MIL"},
          {"name": "Nigerian Police", "id": None, "country": "NGA", "sector": "MIL"}]  # fmt: skip
WORDS = ["Maiduguri", "Bama", "Shettima", "Zulum", "Kanuri", "Sambisa"]


@st.composite
def mentions(draw: st.DrawFn, aid: str) -> fusion.Mention:
    lat = draw(st.floats(-89.9, 89.9))
    lon = draw(st.floats(-180.0, 179.99))
    place: dict[str, Any] | None = draw(st.sampled_from([
        None,
        {"name": "P", "country": draw(st.sampled_from(["NGA", "CMR", None])),
         "admin1": draw(st.sampled_from([None, "Borno", "Yobe"])),
         "lat": lat, "lon": lon, "precision": draw(st.sampled_from([1, 2, 3])),
         "gazetteer_id": draw(st.sampled_from([None, "gn:1", "gn:2"])),
         "feature": draw(st.sampled_from(["city", "region", "country"]))},
    ]))  # fmt: skip
    day = draw(st.integers(5, 6))
    words = draw(st.lists(st.sampled_from(WORDS), max_size=2))
    text = "Fighters attacked " + " and ".join(["the town", *words]) + "."
    ev = {"id": f"e-{aid}", "article_id": aid, "type": draw(st.sampled_from(["ASSAULT", "COERCE"])),
          "mode": draw(st.sampled_from([None, "heavy-weapons", "explosives"])),
          "status": "asserted", "evidence": {"start": 0, "end": len(text), "text": text},
          "actor1": draw(st.sampled_from(ACTORS)), "actor2": draw(st.sampled_from(ACTORS)),
          "place": place, "date": {"start": f"2024-03-0{day}", "end": f"2024-03-0{day}",
                                   "precision": draw(st.sampled_from(["day", "week"]))}}  # fmt: skip
    return fusion.Mention.make(ev, outlet="Wire", url=None, published="2024-03-07")


@settings(max_examples=400, deadline=None)
@given(a=mentions("a"), b=mentions("b"), near=st.booleans(), km=st.floats(0.0, 160.0),
       bearing=st.floats(0.0, 360.0))  # fmt: skip
def test_a_pair_that_can_link_shares_a_key(
    a: fusion.Mention, b: fusion.Mention, near: bool, km: float, bearing: float
) -> None:
    import math

    pa, pb = a.place, b.place
    if near and pa and pb:  # b's place at a given distance and bearing from a's
        d, t, lat1 = km / 6371.0, math.radians(bearing), math.radians(pa["lat"])
        lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(t))
        dlon = math.atan2(math.sin(t) * math.sin(d) * math.cos(lat1),
                          math.cos(d) - math.sin(lat1) * math.sin(lat2))  # fmt: skip
        lon2 = (pa["lon"] + math.degrees(dlon) + 540.0) % 360.0 - 180.0
        pb.update(lat=math.degrees(lat2), lon=lon2)
    s = fusion.score(a, b)
    if s is not None and s >= fusion.THRESHOLD:
        event("links")
        assert set(fusion.keys(a, probe=True)) & set(fusion.keys(b))
        assert set(fusion.keys(b, probe=True)) & set(fusion.keys(a))
