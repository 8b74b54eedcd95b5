"""Actor resolution rules, on hand-built Docs."""

from __future__ import annotations

import pytest
from tests.docs import make

from khaldun.actors.dictionary import ActorDictionary
from khaldun.actors.resolve import ActorFinder


@pytest.fixture(scope="module")
def finder() -> ActorFinder:
    return ActorFinder(ActorDictionary.load())


def names(doc, finder: ActorFinder) -> dict[str, tuple[str | None, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {m.text: (m.actor.id, m.actor.country, m.actor.sector) for m in finder.find(doc)}


def test_country_modifier_plus_sector_noun_is_that_state_sector(finder: ActorFinder) -> None:
    doc = make([("US", "US", "PROPN", "compound", 1), ("forces", "force", "NOUN", "nsubj", 2, "NNS"),
                ("withdrew", "withdraw", "VERB", "ROOT", 2), (".", ".", "PUNCT", "punct", 2)])  # fmt: skip
    [m] = finder.find(doc)
    assert m.text == "US forces"
    assert (m.actor.name, m.actor.id, m.actor.sector) == ("United States military", "USA", "MIL")


def test_transliterated_group_name_with_article_prefix(finder: ActorFinder) -> None:
    doc = make([("Harakat", "Harakat", "PROPN", "compound", 4), ("Hizbullah", "Hizbullah", "PROPN", "compound", 4),
                ("al", "al", "PROPN", "compound", 4), ("-", "-", "PUNCT", "punct", 4),
                ("Nujaba", "Nujaba", "PROPN", "nsubj", 5), ("said", "say", "VERB", "ROOT", 5)])  # fmt: skip
    [m] = finder.find(doc)
    assert m.actor.id == "IRQ-NUJABA"
    book = ActorDictionary.load()
    assert "IRQ-IRI" in book.ancestors("IRQ-NUJABA")


def test_acronyms_keep_their_case_and_names_need_capitals(finder: ActorFinder) -> None:
    doc = make([("this", "this", "PRON", "nsubj", 1), ("is", "be", "AUX", "ROOT", 1),
                ("chad", "chad", "NOUN", "attr", 1), ("and", "and", "CCONJ", "cc", 2),
                ("us", "we", "PRON", "conj", 2)])  # fmt: skip
    # lowercase "chad" is no state, lowercase "us" no country
    assert finder.find(doc) == []
    doc = make([("Chad", "Chad", "PROPN", "nsubj", 3), ("and", "and", "CCONJ", "cc", 0),
                ("US", "US", "PROPN", "conj", 0), ("agreed", "agree", "VERB", "ROOT", 3)])  # fmt: skip
    assert {m.actor.id for m in finder.find(doc)} == {"TCD", "USA"}


def test_named_group_absorbs_generic_noun(finder: ActorFinder) -> None:
    doc = make([("Hamas", "Hamas", "PROPN", "compound", 1), ("fighters", "fighter", "NOUN", "nsubj", 2, "NNS"),
                ("fired", "fire", "VERB", "ROOT", 2)])  # fmt: skip
    [m] = finder.find(doc)
    assert m.text == "Hamas fighters" and m.actor.id == "PSE-HAMAS"


def test_generic_actor_without_country_stays_generic(finder: ActorFinder) -> None:
    doc = make(
        [
            ("Protesters", "protester", "NOUN", "nsubj", 1, "NNS"),
            ("marched", "march", "VERB", "ROOT", 1),
        ]
    )
    [m] = finder.find(doc)
    assert (m.actor.id, m.actor.country, m.actor.sector, m.how) == (None, None, "PRO", "generic")


def test_unknown_organisation_is_kept_unresolved(finder: ActorFinder) -> None:
    doc = make([("The", "the", "DET", "det", 3), ("Zorblax", "Zorblax", "PROPN", "compound", 3),
                ("Liberation", "Liberation", "PROPN", "compound", 3), ("Committee", "Committee", "PROPN", "nsubj", 4),
                ("said", "say", "VERB", "ROOT", 4)], ents=[(1, 4, "ORG")])  # fmt: skip
    [m] = finder.find(doc)
    assert (
        m.how == "unresolved"
        and m.actor.id is None
        and m.actor.name == "Zorblax Liberation Committee"
    )


def test_fuzzy_spelling_resolves_above_threshold(finder: ActorFinder) -> None:
    doc = make([("Hezbolah", "Hezbolah", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1)],
               ents=[(0, 1, "ORG")])  # fmt: skip
    [m] = finder.find(doc)
    assert m.how == "fuzzy" and m.actor.id == "LBN-HEZBOLLAH"


def test_a_communitys_armed_men_are_its_militia(finder: ActorFinder) -> None:
    doc = make([("Pokot", "Pokot", "PROPN", "compound", 1), ("raiders", "raider", "NOUN", "nsubj", 2, "NNS"),
                ("killed", "kill", "VERB", "ROOT", 2), ("herders", "herder", "NOUN", "dobj", 2, "NNS"),
                (".", ".", "PUNCT", "punct", 2)])  # fmt: skip
    found = {m.text: m.actor for m in finder.find(doc)}
    assert (found["Pokot raiders"].name, found["Pokot raiders"].sector) == (
        "Communal militia",
        "MLA",
    )
    assert found["Pokot raiders"].country == "KEN"
    assert found["herders"].sector == "CVL"  # no community named: civilians


def test_a_communitys_plural_is_the_community(finder: ActorFinder) -> None:
    # "the Turkanas attacked": the plural of a community's name is the community's men
    doc = make([("Turkanas", "Turkanas", "PROPN", "nsubj", 1, "NNPS"), ("raided", "raid", "VERB", "ROOT", 1),
                ("a", "a", "DET", "det", 3), ("village", "village", "NOUN", "dobj", 1),
                (".", ".", "PUNCT", "punct", 1)])  # fmt: skip
    found = {m.text: m.actor for m in finder.find(doc)}
    assert (found["Turkanas"].name, found["Turkanas"].country) == ("Communal militia", "KEN")


def test_a_communitys_villagers_are_its_people_not_its_militia(finder: ActorFinder) -> None:
    doc = make([("Police", "police", "NOUN", "nsubj", 1), ("attacked", "attack", "VERB", "ROOT", 1),
                ("Pokomo", "Pokomo", "PROPN", "compound", 3),
                ("villagers", "villager", "NOUN", "dobj", 1, "NNS"), (".", ".", "PUNCT", "punct", 1)])  # fmt: skip
    found = {m.text: m.actor for m in finder.find(doc)}
    assert (found["Pokomo villagers"].sector, found["Pokomo villagers"].country) == ("CVL", "KEN")


def test_a_communitys_people_are_civilians(finder: ActorFinder) -> None:
    doc = make([("Raiders", "raider", "NOUN", "nsubj", 1, "NNS"), ("killed", "kill", "VERB", "ROOT", 1),
                ("six", "six", "NUM", "nummod", 4), ("Kikuyu", "Kikuyu", "PROPN", "compound", 4),
                ("people", "people", "NOUN", "dobj", 1, "NNS"), (".", ".", "PUNCT", "punct", 1)])  # fmt: skip
    found = {m.text: m.actor for m in finder.find(doc)}
    assert (found["Kikuyu people"].sector, found["Kikuyu people"].country) == ("CVL", "KEN")


def test_a_communitys_protesters_stay_protesters(finder: ActorFinder) -> None:
    doc = make([("Police", "police", "NOUN", "nsubj", 1), ("dispersed", "disperse", "VERB", "ROOT", 1),
                ("Turkana", "Turkana", "PROPN", "compound", 3),
                ("protesters", "protester", "NOUN", "dobj", 1, "NNS"), (".", ".", "PUNCT", "punct", 1)])  # fmt: skip
    found = {m.text: m.actor for m in finder.find(doc)}
    got = found["Turkana protesters"]
    assert (got.name, got.sector, got.country) == ("Protesters", "PRO", "KEN")


def test_a_plural_taken_for_a_name_is_still_the_generic_actor(finder: ActorFinder) -> None:
    # "killed 2 Arbakis": en_core_web_sm tags the plural a proper noun, lemma and all
    doc = make([("Militants", "militant", "NOUN", "nsubj", 1, "NNS"), ("killed", "kill", "VERB", "ROOT", 1),
                ("2", "2", "NUM", "nummod", 3), ("Arbakis", "Arbakis", "PROPN", "dobj", 1, "NNPS"),
                (".", ".", "PUNCT", "punct", 1)])  # fmt: skip
    found = {m.text: m.actor for m in finder.find(doc)}
    assert found["Arbakis"].sector == "MLA"


def test_armed_youths_are_an_armed_group_not_a_crowd(finder: ActorFinder) -> None:
    doc = make([("Armed", "armed", "ADJ", "amod", 1), ("youths", "youth", "NOUN", "nsubj", 2, "NNS"),
                ("attacked", "attack", "VERB", "ROOT", 2), (".", ".", "PUNCT", "punct", 2)])  # fmt: skip
    [m] = finder.find(doc)
    assert (m.actor.name, m.actor.sector) == ("Unidentified Armed Group", "REB")


def test_an_articles_country_from_its_named_actors_when_they_agree() -> None:
    from khaldun.model import Actor, ActorMention, Span
    from khaldun.stages import _actors_country

    def named(
        country: str | None, kind: str = "armed_group", how: str = "dictionary"
    ) -> ActorMention:
        return ActorMention(Span(0, 1), "x", Actor(name="x", country=country, kind=kind), how)

    assert _actors_country((named("KEN"), named(None, "generic", "generic"))) == "KEN"
    assert _actors_country((named("KEN"), named("SOM"))) is None  # they disagree: no guess
    assert _actors_country((named("USA", "igo"),)) is None  # a UN body says nothing of where


def test_cattle_rustlers_are_a_communal_militia(finder: ActorFinder) -> None:
    doc = make([("Cattle", "cattle", "NOUN", "compound", 1), ("rustlers", "rustler", "NOUN", "nsubj", 2, "NNS"),
                ("attacked", "attack", "VERB", "ROOT", 2)])  # fmt: skip
    [m] = finder.find(doc)
    assert (m.actor.name, m.actor.sector) == ("Communal militia", "MLA")
