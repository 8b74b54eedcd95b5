"""Event arguments: which actor a token stands for — a mention, the organisation a spokesman
speaks for, the reporter of a quote, or the antecedent of "it" and "the group"."""

from __future__ import annotations

from typing import Any

from khaldun.actors.dictionary import ActorDictionary
from khaldun.actors.resolve import country_actor
from khaldun.events.lexicon import Lexicon
from khaldun.model import Actor, ActorMention, PlaceMention, Span

# the generic actors "they" can stand for when they were the last to act
ACTING_CROWDS = frozenset({"MIL", "COP", "REB", "MLA", "CRM", "PRO"})
PRONOUNS = frozenset({"it", "its", "they", "their", "them", "we", "us", "our", "he", "she"})
ANAPHORS = frozenset({"group", "militia", "movement", "organisation", "organization", "faction"})
FACILITY_NOUNS = frozenset(
    [
        "facility",
        "base",
        "position",
        "site",
        "target",
        "installation",
        "port",
        "airport",
        "vessel",
        "ship",
        "camp",
        "outpost",
        "checkpoint",
        "headquarters",
        "embassy",
    ]
)


# Titles that give an unlisted person's sector: "Defence Secretary Tom King", "Gen. Avril".
TITLE_SECTORS = {
    **dict.fromkeys(["president", "minister", "secretary", "premier", "chancellor", "king",
                     "queen", "emir", "sultan", "prince", "sheikh", "governor", "mayor",
                     "ambassador", "negotiator", "spokesman", "spokeswoman"], "GOV"),
    **dict.fromkeys(["general", "gen.", "colonel", "col.", "lt.", "major", "brigadier",
                     "admiral", "commander"], "MIL"),
}  # fmt: skip
# Singular nouns that name a body or a person who acts for one: "the Umma party said…"
ACTING_NOUNS = frozenset({"party", "coalition", "association", "forum", "council", "committee",
                          "front", "newspaper", "agency", "organisation", "organization",
                          "alliance", "federation", "league", "body", "commission", "assembly",
                          "cabinet", "junta", "regime", "delegation", "team", "wing", "faction",
                          "official", "leader", "chief", "spokesman", "spokeswoman", "union",
                          "group", "movement", "government", "ministry", "court", "parliament"})  # fmt: skip
# "thousands of Nigerians", "a group of Yoruba leaders": the people are the actor
QUANTITY_HEADS = frozenset({"thousand", "hundred", "dozen", "million", "score", "group",
                            "number", "crowd", "band", "handful"})  # fmt: skip
# modifiers of a subject that belong to its phrase
PHRASE_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})


class Arguments:
    """Resolution of argument tokens to actor mentions, over one parsed article."""

    lex: Lexicon
    book: ActorDictionary
    doc: Any
    actor_at: dict[int, ActorMention]
    _owning: set[int]  # generic actors whose owner is being looked for (no loop through "its")

    def _state_modifier(self, tok: Any, category: str) -> ActorMention | None:
        m = self.actor_at.get(tok.i)
        if m is not None:
            return m
        for f in self.book.lookup(tok.text):
            e = self.book.entries[f.entry_id]
            if e.kind == "state" and e.country:
                sector = "MIL" if category in ("ASSAULT", "MOBILIZE") else "GOV"
                return ActorMention(_tokspan(self.doc[tok.i : tok.i + 1]), tok.text,
                                    country_actor(self.book, e.country, sector, e.name), "adjective", 0.7)  # fmt: skip
        return None

    def _unresolved(self, tok: Any, names_only: bool = False) -> ActorMention | None:
        """A subject no dictionary knows ("Ibo traditional elders", "British Defence Secretary
        Tom King"), kept with its text, and the country and sector its words give. With
        ``names_only`` (objects and recipients), only a name: "ordered Carlos Menem to…"."""
        if tok.pos_ not in ("NOUN", "PROPN", "NUM") or tok.lower_ in PRONOUNS:
            return None
        lemma = tok.lemma_.lower()
        if lemma in QUANTITY_HEADS or tok.ent_type_ == "CARDINAL":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self._resolve(p) or self._unresolved(p, names_only)
        if tok.pos_ == "NUM":
            return None
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY"):
            return None  # a place is where, not who (states are in the dictionary)
        if names_only and tok.pos_ != "PROPN" and tok.ent_type_ not in ("PERSON", "ORG", "NORP"):
            return None
        if (
            tok.pos_ == "NOUN"
            and tok.tag_ != "NNS"
            and tok.ent_type_ not in ("PERSON", "ORG", "NORP")
            and lemma not in ACTING_NOUNS
            and not any(c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in tok.children)
        ):
            return None  # "an explosion killed…", "the toll rose": no one acts
        if lemma in self.lex.instruments or lemma in self.lex.nouns:
            return None  # "rockets hit…", "the attack killed…"
        words = [tok]
        for c in tok.lefts:
            if c.dep_ in PHRASE_DEPS:
                words.extend(c.subtree)
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                words.extend(c.subtree)
            elif c.dep_ == "compound" or (c.dep_ == "appos" and c.i == tok.i + 2):
                words.append(c)
        lo, hi = min(t.i for t in words), max(t.i for t in words) + 1
        while lo < tok.i and self.doc[lo].dep_ in ("det", "punct"):
            lo += 1
        if hi - lo > 10 or any(t.text in (",", ";", ":", '"', "``", "''") for t in self.doc[lo:hi]):
            lo, hi = (
                min(t.i for t in [tok, *[c for c in tok.lefts if c.dep_ in PHRASE_DEPS]]),
                tok.i + 1,
            )
        span = self.doc[lo:hi]
        country = sector = None
        for t in span:
            mention = self.actor_at.get(t.i)
            if mention is not None and mention.actor.kind == "state" and country is None:
                country = mention.actor.country
            for f in self.book.lookup(t.text) if country is None else ():
                e = self.book.entries[f.entry_id]
                if e.kind == "state" and t.text[:1].isupper():
                    country = e.country
                    break
            sector = sector or TITLE_SECTORS.get(t.lower_)
        actor = Actor(name=span.text, country=country, sector=sector)
        return ActorMention(_tokspan(span), span.text, actor, "unresolved", 0.3)

    def _target_actor(self, target: Any, own: set[int]) -> ActorMention | None:
        m = self._resolve(target, follow_of=True)
        if m is not None:
            return m
        for t in target.subtree:
            if own and t.i not in own:
                continue
            if t.dep_ == "pobj" and t.head.dep_ == "agent":
                m = self._resolve(t)
                if m is not None:
                    return m
        return self._people_of(target)

    def _people_of(self, target: Any) -> ActorMention | None:
        """A civilian target named by its people's adjective: "Palestinian homes", "Kurdish
        villages" (not "an Afghan military post")."""
        if target.lemma_.lower() not in CIVILIAN_THINGS:
            return None
        for c in target.children:
            if c.dep_ not in ("amod", "compound") or not c.text[:1].isupper():
                continue
            for form in self.book.lookup(c.text):
                state = self.book.state(self.book.entries[form.entry_id].country or "")
                if form.form == "adjective" and state is not None:
                    actor = country_actor(self.book, state.id, "CVL", "Civilians")
                    span = self.doc[c.i : target.i + 1]
                    return ActorMention(_tokspan(span), span.text, actor, "adjective", 0.5)
        return None

    def _state_of_place(self, target: Any, place: PlaceMention) -> ActorMention | None:
        if target.lemma_.lower() not in FACILITY_NOUNS:
            return None
        return self._place_actor(place, "MIL", "Military forces", 0.6)

    def _resolve(self, tok: Any, follow_of: bool = True) -> ActorMention | None:
        """The actor a token stands for: a mention, a role's organisation, or an antecedent."""
        m = self.actor_at.get(tok.i)
        if m is not None and m.how == "generic":
            # "Taliban militants", "Houthi fighters": the named group, not the generic noun
            for c in tok.children:
                named = self.actor_at.get(c.i) if c.dep_ in ("compound", "amod") else None
                if named is not None and named.how != "generic" and named.actor.kind != "state":
                    return named
        if m is not None and m.how == "generic":
            # "activists from the Fatah party": the named body they came from
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                    for p in c.children:
                        named = self.actor_at.get(p.i) if p.dep_ == "pobj" else None
                        if (
                            named is not None
                            and named.how == "dictionary"
                            and named.actor.kind != "state"
                        ):
                            return named
        if m is not None:
            if m.how == "generic" and m.actor.country is None:
                return self._owned(tok, m)
            return m
        low = tok.lower_
        if low in ("we", "us", "our"):
            return self._speaker_of_quote(tok)
        if low in PRONOUNS or (
            tok.lemma_.lower() in ANAPHORS and any(c.lower_ == "the" for c in tok.children)
        ):
            return self._antecedent(tok)
        if tok.pos_ == "PROPN":
            for c in tok.children:  # "Kenzo Oshima, the UN relief coordinator, demanded…"
                if c.dep_ == "appos" and (found := self._resolve(c)) is not None:
                    if found.how != "generic" and (c.lemma_.lower() not in _roles()
                                                   or tok.ent_type_ != "PERSON"):  # fmt: skip
                        return found
                    # "Salaheddine Sidhoum, Algeria's leading rights activist": the person,
                    # as the kind of actor the apposition says
                    name = self.doc[
                        min(t.i for t in tok.subtree if t.dep_ == "compound" or t is tok) : tok.i
                        + 1
                    ]
                    return ActorMention(
                        _tokspan(name), name.text, found.actor, found.how, found.score
                    )
        # "a Karen guerrilla stronghold", "Israel's militia ally": its owner; "the president of
        # X": X (followed once: not "part of the camps of…")
        follow = follow_of or tok.lemma_.lower() in _roles()
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "nmod") and c.i in self.actor_at:
                m = self.actor_at[c.i]
                if tok.pos_ == "PROPN" and c.dep_ != "poss" and m.actor.kind == "state":
                    continue  # a state's name inside another name: "Amar Bangladesh Party"
                if tok.pos_ == "PROPN" and m.how == "generic" and c.dep_ == "compound":
                    # "Ousted president Jean-Bertrand Aristide": the person, by title
                    name = self.doc[min(m_.i for m_ in (c, *c.subtree)) : tok.i + 1]
                    return ActorMention(_tokspan(name), name.text, m.actor, m.how, m.score)
                return m
            if follow and c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self._resolve(p, follow_of=False)
        return None

    def _host(
        self, place: PlaceMention, actor1: ActorMention | None, *, domestic: bool = False
    ) -> ActorMention | None:
        """The state of the territory an event took place on, unless it is the actor's own
        (``domestic``: even then). An international body or charity is foreign everywhere."""
        iso = place.place.country if place.place else None
        if iso is None or self.book.state(iso) is None:
            return None
        if actor1 is None or place.span.start == actor1.span.start:
            return None  # no actor, or the place is the actor's own name
        abroad = (actor1.actor.sector in ("IGO", "NGO") and actor1.actor.country is None) or (
            actor1.actor.country not in (None, iso)
        )
        if not (domestic or abroad):
            # "Kenya deployed troops in Mandera": no counterpart; "ministers met in Cairo":
            # whose ministers is not known, so neither is whether Egypt is their host
            return None
        return self._place_actor(place, "GOV", "Government")

    def _place_actor(
        self, place: PlaceMention, sector: str, fallback: str, score: float = 0.5
    ) -> ActorMention | None:
        """A branch or the people of the state a place lies in, named by the place ("Cizre"
        for Turkey's civilians, "Amman" for Jordan's government); None outside a known state."""
        iso = place.place.country if place.place else None
        if iso is None or self.book.state(iso) is None:
            return None
        actor = country_actor(self.book, iso, sector, fallback)
        return ActorMention(place.span, place.text, actor, "place-country", score)

    def _owned(self, tok: Any, m: ActorMention) -> ActorMention:
        """ "its troops" after "Israel denied…": a generic actor takes its owner's country."""
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ in PRONOUNS:
                if tok.i in self._owning:
                    return m  # "…, its foreign minister said": "its" is not the minister
                self._owning.add(tok.i)
                try:
                    owner = self._antecedent(c)
                finally:
                    self._owning.discard(tok.i)
                if owner is not None and owner.actor.country and m.actor.sector:
                    actor = country_actor(
                        self.book, owner.actor.country, m.actor.sector, m.actor.name
                    )
                    return ActorMention(m.span, m.text, actor, "generic", m.score)
        return m

    def _speaker_of_quote(self, tok: Any) -> ActorMention | None:
        root = tok.sent.root
        if root.lemma_.lower() in self.lex.reporting:
            s = _subject(root)
            if s is not None and s.i != tok.i:
                return self._resolve(s)
        return None

    def _antecedent(self, tok: Any) -> ActorMention | None:
        plural = tok.lower_ in ("they", "them", "their")
        # inside a reported clause, "it" is the reporter: "The IRI said it had used drones"
        for anc in tok.ancestors:
            if anc.lemma_.lower() in (self.lex.reporting | self.lex.threat | self.lex.denial):
                s = _subject(anc)
                if s is not None and s.i != tok.i and s.lower_ not in PRONOUNS:
                    return self._resolve(s) or self._unresolved(s)
        best = None
        for anc in tok.ancestors:
            if anc.lemma_.lower() in (self.lex.reporting | self.lex.threat | self.lex.denial):
                s = _subject(anc)
                if s is not None and s.i != tok.i and s.i in self.actor_at:
                    return self.actor_at[s.i]
        for i in range(tok.i - 1, max(-1, tok.i - 400), -1):
            m = self.actor_at.get(i)
            if m is None or (m.actor.kind == "state" and m.how != "dictionary"):
                continue
            t = self.doc[i]
            if m.actor.kind in ("armed_group", "party", "igo", "ngo", "government_body") or (
                m.actor.kind == "generic" and m.actor.sector == "REB"
            ):
                if t.dep_ in ("nsubj", "nsubjpass"):
                    return m
                best = best or m
            elif (plural and m.how == "generic" and m.actor.sector in ACTING_CROWDS
                  and t.dep_ == "nsubj" and t.tag_ == "NNS"):  # fmt: skip
                # "Four police officers raided a home. They shot the owner."
                return best or m
        return best


def _subject(verb: Any) -> Any:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if c.pos_ == "VERB":  # "The Red Cross operating in Iraq said": parsed as a clause
                return next((s for s in c.children if s.dep_ == "nsubj"), c)
            return c
    if verb.dep_ == "acomp":  # "Syria is willing to…": the copula's subject
        return _subject(verb.head)
    return None


def _tokspan(span: Any) -> Span:
    return Span(span.start_char, span.end_char)


# what people live, pray, learn and trade in: their attacker's target is those people
CIVILIAN_THINGS = frozenset({"home", "house", "village", "neighbourhood", "neighborhood",
                             "school", "mosque", "church", "temple", "shop", "market", "farm",
                             "property", "land", "building", "settlement", "hospital"})  # fmt: skip


def _roles() -> frozenset[str]:
    from khaldun.knowledge import generic_nouns

    return frozenset(generic_nouns().roles)
