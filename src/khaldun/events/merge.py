"""Within one article, drafts that tell the same event (headline, lede, body, quote) become one
event with several evidence spans; its attributes are the most specific any draft gives."""

from __future__ import annotations

from khaldun.events.extract import Draft
from khaldun.model import ActorMention, DateRange, PlaceMention

HOW_RANK = {"dictionary": 0, "alias": 0, "fuzzy": 1, "capital": 1, "metonym": 1, "generic": 2,
            "adjective": 3, "place-country": 4, "unresolved": 5}  # fmt: skip


def _actor_ok(a: ActorMention | None, b: ActorMention | None) -> bool:
    if a is None or b is None:
        return True
    x, y = a.actor, b.actor
    if x.id and y.id:
        return x.id == y.id or y.id in x.member_of or x.id in y.member_of
    if x.country and y.country and x.country != y.country:
        return False
    return x.sector == y.sector or None in (x.sector, y.sector)


def _place_ok(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None or a.place is None or b.place is None:
        return True
    if a.place.country != b.place.country:
        return False
    if a.place.precision == 1 and b.place.precision == 1:
        return a.place.gazetteer_id == b.place.gazetteer_id
    return True


def _date_ok(a: DateRange | None, b: DateRange | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    assert a.end is not None and b.end is not None
    return a.start <= b.end and b.start <= a.end


# what is done to people, never to property alone: "6 killed by raiders and homes burned" is two,
# and an attack on a village whose houses were burnt is the attack
PEOPLE_HARM = frozenset({"kill", "shoot", "injure", "wound", "murder", "hack", "stab", "behead",
                         "lynch", "rape", "abduct", "kidnap", "beat", "torture", "massacre",
                         "attack"})  # fmt: skip


def _not_property(a: Draft, b: Draft) -> bool:
    """An attack on someone is not the vandalism told beside it: "two people were killed by
    al-Shabaab, who vandalised a mast" is two events, not one destruction of property."""
    if (a.mode or b.mode) != "destroy":
        return True
    modeless = a if a.mode is None else b
    lemma = modeless.trigger.lemma_.lower() if modeless.trigger is not None else ""
    return modeless.actor2 is None and lemma not in PEOPLE_HARM


def compatible(a: Draft, b: Draft) -> bool:
    return (
        a.category == b.category
        and (a.mode == b.mode or (None in (a.mode, b.mode) and _not_property(a, b)))
        and _actor_ok(a.actor1, b.actor1)
        and _actor_ok(a.actor2, b.actor2)
        and _place_ok(a.place, b.place)
        and _date_ok(a.date, b.date)
        and (a.status == b.status or "negated" not in (a.status, b.status))
    )


def _better_actor(a: ActorMention | None, b: ActorMention | None) -> ActorMention | None:
    if a is None or b is None:
        return a or b

    def rank(m: ActorMention) -> tuple[int, bool, bool]:
        return (HOW_RANK.get(m.how, 9), m.actor.id is None, m.actor.country is None)

    return a if rank(a) <= rank(b) else b


def _better_place(a: PlaceMention | None, b: PlaceMention | None) -> PlaceMention | None:
    if a is None or b is None or a.place is None or b.place is None:
        return a or b
    return a if a.place.precision <= b.place.precision else b


PREC = {"day": 0, "week": 1, "month": 2, "year": 3, None: 9}


def _better_date(a: DateRange | None, b: DateRange | None) -> DateRange | None:
    if a is None or b is None or a.start is None or b.start is None:
        return a if a is not None and a.start is not None else b
    if PREC[a.precision] != PREC[b.precision]:
        return a if PREC[a.precision] < PREC[b.precision] else b
    return a if a.text else b


def merge(drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        for e in out:
            if compatible(e, d):
                e.actor1 = _better_actor(e.actor1, d.actor1)
                e.actor2 = _better_actor(e.actor2, d.actor2)
                e.place = _better_place(e.place, d.place)
                e.date = _better_date(e.date, d.date)
                e.mode = e.mode or d.mode
                if e.status == "asserted" and d.status != "asserted":
                    # a headline states as fact what the body attributes to a source
                    e.status = d.status
                if e.attributed_to is None or (
                    d.attributed_to is not None
                    and d.attributed_to.actor_id
                    and not e.attributed_to.actor_id
                ):
                    e.attributed_to = d.attributed_to or e.attributed_to
                e.confidence = min(0.99, max(e.confidence, d.confidence) + 0.05)
                for s in d.evidence:
                    if s not in e.evidence:
                        e.evidence.append(s)
                break
        else:
            out.append(d)
    return out
