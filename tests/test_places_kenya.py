"""Kenya's constituencies and local places (data/places/admin_kenya.yaml), on hand-built Docs."""

from __future__ import annotations

import pytest
from tests.docs import make

from khaldun.actors.dictionary import ActorDictionary
from khaldun.actors.resolve import ActorFinder
from khaldun.knowledge import PlaceEntry, load_place_file, place_files
from khaldun.places import gazetteer
from khaldun.places.gazetteer import Gazetteer, haversine_km
from khaldun.places.resolve import PlaceFinder
from khaldun.text import key

KEN_BOX = (-4.8, 5.1, 33.9, 42.0)  # lat min, lat max, lon min, lon max
COUNTY_KM = 200


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.load()


def _entries() -> list[PlaceEntry]:
    [path] = [p for p in place_files() if p.name == "admin_kenya.yaml"]
    return load_place_file(path).entries


def _counties() -> dict[str, PlaceEntry]:
    [path] = [p for p in place_files() if p.name == "admin_units.yaml"]
    return {e.admin1: e for e in load_place_file(path).entries  # type: ignore[misc]
            if e.country == "KEN" and e.feature == "province"}  # fmt: skip


def places(rows, gaz: Gazetteer, ents=()):  # type: ignore[no-untyped-def]
    doc = make(rows, ents=ents)
    actors = tuple(ActorFinder(ActorDictionary.load()).find(doc))
    return PlaceFinder(gaz).find(doc, actors)


def test_the_file_validates_with_the_constituencies_and_local_places() -> None:
    entries = _entries()
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    constituencies = [e for e in entries if e.id.startswith("ken-c-")]
    assert len(constituencies) >= 285
    for e in constituencies:
        assert (e.feature, e.country, e.precision) == ("admin2", "KEN", 2), e.id
    for e in entries:
        if not e.id.startswith("ken-c-"):
            assert e.id.startswith("ken-p-") and (e.feature, e.precision) == ("region", 1), e.id
    # every county has its constituencies
    assert {e.admin1 for e in constituencies} == set(_counties())


def test_every_entry_lies_in_kenya_and_near_its_county() -> None:
    counties = _counties()
    assert len(counties) == 47
    for e in _entries():
        assert e.country == "KEN" and e.admin1 in counties, e.id
        assert KEN_BOX[0] <= e.lat <= KEN_BOX[1] and KEN_BOX[2] <= e.lon <= KEN_BOX[3], e.id
        home = counties[e.admin1]
        assert haversine_km(e.lat, e.lon, home.lat, home.lon) <= COUNTY_KM, e.id


def test_a_constituencys_bare_name_is_no_other_places(gaz: Gazetteer) -> None:
    # a name that is also a town (or another place) is "<Name> constituency": the town keeps it
    for e in _entries():
        if not e.id.startswith("ken-c-"):
            continue
        for name in (e.name, *e.aliases):
            if key(name).endswith((" constituency", " sub county")):
                continue
            others = [c for c in gaz.candidates(name) if c.gid != f"fac:{e.id}"]
            assert others == [], (e.id, name, others)


@pytest.mark.parametrize("name,county", [("Shinyalu", "Kakamega"), ("Kanduyi", "Bungoma"),
                                         ("Nyakach", "Kisumu"), ("Kigumo", "Murang'a"),
                                         ("Karachuonyo", "Homa Bay"), ("Teso South", "Busia"),
                                         ("South Teso", "Busia"), ("Ndaragwa", "Nyandarua"),
                                         ("Kipkelion West", "Kericho"), ("Embakasi East", "Nairobi"),
                                         ("Kibra constituency", "Nairobi"),
                                         ("Kiambu sub-county", "Kiambu")])  # fmt: skip
def test_constituencies_are_in_the_gazetteer(gaz: Gazetteer, name: str, county: str) -> None:
    found = [c for c in gaz.candidates(name) if c.gid.startswith("fac:ken-c-")]
    assert [(c.feature, c.admin1, c.precision) for c in found] == [("admin2", county, 2)]


def test_a_town_named_like_its_constituency_keeps_its_bare_name(gaz: Gazetteer) -> None:
    for town in ("Kisumu", "Malindi", "Naivasha", "Kiambu", "Bondo"):
        assert not any(c.gid.startswith("fac:ken-c-") for c in gaz.candidates(town)), town
    # the constituency named after a town sits at the town's point
    [kilgoris] = gaz.candidates("Kilgoris constituency")
    [town] = [c for c in gaz.candidates("Kilgoris") if c.feature == "city"]
    assert haversine_km(kilgoris.lat, kilgoris.lon, town.lat, town.lon) < 2  # type: ignore[arg-type]


def test_residents_of_a_constituency_are_placed_there(gaz: Gazetteer) -> None:
    # "Residents of Shinyalu protested."
    found = places([("Residents", "resident", "NOUN", "nsubj", 3), ("of", "of", "ADP", "prep", 0),
                    ("Shinyalu", "Shinyalu", "PROPN", "pobj", 1),
                    ("protested", "protest", "VERB", "ROOT", 3), (".", ".", "PUNCT", "punct", 3)],
                   gaz, ents=[(2, 3, "GPE")])  # fmt: skip
    assert [(p.text, p.place and p.place.gazetteer_id) for p in found] == [
        ("Shinyalu", "fac:ken-c-shinyalu")]  # fmt: skip
    place = found[0].place
    assert place is not None and (place.country, place.admin1, place.precision) == (
        "KEN", "Kakamega", 2)  # fmt: skip


def test_a_directional_constituency_with_its_county(gaz: Gazetteer) -> None:
    # "in Teso South, Busia County"
    found = places([("in", "in", "ADP", "ROOT", 0), ("Teso", "Teso", "PROPN", "compound", 2),
                    ("South", "South", "PROPN", "pobj", 0), (",", ",", "PUNCT", "punct", 2),
                    ("Busia", "Busia", "PROPN", "compound", 5),
                    ("County", "County", "PROPN", "appos", 2)], gaz,
                   ents=[(1, 3, "GPE"), (4, 6, "GPE")])  # fmt: skip
    ids = [p.place and p.place.gazetteer_id for p in found]
    assert ids == ["fac:ken-c-teso-south", "fac:ken-busia-county"]


def test_a_known_town_still_resolves_to_the_town(gaz: Gazetteer) -> None:
    # "Traders in Kisumu protested."
    found = places([("Traders", "trader", "NOUN", "nsubj", 3), ("in", "in", "ADP", "prep", 0),
                    ("Kisumu", "Kisumu", "PROPN", "pobj", 1),
                    ("protested", "protest", "VERB", "ROOT", 3)], gaz, ents=[(2, 3, "GPE")])  # fmt: skip
    [p] = found
    assert p.place is not None and (p.place.name, p.place.feature) == ("Kisumu", "city")
    assert p.place.precision == 1


@pytest.mark.parametrize("name,city,km", [("Mwiki", "Nairobi", 20), ("Umoja", "Nairobi", 15),
                                          ("Mukuru kwa Njenga", "Nairobi", 15),
                                          ("Manyatta", "Kisumu", 10), ("Todonyang", "Lodwar", 200)])  # fmt: skip
def test_estates_and_trading_centres_are_in_the_gazetteer(gaz: Gazetteer, name: str, city: str,
                                                           km: float) -> None:  # fmt: skip
    [town] = [c for c in gaz.candidates(city) if c.feature == "city" and c.country == "KEN"][:1]
    [part] = [c for c in gaz.candidates(name) if c.country == "KEN"]
    assert part.precision == 1
    assert haversine_km(part.lat, part.lon, town.lat, town.lon) < km  # type: ignore[arg-type]


def test_every_county_is_found_by_its_bare_name(gaz: Gazetteer) -> None:
    # "in Tana River", "Homa Bay": a county with no admin1 point of its own is still Kenya's
    for name, entry in _counties().items():
        assert name is not None
        found = [c for c in gaz.candidates(name) if c.country == "KEN"]
        assert found, name
        assert any(haversine_km(c.lat, c.lon, entry.lat, entry.lon) < COUNTY_KM for c in found), (
            name
        )


def test_a_community_named_as_people_is_no_place(gaz: Gazetteer) -> None:
    # "Members of Luo ethnic group protest" (Luo is no Luena), "Orma youths attacked"; but "in
    # Turkana and West Pokot" are places
    found = places([("Members", "member", "NOUN", "nsubj", 5), ("of", "of", "ADP", "prep", 0),
                    ("Luo", "Luo", "PROPN", "compound", 4), ("ethnic", "ethnic", "ADJ", "amod", 4),
                    ("group", "group", "NOUN", "pobj", 1), ("protest", "protest", "VERB", "ROOT", 5)],
                   gaz, ents=[(2, 3, "NORP")])  # fmt: skip
    assert found == []
    found = places([("Raiders", "raider", "NOUN", "nsubj", 1), ("attacked", "attack", "VERB", "ROOT", 1),
                    ("in", "in", "ADP", "prep", 1), ("Turkana", "Turkana", "PROPN", "pobj", 2),
                    ("and", "and", "CCONJ", "cc", 3), ("Pokot", "Pokot", "PROPN", "conj", 3)],
                   gaz, ents=[(3, 4, "GPE")])  # fmt: skip
    assert [p.place and p.place.country for p in found][:1] == ["KEN"]


def test_a_bare_county_name_abroad_is_no_reading_in_a_kenyan_report(gaz: Gazetteer) -> None:
    # "Rice farmers protest": Rice County, Minnesota, is no reason to read "Rice" as a place
    doc = make([("Rice", "Rice", "PROPN", "compound", 1), ("farmers", "farmer", "NOUN", "nsubj", 2),
                ("protest", "protest", "VERB", "ROOT", 2)], ents=[(0, 1, "GPE")])  # fmt: skip
    actors = tuple(ActorFinder(ActorDictionary.load()).find(doc))
    assert PlaceFinder(gaz).find(doc, actors, "KEN") == []


def _found(rows, gaz: Gazetteer, ents=(), home: str | None = None):  # type: ignore[no-untyped-def]
    doc = make(rows, ents=ents)
    actors = tuple(ActorFinder(ActorDictionary.load()).find(doc))
    return [(p.text, p.place and p.place.gazetteer_id, p.place and p.place.country)
            for p in PlaceFinder(gaz).find(doc, actors, home)]  # fmt: skip


def test_a_constituency_known_by_its_word_is_read_bare_in_a_kenyan_report(gaz: Gazetteer) -> None:
    # "Clashes in Saku.": "Saku" is a town in Japan and Estonia; the constituency is listed as
    # "Saku constituency" only. A Kenyan outlet's "in Saku" is the constituency
    rows = [("Clashes", "clash", "NOUN", "ROOT", 0), ("in", "in", "ADP", "prep", 0),
            ("Saku", "Saku", "PROPN", "pobj", 1), (".", ".", "PUNCT", "punct", 0)]  # fmt: skip
    assert _found(rows, gaz, [(2, 3, "GPE")], home="KEN") == [("Saku", "fac:ken-c-saku", "KEN")]
    # with nothing to say the report is Kenyan, the town abroad keeps the name
    [(_, _, country)] = _found(rows, gaz, [(2, 3, "GPE")])
    assert country != "KEN"
    # and not in a name's role: "the Wakali Kwanza gang" is no Kwanza constituency
    rows = [("the", "the", "DET", "det", 3), ("Wakali", "Wakali", "PROPN", "compound", 2),
            ("Kwanza", "Kwanza", "PROPN", "compound", 3), ("gang", "gang", "NOUN", "ROOT", 3)]  # fmt: skip
    assert not any(gid == "fac:ken-c-kwanza" for _, gid, _ in _found(rows, gaz, home="KEN"))


def test_a_place_named_under_its_parent_is_read_there(gaz: Gazetteer) -> None:
    # "in the Majengo area of Mombasa Monday night": not Tanzania's Majengo, nor western Kenya's
    rows = [("in", "in", "ADP", "ROOT", 0), ("the", "the", "DET", "det", 3),
            ("Majengo", "Majengo", "PROPN", "compound", 3), ("area", "area", "NOUN", "pobj", 0),
            ("of", "of", "ADP", "prep", 3), ("Mombasa", "Mombasa", "PROPN", "compound", 7),
            ("Monday", "Monday", "PROPN", "compound", 7), ("night", "night", "NOUN", "pobj", 4)]  # fmt: skip
    found = _found(rows, gaz, [(2, 3, "GPE"), (5, 6, "GPE")])
    assert [t for t, _, _ in found] == ["Mombasa"]
    # "in the Lexington area of Nairobi": a local place the gazetteer lacks, not the US city
    rows[2] = ("Lexington", "Lexington", "PROPN", "compound", 3)
    rows[5:] = [("Nairobi", "Nairobi", "PROPN", "pobj", 4)]
    assert [(t, c) for t, _, c in _found(rows, gaz, [(2, 3, "GPE"), (5, 6, "GPE")])] == [
        ("Nairobi", "KEN")]  # fmt: skip


def test_a_list_of_towns_is_no_parent(gaz: Gazetteer) -> None:
    # "in Nakuru, Kikuyu, Nyeri and Eldoret": each is a town of its own
    rows = [("in", "in", "ADP", "ROOT", 0), ("Nakuru", "Nakuru", "PROPN", "pobj", 0),
            (",", ",", "PUNCT", "punct", 1), ("Nyeri", "Nyeri", "PROPN", "conj", 1),
            ("and", "and", "CCONJ", "cc", 3), ("Eldoret", "Eldoret", "PROPN", "conj", 3)]  # fmt: skip
    found = _found(rows, gaz, [(1, 2, "GPE"), (3, 4, "GPE"), (5, 6, "GPE")])
    assert [t for t, _, _ in found] == ["Nakuru", "Nyeri", "Eldoret"]


def test_a_town_the_model_took_for_a_person_before_its_site_office_or_people(
    gaz: Gazetteer,
) -> None:
    # "Arsonists burn Garissa police station", "Kakamega journalists protested", "raided Meru
    # Governor Peter Munya's home": the small model tags each town a PERSON
    def one(word: str, after: list[tuple[str, str, str, str, int]]) -> list[tuple[str, str | None]]:
        rows = [("Arsonists", "arsonist", "NOUN", "nsubj", 1), ("burn", "burn", "VERB", "ROOT", 1),
                (word, word, "PROPN", "compound", 3), *after]  # fmt: skip
        return [(t, c) for t, _, c in _found(rows, gaz, [(2, 3, "PERSON")], home="KEN")]

    assert one("Garissa", [("police", "police", "NOUN", "compound", 4),
                           ("station", "station", "NOUN", "dobj", 1)]) == [("Garissa", "KEN")]  # fmt: skip
    assert one("Kakamega", [("journalists", "journalist", "NOUN", "dobj", 1)]) == [
        ("Kakamega", "KEN")]  # fmt: skip
    assert one("Meru", [("Governor", "Governor", "PROPN", "compound", 4),
                        ("home", "home", "NOUN", "dobj", 1)]) == [("Meru", "KEN")]  # fmt: skip
    # the capital's own office is the city, not the government: "Nairobi Governor Evans Kidero"
    assert one("Nairobi", [("Governor", "Governor", "PROPN", "compound", 4),
                           ("home", "home", "NOUN", "dobj", 1)]) == [("Nairobi", "KEN")]  # fmt: skip
    # a person's name before another noun stays no place
    assert one("Garissa", [("supporters", "supporter", "NOUN", "dobj", 1)]) == []


def test_a_two_word_town_the_model_split_is_one_name(gaz: Gazetteer) -> None:
    # "Residents of Ol Kalou protest" ("Ol" an adjective, "Kalou" a person)
    rows = [("Residents", "resident", "NOUN", "nsubj", 4), ("of", "of", "ADP", "prep", 0),
            ("Ol", "ol", "ADJ", "amod", 3), ("Kalou", "Kalou", "PROPN", "pobj", 1),
            ("protest", "protest", "VERB", "ROOT", 4)]  # fmt: skip
    assert [(t, c) for t, _, c in _found(rows, gaz, [(3, 4, "PERSON")], home="KEN")] == [
        ("Ol Kalou", "KEN")]  # fmt: skip


def test_a_road_named_for_its_towns_gives_its_first_town(gaz: Gazetteer) -> None:
    # "Protesters blocked the Eldoret-Malaba highway": no "Eldoret-Malaba", but Eldoret
    rows = [("Protesters", "protester", "NOUN", "nsubj", 1), ("blocked", "block", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 6), ("Eldoret", "Eldoret", "PROPN", "compound", 6),
            ("-", "-", "PUNCT", "punct", 3), ("Malaba", "Malaba", "PROPN", "compound", 6),
            ("highway", "highway", "NOUN", "dobj", 1)]  # fmt: skip
    doc = make(rows, ents=[(3, 6, "FAC")], spaces=[True, True, True, False, False, True, False])
    assert "Eldoret-Malaba highway" in doc.text
    actors = tuple(ActorFinder(ActorDictionary.load()).find(doc))
    found = PlaceFinder(gaz).find(doc, actors, "KEN")
    assert [(p.text, p.place and p.place.country) for p in found][:1] == [("Eldoret", "KEN")]


def test_a_district_of_a_town_the_model_took_for_a_person(gaz: Gazetteer) -> None:
    # "an attack in Kenyas north-eastern district of Garissa" (the note drops the apostrophe)
    rows = [("in", "in", "ADP", "ROOT", 0), ("Kenyas", "Kenyas", "PROPN", "poss", 3),
            ("north-eastern", "north-eastern", "ADJ", "amod", 3),
            ("district", "district", "NOUN", "pobj", 0), ("of", "of", "ADP", "prep", 3),
            ("Garissa", "Garissa", "PROPN", "pobj", 4)]  # fmt: skip
    found = _found(rows, gaz, [(1, 2, "GPE"), (5, 6, "PERSON")])
    assert [(t, c) for t, _, c in found] == [("Kenyas", "KEN"), ("Garissa", "KEN")]


def test_a_nationality_counts_less_than_a_place_for_the_articles_country() -> None:
    # "Ethiopian militia attacked fishermen on Lake Turkana": a Kenyan story
    from khaldun.model import Place, PlaceMention, Span
    from khaldun.places.resolve import focus_country

    eth = PlaceMention(
        Span(0, 9), "Ethiopian", Place("Ethiopia", "ETH", None, 9.0, 40.0, 3, "c:ETH", "country")
    )
    lake = PlaceMention(
        Span(40, 52),
        "Lake Turkana",
        Place("Lake Turkana", "KEN", None, 3.6, 36.1, 2, "f:lt", "lake"),
    )
    assert focus_country([eth, lake]) == "KEN"
    assert focus_country([eth]) == "ETH"
    # a country's short name is its name, not a nationality: "US", "Iraq"
    us = PlaceMention(
        Span(0, 2), "US", Place("United States", "USA", None, 39.0, -98.0, 3, "c:USA", "country")
    )
    assert focus_country([us, eth]) == "USA"


@pytest.mark.parametrize("name,town", [("Lake Naivasha", "Naivasha"), ("Lake Baringo", "Marigat"),
                                       ("Ngong Hills", "Ngong"), ("Kerio Valley", "Iten")])  # fmt: skip
def test_kenyas_lakes_valleys_and_hills_are_near_their_towns(gaz: Gazetteer, name: str,
                                                             town: str) -> None:  # fmt: skip
    [place] = gaz.candidates(name)
    assert (place.country, place.precision) == ("KEN", 2)
    towns = [c for c in gaz.candidates(town) if c.country == "KEN" and c.feature == "city"]
    assert towns and haversine_km(place.lat, place.lon, towns[0].lat, towns[0].lon) < 40  # type: ignore[arg-type]
