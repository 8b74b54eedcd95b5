"""Place recognition and resolution, on hand-built Docs and the compiled gazetteer."""

from __future__ import annotations

import os

import pytest
from tests.docs import make

from khaldun.actors.dictionary import ActorDictionary
from khaldun.actors.resolve import ActorFinder
from khaldun.places import gazetteer
from khaldun.places.gazetteer import Gazetteer, haversine_km
from khaldun.places.resolve import PlaceFinder, focus_country


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.load()


def places(rows, gaz: Gazetteer, ents=()):  # type: ignore[no-untyped-def]
    doc = make(rows, ents=ents)
    actors = tuple(ActorFinder(ActorDictionary.load()).find(doc))
    return PlaceFinder(gaz).find(doc, actors)


def test_transliterations_share_one_entry(gaz: Gazetteer) -> None:
    a = {e.gid for e in gaz.candidates("Deir ez-Zor")}
    assert a and a == {e.gid for e in gaz.candidates("Deir Ezzor")} | a
    assert {e.country for e in gaz.candidates("Palestine") if e.feature == "country"} == {"PSE"}


def test_city_airport_is_the_airport_nearest_the_city(gaz: Gazetteer) -> None:
    [p] = places([("in", "in", "ADP", "prep", 0), ("Erbil", "Erbil", "PROPN", "compound", 2),
                  ("airport", "airport", "NOUN", "pobj", 0)], gaz, ents=[(1, 2, "GPE")])  # fmt: skip
    assert p.text == "Erbil airport" and p.place is not None
    assert p.place.feature == "airport" and p.place.precision == 1
    assert haversine_km(p.place.lat, p.place.lon, 36.2376, 43.9632) < 1  # type: ignore[arg-type]


def test_direction_plus_country_is_region_precision(gaz: Gazetteer) -> None:
    [p] = places([("in", "in", "ADP", "prep", 0), ("northern", "northern", "ADJ", "amod", 2),
                  ("Iraq", "Iraq", "PROPN", "pobj", 0)], gaz, ents=[(2, 3, "GPE")])  # fmt: skip
    assert p.text == "northern Iraq" and p.place is not None
    assert (p.place.country, p.place.precision) == ("IRQ", 2)


def test_country_in_a_place_role_is_a_place_but_as_a_subject_an_actor(gaz: Gazetteer) -> None:
    found = places([("Iraq", "Iraq", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1)], gaz,
                   ents=[(0, 1, "GPE")])  # fmt: skip
    assert found == []
    [p] = places([("in", "in", "ADP", "prep", 0), ("Syria", "Syria", "PROPN", "pobj", 0)], gaz,
                 ents=[(1, 2, "GPE")])  # fmt: skip
    assert p.place is not None and (p.place.country, p.place.precision) == ("SYR", 3)


def test_admin_word_after_a_name_is_dropped_for_lookup(gaz: Gazetteer) -> None:
    [p] = places([("in", "in", "ADP", "prep", 0), ("Kabul", "Kabul", "PROPN", "compound", 2),
                  ("city", "city", "NOUN", "pobj", 0)], gaz, ents=[(1, 2, "GPE")])  # fmt: skip
    assert p.place is not None and p.place.name == "Kabul" and p.place.country == "AFG"


@pytest.mark.parametrize(("country", "iso"), [("Lebanon", "LBN"), ("Libya", "LBY")])
def test_country_context_ranks_candidates(gaz: Gazetteer, country: str, iso: str) -> None:
    found = places([("in", "in", "ADP", "prep", 0), (country, country, "PROPN", "pobj", 0),
                    ("and", "and", "CCONJ", "cc", 1), ("Tripoli", "Tripoli", "PROPN", "conj", 1)], gaz,
                   ents=[(1, 2, "GPE"), (3, 4, "GPE")])  # fmt: skip
    assert focus_country(found) == iso
    tripoli = next(p for p in found if p.text == "Tripoli")
    assert tripoli.place is not None and (tripoli.place.feature, tripoli.place.country) == (
        "city",
        iso,
    )


def test_hyphenated_transliterated_names_are_one_name() -> None:
    import spacy

    from khaldun.places.resolve import _hyphen_names, _parts

    nlp = spacy.blank("en")
    doc = nlp(
        "Guards were killed in the Sar-e Gaw area and near Pul-e Khumri, not in Dhaka-based offices."
    )
    names = [doc[s:e].text for s, e in _hyphen_names(doc)]
    assert names == ["Sar-e Gaw", "Pul-e Khumri"]
    span = nlp("Dhaka - Badda")[:]
    assert [p.text for p in _parts(span)] == ["Dhaka", "Badda"]
    assert [p.text for p in _parts(nlp("Sar-e Gaw, Kandahar")[:])] == ["Sar-e Gaw", "Kandahar"]


# -- the compiled index and ranking, on a small gazetteer written here ---------------------------
def _gaz(*entries: gazetteer.Entry, aliases: dict[str, list[str]] | None = None) -> Gazetteer:
    from collections import defaultdict

    from khaldun.text import key

    names: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        for n in [e.name, *(aliases or {}).get(e.gid, [])]:
            names[key(n)].append(e.gid)
    cells = {(int(e.lat or 0), int(e.lon or 0)): [e.gid] for e in entries if e.feature == "airport"}
    return Gazetteer({e.gid: e for e in entries}, dict(names), cells)


E = gazetteer.Entry
TOWN_A = E("gn:1", "Athens", "GRC", 37.98, 23.72, "city", 660_000, "ESYE31", 1)
TOWN_B = E("gn:2", "Athens", "USA", 32.2, -95.86, "city", 12_000, "TX", 1)
TOWN_C = E("gn:3", "Lemont", "USA", 41.67, -88.0, "city", 17_000, "IL", 1)  # once "Athens"
COUNTY = E("admin2:US-1", "Henderson County", "USA", 32.21, -95.85, "admin2", 0, "TX", 3)
STATE = E("admin1:US-TX", "Texas", "USA", 31.25, -99.25, "admin1", 25_000_000, "TX", 3)
COUNTRY = E("country:PSE", "Palestine", "PSE", 31.9, 35.2, "country", 0, None, 3)
TOWN_P = E("gn:4", "Palestine", "USA", 31.76, -95.63, "city", 18_000, "TX", 1)
TYLER = E("gn:5", "Tyler", "USA", 32.35, -95.3, "city", 100_000, "TX", 1)
SMALL = E(
    "gn:6", "Texas", "MEX", 19.0, -98.0, "city", 900, "13", 1
)  # a village that bears a state's name


def test_compact_index_round_trips_through_pickle() -> None:
    import pickle

    g = _gaz(TOWN_A, TOWN_B, TOWN_C, aliases={"gn:3": ["Athens"]})
    g2 = pickle.loads(pickle.dumps(g))
    assert {e.gid for e in g2.candidates("ATHENS")} == {"gn:1", "gn:2", "gn:3"}
    assert g2.entry("gn:3") == TOWN_C and g2.entry("gn:99") is None
    assert "athens" in g2.names and "sparta" not in g2.names and len(g2) == 3
    assert g2.candidates("Sparta") == []


def test_the_cached_index_loads_in_a_fraction_of_a_second(gaz: Gazetteer) -> None:
    import pickle
    import time

    blob = pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL)
    t = time.perf_counter()
    again = pickle.loads(blob)
    assert time.perf_counter() - t < 1.0
    assert [e.gid for e in again.candidates("Erbil")] == [e.gid for e in gaz.candidates("Erbil")]


def test_a_town_that_bears_the_name_outranks_one_that_once_bore_it() -> None:
    from collections import Counter

    from khaldun.places.resolve import rank

    votes = Counter({"USA": 3})
    assert rank([TOWN_B, TOWN_C], votes, name="Athens").gid == "gn:2"


def test_a_province_outranks_a_village_of_its_name_and_a_list_of_provinces_holds() -> None:
    g = _gaz(STATE, SMALL, E("admin1:US-OK", "Oklahoma", "USA", 35.5, -97.5, "admin1", 3_900_000,
                             "OK", 3))  # fmt: skip
    text = "Cases in Texas and Oklahoma."
    found = PlaceFinder(g).resolve_spans(text, [(9, 14), (19, 27)])
    assert [m.place.gazetteer_id for m in found if m.place] == ["admin1:US-TX", "admin1:US-OK"]


def test_a_town_among_the_articles_towns_beats_a_country_of_its_name() -> None:
    g = _gaz(COUNTRY, TOWN_P, TYLER, COUNTY)
    text = "A Palestine man was held in Tyler. Henderson County deputies said."
    spans = [(2, 11), (28, 33), (35, 51)]
    found = PlaceFinder(g).resolve_spans(text, spans)
    assert found[0].place is not None and found[0].place.gazetteer_id == "gn:4"
    # named with other countries, the country stays the country
    g = _gaz(COUNTRY, TOWN_P, TYLER, E("country:ISR", "Israel", "ISR", 31.5, 34.75, "country",
                                       0, None, 3))  # fmt: skip
    text = "Talks between Israel and Palestine resumed in Tyler."
    found = PlaceFinder(g).resolve_spans(text, [(14, 20), (25, 34), (46, 51)])
    assert found[1].place is not None and found[1].place.gazetteer_id == "country:PSE"


def test_a_nearby_name_decides_between_towns_of_one_name() -> None:
    g = _gaz(TOWN_A, TOWN_B, COUNTY)
    text = "The Athens council met. Henderson County said."
    found = PlaceFinder(g).resolve_spans(text, [(4, 10), (24, 40)])
    assert found[0].place is not None and found[0].place.gazetteer_id == "gn:2"


def test_candidates_without_feature_words_from_demonyms_and_abbreviations() -> None:
    from khaldun.places.resolve import lookup

    ontario = E("admin1:CA-ON", "Ontario", "CAN", 49.25, -84.5, "admin1", 13_000_000, None, 3)
    neches = E("gn:7", "Neches", "USA", 31.87, -95.5, "city", 600, "TX", 1)
    pleasant = E("gn:8", "Mount Pleasant", "USA", 33.16, -94.97, "city", 16_000, "TX", 1)
    g = _gaz(ontario, neches, pleasant)
    assert [e.gid for e in lookup(g, "Neches River")] == ["gn:7"]
    assert [e.gid for e in lookup(g, "Ontarians")] == ["admin1:CA-ON"]
    assert [e.gid for e in lookup(g, "Mt. Pleasant")] == ["gn:8"]
    assert lookup(g, "Nechesians") == []  # a demonym names a country or province, not a town


def test_a_name_the_gazetteer_lacks_is_placed_at_its_parent_coarsely() -> None:
    anchorage = E("gn:9", "Anchorage", "USA", 61.22, -149.9, "city", 290_000, "AK", 1)
    g = _gaz(anchorage)
    text = "A hunt at Kincaid Park in Anchorage was proposed."
    [m] = PlaceFinder(g).resolve_spans(text, [(10, 22)])
    assert m.place is not None and m.place.gazetteer_id == "gn:9"
    assert m.place.precision >= 2 and m.score < 0.5


def test_conventional_centres(gaz: Gazetteer) -> None:
    """A country's point is within 161 km of each common convention where the country allows;
    a state's is the atlas centre, not the mean of its towns."""
    canada = gaz.country("CAN")
    assert canada is not None and canada.lat is not None and canada.lon is not None
    for lat, lon in [(60.0, -95.0), (60.0, -96.0)]:  # Factbook, GeoNames (older)
        assert haversine_km(canada.lat, canada.lon, lat, lon) < 161
    texas = gaz.entry("admin1:US-TX")
    assert texas is not None and haversine_km(texas.lat, texas.lon, 31.0, -100.0) < 100  # type: ignore[arg-type]
    assert gaz.entry("admin1:CA-ON") is not None  # tied by no town of its name


def test_a_county_without_a_point_is_placed_at_the_articles_town_in_its_state() -> None:
    huntsville = E("gn:10", "Huntsville", "USA", 30.72, -95.55, "city", 40_000, "TX", 1)
    walker = E("admin2:US-2", "Walker County", "USA", 31.25, -99.25, "county", 0, "TX", 3)
    g = _gaz(huntsville, walker)
    text = "Huntsville and Walker County lifted the burn ban."
    found = PlaceFinder(g).resolve_spans(text, [(0, 10), (15, 28)])
    county = found[1].place
    assert county is not None and county.precision == 3
    assert haversine_km(county.lat, county.lon, 30.72, -95.55) < 1  # type: ignore[arg-type]


def test_eval_reads_entities_with_their_sentences(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from khaldun.evaluate import run

    rows = [
        {"entity": "Erbil", "lat_long": [36.19, 44.01], "entity_label": "GPE",
         "context": {"sents": [{"sent": "Drones struck near Erbil on Sunday."}]}},
        {"entity": "Nowhere Park", "lat_long": [0.0, 0.0], "entity_label": "FAC",
         "context": {"sents": [{"sent": "A fair at Nowhere Park."}]}},
    ]  # fmt: skip
    gold = tmp_path / "FAC_test.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    figures = run(gold, [])["figures"]
    assert figures["accuracy_161km"] == {"value": 0.5, "n": 2}


def test_a_small_town_abroad_is_not_read_into_a_local_name(gaz: Gazetteer) -> None:
    # "Taliban attacked Kash Rod district in Helmand": "Kash" is no other name of Kashgar
    rows = [("Taliban", "Taliban", "PROPN", "nsubj", 1), ("attacked", "attack", "VERB", "ROOT", 1),
            ("Kash", "Kash", "PROPN", "compound", 3), ("Rod", "Rod", "PROPN", "compound", 4),
            ("district", "district", "NOUN", "dobj", 1), ("in", "in", "ADP", "prep", 4),
            ("Helmand", "Helmand", "PROPN", "pobj", 5)]  # fmt: skip
    found = places(rows, gaz, ents=[(0, 1, "ORG"), (6, 7, "GPE")])
    # the district is read whole (its gazetteer entry), never "Kash" alone
    assert [p.text for p in found] == ["Kash Rod district", "Helmand"]
    assert all(p.place is not None and p.place.country == "AFG" for p in found)


def test_a_short_acronym_is_a_country_or_nothing(gaz: Gazetteer) -> None:
    rows = [("AL", "AL", "PROPN", "nsubj", 1), ("marched", "march", "VERB", "ROOT", 1),
            ("in", "in", "ADP", "prep", 1), ("Dhaka", "Dhaka", "PROPN", "pobj", 2)]  # fmt: skip
    found = places(rows, gaz, ents=[(0, 1, "ORG"), (3, 4, "GPE")])
    assert [p.text for p in found] == ["Dhaka"]


def test_a_bracketed_gloss_ends_with_the_province(gaz: Gazetteer) -> None:
    # "in Gaibandha city (Gaibandha Sadar, Dhaka)": Dhaka here is the division
    rows = [("in", "in", "ADP", "ROOT", 0), ("Gaibandha", "Gaibandha", "PROPN", "compound", 2),
            ("city", "city", "NOUN", "pobj", 0), ("(", "(", "PUNCT", "punct", 2),
            ("Sadar", "Sadar", "PROPN", "appos", 2), (",", ",", "PUNCT", "punct", 4),
            ("Dhaka", "Dhaka", "PROPN", "conj", 4), (")", ")", "PUNCT", "punct", 2)]  # fmt: skip
    found = {p.text: p.place for p in places(rows, gaz, ents=[(1, 2, "GPE"), (6, 7, "ORG")])}
    assert found["Dhaka"] is not None and found["Dhaka"].feature == "admin1"
    assert found["Gaibandha"] is not None and found["Gaibandha"].precision == 1


def test_a_later_part_of_a_hyphenated_name_lies_near_the_first(gaz: Gazetteer) -> None:
    # "in Dhaka - Hazaribagh": the Dhaka neighbourhood, not the Indian town of that name
    rows = [("in", "in", "ADP", "ROOT", 0), ("Dhaka", "Dhaka", "PROPN", "pobj", 0),
            ("-", "-", "PUNCT", "punct", 1), ("Hazaribagh", "Hazaribagh", "PROPN", "appos", 1)]  # fmt: skip
    [p] = places(rows, gaz, ents=[(1, 4, "ORG")])
    assert p.place is not None and p.place.country == "BGD"


def test_the_named_actors_country_decides_a_name_two_countries_share(gaz: Gazetteer) -> None:
    # "Awami League members rallied in Dhaka": the capital of Bangladesh, not Dhaka in India
    rows = [("Awami", "Awami", "PROPN", "compound", 1), ("League", "League", "PROPN", "nsubj", 2),
            ("rallied", "rally", "VERB", "ROOT", 2), ("in", "in", "ADP", "prep", 2),
            ("Dhaka", "Dhaka", "PROPN", "pobj", 3), ("and", "and", "CCONJ", "cc", 4),
            ("Hazaribagh", "Hazaribagh", "PROPN", "conj", 4)]  # fmt: skip
    found = {
        p.text: p.place
        for p in places(rows, gaz, ents=[(0, 2, "ORG"), (4, 5, "GPE"), (6, 7, "GPE")])
    }
    assert found["Dhaka"] is not None and found["Dhaka"].country == "BGD"


def test_a_town_the_model_ran_into_a_longer_entity_is_still_read(gaz: Gazetteer) -> None:
    # "Youths in Kakamega assaulted Nation journalists", with "Kakamega assaulted Nation" as ORG
    found = places([("Youths", "youth", "NOUN", "nsubj", 3), ("in", "in", "ADP", "prep", 0),
                    ("Kakamega", "Kakamega", "PROPN", "pobj", 1),
                    ("assaulted", "assault", "VERB", "ROOT", 3),
                    ("Nation", "Nation", "PROPN", "compound", 5),
                    ("journalists", "journalist", "NOUN", "dobj", 3)], gaz,
                   ents=[(2, 5, "ORG")])  # fmt: skip
    assert [(p.text, p.place and p.place.country) for p in found] == [("Kakamega", "KEN")]


def test_an_institution_named_for_its_town_is_in_the_town(gaz: Gazetteer) -> None:
    # "Students of Maseno University protested." and "…of the University of Nairobi…"
    found = places([("Students", "student", "NOUN", "nsubj", 4), ("of", "of", "ADP", "prep", 0),
                    ("Maseno", "Maseno", "PROPN", "compound", 3),
                    ("University", "University", "PROPN", "pobj", 1),
                    ("protested", "protest", "VERB", "ROOT", 4)], gaz, ents=[(2, 4, "ORG")])  # fmt: skip
    assert [(p.text, p.place and p.place.country) for p in found] == [("Maseno", "KEN")]
    found = places([("at", "at", "ADP", "ROOT", 0), ("the", "the", "DET", "det", 2),
                    ("University", "University", "PROPN", "pobj", 0), ("of", "of", "ADP", "prep", 2),
                    ("Nairobi", "Nairobi", "PROPN", "pobj", 3)], gaz, ents=[(2, 5, "ORG")])  # fmt: skip
    assert [(p.text, p.place and p.place.name) for p in found] == [("Nairobi", "Nairobi")]
    # the model's entity takes the article in: "the University of Machakos"
    found = places([("at", "at", "ADP", "ROOT", 0), ("the", "the", "DET", "det", 2),
                    ("University", "University", "PROPN", "pobj", 0), ("of", "of", "ADP", "prep", 2),
                    ("Machakos", "Machakos", "PROPN", "pobj", 3)], gaz, ents=[(1, 5, "ORG")])  # fmt: skip
    assert [(p.text, p.place and p.place.country) for p in found] == [("Machakos", "KEN")]


def test_a_capital_naming_its_people_or_parts_is_a_place(gaz: Gazetteer) -> None:
    # "Nairobi residents protested" and "clashes in Nairobi's Mathare slum": the city, not its
    # government; "Nairobi accused Mogadishu" stays an actor
    found = places([("Nairobi", "Nairobi", "PROPN", "compound", 1),
                    ("residents", "resident", "NOUN", "nsubj", 2),
                    ("protested", "protest", "VERB", "ROOT", 2)], gaz, ents=[(0, 1, "GPE")])  # fmt: skip
    assert [(p.text, p.place and p.place.name) for p in found] == [("Nairobi", "Nairobi")]
    found = places([("Clashes", "clash", "NOUN", "ROOT", 0), ("in", "in", "ADP", "prep", 0),
                    ("Nairobi", "Nairobi", "PROPN", "poss", 4), ("'s", "'s", "PART", "case", 2),
                    ("Mathare", "Mathare", "PROPN", "compound", 5),
                    ("slum", "slum", "NOUN", "pobj", 1)], gaz,
                   ents=[(2, 3, "GPE"), (4, 5, "GPE")])  # fmt: skip
    assert [(p.text, p.place and p.place.name) for p in found] == [
        ("Nairobi", "Nairobi"), ("Mathare", "Mathare")]  # fmt: skip
    found = places([("Nairobi", "Nairobi", "PROPN", "nsubj", 1),
                    ("accused", "accuse", "VERB", "ROOT", 1),
                    ("Mogadishu", "Mogadishu", "PROPN", "dobj", 1)], gaz,
                   ents=[(0, 1, "GPE"), (2, 3, "GPE")])  # fmt: skip
    assert found == []
    found = places([("Baghdad", "Baghdad", "PROPN", "poss", 2), ("'s", "'s", "PART", "case", 0),
                    ("efforts", "effort", "NOUN", "nsubj", 3, "NNS"),
                    ("failed", "fail", "VERB", "ROOT", 3)], gaz, ents=[(0, 1, "GPE")])  # fmt: skip
    assert found == []  # its government's efforts
    found = places([("US", "US", "PROPN", "compound", 1), ("forces", "force", "NOUN", "nsubj", 2, "NNS"),
                    ("withdrew", "withdraw", "VERB", "ROOT", 2)], gaz, ents=[(0, 1, "GPE")])  # fmt: skip
    assert found == []  # whose forces, not where


def test_a_march_through_a_town_is_there(gaz: Gazetteer) -> None:
    found = places([("supporters", "supporter", "NOUN", "nsubj", 1),
                    ("marched", "march", "VERB", "ROOT", 1), ("through", "through", "ADP", "prep", 1),
                    ("Nairobi", "Nairobi", "PROPN", "pobj", 2)], gaz, ents=[(3, 4, "GPE")])  # fmt: skip
    assert [(p.text, p.place and p.place.name) for p in found] == [("Nairobi", "Nairobi")]


@pytest.mark.parametrize("name,city", [("Kibera", "Nairobi"), ("Eastleigh", "Nairobi"),
                                       ("Likoni", "Mombasa"), ("Kondele", "Kisumu"),
                                       ("Kenyatta National Hospital", "Nairobi"),
                                       ("Masinde Muliro University", "Kakamega")])  # fmt: skip
def test_a_kenyan_citys_estates_are_in_the_gazetteer(gaz: Gazetteer, name: str, city: str) -> None:
    [town] = [c for c in gaz.candidates(city) if c.feature == "city"][:1]
    [part] = [c for c in gaz.candidates(name) if c.country == "KEN"]
    assert haversine_km(part.lat, part.lon, town.lat, town.lon) < 15  # type: ignore[arg-type]


# --- Afghanistan's districts (data/places/admin_afghanistan.yaml)

AFG_BOX = (29.3, 38.5, 60.5, 75.0)  # lat min, lat max, lon min, lon max


def test_afghan_districts_validate_and_lie_in_their_provinces() -> None:
    from khaldun.knowledge import load_place_file, place_files

    [path] = [p for p in place_files() if p.name == "admin_afghanistan.yaml"]
    districts = load_place_file(path).entries
    provinces = {e.admin1: e for p in place_files() for e in load_place_file(p).entries
                 if e.country == "AFG" and e.feature == "province"}  # fmt: skip
    assert len(provinces) == 34 and len(districts) > 250
    for d in districts:
        assert d.id.startswith("afg-d-") and d.name.endswith(" district"), d.id
        assert (d.feature, d.country, d.precision) == ("admin2", "AFG", 2), d.id
        assert d.admin1 in provinces, d.id
        assert AFG_BOX[0] <= d.lat <= AFG_BOX[1] and AFG_BOX[2] <= d.lon <= AFG_BOX[3], d.id
        home = provinces[d.admin1]
        assert haversine_km(d.lat, d.lon, home.lat, home.lon) <= 250, d.id


def test_an_afghan_district_named_like_a_town_has_no_bare_alias(gaz: Gazetteer) -> None:
    from khaldun.knowledge import load_place_file, place_files
    from khaldun.text import key

    [path] = [p for p in place_files() if p.name == "admin_afghanistan.yaml"]
    for d in load_place_file(path).entries:
        for alias in d.aliases:
            if not key(alias).endswith(" district"):
                others = [e for e in gaz.candidates(alias) if e.gid != f"fac:{d.id}"]
                assert all(e.feature == "admin2" for e in others), (d.id, alias, others)


def _area_of_district() -> list[tuple[str, ...]]:
    # "attacked a checkpoint in the Spinakai area of Nahri Saraj district, Helmand"
    return [("attacked", "attack", "VERB", "ROOT", 0), ("a", "a", "DET", "det", 2),
            ("checkpoint", "checkpoint", "NOUN", "dobj", 0), ("in", "in", "ADP", "prep", 0),
            ("the", "the", "DET", "det", 6), ("Spinakai", "Spinakai", "PROPN", "compound", 6),
            ("area", "area", "NOUN", "pobj", 3), ("of", "of", "ADP", "prep", 6),
            ("Nahri", "Nahri", "PROPN", "compound", 9), ("Saraj", "Saraj", "PROPN", "compound", 10),
            ("district", "district", "NOUN", "pobj", 7), (",", ",", "PUNCT", "punct", 10),
            ("Helmand", "Helmand", "PROPN", "appos", 10)]  # fmt: skip


def test_a_district_named_with_its_word_is_the_district(gaz: Gazetteer) -> None:
    found = places(_area_of_district(), gaz, ents=[(8, 10, "PERSON"), (12, 13, "GPE")])
    by_text = {p.text: p.place for p in found}
    district = by_text["Nahri Saraj district"]
    assert district is not None and district.gazetteer_id == "fac:afg-d-nahr-e-saraj"
    assert (district.precision, district.admin1, district.country) == (2, "Helmand", "AFG")
    assert by_text["Helmand"] is not None and by_text["Helmand"].precision == 3


def test_the_province_after_a_district_is_the_province_not_its_capital(gaz: Gazetteer) -> None:
    # "in Zhari district, Kandahar": Kandahar is the province (the city is 30 km away)
    rows = [("in", "in", "ADP", "prep", 0), ("Zhari", "Zhari", "PROPN", "compound", 2),
            ("district", "district", "NOUN", "pobj", 0), (",", ",", "PUNCT", "punct", 2),
            ("Kandahar", "Kandahar", "PROPN", "appos", 2)]  # fmt: skip
    found = places(rows, gaz, ents=[(1, 2, "GPE"), (4, 5, "GPE")])
    assert [p.text for p in found] == ["Zhari district", "Kandahar"]
    zhari, kandahar = (p.place for p in found)
    assert zhari is not None and zhari.feature == "admin2" and zhari.admin1 == "Kandahar"
    assert kandahar is not None and kandahar.feature != "city" and kandahar.precision == 3
    # "in the Mashtal district of Baghdad": a city's district, the city itself
    rows = [("in", "in", "ADP", "prep", 0), ("the", "the", "DET", "det", 3),
            ("Mashtal", "Mashtal", "PROPN", "compound", 3), ("district", "district", "NOUN", "pobj", 0),
            ("of", "of", "ADP", "prep", 3), ("Baghdad", "Baghdad", "PROPN", "pobj", 4)]  # fmt: skip
    found = places(rows, gaz, ents=[(5, 6, "GPE")])
    assert [(p.text, p.place.feature) for p in found if p.place] == [("Baghdad", "city")]


def test_a_town_keeps_its_reading_beside_a_district_of_its_name(gaz: Gazetteer) -> None:
    # "in Sangin, Helmand" is the town; "in Sangin district, Helmand" the district
    town = places([("in", "in", "ADP", "prep", 0), ("Sangin", "Sangin", "PROPN", "pobj", 0)], gaz,
                  ents=[(1, 2, "GPE")])  # fmt: skip
    assert town[0].place is not None and town[0].place.feature == "city"
    assert town[0].place.precision == 1
    district = places([("in", "in", "ADP", "prep", 0), ("Sangin", "Sangin", "PROPN", "compound", 2),
                       ("district", "district", "NOUN", "pobj", 0)], gaz, ents=[(1, 2, "GPE")])  # fmt: skip
    assert district[0].place is not None and district[0].place.feature == "admin2"
    # a bare name that GeoNames gives the district's centre stays the town
    assert {e.feature for e in gaz.candidates("Nahr-e Saraj")} == {"city"}


def test_a_town_far_from_the_district_it_is_said_to_be_in_is_dropped(gaz: Gazetteer) -> None:
    # "the Zargaran area of Nahri Saraj district": the gazetteer's Zargaran is near Kabul
    rows = _area_of_district()
    rows[5] = ("Zargaran", "Zargaran", "PROPN", "compound", 6)
    found = places(rows, gaz, ents=[(5, 6, "GPE"), (8, 10, "PERSON"), (12, 13, "GPE")])
    assert [p.text for p in found] == ["Nahri Saraj district", "Helmand"]
    # Gereshk, the district's centre, stays
    rows[5] = ("Gereshk", "Gereshk", "PROPN", "compound", 6)
    found = places(rows, gaz, ents=[(5, 6, "GPE"), (8, 10, "PERSON"), (12, 13, "GPE")])
    assert [p.text for p in found] == ["Gereshk", "Nahri Saraj district", "Helmand"]


@pytest.mark.model
def test_an_event_in_an_area_of_a_district_is_placed_at_the_district() -> None:
    from khaldun.api import code_text

    art = code_text(
        "Taliban militants attacked an army checkpoint in the Spinakai area of Nahri Saraj "
        "district, Helmand, on Monday. In another attack, Taliban militants attacked a police "
        "post in Gereshk city of Nahri Saraj district, Helmand.",
        published="2020-03-10",
    )
    found = [(m.place.name, m.place.precision) for e in art.events
             if (m := e.place) is not None and m.place is not None]  # fmt: skip
    assert found[0] == ("Nahr-e Saraj district", 2)
    assert found[-1] == ("Gereshk", 1)  # a known town still wins over its district


def test_the_cached_gazetteer_is_keyed_on_every_place_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # a new place file, or one edited, is a new cache (the old one is never read again)
    files = gazetteer.place_files()
    before = gazetteer._cache_path()
    extra = tmp_path / "admin_somewhere.yaml"
    extra.write_text("schema: khaldun.places/1\nentries: []\n", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "place_files", lambda: [*files, extra])
    added = gazetteer._cache_path()
    assert added != before
    mtime = extra.stat().st_mtime_ns
    extra.write_text("schema: khaldun.places/1\nentries: [] \n", encoding="utf-8")
    os.utime(extra, ns=(mtime, mtime))  # the same time, another size
    assert gazetteer._cache_path() not in (before, added)


def test_a_town_the_model_took_for_a_common_noun_naming_its_people(gaz: Gazetteer) -> None:
    # "Eldoret residents protested.", "Eldoret" tagged a noun, no entity
    found = places([("Eldoret", "eldoret", "NOUN", "compound", 1), ("residents", "resident", "NOUN", "nsubj", 2, "NNS"),
                    ("protested", "protest", "VERB", "ROOT", 2), (".", ".", "PUNCT", "punct", 2)], gaz)  # fmt: skip
    assert [(p.text, p.place.country) for p in found if p.place] == [("Eldoret", "KEN")]
    # a capitalised common noun that is no large town stays no place: "Government officials met."
    assert places([("The", "the", "DET", "det", 2), ("Government", "government", "NOUN", "compound", 2),
                   ("officials", "official", "NOUN", "nsubj", 3, "NNS"), ("met", "meet", "VERB", "ROOT", 3),
                   (".", ".", "PUNCT", "punct", 3)], gaz) == []  # fmt: skip


def test_the_proper_nouns_before_district_are_its_name(gaz: Gazetteer) -> None:
    # "in Band Temur of Maywand district": the model ran the names into one entity
    rows = [("in", "in", "ADP", "prep", 0), ("Band", "Band", "PROPN", "compound", 2),
            ("Temur", "Temur", "PROPN", "pobj", 0), ("of", "of", "ADP", "prep", 2),
            ("Maywand", "Maywand", "PROPN", "compound", 5), ("district", "district", "NOUN", "pobj", 3)]  # fmt: skip
    found = places(rows, gaz, ents=[(1, 5, "ORG")])
    assert [(p.text, p.place.feature) for p in found if p.place] == [("Maywand district", "admin2")]


def test_afghan_provincial_capitals_the_town_list_misses(gaz: Gazetteer) -> None:
    for name, province in (("Maidan Shar", "Wardak"), ("Mahmud-e-Raqi", "Kapisa"),
                           ("Sharana", "Paktika"), ("Qala-e-Naw", "Badghis")):  # fmt: skip
        assert [c.admin1 for c in gaz.candidates(name) if c.country == "AFG"] == [province], name


def test_a_place_the_model_labelled_a_work_of_art_is_still_a_place(gaz: Gazetteer) -> None:
    # "Raiders attacked Nyakach.": the small model tags Nyakach WORK_OF_ART
    found = places([("Raiders", "raider", "NOUN", "nsubj", 1, "NNS"), ("attacked", "attack", "VERB", "ROOT", 1),
                    ("Nyakach", "Nyakach", "PROPN", "dobj", 1), (".", ".", "PUNCT", "punct", 1)], gaz,
                   ents=[(2, 3, "WORK_OF_ART")])  # fmt: skip
    assert [(p.text, p.place.country) for p in found if p.place] == [("Nyakach", "KEN")]


def test_a_run_of_proper_nouns_is_one_name_and_a_constituency_its_word(gaz: Gazetteer) -> None:
    # "Residents of Imenti South protested.", with no entity at all
    found = places([("Residents", "resident", "NOUN", "nsubj", 4, "NNS"), ("of", "of", "ADP", "prep", 0),
                    ("Imenti", "Imenti", "PROPN", "compound", 3), ("South", "South", "PROPN", "pobj", 1),
                    ("protested", "protest", "VERB", "ROOT", 4)], gaz)  # fmt: skip
    assert [(p.text, p.place.feature) for p in found if p.place] == [("Imenti South", "admin2")]
    # "in Naivasha constituency": the constituency, not the town
    found = places([("in", "in", "ADP", "prep", 0), ("Naivasha", "Naivasha", "PROPN", "compound", 2),
                    ("constituency", "constituency", "NOUN", "pobj", 0)], gaz, ents=[(1, 2, "GPE")])  # fmt: skip
    assert [(p.text, p.place.feature) for p in found if p.place] == [
        ("Naivasha constituency", "admin2")
    ]


def test_a_towns_people_school_or_body_names_the_town(gaz: Gazetteer) -> None:
    # "Mombasa Women protested." (an ORG to the model), "students of Bungoma High School"
    found = places([("Mombasa", "Mombasa", "PROPN", "compound", 1), ("Women", "Women", "PROPN", "nsubj", 2),
                    ("protested", "protest", "VERB", "ROOT", 2)], gaz, ents=[(0, 2, "ORG")])  # fmt: skip
    assert [p.text for p in found if p.place] == ["Mombasa"]
    found = places([("students", "student", "NOUN", "ROOT", 0, "NNS"), ("of", "of", "ADP", "prep", 0),
                    ("Bungoma", "Bungoma", "PROPN", "compound", 5), ("High", "High", "PROPN", "compound", 5),
                    ("School", "School", "PROPN", "compound", 5), ("riot", "riot", "NOUN", "pobj", 1)], gaz,
                   ents=[(2, 5, "ORG")])  # fmt: skip
    assert [p.text for p in found if p.place] == ["Bungoma"]
    # "Lamu residents protested.": the model made the town an adjective
    found = places([("Lamu", "lamu", "ADJ", "amod", 1), ("residents", "resident", "NOUN", "nsubj", 2, "NNS"),
                    ("protested", "protest", "VERB", "ROOT", 2)], gaz)  # fmt: skip
    assert [(p.text, p.place.country) for p in found if p.place] == [("Lamu", "KEN")]


def test_a_town_the_model_took_for_a_person_before_or_after_its_people(gaz: Gazetteer) -> None:
    # "Meru residents protested.", "Residents of Meru protested.": Meru tagged PERSON (and a
    # community's name too)
    found = places([("Meru", "Meru", "PROPN", "compound", 1), ("residents", "resident", "NOUN", "nsubj", 2, "NNS"),
                    ("protested", "protest", "VERB", "ROOT", 2)], gaz, ents=[(0, 1, "PERSON")])  # fmt: skip
    assert [(p.text, p.place.country) for p in found if p.place] == [("Meru", "KEN")]
    found = places([("Residents", "resident", "NOUN", "nsubj", 3, "NNS"), ("of", "of", "ADP", "prep", 0),
                    ("Meru", "Meru", "PROPN", "pobj", 1), ("protested", "protest", "VERB", "ROOT", 3)], gaz,
                   ents=[(2, 3, "PERSON")])  # fmt: skip
    assert [(p.text, p.place.country) for p in found if p.place] == [("Meru", "KEN")]
    # a person's name in the same place is no town: "the president of Kenyatta"
    assert places([("the", "the", "DET", "det", 1), ("president", "president", "NOUN", "nsubj", 4),
                   ("of", "of", "ADP", "prep", 1), ("Kenyatta", "Kenyatta", "PROPN", "pobj", 2),
                   ("spoke", "speak", "VERB", "ROOT", 4)], gaz, ents=[(3, 4, "PERSON")]) == []  # fmt: skip


def test_the_capital_is_the_countrys_unless_it_names_its_city(gaz: Gazetteer) -> None:
    capitals = {"KEN": "Nairobi", "USA": "Washington"}

    def found(rows, ents):  # type: ignore[no-untyped-def]
        doc = make(rows, ents=ents)
        return [(p.text, p.place and p.place.name)
                for p in PlaceFinder(gaz, capitals).find(doc, (), "KEN")]  # fmt: skip

    # "Police fired outside the US embassy in the capital."
    rows = [("Police", "police", "NOUN", "nsubj", 1), ("fired", "fire", "VERB", "ROOT", 1),
            ("outside", "outside", "ADP", "prep", 1), ("the", "the", "DET", "det", 5),
            ("US", "US", "PROPN", "compound", 5), ("embassy", "embassy", "NOUN", "pobj", 2),
            ("in", "in", "ADP", "prep", 5), ("the", "the", "DET", "det", 8),
            ("capital", "capital", "NOUN", "pobj", 6)]  # fmt: skip
    assert ("the capital", "Washington") in found(rows, [(4, 5, "GPE")])
    # "… in the capital Nairobi": the city it names, not a second reading of "the capital"
    rows[8] = ("capital", "capital", "NOUN", "compound", 9)
    rows.append(("Nairobi", "Nairobi", "PROPN", "pobj", 6))
    assert found(rows, [(4, 5, "GPE"), (9, 10, "GPE")]) == [("US", "United States"),
                                                            ("Nairobi", "Nairobi")]  # fmt: skip
