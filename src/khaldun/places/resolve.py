"""Find place mentions in a parsed article and resolve them with the gazetteer.

Candidates by exact normalised name; ranked by feature (country > town by population), the
article's country context and "X in Y" parents. "Erbil airport" is the airport nearest Erbil;
"northern Iraq" is Iraq at region precision. Actor mentions are not places, except a country
or capital in a place role ("in Iraq", "in Baghdad").
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from khaldun.knowledge import community_forms
from khaldun.model import ActorMention, Place, PlaceMention, Span
from khaldun.places.gazetteer import Entry, Gazetteer, haversine_km
from khaldun.text import key

PLACE_PREPS = frozenset(
    [
        "in",
        "at",
        "near",
        "across",
        "through",
        "from",
        "into",
        "to",
        "inside",
        "outside",
        "throughout",
        "around",
        "outskirts",
        "of",
        "toward",
        "towards",
        "on",
        "off",
        "along",
        "within",
        "between",
    ]
)
ADMIN_WORDS = frozenset(
    [
        "city",
        "town",
        "village",
        "district",
        "province",
        "region",
        "governorate",
        "county",
        "state",
        "municipality",
        "area",
        "camp",
        "locality",
        "subdistrict",
        "upazila",  # Bangladesh's subdistricts ("Bagmara upazila")
        "sadar",  # a district's headquarters subdistrict ("Faridpur Sadar")
        "thana",
        "tehsil",
        "ward",
    ]
)
# what follows a community's name when it names the people ("Luo ethnic group", "Pokot youths";
# not "Meru residents", who live in Meru)
COMMUNITY_WORDS = frozenset({"ethnic", "community", "communities", "tribe", "tribesmen", "clan",
                             "clansmen", "group", "people", "youth", "youths", "elders", "militia",
                             "militias", "herders", "herdsmen", "raiders", "warriors", "morans",
                             "and"})  # fmt: skip
# a headline's verb after its actor: "Orma attack Pokomo", "Pokot raid Turkana village"
HEADLINE_ACTS = frozenset({"attack", "attacks", "raid", "raids", "kill", "kills", "clash",
                           "clashes", "fight", "fights", "battle", "battles", "ambush", "ambushes",
                           "storm", "storms", "invade", "invades"})  # fmt: skip
AIRPORT_WORDS = frozenset({"airport", "airbase", "airfield"})
# second-level units named by their word: "Nahri Saraj district", "Kigumo constituency"
UNIT_WORDS = frozenset({"district", "constituency"})
# labels the small model gives to place names it does not know: "Nyakach" a WORK_OF_ART
NO_PLACE_ENTS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
DIRECTIONS = frozenset(
    [
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north",
        "south",
        "east",
        "west",
    ]
)


def _place(e: Entry, precision: int | None = None) -> Place:
    return Place(
        name=e.name,
        country=e.country,
        admin1=e.admin1 if e.feature != "city" else None,
        lat=e.lat,
        lon=e.lon,
        precision=precision if precision is not None else e.precision,
        gazetteer_id=e.gid,
        feature=e.feature,
    )


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer, capitals: dict[str, str] | None = None) -> None:
        self.gaz = gazetteer
        self.capitals = capitals or {}  # ISO3 -> capital's name, for "the capital"
        self._admin_votes: Counter[tuple[str, str]] = Counter()

    def find(self, doc: Any, actors: tuple[ActorMention, ...],
             home: str | None = None) -> list[PlaceMention]:  # fmt: skip
        """The place names of a parsed text, resolved. ``home``: the country its outlet reports
        from (``khaldun.sources``), a weak vote for reading its names there."""
        # unresolved or fuzzy organisation mentions may well be places ("Erbil airport")
        actor_at = {c: m for m in actors if m.how not in ("unresolved", "fuzzy")
                    for c in range(m.span.start, m.span.end)}  # fmt: skip
        spans: list[tuple[int, int]] = []  # token ranges
        taken: set[int] = set()
        # 1. the model's GPE/LOC/FAC entities and capitalised gazetteer names
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC", "ORG", "NORP") or (
                ent.label_ == "PERSON" and _locative(ent)
            ):
                spans.append((ent.start, ent.end))
        for tok in doc:
            if (
                tok.pos_ == "PROPN"
                and (
                    not tok.ent_type_
                    or tok.ent_type_ in NO_PLACE_ENTS  # "Raiders attacked Nyakach" (WORK_OF_ART)
                    or (tok.ent_type_ not in NUMERIC_ENTS and _after_locative(tok))
                )
                and len(tok.text) > 2
                and tok.text[0].isupper()
            ):
                # a name the model ran into a longer entity: "in Kakamega assaulted Nation" (ORG),
                # "a polling station in Galole" (PRODUCT)
                spans.append((tok.i, tok.i + 1))
            elif _town_as_noun(tok) and self._town(tok.text):
                # a town the model tagged a common noun: "Eldoret residents protested"
                spans.append((tok.i, tok.i + 1))
        # the proper nouns before "district" are its name, whatever the model made of them:
        # "in Dawlat Abad district center", "in Band Temur of Maywand district"; and a run of
        # proper nouns the model split is one name: "Imenti South", "Samburu West"
        for tok in doc:
            if tok.lower_ in UNIT_WORDS and tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN":
                start = tok.i - 1
                while start > max(0, tok.i - 4) and doc[start - 1].pos_ == "PROPN":
                    start -= 1
                spans.append((start, tok.i))
            if tok.pos_ == "PROPN" and (tok.i == 0 or doc[tok.i - 1].pos_ != "PROPN"):
                end = tok.i + 1
                while end < min(len(doc), tok.i + 4) and doc[end].pos_ == "PROPN":
                    end += 1
                if end - tok.i > 1:
                    spans.append((tok.i, end))
        # a town's name of two or three capitalised words the model did not take as one name:
        # "Residents of Ol Kalou" ("Ol" an adjective, "Kalou" a person)
        title = [t.is_title and t.is_alpha and not t.is_stop for t in doc]
        for i in range(len(title) - 1):
            if not (title[i] and title[i + 1]):
                continue
            for n in (3, 2):
                if i + n <= len(title) and all(title[i : i + n]):
                    words = doc[i : i + n]
                    if len(k := key(words.text).split()) == n and " ".join(k) in self.gaz.names:
                        spans.append((i, i + n))
                        break
        # an institution named after its town is in that town: "Maseno University", "the
        # University of Nairobi", "Bungoma High School"
        for ent in doc.ents:
            if ent.label_ in ("ORG", "FAC") and (town := _institution_town(ent)) is not None:
                spans.append(town)
        # transliterated names joined by hyphens are one name: "Pul-e Khumri", "Sar-e Gaw"
        chains = _hyphen_names(doc)
        # a road named for the towns it joins is no place's name: its first town is read
        # ("barricaded the Eldoret-Malaba highway"), which the events take only when no
        # other place is named
        roads = [(s, e) for s, e in chains if e < len(doc) and doc[e].lower_ in ROADS]
        chains = [c for c in chains if c not in roads]
        spans.extend(chains)
        spans.extend((s, s + 1) for s, _ in roads)
        out: list[PlaceMention] = []
        country_votes: Counter[str] = Counter()
        pending: list[tuple[Any, list[Entry]]] = []
        for start, end in sorted(set(spans), key=lambda se: (se[0], -se[1])):
            if any(t in taken for t in range(start, end)):
                continue
            if (start, end) in chains:
                # never read a fragment ("Pul", "Deh") as a place of its own
                taken.update(range(start, end))
            if any(
                doc[t].ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY") for t in range(start, end)
            ):
                continue
            span = doc[start:end]
            while len(span) and span[0].lower_ in ("the",):
                span = span[1:]
            if not len(span):
                continue
            if span.text in community_forms() and not _after_locative(span[0]) and (
                (span.end < len(doc) and doc[span.end].lower_ in COMMUNITY_WORDS)
                # a headline's first word: "Orma attack Pokomo" (not "Turkana County …")
                or (span.start == span.sent.start and span.end < len(doc)
                    and doc[span.end].lower_ in HEADLINE_ACTS)
            ):  # fmt: skip
                continue  # "Orma ethnic group attacks", "Luo youths": a people, not a place
            # "Erbil airport", "Haifa port": extend to a facility word
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and nxt.lower_ in AIRPORT_WORDS:
                found = self._airport(span.text)
                if found is not None:
                    whole = doc[span.start : span.end + 1]
                    out.append(PlaceMention(Span(whole.start_char, whole.end_char), whole.text,
                                            _place(found), 0.9))  # fmt: skip
                    taken.update(range(whole.start, whole.end))
                    country_votes[found.country or ""] += 1
                    continue
            m = actor_at.get(span.start_char)
            if m is not None and not self._place_role(span, m):
                continue
            cands = self.gaz.candidates(span.text)
            if nxt is not None and nxt.lower_ in UNIT_WORDS:
                # "Nahri Saraj district", "Zhari district": a district the gazetteer knows by its
                # name and word, whose bare name is no place or another's (a town, a province)
                named = self.gaz.candidates(f"{span.text} {nxt.lower_}")
                named = [c for c in named if c.feature == "admin2"]
                if named:
                    span, cands = doc[span.start : span.end + 1], named
            if not cands and span.text.endswith("'s"):
                cands = self.gaz.candidates(span.text[:-2])
            if not cands and len(span) == 1 and span.text.endswith("s") and len(span.text) > 4:
                # a possessive written without its apostrophe: "Nairobis Woodley market",
                # "Kenyas north-eastern district"; only a well-known place's
                cands = [c for c in self.gaz.candidates(span.text[:-1])
                         if c.feature == "country" or c.population >= 100_000]  # fmt: skip
            if _after_locative(span[0]):
                # "in Saku": a unit listed by its word only, since its bare name is a town's
                # abroad ("Saku constituency"); read there only in the light of its country
                # (``_local_readings``), and only in a place role (not "the Kikuyu attacked",
                # "the Wakali Kwanza gang")
                cands = [*cands, *self._bare_units(span.text, cands)]
            if not cands and len(span) > 1 and span[-1].lower_ in ADMIN_WORDS:
                # "Kabul city", "Nijrab district", "Balkh province"
                cands = self.gaz.candidates(span[:-1].text)
            if not cands and len(span) > 2:
                # "Dhaka - Badda", "Kashiani, Gopalganj": the most specific part that is a place
                # a later part lies near the first ("Dhaka - Hazaribagh" is a part of Dhaka,
                # not the town in India; "Dhaka - Kotwali" not Rangpur's Kotwali)
                found = [
                    (part, c) for part in _parts(span) if (c := self.gaz.candidates(part.text))
                ]
                if found:
                    first = max(found[0][1], key=lambda e: e.population)
                    for part, c in reversed(found):
                        near = [e for e in c if e is first or _within(e, first, 100)]
                        if near:
                            span, cands = part, near
                            break
            if span.text.isupper() and len(span.text) <= 3:
                # "US", "UAE" are countries; "AL" (a party), "APC" (a vehicle) are no towns
                cands = [c for c in cands if c.feature == "country"]
            if not cands:
                continue
            parents = _parents(span, self.gaz)
            if parents:
                # "the Majengo area of Mombasa": the reading under its parent; none there ("the
                # Lexington area of Nairobi"): a local place the gazetteer lacks, for which the
                # parent stands
                cands = [c for c in cands if any(_under(c, p) for p in parents)]
                if not cands:
                    continue
            after = doc[span.end].lower_ if span.end < len(doc) else ""
            cands = prefer_kind(cands, after) or cands
            if _after_district(span):
                # "in Zhari district, Kandahar": the province, not its capital
                cands = prefer_kind(cands, "province") or cands
            if span.start > 0 and doc[span.start - 1].text == "," and _in_brackets(span):
                # "(Manikgonj Sadar, Dhaka)": a gloss ends with the province
                cands = [c for c in cands if c.feature in AREAS] or cands
            pending.append((span, cands))
            taken.update(range(span.start, span.end))
            for c in cands:
                if c.feature == "country" and c.country:
                    country_votes[c.country] += 1
        pending = _local_readings(pending, actors, home)
        # the article's countries and provinces from every name first, so that a place named
        # early is read in the light of one named later ("Gopalganj city, Kashiani (Dhaka)")
        votes, self._admin_votes = context_votes([c for _, c in pending])
        country_votes.update(votes)
        # and the countries of the named actors ("Awami League members rallied in Dhaka")
        country_votes.update(_actor_countries(actors))
        if home:
            country_votes[home] += 1
        first = [self._rank(span, cands, country_votes) for span, cands in pending]
        keys = [key(span.text) for span, _ in pending]
        for i, (span, cands) in enumerate(pending):
            region = _direction(span)
            named = self.gaz.candidates(f"{region.text} {span.text}") if region else []
            if named:  # "southern Lebanon", "northern Gaza": a region of the project's file
                cands = named
            best = self._rank(span, cands, country_votes, _anchors(first, i, keys),
                              _countries(first, i))  # fmt: skip
            prec = best.precision
            if region and best.feature == "country":
                prec = 2
            text_span = doc[region.i : span.end] if region else span
            out.append(PlaceMention(Span(text_span.start_char, text_span.end_char),
                                    text_span.text, _place(best, prec), 0.8))  # fmt: skip
            if best.country:
                country_votes[best.country] += 1
        out = _outside_their_district(doc, out)
        out.extend(self._the_capital(doc, taken, country_votes))
        return sorted(out, key=lambda p: p.span)

    def _the_capital(self, doc: Any, taken: set[int], votes: Counter[str]) -> list[PlaceMention]:
        """ "the capital" is the capital of the country the article is about."""
        if not votes:
            return []
        iso = votes.most_common(1)[0][0]
        name = self.capitals.get(iso)
        cands = [c for c in self.gaz.candidates(name) if c.country == iso] if name else []
        if not cands:
            return []
        city = max(cands, key=lambda c: c.population)
        out = []
        for tok in doc:
            if (tok.lower_ == "capital" and tok.i not in taken and tok.i > 0
                    and doc[tok.i - 1].lower_ == "the" and tok.pos_ == "NOUN"
                    # "the capital Nairobi" names its city
                    and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN")
                    and not any(c.dep_ == "prep" for c in tok.children)):  # fmt: skip
                span = doc[tok.i - 1 : tok.i + 1]
                out.append(
                    PlaceMention(Span(span.start_char, span.end_char), span.text, _place(city), 0.6)
                )
        return out

    def _bare_units(self, name: str, cands: list[Entry]) -> list[Entry]:
        """The second-level units named "<name> constituency", in a country where no bare
        ``name`` reading of the gazetteer is."""
        have = {c.country for c in cands}  # the town it is named after keeps the name
        return [c for c in self.gaz.candidates(f"{name} constituency")
                if c.country not in have and _bare_unit(c, key(name))]  # fmt: skip

    def _place_role(self, span: Any, mention: ActorMention) -> bool:
        """A country or capital in a place role ("in Iraq", "in Baghdad"), not an actor role."""
        root = span.root
        if mention.how == "generic" and span.end_char < mention.span.end:
            # a town naming the people of a generic actor: "Nairobi residents", "Kisumu traders"
            # (a country there is theirs: "US forces")
            return (root.pos_ == "PROPN"
                    and (root.ent_type_ in ("GPE", "LOC", "FAC") or self._town(span.text))
                    and not any(c.feature == "country" for c in self.gaz.candidates(span.text)))  # fmt: skip
        if mention.how == "generic" and self._town(span.text):
            # a community's name that is also a town's, in a place role: "residents of Meru"
            head = root.head
            return root.dep_ == "pobj" and head.lower_ in PLACE_PREPS and head.lower_ != "between"
        if (mention.how == "capital" and root.dep_ in ("poss", "compound")
                and (root.head.pos_ == "PROPN" or root.head.lemma_.lower() in TOWN_PARTS)):  # fmt: skip
            return True  # the city, not its government: "Nairobi's Mathare slum", "Nairobi CBD"
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if mention.how == "capital" and nxt is not None and nxt.lower_ in LOCAL_OFFICES:
            return True  # the city's own office: "Nairobi Governor Evans Kidero"
        if mention.how not in ("dictionary", "capital", "metonym"):
            return False
        if mention.actor.kind != "state" and mention.how == "dictionary":
            return False
        if _in_brackets(span):
            return True  # "Gopalganj city, Kashiani (Dhaka)": a bracketed gloss of a place
        head = root.head
        if root.dep_ == "appos" and head.lower_ in AREA_WORDS | {"area"}:
            return True  # "in Shah Wali Kot district, Kandahar"
        while root.dep_ in ("conj", "compound", "appos") and head is not root:
            root, head = head, head.head
        return root.dep_ == "pobj" and head.lower_ in PLACE_PREPS and head.lower_ != "between"

    def _town(self, name: str) -> bool:
        """Is the name a town of some size (20,000 people), whatever else it names?"""
        return any(
            c.feature == "city" and c.population >= 20_000 for c in self.gaz.candidates(name)
        )

    def _airport(self, city: str) -> Entry | None:
        for c in self.gaz.candidates(city):
            if c.feature == "airport":
                return c
        towns = [c for c in self.gaz.candidates(city) if c.feature == "city"]
        towns.sort(key=lambda c: -c.population)
        for t in towns[:3]:
            if t.lat is not None and t.lon is not None:
                a = self.gaz.nearest_airport(t.lat, t.lon)
                if a is not None:
                    return a
        return None

    def _rank(self, span: Any, cands: list[Entry], votes: Counter[str],
              anchors: list[Entry] | None = None,
              countries: set[str] | frozenset[str] = frozenset()) -> Entry:  # fmt: skip
        return rank(cands, votes, self._admin_votes, parent=_parent_country(span, self.gaz),
                    anchors=anchors, name=span.text, countries=countries)  # fmt: skip

    def resolve_spans(self, text: str, spans: list[tuple[int, int]]) -> list[PlaceMention]:
        """Resolve given toponym spans (as the literature scores resolution): every span gets
        its best candidate, ranked with the article's country and province context."""
        items = []
        for s, e in spans:
            name = text[s:e]
            # "Kansas City" is a city's name; "Walker County" may be listed as "Walker"
            cands = lookup(self.gaz, name)
            word = name.split()[-1].lower() if len(name.split()) > 1 else ""
            nxt = re.match(r"\s+(\w+)", text[e : e + 20])
            cands = (
                prefer_kind(cands, word)
                or prefer_kind(cands, nxt.group(1).lower() if nxt else "")
                or cands
            )
            items.append((s, e, cands))
        votes, admin = context_votes([c for _, _, c in items])
        parents = [
            _text_parent(text, e, self.gaz)
            if not any(x.feature in ("admin1", "country") for x in c)
            else (None, None)  # "Virginia, Washington and Oregon" is a list, not a parent
            for _, e, c in items
        ]
        pools = _pools([(key(text[s:e]), c) for s, e, c in items])
        listed = _listed(text, items)
        first = [rank(c, votes, admin, parent=p[0], parent_admin=p[1], name=text[s:e],
                      pools=[v for k, v in pools.items() if k != key(text[s:e])],
                      listed=listed[i]) if c else None
                 for i, ((s, e, c), p) in enumerate(zip(items, parents, strict=True))]  # fmt: skip
        out, bests = [], []
        for i, (s, e, cands) in enumerate(items):
            country, province = parents[i]
            anchors = _anchors(first, i, [key(text[a:b]) for a, b, _ in items])
            best = rank(cands, votes, admin, parent=country, parent_admin=province,
                        anchors=anchors, name=text[s:e],
                        countries=_countries(first, i), listed=listed[i]) if cands else None  # fmt: skip
            bests.append(best)
            out.append(
                PlaceMention(
                    Span(s, e), text[s:e], _place(best) if best else None, 0.8 if best else 0.0
                )
            )
        return self._unknown_names(text, _place_counties(out, bests), votes, admin)

    def _text_focus(
        self, text: str, votes: Counter[str], admin: Counter[tuple[str, str]]
    ) -> Place | None:
        """The town or province the text names most among its capitalised words (towns of some
        size, by the name they bear), for a text whose given names are all unknown."""
        named: Counter[str] = Counter()
        for m in _CAPITALISED.finditer(text):
            words = m.group(0).split()
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                if any(
                    (c.feature == "city" and c.population >= 5000 and key(c.name) == key(name))
                    or c.feature == "admin1"
                    for c in self.gaz.candidates(name)
                ):
                    named[name] += 1
                    break
        if not named:
            return None
        name = named.most_common(1)[0][0]
        return _place(rank(self.gaz.candidates(name), votes, admin, name=name))

    def _unknown_names(
        self,
        text: str,
        found: list[PlaceMention],
        votes: Counter[str],
        admin: Counter[tuple[str, str]],
    ) -> list[PlaceMention]:
        """A name the gazetteer lacks ("Kincaid Park", "Zamalek") is placed, with a coarser
        precision and a low confidence, at the place named as its parent ("Kincaid Park in
        Anchorage"), else at the article's focus: the place it names most, or its country."""
        known = [m.place for m in found if m.place is not None]
        if len(known) == len(found):
            return found
        spots = Counter(p.gazetteer_id for p in known if p.feature != "country" and p.precision < 3)
        focus = None
        if spots:
            gid = spots.most_common(1)[0][0]
            focus = next(p for p in known if p.gazetteer_id == gid)
        elif known:
            gid = Counter(p.gazetteer_id for p in known).most_common(1)[0][0]
            focus = next(p for p in known if p.gazetteer_id == gid)
        else:
            focus = self._text_focus(text, votes, admin)
        out = []
        for m in found:
            if m.place is None:
                place = None
                hit = _PARENT_AFTER.match(text, m.span.end)
                if hit:
                    cands = lookup(self.gaz, hit.group(1))
                    if cands:
                        place = _place(rank(cands, votes, admin, name=hit.group(1)))
                if place is None:
                    place = focus
                if place is not None:
                    prec = max(2, place.precision or 2)
                    m = PlaceMention(m.span, m.text, replace(place, precision=prec), 0.3)
            out.append(m)
        return out


_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*){0,2}")
# "Kincaid Park in Anchorage", "Zamalek, Cairo", "the Royal Hotel on Kabul's Street"
_PARENT_AFTER = re.compile(
    r"(?:\s*,\s*|\s+(?:in|at|near|outside|of|on)\s+(?:the\s+)?)([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3})"
)
LISTED_BONUS = 4.0
FEATURE_BONUS = {"country": 30.0, "admin1": 2.0, "province": 5.0, "airport": 4.0}
# a town found by one of its alternate names (an old, foreign or variant spelling) needs to be
# this many orders of magnitude larger to beat a town that bears the name
ALT_NAME_PENALTY = 2.5


def context_votes(groups: list[list[Entry]]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Which countries and provinces an article is about: named outright, or the only reading
    of a name."""
    votes: Counter[str] = Counter()
    admin: Counter[tuple[str, str]] = Counter()
    seen: set[tuple[str, ...]] = set()
    for cands in groups:
        ids = tuple(c.gid for c in cands)
        if ids in seen:
            continue  # a name said again tells nothing new
        seen.add(ids)
        countries = {c.country for c in cands if c.country}
        for c in cands:
            if c.feature == "country" and c.country and len(cands) == 1:
                votes[c.country] += 2
            elif (
                c.feature in ("admin1", "admin2", "county")
                and c.country
                and c.admin1
                and len(cands) == 1
            ):
                admin[(c.country, c.admin1)] += 1
        big = sorted((c for c in cands if c.country), key=lambda c: -c.population)
        if (
            len(countries) > 1
            and big[0].population >= 100_000
            and (
                big[0].population
                >= 20 * max(c.population for c in big if c.country != big[0].country)
            )
        ):
            votes[big[0].country or ""] += 1  # "Dhaka": the city of millions, not the village
        if len(countries) == 1:
            votes[next(iter(countries))] += 1
            admins = {(c.country, c.admin1) for c in cands if c.admin1}
            if len(admins) == 1:
                admin[next(iter(admins))] += 1  # type: ignore[arg-type]
    return votes, admin


def rank(
    cands: list[Entry],
    votes: Counter[str],
    admin: Counter[tuple[str, str]] | None = None,
    *,
    parent: str | None = None,
    parent_admin: tuple[str, str] | None = None,
    anchors: list[Entry] | None = None,
    name: str | None = None,
    countries: set[str] | frozenset[str] = frozenset(),
    pools: list[list[Entry]] | None = None,
    listed: list[list[Entry]] | None = None,
) -> Entry:
    """The most likely reading: kind of place, population, and the article's context: its
    countries and provinces, a named parent ("Alexandria, Louisiana"), and nearness to the
    other places the article names (the readings that make one coherent map win).
    ``countries`` are those the article's other names were first read as; ``pools`` (for a
    first reading) the other names' candidates, any of which near a reading supports it;
    ``listed`` the candidates of the names listed next to it ("Texas, Oregon and Nevada")."""
    admin = admin or Counter()
    rivals = [c for c in cands if c.feature == "country"]
    near = [a for a in anchors or () if a.lat is not None and a.lon is not None]

    q = _name_keys(name) if name else None

    # a province named like its own town ("Erbil", "Kandahar") is read as the town
    seats = {(c.country, c.admin1) for c in cands if c.feature == "city" and q and key(c.name) in q}

    acronym = bool(name) and name.isupper() and len(name) <= 4 and name.isalpha()  # type: ignore[union-attr]
    # other countries the article names: then a country's name is likely the country
    foreign = countries - {r.country for r in rivals}

    def score(e: Entry) -> float:
        s = FEATURE_BONUS.get(e.feature, 8.0 if e.gid.startswith("fac:") else 0.0)
        pop = e.population
        if e.feature == "admin1" and (e.country, e.admin1) in seats:
            pop = 0
        s += math.log10(pop + 10)
        if q is not None and e.feature in ("city", "admin2", "county") and key(e.name) not in q:
            # "Athens" is Athens, Texas, before a town it once was; "Ohio" is not Ohio County
            s -= ALT_NAME_PENALTY
        if acronym and e.feature == "city":
            s -= ALT_NAME_PENALTY  # "EU" is the union, not Eu in Normandy
        if e.country and e.country == parent:
            s += 20
        if parent_admin and (e.country, e.admin1) == parent_admin:
            s += 15
        close = 0
        if near and e.lat is not None and e.lon is not None and len(cands) > 1:
            close = sum(1 for a in near if _near(e, a))
        elif pools and e.lat is not None and len(cands) > 1:
            # before any name is read: how many other names have a reading near this one
            close = sum(1 for pool in pools if any(_near(e, a) for a in pool))
        s += 4 * min(close, 3)
        s += 3 * min(votes.get(e.country or "", 0), 3)
        if e.feature == "admin1" and listed:
            # a province listed with provinces of its country ("Ohio, Oregon and Utah")
            s += LISTED_BONUS * sum(
                1 for pool in listed if any(
                    c.feature == "admin1" and c.country == e.country for c in pool)
            )  # fmt: skip
        # "Georgia" in an article about the United States is the state; "Palestine" among the
        # towns of East Texas is the town
        if (
            rivals
            and (
                e.feature == "admin1"
                or (
                    e.feature in ("city", "admin2", "county")
                    and close
                    and not foreign - {e.country}  # no country but the town's own
                    and q
                    and key(e.name) in q
                )
            )
            and votes.get(e.country or "", 0) > max(votes.get(r.country or "", 0) for r in rivals)
        ):
            s += 30
        if e.country and e.admin1:
            s += 2.5 * min(admin.get((e.country, e.admin1), 0), 2)
        return s

    return max(cands, key=score)


def _near(e: Entry, a: Entry) -> bool:
    """Another place of the article is near a reading: a town within 150 km, a province that
    holds it, or a town inside it (a county without a point of its own is such an area). A
    province's centre point says nothing of what is near."""
    if a.feature in AREAS or e.feature in AREAS:
        if a.feature in AREAS and e.feature in AREAS:
            return False

        area, spot = (a, e) if a.feature in AREAS else (e, a)
        return bool(area.admin1) and (spot.country, spot.admin1) == (area.country, area.admin1)
    return haversine_km(e.lat, e.lon, a.lat, a.lon) < 150  # type: ignore[arg-type]


AREAS = frozenset({"admin1", "province", "region", "county"})


TOWN_WORDS = frozenset({"city", "town", "village", "municipality"})
# what a town's name before it places in the town, not its government ("Baghdad's efforts"):
# "Nairobi's Kibera slum", "the Nairobi CBD", "Kisumu's streets"
TOWN_PARTS = ADMIN_WORDS | {"street", "outskirt", "slum", "estate", "suburb", "centre", "center",
                            "cbd", "downtown", "park", "market", "neighbourhood", "neighborhood",
                            "part", "road", "avenue", "square", "office", "court", "station"}  # fmt: skip
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "around", "across", "inside", "within",
                            "of"})  # fmt: skip


NAME_PARTICLES = frozenset({"e", "i", "ye", "y", "al", "el", "ad", "ash", "as", "at", "az", "ar",
                            "an", "ud", "ul", "ur", "u", "o", "a", "da", "de", "du", "bin", "ibn"})  # fmt: skip


def _hyphen_names(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of hyphenated proper names, with the capitalised word after a trailing
    particle ("Pushtah-ye Hasan"), but not "Dhaka-based"."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if not (t.text[:1].isupper() and t.is_alpha and t.whitespace_ == "" and i + 2 < n
                and doc[i + 1].text == "-" and doc[i + 1].whitespace_ == "") :  # fmt: skip
            i += 1
            continue
        j = i
        while j + 2 < n and doc[j + 1].text == "-" and doc[j].whitespace_ == "" \
                and doc[j + 1].whitespace_ == "" and doc[j + 2].is_alpha \
                and (doc[j + 2].lower_ in NAME_PARTICLES or doc[j + 2].text[:1].isupper()):  # fmt: skip
            j += 2
        if j == i:
            i += 1
            continue
        end = j + 1
        if doc[j].lower_ in NAME_PARTICLES and end < n and doc[end].text[:1].isupper():
            end += 1
        out.append((i, end))
        i = end
    return out


def _parts(span: Any) -> list[Any]:
    """A name's parts between dashes, commas and brackets."""
    parts, start = [], span.start
    for t in span:
        joined = t.text == "-" and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_
        if t.is_punct and not joined:  # "Dhaka - Badda" splits, "Sar-e Gaw" does not
            if t.i > start:
                parts.append(span.doc[start : t.i])
            start = t.i + 1
    if span.end > start and start > span.start:
        parts.append(span.doc[start : span.end])
    return parts


PART_WORDS = frozenset({"area", "village", "villages", "town", "locality", "vicinity", "outskirts"})
DISTRICT_KM = 60.0


def _outside_their_district(doc: Any, found: list[PlaceMention]) -> list[PlaceMention]:
    """Drop a town read far from the district it is said to be in: "the Zargaran area of Nahri
    Saraj district" is no village of that name in another province (the gazetteer lacks the
    right one), and the event falls back to the district."""
    at = {m.span.start: m for m in found}
    out = []
    for m in found:
        p = m.place
        end = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if p is not None and p.feature == "city" and end is not None:
            i = end.end
            if i < len(doc) and doc[i].lower_ in PART_WORDS:
                i += 1
            if i < len(doc) and doc[i].lower_ in ("of", "in"):
                i += 1
                if i < len(doc) and doc[i].lower_ == "the":
                    i += 1
                d = at.get(doc[i].idx) if i < len(doc) else None
                home = d.place if d is not None else None
                if (home is not None and home.feature == "admin2" and None not in
                        (p.lat, p.lon, home.lat, home.lon)
                        and haversine_km(p.lat, p.lon, home.lat, home.lon) > DISTRICT_KM):  # type: ignore[arg-type]  # fmt: skip
                    continue
        out.append(m)
    return out


def _after_district(span: Any) -> bool:
    """Does the name follow "district," or "district of" ("Zhari district, Kandahar", "Ghoryan
    district center, Herat", "Zhari district of Kandahar province")? Not "the Mashtal district of
    Baghdad": a city's district, the city itself."""
    doc, i = span.doc, span.start - 1
    if i < 1 or doc[i].text not in (",", "of"):
        return False
    if doc[i].text == "of" and (span.end >= len(doc) or doc[span.end].lower_ != "province"):
        return False
    word = doc[i - 1]
    if word.lower_ in ("center", "centre") and i > 1:
        word = doc[i - 2]
    return word.lower_ == "district"


def _in_brackets(span: Any) -> bool:
    """Does the span stand inside brackets that open in its sentence: "(Shariatpur Sadar, Dhaka)"."""
    depth = 0
    for t in reversed(span.doc[span.sent.start : span.start]):
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            if depth == 0:
                return True
            depth -= 1
    return False


NUMERIC_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


INSTITUTIONS = frozenset({"university", "college", "polytechnic", "school", "academy",
                          "institute", "hospital", "prison", "market", "stadium",
                          # a town's people named as a body: "Mombasa Women", "Kisumu Traders"
                          "women", "youth", "youths", "traders", "residents"})  # fmt: skip
# the kind of school between its town and "School": "Bungoma High School"
SCHOOL_KINDS = frozenset({"high", "secondary", "primary", "boys", "girls", "mixed", "technical",
                          "national", "day", "teachers", "training", "comprehensive"})  # fmt: skip


def _institution_town(ent: Any) -> tuple[int, int] | None:
    """The tokens of the town an institution's name opens or ends with: "Maseno" of "Maseno
    University", "Nairobi" of "University of Nairobi", "Kisii" of "Kisii School"."""
    if len(ent) and ent[0].lower_ == "the":
        ent = ent[1:]  # "the University of Machakos"
    words = [t.lower_ for t in ent]
    if not any(w in INSTITUTIONS for w in words):
        return None

    def name_end(i: int) -> int:  # where the run of names from ``i`` ends
        while (i < len(ent) and ent[i].pos_ == "PROPN" and words[i] not in INSTITUTIONS
               and not (i > 0 and words[i] in SCHOOL_KINDS)):  # fmt: skip
            i += 1
        return i

    if len(ent) >= 3 and words[0] in INSTITUTIONS and words[1] == "of" and ent[2].pos_ == "PROPN":
        return ent.start + 2, ent.start + name_end(2)
    end = name_end(0)
    return (ent.start, ent.start + end) if 0 < end < len(ent) else None


def _after_locative(tok: Any) -> bool:
    """Does the name open what a locative preposition governs ("in Galole")?"""
    before = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return before != "of" and before in LOCATIVE_PREPS  # "of" only after a place word


def _within(e: Entry, a: Entry, km: float) -> bool:
    if e.lat is None or e.lon is None or a.lat is None or a.lon is None:
        return e.country == a.country
    return haversine_km(e.lat, e.lon, a.lat, a.lon) <= km


def _actor_countries(actors: tuple[ActorMention, ...]) -> list[str]:
    """The countries of the article's named actors, each actor once."""
    seen: dict[str, str] = {}
    for m in actors:
        if m.actor.country and m.how in ("dictionary", "capital", "metonym", "adjective"):
            seen.setdefault(m.actor.id or m.actor.name, m.actor.country)
    return list(seen.values())


def _small(e: Entry, q: set[str], name: str) -> bool:
    """A village or small town, or a town known by another name than the one written, unless
    it is a city of millions ("Chittagong") or the name is more than a short word ("Kash",
    "Chin", "Tori" are other names of Kashgar, Jinzhou and Turin)."""
    if e.feature == "county" or (e.feature == "admin2" and e.gid.startswith("admin2:US-")):
        return True  # a US county known by its bare name ("Rice" of Rice County)
    if e.feature != "city":
        return False
    if e.population < 100_000:
        return True
    return key(e.name) not in q and (len(name) <= 5 or e.population < 1_000_000)


def _bare_unit(e: Entry, name_key: str) -> bool:
    """Is ``e`` a unit read from its bare name ("Saku" for "Saku constituency")?"""
    return e.feature == "admin2" and key(e.name) == f"{name_key} constituency"


def _local_readings(
    pending: list[tuple[Any, list[Entry]]], actors: tuple[ActorMention, ...],
    home: str | None = None,
) -> list[tuple[Any, list[Entry]]]:  # fmt: skip
    """Drop names read only as small towns abroad, that the article gives no reason for.

    The countries the article is about are its known actors' and those its other names (each
    name once) can only be in, where one reading is more than a small town. A name whose every
    reading is a small town elsewhere, or a town there known by another name, is a local place
    the gazetteer lacks ("the Shaykhan area of Azra district, Logar" is no hamlet in Iraq), or a
    part of one ("Kash" of "Kash Rod district", "Ashraf" of "Ashraf Ghani"): it is dropped, and
    the event falls back to the places around it."""
    voted: dict[str, set[str]] = {}
    for span, cands in pending:
        q = _name_keys(span.text)
        countries = {c.country for c in cands if c.country}
        if len(countries) == 1 and not all(_small(c, q, span.text) for c in cands):
            voted.setdefault(key(span.text), set()).update(countries)
    from_actors = set(_actor_countries(actors)) | ({home} if home else set())
    out = []
    for span, cands in pending:
        k, q = key(span.text), _name_keys(span.text)
        context = from_actors.union(*(v for name, v in voted.items() if name != k))
        # a unit's bare name ("Saku" of "Saku constituency") only where its country is told
        cands = [c for c in cands if not _bare_unit(c, k) or c.country in context]
        if not cands:
            continue
        if (context and all(_small(c, q, span.text) for c in cands)
                and not any(c.country in context for c in cands)):  # fmt: skip
            continue
        out.append((span, cands))
    return out


def _town_as_noun(tok: Any) -> bool:
    """A capitalised word inside a sentence, tagged a common noun, that modifies the noun after
    it ("Eldoret residents", "Kisumu traders"): the way a town names its people."""
    return (tok.pos_ in ("NOUN", "ADJ") and tok.dep_ in ("compound", "nmod", "amod")
            and not tok.ent_type_
            and tok.text[:1].isupper() and tok.text[1:].islower() and len(tok.text) > 3
            and tok.head.i == tok.i + 1)  # fmt: skip


# the people a town's name stands before: "Meru residents", "Kisumu traders"
TOWN_PEOPLE = frozenset({"resident", "trader", "youth", "villager", "people", "woman", "student",
                         "refugee", "worker", "farmer", "operator", "driver", "local", "journalist",
                         "teacher", "nurse", "doctor", "hawker", "tenant", "squatter", "fisherman",
                         "motorist", "vendor", "parent", "taxi", "matatu"})  # fmt: skip
ROADS = frozenset({"road", "highway", "route", "bypass", "expressway"})
# a town's or county's own offices: "Meru Governor", "the Kitui mayor", "Nairobi MCA"
LOCAL_OFFICES = frozenset({"governor", "mayor", "mca", "mcas", "councillor", "councillors",
                           "councilor", "councilors", "senator"})  # fmt: skip
# what a town's name stands before when it names a building or site of it: "Garissa police
# station", "a Kilimani polling centre", "Kisumu law courts"
TOWN_SITES = frozenset({"police", "polling", "market", "hospital", "prison", "stadium", "bus",
                        "law", "municipal", "referral", "airstrip", "showground", "slaughterhouse",
                        "mortuary", "morgue"})  # fmt: skip


def _locative(ent: Any) -> bool:
    """A name the model took for a person that stands where a place does: "in Kakamega",
    "the streets of Kakamega", "Kakamega town", "Kakamega residents"."""
    if ent[-1].lower_ in ADMIN_WORDS and len(ent) > 1:
        return True  # "Faridpur Sadar"
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and (nxt.lower_ in TOWN_WORDS | AREA_WORDS | {"area", "county"}
                            or nxt.lower_ in LOCAL_OFFICES or nxt.lower_ in ROADS):  # fmt: skip
        return True  # "Kakamega town", "Meru Governor Peter Munya", "the Machakos road"
    if (
        nxt is not None
        and (nxt.lemma_.lower() in TOWN_PEOPLE or nxt.lower_ in TOWN_SITES)
        and ent[-1].dep_ in ("compound", "amod", "nmod")
    ):
        return True  # "Meru residents", "Kakuma refugee camp": a town naming its people
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in AREA_WORDS | {"area"}:
        return True  # "in Azra district, Logar"
    if root.dep_ != "pobj" or root.head.lower_ not in LOCATIVE_PREPS:
        return False
    if root.head.lower_ == "of":  # "the streets of X", not "the president of X"
        return root.head.head.lemma_.lower() in {"street", "outskirt", "town", "city", "village",
                                                  "centre", "center", "area", "part", "suburb",
                                                  *TOWN_PEOPLE, *AREA_WORDS}  # fmt: skip
    return True


AREA_WORDS = frozenset(
    {"province", "governorate", "state", "region", "district", "county", "parish", "oblast"}
)


def prefer_kind(cands: list[Entry], word: str) -> list[Entry]:
    """ "Kabul city" is the town, "Kabul province" the province."""
    if word in TOWN_WORDS:
        return [c for c in cands if c.feature == "city"]
    if word in AREA_WORDS:
        return [
            c for c in cands if c.feature in ("admin1", "admin2", "county", "province", "region")
        ]
    return []


# spelled-out and abbreviated forms of a name's words: "St. Marys", "Mt. Pleasant", "W. Columbia"
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point",
                 "n": "north", "s": "south", "e": "east", "w": "west", "twp": "township",
                 "co": "county"}  # fmt: skip
# words that name a feature of a place named after a town or a region ("Neches River",
# "Readington Township", "Zion National Park"): without them, the name's town or region
FEATURE_WORDS = frozenset(
    [
        "river",
        "creek",
        "township",
        "twp",
        "station",
        "valley",
        "park",
        "national",
        "lake",
        "lakes",
        "island",
        "islands",
        "mountains",
        "mountain",
        "colony",
        "county",
        "co",
        "parish",
        "province",
        "region",
        "sound",
        "square",
        "bay",
        "hill",
        "hills",
        "heights",
        "delta",
        "peninsula",
        "forest",
        "district",
    ]
)
PREFIX_WORDS = frozenset(
    ["town", "city", "port", "village", "township", "of", "the", "greater", "downtown"]
)
# demonyms and plurals back to the place: "Ontarians", "South Ossetian", "Dagestani",
# "New Londoners", "Richmondites", "Abkhaz", "Texan"
DEMONYM_ENDINGS = (("ians", "ia"), ("ians", "io"), ("ians", ""), ("ian", "ia"), ("ian", "io"),
                   ("ian", ""), ("ans", "a"), ("ans", ""), ("an", "a"), ("an", "as"), ("an", ""),
                   ("ers", ""), ("er", ""), ("ites", ""), ("ite", ""), ("is", ""), ("i", ""),
                   ("ese", ""), ("s", ""), ("", "ia"), ("", "istan"))  # fmt: skip
BROAD = frozenset({"country", "admin1", "province", "region", "disputed-territory"})


def lookup(gaz: Gazetteer, name: str) -> list[Entry]:
    """A name's candidates: as written, with its abbreviations spelled out; failing those, the
    name without a feature word ("Neches River" is by Neches), without a leading "Town of",
    or as a demonym of a country or region ("South Ossetians")."""
    out = list(gaz.candidates(name))
    words = key(name).split()
    full = [ABBREVIATIONS.get(w, w) for w in words]
    if full != words:
        seen = {e.gid for e in out}
        out += [e for e in gaz.candidates(" ".join(full)) if e.gid not in seen]
    if out:
        return out
    out = gaz.candidates(_strip_admin_word(name))
    if out or not full:
        return out
    head = list(full)
    while len(head) > 1 and head[-1] in FEATURE_WORDS:
        head.pop()
    if head != full:
        out = gaz.candidates(" ".join(head))
        if out:
            return out
    tail = list(full)
    while len(tail) > 1 and tail[0] in PREFIX_WORDS:
        tail.pop(0)
    if tail != full and (out := gaz.candidates(" ".join(tail))):
        return out
    last = full[-1]
    for end, repl in DEMONYM_ENDINGS:
        if last.endswith(end) and len(last) - len(end) >= 3:
            stem = " ".join([*full[:-1], last[: len(last) - len(end)] + repl])
            out = [e for e in gaz.candidates(stem) if e.feature in BROAD]
            if out:
                return out
    return []


def _name_keys(name: str) -> set[str]:
    """The keys a place that bears the name may have: "Mt. Pleasant" is "mount pleasant"."""
    words = key(name).split()
    full = [ABBREVIATIONS.get(w, w) for w in words]
    head = list(full)
    while len(head) > 1 and head[-1] in FEATURE_WORDS | ADMIN_WORDS:
        head.pop()
    return {" ".join(words), " ".join(full), " ".join(head), key(_strip_admin_word(name))}


def _strip_admin_word(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ADMIN_WORDS | {"parish", "county"}:
        return " ".join(words[:-1])
    return name


def _text_parent(text: str, end: int, gaz: Gazetteer) -> tuple[str | None, tuple[str, str] | None]:
    """ "Alexandria, Louisiana", "Pandi, Bulacan": the country, and the province, of the name
    after the comma."""
    m = re.match(r",\s*([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})", text[end : end + 40])
    if not m:
        return None, None
    for e in gaz.candidates(m.group(1)):
        if e.feature == "admin1" and e.country and e.admin1:
            return e.country, (e.country, e.admin1)
        if e.feature == "country":
            return e.country, None
    return None, None


POOL_SIZE = 8
_LIST_GAP = re.compile(r"\s*(?:,|;|/|,?\s+(?:and|or|&))\s*")


def _listed(text: str, items: list[tuple[int, int, list[Entry]]]) -> list[list[list[Entry]]]:
    """For each name, the candidates of the names listed right before and after it."""
    order = sorted(range(len(items)), key=lambda i: items[i][0])
    out: list[list[list[Entry]]] = [[] for _ in items]
    for a, b in itertools.pairwise(order):
        if _LIST_GAP.fullmatch(text[items[a][1] : items[b][0]]):
            out[a].append(items[b][2])
            out[b].append(items[a][2])
    return out


def _pools(named: list[tuple[str, list[Entry]]]) -> dict[str, list[Entry]]:
    """Each distinct name's likeliest readings that have a point (not whole countries)."""
    out: dict[str, list[Entry]] = {}
    for k, cands in named:
        if k not in out:
            pts = [c for c in cands if c.lat is not None and c.feature != "country"]
            # a name that may be a country or province ("Oregon") supports no town's reading
            broad = [c for c in pts if c.feature in BROAD]
            out[k] = broad or pts
    return {k: v for k, v in out.items() if 0 < len(v) <= POOL_SIZE}


def _place_counties(found: list[PlaceMention], bests: list[Entry | None]) -> list[PlaceMention]:
    """A county without a point of its own is placed at the article's town in its state (the
    one named most): "Walker County" beside "Huntsville" is where Huntsville is."""
    towns = Counter(
        (e.country, e.admin1, e.lat, e.lon)
        for e in bests
        if e is not None and e.feature == "city" and e.lat is not None
    )
    if not towns:
        return found
    out = []
    for m in found:
        p = m.place
        if p is not None and p.feature == "county":
            here = [(n, t) for t, n in towns.items() if (t[0], t[1]) == (p.country, p.admin1)]
            if here:
                _, (_, _, lat, lon) = max(here)
                m = PlaceMention(m.span, m.text, replace(p, lat=lat, lon=lon), m.score)
        out.append(m)
    return out


def _countries(first: list[Entry | None], i: int) -> set[str]:
    return {e.country for j, e in enumerate(first)
            if j != i and e is not None and e.feature == "country" and e.country}  # fmt: skip


def _anchors(first: list[Entry | None], i: int, keys: list[str]) -> list[Entry]:
    """The other places of the article as first read (not the same name again, not whole
    countries), against which each reading's nearness is judged."""
    return [e for j, e in enumerate(first)
            if j != i and e is not None and keys[j] != keys[i] and e.feature != "country"]  # fmt: skip


def _direction(span: Any) -> Any:
    if span.start > 0:
        prev = span.doc[span.start - 1]
        if prev.lower_ in DIRECTIONS:
            return prev
    return None


def _parents(span: Any, gaz: Gazetteer) -> list[Entry]:
    """The readings of a place named as the span's parent by a preposition ("the Majengo area
    of Mombasa", "X in Y"), when they are all in one country; else none. (A parent after a
    comma or in brackets may be a province the gazetteer knows only as a town: "(Chittagong)".)"""
    doc = span.doc
    starts = []  # where a parent's name would begin
    root = span.root
    heads = [root]
    if root.dep_ == "compound" and root.head.lower_ in ("area", "estate", "village", "town"):
        heads.append(root.head)  # "the Lexington area of Nairobi"
    for h in heads:
        starts += [c.i + 1 for c in h.children
                   if c.dep_ == "prep" and c.lower_ in ("in", "of") and c.i >= span.end]  # fmt: skip
    for i in starts:
        i += int(i < len(doc) and doc[i].lower_ == "the")
        end = i
        while end < len(doc) and end < i + 4 and doc[end].pos_ == "PROPN":
            end += 1
        for stop in range(end, i, -1):  # "of Mombasa Monday night": Mombasa
            cands = gaz.candidates(doc[i:stop].text)
            if not cands:
                continue
            if len({e.country for e in cands}) != 1 or not cands[0].country:
                return []
            return cands
    return []


def _under(e: Entry, parent: Entry) -> bool:
    """Can ``e`` lie in ``parent``: its country, a province of it, or near its town?"""
    if e.country != parent.country:
        return False
    if parent.feature == "country":
        return True
    if parent.feature in AREAS:
        return (e.admin1 is not None and e.admin1 == parent.admin1) or _within(e, parent, 250)
    return _within(e, parent, 60)


def _parent_country(span: Any, gaz: Gazetteer) -> str | None:
    """The country named as parent: "X in Y", "X, Y"."""
    root = span.root
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                for e in gaz.candidates(p.text):
                    if e.feature == "country":
                        return e.country
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        for e in gaz.candidates(doc[span.end + 1].text):
            if e.feature == "country":
                return e.country
    return None


def focus_country(places: tuple[PlaceMention, ...] | list[PlaceMention]) -> str | None:
    """The country an article is mostly about: the most mentioned among its places, a
    nationality ("Ethiopian militia") counting half a place's name ("on Lake Turkana")."""
    votes: Counter[str] = Counter()
    for p in places:
        if p.place and p.place.country:
            votes[p.place.country] += 1 if not demonym(p) else 0.5  # type: ignore[assignment]
    return max(votes, key=lambda c: votes[c]) if votes else None


def demonym(p: PlaceMention) -> bool:
    """Is the mention a country's adjective ("Ethiopian", "Iraqi"), not its name ("Iraq", "US")?"""
    t = p.text
    return (p.place is not None and p.place.feature == "country" and len(t) > 3
            and t[:1].isupper() and t.endswith(("an", "ese", "i", "ish"))
            and key(t) != key(p.place.name))  # fmt: skip
