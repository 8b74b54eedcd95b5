"""ACLED event types for coded events: the ontology's map, then ACLED's precedence rules.

The ontology maps each PLOVER category and mode to an ACLED type (``data/events/ontology.yaml``).
What the map cannot know comes from the actors and the context, as ACLED's codebook decides:
violence by unorganised crowds (rioters, party supporters, students, villagers) is a riot — a
violent demonstration inside a protest, mob violence otherwise; an attack on unarmed people is
violence against civilians; organised armed actors on both sides is a battle.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from khaldun.events.extract import UNARMED, Draft
from khaldun.events.lexicon import Lexicon
from khaldun.model import ActorMention

ARMED = frozenset({"MIL", "REB", "MLA", "COP", "CRM", "SPY"})
UNORGANISED = frozenset({"PRO", "PTY", "CVL", "EDU", "LAB", "OPP", "REL", "BUS"})
REMOTE = frozenset(
    {"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack", "unconventional"}
)


def protest_context(d: Draft, drafts: list[Draft], text: str) -> bool:
    """Whether this violence was done by demonstrators (ACLED's violent demonstration), not by
    a crowd that was not demonstrating (mob violence): "students protesting fees burnt a dorm",
    but not "party members assaulted a rival group's procession" nor "rioters attacked two
    warders" (a riot is not itself a demonstration)."""
    a1 = d.actor1.actor if d.actor1 else None
    if a1 is not None and a1.sector == "PRO" and not a1.name.startswith("Rioters"):
        return True  # protesters, demonstrators; a mob or rioters may or may not be protesting
    if DURING_PROTEST.search(text[d.sentence.start : d.sentence.end]):
        return True  # "set fire to a bus during the nationwide blockade"
    for other in drafts:
        if other is d or other.category != "PROTEST" or other.mode == "riot":
            continue
        o1 = other.actor1.actor if other.actor1 else None
        if (
            a1 is None
            or o1 is None
            or (o1.name, o1.sector) == (a1.name, a1.sector)
            or (o1.sector == "PRO" and other.sentence == d.sentence)
        ):
            return True
    return False


DURING_PROTEST = re.compile(
    r"\b(during|in|at) (the |an? |their |its |his |her |ongoing |nationwide |countrywide |"
    r"(?:\w+ )?(?:party|opposition|student|workers'?) )*(\w+-)?\w*\s?(protests?|demonstrations?|"
    r"blockades?|hartals?|strikes?|rall(y|ies)|processions?|marche?s?|sit-ins?)\b|"
    r"\b(protest|blockade|hartal|strike) programm?e?s?\b",
    re.IGNORECASE,
)
ARMED_TARGETS = re.compile(
    r"\b(check ?-?points?|(police |army |military |security )?(posts?|outposts?|bases?)|"
    r"(police|army|military|security|border) stations?|"
    r"convoys?|patrols?|barracks|garrisons?|tanks?|armou?red vehicles?|humvees?|positions?)\b",
    re.IGNORECASE,
)
# a shooting with two sides, or armed people on the receiving end of it: a battle
TWO_SIDED = re.compile(
    r"\b(shoot[- ]?outs?|gun ?battles?|gun ?fights?|fire ?fights?|exchanges? of (gun)?fire|"
    r"exchanged? (gun)?fire|"
    r"exchang(ed|ing) (gun)?fire|cross-?fire|returned fire|repulsed)\b",
    re.IGNORECASE,
)
# the attacked fought back: a battle, whoever struck first (not "a retaliatory attack", "in
# retaliation for": a motive)
FOUGHT_BACK = re.compile(
    r"\b(retaliated|retaliating|repuls\w*|fought back|fight back|battled?|battling|"
    r"ensuing (gun ?)?(fight|battle|clash)\w*|heavy gunfire)\b",
    re.IGNORECASE,
)
ARMED_PEOPLE = re.compile(
    r"\b(police\w*|officers?|soldiers?|troops?|rangers?|reservists?|army|military|militias?|"
    r"militiam[ae]n|fighters?|militants?|guards?|rebels?|insurgents?|bandits?|rustlers?|raiders?|"
    r"forces?|terror(ist)? groups?)\b",
    re.IGNORECASE,
)
# The riot words that are a demonstration in themselves ("students riot over fees"); a clash or
# an attack by a crowd is a violent demonstration only inside a demonstration.
# ("go" of "went on rampage")
RIOT_WORDS = frozenset({"riot", "rioting", "rampage", "unrest", "protest", "demonstrate",
                        "demonstration", "march", "rally", "strike", "blockade", "agitate",
                        "light", "go"})  # fmt: skip


# What makes a demonstration violent in ACLED's codebook: destruction, looting, fighting, and
# road-blocking with barricades or fires.
CROWD_VIOLENCE = re.compile(
    r"\b((?<!anti-)(?<!anti )riot\w*(?! (?:police|gear|squad|unit|control))|clash\w*|pelt\w*|stone[sd]?|stone-throw\w*|barricad\w*|bonfire\w*|torch\w*|set (fire|ablaze)|"
    r"burn(ed|t|ing|s)?|lit (fires?|twigs|tyres|tires|bonfires)|loot\w*|vandali[sz]\w*|ransack\w*|"
    r"block(ed|ing|s)? (off )?(the |a |main |major |several )?(roads?|highway|streets?)|"
    r"rampage\w*|violently|"
    r"light(ing|s)? (a |several )?(fires?|bonfires?)|fires? (were|was) lit|damag(e|es|ed|ing)\b|"
    r"turns? violent|turning violent|violent ([a-z-]+ )?(protests?|demonstrations?|unrest|riots?)|"
    r"chas(ed|ing) (away )?(the |a )?(police|officers?|journalists?|them|him)|lynch\w*|"
    r"thr(ew|ow|owing|own) (stones|rocks|bricks|objects|missiles)|"
    r"smash\w*|brok(e|en) into|break(ing)? (into|windows?)|destroy\w*|destruction|running battles?|"
    r"(turned|became|turn) violent|violence broke out|stole|stolen|rowdy|"
    r"h(e|o)ld(ing)? [\w ]{0,40}hostage|took [\w ]{0,40}hostage)\b",
    re.IGNORECASE,
)
# a report about a protest or a riot (not about riot police)
PROTEST_TOLD = re.compile(
    r"\b((?<!anti-)(?<!anti )riot(s|ing|ers?|ed)?\b(?! (police|gear|squad|unit|control))|"
    r"protest\w*|demonstrat\w*)",
    re.IGNORECASE,
)
_DENIED_BEFORE = re.compile(r"\b(no|not|without|never)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _protest_told(text: str) -> bool:
    """Does the report tell of a protest or riot ("There were no protests" does not)?"""
    return any(_DENIED_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) is None
               for m in PROTEST_TOLD.finditer(text))  # fmt: skip


CROWD_NOUNS = frozenset({"protester", "demonstrator", "student", "youth", "rioter", "crowd", "mob"})
CROWD_WORDS = re.compile(
    r"\b(mobs?|crowds?|rioters?|youths|supporters|residents|villagers)\b", re.IGNORECASE
)
# unorganised sides of a fight: ACLED's mob violence, not a battle of armed organisations
FACTIONS = re.compile(
    r"\b(two|rival|opposing) (groups|factions|camps|sides|clans|families)\b|"
    r"\b(factional|intra-party|inter-party)\b|\b(supporters|followers|activists|members|workers) of\b",
    re.IGNORECASE,
)
# force that kills or seriously harms, and who uses it: the state's forces
LETHAL = re.compile(
    r"\b(kill(ed|ing)|shot dead|shooting dead|injur(ed|ing)|wound(ed|ing)|live (bullets|ammunition))\b",
    re.IGNORECASE,
)
STATE_FORCE = re.compile(
    r"\b(police\w*|officers?|security forces|soldiers|troops|army|GSU)\b", re.IGNORECASE
)
INTERVENTION = re.compile(
    r"\b(tear ?gas\w*|dispers\w*|intervened|baton\w*|rubber bullets?|water cannon|arrested|detained|"
    r"foil(ed|s)?|obstruct(ed|s)?|prevent(ed|s)?|barred|halted|snatch\w*|stopped|broke up|"
    r"broken up|ejected)\b",
    re.IGNORECASE,
)


# What a protest is about, not what happened at it: "demanding punishment for those who looted",
# "against the vandalism of a rally", "following an earlier clash (coded separately)"
GRIEVANCE = re.compile(
    r"\b(demand\w*|against|protest(ing|ed)? (against|over)|in protest|condemn\w*|over|following|"
    r"in response to|after|for the (killing|murder|attack|arrest)|to protest|seeking|calling for|"
    r"urging|in support of|supporting|regarding|about|in connection with|"
    r"protest(ed|ing)? (the|a|an|their|his|her|its|governments?|government's)(?= ))\b",
    re.IGNORECASE,
)


# a grievance runs to the end of its clause, or to a dash that goes on to what happened
# ("protesting against the re-election - lead to rioting")
GRIEVANCE_CLAUSE = re.compile(
    f"(?P<head>{GRIEVANCE.pattern})" + r"(?:[^,;.\s]|\s(?![-–—]\s))*", re.IGNORECASE
)
GRIEVANCE_HEAD = "head"


def _what_happened(text: str, doc: Any = None) -> str:
    """The report without the grievances its sentences cite.

    A grievance runs to the end of its clause: "protested against the results, burning tyres"
    keeps the burning. A clause after "after" or "following" whose subject is the crowd tells
    what it did, not why it gathered ("blocked the road after they lit bonfires"), where the
    parse says so.
    """
    parsed = doc is not None and doc.text == text
    # "(coded as Pirojpur, Barisal)", "(coded separately)": blanked, so offsets stay the text's
    text = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), text)
    parts, at = [], 0
    for sentence in re.finditer(r"\S.*?(?:[.!?](?=\s)|$)", text, re.DOTALL):
        for m in GRIEVANCE_CLAUSE.finditer(text, sentence.start(), sentence.end()):
            parts.append(text[at : m.start()])
            at = m.end(GRIEVANCE_HEAD) if parsed and _the_crowds_doing(doc, m) else m.end()
    parts.append(text[at:])
    return " ".join(parts)


def _the_crowds_doing(doc: Any, m: re.Match[str]) -> bool:
    """Whether a grievance word opens a clause whose subject is the crowd: "after they
    barricaded the road", not "after a man was killed"."""
    span = doc.char_span(m.start(GRIEVANCE_HEAD), m.end(GRIEVANCE_HEAD), alignment_mode="expand")
    if span is None or len(span) == 0 or span[-1].dep_ != "mark":
        return False
    subj = [c for c in span[-1].head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and (
        subj[0].lower_ == "they" or subj[0].lemma_.lower() in CROWD_NOUNS
        or CROWD_WORDS.fullmatch(subj[0].text) is not None
    )  # fmt: skip


# what says the violence did not happen: "devoid of running battles", "no stones were thrown"
NOT_TOLD = re.compile(r"\b(no|not|without|devoid of|free of|free from|never|nor)\b[^.;,]{0,30}$",
                      re.IGNORECASE)  # fmt: skip


def _violence_told(text: str) -> bool:
    """Does the report tell crowd violence, not its absence?"""
    return any(NOT_TOLD.search(text, max(0, m.start() - 40), m.start()) is None
               for m in CROWD_VIOLENCE.finditer(text))  # fmt: skip


def _lethal_force(text: str) -> bool:
    """Does a sentence tell the state's forces, then the deaths or injuries they caused ("police
    shot at the crowd, seriously injuring two"), not their absence ("no reported injuries")?"""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        force = STATE_FORCE.search(sentence)
        if force is None:
            continue
        for m in LETHAL.finditer(sentence, force.end()):
            if NOT_TOLD.search(sentence, max(0, m.start() - 40), m.start()) is None:
                return True
    return False


def protest_type(d: Draft, text: str) -> tuple[str, str]:
    """ACLED's protest sub-types from what the report says happened at the protest."""
    told = _what_happened(text, d.trigger.doc if d.trigger is not None else None)
    own = d.trigger is not None and CROWD_VIOLENCE.match(text, d.trigger.idx) is not None
    if d.mode == "riot" or own or _violence_told(told):
        return "Riots", "Violent demonstration"
    if _lethal_force(told):
        # "police shoot at the crowd, seriously injuring two": peaceful protesters met with
        # lethal force or force causing serious injury
        return "Protests", "Excessive force against protesters"
    if INTERVENTION.search(told):
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


@functools.cache
def _communities() -> re.Pattern[str]:
    """The communities whose fighting men ACLED codes as communal militias, by name."""
    from khaldun.knowledge import community_forms

    names = sorted(community_forms(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")


def _people_of(m: ActorMention | None) -> bool:
    """A state's people, not its forces: "four Somalis", "two Ethiopians" killed."""
    return (m is not None and m.actor.kind == "state" and " " not in m.text
            and m.text != m.actor.name and m.text.endswith(("is", "ans", "ese", "ns")))  # fmt: skip


# people who hold an office and bear no arms: an attack on one is on a civilian, in ACLED's terms
OFFICE_HOLDERS = frozenset({"official", "officials", "legislator", "legislators", "mp", "mps",
                            "mca", "mcas", "chief", "chiefs", "councillor", "councillors",
                            "governor", "senator", "minister", "administrator", "clerk", "clerks",
                            "aspirant", "candidate", "judge", "magistrate", "mayor", "ministry"})  # fmt: skip


def _office_holder(m: ActorMention | None) -> bool:
    """Is the target a person in office ("a Ministry of Health official"), by its words?"""
    if m is None or m.actor.sector in ("MIL", "COP") or not m.text:
        return False
    return m.text.split()[-1].lower().strip(".,") in OFFICE_HOLDERS


def acled_type(
    d: Draft, lex: Lexicon, *, protest: bool, text: str = ""
) -> tuple[str | None, str | None]:
    et, st = lex.acled(d.category, d.mode)
    riot_word = d.trigger is None or d.trigger.lemma_.lower() in RIOT_WORDS
    s1 = d.actor1.actor.sector if d.actor1 else None
    if d.category == "PROTEST" and d.mode == "riot" and not riot_word:
        if s1 in ("REB", "MLA", "CRM"):
            # "unidentified assailants hurled a petrol bomb at…": an armed group's attack
            return "Violence against civilians", "Attack"
        return "Riots", "Violent demonstration" if protest else "Mob violence"
    if d.category == "PROTEST" and et in ("Protests", "Riots"):
        return protest_type(d, text)
    if d.category != "ASSAULT":
        return et, st
    if d.mode in REMOTE and not (s1 in UNORGANISED and d.mode == "explosives"):
        return et, st  # (party supporters hurling crude bombs is still a riot)
    s2 = d.actor2.actor.sector if d.actor2 else None
    k2 = d.actor2.actor.kind if d.actor2 else None
    if (
        s2 == "PRO"
        or d.mode == "crowd-control"
        or (protest and s1 == "COP" and s2 in ("EDU", "LAB", "PTY", "CVL"))
        # "third day of riots called by the opposition; police intervened, killing 2": the
        # police's violence at a protest or riot the report is about is that protest's
        or (
            s1 == "COP"
            and s2 in (None, "EDU", "LAB", "PTY", "CVL")
            and d.mode not in REMOTE
            and _protest_told(text)
        )
    ):
        # force against a crowd: the protest was violent, or the state intervened
        et, st = protest_type(d, text)
        if et == "Riots" or st == "Excessive force against protesters":
            return et, st
        return "Protests", "Protest with intervention"
    sentence = text[d.sentence.start : d.sentence.end] if text else ""
    crowd = s1 in UNORGANISED or (
        s1 is None
        and (
            protest  # "a man was shot dead as police battled villagers protesting the killing"
            or d.mode in ("destroy", "mob", "beat")
            or (d.mode == "primitive" and bool(CROWD_WORDS.search(text)))
            # "two groups clashed over a land dispute", "two factions of the party clashed";
            # not "members of the Borana and Gabra communities clashed": communal militias
            or (
                d.mode == "clash"
                and bool(FACTIONS.search(sentence))
                and _communities().search(sentence) is None
            )
        )
    )
    if crowd:
        return "Riots", "Violent demonstration" if protest else "Mob violence"
    if (
        (s1 in ARMED or (d.actor1 is not None and d.actor1.actor.kind == "state"))
        and d.mode in (None, "firearms", "primitive", "clash")
        and FOUGHT_BACK.search(text or sentence)
    ):
        # "Pokot raiders attacked a village…; Marakwet herders retaliated, leading to an hour
        # of heavy gunfire", "bandits attack villagers, repulsed by police": two armed sides
        return "Battles", "Armed clash"
    if d.mode is not None and d.mode not in ("firearms", "clash"):
        return et, st
    if d.mode == "clash":
        # "13 people killed in inter-clan clashes": the dead fell in fighting between armed
        # sides (crowds fighting were dealt with above), not in an attack on civilians
        return "Battles", "Armed clash"
    if s2 in UNARMED or _people_of(d.actor2):
        return "Violence against civilians", "Attack"
    if (
        s2 is None
        and (s1 in ARMED or (d.actor1 and d.actor1.actor.kind == "state"))
        and (ARMED_TARGETS.search(sentence))
    ):  # "Taliban militants attacked a check point": an armed target is a battle
        return "Battles", "Armed clash"
    if _office_holder(d.actor2):
        # "a Ministry of Health official", "an opposition legislator", "a chief" shot: a person
        # in office is no armed side
        return "Violence against civilians", "Attack"
    if (s2 in ARMED or k2 == "state") and (
        s1 is None or s1 in ARMED or d.actor1.actor.kind == "state"
    ):  # type: ignore[union-attr]
        return "Battles", "Armed clash"
    if d.mode is None and s2 is None and TWO_SIDED.search(text or sentence):
        # "police engaged a suspect in a shoot-out; the suspect was killed": two armed sides
        return "Battles", "Armed clash"
    if d.mode == "firearms" and s2 is None and not TWO_SIDED.search(sentence):
        armed = [m for m in ARMED_PEOPLE.finditer(sentence)
                 if not (d.actor1 and d.actor1.span.start <= d.sentence.start + m.start() < d.actor1.span.end)]  # fmt: skip
        if not armed:
            # "a preacher was gunned down by two unidentified men": a shooting with no armed
            # side shot at is one-sided
            return "Violence against civilians", "Attack"
    return et, st
