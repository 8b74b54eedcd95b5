"""An outlet's home country: from the outlets file, the outlet's own name, or its URL."""

from __future__ import annotations

import pytest
from tests.docs import make

from khaldun.actors.dictionary import ActorDictionary
from khaldun.actors.resolve import ActorFinder
from khaldun.places import gazetteer
from khaldun.places.resolve import PlaceFinder
from khaldun.sources import home_country, outlets


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        ("Prothom Alo", None, "BGD"),  # listed
        ("Star (Kenya)", None, "KEN"),  # ACLED's way of naming a national outlet
        ("Kenyan Television NTV", None, "KEN"),  # its name says it
        ("United News of Bangladesh", None, "BGD"),
        ("Reuters", None, None),  # an international wire gives no prior
        ("Reuters", "https://www.nation.africa/kenya/news/1", None),
        ("Daily Nation; Dawn", None, None),  # two countries: none
        ("Daily Nation; Some Local Blog", None, "KEN"),  # the one that says wins
        (None, "https://www.standardmedia.co.ke/article/1", "KEN"),  # a listed domain
        (None, "https://news.example.co.ke/a", "KEN"),  # a country-code domain
        (None, "https://startup.io/post", None),  # a domain used for anything
        ("Some Blog", None, None),
    ],
)
def test_home_country(outlet: str | None, url: str | None, expected: str | None) -> None:
    assert home_country(outlet, url) == expected


def test_outlets_file_validates_and_names_countries_by_iso3() -> None:
    f = outlets()
    assert len(f.outlets) > 50
    assert all(o.country is None or len(o.country) == 3 for o in f.outlets)


def test_a_home_country_reads_an_ambiguous_town_there() -> None:
    # "in Maua": the Brazilian city of 400,000 by default; the Kenyan town in a Kenyan paper
    doc = make([("in", "in", "ADP", "ROOT", 0), ("Maua", "Maua", "PROPN", "pobj", 0)])
    actors = tuple(ActorFinder(ActorDictionary.load()).find(doc))
    finder = PlaceFinder(gazetteer.load())
    [abroad] = finder.find(doc, actors)
    [home] = finder.find(doc, actors, home="KEN")
    assert abroad.place is not None and abroad.place.country != "KEN"
    assert home.place is not None and home.place.country == "KEN"
