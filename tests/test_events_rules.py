"""Event rules — triggers, status, attribution, background — on hand-built Docs."""

from __future__ import annotations

from datetime import date

import pytest
from tests.docs import make

from khaldun.actors.dictionary import ActorDictionary
from khaldun.actors.resolve import ActorFinder
from khaldun.events import lexicon
from khaldun.events.extract import Draft, Extractor
from khaldun.events.merge import merge
from khaldun.model import Place, PlaceMention, Span

PUB = date(2024, 1, 28)


@pytest.fixture(scope="module")
def book() -> ActorDictionary:
    return ActorDictionary.load()


def events(rows: list[tuple[str, ...]], book: ActorDictionary) -> list[Draft]:
    doc = make(rows)
    actors = tuple(ActorFinder(book).find(doc))
    ex = Extractor(lexicon.load(), book, doc, actors, (), PUB, None)
    return merge(list(ex.drafts()))


def drafts_at(rows: list[tuple[str, ...]], book: ActorDictionary, place: Place,
              *, as_actor: bool = True) -> list[Draft]:  # fmt: skip
    """The drafts of a sentence where ``place.name`` is read as that place (and, without
    ``as_actor``, not as an actor too)."""
    doc = make(rows)
    start = doc.text.index(place.name)
    places = (PlaceMention(Span(start, start + len(place.name)), place.name, place),)
    actors = tuple(m for m in ActorFinder(book).find(doc) if as_actor or m.text != place.name)
    return list(Extractor(lexicon.load(), book, doc, actors, places, PUB, None).drafts())


def test_what_an_actor_says_it_did_is_claimed_and_attributed(book: ActorDictionary) -> None:
    [e] = events([("Hamas", "Hamas", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1),
                  ("it", "it", "PRON", "nsubj", 4), ("had", "have", "AUX", "aux", 4),
                  ("attacked", "attack", "VERB", "ccomp", 1), ("an", "an", "DET", "det", 7),
                  ("army", "army", "NOUN", "compound", 7), ("base", "base", "NOUN", "dobj", 4),
                  (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert (e.category, e.status) == ("ASSAULT", "claimed")
    assert e.actor1 is not None and e.actor1.actor.id == "PSE-HAMAS"
    assert e.attributed_to is not None and e.attributed_to.actor_id == "PSE-HAMAS"


def test_will_attack_is_a_threat_not_an_attack(book: ActorDictionary) -> None:
    [e] = events([("Hamas", "Hamas", "PROPN", "nsubj", 2), ("will", "will", "AUX", "aux", 2),
                  ("attack", "attack", "VERB", "ROOT", 2, "VB"), ("the", "the", "DET", "det", 4),
                  ("base", "base", "NOUN", "dobj", 2), (".", ".", "PUNCT", "punct", 2)], book)  # fmt: skip
    assert (e.category, e.status, e.mode) == ("THREATEN", "threatened", None)


def test_did_not_attack_is_negated(book: ActorDictionary) -> None:
    [e] = events([("Hamas", "Hamas", "PROPN", "nsubj", 3), ("did", "do", "AUX", "aux", 3),
                  ("not", "not", "PART", "neg", 3), ("attack", "attack", "VERB", "ROOT", 3, "VB"),
                  ("the", "the", "DET", "det", 5), ("base", "base", "NOUN", "dobj", 3),
                  (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
    assert (e.category, e.status) == ("ASSAULT", "negated")


def test_denial_marks_the_denied_event(book: ActorDictionary) -> None:
    [e] = events([("Israel", "Israel", "PROPN", "nsubj", 1), ("denied", "deny", "VERB", "ROOT", 1),
                  ("attacking", "attack", "VERB", "xcomp", 1, "VBG"), ("the", "the", "DET", "det", 4),
                  ("school", "school", "NOUN", "dobj", 2), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert (e.category, e.status) == ("ASSAULT", "denied")
    assert e.actor1 is not None and e.actor1.actor.country == "ISR"


def test_a_condition_is_never_an_asserted_event(book: ActorDictionary) -> None:
    found = events([("If", "if", "SCONJ", "mark", 2), ("talks", "talk", "NOUN", "nsubj", 2, "NNS"),
                    ("fail", "fail", "VERB", "advcl", 6, "VBP"), (",", ",", "PUNCT", "punct", 6),
                    ("Hamas", "Hamas", "PROPN", "nsubj", 6), ("will", "will", "AUX", "aux", 6),
                    ("attack", "attack", "VERB", "ROOT", 6, "VB"), ("the", "the", "DET", "det", 8),
                    ("base", "base", "NOUN", "dobj", 6), (".", ".", "PUNCT", "punct", 6)], book)  # fmt: skip
    assert found and all(e.status != "asserted" for e in found)
    assert [e.category for e in found] == ["THREATEN"]


def test_background_aggregate_is_not_a_fresh_event(book: ActorDictionary) -> None:
    found = events([("The", "the", "DET", "det", 1), ("attacks", "attack", "NOUN", "nsubj", 8, "NNS"),
                    (",", ",", "PUNCT", "punct", 1), ("which", "which", "PRON", "nsubj", 4),
                    ("started", "start", "VERB", "relcl", 1), ("in", "in", "ADP", "prep", 4),
                    ("October", "October", "PROPN", "pobj", 5), ("have", "have", "AUX", "aux", 8),
                    ("expanded", "expand", "VERB", "ROOT", 8, "VBN"), (".", ".", "PUNCT", "punct", 8)], book)  # fmt: skip
    assert found == []


def test_light_verb_carries_a_noun_event_and_drones_set_the_mode(book: ActorDictionary) -> None:
    [e] = events([("Houthis", "Houthis", "PROPN", "nsubj", 1), ("launched", "launch", "VERB", "ROOT", 1),
                  ("a", "a", "DET", "det", 4), ("drone", "drone", "NOUN", "compound", 4),
                  ("attack", "attack", "NOUN", "dobj", 1), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert (e.category, e.mode, e.status) == ("ASSAULT", "drone", "asserted")
    assert e.actor1 is not None and e.actor1.actor.id == "YEM-HOUTHIS"


def test_talks_between_two_parties_name_both(book: ActorDictionary) -> None:
    [e] = events([("Talks", "talk", "NOUN", "ROOT", 0, "NNS"), ("between", "between", "ADP", "prep", 0),
                  ("Baghdad", "Baghdad", "PROPN", "pobj", 1), ("and", "and", "CCONJ", "cc", 2),
                  ("Washington", "Washington", "PROPN", "conj", 2), ("resumed", "resume", "VERB", "ROOT", 5)], book)  # fmt: skip
    assert e.category == "CONSULT"
    assert e.actor1 is not None and e.actor1.actor.id == "IRQ"
    assert e.actor2 is not None and e.actor2.actor.id == "USA"


def test_a_stated_intent_to_give_aid_is_a_pledge(book: ActorDictionary) -> None:
    # PLOVER codes an intent by what is intended: a cooperative step is AGREE, not AID
    [e] = events([("Finland", "Finland", "PROPN", "nsubj", 2), ("will", "will", "AUX", "aux", 2),
                  ("give", "give", "VERB", "ROOT", 2, "VB"), ("Kenya", "Kenya", "PROPN", "dative", 2),
                  ("aid", "aid", "NOUN", "dobj", 2), (".", ".", "PUNCT", "punct", 2)], book)  # fmt: skip
    assert (e.category, e.mode, e.status) == ("AGREE", "pledge", "threatened")
    assert e.actor1 is not None and e.actor1.actor.country == "FIN"


def test_will_not_accept_is_a_refusal(book: ActorDictionary) -> None:
    drafts = events([("Syria", "Syria", "PROPN", "nsubj", 3), ("will", "will", "AUX", "aux", 3),
                     ("not", "not", "PART", "neg", 3), ("withdraw", "withdraw", "VERB", "ROOT", 3, "VB"),
                     ("its", "its", "PRON", "poss", 5), ("troops", "troop", "NOUN", "dobj", 3),
                     (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
    assert [(e.category, e.status) for e in drafts] == [("REJECT", "asserted")]


def test_the_content_of_a_request_is_not_a_second_event(book: ActorDictionary) -> None:
    drafts = events([("Egypt", "Egypt", "PROPN", "nsubj", 1), ("urged", "urge", "VERB", "ROOT", 1),
                     ("Israel", "Israel", "PROPN", "dobj", 1), ("to", "to", "PART", "aux", 4),
                     ("withdraw", "withdraw", "VERB", "xcomp", 1, "VB"), ("its", "its", "PRON", "poss", 6),
                     ("troops", "troop", "NOUN", "dobj", 4), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert [e.category for e in drafts] == ["REQUEST"]


def test_must_in_a_reported_clause_is_a_demand_on_its_subject(book: ActorDictionary) -> None:
    [e] = events([("Russia", "Russia", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1),
                  ("Sudan", "Sudan", "PROPN", "nsubj", 4), ("must", "must", "AUX", "aux", 4),
                  ("withdraw", "withdraw", "VERB", "ccomp", 1, "VB"), ("its", "its", "PRON", "poss", 6),
                  ("troops", "troop", "NOUN", "dobj", 4), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert (e.category, e.status) == ("REQUEST", "asserted")
    assert e.actor1 is not None and e.actor1.actor.country == "RUS"
    assert e.actor2 is not None and e.actor2.actor.country == "SDN"


def test_the_agent_of_the_causing_attack_is_actor1(book: ActorDictionary) -> None:
    # "Two soldiers were killed following an attack by Hamas."
    drafts = events([("Two", "two", "NUM", "nummod", 1), ("soldiers", "soldier", "NOUN", "nsubjpass", 3),
                     ("were", "be", "AUX", "auxpass", 3), ("killed", "kill", "VERB", "ROOT", 3),
                     ("following", "follow", "VERB", "prep", 3), ("an", "an", "DET", "det", 6),
                     ("attack", "attack", "NOUN", "pobj", 4), ("by", "by", "ADP", "prep", 6),
                     ("Hamas", "Hamas", "PROPN", "pobj", 7), (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
    killed = [e for e in drafts if e.trigger.lower_ == "killed"]
    assert killed and killed[0].actor1 is not None and killed[0].actor1.actor.id == "PSE-HAMAS"


def test_a_reported_must_clause_is_a_demand_whatever_is_demanded(book: ActorDictionary) -> None:
    # "Washington said China must drop barriers": "drop" is no trigger, the demand is the event
    [e] = events([("Washington", "Washington", "PROPN", "nsubj", 1),
                  ("said", "say", "VERB", "ROOT", 1), ("China", "China", "PROPN", "nsubj", 4),
                  ("must", "must", "AUX", "aux", 4), ("drop", "drop", "VERB", "ccomp", 1, "VB"),
                  ("barriers", "barrier", "NOUN", "dobj", 4),
                  (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.category == "REQUEST"
    assert e.actor2 is not None and e.actor2.actor.id == "CHN"


def test_a_modal_on_a_condition_is_a_threat(book: ActorDictionary) -> None:
    # "Nigeria will withdraw its troops unless Chad agrees": a conditional threat
    drafts = events([("Nigeria", "Nigeria", "PROPN", "nsubj", 2),
                     ("will", "will", "AUX", "aux", 2),
                     ("withdraw", "withdraw", "VERB", "ROOT", 2, "VB"),
                     ("its", "its", "PRON", "poss", 4), ("troops", "troop", "NOUN", "dobj", 2),
                     ("unless", "unless", "SCONJ", "mark", 7),
                     ("Chad", "Chad", "PROPN", "nsubj", 7), ("agrees", "agree", "VERB", "advcl", 2),
                     (".", ".", "PUNCT", "punct", 2)], book)  # fmt: skip
    assert [(d.category, d.status) for d in drafts] == [("THREATEN", "threatened")]


def test_a_lodged_protest_is_a_complaint_not_a_demonstration(book: ActorDictionary) -> None:
    drafts = events([("Serbia", "Serbia", "PROPN", "nsubj", 1),
                     ("lodged", "lodge", "VERB", "ROOT", 1), ("a", "a", "DET", "det", 3),
                     ("protest", "protest", "NOUN", "dobj", 1),
                     ("with", "with", "ADP", "prep", 1), ("Albania", "Albania", "PROPN", "pobj", 4),
                     (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert "PROTEST" not in {d.category for d in drafts}
    assert "ACCUSE" in {d.category for d in drafts}


def test_a_declared_ceasefire_is_a_retreat(book: ActorDictionary) -> None:
    drafts = events([("Hezbollah", "Hezbollah", "PROPN", "nsubj", 1),
                     ("declared", "declare", "VERB", "ROOT", 1), ("a", "a", "DET", "det", 4),
                     ("unilateral", "unilateral", "ADJ", "amod", 4),
                     ("ceasefire", "ceasefire", "NOUN", "dobj", 1),
                     (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert [d.category for d in drafts] == ["RETREAT"]


def test_a_compound_event_noun_is_carried_by_its_head(book: ActorDictionary) -> None:
    # "Qatar launched a mediation effort": the effort is the mediation
    drafts = events([("Qatar", "Qatar", "PROPN", "nsubj", 1),
                     ("launched", "launch", "VERB", "ROOT", 1), ("a", "a", "DET", "det", 4),
                     ("mediation", "mediation", "NOUN", "compound", 4),
                     ("effort", "effort", "NOUN", "dobj", 1),
                     (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert [d.category for d in drafts] == ["CONSULT"]


def test_an_unlisted_subject_is_kept_with_its_text_country_and_title(book: ActorDictionary) -> None:
    # "British Defence Secretary Tom King promised aid": no entry, yet a British official
    [e] = events([("British", "british", "ADJ", "amod", 4),
                  ("Defence", "Defence", "PROPN", "compound", 2),
                  ("Secretary", "Secretary", "PROPN", "compound", 4),
                  ("Tom", "Tom", "PROPN", "compound", 4), ("King", "King", "PROPN", "nsubj", 5),
                  ("criticised", "criticise", "VERB", "ROOT", 5),
                  ("Iran", "Iran", "PROPN", "dobj", 5), (".", ".", "PUNCT", "punct", 5)], book)  # fmt: skip
    assert e.actor1 is not None
    assert e.actor1.how == "unresolved" and e.actor1.text == "British Defence Secretary Tom King"
    assert (e.actor1.actor.id, e.actor1.actor.country, e.actor1.actor.sector) == (
        None,
        "GBR",
        "GOV",
    )


def test_a_reporter_does_not_stand_in_for_an_unlisted_subject(book: ActorDictionary) -> None:
    # "Nationalist hardliners wounded two soldiers, police said": the police only report it
    [e] = events([("Nationalist", "nationalist", "ADJ", "amod", 1),
                  ("hardliners", "hardliner", "NOUN", "nsubj", 2, "NNS"),
                  ("wounded", "wound", "VERB", "ccomp", 7), ("two", "two", "NUM", "nummod", 4),
                  ("soldiers", "soldier", "NOUN", "dobj", 2, "NNS"), (",", ",", "PUNCT", "punct", 7),
                  ("police", "police", "NOUN", "nsubj", 7), ("said", "say", "VERB", "ROOT", 7),
                  (".", ".", "PUNCT", "punct", 7)], book)  # fmt: skip
    assert e.actor1 is not None and e.actor1.text == "Nationalist hardliners"
    assert e.attributed_to is not None and e.attributed_to.text == "police"


def test_a_place_object_is_not_made_an_actor(book: ActorDictionary) -> None:
    doc = make([("Iran", "Iran", "PROPN", "nsubj", 1), ("criticised", "criticise", "VERB", "ROOT", 1),
                ("Kirkuk", "Kirkuk", "PROPN", "dobj", 1), (".", ".", "PUNCT", "punct", 1)],
               ents=[(2, 3, "GPE")])  # fmt: skip
    actors = tuple(ActorFinder(book).find(doc))
    drafts = list(Extractor(lexicon.load(), book, doc, actors, (), PUB, None).drafts())
    assert [d.actor2 for d in drafts] == [None]


def test_a_person_named_with_an_organisation_role_acts_for_it(book: ActorDictionary) -> None:
    # "Kofi Annan, the UN envoy, demanded a truce"
    drafts = events([("Kofi", "Kofi", "PROPN", "compound", 1), ("Annan", "Annan", "PROPN", "nsubj", 6),
                     (",", ",", "PUNCT", "punct", 1), ("the", "the", "DET", "det", 5),
                     ("UN", "UN", "PROPN", "compound", 5), ("envoy", "envoy", "NOUN", "appos", 1),
                     ("demanded", "demand", "VERB", "ROOT", 6), ("a", "a", "DET", "det", 8),
                     ("truce", "truce", "NOUN", "dobj", 6), (".", ".", "PUNCT", "punct", 6)], book)  # fmt: skip
    assert drafts[0].category == "REQUEST"
    assert drafts[0].actor1 is not None and drafts[0].actor1.actor.id == "UN"


def test_thousands_of_a_people_are_that_people(book: ActorDictionary) -> None:
    [e] = events([("Thousands", "thousand", "NOUN", "nsubj", 3, "NNS"), ("of", "of", "ADP", "prep", 0),
                  ("Yoruba", "Yoruba", "PROPN", "pobj", 1, "NNPS"),
                  ("demonstrated", "demonstrate", "VERB", "ROOT", 3),
                  (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
    assert e.category == "PROTEST"
    assert e.actor1 is not None and e.actor1.text == "Yoruba"


def test_the_reporter_is_not_the_agent_of_an_event_a_thing_did(book: ActorDictionary) -> None:
    # "A bombing killed two soldiers, the army said": the army reports, it did not attack
    drafts = events([("A", "a", "DET", "det", 1), ("bombing", "bombing", "NOUN", "nsubj", 2),
                     ("killed", "kill", "VERB", "ccomp", 7), ("two", "two", "NUM", "nummod", 4),
                     ("soldiers", "soldier", "NOUN", "dobj", 2, "NNS"), (",", ",", "PUNCT", "punct", 7),
                     ("army", "army", "NOUN", "nsubj", 7), ("said", "say", "VERB", "ROOT", 7),
                     (".", ".", "PUNCT", "punct", 7)], book)  # fmt: skip
    assert drafts and all(d.actor1 is None for d in drafts)
    assert all(d.attributed_to is not None for d in drafts)


def test_a_mediator_between_two_parties_is_the_first_actor(book: ActorDictionary) -> None:
    # "Qatar launched a mediation effort between Egypt and Israel"
    [e] = events([("Qatar", "Qatar", "PROPN", "nsubj", 1), ("launched", "launch", "VERB", "ROOT", 1),
                  ("a", "a", "DET", "det", 4), ("mediation", "mediation", "NOUN", "compound", 4),
                  ("effort", "effort", "NOUN", "dobj", 1), ("between", "between", "ADP", "prep", 4),
                  ("Egypt", "Egypt", "PROPN", "pobj", 5), ("and", "and", "CCONJ", "cc", 6),
                  ("Israel", "Israel", "PROPN", "conj", 6), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.category == "CONSULT"
    assert e.actor1 is not None and e.actor1.actor.id == "QAT"
    assert e.actor2 is not None and e.actor2.actor.id == "EGY"


def test_a_visit_has_the_host_state_as_counterpart_only_for_a_foreign_actor(
    book: ActorDictionary,
) -> None:
    rows = [("Iraq", "Iraq", "PROPN", "nsubj", 1), ("withdrew", "withdraw", "VERB", "ROOT", 1),
            ("from", "from", "ADP", "prep", 1), ("Amman", "Amman", "PROPN", "pobj", 2),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    amman = Place(name="Amman", lat=31.95, lon=35.93, country="JOR", precision=1)
    [d] = drafts_at(rows, book, amman)
    assert d.category == "RETREAT"
    assert d.actor2 is not None and d.actor2.actor.country == "JOR" and d.actor2.text == "Amman"
    # the same step by an actor of no known country has no counterpart
    drafts = drafts_at(
        [("Ministers", "minister", "NOUN", "nsubj", 1, "NNS"), *rows[1:]], book, amman
    )
    assert all(d.actor2 is None for d in drafts)


def test_a_demand_is_addressed_to_the_named_actor_of_its_clause(book: ActorDictionary) -> None:
    # "Rebels demanded the removal of President Kagame."
    [e] = events([("Rebels", "rebel", "NOUN", "nsubj", 1, "NNS"),
                  ("demanded", "demand", "VERB", "ROOT", 1), ("the", "the", "DET", "det", 3),
                  ("removal", "removal", "NOUN", "dobj", 1), ("of", "of", "ADP", "prep", 3),
                  ("President", "President", "PROPN", "compound", 6),
                  ("Kagame", "Kagame", "PROPN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.category == "REQUEST"
    assert e.actor2 is not None and e.actor2.text.startswith("President")


def test_an_intergovernmental_body_acting_on_a_territory_has_its_state_as_counterpart(
    book: ActorDictionary,
) -> None:
    # "NATO agreed in Mogadishu."
    rows = [("NATO", "NATO", "PROPN", "nsubj", 1), ("agreed", "agree", "VERB", "ROOT", 1),
            ("in", "in", "ADP", "prep", 1), ("Mogadishu", "Mogadishu", "PROPN", "pobj", 2),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    [d] = drafts_at(
        rows, book, Place(name="Mogadishu", lat=2.04, lon=45.34, country="SOM", precision=1)
    )
    assert d.category == "AGREE"
    assert d.actor2 is not None and d.actor2.actor.country == "SOM" and d.actor2.text == "Mogadishu"


def test_a_word_of_an_organisations_name_is_no_trigger(book: ActorDictionary) -> None:
    # "The Asia-Pacific Economic Cooperation forum agreed.": an agreement, and no cooperation
    drafts = events([("The", "the", "DET", "det", 4), ("Asia-Pacific", "Asia-Pacific", "PROPN", "compound", 2),
                     ("Economic", "Economic", "PROPN", "compound", 3),
                     ("Cooperation", "Cooperation", "PROPN", "nmod", 4),
                     ("forum", "forum", "NOUN", "nsubj", 5),
                     ("agreed", "agree", "VERB", "ROOT", 5), (".", ".", "PUNCT", "punct", 5)], book)  # fmt: skip
    assert [d.category for d in drafts] == ["AGREE"]


def test_a_conditional_threat_is_made_to_the_subject_of_its_condition(
    book: ActorDictionary,
) -> None:
    # "Iran threatened to strike unless Iraq withdrew."
    [e] = events([("Iran", "Iran", "PROPN", "nsubj", 1), ("threatened", "threaten", "VERB", "ROOT", 1),
                  ("to", "to", "PART", "aux", 3), ("strike", "strike", "VERB", "xcomp", 1),
                  ("unless", "unless", "SCONJ", "mark", 6), ("Iraq", "Iraq", "PROPN", "nsubj", 6),
                  ("withdrew", "withdraw", "VERB", "advcl", 3), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.category == "THREATEN"
    assert e.actor2 is not None and e.actor2.actor.id == "IRQ"


def test_a_curfew_a_state_lays_on_its_own_town_bears_on_the_towns_people(
    book: ActorDictionary,
) -> None:
    # "Turkey imposed a curfew in Cizre."
    rows = [("Turkey", "Turkey", "PROPN", "nsubj", 1), ("imposed", "impose", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3), ("curfew", "curfew", "NOUN", "dobj", 1),
            ("in", "in", "ADP", "prep", 3), ("Cizre", "Cizre", "PROPN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    [d] = drafts_at(
        rows, book, Place(name="Cizre", lat=37.33, lon=42.19, country="TUR", precision=1)
    )
    assert d.category == "COERCE"
    assert d.actor2 is not None and d.actor2.text == "Cizre"
    assert (d.actor2.actor.country, d.actor2.actor.sector) == ("TUR", "CVL")


def test_the_target_of_a_part_of_a_groups_stronghold_is_the_group(book: ActorDictionary) -> None:
    # "Troops captured part of a guerrilla stronghold."
    [e] = events([("Troops", "troop", "NOUN", "nsubj", 1, "NNS"),
                  ("captured", "capture", "VERB", "ROOT", 1), ("part", "part", "NOUN", "dobj", 1),
                  ("of", "of", "ADP", "prep", 2), ("a", "a", "DET", "det", 6),
                  ("guerrilla", "guerrilla", "NOUN", "compound", 6),
                  ("stronghold", "stronghold", "NOUN", "pobj", 3), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.category == "ASSAULT"
    assert e.actor2 is not None and e.actor2.actor.sector == "REB"


def test_an_actors_own_troops_are_no_counterpart(book: ActorDictionary) -> None:
    # "Syria withdrew its troops from Lebanon."
    [e] = events([("Syria", "Syria", "PROPN", "nsubj", 1), ("withdrew", "withdraw", "VERB", "ROOT", 1),
                  ("its", "its", "PRON", "poss", 3), ("troops", "troop", "NOUN", "dobj", 1, "NNS"),
                  ("from", "from", "ADP", "prep", 1), ("Lebanon", "Lebanon", "PROPN", "pobj", 4),
                  (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.category == "RETREAT"
    assert e.actor2 is not None and e.actor2.actor.id == "LBN"


def test_a_demand_that_someone_act_is_made_of_them(book: ActorDictionary) -> None:
    # "Egypt demanded that Israel withdraw."
    [e] = events([("Egypt", "Egypt", "PROPN", "nsubj", 1), ("demanded", "demand", "VERB", "ROOT", 1),
                  ("that", "that", "SCONJ", "mark", 4), ("Israel", "Israel", "PROPN", "nsubj", 4),
                  ("withdraw", "withdraw", "VERB", "ccomp", 1), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.category == "REQUEST"
    assert e.actor2 is not None and e.actor2.actor.id == "ISR"


def test_homes_named_by_their_peoples_adjective_are_those_people(book: ActorDictionary) -> None:
    # "Bulldozers demolished Palestinian homes."
    [e] = events([("Bulldozers", "bulldozer", "NOUN", "nsubj", 1, "NNS"),
                  ("demolished", "demolish", "VERB", "ROOT", 1),
                  ("Palestinian", "palestinian", "ADJ", "amod", 3),
                  ("homes", "home", "NOUN", "dobj", 1, "NNS"), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.actor2 is not None and e.actor2.text == "Palestinian homes"
    assert (e.actor2.actor.country, e.actor2.actor.sector) == ("PSE", "CVL")


def test_a_body_named_through_a_modifier_is_that_body(book: ActorDictionary) -> None:
    # "The NATO forum agreed.": the forum is NATO's
    [e] = events([("The", "the", "DET", "det", 2), ("NATO", "NATO", "PROPN", "nmod", 2),
                  ("forum", "forum", "NOUN", "nsubj", 3), ("agreed", "agree", "VERB", "ROOT", 3),
                  (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
    assert e.category == "AGREE"
    assert e.actor1 is not None and e.actor1.actor.id == "NATO"


def test_sanctions_on_a_country_read_as_a_place_are_on_its_state(book: ActorDictionary) -> None:
    # "Ministers lifted sanctions on Syria." with "Syria" read as a place
    rows = [("Ministers", "minister", "NOUN", "nsubj", 1, "NNS"), ("lifted", "lift", "VERB", "ROOT", 1),
            ("sanctions", "sanction", "NOUN", "dobj", 1, "NNS"), ("on", "on", "ADP", "prep", 2),
            ("Syria", "Syria", "PROPN", "pobj", 3), (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    syria = Place(name="Syria", lat=35.0, lon=38.0, country="SYR", precision=3, feature="country")
    drafts = drafts_at(rows, book, syria, as_actor=False)
    assert drafts and all(d.actor2 is not None and d.actor2.actor.country == "SYR" for d in drafts)


def test_a_states_name_inside_a_partys_name_is_not_the_state(book: ActorDictionary) -> None:
    # "Members of Amar Bangladesh Party protested."
    [e] = events([("Members", "member", "NOUN", "nsubj", 5, "NNS"), ("of", "of", "ADP", "prep", 0),
                  ("Amar", "Amar", "PROPN", "compound", 4),
                  ("Bangladesh", "Bangladesh", "PROPN", "compound", 4),
                  ("Party", "Party", "PROPN", "pobj", 1), ("protested", "protest", "VERB", "ROOT", 5),
                  (".", ".", "PUNCT", "punct", 5)], book)  # fmt: skip
    assert e.category == "PROTEST"
    assert e.actor1 is None or e.actor1.actor.id != "BGD"


def test_an_amount_of_aid_given_is_aid(book: ActorDictionary) -> None:
    # "NATO gave Somalia millions of aid."
    drafts = events([("NATO", "NATO", "PROPN", "nsubj", 1), ("gave", "give", "VERB", "ROOT", 1),
                     ("Somalia", "Somalia", "PROPN", "dative", 1),
                     ("millions", "million", "NOUN", "dobj", 1, "NNS"), ("of", "of", "ADP", "prep", 3),
                     ("aid", "aid", "NOUN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert [d.category for d in drafts] == ["AID"]
    assert drafts[0].actor1 is not None and drafts[0].actor1.actor.id == "NATO"


def test_the_one_reported_killed_is_the_target_not_the_attacker(book: ActorDictionary) -> None:
    # "Three women were reported killed."
    [e] = events([("Three", "three", "NUM", "nummod", 1), ("women", "woman", "NOUN", "nsubjpass", 3, "NNS"),
                  ("were", "be", "AUX", "auxpass", 3, "VBD"), ("reported", "report", "VERB", "ROOT", 3, "VBN"),
                  ("killed", "kill", "VERB", "xcomp", 3, "VBN"), (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
    assert e.actor1 is None
    assert e.actor2 is not None and e.actor2.text == "women"
    assert e.attributed_to is None


def test_people_killed_in_an_attack_are_its_targets(book: ActorDictionary) -> None:
    # "Seven people killed in an attack."
    [e] = events([("Seven", "seven", "NUM", "nummod", 1), ("people", "people", "NOUN", "ROOT", 1, "NNS"),
                  ("killed", "kill", "VERB", "acl", 1, "VBN"), ("in", "in", "ADP", "prep", 2),
                  ("an", "an", "DET", "det", 5), ("attack", "attack", "NOUN", "pobj", 3),
                  (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.actor1 is None
    assert e.actor2 is not None and e.actor2.text == "people"


def test_raised_subject_of_a_reported_attack_did_it(book: ActorDictionary) -> None:
    # "Hamas was reported to have attacked a base."
    [e] = events([("Hamas", "Hamas", "PROPN", "nsubjpass", 2), ("was", "be", "AUX", "auxpass", 2),
                  ("reported", "report", "VERB", "ROOT", 2, "VBN"), ("to", "to", "PART", "aux", 5, "TO"),
                  ("have", "have", "AUX", "aux", 5, "VB"), ("attacked", "attack", "VERB", "xcomp", 2, "VBN"),
                  ("a", "a", "DET", "det", 7), ("base", "base", "NOUN", "dobj", 5),
                  (".", ".", "PUNCT", "punct", 2)], book)  # fmt: skip
    assert e.actor1 is not None and e.actor1.actor.id is not None and e.actor1.text == "Hamas"


def test_a_headline_shot_dead_tells_of_its_subject(book: ActorDictionary) -> None:
    # "Policeman shot dead."
    [e] = events([("Policeman", "policeman", "NOUN", "nsubj", 1), ("shot", "shoot", "VERB", "ROOT", 1),
                  ("dead", "dead", "ADJ", "oprd", 1), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.actor1 is None
    assert e.actor2 is not None and e.actor2.actor.sector == "COP"


def test_unidentified_men_who_shoot_are_an_armed_group(book: ActorDictionary) -> None:
    # "A preacher was shot by unidentified men."
    [e] = events([("A", "a", "DET", "det", 1), ("preacher", "preacher", "NOUN", "nsubjpass", 3),
                  ("was", "be", "AUX", "auxpass", 3), ("shot", "shoot", "VERB", "ROOT", 3, "VBN"),
                  ("by", "by", "ADP", "agent", 3), ("unidentified", "unidentified", "ADJ", "amod", 6),
                  ("men", "man", "NOUN", "pobj", 4, "NNS"), (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
    assert e.actor1 is not None and e.actor1.actor.name == "Unidentified Armed Group"


def test_unidentified_people_who_loot_are_a_crowd(book: ActorDictionary) -> None:
    # "Unidentified persons looted shops."
    [e] = events([("Unidentified", "unidentified", "ADJ", "amod", 1),
                  ("persons", "person", "NOUN", "nsubj", 2, "NNS"), ("looted", "loot", "VERB", "ROOT", 2),
                  ("shops", "shop", "NOUN", "dobj", 2, "NNS"), (".", ".", "PUNCT", "punct", 2)], book)  # fmt: skip
    assert e.actor1 is not None and e.actor1.actor.name != "Unidentified Armed Group"


def test_a_road_named_for_a_town_is_not_where_it_happened(book: ActorDictionary) -> None:
    # "Residents of Voi blocked the Mombasa highway."
    rows = [("Residents", "resident", "NOUN", "nsubj", 3, "NNS"), ("of", "of", "ADP", "prep", 0),
            ("Voi", "Voi", "PROPN", "pobj", 1), ("blocked", "block", "VERB", "ROOT", 3),
            ("the", "the", "DET", "det", 6), ("Mombasa", "Mombasa", "PROPN", "compound", 6),
            ("highway", "highway", "NOUN", "dobj", 3), (".", ".", "PUNCT", "punct", 3)]  # fmt: skip
    doc = make(rows)
    voi = Place(name="Voi", lat=-3.39, lon=38.56, country="KEN", precision=1, feature="city")
    mombasa = Place(
        name="Mombasa", lat=-4.05, lon=39.67, country="KEN", precision=1, feature="city"
    )
    spans = [(doc.text.index(p.name), p) for p in (voi, mombasa)]
    pms = tuple(PlaceMention(Span(s, s + len(p.name)), p.name, p) for s, p in spans)
    actors = tuple(ActorFinder(book).find(doc))
    drafts = list(Extractor(lexicon.load(), book, doc, actors, pms, PUB, None).drafts())
    assert drafts and all(d.place is not None and d.place.text == "Voi" for d in drafts)


def test_a_headlines_casualties_are_targets(book: ActorDictionary) -> None:
    # "Six soldiers injured." (a headline drops the "were")
    [e] = events([("Six", "six", "NUM", "nummod", 1), ("soldiers", "soldier", "NOUN", "nsubj", 2, "NNS"),
                  ("injured", "injure", "VERB", "ROOT", 2, "VBN"), (".", ".", "PUNCT", "punct", 2)], book)  # fmt: skip
    assert e.actor1 is None
    assert e.actor2 is not None and e.actor2.actor.sector == "MIL"


def test_a_town_and_its_estate_are_one_place(book: ActorDictionary) -> None:
    # "Police have used tear gas in an attempt to disperse crowds in the Nairobi slum of
    # Kawangware.": two towns of one sentence, but one within the other
    rows = [("Police", "police", "NOUN", "nsubj", 2, "NNS"), ("have", "have", "AUX", "aux", 2, "VBP"),
            ("used", "use", "VERB", "ROOT", 2, "VBN"), ("tear", "tear", "ADJ", "amod", 4),
            ("gas", "gas", "NOUN", "dobj", 2), ("in", "in", "ADP", "prep", 2),
            ("an", "an", "DET", "det", 7), ("attempt", "attempt", "NOUN", "pobj", 5),
            ("to", "to", "PART", "aux", 9, "TO"), ("disperse", "disperse", "VERB", "acl", 7, "VB"),
            ("crowds", "crowd", "NOUN", "dobj", 9, "NNS"), ("in", "in", "ADP", "prep", 10),
            ("the", "the", "DET", "det", 14), ("Nairobi", "Nairobi", "PROPN", "compound", 14),
            ("slum", "slum", "NOUN", "pobj", 11), ("of", "of", "ADP", "prep", 14),
            ("Kawangware", "Kawangware", "PROPN", "pobj", 15), (".", ".", "PUNCT", "punct", 2)]  # fmt: skip
    doc = make(rows)
    nairobi = Place(name="Nairobi", lat=-1.29, lon=36.82, country="KEN", precision=1,
                    gazetteer_id="gn:184745", feature="city")  # fmt: skip
    estate = Place(name="Kawangware", lat=-1.28, lon=36.75, country="KEN", precision=1,
                   gazetteer_id="fac:ken-kawangware", feature="region")  # fmt: skip
    spans = [(doc.text.index(p.name), p) for p in (nairobi, estate)]
    pms = tuple(PlaceMention(Span(s, s + len(p.name)), p.name, p) for s, p in spans)
    kenya = PlaceMention(Span(0, 0), "", Place(name="Kenya", country="KEN", feature="country"))
    actors = tuple(ActorFinder(book).find(doc))
    drafts = list(Extractor(lexicon.load(), book, doc, actors, pms, PUB, kenya).drafts())
    assert drafts and all(d.place is not None and d.place.text == "Kawangware" for d in drafts)


def test_a_headlines_casualties_after_a_clause_are_targets(book: ActorDictionary) -> None:
    # "Raiders stormed the village, six villagers killed.": the parse hangs the first clause on
    # "killed" as its complement; the villagers are still the ones killed
    found = events([("Raiders", "raider", "NOUN", "nsubj", 1, "NNS"),
                    ("stormed", "storm", "VERB", "ccomp", 7), ("the", "the", "DET", "det", 3),
                    ("village", "village", "NOUN", "dobj", 1), (",", ",", "PUNCT", "punct", 7),
                    ("six", "six", "NUM", "nummod", 6), ("villagers", "villager", "NOUN", "nsubj", 7, "NNS"),
                    ("killed", "kill", "VERB", "ROOT", 7, "VBN"), (".", ".", "PUNCT", "punct", 7)], book)  # fmt: skip
    assert found and all(e.actor1 is None or e.actor1.text != "villagers" for e in found)
    assert any(e.actor2 is not None and e.actor2.text == "villagers" for e in found)


def test_a_headlines_verb_parsed_as_a_noun_is_the_event(book: ActorDictionary) -> None:
    # "Raiders attack village", parsed as one noun phrase with "attack" a compound noun
    [e] = events([("Raiders", "raider", "NOUN", "compound", 2, "NNS"),
                  ("attack", "attack", "NOUN", "compound", 2, "NN"),
                  ("village", "village", "NOUN", "ROOT", 2, "NN")], book)  # fmt: skip
    assert e.category == "ASSAULT" and e.trigger.text == "attack"
    assert e.actor1 is not None and e.actor1.text == "Raiders" and e.actor2 is None
    # with a main verb the parse is trusted: "the attack plan was leaked" tells of no attack
    assert events([("The", "the", "DET", "det", 2), ("attack", "attack", "NOUN", "compound", 2),
                   ("plan", "plan", "NOUN", "nsubjpass", 4), ("was", "be", "AUX", "auxpass", 4),
                   ("leaked", "leak", "VERB", "ROOT", 4, "VBN")], book) == []  # fmt: skip


def test_a_fights_sides_are_named_after_between(book: ActorDictionary) -> None:
    # "Clashes between Pokot and Turkana erupted.": the two communities' militias
    found = events([("Clashes", "clash", "NOUN", "nsubj", 5, "NNS"),
                    ("between", "between", "ADP", "prep", 0), ("Pokot", "Pokot", "PROPN", "pobj", 1),
                    ("and", "and", "CCONJ", "cc", 2), ("Turkana", "Turkana", "PROPN", "conj", 2),
                    ("erupted", "erupt", "VERB", "ROOT", 5), (".", ".", "PUNCT", "punct", 5)], book)  # fmt: skip
    [e] = [e for e in found if e.category == "ASSAULT"]
    assert e.actor1 is not None and e.actor1.text == "Pokot"
    assert e.actor1.actor.name == "Communal militia"
    assert e.actor2 is not None and e.actor2.text == "Turkana"


def test_a_headlines_verb_after_a_singular_actor_noun_is_the_event(book: ActorDictionary) -> None:
    # "Police battle Mungiki sect": "Police" is a singular noun, but a known actor
    [e] = events([("Police", "police", "NOUN", "compound", 1, "NN"),
                  ("battle", "battle", "NOUN", "compound", 3, "NN"),
                  ("Mungiki", "Mungiki", "PROPN", "compound", 3),
                  ("sect", "sect", "NOUN", "ROOT", 3, "NN")], book)  # fmt: skip
    assert (e.category, e.mode) == ("ASSAULT", "clash")
    assert e.actor1 is not None and e.actor1.text == "Police"
    # an unknown singular noun before an attack word is still a compound: "the storm attack plan"
    assert events([("The", "the", "DET", "det", 3), ("storm", "storm", "NOUN", "compound", 2, "NN"),
                   ("attack", "attack", "NOUN", "compound", 3, "NN"),
                   ("plan", "plan", "NOUN", "ROOT", 3, "NN")], book) == []  # fmt: skip


def test_a_headlines_verb_parsed_as_the_root_noun_is_the_event(book: ActorDictionary) -> None:
    # "A mob lynch a suspect", parsed as a noun phrase headed by "lynch"
    [e] = events([("A", "a", "DET", "det", 2), ("mob", "mob", "NOUN", "compound", 2, "NN"),
                  ("lynch", "lynch", "NOUN", "ROOT", 2, "NN"), ("a", "a", "DET", "det", 4),
                  ("suspect", "suspect", "NOUN", "appos", 2, "NN")], book)  # fmt: skip
    assert (e.category, e.mode) == ("ASSAULT", "mob")
    assert e.actor1 is not None and e.actor1.text == "mob"


def test_a_headline_verb_takes_its_weapon_from_the_object(book: ActorDictionary) -> None:
    # "Militants fire mortar rounds at base"
    [e] = events([("Militants", "militant", "NOUN", "compound", 1, "NNS"),
                  ("fire", "fire", "NOUN", "ROOT", 1, "NN"),
                  ("mortar", "mortar", "NOUN", "compound", 3, "NN"),
                  ("rounds", "round", "NOUN", "appos", 1, "NNS"), ("at", "at", "ADP", "prep", 3),
                  ("base", "base", "NOUN", "pobj", 4)], book)  # fmt: skip
    assert (e.category, e.mode) == ("ASSAULT", "heavy-weapons")


def test_a_verbless_sentence_with_only_a_participle_still_tells_its_noun_event(
    book: ActorDictionary,
) -> None:
    # "Students in Kisumu on a protest, accusing the principal.": the accusation hangs off a
    # verbless sentence; the protest is told too
    found = events([("Students", "student", "NOUN", "ROOT", 0, "NNS"), ("on", "on", "ADP", "prep", 0),
                    ("a", "a", "DET", "det", 3), ("protest", "protest", "NOUN", "pobj", 1),
                    (",", ",", "PUNCT", "punct", 0), ("accusing", "accuse", "VERB", "acl", 0, "VBG"),
                    ("the", "the", "DET", "det", 7), ("principal", "principal", "NOUN", "dobj", 5),
                    (".", ".", "PUNCT", "punct", 0)], book)  # fmt: skip
    assert {e.category for e in found} == {"ACCUSE", "PROTEST"}


def test_violence_by_vigilantes_or_voters_is_a_crowds(book: ActorDictionary) -> None:
    from khaldun.events.acled import acled_type

    for noun, lemma in (
        ("vigilantes", "vigilante"),
        ("voters", "voter"),
        ("neighbours", "neighbour"),
    ):
        # "A suspect was attacked by NOUN."
        [e] = events([("A", "a", "DET", "det", 1), ("suspect", "suspect", "NOUN", "nsubjpass", 3),
                      ("was", "be", "AUX", "auxpass", 3), ("attacked", "attack", "VERB", "ROOT", 3, "VBN"),
                      ("by", "by", "ADP", "agent", 3), (noun, lemma, "NOUN", "pobj", 4, "NNS"),
                      (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
        assert e.actor1 is not None and e.actor1.text == noun
        got = acled_type(e, lexicon.load(), protest=False, text=e.trigger.doc.text)
        assert got == ("Riots", "Mob violence"), noun


def test_a_verbless_reports_victim_with_its_participle_is_an_event(book: ActorDictionary) -> None:
    # "Gang member killed at market": no number, but the report is about the victim
    [e] = events([("Gang", "gang", "NOUN", "compound", 1), ("member", "member", "NOUN", "ROOT", 1),
                  ("killed", "kill", "VERB", "acl", 1, "VBN"), ("at", "at", "ADP", "prep", 2),
                  ("market", "market", "NOUN", "pobj", 3)], book)  # fmt: skip
    assert e.category == "ASSAULT" and e.trigger.text == "killed"
    # "Hamas mourns commander killed in Gaza": a verb before the noun, taken for part of it,
    # makes the report about the mourning, which tells the killing only in passing
    assert events([("Hamas", "Hamas", "PROPN", "nsubj", 2), ("mourns", "mourn", "VERB", "compound", 2),
                   ("commander", "commander", "NOUN", "ROOT", 2),
                   ("killed", "kill", "VERB", "acl", 2, "VBN"), ("in", "in", "ADP", "prep", 3),
                   ("Gaza", "Gaza", "PROPN", "pobj", 4)], book) == []  # fmt: skip


def test_a_predicate_misparsed_deep_in_a_verbless_report_is_its_subjects(
    book: ActorDictionary,
) -> None:
    # "A gang comprising four men shot a priest.", "shot" parsed as a modifier of "men"
    [e] = events([("A", "a", "DET", "det", 1), ("gang", "gang", "NOUN", "ROOT", 1),
                  ("comprising", "comprise", "VERB", "acl", 1, "VBG"), ("four", "four", "NUM", "nummod", 4),
                  ("men", "man", "NOUN", "dobj", 2, "NNS"), ("shot", "shoot", "VERB", "acl", 4, "VBD"),
                  ("a", "a", "DET", "det", 7), ("priest", "priest", "NOUN", "dobj", 5),
                  (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
    assert e.category == "ASSAULT" and e.trigger.text == "shot"
    assert e.actor1 is not None and e.actor1.text == "gang"
    assert e.actor2 is not None and e.actor2.text == "priest"


def test_they_is_the_crowd_or_force_that_acted_last(book: ActorDictionary) -> None:
    # "Soldiers raided a home. They shot a man."
    found = events([("Soldiers", "soldier", "NOUN", "nsubj", 1, "NNS"), ("raided", "raid", "VERB", "ROOT", 1),
                    ("a", "a", "DET", "det", 3), ("home", "home", "NOUN", "dobj", 1),
                    (".", ".", "PUNCT", "punct", 1),
                    ("They", "they", "PRON", "nsubj", 6), ("shot", "shoot", "VERB", "ROOT", 6),
                    ("a", "a", "DET", "det", 8), ("man", "man", "NOUN", "dobj", 6),
                    (".", ".", "PUNCT", "punct", 6)], book)  # fmt: skip
    [shot] = [e for e in found if e.trigger.text == "shot"]
    assert shot.actor1 is not None and shot.actor1.text == "Soldiers"


def test_an_attack_by_no_one_named_is_the_group_held_responsible(book: ActorDictionary) -> None:
    from khaldun.stages import _blame

    def blamed(claim: str) -> Draft:
        # "Gunmen killed two settlers. Hamas CLAIM responsibility."
        doc = make([("Gunmen", "gunman", "NOUN", "nsubj", 1, "NNS"), ("killed", "kill", "VERB", "ROOT", 1),
                    ("two", "two", "NUM", "nummod", 3), ("settlers", "settler", "NOUN", "dobj", 1, "NNS"),
                    (".", ".", "PUNCT", "punct", 1),
                    ("Hamas", "Hamas", "PROPN", "nsubj", 6), (claim, claim.lower(), "VERB", "ROOT", 6),
                    ("responsibility", "responsibility", "NOUN", "dobj", 6), (".", ".", "PUNCT", "punct", 6)])  # fmt: skip
        actors = tuple(ActorFinder(book).find(doc))
        drafts = merge(list(Extractor(lexicon.load(), book, doc, actors, (), PUB, None).drafts()))
        [d] = [d for d in _blame(drafts, actors, doc) if d.category == "ASSAULT"]
        return d

    d = blamed("claimed")
    assert d.actor1 is not None and d.actor1.actor.id == "PSE-HAMAS"
    d = blamed("denied")  # a denial holds no one responsible
    assert d.actor1 is not None and d.actor1.text == "Gunmen"


def test_suspected_members_killed_are_victims_not_the_blamed() -> None:
    from khaldun.stages import BLAME

    assert BLAME.search("Two suspected Mungiki members were killed by police.") is None
    for told in ("Gunmen, suspected to be al Shabaab, fired.", "Al Shabaab suspected.",
                 "The attack was blamed on Boko Haram.", "The IRI claimed responsibility."):  # fmt: skip
        assert BLAME.search(told), told


def test_a_crowd_said_to_be_a_named_group_is_that_group(book: ActorDictionary) -> None:
    from khaldun.stages import _blame

    # "Youths, suspected to be Hamas, shot a man."
    doc = make([("Youths", "youth", "NOUN", "nsubj", 8, "NNS"), (",", ",", "PUNCT", "punct", 0),
                ("suspected", "suspect", "VERB", "acl", 0, "VBN"), ("to", "to", "PART", "aux", 4),
                ("be", "be", "AUX", "xcomp", 2), ("Hamas", "Hamas", "PROPN", "attr", 4),
                (",", ",", "PUNCT", "punct", 0), ("then", "then", "ADV", "advmod", 8),
                ("shot", "shoot", "VERB", "ROOT", 8), ("a", "a", "DET", "det", 10),
                ("man", "man", "NOUN", "dobj", 8), (".", ".", "PUNCT", "punct", 8)])  # fmt: skip
    actors = tuple(ActorFinder(book).find(doc))
    drafts = merge(list(Extractor(lexicon.load(), book, doc, actors, (), PUB, None).drafts()))
    [d] = [d for d in _blame(drafts, actors, doc) if d.category == "ASSAULT"]
    assert d.actor1 is not None and d.actor1.actor.id == "PSE-HAMAS"


def test_slashing_people_is_an_attack_slashing_prices_is_not(book: ActorDictionary) -> None:
    def told(obj: str, lemma: str) -> list[Draft]:  # "Gunmen slashed OBJ."
        return events([("Gunmen", "gunman", "NOUN", "nsubj", 1, "NNS"), ("slashed", "slash", "VERB", "ROOT", 1),
                       (obj, lemma, "NOUN", "dobj", 1, "NNS"), (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip

    [e] = told("farmers", "farmer")
    assert (e.category, e.mode) == ("ASSAULT", "primitive")
    assert told("prices", "price") == []


def test_a_headlines_verb_in_es_is_still_the_verb(book: ActorDictionary) -> None:
    # "Mob lynches suspect", "lynches" taken for a modifier of "suspect"
    [e] = events([("Mob", "mob", "NOUN", "nsubj", 1, "NN"), ("lynches", "lynch", "VERB", "compound", 2, "VBZ"),
                  ("suspect", "suspect", "NOUN", "ROOT", 2, "NN")], book)  # fmt: skip
    assert (e.category, e.mode) == ("ASSAULT", "mob")


def test_an_attacks_object_is_its_target_a_firings_its_weapon(book: ActorDictionary) -> None:
    def told(verb: str, lemma: str, obj: str) -> Draft:  # "Militants VERB a OBJ."
        [e] = events([("Militants", "militant", "NOUN", "nsubj", 1, "NNS"), (verb, lemma, "VERB", "ROOT", 1),
                      ("a", "a", "DET", "det", 3), (obj, obj, "NOUN", "dobj", 1),
                      (".", ".", "PUNCT", "punct", 1)], book)  # fmt: skip
        return e

    assert told("attacked", "attack", "tank").mode is None  # the tank was attacked
    assert told("fired", "fire", "rocket").mode == "heavy-weapons"


def test_killed_by_an_airstrike_takes_the_strikes_mode(book: ActorDictionary) -> None:
    # "Five militants were killed by an airstrike."
    [e] = events([("Five", "five", "NUM", "nummod", 1), ("militants", "militant", "NOUN", "nsubjpass", 3, "NNS"),
                  ("were", "be", "AUX", "auxpass", 3), ("killed", "kill", "VERB", "ROOT", 3, "VBN"),
                  ("by", "by", "ADP", "agent", 3), ("an", "an", "DET", "det", 6),
                  ("airstrike", "airstrike", "NOUN", "pobj", 4), (".", ".", "PUNCT", "punct", 3)], book)  # fmt: skip
    assert e.mode == "aerial"


def test_a_county_is_made_precise_by_the_one_constituency_of_it_named(
    book: ActorDictionary,
) -> None:
    from khaldun.places import gazetteer
    from khaldun.places.resolve import PlaceFinder

    # "Residents of Karachuonyo protested in Homa Bay county."
    doc = make([("Residents", "resident", "NOUN", "nsubj", 3, "NNS"), ("of", "of", "ADP", "prep", 0),
                ("Karachuonyo", "Karachuonyo", "PROPN", "pobj", 1), ("protested", "protest", "VERB", "ROOT", 3),
                ("in", "in", "ADP", "prep", 3), ("Homa", "Homa", "PROPN", "compound", 7),
                ("Bay", "Bay", "PROPN", "compound", 7), ("county", "county", "NOUN", "pobj", 4),
                (".", ".", "PUNCT", "punct", 3)], ents=[(2, 3, "GPE"), (5, 8, "GPE")])  # fmt: skip
    actors = tuple(ActorFinder(book).find(doc))
    found = tuple(PlaceFinder(gazetteer.load()).find(doc, actors))
    assert {p.text: p.place.precision for p in found if p.place} == {
        "Karachuonyo": 2,
        "Homa Bay county": 3,
    }
    ex = Extractor(lexicon.load(), book, doc, actors, found, PUB, None)
    county = next(p for p in found if p.text == "Homa Bay county")
    made = ex._town_within(county, doc[0].sent)
    assert made is not None and made.text == "Karachuonyo"


def test_a_headline_before_a_semicolon_keeps_its_verb(book: ActorDictionary) -> None:
    # "Raiders attack village; motive unknown", parsed with "motive" as the sentence's verb
    found = events([("Raiders", "raider", "NOUN", "compound", 2, "NNS"), ("attack", "attack", "NOUN", "compound", 2),
                    ("village", "village", "NOUN", "nsubj", 4), (";", ";", "PUNCT", "punct", 4),
                    ("motive", "motive", "VERB", "ROOT", 4), ("unknown", "unknown", "ADJ", "advmod", 4)], book)  # fmt: skip
    assert [(e.category, e.trigger.text) for e in found] == [("ASSAULT", "attack")]
