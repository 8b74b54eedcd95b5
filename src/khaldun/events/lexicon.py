"""The event ontology (PLOVER categories and modes, ACLED and CAMEO maps) and trigger lexicon."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from khaldun.errors import KnowledgeError
from khaldun.knowledge import data_path, read_yaml

CATEGORIES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]


@dataclass(frozen=True, slots=True)
class Trigger:
    category: str
    mode: str | None
    confidence: float
    not_if_object: frozenset[str] = frozenset()
    else_category: str | None = None
    else_mode: str | None = None
    # a subject that changes what the word means: "workers strike" is a protest
    if_subject: frozenset[str] = frozenset()
    subject_category: str | None = None
    subject_mode: str | None = None


@dataclass
class Lexicon:
    verbs: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    phrases: dict[tuple[str, ...], Trigger] = field(default_factory=dict)
    phrases_by_first: dict[str, list[tuple[tuple[str, ...], Trigger]]] = field(default_factory=dict)
    light_verbs: set[str] = field(default_factory=set)
    intensifiers: set[str] = field(default_factory=set)
    instruments: dict[str, str] = field(default_factory=dict)
    reporting: set[str] = field(default_factory=set)
    threat: set[str] = field(default_factory=set)
    denial: set[str] = field(default_factory=set)
    threat_modes: dict[str, str] = field(default_factory=dict)
    promise_modes: dict[str, str] = field(default_factory=dict)
    ontology: dict[str, Any] = field(default_factory=dict)

    def acled(self, category: str, mode: str | None) -> tuple[str | None, str | None]:
        cat = self.ontology.get(category) or {}
        mode_def = (cat.get("modes") or {}).get(mode) if mode else None
        if mode_def and "acled" in mode_def:  # an explicit null: this mode is no ACLED event
            m = mode_def["acled"]
            return (m.get("event_type"), m.get("sub_event_type")) if m else (None, None)
        d = cat.get("acled")
        return (d.get("event_type"), d.get("sub_event_type")) if d else (None, None)

    def cameo(self, category: str) -> str | None:
        roots = (self.ontology.get(category) or {}).get("cameo_roots") or []
        return str(roots[0]) if roots else None


def _first_word(phrase: str) -> str:
    return phrase.split()[0].lower()


@functools.cache
def load() -> Lexicon:
    onto_path = data_path("events", "ontology.yaml")
    trig_path = data_path("events", "triggers.yaml")
    onto = read_yaml(onto_path) or {}
    trig = read_yaml(trig_path) or {}
    lex = Lexicon(ontology=dict(onto.get("categories") or {}))
    missing = [c for c in CATEGORIES if c not in lex.ontology]
    if missing:
        raise KnowledgeError(f"events/ontology.yaml: categories: missing {', '.join(missing)}")
    for i, t in enumerate(trig.get("triggers") or []):
        where = f"events/triggers.yaml: triggers -> {i}"
        cat = t.get("category")
        if cat not in CATEGORIES:
            raise KnowledgeError(f"{where} -> category: unknown category {cat!r}")
        mode = t.get("mode")
        if mode is not None and mode not in (lex.ontology[cat].get("modes") or {}):
            raise KnowledgeError(f"{where} -> mode: {mode!r} is not a mode of {cat}")
        subj = t.get("if_subject") or {}
        trigger = Trigger(
            cat,
            mode,
            float(t.get("confidence", 0.7)),
            frozenset(w.lower() for w in t.get("not_if_object") or ()),
            t.get("else_category"),
            t.get("else_mode"),
            frozenset(w.lower() for w in subj.get("nouns") or ()),
            subj.get("category"),
            subj.get("mode"),
        )
        if t.get("phrase"):
            lex.phrases[tuple(str(t["phrase"]).lower().split())] = trigger
            continue
        lemma = str(t.get("lemma", "")).lower()
        if " " in lemma:
            lex.phrases[tuple(lemma.split())] = trigger
            continue
        for pos in t.get("pos") or ["VERB", "NOUN"]:
            (lex.verbs if pos == "VERB" else lex.nouns)[lemma].append(trigger)
    for words, phrase in sorted(lex.phrases.items(), key=lambda kv: -len(kv[0])):
        lex.phrases_by_first.setdefault(words[0], []).append((words, phrase))  # longest first
    lex.light_verbs = {_first_word(v) for v in trig.get("light_verbs") or ()}
    lex.intensifiers = {_first_word(v) for v in trig.get("intensifiers") or ()} | {"pile"}
    lex.instruments = {str(k).lower(): str(v) for k, v in (trig.get("instruments") or {}).items()}
    lex.reporting = {_first_word(v) for v in trig.get("reporting_verbs") or ()}
    lex.threat = {_first_word(v) for v in trig.get("threat_verbs") or ()}
    lex.denial = {_first_word(v) for v in trig.get("denial_verbs") or ()}
    for key, cat in (("threat_modes", "THREATEN"), ("promise_modes", "AGREE")):
        table = {str(k): str(v) for k, v in (trig.get(key) or {}).items()}
        modes = lex.ontology[cat].get("modes") or {}
        for k, v in table.items():
            if v not in modes:
                raise KnowledgeError(
                    f"events/triggers.yaml: {key} -> {k}: {v!r} is not a mode of {cat}"
                )
        setattr(lex, key, table)
    return lex
