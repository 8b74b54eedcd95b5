"""Rules for reports the small model misparses or ACLED codes by who did it: thrown weapons,
shootings read as nouns, headlines led by a community or a band, fighting herders."""

from __future__ import annotations

from typing import Any

import pytest
from tests.docs import make

from khaldun.actors.dictionary import ActorDictionary
from khaldun.actors.resolve import ActorFinder
from khaldun.events import lexicon
from khaldun.events.acled import acled_type
from khaldun.events.extract import Draft, Extractor
from khaldun.events.merge import merge
from khaldun.model import Place, PlaceMention, Span


@pytest.fixture(scope="module")
def book() -> ActorDictionary:
    return ActorDictionary.load()


def coded(rows: list[tuple[str, ...]], book: ActorDictionary) -> list[tuple[Draft, tuple[str | None, str | None]]]:  # fmt: skip
    doc = make(rows)
    actors = tuple(ActorFinder(book).find(doc))
    drafts = merge(list(Extractor(lexicon.load(), book, doc, actors, (), None, None).drafts()))
    return [(d, acled_type(d, lexicon.load(), protest=False, text=doc.text)) for d in drafts]


def test_the_thrower_of_a_weapon_attacked_with_it(book: ActorDictionary) -> None:
    # "Gunmen threw a grenade into a bar."
    rows = [("Gunmen", "gunman", "NOUN", "nsubj", 1, "NNS"), ("threw", "throw", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3), ("grenade", "grenade", "NOUN", "dobj", 1),
            ("into", "into", "ADP", "prep", 1), ("a", "a", "DET", "det", 6),
            ("bar", "bar", "NOUN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert d.actor1 is not None and d.actor1.text == "Gunmen"
    assert d.mode == "grenade"  # the weapon thrown, not the thrower's guns
    assert acled == ("Explosions/Remote violence", "Grenade")


def test_an_armed_groups_petrol_bomb_is_an_attack_a_crowds_a_riot(book: ActorDictionary) -> None:
    def told(subj: str, lemma: str, *mods: str) -> tuple[str | None, str | None]:
        # "[Unidentified] SUBJ hurled a petrol bomb at a station."
        lead = [(m, m.lower(), "ADJ", "amod", len(mods)) for m in mods]
        n = len(lead)
        rows = [*lead, (subj, lemma, "NOUN", "nsubj", n + 1, "NNS"),
                ("hurled", "hurl", "VERB", "ROOT", n + 1), ("a", "a", "DET", "det", n + 4),
                ("petrol", "petrol", "NOUN", "compound", n + 4), ("bomb", "bomb", "NOUN", "dobj", n + 1),
                ("at", "at", "ADP", "prep", n + 1), ("a", "a", "DET", "det", n + 7),
                ("station", "station", "NOUN", "pobj", n + 5), (".", ".", "PUNCT", "punct", n + 1)]  # fmt: skip
        [(d, acled)] = coded(rows, book)
        assert d.actor1 is not None and d.actor1.text.endswith(subj)
        return acled

    assert told("assailants", "assailant", "Unidentified") == (
        "Violence against civilians",
        "Attack",
    )
    assert told("Rioters", "rioter")[0] == "Riots"


def test_a_shooting_the_model_took_for_a_noun(book: ActorDictionary) -> None:
    # "Five shot dead by bandits": "shot" a noun, "dead" its modifier
    rows = [("Five", "five", "NUM", "nummod", 1), ("shot", "shot", "NOUN", "ROOT", 1, "NN"),
            ("dead", "dead", "ADJ", "amod", 1), ("by", "by", "ADP", "agent", 1),
            ("bandits", "bandit", "NOUN", "pobj", 3, "NNS")]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert (d.category, d.mode) == ("ASSAULT", "firearms")
    assert d.actor1 is not None and d.actor1.text == "bandits"
    assert acled == ("Violence against civilians", "Attack")
    # a shot that killed no one is no shooting: "He took a shot at goal."
    rows = [("He", "he", "PRON", "nsubj", 1), ("took", "take", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3), ("shot", "shot", "NOUN", "dobj", 1),
            ("at", "at", "ADP", "prep", 3), ("goal", "goal", "NOUN", "pobj", 4)]  # fmt: skip
    assert coded(rows, book) == []


def test_a_headline_led_by_a_community_or_a_band(book: ActorDictionary) -> None:
    # "Pokot attack Luhya farmers": the parse makes "attack" a compound of "farmers"
    rows = [("Pokot", "pokot", "NOUN", "compound", 1), ("attack", "attack", "NOUN", "compound", 3),
            ("Luhya", "Luhya", "PROPN", "compound", 3), ("farmers", "farmer", "NOUN", "ROOT", 3, "NNS")]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert d.actor1 is not None and (d.actor1.text, d.actor1.actor.sector) == ("Pokot", "MLA")
    assert acled == ("Violence against civilians", "Attack")
    # "Armed group attack villagers": "Armed" hangs on "villagers", who are no armed group
    rows = [("Armed", "armed", "ADJ", "amod", 3), ("group", "group", "NOUN", "compound", 2),
            ("attack", "attack", "NOUN", "compound", 3), ("villagers", "villager", "NOUN", "ROOT", 3, "NNS")]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert d.actor2 is not None and d.actor2.actor.sector == "CVL"
    assert acled == ("Violence against civilians", "Attack")


def test_raped_is_rape_whatever_the_lemmatizer_says(book: ActorDictionary) -> None:
    # the small model lemmatises "raped" as "rap"
    rows = [("Police", "police", "NOUN", "nsubj", 1), ("raped", "rap", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3), ("girl", "girl", "NOUN", "dobj", 1)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert (d.category, d.mode) == ("ASSAULT", "sexual")
    assert acled == ("Violence against civilians", "Sexual violence")


def test_herders_who_attack_are_a_communal_militia(book: ActorDictionary) -> None:
    def a1(verb: str, lemma: str, obj: str, olemma: str) -> Draft:
        # "A group of herders VERB OBJ."
        rows = [("A", "a", "DET", "det", 1), ("group", "group", "NOUN", "nsubj", 4),
                ("of", "of", "ADP", "prep", 1), ("herders", "herder", "NOUN", "pobj", 2, "NNS"),
                (verb, lemma, "VERB", "ROOT", 4), (obj, olemma, "NOUN", "dobj", 4, "NNS")]  # fmt: skip
        return coded(rows, book)[0][0]

    d = a1("attacked", "attack", "farmers", "farmer")
    assert d.actor1 is not None and d.actor1.actor.sector == "MLA"
    # herders attacked are civilians
    rows = [("Bandits", "bandit", "NOUN", "nsubj", 1, "NNS"), ("attacked", "attack", "VERB", "ROOT", 1),
            ("herders", "herder", "NOUN", "dobj", 1, "NNS")]  # fmt: skip
    [(d, _)] = coded(rows, book)
    assert d.actor2 is not None and d.actor2.actor.sector == "CVL"


def test_a_killing_is_not_the_vandalism_beside_it(book: ActorDictionary) -> None:
    # "Two people were killed and others injured by al-Shabaab, who vandalised a mast."
    rows = [("Two", "two", "NUM", "nummod", 1), ("people", "people", "NOUN", "nsubjpass", 3, "NNS"),
            ("were", "be", "AUX", "auxpass", 3), ("killed", "kill", "VERB", "ROOT", 3, "VBN"),
            ("and", "and", "CCONJ", "cc", 3), ("others", "other", "NOUN", "conj", 3, "NNS"),
            ("injured", "injure", "VERB", "acl", 5, "VBN"), ("by", "by", "ADP", "agent", 6),
            ("al-Shabaab", "al-Shabaab", "PROPN", "pobj", 7), (",", ",", "PUNCT", "punct", 8),
            ("who", "who", "PRON", "nsubj", 11), ("vandalised", "vandalise", "VERB", "relcl", 8),
            ("a", "a", "DET", "det", 13), ("mast", "mast", "NOUN", "dobj", 11)]  # fmt: skip
    found = coded(rows, book)
    killing = next(d for d, _ in found if d.trigger.lower_ == "killed")
    assert killing.mode is None  # not the vandalism's "destroy"
    assert killing.actor1 is not None and killing.actor1.actor.id == "SOM-SHABAAB"
    assert (
        dict((d.trigger.lower_, a) for d, a in found)["killed"][0] == "Violence against civilians"
    )


def test_those_reported_to_have_been_killed_are_the_victims(book: ActorDictionary) -> None:
    # "Thirty people are reported to have been killed." / "Hamas was reported to have attacked."
    def told(subj: str, lemma: str, passive: bool) -> Draft:
        verb = ("killed", "kill") if passive else ("attacked", "attack")
        rows = [(subj, lemma, "PROPN" if not passive else "NOUN", "nsubjpass", 2),
                ("was", "be", "AUX", "auxpass", 2), ("reported", "report", "VERB", "ROOT", 2, "VBN"),
                ("to", "to", "PART", "aux", 6), ("have", "have", "AUX", "aux", 6),
                *([("been", "be", "AUX", "auxpass", 6)] if passive else [("just", "just", "ADV", "advmod", 6)]),
                (verb[0], verb[1], "VERB", "xcomp", 2, "VBN")]  # fmt: skip
        [(d, _)] = coded(rows, book)
        return d

    d = told("people", "people", passive=True)
    assert d.actor1 is None and d.actor2 is not None and d.actor2.text == "people"
    d = told("Hamas", "Hamas", passive=False)
    assert d.actor1 is not None and d.actor1.actor.id is not None


def test_the_polices_violence_at_a_riot_is_the_riots() -> None:
    from tests.test_acled_types import draft

    d = draft("ASSAULT", None, "COP", "CVL")
    riot = "Third day of riots called by the opposition. Police intervened, killing two."
    assert acled_type(d, lexicon.load(), protest=False, text=riot) == (
        "Riots",
        "Violent demonstration",
    )
    # riot police are no riot, and a shooting with no protest told is the police's
    for text in ("Riot police shot dead a man in Kisumu.", "Police shot dead a matatu driver."):
        assert acled_type(d, lexicon.load(), protest=False, text=text)[0] == (
            "Violence against civilians"
        ), text


def test_a_violent_protest_with_its_kind_between() -> None:
    from tests.test_acled_types import draft

    d = draft("PROTEST", "demo", None, None)
    text = "Violent electoral protests in Mathare between 9 and 13 August."
    assert acled_type(d, lexicon.load(), protest=True, text=text) == (
        "Riots",
        "Violent demonstration",
    )
    text = "Residents blocked a road for days, holding a truck driver hostage."
    assert acled_type(d, lexicon.load(), protest=True, text=text)[0] == "Riots"


def test_a_place_the_rest_of_the_paragraph_names(book: ActorDictionary) -> None:
    from spacy.tokens import Doc

    # "Protesters marched. Outside Kisumu, women wept." / "… Outside Kisumu and Nakuru, …"
    def place_of(second: list[str], paragraph: bool = False) -> str | None:
        first = make([("Protesters", "protester", "NOUN", "nsubj", 1, "NNS"),
                      ("marched", "march", "VERB", "ROOT", 1), (".", ".", "PUNCT", "punct", 1),
                      *([("\n\n", "\n\n", "SPACE", "dep", 1)] if paragraph else [])])  # fmt: skip
        root = len(second) + 2
        words = [("Outside", "outside", "ADP", "prep", root)]
        for i, w in enumerate(second):
            words.append((w, w, "PROPN", "pobj" if i == 0 else "conj", 0 if i == 0 else 1))
        words += [("women", "woman", "NOUN", "nsubj", root, "NNS"),
                  ("wept", "weep", "VERB", "ROOT", root)]  # fmt: skip
        doc = Doc.from_docs([first, make(words)])
        places = [_at(doc, w, 0.0, 34.0 + len(w)) for w in second]
        actors = tuple(ActorFinder(book).find(doc))
        ex = Extractor(lexicon.load(), book, doc, actors, tuple(places), None, None)
        march = next(d for d in ex.drafts() if d.trigger.lower_ == "marched")
        return march.place.place.name if march.place and march.place.place else None

    assert place_of(["Kisumu"]) == "Kisumu"
    assert place_of(["Kisumu", "Nakuru"]) is None  # two places: neither is surely the march's
    assert place_of(["Kisumu"], paragraph=True) is None  # the next paragraph is another matter


def test_who_protests_a_decision_decides_whether_it_is_a_demonstration(
    book: ActorDictionary,
) -> None:
    def told(subj: str, lemma: str) -> str:  # "SUBJ protested the decision."
        rows = [(subj, lemma, "NOUN", "nsubj", 1, "NNS"), ("protested", "protest", "VERB", "ROOT", 1),
                ("the", "the", "DET", "det", 3), ("decision", "decision", "NOUN", "dobj", 1)]  # fmt: skip
        [(d, _)] = coded(rows, book)
        return d.category

    assert told("Students", "student") == "PROTEST"
    assert told("ministers", "minister") == "ACCUSE"


def test_continued_protests_and_damaged_property_are_events(book: ActorDictionary) -> None:
    rows = [("Workers", "worker", "NOUN", "nsubj", 1, "NNS"), ("continued", "continue", "VERB", "ROOT", 1),
            ("protests", "protest", "NOUN", "dobj", 1, "NNS")]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert d.category == "PROTEST" and acled[0] == "Protests"
    rows = [("Supporters", "supporter", "NOUN", "nsubj", 1, "NNS"), ("damaged", "damage", "VERB", "ROOT", 1),
            ("property", "property", "NOUN", "dobj", 1)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert (d.category, d.mode) == ("ASSAULT", "destroy") and acled[0] == "Riots"
    # damage to a reputation is no destruction
    rows = [("Scandals", "scandal", "NOUN", "nsubj", 1, "NNS"), ("damaged", "damage", "VERB", "ROOT", 1),
            ("his", "his", "PRON", "poss", 3), ("reputation", "reputation", "NOUN", "dobj", 1)]  # fmt: skip
    assert coded(rows, book) == []


def test_a_verbless_reports_protest_noun_beside_another_event(book: ActorDictionary) -> None:
    # "Residents in Kisumu held demonstrations for a politician they believed was criticised.":
    # the parse takes "held" for a modifier and makes "Residents" the root
    rows = [("Residents", "resident", "NOUN", "ROOT", 0, "NNS"), ("held", "hold", "VERB", "amod", 2, "VBN"),
            ("demonstrations", "demonstration", "NOUN", "appos", 0, "NNS"), ("for", "for", "ADP", "prep", 2),
            ("a", "a", "DET", "det", 5), ("politician", "politician", "NOUN", "pobj", 3),
            ("they", "they", "PRON", "nsubj", 7), ("believed", "believe", "VERB", "relcl", 5),
            ("was", "be", "AUX", "auxpass", 9), ("criticised", "criticise", "VERB", "ccomp", 7, "VBN")]  # fmt: skip
    found = coded(rows, book)
    assert any(d.category == "PROTEST" and acled[0] == "Protests" for d, acled in found)


def test_a_headlines_first_word_taken_for_a_name(book: ActorDictionary) -> None:
    # "Riot breaks out among supporters", "Clashes erupt in Kisumu": "Riot", "Clashes" PROPN
    for word, category in (("Riot", "PROTEST"), ("Clashes", "ASSAULT")):
        rows = [(word, word, "PROPN", "nsubj", 1), ("breaks", "break", "VERB", "ROOT", 1, "VBZ"),
                ("out", "out", "ADP", "prt", 1)]  # fmt: skip
        [(d, _)] = coded(rows, book)
        assert d.category == category, word
    # a name inside the sentence stays a name: "Police in Strike County…" is no strike
    rows = [("Police", "police", "NOUN", "nsubj", 3), ("in", "in", "ADP", "prep", 0),
            ("Riot", "Riot", "PROPN", "pobj", 1), ("arrived", "arrive", "VERB", "ROOT", 3)]  # fmt: skip
    assert coded(rows, book) == []


def test_operators_who_block_a_car_park_protest(book: ActorDictionary) -> None:
    rows = [("Matatu", "Matatu", "PROPN", "compound", 1), ("operators", "operator", "NOUN", "nsubj", 2, "NNS"),
            ("block", "block", "VERB", "ROOT", 2, "VBP"), ("a", "a", "DET", "det", 4),
            ("park", "park", "NOUN", "dobj", 2)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert (d.category, d.mode) == ("PROTEST", "obstruct") and acled[0] == "Protests"


def test_a_raids_killing_hung_on_its_object(book: ActorDictionary) -> None:
    # "Armed men raid the offices killing two": "killing" an acl of "offices", with its count
    rows = [("Gunmen", "gunman", "NOUN", "nsubj", 1, "NNS"), ("raid", "raid", "VERB", "ROOT", 1, "VBP"),
            ("the", "the", "DET", "det", 3), ("offices", "office", "NOUN", "dobj", 1, "NNS"),
            ("killing", "kill", "VERB", "acl", 3, "VBG"), ("two", "two", "NUM", "dobj", 4)]  # fmt: skip
    doc = make(rows)
    ex = Extractor(lexicon.load(), book, doc, tuple(ActorFinder(book).find(doc)), (), None, None)
    killing = [d for d in ex.drafts() if d.trigger.lower_ == "killing"]
    assert [(d.category, d.actor1 and d.actor1.text) for d in killing] == [("ASSAULT", "Gunmen")]


def test_killings_and_burnings_told_together_stay_two(book: ActorDictionary) -> None:
    # "6 killed by raiders and homes burned": the killing is no destruction of property
    rows = [("6", "6", "NUM", "nsubj", 6), ("killed", "kill", "VERB", "acl", 0, "VBN"),
            ("by", "by", "ADP", "agent", 1), ("raiders", "raider", "NOUN", "pobj", 2, "NNS"),
            ("and", "and", "CCONJ", "cc", 3), ("homes", "home", "NOUN", "conj", 3, "NNS"),
            ("burned", "burn", "VERB", "ROOT", 6)]  # fmt: skip
    found = {d.trigger.lower_: (d, a) for d, a in coded(rows, book)}
    assert found["killed"][0].mode is None and found["killed"][1][0] == "Violence against civilians"


def test_seized_people_are_abducted(book: ActorDictionary) -> None:
    def told(obj: str, lemma: str) -> Draft:  # "Gunmen seized OBJ."
        rows = [("Gunmen", "gunman", "NOUN", "nsubj", 1, "NNS"), ("seized", "seize", "VERB", "ROOT", 1),
                ("a", "a", "DET", "det", 3), (obj, lemma, "NOUN", "dobj", 1)]  # fmt: skip
        [(d, _)] = coded(rows, book)
        return d

    assert (told("tourist", "tourist").mode, told("drugs", "drug").mode) == ("abduct", "seize")


def test_violence_a_protest_was_without_or_was_about_makes_no_riot() -> None:
    from tests.test_acled_types import draft

    d = draft("PROTEST", "demo", "PRO", None)
    for text in ("Supporters took to the streets. The celebrations were devoid of running battles.",
                 "Hundreds protest the government's failure to stop ethnic clashes."):  # fmt: skip
        assert acled_type(d, lexicon.load(), protest=True, text=text)[0] == "Protests", text
    text = "Supporters took to the streets and fought running battles with police."
    assert acled_type(d, lexicon.load(), protest=True, text=text)[0] == "Riots"


def test_the_dead_of_a_clash_told_beside_them_fell_in_it(book: ActorDictionary) -> None:
    # "Five people were killed following clashes." / "…killed in a shoot-out with police."
    def killed(*tail: tuple[str, ...]) -> tuple[Draft, tuple[str | None, str | None]]:
        rows = [("Five", "five", "NUM", "nummod", 1), ("people", "people", "NOUN", "nsubjpass", 3, "NNS"),
                ("were", "be", "AUX", "auxpass", 3), ("killed", "kill", "VERB", "ROOT", 3, "VBN"), *tail]  # fmt: skip
        return next((d, a) for d, a in coded(rows, book) if d.trigger.lower_ == "killed")

    d, acled = killed(
        ("following", "follow", "ADP", "prep", 3), ("clashes", "clash", "NOUN", "pobj", 4, "NNS")
    )
    assert d.mode == "clash" and acled[0] == "Battles"
    d, acled = killed(("in", "in", "ADP", "prep", 3), ("a", "a", "DET", "det", 6),
                      ("shoot-out", "shoot-out", "NOUN", "pobj", 4))  # fmt: skip
    assert d.mode == "clash" and acled[0] == "Battles"
    d, acled = killed(("in", "in", "ADP", "prep", 3), ("Kisumu", "Kisumu", "PROPN", "pobj", 4))
    assert d.mode is None and acled[0] == "Violence against civilians"
    # who killed whom, told: "Raiders killed civilians, four days of clashes"
    rows = [("Raiders", "raider", "NOUN", "nsubj", 1, "NNS"), ("killed", "kill", "VERB", "ROOT", 1),
            ("civilians", "civilian", "NOUN", "dobj", 1, "NNS"), (",", ",", "PUNCT", "punct", 1),
            ("four", "four", "NUM", "nummod", 5), ("days", "day", "NOUN", "npadvmod", 1, "NNS"),
            ("of", "of", "ADP", "prep", 5), ("clashes", "clash", "NOUN", "pobj", 6, "NNS")]  # fmt: skip
    d = next(d for d, _ in coded(rows, book) if d.trigger.lower_ == "killed")
    assert d.mode != "clash"


def test_a_passive_split_at_its_adverbial(book: ActorDictionary) -> None:
    # "Two men were in the evening shot dead by raiders": "shot" an advcl of "were"
    rows = [("Two", "two", "NUM", "nummod", 1), ("men", "man", "NOUN", "nsubj", 2, "NNS"),
            ("were", "be", "AUX", "ROOT", 2, "VBD"), ("in", "in", "ADP", "prep", 2),
            ("the", "the", "DET", "det", 5), ("evening", "evening", "NOUN", "pobj", 3),
            ("shot", "shoot", "VERB", "advcl", 2, "VBD"), ("dead", "dead", "ADJ", "oprd", 6),
            ("by", "by", "ADP", "prep", 6), ("raiders", "raider", "NOUN", "pobj", 8, "NNS")]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert (d.actor1 and d.actor1.text, d.actor2 and d.actor2.text) == ("raiders", "men")
    assert acled[0] == "Violence against civilians"


def test_an_attack_whose_houses_were_burnt_is_the_attack(book: ActorDictionary) -> None:
    # "Gunmen attacked the village. Houses were burnt.": not a destruction of property alone
    first = make([("Gunmen", "gunman", "NOUN", "nsubj", 1, "NNS"), ("attacked", "attack", "VERB", "ROOT", 1),
                  ("the", "the", "DET", "det", 3), ("village", "village", "NOUN", "dobj", 1),
                  (".", ".", "PUNCT", "punct", 1)])  # fmt: skip
    second = make([("Houses", "house", "NOUN", "nsubjpass", 2, "NNS"), ("were", "be", "AUX", "auxpass", 2),
                   ("burnt", "burn", "VERB", "ROOT", 2, "VBN")])  # fmt: skip
    from spacy.tokens import Doc

    doc = Doc.from_docs([first, second])
    drafts = merge(list(Extractor(lexicon.load(), book, doc, tuple(ActorFinder(book).find(doc)),
                                  (), None, None).drafts()))  # fmt: skip
    attack = next(d for d in drafts if d.trigger.lower_ == "attacked")
    assert attack.mode is None
    assert (
        acled_type(attack, lexicon.load(), protest=False, text=doc.text)[0]
        == "Violence against civilians"
    )


def test_communal_fighting_has_a_community_militia_as_its_side(book: ActorDictionary) -> None:
    from khaldun.export import acled_actor

    # "Clashes between members of Borana and Gabra communities"
    rows = [("Clashes", "clash", "NOUN", "ROOT", 0, "NNS"), ("between", "between", "ADP", "prep", 0),
            ("members", "member", "NOUN", "pobj", 1, "NNS"), ("of", "of", "ADP", "prep", 2),
            ("Borana", "Borana", "PROPN", "compound", 7), ("and", "and", "CCONJ", "cc", 4),
            ("Gabra", "Gabra", "PROPN", "conj", 4), ("communities", "community", "NOUN", "pobj", 3, "NNS")]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert acled[0] == "Battles" and d.actor1 is not None
    named = acled_actor({"name": d.actor1.actor.name, "sector": d.actor1.actor.sector,
                         "text": d.actor1.text}, {})  # fmt: skip
    assert named == "Borana Ethnic Militia"
    # "Clan fighting leaves 5 dead": a community's militia, unnamed
    rows = [("Clan", "clan", "NOUN", "compound", 1), ("fighting", "fighting", "NOUN", "nsubj", 2),
            ("leaves", "leave", "VERB", "ROOT", 2, "VBZ"), ("5", "5", "NUM", "nummod", 4),
            ("dead", "dead", "ADJ", "dobj", 2)]  # fmt: skip
    d = next(d for d, _ in coded(rows, book) if d.trigger.lower_ == "fighting")
    assert d.actor1 is not None and d.actor1.actor.sector == "MLA"
    assert acled_actor(
        {"name": d.actor1.actor.name, "sector": "MLA", "text": d.actor1.text}, {}
    ) == ("Unidentified Ethnic Militia")


def test_a_tribe_that_attacks_is_its_militia_one_attacked_its_people(book: ActorDictionary) -> None:
    rows = [("Pokot", "Pokot", "PROPN", "compound", 1), ("tribesmen", "tribesman", "NOUN", "nsubj", 2, "NNS"),
            ("attacked", "attack", "VERB", "ROOT", 2), ("a", "a", "DET", "det", 4),
            ("village", "village", "NOUN", "dobj", 2)]  # fmt: skip
    [(d, _)] = coded(rows, book)
    assert d.actor1 is not None and d.actor1.actor.sector == "MLA"
    rows = [("Raiders", "raider", "NOUN", "nsubj", 1, "NNS"), ("attacked", "attack", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 4), ("Turkana", "Turkana", "PROPN", "compound", 4),
            ("tribe", "tribe", "NOUN", "dobj", 1)]  # fmt: skip
    [(d, _)] = coded(rows, book)
    assert d.actor2 is not None and d.actor2.actor.sector == "CVL"


def test_a_community_heading_a_headline_whatever_the_parse(book: ActorDictionary) -> None:
    # "Pokot raiders attack civilians" with "Pokot" parsed as an auxiliary
    rows = [("Pokot", "Pokot", "AUX", "aux", 2), ("raiders", "raider", "NOUN", "nsubj", 2, "NNS"),
            ("attack", "attack", "VERB", "ROOT", 2, "VBP"), ("civilians", "civilian", "NOUN", "dobj", 2, "NNS")]  # fmt: skip
    [(d, _)] = coded(rows, book)
    assert (
        d.actor1 is not None and d.actor1.text == "Pokot raiders" and d.actor1.actor.sector == "MLA"
    )
    # "Orma attack Pokomo; 11 killed": the parse makes "killed" the verb, past the ";"
    rows = [("Orma", "Orma", "PROPN", "compound", 1), ("attack", "attack", "NOUN", "compound", 2),
            ("Pokomo", "Pokomo", "PROPN", "dep", 5), (";", ";", "PUNCT", "punct", 5),
            ("11", "11", "NUM", "nsubj", 5), ("killed", "kill", "VERB", "ROOT", 5, "VBN")]  # fmt: skip
    found = coded(rows, book)
    assert any(d.actor1 is not None and d.actor1.text == "Orma" for d, _ in found)


def test_an_attack_carried_out_by_a_militia_is_the_militias(book: ActorDictionary) -> None:
    # "7 people killed in the attack that was carried out by Degodia clan militia"
    rows = [("7", "7", "NUM", "nummod", 1), ("people", "people", "NOUN", "ROOT", 1, "NNS"),
            ("killed", "kill", "VERB", "acl", 1, "VBN"), ("in", "in", "ADP", "prep", 2),
            ("the", "the", "DET", "det", 5), ("attack", "attack", "NOUN", "pobj", 3),
            ("that", "that", "PRON", "nsubjpass", 9), ("was", "be", "AUX", "auxpass", 9),
            ("carried", "carry", "VERB", "relcl", 5, "VBN"), ("out", "out", "ADP", "prt", 8),
            ("by", "by", "ADP", "agent", 8), ("Degodia", "Degodia", "PROPN", "compound", 13),
            ("clan", "clan", "NOUN", "compound", 13), ("militia", "militia", "NOUN", "pobj", 10)]  # fmt: skip
    killing = next(d for d, _ in coded(rows, book) if d.trigger.lower_ == "killed")
    assert killing.actor1 is not None and "Degodia" in killing.actor1.text


def test_stoning_lynching_and_rampages(book: ActorDictionary) -> None:
    # "A mob stones a suspect", "Mob lynches man" (the lemmatizer's "lynche"), "Students went
    # on rampage"
    rows = [("A", "a", "DET", "det", 1), ("mob", "mob", "NOUN", "nsubj", 2),
            ("stones", "stone", "VERB", "ROOT", 2, "VBZ"), ("a", "a", "DET", "det", 4),
            ("suspect", "suspect", "NOUN", "dobj", 2)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert d.category == "ASSAULT" and acled == ("Riots", "Mob violence")
    rows = [("Mob", "mob", "NOUN", "compound", 1), ("lynches", "lynche", "NOUN", "compound", 2, "NNS"),
            ("man", "man", "NOUN", "ROOT", 2)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert (d.category, d.mode) == ("ASSAULT", "mob")
    rows = [("Students", "student", "NOUN", "nsubj", 1, "NNS"), ("went", "go", "VERB", "ROOT", 1),
            ("on", "on", "ADP", "prep", 1), ("rampage", "rampage", "NOUN", "pobj", 2)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert d.category == "PROTEST" and acled == ("Riots", "Violent demonstration")


def test_an_office_holder_shot_is_a_civilian() -> None:
    from khaldun.model import Actor, ActorMention, Span

    gov = Actor(name="Government of Kenya", id="KEN", country="KEN", sector="GOV", kind="state")
    for text, expected in (("official", "Violence against civilians"), ("Kenya", "Battles")):
        # "Gangsters shot a Ministry of Health official" / "Gunmen attacked Kenya"
        d = Draft(category="ASSAULT", mode="firearms", status="asserted", trigger=None,
                  sentence=Span(0, 40), confidence=0.8,
                  actor1=ActorMention(Span(0, 6), "Gunmen", Actor(name="Unidentified Armed Group", sector="REB"), "generic"),
                  actor2=ActorMention(Span(10, 20), f"Ministry of Health {text}" if text == "official" else text, gov, "dictionary"))  # fmt: skip
        assert acled_type(d, lexicon.load(), protest=False, text="")[0] == expected, text


def test_a_second_headline_verb_after_and(book: ActorDictionary) -> None:
    # "Bandits raid villages and attack civilians": "attack" parsed a modifier of "civilians"
    rows = [("Bandits", "bandit", "NOUN", "nsubj", 1, "NNS"), ("raid", "raid", "VERB", "ROOT", 1, "VBP"),
            ("villages", "village", "NOUN", "dobj", 1, "NNS"), ("and", "and", "CCONJ", "cc", 2),
            ("attack", "attack", "NOUN", "compound", 5), ("civilians", "civilian", "NOUN", "conj", 2, "NNS")]  # fmt: skip
    doc = make(rows)
    ex = Extractor(lexicon.load(), book, doc, tuple(ActorFinder(book).find(doc)), (), None, None)
    attack = next(d for d in ex.drafts() if d.trigger.lower_ == "attack")
    assert (
        attack.category == "ASSAULT"
        and attack.actor1 is not None
        and attack.actor1.text == "Bandits"
    )
    assert attack.actor2 is not None and attack.actor2.actor.sector == "CVL"


def test_ethnic_and_clan_militias_are_communal(book: ActorDictionary) -> None:
    # "Ethnic militias attacked…", "Degodia clan militia attacked…" ("Degodia" on "clan")
    rows = [("Ethnic", "ethnic", "ADJ", "amod", 1), ("militias", "militia", "NOUN", "nsubj", 2, "NNS"),
            ("attacked", "attack", "VERB", "ROOT", 2)]  # fmt: skip
    [(d, _)] = coded(rows, book)
    assert d.actor1 is not None and d.actor1.actor.name == "Communal militia"
    rows = [("Degodia", "Degodia", "PROPN", "compound", 1), ("clan", "clan", "NOUN", "compound", 2),
            ("militia", "militia", "NOUN", "nsubj", 3), ("attacked", "attack", "VERB", "ROOT", 3)]  # fmt: skip
    [(d, _)] = coded(rows, book)
    assert d.actor1 is not None and d.actor1.text == "Degodia clan militia"


def test_peaceful_protesters_met_with_lethal_force() -> None:
    from tests.test_acled_types import draft

    d = draft("PROTEST", "demo", "PRO", None)
    text = "Youths protested the arrests. Police shot at the crowd, seriously injuring two."
    assert acled_type(d, lexicon.load(), protest=True, text=text) == (
        "Protests",
        "Excessive force against protesters",
    )
    # the police's shooting at the protest is the same protest event
    shot = draft("ASSAULT", "firearms", "COP", "PRO")
    assert acled_type(shot, lexicon.load(), protest=True, text=text)[1] == (
        "Excessive force against protesters"
    )
    # tear gas is an intervention, not lethal force; a violent crowd makes a riot
    text = "Youths protested the arrests. Police stopped the march."
    assert acled_type(d, lexicon.load(), protest=True, text=text)[1] == "Protest with intervention"
    text = "Youths protested and stoned cars. Police shot at the crowd, injuring two."
    assert acled_type(d, lexicon.load(), protest=True, text=text)[0] == "Riots"


def test_the_one_place_a_sentence_names_after_the_event_is_its_place(book: ActorDictionary) -> None:
    # "Three died in clashes after polling in Kawangware.": the clashes' place is not told in
    # their clause, and the only place the sentence names is better than the whole country
    rows = [("Three", "three", "NUM", "nsubj", 1), ("died", "die", "VERB", "ROOT", 1),
            ("in", "in", "ADP", "prep", 1), ("clashes", "clash", "NOUN", "pobj", 2),
            ("after", "after", "ADP", "prep", 1), ("polling", "polling", "NOUN", "pobj", 4),
            ("in", "in", "ADP", "prep", 5), ("Kawangware", "Kawangware", "PROPN", "pobj", 6),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    doc = make(rows)
    town = _at(doc, "Kawangware", -1.28, 36.75, gid="t:1")
    kenya = _kenya()
    actors = tuple(ActorFinder(book).find(doc))
    drafts = list(Extractor(lexicon.load(), book, doc, actors, (town,), None, kenya).drafts())
    clash = [d for d in drafts if d.trigger.lower_ == "clashes"]
    assert clash and all(d.place is town for d in clash)
    # what the event is set against is not where it was: "… despite talks in Kawangware"
    rows[4] = ("despite", "despite", "ADP", "prep", 1)
    doc = make(rows)
    drafts = list(Extractor(lexicon.load(), book, doc, actors, (town,), None, kenya).drafts())
    clash = [d for d in drafts if d.trigger.lower_ == "clashes"]
    assert clash and all(d.place is kenya for d in clash)


def _at(doc: Any, text: str, lat: float, lon: float, precision: int = 1, gid: str = "",
        *, name: str | None = None, country: str = "KEN", feature: str = "city") -> PlaceMention:  # fmt: skip
    """A place mention of the first ``text`` in ``doc``, resolved to a place at (lat, lon)."""
    start = doc.text.index(text)
    place = Place(name or text, country, None, lat, lon, precision, gid or text, feature)
    return PlaceMention(Span(start, start + len(text)), text, place)


def _kenya() -> PlaceMention:
    """The article's focus when no place is named: Kenya at its centre, precision 3."""
    return PlaceMention(
        Span(0, 0), "", Place("Kenya", "KEN", None, 1.0, 38.0, 3, "c:KEN", "country")
    )


def _placed(rows: list[tuple[str, ...]], book: ActorDictionary,
            towns: dict[str, tuple[int, str]]) -> list[Draft]:  # fmt: skip
    """Drafts of a hand-built Doc whose ``towns`` (text -> precision, id) are its places."""
    doc = make(rows)
    # each a degree from the last: no two parts of one town
    places = [_at(doc, name, float(n), 37.0, prec, gid)
              for n, (name, (prec, gid)) in enumerate(towns.items())]  # fmt: skip
    kenya = _kenya()
    actors = tuple(ActorFinder(book).find(doc))
    return list(Extractor(lexicon.load(), book, doc, actors, tuple(places), None, kenya).drafts())


def test_a_place_naming_an_office_gives_way_to_the_other(book: ActorDictionary) -> None:
    # "Crowds gathered as the Bura MP spoke to Eldoret traders.": the MP's constituency is his
    # office's, not where the crowds were
    rows = [("Crowds", "crowd", "NOUN", "nsubj", 1), ("gathered", "gather", "VERB", "ROOT", 1),
            ("as", "as", "SCONJ", "mark", 6), ("the", "the", "DET", "det", 5),
            ("Bura", "Bura", "PROPN", "compound", 5), ("MP", "MP", "PROPN", "nsubj", 6),
            ("spoke", "speak", "VERB", "advcl", 1), ("to", "to", "ADP", "prep", 6),
            ("Eldoret", "Eldoret", "PROPN", "compound", 9), ("traders", "trader", "NOUN", "pobj", 7),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    doc = make(rows)
    bura, eldoret = (
        _at(doc, "Bura", -1.1, 39.9, gid="t:b"),
        _at(doc, "Eldoret", 0.5, 35.3, gid="t:e"),
    )
    kenya = _kenya()
    ex = Extractor(lexicon.load(), book, doc, (), (bura, eldoret), None, kenya)
    assert ex._sentence_place(doc[1]) is eldoret


def test_a_later_sentence_naming_one_town_and_its_county_places_the_event(
    book: ActorDictionary,
) -> None:
    # "Residents protested. In Ol Kalou in Nyandarua County, hundreds marched."
    rows = [("Residents", "resident", "NOUN", "nsubj", 1), ("protested", "protest", "VERB", "ROOT", 1),
            (".", ".", "PUNCT", "punct", 1), ("In", "in", "ADP", "prep", 10),
            ("Ol", "Ol", "PROPN", "compound", 5), ("Kalou", "Kalou", "PROPN", "pobj", 3),
            ("in", "in", "ADP", "prep", 5), ("Nyandarua", "Nyandarua", "PROPN", "compound", 8),
            ("County", "County", "PROPN", "pobj", 6), ("hundreds", "hundred", "NOUN", "nsubj", 10),
            ("marched", "march", "VERB", "ROOT", 10), (".", ".", "PUNCT", "punct", 10)]  # fmt: skip
    doc_rows = rows
    drafts = _placed(doc_rows, book, {"Ol Kalou": (1, "t:olk"), "Nyandarua County": (3, "a:nya")})
    first = [d for d in drafts if d.trigger.lower_ == "protested"]
    assert first and all(d.place and d.place.text == "Ol Kalou" for d in first)


def test_a_noun_event_is_where_its_verb_puts_it(book: ActorDictionary) -> None:
    # "Youths disrupted the rally in Kabarnet, Baringo.": the rally was in Kabarnet; Baringo
    # (the county, also a town) only glosses it
    rows = [("Youths", "youth", "NOUN", "nsubj", 1), ("disrupted", "disrupt", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("rally", "rally", "NOUN", "dobj", 1),
            ("in", "in", "ADP", "prep", 1), ("Kabarnet", "Kabarnet", "PROPN", "pobj", 4),
            (",", ",", "PUNCT", "punct", 5), ("Baringo", "Baringo", "PROPN", "appos", 5),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    drafts = _placed(rows, book, {"Kabarnet": (1, "t:kab"), "Baringo": (1, "t:bar")})
    rally = [d for d in drafts if d.trigger.lower_ == "rally"]
    assert rally and all(d.place and d.place.text == "Kabarnet" for d in rally)


def test_a_country_in_the_clause_gives_way_to_the_town_the_sentence_names(
    book: ActorDictionary,
) -> None:
    # "Gunmen threw a grenade at a Kenya border police patrol, leaving some injured in Mandera
    # town." (as the small model parses it): not Kenya, but Mandera
    rows = [("Gunmen", "gunman", "NOUN", "nsubj", 1), ("threw", "throw", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3), ("grenade", "grenade", "NOUN", "dobj", 1),
            ("at", "at", "ADP", "prep", 1), ("a", "a", "DET", "det", 9),
            ("Kenya", "Kenya", "PROPN", "compound", 9), ("border", "border", "NOUN", "compound", 9),
            ("police", "police", "NOUN", "compound", 9), ("patrol", "patrol", "NOUN", "pobj", 4),
            (",", ",", "PUNCT", "punct", 1), ("leaving", "leave", "VERB", "advcl", 1),
            ("some", "some", "DET", "det", 13), ("injured", "injure", "VERB", "dobj", 11),
            ("in", "in", "ADP", "prep", 13), ("Mandera", "Mandera", "PROPN", "compound", 16),
            ("town", "town", "NOUN", "pobj", 14), (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    doc = make(rows)
    kenya_word = _at(doc, "Kenya", 1.0, 38.0, 3, "c:KEN", feature="country")
    mandera = _at(doc, "Mandera", 3.9, 41.8, gid="t:man")
    actors = tuple(ActorFinder(book).find(doc))
    drafts = list(Extractor(lexicon.load(), book, doc, actors, (kenya_word, mandera), None,
                            kenya_word).drafts())  # fmt: skip
    grenade = [d for d in drafts if d.trigger.lower_ == "grenade"]
    assert grenade and all(d.place is mandera for d in grenade)


def test_a_gloss_after_a_place_is_its_area_not_a_second_place(book: ActorDictionary) -> None:
    # "Crowds gathered as police fired in Kabarnet, Baringo."
    rows = [("Crowds", "crowd", "NOUN", "nsubj", 1), ("gathered", "gather", "VERB", "ROOT", 1),
            ("as", "as", "SCONJ", "mark", 4), ("police", "police", "NOUN", "nsubj", 4),
            ("fired", "fire", "VERB", "advcl", 1), ("in", "in", "ADP", "prep", 4),
            ("Kabarnet", "Kabarnet", "PROPN", "pobj", 5), (",", ",", "PUNCT", "punct", 6),
            ("Baringo", "Baringo", "PROPN", "appos", 6), (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    doc = make(rows)
    kab, bar = (
        _at(doc, "Kabarnet", 0.49, 35.74, gid="t:k"),
        _at(doc, "Baringo", 0.9, 36.0, gid="t:b"),
    )
    kenya = _kenya()
    ex = Extractor(lexicon.load(), book, doc, (), (kab, bar), None, kenya)
    assert ex._sentence_place(doc[1]) is kab


def test_a_nationality_or_an_origin_is_not_where_it_happened(book: ActorDictionary) -> None:
    kenya = _kenya()

    def placed(rows: list[tuple[str, ...]], names: dict[str, str], trigger: str) -> list[str]:
        doc = make(rows)
        places = [_at(doc, word, 0.0, 30.0, 3, f"c:{iso}", name=iso, country=iso, feature="country")
                  for word, iso in names.items()]  # fmt: skip
        actors = tuple(ActorFinder(book).find(doc))
        ex = Extractor(lexicon.load(), book, doc, actors, tuple(places), None, kenya)
        return [d.place.text if d.place else "" for d in ex.drafts() if d.trigger.lower_ == trigger]

    # "Bandits from Ethiopia attacked a village.": where they came from, not where they struck
    rows = [("Bandits", "bandit", "NOUN", "nsubj", 3), ("from", "from", "ADP", "prep", 0),
            ("Ethiopia", "Ethiopia", "PROPN", "pobj", 1), ("attacked", "attack", "VERB", "ROOT", 3),
            ("a", "a", "DET", "det", 5), ("village", "village", "NOUN", "dobj", 3),
            (".", ".", "PUNCT", "punct", 3)]  # fmt: skip
    assert placed(rows, {"Ethiopia": "ETH"}, "attacked") == [""]  # the article's focus
    # "Police arrested Ugandan suspects.": their nationality
    rows = [("Police", "police", "NOUN", "nsubj", 1), ("arrested", "arrest", "VERB", "ROOT", 1),
            ("Ugandan", "ugandan", "ADJ", "amod", 3), ("suspects", "suspect", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    assert placed(rows, {"Ugandan": "UGA"}, "arrested") == [""]
    # "Police attacked refugees travelling to Somalia.": where they were going
    rows = [("Police", "police", "NOUN", "nsubj", 1), ("attacked", "attack", "VERB", "ROOT", 1),
            ("refugees", "refugee", "NOUN", "dobj", 1), ("travelling", "travel", "VERB", "acl", 2),
            ("to", "to", "ADP", "prep", 3), ("Somalia", "Somalia", "PROPN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    assert placed(rows, {"Somalia": "SOM"}, "attacked") == [""]
    # but "attacked a village in Ethiopia" is there
    rows = [("Bandits", "bandit", "NOUN", "nsubj", 1), ("attacked", "attack", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3), ("village", "village", "NOUN", "dobj", 1),
            ("in", "in", "ADP", "prep", 1), ("Ethiopia", "Ethiopia", "PROPN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    assert placed(rows, {"Ethiopia": "ETH"}, "attacked") == ["Ethiopia"]


def test_a_headline_passive_with_its_agent_or_to_death_tells_of_its_subject(
    book: ActorDictionary,
) -> None:
    # "One man hacked to death in Kilia." (no auxiliary; "man" parsed as the subject)
    rows = [("One", "one", "NUM", "nummod", 1), ("man", "man", "NOUN", "nsubj", 2, "NN"),
            ("hacked", "hack", "VERB", "ROOT", 2, "VBD"), ("to", "to", "ADP", "prep", 2),
            ("death", "death", "NOUN", "pobj", 3), ("in", "in", "ADP", "prep", 2),
            ("Kilia", "Kilia", "PROPN", "pobj", 5), (".", ".", "PUNCT", "punct", 2)]  # fmt: skip
    found = [(d, a) for d, a in coded(rows, book) if d.trigger.lower_ == "hacked"]
    assert found
    for d, acled in found:
        assert d.actor1 is None and d.actor2 is not None and d.actor2.text == "man"
        assert acled == ("Violence against civilians", "Attack")
    # "Traders attacked by youths." (the agent makes it passive)
    rows = [("Traders", "trader", "NOUN", "nsubj", 1, "NNS"), ("attacked", "attack", "VERB", "ROOT", 1, "VBN"),
            ("by", "by", "ADP", "agent", 1), ("youths", "youth", "NOUN", "pobj", 2, "NNS")]  # fmt: skip
    [(d, _)] = coded(rows, book)
    assert d.actor1 is not None and d.actor1.text == "youths"
    assert d.actor2 is not None and d.actor2.text == "Traders"


def test_hacking_a_person_to_death_is_a_killing_not_a_cyber_attack(book: ActorDictionary) -> None:
    # "Gunmen hacked a man to death."
    rows = [("Gunmen", "gunman", "NOUN", "nsubj", 1, "NNS"), ("hacked", "hack", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3), ("man", "man", "NOUN", "dobj", 1),
            ("to", "to", "ADP", "prep", 1), ("death", "death", "NOUN", "pobj", 4)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert (d.category, d.mode) == ("ASSAULT", "primitive")
    assert acled == ("Violence against civilians", "Attack")


def test_police_violence_where_the_report_denies_a_protest_is_an_attack() -> None:
    from khaldun.events.acled import _protest_told

    assert _protest_told("Police shot a man during protests in Kisumu.")
    assert not _protest_told("Police shot a man. There were no protests taking place.")
    assert not _protest_told("He was killed without any demonstration nearby.")


def test_an_attack_the_attacked_fought_back_is_a_battle(book: ActorDictionary) -> None:
    # "Bandits attacked villagers, repulsed by police." / "… Marakwet herders retaliated."
    rows = [("Bandits", "bandit", "NOUN", "nsubj", 1, "NNS"), ("attacked", "attack", "VERB", "ROOT", 1),
            ("villagers", "villager", "NOUN", "dobj", 1, "NNS"), (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    [(d, acled)] = coded(rows, book)
    assert acled == ("Violence against civilians", "Attack")
    lex = lexicon.load()
    for after in ("They were repulsed by police.", "Herders retaliated, leading to heavy gunfire."):
        text = "Bandits attacked villagers. " + after
        assert acled_type(d, lex, protest=False, text=text) == ("Battles", "Armed clash"), after


def test_a_verb_of_no_harm_with_a_by_phrase_keeps_its_subject(book: ActorDictionary) -> None:
    # "The president shortened the curfew by one hour." parsed with "by one hour" as an agent
    from khaldun.events.extract import _headline_passive

    rows = [("President", "president", "PROPN", "nsubj", 1), ("shortened", "shorten", "VERB", "ROOT", 1, "VBD"),
            ("by", "by", "ADP", "agent", 1), ("one", "one", "NUM", "nummod", 4),
            ("hour", "hour", "NOUN", "pobj", 2)]  # fmt: skip
    assert not _headline_passive(make(rows)[1])
    rows[1] = ("attacked", "attack", "VERB", "ROOT", 1, "VBD")
    assert _headline_passive(make(rows)[1])


def test_a_generic_actor_takes_the_country_of_its_nationality() -> None:
    # "UN cut food to the Cambodian refugee camp in Thailand": the refugees are Cambodia's
    from khaldun.ingest.readers import make_article
    from khaldun.model import Actor, ActorMention, Place, PlaceMention, Span
    from khaldun.pipeline import Analysis
    from khaldun.stages import _nationality

    text = "UN cut food to the Cambodian refugee camp in Thailand."
    c, t = text.index("Cambodian"), text.index("Thailand")
    places = (PlaceMention(Span(c, c + 9), "Cambodian",
                           Place("Cambodia", "KHM", None, 12.0, 105.0, 3, "c:KHM", "country")),
              PlaceMention(Span(t, t + 8), "Thailand",
                           Place("Thailand", "THA", None, 15.0, 101.0, 3, "c:THA", "country")))  # fmt: skip
    r = text.index("refugee")
    refugees = ActorMention(Span(r, r + 7), "refugee", Actor("Refugees", sector="REF"), "generic")
    a = Analysis(article=make_article(text), places=places)
    assert _nationality(a, refugees) == "KHM"
    far = ActorMention(Span(0, 2), "UN", Actor("Refugees", sector="REF"), "generic")
    assert _nationality(a, far) is None
