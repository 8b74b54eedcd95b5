"""ACLED event types from coded drafts: the ontology's map and ACLED's precedence rules."""

from __future__ import annotations

import pytest

from khaldun.events import lexicon
from khaldun.events.acled import acled_type
from khaldun.events.extract import Draft
from khaldun.model import Actor, ActorMention, Span


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
