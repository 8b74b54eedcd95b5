"""Magnitude: how many an event killed, read from the parse of the sentences that tell it.

A death count is a number attached to a killing: the victims of "killed" or "killing" ("killed
three soldiers", "3 policemen were killed"), the subject of "died" or the head of "dead" ("95
people died", "11 dead"), or a death toll ("the death toll rose to 40"). Counts follow ACLED's
conservative rules: a range counts its lower bound ("5-7 policemen"), "at least 13" is 13, and
vague words have fixed values ("several" 3, "a dozen"/"dozens" 12, "scores" 20, "hundreds" 100).
Wounded, missing or arrested people are not fatalities. Within one report, the largest count a
sentence of the event states is the report's figure (fusion keeps the lowest across reports).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

KILL_VERBS = frozenset({"kill", "slay", "murder", "behead", "massacre", "execute", "lynch",
                        "assassinate", "martyr", "slaughter", "hack", "stab"})  # fmt: skip
DIE_VERBS = frozenset({"die", "perish", "succumb"})
# "shot dead", "hacked to death", "40 deaths": killings told with a word for the dead
DEAD_WORDS = frozenset({"dead", "death", "fatality", "body", "corpse"})
TOLL_WORDS = frozenset({"toll", "tally"})
WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty"])}  # fmt: skip
WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
          "ninety": 90, "hundred": 100, "a": 1, "an": 1, "single": 1, "dozen": 12}  # fmt: skip
# ACLED's values for vague counts
VAGUE = {"several": 3, "few": 3, "some": 3, "number": 3, "many": 10, "dozens": 12,
         "scores": 20, "hundreds": 100, "thousands": 1000}  # fmt: skip
_RANGE = re.compile(r"^(\d[\d,]*)\s*[-–]\s*\d")


def number(tok: Any) -> int | None:
    """The value of a count token: "3", "3,000", "three", "5-7" (its lower bound), "dozens"."""
    text = tok.text.lower().replace(",", "")
    if m := _RANGE.match(text):
        return int(m.group(1).replace(",", ""))
    if text.isdigit():
        return int(text)
    if text in WORDS:
        return WORDS[text]
    return VAGUE.get(text) or VAGUE.get(tok.lemma_.lower())


def _count_of(noun: Any) -> int | None:
    """How many a noun phrase counts: its number modifier ("3 soldiers", "at least five
    people", "dozens of civilians"), or the noun itself when it is a count ("11 dead")."""
    if noun.pos_ == "NUM" or noun.lower_ in VAGUE:
        n = number(noun)
        if n is not None:
            return n
    for c in noun.children:
        if c.dep_ in ("nummod", "quantmod", "amod") and (n := number(c)) is not None:
            # "5-7 policemen": a range counts its lower bound
            low = [number(q) for q in c.children if q.dep_ in ("quantmod", "nummod")]
            return min([n, *(x for x in low if x is not None)])
    return None


def _victims(verb: Any) -> list[Any]:
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive:
        return passive
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if objs:
        return objs
    if verb.dep_ == "acl" or verb.dep_ == "amod":  # "11 killed by raiders", "3 soldiers killed"
        return [verb.head]
    return []


def fatalities_in(sentences: Iterable[Any]) -> int | None:
    """The largest death count the sentences state, or None when they state none."""
    found: list[int] = []
    for sent in sentences:
        for tok in sent:
            lemma = tok.lemma_.lower()
            heads: list[Any] = []
            if tok.pos_ == "VERB" and lemma in KILL_VERBS:
                heads = _victims(tok)
            elif tok.pos_ in ("VERB", "AUX") and lemma in DIE_VERBS:
                heads = [c for c in tok.children if c.dep_ == "nsubj"]
            elif lemma in DEAD_WORDS:
                if tok.dep_ in ("amod", "acomp", "oprd") or tok.lower_ == "dead":
                    heads = (
                        [tok.head]
                        if tok.dep_ == "amod"
                        else [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                    )
                    if tok.lower_ == "dead" and tok.dep_ not in ("amod", "acomp", "oprd"):
                        heads.append(tok)  # "11 dead"
                elif tok.dep_ in ("nsubj", "dobj", "pobj", "ROOT"):
                    heads = [tok]  # "40 deaths", "the bodies of 12 men"
            elif lemma in TOLL_WORDS:
                heads = [t for t in tok.head.subtree if t.pos_ == "NUM"][:1]
            for h in heads:
                n = _count_of(h)
                if n is None and lemma not in TOLL_WORDS and h.tag_ in ("NN", "NNP"):
                    n = 1  # "a soldier was killed", "the commander was shot dead"
                if n is None:
                    for conj in (c for c in h.children if c.dep_ == "conj"):
                        n = (n or 0) + (_count_of(conj) or 0) or None
                if n is not None and 0 < n < 100_000:
                    found.append(n)
    return max(found) if found else None
