"""Event extraction: triggers from the lexicon, arguments from the dependency parse.

A verb trigger is an event unless it only modifies a noun ("targets controlled by…"). A noun
trigger is an event only when a light verb carries it ("mounted attacks", "carried out a raid"),
an intensifier with a future makes it a threat ("will ramp up attacks"), or, for talks and
agreements, its participants are named ("talks between Baghdad and Washington"). Aggregates in
background clauses ("its recurrent attacks", "attacks, which started in October") are not events.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from khaldun.actors.dictionary import ActorDictionary
from khaldun.dates.resolve import resolve as resolve_date
from khaldun.dates.resolve import with_month
from khaldun.events.arguments import PRONOUNS, Arguments, _subject, _tokspan
from khaldun.events.lexicon import Lexicon, Trigger
from khaldun.knowledge import community_forms
from khaldun.model import (
    Actor,
    ActorMention,
    Attribution,
    DateRange,
    PlaceMention,
    Span,
    Status,
)
from khaldun.nlp import DATELINE
from khaldun.places.resolve import demonym
from khaldun.text import key

FUTURE_AUX = frozenset({"will", "'ll", "shall", "would", "wo"})
CONDITIONAL = frozenset({"if", "unless", "until", "whether", "should"})
PARTICIPANT_NOUNS = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# what a sentence with no verb for it can still tell: a headline's or a bare noun's event
VERBLESS_CATEGORIES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# fights whose sides are named after "between": "clashes between Pokot and Turkana herders"
FIGHT_NOUNS = frozenset({"clash", "fighting", "fight", "battle", "skirmish", "confrontation"})
EVENT_SUBJECT_VERBS = frozenset(
    [
        "occur",
        "happen",
        "kill",
        "hit",
        "target",
        "injure",
        "wound",
        "destroy",
        "damage",
        "strike",
        "leave",
        "claim",
        "erupt",
        "break",
    ]
)
BACKGROUND_MODS = frozenset(
    [
        "recurrent",
        "repeated",
        "ongoing",
        "continued",
        "continuous",
        "frequent",
        "regular",
        "daily",
        "weekly",
        "past",
        "previous",
        "recent",
        "earlier",
    ]
)
CROWD_CONTROL_MODS = frozenset({"sound", "stun", "tear", "smoke", "rubber", "teargas", "pellet"})
EVENT_PREPS = frozenset({"in", "during", "amid", "at"})
# "despite talks in Baghdad", "amid protests in Gaza": places of another matter
# words after a place that make it an office's: "Nandi Hills MP", "Meru Governor"
OFFICE_AFTER = frozenset({"mp", "mps", "member", "members", "legislator", "lawmaker", "governor",
                          "mayor", "mca", "mcas", "senator", "councillor", "councilor",
                          "parliamentarian"})  # fmt: skip
# words whose "to" names where people went, not where anything happened
MOTION_WORDS = frozenset({"travel", "flee", "head", "go", "deport", "return", "move", "cross",
                          "escape", "migrate", "extradite", "repatriate", "relocate", "render",
                          "rendition", "renditioning", "deportation", "extradition", "journey",
                          "trip", "refugee", "migrant", "suspect"})  # fmt: skip
GOVERNOR_LOCATIVES = frozenset({"in", "at", "near", "outside", "inside", "around"})
CONTRAST_PREPS = frozenset({"despite", "amid", "after", "before", "following", "unlike"})
TARGET_PREPS = frozenset({"on", "against", "targeting", "at"})
CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
RECIPIENT_PREPS = frozenset({"on", "against", "to", "toward", "towards", "with"})
CAUSE_PREPS = frozenset({"following", "after", "in", "during", "amid", "by"})
# verbs whose object is the weapon used: "fired a rocket", "planted a bomb", "used drones"
WEAPON_VERBS = frozenset({"fire", "launch", "lob", "hurl", "throw", "detonate", "explode",
                          "plant", "drop", "use", "shoot", "deploy", "set", "lay", "unleash",
                          "hit", "strike", "target"})  # fmt: skip
# the unarmed: whom seizing is abducting, and (in ACLED's types) whom an attack is on civilians
UNARMED = frozenset({"CVL", "PRO", "MED", "REF", "HLH", "EDU", "NGO", "LAB", "REL", "BUS"})
PEOPLE_NOUNS = frozenset({"worker", "tourist", "hostage", "man", "woman", "child", "girl", "boy",
                          "people", "person", "official", "engineer", "teacher", "chief",
                          "companion", "national", "foreigner", "journalist", "trader"})  # fmt: skip
# fighting between communities, no side named: "ethnic clashes", "clan fighting"
COMMUNAL_WORDS = frozenset({"ethnic", "clan", "inter-clan", "interclan", "tribal", "inter-tribal",
                            "intertribal", "inter-ethnic", "interethnic", "communal",
                            "inter-communal", "intercommunal"})  # fmt: skip
COMMUNAL_FIGHTS = frozenset({"violence", "conflict", "attack", "raid", "feud", "war", "group"})
# who demonstrate when they protest: protesters, students, workers, residents, traders
CROWDS = frozenset({"PRO", "EDU", "LAB", "CVL", "BUS", "PTY"})
# singular nouns for a band of people, who can be a headline's attackers ("Armed group attack
# villagers", "Gang raid homestead")
BAND_NOUNS = frozenset({"group", "gang", "mob", "sect", "militia", "crowd", "clan", "band"})
# forms the small model's lemmatizer gets wrong ("raped" -> "rap")
LEMMA_FIXES = {"raped": "rape", "raping": "rape", "lynches": "lynch"}
SHOOT_OUT = re.compile(
    r"\b(shoot[- ]?outs?|gun ?fights?|exchanges? of fire|exchanged fire)\b", re.I
)
# what is told of those who fell, not of who fought
CASUALTY_VERBS = frozenset({"kill", "injure", "wound", "die", "shoot", "hurt", "maim"})
# verbs of harm whose headline passive ("Traders attacked by youths", "man hacked to death")
# tells of its subject; not "X shortened by one hour the curfew"
HARM_VERBS = CASUALTY_VERBS | {"attack", "hack", "assault", "beat", "stab", "slash", "abduct",
                               "kidnap", "rape", "lynch", "burn", "stone", "torture", "spear"}  # fmt: skip
# verbs whose object weapon is the attack itself: "hurled a grenade at", "planted a bomb"
THROWING_VERBS = frozenset({"hurl", "throw", "lob", "plant", "detonate", "hurle"})
# PLOVER codes a stated intent by what is intended: a cooperative step is AGREE (a pledge), a
# hostile one THREATEN. A refused or ruled-out cooperative step is REJECT.
COOPERATIVE = frozenset({"AID", "SUPPORT", "COOPERATE", "CONCEDE", "RETREAT", "CONSULT", "AGREE"})
# Verbs whose complement is the content of the verb's own event, not a second event: "urged
# Iraq to withdraw" is one REQUEST, "refused to lift the curfew" one REJECT, "agreed to resign"
# one AGREE. Orders are the exception: what was ordered is usually reported as done.
EMBEDDING = frozenset({"REQUEST", "REJECT", "AGREE"})
NOT_EMBEDDING = frozenset({"order", "command", "direct", "instruct"})
OBLIGATION_AUX = frozenset({"must", "should"})
# A modal future with an "if"/"unless" condition is a conditional threat ("will withdraw its
# force unless a ceasefire is arranged", "may halt mediation if cooperation founders").
CONDITIONAL_AUX = FUTURE_AUX | {"may", "might", "could", "can"}
# Nouns that carry the event of their compound modifier: "a mediation mission", "a bombing
# campaign", "a rescue operation".
EVENT_HEADS = frozenset({"effort", "mission", "campaign", "operation", "initiative", "bid",
                         "process", "drive"})  # fmt: skip
# Nouns for documents whose participle states their content: "a declaration demanding…".
STATEMENT_NOUNS = frozenset({"statement", "declaration", "communique", "letter", "resolution",
                             "message", "petition", "appeal", "memorandum", "note"})  # fmt: skip
STATED = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# "lodged a protest with Albania" is a formal complaint (ACCUSE), not a demonstration
COMPLAINT_VERBS = frozenset({"lodge", "file", "deliver", "submit", "register", "send"})
# a ceasefire one side declares is a de-escalation (RETREAT), one agreed between sides AGREE
DECLARE_VERBS = frozenset({"declare", "announce", "observe", "proclaim"})


OBLIGATION = Trigger("REQUEST", None, 0.6)
# Steps a state takes or receives on a territory: "arrived in Amman" (a visit to Jordan),
# "lifted the curfew in Montenegro", "deployed peacekeepers in Iraq". With no other counterpart,
# the territory's state is the event's second actor, as CAMEO and PLOVER code them.
TERRITORIAL_MEASURES = frozenset({"curfew", "siege", "emergency", "martial", "lockdown",
                                  "blockade", "closure", "cordon"})  # fmt: skip
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around"})
# categories of a measure laid on, or lifted from, a territory ("lifted a state of emergency")
MEASURED = frozenset({"COERCE", "THREATEN", "CONCEDE", "RETREAT"})
AUTHORITIES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
# A step short of violence with no object (a protest, a demand, a charge, a refusal, a sanction,
# an agreement, aid…) is addressed to the named actor its clause goes on to name: "a hunger strike
# to demand the resignation of President Ben Bella", "in protest against Sweden's decision".
ADDRESSED = frozenset(
    {
        "PROTEST",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "SANCTION",
        "AGREE",
        "SUPPORT",
        "AID",
        "CONCEDE",
        "COOPERATE",
        "CONSULT",
        "RETREAT",
        "MOBILIZE",
        "COERCE",
    }
)
# So are the state a threat, a demand, a coercive step or an inquiry bears on ("threatened to
# impose a curfew in Algiers", "investigate war crimes in Bosnia"), and the state a protest on its
# territory is addressed to ("ethnic Albanians demonstrated in Serbia"), even by its own people.
HOSTED = frozenset({"CONSULT", "AID", "CONCEDE", "RETREAT", "MOBILIZE", "REJECT", "SANCTION",
                    "AGREE", "SUPPORT", "COOPERATE", "THREATEN", "COERCE", "REQUEST", "ACCUSE",
                    "PROTEST"})  # fmt: skip


@dataclass
class Draft:
    """An event as found in one clause, before merging within the article."""

    category: str
    mode: str | None
    status: Status
    trigger: Any  # spaCy token
    sentence: Span
    confidence: float
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    place: PlaceMention | None = None
    date: DateRange | None = None
    attributed_to: Attribution | None = None
    evidence: list[Span] = field(default_factory=list)
    mode_inferred: bool = False  # the weapon was named elsewhere in the sentence
    # arguments taken from earlier in the paragraph, not the event's own sentence: kept, but
    # they do not make the event look better specified than its sentence makes it
    inherited: frozenset[str] = frozenset()


class Extractor(Arguments):
    def __init__(
        self,
        lexicon: Lexicon,
        book: ActorDictionary,
        doc: Any,
        actors: tuple[ActorMention, ...],
        places: tuple[PlaceMention, ...],
        published: date | None,
        focus: PlaceMention | None,
    ) -> None:
        self.lex = lexicon
        self.book = book
        self.doc = doc
        # per-document indexes, built once: ``doc.text`` joins every token on each access, and
        # the trigger scan looks up each token's lemma several times
        self.text: str = doc.text
        self.lemmas: list[str] = [LEMMA_FIXES.get(t.lower_) or t.lemma_.lower() for t in doc]
        # ``doc.ents`` builds its spans anew each time; a date cut after its month gets it back
        self.ents: tuple[Any, ...] = tuple(
            with_month(e) if e.label_ in ("DATE", "TIME") else e for e in doc.ents
        )
        self.published = published
        self.focus = focus
        self.actor_at: dict[int, ActorMention] = {}
        self._owning: set[int] = set()
        for m in actors:
            for t in doc.char_span(m.span.start, m.span.end, alignment_mode="expand") or ():
                self.actor_at[t.i] = m
        self.places = places
        self.place_tokens: list[tuple[set[int], PlaceMention]] = []
        self._place_spans: dict[int, Any] = {}  # id(mention) -> its tokens, as a Span
        for p in places:
            span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
            if span is not None:
                self.place_tokens.append(({t.i for t in span}, p))
                self._place_spans[id(p)] = span
        # the places an event can be at: not a nationality ("Ugandan suspects") nor where
        # people came from or went to ("bandits from Ethiopia", "deported to Somalia")
        self.where_tokens = [(toks, p) for toks, p in self.place_tokens if self._where(toks, p)]

    # -- triggers ------------------------------------------------------------------------------
    def drafts(self) -> Iterator[Draft]:
        for sent in self.doc.sents:
            found = [d for tok in sent for trigger, anchor in self._triggers(tok)
                     for d in self._draft(tok, trigger, anchor)]  # fmt: skip
            if not found or (
                sent.root.pos_ not in ("VERB", "AUX")
                and (all(map(_participle, found))
                     or not any(d.category in VERBLESS_CATEGORIES for d in found))
            ) or all(_beyond_semicolon(sent[0], d.trigger) for d in found):  # fmt: skip
                # (or every event found lies past a ";": "Orma attack Pokomo; 11 killed")
                # no verb states an event, or only a participle hanging off a verbless
                # sentence does ("Students embark on a protest…, accusing the headmaster")
                found += (self._headline_verb(sent) or self._shot_dead(sent)
                          or self._bare_noun_event(sent))  # fmt: skip
            found += self._conjoined_verb(sent, found)
            yield from found

    def _conjoined_verb(self, sent: Any, found: list[Draft]) -> list[Draft]:
        """A second headline verb after "and" that the parse took for a modifier of its object
        ("Bandits raid villages and attack civilians", "Militias burn homes and attack
        civilians"): done by the first verb's doer, to its object."""
        out: list[Draft] = []
        for tok in sent:
            lemma = self.lemmas[tok.i]
            if (tok.dep_ != "compound" or tok.i == sent.start or self.doc[tok.i - 1].lower_ != "and"
                    or tok.lower_ not in (lemma, lemma + "s") or lemma not in self.lex.verbs):  # fmt: skip
                continue
            trig = self.lex.verbs[lemma][0]
            first = next((d for d in found if d.trigger.i < tok.i and d.actor1 is not None
                          and d.trigger.pos_ == "VERB"), None)  # fmt: skip
            if trig.category != "ASSAULT" or first is None:
                continue
            target = self._resolve(tok.head) or self._unresolved(tok.head, names_only=True)
            out.append(dataclasses.replace(first, category=trig.category, mode=trig.mode,
                                           trigger=tok, actor2=target, confidence=trig.confidence * 0.8,
                                           evidence=list(first.evidence)))  # fmt: skip
        return out

    def _shot_dead(self, sent: Any) -> list[Draft]:
        """ "Shot dead" that the parse took for a noun ("A motorcyclist was on Saturday shot
        dead on the Hola road", "Five shot dead by armed bandits"): a shooting, its victim the
        noun before it and its shooter the agent after it."""
        for tok in sent:
            if (tok.lower_ != "shot" or tok.pos_ == "VERB" or tok.i + 1 >= sent.end
                    or self.doc[tok.i + 1].lower_ != "dead"):  # fmt: skip
                continue
            victim = next((t for t in reversed(self.doc[sent.start : tok.i])
                           if t.dep_ in ("nsubj", "nsubjpass") or t.pos_ == "NUM"), None)  # fmt: skip
            by = next((t for t in self.doc[tok.i + 2 : sent.end] if t.lower_ == "by"), None)
            agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
            actor1 = (self._resolve(agent) or self._unresolved(agent)) if agent else None
            actor2 = self._resolve(victim) if victim is not None else None
            place = self._town_within(self._sentence_place(tok), sent)
            date_ = self._date(tok, tok, None)
            return [self._sentence_draft(tok, "ASSAULT", "firearms", 0.9 * 0.8, actor1, actor2,
                                         place, date_)]  # fmt: skip
        return []

    def _headline_verb(self, sent: Any) -> list[Draft]:
        """The verbs of a headline that the parse took for nouns between their subject and
        object ("Raiders attack village", "Orma youth attack journalists", "Mob lynch suspect"):
        a sentence with no main verb, and a bare present form after a noun, before the noun it
        modifies or that it heads."""
        root = sent.root
        found: list[Draft] = []
        for tok in sent:
            if root.pos_ in ("VERB", "AUX") and not _beyond_semicolon(tok, root):
                continue  # a main verb (not one the parse took from after a ";") tells the event
            lemma = self.lemmas[tok.i]
            if (tok.pos_ not in ("NOUN", "VERB") or tok.i == sent.start
                    or tok.lower_ not in (lemma, lemma + "s", lemma + "es")
                    or lemma not in self.lex.verbs):  # fmt: skip
                continue
            if tok.dep_ == "compound" and tok.head.i > tok.i:
                obj = tok.head
            elif tok.dep_ == "ROOT" and tok.pos_ == "NOUN" and tok.i + 1 < sent.end:
                # "A vigilante mob lynch a murder suspect": the verb heads the phrase
                obj = next((c for c in tok.rights if c.dep_ in ("appos", "dobj", "npadvmod")
                            and c.pos_ in ("NOUN", "PROPN")), None)  # fmt: skip
                if obj is None:
                    continue
            else:
                continue
            subj = self.doc[tok.i - 1]
            trig = self.lex.verbs[lemma][0]
            if trig.category not in VERBLESS_CATEGORIES:
                continue
            if subj.pos_ not in ("NOUN", "PROPN") or (
                subj.tag_ == "NN" and subj.lower_ != "youth" and not self._acting(subj, trig)
            ):
                continue  # "an attack plan", "the protest camp"
            actor1 = self._resolve(subj)
            if actor1 is None or actor1.how == "unresolved":  # "Degodia attack…": no mere name
                actor1 = self._community_militia(subj) or actor1 or self._unresolved(subj)
            actor2 = self._resolve(obj) or self._unresolved(obj, names_only=True)
            if actor2 is not None and actor1 is not None and actor2.span == actor1.span:
                actor2 = None  # "Raiders attack village": the compound's first noun is no target
            place = self._town_within(self._sentence_place(tok), sent)
            date_ = self._date(tok, tok, None)
            mode = trig.mode
            if mode in (None, "firearms") and trig.category == "ASSAULT":
                # "Al Shabaab fire mortar rounds at a base": the weapon is the object
                weapons = [obj, *(c for c in obj.children if c.dep_ == "compound")]
                mode = (next(filter(None, map(self._instrument_of, weapons)), None)
                        or self._sentence_instrument(tok) or mode)  # fmt: skip
            found.append(self._sentence_draft(tok, trig.category, mode, trig.confidence * 0.8,
                                              actor1, actor2, place, date_,
                                              mode_inferred=mode != trig.mode))  # fmt: skip
        return found

    def _sentence_draft(self, tok: Any, category: str, mode: str | None, confidence: float,
                        actor1: ActorMention | None, actor2: ActorMention | None,
                        place: PlaceMention | None, date_: DateRange | None,
                        mode_inferred: bool = False) -> Draft:  # fmt: skip
        """An asserted event a whole verbless or misparsed sentence tells, its evidence."""
        sent = tok.sent
        return Draft(category=category, mode=mode, status="asserted", trigger=tok,
                     sentence=Span(sent.start_char, sent.end_char), confidence=confidence,
                     actor1=actor1, actor2=actor2, place=place, date=date_,
                     mode_inferred=mode_inferred, evidence=[Span(sent.start_char, sent.end_char)],
                     inherited=_inherited(sent, place, date_))  # fmt: skip

    def _people_taken(self, tok: Any, pred: Any, obj: Any) -> bool:
        """Are those seized people ("seized three aid workers", "a tourist was seized")?"""
        taken = obj
        if taken is None and tok.tag_ == "VBN":
            taken = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
        if taken is None:
            return False
        named = self.actor_at.get(taken.i)
        return (named is not None and named.how == "generic" and named.actor.sector in UNARMED) or (
            taken.lemma_.lower() in PEOPLE_NOUNS
        )

    def _communal_party(self, sent: Any) -> ActorMention | None:
        """The side of communal fighting the sentence tells: "clashes between members of the
        Borana and Gabra communities", "violence between Kalenjin and Maasais" (the first
        community's militia), "ethnic clashes", "clan fighting" (a community's militia no name
        tells)."""
        forms = community_forms()
        placed = {i for toks, _ in self.place_tokens for i in toks}
        for t in sent:
            if t.lower_ != "between":
                continue
            for w in self.doc[t.i + 1 : min(t.i + 8, sent.end)]:
                if w.text in forms and w.i not in placed:  # (not "between West Pokot and…")
                    return self._community_militia(w)
        for t in sent:
            if (
                t.lower_ in COMMUNAL_WORDS
                and t.head.lemma_.lower() in FIGHT_NOUNS | COMMUNAL_FIGHTS
            ):
                actor = Actor(name="Communal militia", country=None, sector="MLA", kind="generic")
                return ActorMention(
                    _tokspan(self.doc[t.i : t.i + 1]), t.text, actor, "generic", 0.6
                )
        return None

    def _crowd_subject(self, pred: Any) -> bool:
        """Is the predicate's subject a body of people who take to the streets ("students",
        "residents", "traders"), not an office or a state?"""
        subj = self._chain_subject(pred)
        named = self.actor_at.get(subj.i) if subj is not None else None
        return named is not None and named.how == "generic" and named.actor.sector in CROWDS

    def _community_militia(self, tok: Any) -> ActorMention | None:
        """A community heading a headline as its actor ("Pokot attack Luhya farmers"): its
        militia, as ACLED codes a community's fighting men."""
        forms = community_forms()
        if tok.text not in forms:
            return None
        actor = Actor(name="Communal militia", country=forms[tok.text][1], sector="MLA",
                      kind="generic")  # fmt: skip
        return ActorMention(_tokspan(self.doc[tok.i : tok.i + 1]), tok.text, actor, "generic", 0.7)

    def _acting(self, subj: Any, trig: Trigger) -> bool:
        """A singular noun that can do what a headline's verb says: a known actor ("Police
        battle Mungiki sect", "Mob lynch suspect"), or anyone at all for a protest ("Hospital
        staff protest pay cuts")."""
        named = self.actor_at.get(subj.i)
        return (
            trig.category == "PROTEST"
            or (named is not None and named.how in ("dictionary", "fuzzy", "generic"))
            or subj.text in community_forms()  # "Pokot attack Luhya farmers"
            or (subj.lower_ in BAND_NOUNS and trig.category in CONFLICT)  # "Armed group attack…"
        )

    def _bare_noun_event(self, sent: Any) -> list[Draft]:
        """A sentence that states no event by a verb but names one by a noun ("The death toll
        in an attack by militiamen rose to 11", "Thousands displaced following raids"): the
        most reliable violent or protest noun is the event, with less confidence."""
        best: tuple[float, Any, Trigger] | None = None
        if any(t.dep_ == "aux" and t.lower_ in FUTURE_AUX for t in sent):
            return []  # "attacks will continue until…" is no event today
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.dep_ in ("nsubj", "nsubjpass"):
                continue
            for trig, _ in self._triggers(tok):
                if trig.category in VERBLESS_CATEGORIES and (
                    best is None or trig.confidence > best[0]
                ):
                    best = (trig.confidence, tok, trig)
        if best is None:
            return []
        _, tok, trig = best
        return [dataclasses.replace(d, confidence=d.confidence * 0.8)
                for d in self._draft(tok, trig, tok, bare=True)]  # fmt: skip

    def _triggers(self, tok: Any) -> list[tuple[Trigger, Any]]:
        named = self.actor_at.get(tok.i)
        if named is not None and named.how in ("dictionary", "fuzzy") and " " in named.text:
            return []  # a word of a name: "Asia-Pacific Economic Cooperation" is no cooperation
        lemma = self.lemmas[tok.i]
        lemmas = self.lemmas
        # multiword triggers ("open fire", "air strike", "hunger strike"), matched on lemmas; a
        # phrase counts at its head ("strike" of "air strike") or at its first word when that is
        # a verb ("open fire"), and the longest phrase wins
        for back in range(3, -1, -1):
            start = tok.i - back
            if start < 0:
                continue
            first = lemmas[start]
            for words, trig in self.lex.phrases_by_first.get(first, ()):
                if len(words) <= back or start + len(words) > len(lemmas):
                    continue
                if tuple(lemmas[start : start + len(words)]) != words:
                    continue
                head = self.doc[start : start + len(words)].root
                if head.i == tok.i or (back == 0 and tok.pos_ == "VERB"):
                    return [(trig, tok)]
                if back == 0:
                    return []  # "air" of "air strike": the phrase is matched at its head
        if tok.pos_ == "VERB" and lemma in self.lex.verbs:
            return [(t, tok) for t in self.lex.verbs[lemma][:1]]
        if tok.pos_ == "NOUN" and lemma in self.lex.nouns:
            return [(t, tok) for t in self.lex.nouns[lemma][:1]]
        if tok.pos_ == "PROPN" and tok.i == tok.sent.start and tok.i not in self.actor_at:
            # a headline's first word the model took for a name: "Riot breaks out among…",
            # "Clashes erupt in…"
            low = tok.lower_
            forms = [low, *([low[:-1], low[:-2]] if low.endswith("s") else [])]
            noun = next((f for f in forms if f in self.lex.nouns), None)
            if noun is not None:
                return [(t, tok) for t in self.lex.nouns[noun][:1]]
        if tok.pos_ == "NOUN" and lemma in EVENT_HEADS:
            for c in tok.children:
                if c.dep_ == "compound" and c.pos_ == "NOUN":
                    found = self.lex.nouns.get(c.lemma_.lower(), ())[:1]
                    if found:
                        return [(found[0], tok)]
        if tok.pos_ in ("VERB", "AUX") and self._obliged(tok):
            # "X said China must drop its barriers": a demand, whatever is demanded
            return [(OBLIGATION, tok)]
        return []

    def _draft(self, tok: Any, trig: Trigger, anchor: Any, bare: bool = False) -> Iterator[Draft]:
        if tok.dep_ in ("amod", "compound") or (
            tok.dep_ == "acl"
            and not _casualty_clause(tok, trig)
            and not _misparsed_predicate(tok, trig.category)
            and not (trig.category in STATED and tok.head.lemma_.lower() in STATEMENT_NOUNS)
        ):
            return
        if tok.lemma_.lower() in self.lex.reporting and trig.category != "ACCUSE":
            return  # "said" reports; "accused" both reports and is an accusation
        intensified = False
        if tok.pos_ == "NOUN":
            pred, intensified = self._noun_predicate(tok, trig)
            if pred is None and bare and not self._background(tok):
                pred = tok
            if pred is None:
                return
        else:
            pred = tok
        category, trig_mode = trig.category, trig.mode
        obj = self._object(tok, pred)
        if (obj is not None and obj.lemma_.lower() in trig.not_if_object
                and not (category == "PROTEST" and self._crowd_subject(pred))):  # fmt: skip
            # (students who protest a decision demonstrate; a minister who does complains)
            if not trig.else_category:
                return
            category, trig_mode = trig.else_category, trig.else_mode
        if (category, trig_mode) == ("COERCE", "seize") and self._people_taken(tok, pred, obj):
            category, trig_mode = "ASSAULT", "abduct"  # "aid workers were seized by gunmen"
        if trig.if_subject and trig.subject_category:
            subj = self._chain_subject(pred)
            if subj is not None and subj.lemma_.lower() in trig.if_subject:
                category, trig_mode = trig.subject_category, trig.subject_mode
        if self._conditional(pred) or self._embedded(pred):
            return
        if tok.pos_ == "NOUN" and pred is not tok:
            verb = pred.lemma_.lower()
            if category == "PROTEST" and verb in COMPLAINT_VERBS:
                category, trig_mode = "ACCUSE", "disapprove"
            elif trig_mode == "ceasefire" and (
                verb in DECLARE_VERBS or any(c.lower_ == "unilateral" for c in tok.children)
            ):
                category = "RETREAT"
        future, negated = self._modality(pred)
        if not negated and self._conditional_threat(pred):
            category, trig_mode, future = "THREATEN", None, True
        governor, speaker_tok = self._governor(pred)
        status: Status = "asserted"
        if governor is not None:
            g = governor.lemma_.lower()
            if g in self.lex.denial:
                status = "denied"
            elif g in self.lex.threat:
                future = True
            elif g in self.lex.reporting:
                status = "claimed"
        threat_gov = governor is not None and governor.lemma_.lower() in self.lex.threat
        obliged = self._obliged(pred) and (category != "REQUEST" or trig is OBLIGATION)
        intent: str | None = None  # what a stated intent is coded as
        if obliged:
            # "X said Sudan must return the helicopter": X demands it of Sudan
            category, trig_mode, status = "REQUEST", None, "asserted"
        elif negated and future and category in COOPERATIVE:
            category, trig_mode, status = "REJECT", None, "asserted"  # "will not accept refugees"
        elif negated:
            status = "negated"
        elif future or category == "THREATEN":
            if category in COOPERATIVE:
                intent = "AGREE"
            elif category in CONFLICT or category in ("PROTEST", "REJECT") or threat_gov:
                intent = "THREATEN"
            elif not intensified and category != "THREATEN":
                return  # forecasts of requests and accusations are not events
            status = "threatened"
        if intensified and not future:
            return  # "stepped up attacks" is an aggregate, not one event
        if category == "PROTEST":
            mode = trig_mode  # a riot's petrol bombs make it no bombing
        elif tok.pos_ == "NOUN" and pred is not tok and (own := self._instrument_of(tok)):
            mode = own  # "gunmen threw a grenade": the weapon thrown, not the thrower's
        else:
            mode = self._instrument(tok, pred) or trig_mode
        inferred = False
        if mode is None and category == "ASSAULT":
            # "killed during a shootout", "wounded in an airstrike": the causing event's mode
            mode = (self._cause_mode(pred) or self._sentence_instrument(tok)
                    or self._sentence_clash(tok))  # fmt: skip
            inferred = mode is not None
        if intent is not None and category != intent:
            # a threat's mode stays open (what is threatened is in its evidence); a pledge's
            # mode says what kind of step was promised
            table = self.lex.promise_modes
            mode = (
                table.get(f"{category}/{mode}") or table.get(category)
                if intent == "AGREE"
                else None
            )
            category = intent
        sent = tok.sent
        speaker = (
            self._resolve(speaker_tok) or self._unresolved(speaker_tok)
            if speaker_tok is not None
            else None
        )
        attribution = None
        if speaker_tok is not None and governor is not None and status != "asserted":
            name = speaker.actor.name if speaker else speaker_tok.text
            attribution = Attribution(name, _phrase(speaker_tok).text, _tokspan(_phrase(speaker_tok)),
                                      speaker.actor.id if speaker else None)  # fmt: skip
        actor1, actor2_default = self._agents(tok, pred, category)
        if actor1 is None and category == "ASSAULT" and mode in (None, "clash"):
            actor1 = self._communal_party(tok.sent)
        if obliged:
            actor1, actor2_default = speaker, actor1
        if actor1 is None and status in ("claimed", "threatened", "denied") and speaker:
            # "X said it had attacked…" (no subject, or a pronoun): the reporter acted; not
            # "a roadside bomb killed two soldiers, the military said"
            subj = self._chain_subject(pred)
            if subj is None or subj.lower_ in PRONOUNS or subj.dep_ != "nsubj":
                actor1 = speaker
        date_ = self._date(tok, pred, governor, threat=category == "THREATEN")
        targets = self._targets(tok, pred) if category in ("ASSAULT", "THREATEN") else []
        for target, scope in self._groups(tok, pred, targets):
            actor2 = actor2_default
            # the clause's own place; else one on its subject ("Lawyers in Eldoret protested")
            own = self._place(scope, fallback=False) or self._place(
                self._governor_locatives(tok), fallback=False
            )
            if (own is not None and own.place is not None and own.place.feature == "country"
                    and not self._locative_country(own)):  # fmt: skip
                # a country in the clause (often an actor's: "a Kenya border police patrol")
                # gives way to the one town of it the sentence names ("… in Mandera town")
                town = self._sentence_place(tok)
                if (town is not None and town.place is not None and town.place.feature != "country"
                        and town.place.country == own.place.country):  # fmt: skip
                    own = town
            place = (own or self._place(self._subject_scope(pred), fallback=False)
                     or self._sentence_place(tok))  # fmt: skip
            place = self._town_within(place, tok.sent)
            # a nationality is no place, but names the state of what was hit: "strike Israeli
            # towns", "sanctions on three Russian banks"
            named_here = self._place(scope, fallback=False, roles=False)
            if target is not None:
                actor2 = self._target_actor(target, scope) or actor2
                named = named_here or place
                if actor2 is None and named and named.place and named.place.country:
                    actor2 = self._state_of_place(target, named)
            if actor2 is None and category == "REQUEST":
                actor2 = self._demanded_of(tok, pred, actor1)
            if category in ADDRESSED and (actor2 is None or self._own_means(actor2, actor1)):
                # the clause with its purpose ("… to protest against Sweden's decision")
                clause = (scope | {t.i for t in pred.subtree}) - self._subject_scope(pred)
                actor2 = self._addressee(clause, actor1, skip=actor2) or actor2
            if actor2 is None and category == "THREATEN":
                actor2 = self._conditioned(tok, actor1)
            purpose = pred.dep_ in ("xcomp", "advcl")
            host = own or named_here
            if actor2 is None and category in HOSTED and host is None and purpose:
                # "sent personnel to Bosnia to investigate…": the purpose's place is the act's
                host = self._place(self._scope(pred.head, pred.head), fallback=False)
            if actor2 is None and category in HOSTED and host is not None:
                actor2 = self._host(host, actor1, domestic=category == "PROTEST")
                if actor2 is None and category in MEASURED and self._measure(tok):
                    actor2 = self._place_actor(host, "CVL", "Civilians")  # its people
            yield Draft(
                category=category,
                mode=mode,
                status=status,
                trigger=tok,
                sentence=Span(sent.start_char, sent.end_char),
                confidence=trig.confidence,
                actor1=actor1,
                actor2=actor2,
                place=place,
                date=date_,
                attributed_to=attribution,
                evidence=[Span(sent.start_char, sent.end_char)],
                mode_inferred=inferred,
                inherited=_inherited(sent, place, date_),
            )

    # -- licensing of noun triggers ------------------------------------------------------------
    def _noun_predicate(self, tok: Any, trig: Trigger) -> tuple[Any, bool]:
        head = tok.head
        hl = head.lemma_.lower()
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "advmod")}
        if mods & BACKGROUND_MODS:
            return None, False
        if any(c.dep_ == "relcl" for c in tok.children) and tok.dep_ == "nsubj":
            return None, False  # "the attacks, which started in October, have expanded"
        if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
            if hl in self.lex.light_verbs:
                return head, False
            if hl in self.lex.intensifiers:
                return head, True
            if (tok.dep_ == "dobj" and hl in THROWING_VERBS
                    and self.lemmas[tok.i] in self.lex.instruments):  # fmt: skip
                return head, False  # "assailants hurled a petrol bomb at…": they attacked
        if tok.dep_ == "pobj" and head.head.lemma_.lower() in ("responsibility",):
            return head.head.head, False
        if (tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "dobj"
                and head.head.head.lemma_.lower() in self.lex.light_verbs):  # fmt: skip
            return head.head.head, False  # "gave the Ivory Coast 5.1 million dollars of aid"
        if tok.dep_ == "nsubj" and hl in EVENT_SUBJECT_VERBS:
            return head, False
        if trig.category in PARTICIPANT_NOUNS and self._participants(tok):
            return tok, False
        # "Protests in Nairobi over…", "killed in clashes with police", "during riots"
        heads_clause = tok.dep_ in ("ROOT", "nsubj") or (
            tok.dep_ == "pobj" and head.lower_ in EVENT_PREPS
        )
        if (trig.category == "PROTEST" or trig.mode == "clash") and heads_clause:
            return tok, False
        return None, False

    def _participants(self, tok: Any) -> list[Any]:
        out = []
        for c in tok.children:
            if c.dep_ == "poss" and self._resolve(c) is not None:
                out.append(c)
            if c.dep_ == "prep" and c.lower_ in ("between", "with"):
                out.extend(p for p in c.children if p.dep_ == "pobj")
        return out

    # -- status --------------------------------------------------------------------------------
    def _chain(self, pred: Any) -> Iterator[Any]:
        """The predicate and the verbs it is a complement of, up to the reported clause."""
        p = pred
        yield p
        govs = self.lex.reporting | self.lex.threat | self.lex.denial
        while p.dep_ in ("xcomp", "conj") and p.head is not p and p.head.lemma_.lower() not in govs:
            p = p.head
            yield p

    def _chain_subject(self, pred: Any) -> Any:
        """The first subject up the predicate's chain: "Hamas vowed to attack" → Hamas."""
        return next((s for p in self._chain(pred) if (s := _subject(p)) is not None), None)

    def _modality(self, pred: Any) -> tuple[bool, bool]:
        future = negated = False
        for p in self._chain(pred):
            for c in p.children:
                if c.dep_ == "aux" and c.lower_ in FUTURE_AUX:
                    future = True
                if c.dep_ == "neg":
                    negated = True
            if p.lemma_.lower() in self.lex.threat and p is not pred:
                future = True
        return future, negated

    def _embedded(self, pred: Any) -> bool:
        """Is this clause the content of a request, refusal or agreement verb or noun?"""
        if pred.dep_ not in ("xcomp", "ccomp", "acl", "dobj"):
            return False
        head = pred.head
        if head is pred or head.lemma_.lower() in NOT_EMBEDDING:
            return False
        return any(t.category in EMBEDDING for t, _ in self._triggers(head))

    def _obliged(self, pred: Any) -> bool:
        """A "must"/"should" clause reported from someone else: a demand on its subject."""
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in pred.children):
            return False
        head = pred.head if pred.dep_ in ("ccomp", "parataxis") else None
        return head is not None and head.lemma_.lower() in self.lex.reporting

    def _conditional_threat(self, pred: Any) -> bool:
        """A modal clause on a condition: "will withdraw unless…", "may halt talks if…"."""
        modal = any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_AUX for c in pred.children)
        return modal and any(
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in pred.children
        )

    def _conditional(self, pred: Any) -> bool:
        for p in [pred, *pred.ancestors]:
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in p.children):
                return True
            if p.dep_ in ("ccomp", "ROOT"):
                break
        return False

    def _governor(self, pred: Any) -> tuple[Any, Any]:
        """The verb that reports, threatens or denies this clause, and its subject."""
        top = list(self._chain(pred))[-1]
        g = top.head if top.dep_ in ("ccomp", "xcomp", "parataxis") else None
        if (top.dep_ == "advcl" and top.head.lemma_.lower() in self.lex.threat
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children)):  # fmt: skip
            g = top.head  # "have sworn to fight", parsed as an adverbial clause
        if g is None:
            for c in pred.children:  # "according to X"
                if c.dep_ == "prep" and c.lower_ == "according":
                    for p in c.subtree:
                        if p.dep_ == "pobj":
                            return c, p
            if top.dep_ == "ROOT":
                for c in top.children:  # quote: "…," said X
                    if c.dep_ == "ccomp" and c.lemma_.lower() in self.lex.reporting:
                        return c, _subject(c)
            return None, None
        if g.lemma_.lower() not in (self.lex.reporting | self.lex.threat | self.lex.denial):
            return None, None
        speaker = _subject(g)
        if speaker is not None and speaker.dep_ == "nsubjpass":
            return g, None  # "three women were reported killed": who is told of, not who tells
        return g, speaker

    # -- arguments -----------------------------------------------------------------------------
    def _agents(
        self, tok: Any, pred: Any, category: str
    ) -> tuple[ActorMention | None, ActorMention | None]:
        a1 = a2 = None
        subj = self._chain_subject(pred)
        patient = None
        raised = False
        if (subj is None and pred.dep_ == "advcl" and pred.head.lemma_ == "be"
                and (by := next((c for c in pred.children if c.dep_ == "prep" and c.lower_ == "by"), None))):  # fmt: skip
            # "Two men were in the evening hours shot dead … by suspected raiders": a passive
            # the parse split at its adverbial, the victims the copula's subject
            victims = _subject(pred.head)
            a2 = self._resolve(victims) if victims is not None else None
            agent = next((p for p in by.children if p.dep_ == "pobj"), None)
            return (
                self._resolve(agent) or self._unresolved(agent)
            ) if agent is not None else None, a2
        if subj is None and _misparsed_predicate(pred, category):
            # "residents of Kisii, protested in front of…"; "a gang comprising four men shot
            # dead a priest": the report's first noun
            subj = pred.head if pred.head.dep_ == "ROOT" else pred.sent.root
        if subj is None:
            # "police opened fire, killing one and arresting 12", "mobilized groups to help
            # support…": a participle's or a purpose clause's subject is its governor's
            *_, p = self._chain(pred)
            if p.dep_ == "advcl" and (
                p.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in p.children)
            ):
                subj = self._chain_subject(p.head)
            elif p.dep_ == "acl" and p.head.dep_ in ("dobj", "nsubjpass") and p.head.head is not p:
                subj = _subject(p.head.head)  # "the PKK issued a declaration demanding…"
            told = _subject(p.head) if p.dep_ in ("xcomp", "oprd") else None
            if told is not None and told.dep_ == "nsubjpass":
                if p.tag_ == "VBN" and (not any(c.dep_ == "aux" for c in p.children)
                                        or any(c.dep_ == "auxpass" for c in p.children)):  # fmt: skip
                    # "three women were reported killed", "thirty people are reported to have
                    # been killed": the one told of is the target
                    patient = told
                else:  # "Hamas was reported to have attacked…": the one told of did it
                    subj, raised = told, True
            elif (p.dep_ == "acl" and p.tag_ == "VBN" and category in ("ASSAULT", "COERCE")
                  and not any(c.dep_ == "dobj" for c in p.children)):  # fmt: skip
                patient = p.head  # "7 people killed in the attack", "12 students arrested"
            if patient is not None and patient.i != tok.i:
                a2 = self._resolve(patient)
        passive = (
            subj is not None
            and not raised
            and subj.dep_ == "nsubjpass"
            and pred.pos_ == "VERB"
            and (pred.lemma_.lower() not in self.lex.light_verbs)
        ) or (subj is not None and subj.dep_ == "nsubj" and _headline_passive(pred))
        if subj is not None and subj.i != tok.i:
            if passive:  # "3 soldiers were killed by militants": the subject is the target
                a2 = self._resolve(subj)
            else:
                a1 = self._resolve(subj) or self._unresolved(subj)
        for p in _agents_of(pred):
            a1 = self._resolve(p) or self._unresolved(p) or a1
        if a1 is None and passive:
            # "two people were killed and others injured by suspected al-Shabaab": the agent
            # of a passive conjoined with it
            conj = [v for v in pred.children if v.dep_ == "conj"]
            if pred.dep_ == "conj":
                conj.append(pred.head)  # "a man was seized by a mob and killed"
            for v in conj + [a for n in conj for a in n.children if a.dep_ == "acl"]:
                if v.tag_ == "VBN":
                    for p in _agents_of(v):
                        a1 = a1 or self._resolve(p)
        if tok.pos_ == "NOUN":
            for c in tok.children:
                if c.dep_ == "poss":
                    a1 = self._resolve(c) or a1
                elif c.dep_ in ("amod", "compound", "nmod"):
                    a1 = a1 or self._state_modifier(c, category)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for p in c.children:
                        a1 = self._resolve(p) or a1
            parts = self._participants(tok)
            fight = category == "ASSAULT" and self.lemmas[tok.i] in FIGHT_NOUNS
            if (category in PARTICIPANT_NOUNS or fight) and parts:
                between = [p for p in parts if p.head.lower_ == "between"]
                if between and a1 is not None and not passive:
                    # "Qatar's emir launched a mediation effort between the Emirates and Saudi
                    # Arabia": the subject mediates; the parties are its counterparts
                    a2 = self._resolve(between[0]) or self._unresolved(between[0], names_only=True)
                elif between:
                    first = between[0]
                    a1 = self._resolve(first) or a1
                    conj = [c for c in first.children if c.dep_ == "conj"]
                    if conj:
                        a2 = self._resolve(conj[0])
                else:
                    with_ = [p for p in parts if p.head.lower_ == "with"]
                    if with_:
                        a2 = self._resolve(with_[0])
        if a2 is None and category in PARTICIPANT_NOUNS and subj is not None:
            # "Egypt and Qatar held talks", "the ministers of Egypt and Qatar met"
            heads = [subj] + [p for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                              for p in c.children if p.dep_ == "pobj"]  # fmt: skip
            for h in heads:
                conj = [c for c in h.children if c.dep_ == "conj"]
                if conj:
                    first = self._resolve(h)
                    a1 = first if first is not None and first.actor.id else a1
                    a2 = self._resolve(conj[0])
                    break
        if category in PARTICIPANT_NOUNS and tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    for p in c.children:
                        a2 = self._resolve(p) or a2
        if a2 is None:
            obj = self._object(tok, pred)
            if obj is not None and category not in ("ASSAULT", "THREATEN"):
                # "rejected calls by Belarus's rulers", "denounced Serbia's suppression of…"
                a2 = (self._resolve(obj) or self._noun_agent(obj)
                      or self._owner_state(obj, category) or self._unresolved(obj, names_only=True))  # fmt: skip
        if a2 is None:
            a2 = self._recipient(tok, pred, category, a1)
        if a2 is None and category != "ASSAULT" and tok.pos_ == "VERB":
            a2 = self._complement_party(pred, category, a1)
        if a1 is None:
            a1 = self._cause_agent(pred) if tok.pos_ == "VERB" else self._noun_agent(tok)
        if (
            a1 is None
            and subj is None
            and tok.pos_ == "VERB"
            and category in CONFLICT | {"PROTEST"}
        ):
            a1 = self._preceding_actor(tok, a2, patient)
        return a1, a2

    def _recipient(self, tok: Any, pred: Any, category: str,
                   actor1: ActorMention | None) -> ActorMention | None:  # fmt: skip
        """Who an event is done to when it has no object: "sanctions on three Russian banks",
        "gave Sri Lanka aid", "aid to Somalia", "clashed with al-Shabaab fighters"."""
        preps = {"with"} if category == "ASSAULT" else RECIPIENT_PREPS
        obj = self._object(tok, pred) if category != "ASSAULT" else None
        # "threatened further action against Russia", "boycott contact with the United States"
        for node in dict.fromkeys(n for n in (tok, pred, obj) if n is not None):
            for c in node.children:
                cands = [c] if c.dep_ == "dative" and category != "ASSAULT" else []
                if c.dep_ == "prep" and c.lower_ in preps:
                    cands = [p for p in c.children if p.dep_ == "pobj"]
                for p in cands:
                    found = self._resolve(p) or (
                        self._unresolved(p, names_only=True) if category != "ASSAULT" else None
                    )
                    if found is not None and (actor1 is None or found.span != actor1.span):
                        return found
        return None

    def _owner_state(self, noun: Any, category: str) -> ActorMention | None:
        """ "proposed Israeli changes": the state a noun's nationality adjective names."""
        for c in noun.children:
            if c.dep_ in ("amod", "compound") and (m := self._state_modifier(c, category)):
                return m
        return None

    def _complement_party(self, pred: Any, category: str,
                          actor1: ActorMention | None) -> ActorMention | None:  # fmt: skip
        """Who a request, pledge or refusal is about, from its complement clause: "demanded
        that the government end curbs" (its subject), "promised to continue aid to Mozambique"
        (its recipient or object)."""
        for c in pred.children:
            if c.dep_ not in ("ccomp", "xcomp"):
                continue
            subj = _subject(c)
            if subj is not None and c.dep_ == "ccomp":
                found = self._resolve(subj) or self._unresolved(subj)
                if found is not None and (actor1 is None or found.span != actor1.span):
                    return found
            inner = [c, *(x for x in c.children if x.dep_ == "xcomp")]
            for v in inner:
                found = self._recipient(v, v, category, actor1)
                obj = self._object(v, v)
                if found is None and obj is not None:
                    found = self._resolve(obj) or self._noun_agent(obj)
                if found is not None and (actor1 is None or found.span != actor1.span):
                    return found
        return None

    def _cause_agent(self, pred: Any) -> ActorMention | None:
        """ "killed following an attack by Taliban militants", "wounded in a Taliban ambush":
        the agent of the event that caused this one."""
        verbs = [pred, *(c for c in pred.children if c.dep_ == "conj")]
        if pred.dep_ == "conj":
            verbs.append(pred.head)  # "3 were killed and 2 wounded following an attack by…"
        for v in verbs:
            for c in v.children:
                if c.dep_ in ("prep", "agent", "xcomp", "advcl") and c.lower_ in CAUSE_PREPS:
                    for n in c.children:
                        if (
                            n.dep_ == "pobj"
                            and self._is_weapon_or_event(n)
                            and (found := self._noun_agent(n)) is not None
                        ):
                            return found
                # "a bomb planted by Taliban militants killed…"
                if (
                    c.dep_ in ("nsubj", "csubj")
                    and self._is_weapon_or_event(c)
                    and (found := self._noun_agent(c)) is not None
                ):
                    return found
        return None

    def _is_weapon_or_event(self, n: Any) -> bool:
        low = n.lemma_.lower()
        return bool(self.lex.nouns.get(low)) or low in self.lex.instruments

    def _noun_agent(self, n: Any) -> ActorMention | None:
        """Who an event or weapon noun belongs to: "an attack by X", "X's ambush", "a bomb
        planted by X", "a Taliban-planted IED"."""
        for m in n.children:
            if m.dep_ == "prep" and m.lower_ == "by":
                for a in m.children:
                    if a.dep_ == "pobj" and (found := self._resolve(a)) is not None:
                        return found
            elif m.dep_ in ("poss", "compound", "nmod") and (found := self._resolve(m)) is not None:
                return found
            elif m.dep_ in ("acl", "amod") or (
                m.dep_ == "relcl" and any(c.dep_ == "agent" for c in m.children)
            ):  # "an attack … that was carried out by Degodia clan militia"
                for a in m.subtree:
                    if a is not m and a.i in self.actor_at:
                        return self._resolve(a)
        return None

    def _own_means(self, actor2: ActorMention, actor1: ActorMention | None) -> bool:
        """Is the object the actor's own forces or officials ("withdraw its troops from
        Lebanon", "Britain mobilized army reservists"), not a counterpart ("a truce with Moslem
        forces", "ordered former president Carlos Menem to appear")?"""
        if (actor1 is None or actor2.how != "generic" or actor2.actor.sector not in
                ("MIL", "COP", "GOV") or actor2.actor.country not in (None, actor1.actor.country)):  # fmt: skip
            return False
        span = self.doc.char_span(actor2.span.start, actor2.span.end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root
        if any(
            c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her") for c in head.children
        ):
            return True
        nxt = self.doc[span.end] if span.end < len(self.doc) else None
        named = nxt is not None and nxt.pos_ == "PROPN"
        modified = any(c.dep_ in ("amod", "poss", "nmod") or (c.dep_ == "compound" and c.pos_ == "PROPN")
                       for c in head.children)  # fmt: skip
        return not (named or modified)

    def _country_named(self, tok: Any) -> ActorMention | None:
        """The state a country's name stands for, where the name was read as a place."""
        for toks, p in self.place_tokens:
            if tok.i in toks and p.place is not None and p.place.feature == "country":
                return self._place_actor(p, "GOV", "Government")
        return None

    def _demanded_of(self, tok: Any, pred: Any, actor1: ActorMention | None) -> ActorMention | None:
        """Whom a demand is made of: the subject of what is demanded ("its demand that Israel
        ease restrictions", "a reminder to Iraq that it must cooperate")."""
        for head in (tok, pred):
            for c in head.children:
                if c.dep_ in ("ccomp", "acl") and any(m.lower_ == "that" for m in c.children):
                    subj = _subject(c)
                    m = self._resolve(subj) if subj is not None and subj.dep_ == "nsubj" else None
                    if m is not None and (actor1 is None or m.actor.name != actor1.actor.name):
                        return m
        return None

    def _conditioned(self, tok: Any, actor1: ActorMention | None) -> ActorMention | None:
        """Whom a conditional threat is made to: the subject of its condition ("threatened to
        strike unless Israel rescinded the annexation")."""
        for t in tok.sent:
            if t.dep_ == "mark" and t.lower_ in ("if", "unless") and t.head.i != tok.i:
                subj = _subject(t.head)
                m = self._resolve(subj) if subj is not None else None
                if m is not None and (actor1 is None or m.actor.id != actor1.actor.id
                                      or m.actor.id is None):  # fmt: skip
                    return m
        return None

    def _measure(self, tok: Any) -> bool:
        """A measure laid on a territory: a curfew, martial law, a state of siege."""
        words = {tok.lemma_.lower()} | {c.lemma_.lower() for c in tok.subtree}
        return bool(words & TERRITORIAL_MEASURES)

    def _addressee(
        self, scope: set[int], actor1: ActorMention | None, skip: ActorMention | None = None
    ) -> ActorMention | None:
        """The first named actor in the clause (its subject left out) that is not the actor."""
        titled = kinded = None
        for i in sorted(scope):
            t = self.doc[i]
            m = self.actor_at.get(i)
            if m is None and t.pos_ == "PROPN" and t.dep_ in ("pobj", "dobj", "dative"):
                m = self._resolve(t)  # "calls by Kofi Annan, UN secretary-general"
            if m is None and t.dep_ == "pobj" and t.head.lower_ in ("to", "with", "against", "on",
                                                                    "from"):  # fmt: skip
                m = self._country_named(t)  # "a stern reminder to Iraq"
            if m is None or m.how == "pronoun" or t.lower_ in PRONOUNS or m is skip:
                continue
            if t.dep_ == "pobj" and (
                t.head.lower_ in LOCATIVE
                or (m.how == "capital" and t.head.lower_ not in ("to", "with", "by", "against"))
            ):
                continue  # "rebels in the Ivory Coast", "withdrew from Amman": places
            if actor1 is not None and (m.span == actor1.span or (
                    m.actor.id is not None and m.actor.id == actor1.actor.id)):  # fmt: skip
                continue
            if m.how != "generic":
                return m
            if kinded is None and m.actor.country and t.dep_ in ("pobj", "dobj"):
                kinded = m  # "crimes committed by Croat forces"
            # a title before a name: "President Juvenal Habyarimana", not "Police" in a headline
            named = len(m.text.split()) > 1 or (i + 1 < len(self.doc)
                                                and self.doc[i + 1].pos_ == "PROPN")  # fmt: skip
            if (titled is None and named and m.text[:1].isupper()
                    and m.actor.sector in AUTHORITIES):  # fmt: skip
                titled = m  # "the removal of President Juvenal Habyarimana"
        return titled or kinded

    def _preceding_actor(self, tok: Any, target: ActorMention | None,
                         patient: Any = None) -> ActorMention | None:  # fmt: skip
        """When the parse found no subject at all ("a Taliban sniper shot and killed…" read as
        nouns), the nearest named actor before the trigger in its sentence."""
        best = None
        for t in tok.sent:
            if t.i >= tok.i:
                break
            m = self.actor_at.get(t.i)
            if m is None or (target is not None and m.span == target.span) or t.dep_ == "pobj":
                continue
            if patient is not None and t.i == patient.i:
                continue
            if t.dep_ == "nsubjpass" and any(
                tr.category == "ASSAULT" for tr, _ in self._triggers(t.head)
            ):  # "three were shot dead and two others injured": a victim, not the attacker
                continue
            if any(c.dep_ == "acl" and c.tag_ == "VBN" for c in t.children):
                continue  # "7 people killed in the attack": a target
            best = m
        return best

    def _object(self, tok: Any, pred: Any) -> Any:
        for c in (tok if tok.pos_ == "VERB" else pred).children:
            if c.dep_ in ("dobj", "obj"):
                return c
        return None

    def _targets(self, tok: Any, pred: Any) -> list[Any]:
        """Heads of what was attacked: the object, or "on/against X" phrases, split on
        coordination ("on targets in Syria as well as on naval facilities in Haifa")."""
        out: list[Any] = []
        seen: set[int] = set()

        def visit(node: Any) -> None:
            for c in node.children:
                if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i not in seen and self._can_be_target(p):
                            seen.add(p.i)
                            out.append(p)
                            visit(p)
                elif c.dep_ in ("acl", "relcl", "conj", "cc", "advmod", "prep") and c.i not in seen:
                    if c.dep_ == "prep" and c.lower_ not in ("in", "at"):
                        continue
                    seen.add(c.i)
                    visit(c)

        obj = self._object(tok, pred) if tok.pos_ == "VERB" else None
        if obj is not None and self._can_be_target(obj):
            out.append(obj)
            seen.add(obj.i)
        visit(tok)
        if pred is not tok:
            visit(pred)
        return out

    def _groups(self, tok: Any, pred: Any, targets: list[Any]) -> list[tuple[Any, set[int]]]:
        """One event per target that has its own place or actor ("attacks on targets in Syria
        as well as on naval facilities in Haifa" is two); else one event."""
        scope = self._scope(tok, pred)
        if len(targets) < 2:
            return [(targets[0] if targets else None, scope)]
        trees = {t.i: {x.i for x in t.subtree} for t in targets}
        base = scope - set().union(*trees.values())
        groups = []
        seen: set[tuple[object, object]] = set()
        for t in targets:
            own = trees[t.i] - set().union(
                *(v for k, v in trees.items() if k != t.i and v < trees[t.i])
            )
            place = self._place(own, fallback=False)
            actor = self._target_actor(t, own)
            if place is None and actor is None:
                continue
            sig = (place.text if place else None, actor.actor.name if actor else None)
            if sig not in seen:
                seen.add(sig)
                groups.append((t, own | base))
        return groups or [(targets[0], scope)]

    def _can_be_target(self, tok: Any) -> bool:
        """Not a time ("on Tuesday") nor a weapon ("fired rockets")."""
        if tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in self.lex.instruments:
            return False
        return self._instrument_of(tok) is None

    def _instrument_of(self, tok: Any) -> str | None:
        """The mode a noun names as a weapon: "drones", "tear gas", "rocket"."""
        lemma = tok.lemma_.lower()
        mods = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")]
        if set(mods) & CROWD_CONTROL_MODS and lemma in self.lex.instruments:
            return "crowd-control"  # "sound grenades", "tear gas shells", "rubber bullets"
        for m in mods:
            for k in (f"{m}{lemma}", f"{m} {lemma}"):
                if k in self.lex.instruments:
                    return self.lex.instruments[k]
        return self.lex.instruments.get(lemma)

    def _instrument(self, tok: Any, pred: Any) -> str | None:
        # an attack's object is its target ("attacked a tank"), a firing's its weapon ("fired
        # a rocket")
        objects = ("dobj",) if tok.lemma_.lower() in WEAPON_VERBS or tok.pos_ != "VERB" else ()
        cands: list[Any] = [
            c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", *objects)
        ]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "using", "by"):
                cands.extend(c.children)
        if pred.dep_ == "xcomp" and pred.head.lemma_.lower() in (
            "use",
            "employ",
            "deploy",
            "launch",
            "fire",
        ):
            cands.extend(c for c in pred.head.children if c.dep_ == "dobj")
        if pred is not tok:
            cands.extend(
                c
                for c in pred.children
                if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c is not tok
            )
        for c in cands:
            mode = self._instrument_of(c)
            if mode:
                return mode
        return None

    def _cause_mode(self, pred: Any) -> str | None:
        if pred.pos_ != "VERB":
            return None
        for c in pred.children:
            if c.dep_ in ("prep", "agent", "xcomp", "advcl") and c.lower_ in CAUSE_PREPS:
                for n in c.children:
                    trig = (self.lex.nouns.get(n.lemma_.lower()) or [None])[0]
                    if (
                        n.dep_ == "pobj"
                        and trig is not None
                        and trig.category == "ASSAULT"
                        and trig.mode
                    ):
                        return trig.mode
        return None

    def _sentence_clash(self, tok: Any) -> str | None:
        """A fight told in the casualties' sentence ("five were killed following clashes in
        Dukana", "a cleric killed in a shoot-out with police", "as renewed inter-clan fighting
        erupted"): they fell in it."""
        if self.lemmas[tok.i] not in CASUALTY_VERBS or any(c.dep_ == "nsubj" for c in tok.children):
            return None  # ("raiders killed civilians…, four days of clashes": the raiders did)
        if SHOOT_OUT.search(tok.sent.text):
            return "clash"
        for t in tok.sent:
            if t.i == tok.i or t.pos_ != "NOUN":
                continue
            if t.lower_ in ("confrontation", "confrontations") or (
                t.lemma_.lower() in ("violence", "conflict")
                and any(c.lower_ == "between" for c in t.children)
            ):  # "killed in violence between Kalenjin and Maasais"
                return "clash"
            trig = (self.lex.nouns.get(self.lemmas[t.i]) or [None])[0]
            if trig is not None and trig.category == "ASSAULT" and trig.mode == "clash":
                return "clash"
        return None

    def _background(self, tok: Any) -> bool:
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "advmod")}
        return bool(mods & BACKGROUND_MODS) or any(c.dep_ == "relcl" for c in tok.children)

    def _sentence_instrument(self, tok: Any) -> str | None:
        """A remote weapon named elsewhere in the sentence ("hurled a grenade … targeted")."""
        for t in tok.sent:
            if t.pos_ == "NOUN" and t.i != tok.i:
                mode = self._instrument_of(t)
                if mode in ("explosives", "grenade", "drone", "aerial", "suicide-attack"):
                    return mode
        return None

    def _scope(self, tok: Any, pred: Any) -> set[int]:
        """Tokens whose places belong to the event: the clause minus its subject."""
        root = pred if pred is not tok else tok
        skip: set[int] = set()
        for c in root.children:
            if (
                c.dep_ in ("nsubj", "nsubjpass", "ccomp", "advcl", "parataxis") and c is not tok
            ) or (c.dep_ == "prep" and c.lower_ in CONTRAST_PREPS):
                skip.update(t.i for t in c.subtree)
        scope = {t.i for t in root.subtree} - skip
        scope |= {t.i for t in tok.subtree}
        return scope

    def _where(self, toks: set[int], p: PlaceMention) -> bool:
        """Can the mention be where something happened, by its role in the sentence?"""
        doc = self.doc
        root = next((doc[i] for i in sorted(toks) if doc[i].head.i not in toks or doc[i].head.i == i),
                    doc[min(toks)])  # fmt: skip
        last = doc[max(toks)]
        if (p.place is not None and p.place.feature == "country"
                and key(last.text) not in key(p.place.name).split()
                and (last.pos_ == "ADJ" or last.ent_type_ == "NORP"
                     or (root.dep_ in ("amod", "compound") and demonym(p)))):  # fmt: skip
            return False  # "Ugandan terror suspects", "Somali gunmen" (not "eastern Jordan")
        head = root.head
        if (root.dep_ == "pobj" and head.lower_ == "from" and head.head.pos_ in ("NOUN", "PROPN")
                and p.place is not None and p.place.feature == "country"):  # fmt: skip
            # "bandits from Ethiopia attacked a village" (but "youths from Othaya protested"
            # were at home)
            return False
        # nor "the rendition of refugees to Ethiopia", "travelling to Somalia"
        return not (root.dep_ == "pobj" and head.lower_ == "to"
                    and head.head.lemma_.lower() in MOTION_WORDS)  # fmt: skip

    def _locative_country(self, p: PlaceMention) -> bool:
        """Is the country named where the event was ("strikes on the Houthis in Yemen"), not
        as a word of an actor's name ("a Kenya police patrol")?"""
        span = self._place_spans.get(id(p))
        if span is None:
            return True
        root = span.root
        # ("riots broke out across Kenya (Nyeri town specifically)": the town)
        return root.dep_ == "pobj" and root.head.lower_ in GOVERNOR_LOCATIVES

    def _governor_locatives(self, tok: Any) -> set[int]:
        """The locatives of the verb a noun trigger is the object of: "disrupted the rally in
        Kabarnet" was in Kabarnet."""
        head = tok.head
        if (
            tok.pos_ not in ("NOUN", "PROPN")
            or tok.dep_ not in ("dobj", "nsubjpass")
            or (head.pos_ != "VERB")
        ):
            return set()
        return {t.i for c in head.children if c.dep_ == "prep" and c.lower_ in GOVERNOR_LOCATIVES
                for t in c.subtree}  # fmt: skip

    def _subject_scope(self, pred: Any) -> set[int]:
        for p in self._chain(pred):
            subj = _subject(p)
            if subj is not None:
                return {t.i for t in subj.subtree}
        return set()

    def _place(self, scope: set[int], fallback: bool = True,
               roles: bool = True) -> PlaceMention | None:  # fmt: skip
        """The place named in ``scope``; ``roles``: only one that can be where something
        happened (``_where``)."""
        pool = self.where_tokens if roles else self.place_tokens
        found = [(toks, p) for toks, p in pool if toks & scope and p.place is not None]
        if found:
            # a road named for the towns it joins ("barricaded the Mombasa highway", "the
            # Nakuru-Nairobi road") is not where it happened, when another place is named
            return min(found, key=lambda tp: (self._road_name(tp[0]),
                                              tp[1].place.precision if tp[1].place else 9,
                                              -len(tp[1].text)))[1]  # fmt: skip
        return self.focus if fallback else None

    def _road_name(self, toks: set[int]) -> bool:
        """Does a road word follow the place's name ("Mombasa highway", "Nakuru-Nairobi road")?"""
        doc = self.doc
        for i in range(max(toks) + 1, min(max(toks) + 4, len(doc))):
            w = doc[i]
            if w.lower_ in ROAD_WORDS:
                return True
            if not (w.pos_ == "PROPN" or w.text in ("-", "–")):
                return False
        return False

    def _town_within(self, place: PlaceMention | None, sent: Any) -> PlaceMention | None:
        """A province made precise by the one town (else district) of it the sentence names: "a protest in
        front of the press club (Sadar, Dhaka), demanding the removal of Manikganj's deputy
        commissioner" was in Manikganj, a town of Dhaka division."""
        from khaldun.places import gazetteer

        area = place.place if place is not None else None
        if area is None or area.feature not in ("admin1", "province") or not area.gazetteer_id:
            return place
        gaz = gazetteer.load()
        home = gaz.entry(area.gazetteer_id)
        if home is None or not home.admin1:
            return place
        # the one town of it, else its one district or constituency ("in Karachuonyo sub
        # county, Homa Bay county")
        within: dict[int, dict[str, PlaceMention]] = {1: {}, 2: {}}
        for toks, p in self.place_tokens:
            if (p.place is None or p.place.precision not in within or not p.place.gazetteer_id
                    or not toks):  # fmt: skip
                continue
            town = gaz.entry(p.place.gazetteer_id)
            if (sent.start <= min(toks) < sent.end and town is not None
                    and (town.country, town.admin1) == (home.country, home.admin1)):  # fmt: skip
                within[p.place.precision][town.gid] = p
        for found in within.values():
            if len(found) == 1:
                return next(iter(found.values()))
            if found:
                return place
        return place

    def _sentence_place(self, tok: Any) -> PlaceMention | None:
        """The sentence's own place when the clause names none ("clashed with police on campus
        in Rangpur"), unless the sentence names several or it belongs to a contrast ("despite
        talks in Baghdad"); else the article's focus country."""
        sent = tok.sent
        skip: set[int] = set()
        before: set[int] = set()  # what came just before: "after polling in Kawangware"
        for t in sent:
            if t.dep_ == "prep" and t.lower_ in CONTRAST_PREPS:
                skip.update(x.i for x in t.subtree)
                if t.lower_ in ("after", "following"):
                    before.update(x.i for x in t.subtree)
        inside = {t.i for t in sent} - skip
        named = [(toks, p) for toks, p in self.where_tokens
                 if toks & inside and p.place is not None and p.place.feature != "country"]  # fmt: skip
        # a road named for a town is not where it happened, when another place is named
        found = [p for toks, p in named if not self._road_name(toks)] or [p for _, p in named]
        # a place naming an office is the office's, not where the event was, while another is
        # named: "protests in Eldoret after a court nullified the election of Nandi Hills MP…"
        found = [p for p in found if not self._office_place(p)] or found
        # a gloss names the area around the place before it: "in Kabarnet, Baringo"
        found = [p for p in found if not self._gloss(p, found)] or found
        towns = {p.place.gazetteer_id for p in found if p.place and p.place.precision == 1}
        if found and (len(towns) <= 1 or _one_town(found)):
            return min(found, key=lambda p: (p.place.precision if p.place else 9, -len(p.text)))
        if not found:
            # a report's later sentences go on telling the event where the paragraph put it
            # ("… a demonstration in Sylhet city. Demonstrators clashed with police …")
            earlier = [p for toks, p in self.where_tokens
                       if p.place is not None and p.place.feature != "country" and toks
                       and max(toks) < sent.start and self._same_paragraph(p.span.end, sent.start_char)
                       and not DATELINE.match(self.doc[min(toks)].sent.text)]  # fmt: skip
            if earlier:
                return max(earlier, key=lambda p: p.span.start)
            # "Protesters took to the streets again. Outside Kisumu's morgue, 30 women stood
            # weeping": the one place the rest of the paragraph names
            later = [p for toks, p in self.where_tokens
                     if p.place is not None and p.place.feature != "country" and toks
                     and min(toks) >= sent.end and self._same_paragraph(sent.start_char, p.span.start)]  # fmt: skip
            if len({p.place.gazetteer_id for p in later if p.place}) == 1:
                return later[0]
            # "… In Ol Kalou in Nyandarua County, hundreds carried banners": one town, and the
            # areas around it
            towns_later = [p for p in later if p.place and p.place.precision == 1]
            if (len({p.place.gazetteer_id for p in towns_later if p.place}) == 1
                    and all(p.place and p.place.precision > 1 and p.place.country == towns_later[0].place.country
                            for p in later if p not in towns_later)):  # fmt: skip
                return towns_later[0]
            # "three died in clashes with police the day after polling in Kawangware": the one
            # place the sentence names, even in what came just before, over the whole country
            # (not in what the event is set against: "despite talks in Baghdad")
            prior = [p for toks, p in self.where_tokens
                     if toks & before and p.place is not None and p.place.feature != "country"]  # fmt: skip
            if len({p.place.gazetteer_id for p in prior if p.place}) == 1:
                return prior[0]
        return self.focus

    def _gloss(self, p: PlaceMention, others: list[PlaceMention]) -> bool:
        """Is ``p`` the appositive or bracketed area of another place ("Kabarnet, Baringo",
        "Butere (Kakamega)")?"""
        span = self._place_spans.get(id(p))
        if span is None or span.start == 0:
            return False
        root = span.root
        before = self.doc[span.start - 1]
        if root.dep_ == "appos" or before.text in (",", "("):
            prev = root.head if root.dep_ == "appos" else self.doc[max(0, span.start - 2)]
            return any(q is not p and q.span.start <= prev.idx < q.span.end for q in others)
        return False

    def _office_place(self, p: PlaceMention) -> bool:
        """Does the place name an office ("Nandi Hills Member of Parliament", "Meru Governor")?"""
        after = self.text[p.span.end : p.span.end + 30].split()
        return bool(after) and after[0].lower().strip(",.") in OFFICE_AFTER

    def _same_paragraph(self, start: int, end: int) -> bool:
        return "\n" not in self.text[start:end]

    def _date(self, tok: Any, pred: Any, governor: Any, threat: bool = False) -> DateRange | None:
        future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in pred.children)
        ents = self.ents
        # the clause's own date, then the governing verb's; for what is no threat, the
        # sentence's date when the clause names none ("On 15 March, a sniper shot and killed a
        # soldier" parsed with the date on another verb), else the last date before it in its
        # paragraph: a report's later sentences go on telling the dated event
        found: list[Iterator[Any]] = [
            _ents_in(ents, where, ("DATE", "TIME"))
            for where in (self._scope(tok, pred), self._gov_scope(governor))
        ]
        if not threat:
            sent = tok.sent
            found.append(e for e in ents if e.label_ == "DATE" and sent.start <= e.start < sent.end)
            found.append(e for e in reversed(ents) if e.label_ == "DATE" and e.end <= sent.start
                         and self._same_paragraph(e.end_char, tok.idx))  # fmt: skip
        for ent in itertools.chain(*found):
            d = resolve_date(ent.text, self.published, future=future,
                             span=Span(ent.start_char, ent.end_char))  # fmt: skip
            if d.start is not None:
                return d
        if threat and governor is not None and governor.tag_ in ("VBZ", "VBP") and self.published:
            # "X says it will…": the threat is made on the day of publication
            return DateRange(self.published, self.published, "day", None)
        if self.published:
            return DateRange(self.published - timedelta(days=6), self.published, "week", None)
        return None

    def _gov_scope(self, governor: Any) -> set[int]:
        if governor is None:
            return set()
        skip: set[int] = set()
        for c in governor.children:
            if c.dep_ in ("ccomp", "nsubj", "parataxis"):
                skip.update(t.i for t in c.subtree)
        return {t.i for t in governor.subtree} - skip


def _ents_in(ents: Any, where: set[int], labels: tuple[str, ...]) -> Iterator[Any]:
    return (e for e in ents if e.label_ in labels and e.start in where)


# what is done to people, never by a subject with no object: "Four officers killed", "Soldiers
# injured in an ambush" drop the "were" of a passive, as headlines do
CASUALTY_VERBS = frozenset({"kill", "injure", "wound", "hurt", "maim", "murder", "behead",
                            "stab", "abduct", "kidnap", "lynch", "execute", "torture"})  # fmt: skip


def _agents_of(verb: Any) -> list[Any]:
    """The nouns of a passive verb's "by" phrase ("killed by raiders": "raiders")."""
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def _headline_passive(verb: Any) -> bool:
    """Does the subject of this verb suffer it ("Policeman shot dead", "6 soldiers injured")?"""
    if _left_dead(verb):
        return True
    # a clause before it is no complement of it but a misparsed sentence of its own: "Raiders
    # stormed the village, 6 locals killed"
    kids = [c for c in verb.children if not (c.dep_ == "ccomp" and c.i < verb.i)]
    if (verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in HARM_VERBS
            and not any(c.dep_ in ("dobj", "obj") for c in kids)) and (
        any(c.dep_ == "agent" for c in kids)  # "Close aide of X killed by knife wound"
        or any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lower_ == "death" for g in c.children) for c in kids)  # "One man hacked to death"
    ):  # fmt: skip
        return True
    if verb.lemma_.lower() not in CASUALTY_VERBS or verb.tag_ not in ("VBD", "VBN"):
        return False
    return not any(c.dep_ in ("dobj", "obj", "ccomp", "xcomp", "aux", "agent", "prt", "dative")
                   for c in kids)  # fmt: skip


def _left_dead(verb: Any) -> bool:
    """A headline's "Police detective shot dead": a verb left "dead" with no object tells of
    its subject (an active "shot him dead" has one)."""
    kids = list(verb.children)
    return any(
        c.dep_ in ("oprd", "acomp", "advmod") and c.lower_ == "dead" for c in kids
    ) and not any(c.dep_ in ("dobj", "obj") for c in kids)


def _one_town(found: list[PlaceMention]) -> bool:
    """Are the sentence's towns parts of one town ("the Nairobi slum of Kawangware")?"""
    from khaldun.places.gazetteer import haversine_km

    pts = [(p.place.lat, p.place.lon) for p in found
           if p.place and p.place.precision == 1 and p.place.lat is not None
           and p.place.lon is not None]  # fmt: skip
    return all(haversine_km(*a, *b) <= 15 for a in pts for b in pts)


def _inherited(sent: Any, place: PlaceMention | None, date: DateRange | None) -> frozenset[str]:
    out = set()
    if place is not None and 0 < place.span.end <= sent.start_char:
        out.add("place")
    if date is not None and date.span is not None and date.span.end <= sent.start_char:
        out.add("date")
    return frozenset(out)


ROAD_WORDS = frozenset({"road", "highway", "route", "motorway", "bypass", "expressway", "freeway"})


def _misparsed_predicate(tok: Any, category: str) -> bool:
    """A report with no main verb but a participle after its first noun ("Residents of Kisii,
    protested in front of…", "Raiders from Uganda attacked a village"): the parse made the
    sentence's predicate a modifier of its subject. Only where the verb cannot be a passive
    one told of its noun: a protest, or a verb with an object."""
    if tok.dep_ != "acl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.head.dep_ != "ROOT":
        # deeper in a verbless report: "an armed gang comprising four men shot dead a priest"
        return tok.sent.root.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "dobj" for c in tok.children
        )
    return category == "PROTEST" or any(c.dep_ == "dobj" for c in tok.children)


def _beyond_semicolon(tok: Any, root: Any) -> bool:
    """Does a semicolon stand between the token and the sentence's root ("Group attacks
    employee; motive unknown", parsed with "motive" its verb)?"""
    lo, hi = sorted((tok.i, root.i))
    return any(t.text == ";" for t in tok.doc[lo:hi])


def _participle(d: Draft) -> bool:
    """An event told by a participle hanging off its sentence ("…, accusing the headmaster")."""
    return d.trigger.dep_ in ("advcl", "acl") and d.trigger.tag_ == "VBG"


def _casualty_clause(tok: Any, trig: Trigger) -> bool:
    """ "11 killed by raiders", "three soldiers wounded in an ambush", "Suspected gang member
    killed at slum": a headline's casualty count, or the victim a verbless report is about,
    with its participle is an event, unlike "targets controlled by US forces"."""
    if trig.category != "ASSAULT":
        return False
    head = tok.head
    if tok.tag_ == "VBG":
        # "armed men raid the offices in Kwale killing two": the raid's participle, which the
        # parse hung on its object; not "a law banning killings"
        verb = head.head
        return (head.dep_ in ("dobj", "pobj") and verb.pos_ in ("VERB", "ADP")
                and any(c.dep_ in ("dobj", "nummod") and c.pos_ == "NUM" for c in tok.children))  # fmt: skip
    if tok.tag_ != "VBN":
        return False
    if (head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN") and head.i < tok.i
            and not any(t.pos_ == "VERB" for t in tok.doc[tok.sent.start : head.i])):  # fmt: skip
        return True  # (not "X mourns commander killed in Y", its verb taken for a noun's)
    return head.pos_ == "NUM" or any(c.dep_ == "nummod" for c in head.children)


def _phrase(tok: Any) -> Any:
    sub = list(tok.subtree)
    return tok.doc[sub[0].i : sub[-1].i + 1]
