"""Place recognition and resolution, on hand-built Docs and the compiled gazetteer."""

from __future__ import annotations

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
