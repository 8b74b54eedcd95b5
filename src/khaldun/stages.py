"""khaldun's built-in stages, registered under versioned names like any third party's."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from khaldun.config import Config
from khaldun.model import ActorMention, Event, content_id
from khaldun.pipeline import Analysis, stage

if TYPE_CHECKING:
    from khaldun.actors.dictionary import ActorDictionary
    from khaldun.events.extract import Draft


@stage("khaldun.nlp.spacy.v1", assigns=("doc",))
def nlp_stage(config: Config) -> Callable[[Analysis], Analysis]:
    from khaldun import nlp

    model = nlp.load(config.model)
    return _Parse(model, config)


class _Parse:
    """The NLP stage's function: one article, or a batch in one ``nlp.pipe`` stream."""

    def __init__(self, model: object, config: Config) -> None:
        from khaldun import firstpass

        self.model = model
        self.cues = firstpass.build(model, config.actor_files) if config.first_pass else None

    def __call__(self, a: Analysis) -> Analysis:
        return self.many([a])[0]

    def many(self, items: list[Analysis]) -> list[Analysis]:
        from khaldun import nlp

        todo = [a for a in items if a.doc is None]  # a Doc given already is kept
        docs = iter(nlp.parse_many(self.model, [a.article.text for a in todo], cues=self.cues))
        return [a if a.doc is not None else dataclasses.replace(a, doc=next(docs)) for a in items]


@stage("khaldun.actors.dictionary.v1", requires=("doc",), assigns=("actors",))
def actors_stage(config: Config) -> Callable[[Analysis], Analysis]:
    from khaldun.actors.dictionary import ActorDictionary
    from khaldun.actors.resolve import ActorFinder

    finder = ActorFinder(
        ActorDictionary.load(config.actor_files), fuzzy_threshold=config.fuzzy_threshold
    )

    def run(a: Analysis) -> Analysis:
        return dataclasses.replace(a, actors=tuple(finder.find(a.doc)))

    return run


@stage("khaldun.places.gazetteer.v1", requires=("doc", "actors"), assigns=("places", "actors"))
def places_stage(config: Config) -> Callable[[Analysis], Analysis]:
    from khaldun.actors.dictionary import ActorDictionary
    from khaldun.places import gazetteer
    from khaldun.places.resolve import PlaceFinder
    from khaldun.sources import home_country

    book = ActorDictionary.load(config.actor_files)
    capitals = {
        e.id: e.capitals[0] for e in book.entries.values() if e.kind == "state" and e.capitals
    }
    finder = PlaceFinder(gazetteer.load(), capitals)

    def run(a: Analysis) -> Analysis:
        home = home_country(a.article.outlet, a.article.url)
        places = tuple(finder.find(a.doc, a.actors, home))
        # an unresolved "organisation" that is in fact a resolved place is no actor
        actors = tuple(m for m in a.actors if m.how != "unresolved"
                       or not any(p.span.overlaps(m.span) for p in places if p.place))  # fmt: skip
        return dataclasses.replace(a, places=places, actors=actors)

    return run


@stage("khaldun.dates.relative.v1", requires=("doc",), assigns=("dates",))
def dates_stage(config: Config) -> Callable[[Analysis], Analysis]:
    from khaldun.dates.resolve import resolve, with_month
    from khaldun.model import Span

    def run(a: Analysis) -> Analysis:
        found = tuple(
            resolve(e.text, a.article.published, span=Span(e.start_char, e.end_char))
            for e in (with_month(e) for e in a.doc.ents if e.label_ in ("DATE", "TIME"))
        )
        return dataclasses.replace(a, dates=found)

    return run


@stage(
    "khaldun.events.rules.v1", requires=("doc", "actors", "places", "dates"), assigns=("events",)
)
def events_stage(config: Config) -> Callable[[Analysis], Analysis]:
    from khaldun.actors.dictionary import ActorDictionary
    from khaldun.events import lexicon
    from khaldun.events.acled import acled_type, protest_context
    from khaldun.events.extract import Extractor
    from khaldun.events.merge import merge
    from khaldun.model import Place, PlaceMention, Span
    from khaldun.places import gazetteer
    from khaldun.places.resolve import focus_country
    from khaldun.sources import home_country

    lex = lexicon.load()
    book = ActorDictionary.load(config.actor_files)
    gaz = gazetteer.load()

    def run(a: Analysis) -> Analysis:
        focus = None
        # the article's country: from its places, else where its outlet reports from
        iso = focus_country(a.places) or home_country(a.article.outlet, a.article.url)
        country = gaz.country(iso) if iso else None
        if country is not None:
            # the article's country at its centre point, precision 3 (as ACLED codes a country)
            focus = PlaceMention(Span(0, 0), "", Place(country.name, iso, None, country.lat,
                                                       country.lon, 3, country.gid, "country"),
                                 0.4)  # fmt: skip
        # whose police a generic "police" is when nothing else says: the named actors' country
        # (never where the event was: the Houthis' attacks are at sea)
        iso = iso or _actors_country(a.actors)
        ex = Extractor(lex, book, a.doc, a.actors, a.places, a.article.published, focus)
        drafts = _blame(merge(list(ex.drafts())), a.actors, a.doc)
        events = []
        for d in drafts:
            if d.confidence < config.min_confidence:
                continue
            protest = protest_context(d, drafts, a.article.text)
            et, st = acled_type(d, lex, protest=protest, text=a.article.text)
            trigger = Span(d.trigger.idx, d.trigger.idx + len(d.trigger.text))
            place = d.place
            # "Police arrested…" in Dhaka: a generic actor's country from the event's place
            iso = place.place.country if place and place.place else iso
            d.actor1 = _localise(book, d.actor1, _nationality(a, d.actor1) or iso)
            d.actor2 = _localise(book, d.actor2, _nationality(a, d.actor2) or iso)
            events.append(
                Event(
                    id=content_id(a.article.id, d.category, str(trigger.start), prefix="e-"),
                    article_id=a.article.id,
                    type=d.category,
                    mode=d.mode,
                    status=d.status,
                    evidence=tuple(sorted(d.evidence)),
                    trigger=trigger,
                    actor1=d.actor1,
                    actor2=d.actor2,
                    place=place,
                    date=d.date,
                    attributed_to=d.attributed_to,
                    confidence=round(_confidence(d), 3),
                    acled_event_type=et,
                    acled_sub_event_type=st,
                    cameo_root=lex.cameo(d.category),
                    fatalities=_fatalities(a.doc, d),
                    provenance=(*a.provenance, "khaldun.events.rules.v1"),
                )
            )
        events = _precedence(events, a.doc)
        # several events from one trigger (split targets) need distinct ids
        seen: dict[str, int] = {}
        unique = []
        for e in events:
            n = seen.get(e.id, 0)
            seen[e.id] = n + 1
            unique.append(e if n == 0 else dataclasses.replace(e, id=f"{e.id}-{n}"))
        return dataclasses.replace(a, events=tuple(unique))

    return run


VIOLENT = frozenset(
    {"Battles", "Violence against civilians", "Riots", "Explosions/Remote violence"}
)
# what ACLED codes only when nothing that outranks it is told with it: violence against people,
# and for arrests a protest too (arrests at a protest, or that a protest is about)
SUBSUMED = {"Looting/property destruction": VIOLENT, "Arrests": VIOLENT | {"Protests"}}
TOLD = ("asserted", "claimed")


def _precedence(events: list[Event], doc: Any) -> list[Event]:
    """ACLED's precedence within a report: violence against people outranks the raid, the
    burning or the arrests told within two sentences of it ("police raided a home and shot the
    owner" is an attack), and a protest the arrests told with it ("villagers protested the
    arrest of a resident"), so these rank below what outranks them."""
    import bisect

    starts = [s.start_char for s in doc.sents]

    def at(e: Event) -> int:
        return bisect.bisect_right(starts, e.trigger.start) - 1

    ranking = [(at(e), e.confidence, e.acled_event_type) for e in events
               if e.acled_event_type in VIOLENT | {"Protests"} and e.status in TOLD]  # fmt: skip
    if not ranking:
        return events
    out = []
    for e in events:
        above = SUBSUMED.get(e.acled_sub_event_type or "")
        if above and e.status in TOLD:
            near = [c for i, c, t in ranking if t in above and abs(i - at(e)) <= 2]
            if near and e.confidence >= max(near):
                e = dataclasses.replace(e, confidence=round(max(near) * 0.9, 3))
        out.append(e)
    return out


# what a report says of a named group it holds responsible: "Al Shabaab claimed responsibility",
# "gunmen suspected to be al Shabaab", "the attack was blamed on Boko Haram"
BLAME = re.compile(
    r"\b(claim(ed|s|ing)? (the )?responsibility|responsible|blamed|blames|"
    r"(suspected|believed|thought|assumed|said) to (be|have)|suspected of (the|carrying|being|staging)|"
    r"suspected\s*[.)]|are the (main )?suspects|behind the (attack|attacks|blast|bombing|killings?))",
    re.IGNORECASE,
)
IDENTIFIED = re.compile(r"\b(suspected|believed|thought|said) to (be|have been)\b", re.IGNORECASE)
DISOWNED = re.compile(r"\b(denied|denies|deny|not responsible|no group)\b", re.IGNORECASE)


def _blame(drafts: list[Draft], actors: tuple[ActorMention, ...], doc: Any) -> list[Draft]:
    """An attack by no one named, or by unnamed gunmen, is the named armed group the report
    holds responsible within three sentences of it: "A landmine killed three people... Al
    Shabaab is believed responsible"."""
    import bisect

    starts = [s.start_char for s in doc.sents]
    text = doc.text
    blamed: list[tuple[int, ActorMention]] = []
    for m in actors:
        if m.how not in ("dictionary", "fuzzy") or m.actor.kind != "armed_group":
            continue
        i = bisect.bisect_right(starts, m.span.start) - 1
        sentence = _sentence(text, starts, i)
        if BLAME.search(sentence) and not DISOWNED.search(sentence):
            blamed.append((i, m))
    if not blamed:
        return drafts
    for d in drafts:
        a1 = d.actor1
        if d.category != "ASSAULT" or d.status not in TOLD or d.trigger is None:
            continue
        at = bisect.bisect_right(starts, d.trigger.idx) - 1
        if a1 is None or (a1.how in ("generic", "unresolved") and a1.actor.sector in (None, "REB")):
            near = [m for i, m in blamed if 0 <= i - at <= 3 or (a1 is not None and i == at)]
        elif a1.how == "generic" and a1.actor.sector not in ("MIL", "COP", "GOV"):
            # "youths suspected to be part of the Mungiki militia killed a butcher": who they are
            near = [
                m for i, m in blamed if i == at and IDENTIFIED.search(_sentence(text, starts, i))
            ]
        else:
            continue
        if len({m.actor.id for m in near}) == 1:
            d.actor1 = near[0]
            if d.actor2 is not None and d.actor2.span == near[0].span:
                d.actor2 = None  # "an attack on a church blamed on X": X is no target
    return drafts


def _sentence(text: str, starts: list[int], i: int) -> str:
    return text[starts[i] : starts[i + 1] if i + 1 < len(starts) else len(text)]


def _actors_country(actors: tuple[ActorMention, ...]) -> str | None:
    """The country of an article that names no place and comes from no known outlet: the one
    its named actors belong to, when they agree ("Police battle Mungiki sect": Kenya)."""
    countries = {m.actor.country for m in actors
                 if m.how in ("dictionary", "fuzzy") and m.actor.country and m.actor.kind != "igo"}  # fmt: skip
    return countries.pop() if len(countries) == 1 else None


def _fatalities(doc: Any, d: Any) -> int | None:
    """Deaths the event's own sentences state (violent events only)."""
    from khaldun.events.magnitude import fatalities_in

    if d.category not in ("ASSAULT", "PROTEST", "COERCE") or d.status not in (
        "asserted",
        "claimed",
    ):
        return None
    sents = {}
    for span in d.evidence:
        part = doc.char_span(span.start, span.end, alignment_mode="expand")
        if part is not None:
            for s in part.sents:
                sents[s.start] = s
    return fatalities_in(sents.values())


def _nationality(a: Analysis, m: ActorMention | None) -> str | None:
    """The country a nationality before a generic actor names: "Cambodian refugees" (in a
    camp in Thailand) are Cambodia's."""
    from khaldun.places.resolve import demonym

    if m is None or m.how != "generic" or m.actor.country:
        return None
    text = a.article.text
    for p in a.places:
        if p.place is None or not p.place.country or not demonym(p):
            continue
        # "Cambodian refugees", "Turkish Kurd refugees": at most two names between
        between = text[p.span.end : m.span.start].split() if p.span.end <= m.span.start else None
        if m.span.start <= p.span.start < m.span.end or (
            between is not None and len(between) <= 2 and all(w[:1].isupper() for w in between)
        ):
            return p.place.country
    return None


def _localise(
    book: ActorDictionary, m: ActorMention | None, iso: str | None
) -> ActorMention | None:
    """A generic actor with no country takes the country of the event's place."""
    from khaldun.actors.resolve import country_actor

    if m is None or iso is None or m.how != "generic" or m.actor.country or not m.actor.sector:
        return m
    return ActorMention(
        m.span, m.text, country_actor(book, iso, m.actor.sector, m.actor.name), "generic", m.score
    )


def _confidence(d: Draft) -> float:
    """The trigger's reliability blended with how fully the event is specified: its arguments,
    a known weapon or mode, a main clause, and further sentences that tell it."""
    args = {"actor1": d.actor1, "actor2": d.actor2, "place": d.place, "date": d.date}
    filled = sum(v is not None and k not in d.inherited for k, v in args.items())
    score = 0.4 * d.confidence + 0.12 * filled + 0.07 * (d.mode is not None and not d.mode_inferred)
    # the sentence's main clause tells its main event; a subordinate one, a circumstance
    score += {"main": 0.06, "subordinate": -0.04}.get(_clause_rank(d.trigger), 0.0)
    return min(0.99, score + 0.05 * (len(d.evidence) - 1))


SUBORDINATE = frozenset({"relcl", "advcl", "acl", "pcomp", "csubj"})


def _clause_rank(t: Any) -> str:
    """Whether a trigger's clause is the sentence's main one ("Serbia lifted a curfew"), one
    that sets a circumstance ("where 28 people were killed", "after a jet shot down"), or
    neither. A noun trigger counts by the verb it hangs from."""
    if t is None:
        return "other"
    clause = t
    while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
        clause = clause.head
        if clause.pos_ in ("NOUN", "PROPN"):
            return "other"  # "the proposal for direct talks": the talks are not the clause's
    if clause.dep_ == "ROOT" or (
        clause.dep_ in ("conj", "xcomp", "ccomp") and clause.head.dep_ == "ROOT"
    ):
        return "main"
    while clause.dep_ != "ROOT":
        if clause.dep_ in SUBORDINATE:
            return "subordinate"
        clause = clause.head
    return "other"


@stage("khaldun.framing.lexicon.v1", requires=("actors",), assigns=("framing",))
def framing_stage(config: Config) -> Callable[[Analysis], Analysis]:
    from khaldun.framing import mark

    def run(a: Analysis) -> Analysis:
        # a group's own name ("Islamic Resistance in Iraq") is a name, not the outlet's framing
        names = {m.span for m in a.actors if m.how == "dictionary"}
        marks = tuple(f for f in mark(a.article.text) if f.span not in names)
        return dataclasses.replace(a, framing=marks)

    return run
