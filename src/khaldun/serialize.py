"""The output contract: coded articles and events as plain JSON-able dicts.

Keys relied upon by tools and tests (add fields freely, rename none):
articles[].{id,url,outlet,published,title,text,framing[],events[]}; events[].{id,type,mode,status,
actor1,actor2,place,date,attributed_to,evidence,confidence,acled}.
"""

from __future__ import annotations

import re
from typing import Any

from khaldun.model import ActorMention, CodedArticle, Event, PlaceMention

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


def sentence_index(text_before: str) -> int:
    """The 0-based sentence a position is in, counted from the sentence ends before it."""
    return len(_SENTENCE_END.findall(text_before))


def actor_dict(m: ActorMention | None) -> dict[str, Any] | None:
    if m is None:
        return None
    a = m.actor
    return {"name": a.name, "id": a.id, "country": a.country, "sector": a.sector, "text": m.text,
            "member_of": list(a.member_of), "how": m.how, "start": m.span.start,
            "end": m.span.end}  # fmt: skip


def place_dict(m: PlaceMention | None) -> dict[str, Any] | None:
    if m is None or m.place is None:
        return None
    p = m.place
    return {"name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
            "precision": p.precision, "text": m.text or None, "gazetteer_id": p.gazetteer_id,
            "feature": p.feature}  # fmt: skip


def place_mention_dict(m: PlaceMention) -> dict[str, Any]:
    """One place mention as ``khaldun places`` prints it."""
    p = m.place
    gid = p.gazetteer_id if p else None
    return {
        "start": m.span.start,
        "end": m.span.end,
        "text": m.text,
        "name": p.name if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "country": p.country if p else None,
        "geonameid": int(gid[3:]) if gid and gid.startswith("gn:") else None,
        "gazetteer_id": gid,
        "feature": p.feature if p else None,
        "precision": p.precision if p else None,
    }


def event_dict(e: Event, text: str) -> dict[str, Any]:
    first = e.evidence[0]
    return {
        "id": e.id,
        "article_id": e.article_id,
        "type": e.type,
        "mode": e.mode,
        "status": e.status,
        "actor1": actor_dict(e.actor1),
        "actor2": actor_dict(e.actor2),
        "place": place_dict(e.place),
        "date": None if e.date is None else {
            "start": e.date.start.isoformat() if e.date.start else None,
            "end": e.date.end.isoformat() if e.date.end else None,
            "precision": e.date.precision,
            "text": e.date.text,
        },
        "attributed_to": None if e.attributed_to is None else {
            "name": e.attributed_to.name, "text": e.attributed_to.text, "id": e.attributed_to.actor_id,
        },
        "evidence": {"start": first.start, "end": first.end, "text": first.text(text)},
        "sentence": sentence_index(text[: first.start]),
        "evidence_all": [{"start": s.start, "end": s.end, "text": s.text(text)} for s in e.evidence],
        "trigger": {"start": e.trigger.start, "end": e.trigger.end, "text": e.trigger.text(text)},
        "confidence": e.confidence,
        "acled": {"event_type": e.acled_event_type, "sub_event_type": e.acled_sub_event_type},
        "cameo_root": e.cameo_root,
        "fatalities": e.fatalities,
        "provenance": list(e.provenance),
    }  # fmt: skip


def article_dict(c: CodedArticle, *, with_text: bool = True) -> dict[str, Any]:
    a = c.article
    return {
        "id": a.id,
        "url": a.url,
        "outlet": a.outlet,
        "published": a.published.isoformat() if a.published else None,
        "title": a.title,
        "text": a.text if with_text else None,
        "section": list(a.section),
        "boilerplate": list(a.boilerplate),
        "framing": [
            {
                "start": f.span.start,
                "end": f.span.end,
                "text": f.text,
                "label": f.label,
                "neutral": f.neutral,
                "casts": f.casts,
            }
            for f in c.framing
        ],
        "events": [event_dict(e, a.text) for e in c.events],
        "provenance": list(c.provenance),
    }
