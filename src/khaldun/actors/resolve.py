"""Find actor mentions in a parsed article and resolve them against the dictionary.

Order of evidence: the dictionary's longest match (names, aliases, acronyms with their case),
then generic nouns with a country from their modifiers ("US forces", "Kenyan police"), then
fuzzy matching of the model's ORG entities, then unresolved ORG entities kept with their text.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from khaldun.actors.dictionary import ActorDictionary, Form
from khaldun.knowledge import community_forms, generic_nouns
from khaldun.model import Actor, ActorMention, Span
from khaldun.text import ARTICLES, key

SECTOR_SUFFIX = {
    "MIL": "military",
    "COP": "police",
    "GOV": "government",
    "SPY": "intelligence",
    "JUD": "judiciary",
    "LEG": "legislature",
}


# a state's own forces and offices: never a community's militia ("Pokot police reservists")
STATE_SECTORS = frozenset({"MIL", "COP", "GOV", "JUD", "LEG", "SPY"})


def country_actor(book: ActorDictionary, iso3: str, sector: str, fallback: str) -> Actor:
    """A state's sector as an actor: ``United States military``, ``Iraq government``."""
    state = book.entries.get(iso3)
    cname = state.name if state else iso3
    if sector in SECTOR_SUFFIX:  # a branch of the state: resolves to the state's entry
        name = f"{cname} {SECTOR_SUFFIX[sector]}"
        return Actor(
            name=name, id=iso3 if state else None, country=iso3, sector=sector, kind="state"
        )
    # a kind of actor from that country ("Iraqi armed group", "Kenyan protesters"): no entry
    return Actor(name=f"{fallback} ({cname})", country=iso3, sector=sector, kind="generic")


# people of a community who are no armed party: "Pokomo villagers", "a Pokot man"
CIVILIAN_LEMMAS = frozenset({"villager", "resident", "family", "herder", "herdsman", "farmer",
                             "civilian", "woman", "child", "boy", "girl", "trader",
                             "businessman", "pupil", "student", "worshipper", "pastoralist",
                             "people", "person"})  # fmt: skip


# people of a community who keep their own kind: "Turkana protesters" are protesters
OWN_KIND = frozenset({"PRO", "EDU", "LAB", "PTY", "MED", "REL", "HLH", "BUS", "REF"})

UNNAMED = frozenset({"unidentified", "unknown"})


# what a crowd does to property: unidentified people who loot or vandalise are a mob, as ACLED
# codes them; unidentified people who shoot or kill are an armed group
PROPERTY_HARM = frozenset({"vandalize", "vandalise", "loot", "torch", "burn", "set", "demolish",
                           "ransack", "destroy", "damage", "plunder"})  # fmt: skip
CRUDE_BOMBS = frozenset({"crude", "cocktail", "petrol", "molotov", "handmade", "hand-made"})


def _armed_doer(tok: Any) -> bool:
    """Is the noun the subject or a passive's agent ("killed by unknown men") of a verb that
    harms people, not only property?"""
    if tok.dep_ == "nsubj":
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        verb = tok.head.head
    else:
        return False
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    if any(t.lower_ in CRUDE_BOMBS for t in verb.subtree):
        return False  # "unidentified men exploded crude bombs": a crowd's weapon
    return not any(v.lemma_.lower() in PROPERTY_HARM for v in verbs)


# herders who attack or fight people are a community's armed men, as ACLED codes them
# ("a group of herders attacked farmers", "pastoralists killed two men"); herders attacked,
# or protesting, are who they are
HERDERS = frozenset({"herder", "herdsman", "pastoralist"})
FIGHTING = frozenset({"attack", "kill", "raid", "shoot", "hack", "ambush", "invade", "murder",
                      "stab", "clash", "fight", "injure", "wound", "maim", "massacre"})  # fmt: skip


def _fighting_herders(tok: Any, lemma: str) -> bool:
    if lemma not in HERDERS:
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "nsubj":
        tok = tok.head.head  # "a group of herders attacked…"
    if tok.dep_ == "nsubj" or (tok.dep_ == "conj" and tok.head.dep_ == "nsubj"):
        verb = tok.head if tok.dep_ == "nsubj" else tok.head.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        verb = tok.head.head
    else:
        return False
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    return any(v.lemma_.lower() in FIGHTING for v in verbs)


COMMUNAL_MODS = frozenset({"ethnic", "tribal", "clan"})


def _doer(tok: Any) -> bool:
    """Does the noun act: a subject, a passive's agent, or what a subject is of ("members of
    the Pokot tribe attacked")?"""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "nsubj":
        return True
    return tok.dep_ == "nsubj" or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")


SINGULAR = frozenset({"a", "an", "one", "another", "each", "every", "this", "that"})


def _collective(tok: Any) -> bool:
    """ "Youth" for young people as a body ("rowdy youth attacked the stations"), not "a youth
    was shot" nor "the youth was arrested"."""
    if tok.lemma_.lower() != "youth" or any(c.lower_ in SINGULAR for c in tok.children):
        return False
    verb = tok.head if tok.dep_ in ("nsubj", "nsubjpass") else None
    if verb is None:
        return True
    singular = ("was", "is", "has")
    return verb.tag_ != "VBZ" and not any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in singular for c in verb.children
    )


def _victims(tok: Any, sector: str) -> bool:
    """Are these a community's people rather than its armed men (a militia)?"""
    if _fighting_herders(tok, tok.lemma_.lower()):
        return False
    if sector != "CVL" and tok.lemma_.lower() not in CIVILIAN_LEMMAS:
        return False
    return tok.lemma_.lower() in CIVILIAN_LEMMAS or tok.tag_ in ("NN", "NNP")


def _generic_lexicon() -> tuple[dict[str, tuple[str, bool, str]], dict[str, tuple[str, bool, str]]]:
    one: dict[str, tuple[str, bool, str]] = {}
    two: dict[str, tuple[str, bool, str]] = {}
    for n in generic_nouns().nouns:
        entry = (n.sector, n.plural_only, n.name or n.lemma.title())
        (two if " " in n.lemma else one)[n.lemma] = entry
    return one, two


class ActorFinder:
    def __init__(self, book: ActorDictionary, *, fuzzy_threshold: float = 92.0) -> None:
        self.book = book
        self.fuzzy_threshold = fuzzy_threshold
        self.one, self.two = _generic_lexicon()
        gen = generic_nouns()
        self.roles = set(gen.roles)
        self.modifiers = dict(gen.modifiers)
        self.communities = {n: iso for n, (_, iso) in community_forms().items()}
        self._keys = list(book.index)

    # -- dictionary ---------------------------------------------------------------------------
    def _dictionary_spans(self, doc: Any) -> list[tuple[int, int, list[Form]]]:
        """Longest dictionary matches, left to right; a span grows while its key is a prefix."""
        out: list[tuple[int, int, list[Form]]] = []
        book = self.book
        # token attributes read once: the scan looks at each token up to ``maxw`` times
        toks = list(doc)
        n = len(toks)
        text = doc.text
        starts = [t.idx for t in toks]
        ends = [t.idx + len(t.text) for t in toks]
        punct = [t.is_punct for t in toks]
        space = [t.is_space for t in toks]
        newline = [sp and "\n" in t.text for sp, t in zip(space, toks, strict=True)]
        article = [t.lower_ in ARTICLES for t in toks]
        alpha_start = [t.text[:1].isalpha() for t in toks]
        i = 0
        maxw = book.max_words + 3  # hyphens and articles add tokens
        while i < n:
            if space[i] or punct[i] or not alpha_start[i]:
                i += 1
                continue
            hit = None
            for j in range(i + 1, min(n, i + maxw) + 1):
                if newline[j - 1]:
                    break
                if punct[j - 1] or space[j - 1] or (article[j - 1] and j < n):
                    continue  # "al", "-" in "Harakat Hezbollah al-Nujaba": keep growing
                span_text = text[starts[i] : ends[j - 1]]
                k = key(span_text)
                if k in book.index:
                    forms = [f for f in book.lookup(span_text) if _case_ok(span_text, f)]
                    if forms:
                        hit = (i, j, forms)
                if k not in book.prefixes:
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def find(self, doc: Any) -> list[ActorMention]:
        mentions: dict[int, ActorMention] = {}  # keyed by the head token index
        used: set[int] = set()
        for i, j, forms in self._dictionary_spans(doc):
            span = doc[i:j]
            best = forms[0]
            if best.form == "adjective" and not _stands_alone(span):
                # "Iraqi" modifying a noun: a cue for a generic actor, not an actor itself
                continue
            actor = self.book.actor(best.entry_id)
            how = "dictionary" if best.form in ("name", "alias") else best.form
            mentions[span.root.i] = ActorMention(_span(span), span.text, actor, how)
            used.update(range(i, j))
        self._generics(doc, mentions, used)
        self._communities(doc, mentions, used)
        self._entities(doc, mentions, used)
        return sorted(mentions.values(), key=lambda m: m.span)

    # -- generic nouns with a country ----------------------------------------------------------
    def _generics(self, doc: Any, mentions: dict[int, ActorMention], used: set[int]) -> None:
        text = doc.text  # built once: ``doc.text`` joins every token on each access
        lemmas = [t.lemma_.lower() for t in doc]
        for tok in doc:
            if tok.i in used or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            lemma = lemmas[tok.i]
            entry = None
            start = tok.i
            if tok.i > 0 and f"{lemmas[tok.i - 1]} {lemma}" in self.two:
                entry = self.two[f"{lemmas[tok.i - 1]} {lemma}"]
                start = tok.i - 1
            elif lemma in self.one:
                entry = self.one[lemma]
            elif tok.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in self.one:
                entry = self.one[lemma[:-1]]  # "2 'Arbakis'": a plural the model took for a name
            if entry is None:
                continue
            sector, plural_only, name = entry
            if plural_only and tok.tag_ not in ("NNS", "NNPS") and not _collective(tok):
                continue
            if (
                sector in ("CVL", "PRO")
                and any(
                    c.dep_ == "amod"
                    and (
                        c.lower_ in ("armed", "masked")
                        or (c.lower_ in UNNAMED and _armed_doer(tok))
                    )
                    # not over another noun: "Armed group attack villagers" (a misparse)
                    and not any(t.pos_ == "NOUN" for t in doc[c.i + 1 : tok.i])
                    for c in tok.lefts
                )
            ):  # "armed youths", "masked men", "shot by unidentified men": an armed group
                sector, name = "REB", "Unidentified Armed Group"
            elif _fighting_herders(tok, lemma):
                sector, name = "MLA", "Communal militia"
            if lemma in ("militia", "militiaman") and any(
                c.lower_ in COMMUNAL_MODS for c in tok.lefts if c.dep_ in ("amod", "compound")
            ):
                name = "Communal militia"  # "ethnic militias", "clan militia"
            if lemma in ("group", "movement"):
                mods = [c.lemma_.lower() for c in tok.lefts if c.dep_ in ("compound", "amod")]
                sector_mods = [self.modifiers[m] for m in mods if m in self.modifiers]
                if not sector_mods:
                    continue
                sector = sector_mods[0]
                if any(m in COMMUNAL_MODS for m in mods):
                    name = "Communal militia"
                    # its community's name, known or not: "Abanyabasi ethnic group"
                    names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
                    start = min([start, *(c.i for c in names)])
            # a named actor inside the phrase wins ("Iraqi resistance group Nujaba", "Hamas fighters")
            named = self._named_in_phrase(doc, tok, mentions)
            if named is not None:
                m = mentions.pop(named.span_root)
                lo = min(m.span.start, doc[start].idx)
                hi = max(m.span.end, tok.idx + len(tok.text))
                mentions[tok.i] = ActorMention(Span(lo, hi), text[lo:hi], m.actor, m.how, m.score)
                used.add(tok.i)
                continue
            community = self._community(tok) if sector not in STATE_SECTORS else None
            attacked_tribe = lemma == "tribe" and not _doer(tok)  # "the Pokot tribe was attacked"
            if community is None and attacked_tribe:
                name, sector = "Civilians", "CVL"  # its people
            if community is not None:
                # "Pokot raiders", "Kikuyu youths": the community's militia; "Pokomo villagers",
                # "a Pokot man": its people; "Turkana protesters", "Maasai students": who they
                # are, of that community
                if _victims(tok, sector) or attacked_tribe:
                    name, sector = "Civilians", "CVL"
                elif sector not in OWN_KIND:
                    name, sector = "Communal militia", "MLA"
                lo, hi = community.idx, tok.idx + len(tok.text)
                actor = Actor(name=name, country=self.communities[community.text],
                              sector=sector, kind="generic")  # fmt: skip
                mentions[tok.i] = ActorMention(Span(lo, hi), text[lo:hi], actor, "generic", 0.8)
                used.update((tok.i, community.i))
                continue
            iso3, cue = self._country_cue(doc, tok, mentions)
            lo = min([doc[start].idx, *([cue.idx] if cue is not None else [])])
            hi = tok.idx + len(tok.text)
            for k in [k for k, m in mentions.items() if lo <= m.span.start and m.span.end <= hi]:
                del mentions[k]
            if iso3:
                actor = country_actor(self.book, iso3, sector, name)
            else:
                actor = Actor(name=name, sector=sector, kind="generic")
            mentions[tok.i] = ActorMention(Span(lo, hi), text[lo:hi], actor, "generic", 0.8)
            used.add(tok.i)

    def _community(self, tok: Any) -> Any:
        for c in tok.lefts:
            if c.dep_ in ("compound", "amod", "nmod") and c.text in self.communities:
                return c
            if c.dep_ == "compound" and c.lower_ in ("clan", "tribe", "community", "ethnic"):
                for g in c.lefts:  # "Degodia clan militia": the name on "clan"
                    if g.dep_ == "compound" and g.text in self.communities:
                        return g
        before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
        if before is not None and before.text in self.communities and before.pos_ != "ADP":
            return before  # "Pokot raiders attack…", the name parsed as anything at all
        return None

    def _communities(self, doc: Any, mentions: dict[int, ActorMention], used: set[int]) -> None:
        """A community named as an actor on its own: "the Pokot attacked", "Turkana and Pokot
        clashed", "clashes between Pokot and Turkana" (in a place's position, "in Turkana", it
        is the place)."""
        for tok in doc:
            between = tok.dep_ == "pobj" and tok.head.lower_ == "between"
            if (tok.i in used or tok.text not in self.communities
                    or (tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj") and not between)):  # fmt: skip
                continue
            actor = Actor(name="Communal militia", country=self.communities[tok.text],
                          sector="MLA", kind="generic")  # fmt: skip
            mentions[tok.i] = ActorMention(
                _span(doc[tok.i : tok.i + 1]), tok.text, actor, "generic", 0.7
            )
            used.add(tok.i)

    def _named_in_phrase(self, doc: Any, tok: Any, mentions: dict[int, ActorMention]) -> Any:
        """A named, non-state actor that modifies or is modified by this generic noun."""
        near = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss", "appos")]
        if tok.dep_ in ("compound",) and tok.head.i in mentions:
            near.append(tok.head)
        for c in near:
            m = mentions.get(c.i)
            if m is not None and m.actor.kind not in ("state", None) and m.how == "dictionary":
                return _Named(c.i)
        return None

    def _country_cue(
        self, doc: Any, tok: Any, mentions: dict[int, ActorMention]
    ) -> tuple[str | None, Any]:
        """The country of a generic noun: a modifier ("US forces"), "of X", or "in <capital>"."""
        for c in tok.lefts:
            if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
                iso = self._state_of(c.text, mentions.get(c.i))
                if iso:
                    return iso, c
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        iso = self._state_of(p.text, mentions.get(p.i))
                        if iso:
                            return iso, None
        return None, None

    def _state_of(self, text: str, mention: ActorMention | None) -> str | None:
        if mention is not None and mention.actor.kind == "state":
            return mention.actor.country
        for f in self.book.lookup(text):
            e = self.book.entries[f.entry_id]
            if e.kind == "state" and _case_ok(text, f):
                return e.country
        return None

    # -- the model's entities: fuzzy, else unresolved -----------------------------------------
    def _entities(self, doc: Any, mentions: dict[int, ActorMention], used: set[int]) -> None:
        for ent in doc.ents:
            if ent.label_ != "ORG" or any(t.i in used for t in ent):
                continue
            text = ent.text.strip()
            if len(text) < 4 or not text[:1].isupper():
                continue
            match = process.extractOne(
                text.lower(), self._keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold
            )
            if match is not None:
                forms = self.book.index[match[0]]
                actor = self.book.actor(forms[0].entry_id)
                m = ActorMention(_span(ent), ent.text, actor, "fuzzy", match[1] / 100)
            elif ent.label_ == "ORG":
                m = ActorMention(_span(ent), ent.text, Actor(name=text), "unresolved", 0.3)
            else:
                continue
            mentions[ent.root.i] = m
            used.update(t.i for t in ent)


class _Named:
    __slots__ = ("span_root",)

    def __init__(self, i: int) -> None:
        self.span_root = i


def _span(span: Any) -> Span:
    return Span(span.start_char, span.end_char)


def _case_ok(text: str, form: Form) -> bool:
    """Proper names match only where the text is capitalised ("Chad", not "chad")."""
    if form.case_sensitive:
        return True
    first = form.surface.removeprefix("the ").lstrip()[:1]
    return not (first.isupper() and text[:1].islower() and not text.lower().startswith("the "))


def _stands_alone(span: Any) -> bool:
    """A demonym used as a noun ("the Americans", "Israelis said") rather than a modifier."""
    root = span.root
    return root.dep_ not in ("amod", "compound", "npadvmod", "nmod") and root.tag_ in (
        "NNPS",
        "NNS",
        "NNP",
    )
