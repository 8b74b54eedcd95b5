from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from khaldun.export import ACLED_COLUMNS, export
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

TEXT = "Militants fired rockets at an army base near Exampletown on Monday, the army said."


def coded(article_id: str = "a-1", text: str = TEXT) -> CodedArticle:
    art = Article(
        id=article_id,
        text=text,
        url=f"https://x.org/{article_id}",
        outlet="Wire",
        published=date(2024, 2, 7),
        title="Rockets",
    )
    ev = Event(
        id=f"e-{article_id}", article_id=article_id, type="ASSAULT", mode="shelling", status="claimed",
        evidence=(Span(0, len(text)),), trigger=Span(10, 15),
        actor1=ActorMention(Span(0, 9), "Militants", Actor("Militants", sector="REB"), "generic"),
        actor2=ActorMention(Span(30, 34), "army", Actor("Kenya military", "KEN", "KEN", "MIL"), "generic"),
        place=PlaceMention(Span(45, 56), "Exampletown", Place("Exampletown", "KEN", None, 0.5, 37.0, 1, "gn:1")),
        date=DateRange(date(2024, 2, 5), date(2024, 2, 5), "day", "on Monday"),
        confidence=0.8, acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
    )  # fmt: skip
    return CodedArticle(article=art, events=(ev,))


def test_ingesting_twice_adds_nothing(store_url) -> None:  # type: ignore[no-untyped-def]
    url = store_url()
    store = Store(url)
    assert store.add(coded()) is True
    assert store.add(coded()) is False
    assert store.counts() == {"articles": 1, "events": 1, "errors": 0, "actor_mentions": 0}
    # a second process opening the same store sees the same rows
    assert Store(url).counts()["events"] == 1


def test_event_filters(store_url) -> None:  # type: ignore[no-untyped-def]
    store = Store(store_url())
    store.add(coded("a-1"))
    store.add(coded("a-2"))
    assert len(list(store.events(EventFilter(type="assault")))) == 2
    assert len(list(store.events(EventFilter(country="KEN", status="claimed")))) == 2
    assert list(store.events(EventFilter(status="denied"))) == []
    assert len(list(store.events(EventFilter(since="2024-02-05", until="2024-02-05")))) == 2
    assert list(store.events(EventFilter(since="2024-02-06"))) == []
    assert len(list(store.events(EventFilter(actor="militant", limit=1)))) == 1


def test_exports_round_trip(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "k.db"))
    store.add(coded())
    rows = list(store.events())
    assert export("acled-csv", rows, tmp_path / "e.csv") == 1
    with (tmp_path / "e.csv").open() as fh:
        reader = csv.DictReader(fh)
        assert (
            reader.fieldnames is not None
            and reader.fieldnames[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
        )
        [row] = list(reader)
    assert row["actor2"] == "Military Forces of Kenya"
    assert row["event_date"] == "2024-02-05" and row["geo_precision"] == "1"
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    export("parquet", rows, tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert table[0]["event_id_cnty"] == row["event_id_cnty"] and table[0]["iso"] == "KEN"
    export("geojson", rows, tmp_path / "e.geojson")
    gj = json.loads((tmp_path / "e.geojson").read_text())
    assert gj["features"][0]["geometry"]["coordinates"] == [37.0, 0.5]
    export("jsonl", rows, tmp_path / "e.jsonl")
    back = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert back == rows


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["a-1", "a-2", "a-3"]), min_size=1, max_size=8))
def test_rerunning_any_batch_adds_no_rows(tmp_path_factory, ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    store = Store(str(tmp_path_factory.mktemp("db") / "k.db"))
    for i in ids:
        store.add(coded(i))
    before = store.counts()
    for i in ids:
        store.add(coded(i))
    assert (
        store.counts()
        == before
        == {"articles": len(set(ids)), "events": len(set(ids)), "errors": 0, "actor_mentions": 0}
    )


def _with_mentions(article_id: str, names: list[str]) -> CodedArticle:
    base = coded(article_id)
    ments = []
    for i, name in enumerate(names):
        how = "unresolved" if name != "the army" else "generic"
        actor = Actor(name) if how == "unresolved" else Actor("Kenya military", "KEN", "KEN", "MIL")
        ments.append(ActorMention(Span(i * 10, i * 10 + len(name)), name, actor, how, 0.3))
    return CodedArticle(article=base.article, events=base.events, actors=tuple(ments))


def test_unknown_actors_ranked_by_frequency(store_url) -> None:  # type: ignore[no-untyped-def]
    store = Store(store_url())
    store.add(_with_mentions("a-1", ["Nowhere Brigade", "the army", "Hill Front"]))
    store.add(_with_mentions("a-2", ["Nowhere  Brigade", "Nowhere Brigade"]))
    store.add(_with_mentions("a-2", ["Ignored Twice"]))  # same article again: not stored twice
    rows = store.unknown_actors()
    assert [(r["text"], r["mentions"], r["articles"]) for r in rows] == [
        ("Nowhere Brigade", 3, 2),
        ("Hill Front", 1, 1),
    ]
    assert store.unknown_actors(min_count=2)[0]["example_article"] == "a-1"
    assert store.unknown_actors(how=("generic",))[0]["resolved_as"] == "Kenya military"


def test_acled_naming_follows_acleds_conventions() -> None:
    from khaldun.export import _country_names, acled_actor, acled_row

    names = _country_names()
    forces = {"name": "Kenya Defence Forces", "id": None, "country": "KEN", "sector": "MIL"}
    assert acled_actor(forces, names) == "Military Forces of Kenya"
    raiders = {"name": "Communal militia", "id": None, "country": None, "sector": "MLA",
               "text": "Pokot raiders"}  # fmt: skip
    assert acled_actor(raiders, names) == "Pokot Ethnic Militia"
    # a community's alias or plural takes the community's own name
    assert acled_actor({**raiders, "text": "Boran raiders"}, names) == "Borana Ethnic Militia"
    assert acled_actor({**raiders, "text": "Kipsigis youths"}, names) == "Kipsigi Ethnic Militia"
    # another name, not a spelling, stays as written
    assert acled_actor({**raiders, "text": "Merrile raiders"}, names) == "Merrile Ethnic Militia"
    assert acled_actor({**raiders, "text": "Maasais"}, names) == "Maasai Ethnic Militia"
    unnamed = {**raiders, "text": "raiders"}
    assert acled_actor(unnamed, names) == "Unidentified Ethnic Militia"
    # a sentence's first word is no community ("Raiders attacked…"); the community after
    # "Armed" is ("Armed Turkana herders")
    assert acled_actor({**raiders, "text": "Raiders"}, names) == "Unidentified Ethnic Militia"
    assert acled_actor({**raiders, "text": "Armed Turkana herders"}, names) == (
        "Turkana Ethnic Militia"
    )
    # a country's generic communal militia, gang or bandits: ACLED's unidentified actors
    assert acled_actor({**unnamed, "name": "Communal militia (Kenya)"}, names) == (
        "Unidentified Ethnic Militia"
    )
    gang = {"name": "Gang (Kenya)", "id": None, "country": "KEN", "sector": "CRM"}
    assert acled_actor(gang, names) == "Unidentified Armed Group (Kenya)"
    assert acled_actor({**gang, "name": "Bandits", "country": None}, names) == (
        "Unidentified Armed Group"
    )
    mungiki = {"name": "Mungiki", "id": "KEN-MUNGIKI", "country": "KEN", "sector": "CRM"}
    assert acled_actor(mungiki, names) == "Mungiki Militia"
    unknown = {"id": "e1", "type": "ASSAULT", "mode": None, "status": "asserted",
               "place": {"country": "KEN"}, "actor1": None, "actor2": None,
               "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"}}  # fmt: skip
    assert acled_row(unknown, names)["actor1"] == "Unidentified Armed Group (Kenya)"
    # police dispersing a demonstration: the crowd first, the police second
    police = {"name": "Police forces", "id": None, "country": "KEN", "sector": "COP"}
    dispersal = {**unknown, "actor1": police,
                 "acled": {"event_type": "Protests", "sub_event_type": "Protest with intervention"}}  # fmt: skip
    row = acled_row(dispersal, names)
    assert (row["actor1"], row["actor2"]) == ("Protesters (Kenya)", "Police Forces of Kenya")
    assert (row["inter1"], row["inter2"]) == (6, 1)


def test_an_organisation_with_an_acronym_is_named_acronym_first() -> None:
    from khaldun.export import _acronym, _country_names, acled_actor

    mrc = {"name": "Mombasa Republican Council", "id": "KEN-MRC", "country": "KEN", "sector": "MLA"}
    assert acled_actor(mrc, _country_names()) == "MRC: Mombasa Republican Council"
    assert _acronym(["Jamaat", "JeI", "Jamaat-e-Islami"]) == "JeI"
    assert _acronym(["Hezbollah", "Hizbullah"]) is None


def test_a_state_force_with_no_country_named_takes_the_country_it_acts_in() -> None:
    from khaldun.export import _country_names, acled_row

    police = {"name": "Police forces", "sector": "COP", "text": "Police", "how": "generic"}
    e = {"id": "e1", "type": "ASSAULT", "status": "asserted", "actor1": police,
         "place": {"country": "KEN", "name": "Malindi"},
         "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"}}  # fmt: skip
    assert acled_row(e, _country_names())["actor1"] == "Police Forces of Kenya"
