"""ACLED event types from coded drafts: the ontology's map and ACLED's precedence rules."""

from __future__ import annotations

import pytest

from khaldun.events import lexicon
from khaldun.events.acled import acled_type
from khaldun.events.extract import Draft
from khaldun.model import Actor, ActorMention, Event, Span


def mention(sector: str | None, kind: str = "generic") -> ActorMention:
    return ActorMention(Span(0, 1), "x", Actor(name="x", sector=sector, kind=kind), "generic")


def draft(category: str, mode: str | None, a1: str | None, a2: str | None) -> Draft:
    return Draft(category=category, mode=mode, status="asserted", trigger=None, sentence=Span(0, 1),
                 confidence=0.8, actor1=mention(a1) if a1 else None, actor2=mention(a2) if a2 else None)  # fmt: skip


@pytest.mark.parametrize(
    ("d", "text", "expected"),
    [
        (
            draft("ASSAULT", None, "PTY", "PTY"),
            "Supporters of two candidates fought.",
            ("Riots", "Mob violence"),
        ),
        (  # what the protest is about is not what happened at it
            draft("PROTEST", "demo", "EDU", None),
            "Students staged a protest demanding punishment for those who looted the hall "
            "(coded separately).",
            ("Protests", "Peaceful protest"),
        ),
        (  # the grievance ends with its clause; the burning after it happened
            draft("PROTEST", "demo", "PTY", None),
            "Supporters protested against the results in Kisumu, burning tyres.",
            ("Riots", "Violent demonstration"),
        ),
        (
            draft("PROTEST", "demo", "PTY", None),
            "Members of the party staged a human chain. Police foiled the protest.",
            ("Protests", "Protest with intervention"),
        ),
        (  # unorganised sides: mob violence
            draft("ASSAULT", "clash", None, None),
            "Members of two factions of the ruling party clashed over a land dispute.",
            ("Riots", "Mob violence"),
        ),
        (  # the dead fell in fighting between armed sides: a battle, whoever they were
            draft("ASSAULT", "clash", None, "CVL"),
            "At least 13 people were killed in inter-clan clashes over a watering hole.",
            ("Battles", "Armed clash"),
        ),
        (  # violence inside a demonstration is a violent demonstration
            draft("ASSAULT", "destroy", "PTY", None),
            "Supporters set fire to a bus during the nationwide blockade.",
            ("Riots", "Violent demonstration"),
        ),
        (  # a crowd that is not demonstrating: mob violence, even if a protest is mentioned
            draft("ASSAULT", None, "CVL", "CVL"),
            "Locals beat a suspected thief, a day after a protest (coded as a separate event).",
            ("Riots", "Mob violence"),
        ),
        (
            draft("ASSAULT", "destroy", "PRO", None),
            "Protesters torched cars during a strike.",
            ("Riots", "Violent demonstration"),
        ),
        (
            draft("ASSAULT", "crowd-control", "COP", "PRO"),
            "Police dispersed the march with tear gas.",
            ("Protests", "Protest with intervention"),
        ),
        (
            draft("ASSAULT", "firearms", "COP", "PRO"),
            "Demonstrators clashed with police, who fired.",
            ("Riots", "Violent demonstration"),
        ),
        (
            draft("ASSAULT", None, "REB", "MIL"),
            "Militants attacked an army post.",
            ("Battles", "Armed clash"),
        ),
        (
            draft("ASSAULT", None, "REB", "CVL"),
            "Gunmen killed three villagers.",
            ("Violence against civilians", "Attack"),
        ),
        (
            draft("ASSAULT", "drone", "REB", "MIL"),
            "A drone hit the base.",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        (
            draft("PROTEST", "demo", "PRO", None),
            "Teachers marched peacefully.",
            ("Protests", "Peaceful protest"),
        ),
        (  # violence by no one named inside a demonstration is the demonstration's
            draft("ASSAULT", "firearms", None, None),
            "A man was shot dead during the protest against the election results.",
            ("Riots", "Violent demonstration"),
        ),
        (  # a shooting with no armed side shot at is one-sided
            draft("ASSAULT", "firearms", "REB", None),
            "A preacher was gunned down by two unidentified men.",
            ("Violence against civilians", "Attack"),
        ),
        (  # a shootout has two sides
            draft("ASSAULT", "firearms", "REB", None),
            "Two herdsmen were killed in a shootout in the village.",
            ("Battles", "Armed clash"),
        ),
        (  # and so has a shooting that armed people are on the end of
            draft("ASSAULT", "firearms", "REB", None),
            "Gunmen shot dead two police reservists.",
            ("Battles", "Armed clash"),
        ),
        (
            draft("PROTEST", "demo", "PRO", None),
            "Students pelted stones at buses.",
            ("Riots", "Violent demonstration"),
        ),
        (
            draft("PROTEST", "demo", "EDU", None),
            "Students were violently protesting new examination fees.",
            ("Riots", "Violent demonstration"),
        ),
        (  # police dispersing a crowd that had lit bonfires: the demonstration was violent
            draft("ASSAULT", "crowd-control", "COP", None),
            "Police fired tear gas to disperse them. The youths had lit bonfires.",
            ("Riots", "Violent demonstration"),
        ),
        (  # members of named communities fighting: communal militias, a battle
            draft("ASSAULT", "clash", None, None),
            "Members of the Borana and Gabra communities clashed over pasture.",
            ("Battles", "Armed clash"),
        ),
        (  # a killing in a shoot-out told in the report: two armed sides
            draft("ASSAULT", None, None, None),
            "Police engaged a gang in a shoot-out. One suspect was killed.",
            ("Battles", "Armed clash"),
        ),
        (  # riot police are no riot
            draft("ASSAULT", "crowd-control", "COP", None),
            "Anti-riot police dispersed voters with tear gas.",
            ("Protests", "Protest with intervention"),
        ),
        (  # the grievance ends at a dash that goes on to what happened
            draft("PROTEST", "demo", "PRO", None),
            "Worshippers marched protesting against the re-election - it led to rioting.",
            ("Riots", "Violent demonstration"),
        ),
    ],
)
def test_acled_precedence(d: Draft, text: str, expected: tuple[str, str]) -> None:
    import dataclasses

    from khaldun.events.acled import protest_context

    d = dataclasses.replace(d, sentence=Span(0, len(text)))  # the report is one sentence
    assert (
        acled_type(d, lexicon.load(), protest=protest_context(d, [d], text), text=text) == expected
    )


def _on(rows: list[tuple[str, ...]], trigger: int, d: Draft) -> tuple[str | None, str | None]:
    """``d`` coded on a parsed one-sentence report, its trigger the token at ``trigger``."""
    import dataclasses

    from tests.docs import make

    doc = make(rows)
    d = dataclasses.replace(d, trigger=doc[trigger], sentence=Span(0, len(doc.text)))
    return acled_type(d, lexicon.load(), protest=True, text=doc.text)


def test_a_crowd_doing_violence_after_after_is_what_happened_not_why() -> None:
    def report(
        who: str,
    ) -> list[tuple[str, ...]]:  # "Residents protested after WHO barricaded the road."
        return [("Residents", "resident", "NOUN", "nsubj", 1), ("protested", "protest", "VERB", "ROOT", 1),
                ("after", "after", "SCONJ", "mark", 4), (who, who.lower(), "PRON" if who == "they" else "NOUN", "nsubj", 4),
                ("barricaded", "barricade", "VERB", "advcl", 1), ("the", "the", "DET", "det", 6),
                ("road", "road", "NOUN", "dobj", 4), (".", ".", "PUNCT", "punct", 1)]  # fmt: skip

    d = draft("PROTEST", "demo", "CVL", None)
    assert _on(report("they"), 1, d) == ("Riots", "Violent demonstration")
    # what the police did before is why the residents gathered
    assert _on(report("police"), 1, d) == ("Protests", "Peaceful protest")


def test_an_event_that_is_itself_crowd_violence_is_violent_whatever_the_parse() -> None:
    # "Protesters against insecurity throw stones.", with "throw" misparsed into the grievance
    rows = [("Protesters", "protester", "NOUN", "ROOT", 0), ("against", "against", "ADP", "prep", 0),
            ("insecurity", "insecurity", "NOUN", "compound", 3), ("throw", "throw", "NOUN", "pobj", 1),
            ("stones", "stone", "NOUN", "dobj", 3), (".", ".", "PUNCT", "punct", 0)]  # fmt: skip
    d = draft("PROTEST", "primitive", "PRO", None)
    assert _on(rows, 3, d) == ("Riots", "Violent demonstration")


def _coded(text: str, word: str, sub: str, typ: str, conf: float) -> Event:
    """An event triggered by ``word`` of ``text``, with its ACLED type and confidence."""
    at = text.index(word)
    return Event(id=word, article_id="a", type="ASSAULT", mode=None, status="asserted",
                 evidence=(Span(at, at + 1),), trigger=Span(at, at + len(word)), confidence=conf,
                 acled_event_type=typ, acled_sub_event_type=sub)  # fmt: skip


def test_violence_outranks_the_raid_or_arrest_told_with_it() -> None:
    from tests.docs import make

    from khaldun.stages import _precedence

    # "Police raided a home. They shot a man. Later, police arrested traders."
    words = "Police raided a home . They shot a man . Later , police arrested traders ."
    starts = [0, 5, 10]  # each sentence's first word is its root
    doc = make([(w, w.lower(), "PUNCT" if w in ".," else "NOUN", "ROOT" if i in starts else "dep",
                 max(s for s in starts if s <= i)) for i, w in enumerate(words.split())])  # fmt: skip
    assert len(list(doc.sents)) == 3

    def event(word: str, sub: str, typ: str, conf: float) -> Event:
        return _coded(doc.text, word, sub, typ, conf)

    raid = event("raided", "Looting/property destruction", "Strategic developments", 0.7)
    shot = event("shot", "Attack", "Violence against civilians", 0.6)
    ranked = {e.id: e.confidence for e in _precedence([raid, shot], doc)}
    assert ranked["raided"] < ranked["shot"] == 0.6
    # with no violence told, an arrest keeps its confidence
    arrest = event("arrested", "Arrests", "Strategic developments", 0.8)
    assert _precedence([arrest], doc) == [arrest]


def test_a_protest_outranks_the_arrest_it_is_about() -> None:
    from tests.docs import make

    from khaldun.stages import _precedence

    doc = make([("Villagers", "villager", "NOUN", "nsubj", 1), ("protested", "protest", "VERB", "ROOT", 1),
                ("the", "the", "DET", "det", 3), ("arrest", "arrest", "NOUN", "dobj", 1),
                (".", ".", "PUNCT", "punct", 1)])  # fmt: skip

    def event(word: str, sub: str, typ: str, conf: float) -> Event:
        return _coded(doc.text, word, sub, typ, conf)

    arrest = event("arrest", "Arrests", "Strategic developments", 0.8)
    protest = event("protested", "Peaceful protest", "Protests", 0.7)
    ranked = {e.id: e.confidence for e in _precedence([arrest, protest], doc)}
    assert ranked["arrest"] < ranked["protested"]
    # a protest does not outrank the looting told with it (that is for violence to do)
    loot = event("arrest", "Looting/property destruction", "Strategic developments", 0.8)
    assert _precedence([loot, protest], doc) == [loot, protest]


def test_a_states_people_killed_are_civilians_not_its_forces() -> None:
    people = ActorMention(Span(0, 7), "Somalis", Actor(name="Somalia", sector="GOV", kind="state"),
                          "dictionary")  # fmt: skip
    d = Draft(category="ASSAULT", mode=None, status="asserted", trigger=None, sentence=Span(0, 40),
              confidence=0.8, actor1=mention("REB"), actor2=people)  # fmt: skip
    text = "Gunmen killed four Somalis near the border."
    assert acled_type(d, lexicon.load(), protest=False, text=text) == (
        "Violence against civilians",
        "Attack",
    )
    # the state itself is an armed side: "gunmen attacked Somalia"
    state = ActorMention(Span(0, 7), "Somalia", people.actor, "dictionary")
    d = Draft(category="ASSAULT", mode=None, status="asserted", trigger=None, sentence=Span(0, 40),
              confidence=0.8, actor1=mention("REB"), actor2=state)  # fmt: skip
    assert acled_type(d, lexicon.load(), protest=False, text=text)[0] == "Battles"


def test_a_polling_station_is_no_armed_target() -> None:
    for text, expected in (("Gunmen stormed polling stations.", "Violence against civilians"),
                           ("Gunmen stormed police stations.", "Battles")):  # fmt: skip
        d = Draft(category="ASSAULT", mode=None, status="asserted", trigger=None,
                  sentence=Span(0, len(text)), confidence=0.8, actor1=mention("REB"))  # fmt: skip
        assert acled_type(d, lexicon.load(), protest=False, text=text)[0] == expected, text


def test_lighting_bonfires_is_a_violent_demonstration() -> None:
    # "Supporters lit bonfires."
    rows = [("Supporters", "supporter", "NOUN", "nsubj", 1), ("lit", "light", "VERB", "ROOT", 1),
            ("bonfires", "bonfire", "NOUN", "dobj", 1), (".", ".", "PUNCT", "punct", 1)]  # fmt: skip
    from tests.docs import make

    from khaldun.actors.dictionary import ActorDictionary
    from khaldun.actors.resolve import ActorFinder
    from khaldun.events.extract import Extractor

    doc = make(rows)
    book = ActorDictionary.load()
    actors = tuple(ActorFinder(book).find(doc))
    [d] = list(Extractor(lexicon.load(), book, doc, actors, (), None, None).drafts())
    assert (d.category, d.mode) == ("PROTEST", "riot")
    assert acled_type(d, lexicon.load(), protest=False, text=doc.text) == (
        "Riots",
        "Violent demonstration",
    )
