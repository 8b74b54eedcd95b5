"""Cross-report fusion: event mentions that tell the same real-world event become one event.

A mention is one event as one article tells it. Two mentions are candidates when their type is
compatible and their date windows overlap (each date widened by what its precision allows); a
candidate pair is then scored on date, place, actors and mode, and linked when the score reaches
``THRESHOLD``. Some differences rule a pair out whatever the rest says (``score`` returns None):
incompatible types, date windows that do not meet, places in different countries, two precise
places farther apart than their precision allows, or two named actors in the same role from
different countries. A mention joins the best-scoring event none of whose members rules it out. Actor and
country-level place disagreements lower the score but rule nothing out, because a single
report's coding of them is often wrong (the attributing source read as the actor). Names that
two reports share (a ship, a victim, a venue, a town) add to the score. A pair must share a
detail to link: an actor in the same role (id, membership, name, or country and sector), a
place finer than a country (the same place, nearby precise places, the same admin area), or a
name; a coincidence of date, type, mode and country alone scores at most ``BARE``, below the
threshold. So a store need only score the events that share one of a mention's ``keys``, and
the candidates a mention meets grow with the events like it, not with all the events of its days.

A fused event keeps every mention (outlet, URL, evidence and status as that source tells it);
its own attributes are chosen by the rules in ``fuse``: the most precise place and date a source
gives (ties: the one most sources give), the status most sources give, and fatalities by ACLED's
conservative rule (the lowest reported figure), with the reported range kept.

This module is pure: the store feeds it mentions and writes what it returns.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from khaldun.model import content_id

THRESHOLD = 1.2
SAME_ARTICLE_PENALTY = 0.6  # within one article, the event merger already kept them apart
PREC_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
DATE_SLACK = {"day": 1, "week": 2, "month": 0, "year": 0}  # days added on each side
UNDATED_DAYS = 7  # an undated mention happened in the week up to its publication
PLACE_KM = {1: 30.0, 2: 150.0, 3: 400.0}  # the farthest two places may be, by coarser precision
PLACE_WEIGHT = {1: 1.2, 2: 0.8, 3: 0.1}
AREAS = {"sea", "gulf", "ocean", "region", "continent", "country", "admin1", "strait", "bay"}
CONFLICT = -0.3  # two reports disagree on an actor or a country
NAME_WEIGHT, NAME_CAP = 0.2, 0.6
BARE = 1.0  # the most a pair that shares no actor, place (finer than a country) or name scores
COMPATIBLE_TYPES = {frozenset({"ASSAULT", "COERCE"}), frozenset({"PROTEST", "MOBILIZE"})}
STATUS_ORDER = ("asserted", "claimed", "denied", "threatened", "negated")
HOW_RANK = {"dictionary": 0, "alias": 0, "fuzzy": 1, "capital": 1, "metonym": 1, "generic": 2,
            "adjective": 3, "place-country": 4, "unresolved": 5}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as one article tells it, with what fusion compares."""

    id: str
    article_id: str
    type: str
    data: dict[str, Any]  # the event dict of the output contract
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    fatalities: int | None = None
    order: tuple[str, ...] = field(default=())  # canonical_order
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # names, window

    @staticmethod
    def make(event: dict[str, Any], *, outlet: str | None, url: str | None,
             published: str | None) -> Mention:  # fmt: skip
        fat = event.get("fatalities")
        if fat is None:
            fat = fatalities_in(" ".join(s["text"] for s in event.get("evidence_all") or []))
        return Mention(id=event["id"], article_id=event["article_id"], type=event["type"],
                       data=event, outlet=outlet, url=url, published=published, fatalities=fat,
                       order=canonical_order(event, published))  # fmt: skip

    @property
    def place(self) -> dict[str, Any] | None:
        p = self.data.get("place")
        return p if isinstance(p, dict) else None

    def window(self) -> tuple[date, date] | None:
        """The days the event may have happened on, widened by its date's precision."""
        if "window" not in self.memo:
            self.memo["window"] = self._window()
        w: tuple[date, date] | None = self.memo["window"]
        return w

    def _window(self) -> tuple[date, date] | None:
        d = self.data.get("date") or {}
        if d.get("start"):
            slack = timedelta(days=DATE_SLACK.get(d.get("precision") or "", 0))
            start = date.fromisoformat(d["start"])
            end = date.fromisoformat(d.get("end") or d["start"])
            return start - slack, end + slack
        if self.published:
            pub = date.fromisoformat(self.published[:10])
            return pub - timedelta(days=UNDATED_DAYS), pub
        return None


def canonical_order(event: dict[str, Any], published: str | None) -> tuple[str, ...]:
    """Fusion's order: by publication, then article, then where the report tells it (the lede's
    main event before the background further down), then id."""
    start = int((event.get("evidence") or {}).get("start") or 0)
    return (published or "9999", event["article_id"], f"{start:09d}", event["id"])


def types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in COMPATIBLE_TYPES


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _date_score(a: Mention, b: Mention) -> float | None:
    wa, wb = a.window(), b.window()
    if wa is None or wb is None:
        return 0.0
    if wa[0] > wb[1] or wb[0] > wa[1]:
        return None
    da, db = a.data.get("date") or {}, b.data.get("date") or {}
    if not da.get("start") or not db.get("start"):
        return 0.1  # only the publication dates agree
    if da.get("precision") == db.get("precision") == "day":
        gap = abs((date.fromisoformat(da["start"]) - date.fromisoformat(db["start"])).days)
        return 1.0 if gap == 0 else 0.4
    return 0.4


def _place_score(a: dict[str, Any] | None, b: dict[str, Any] | None) -> float | None:
    if not a or not b:
        return 0.0
    coarse = max(int(a.get("precision") or 3), int(b.get("precision") or 3))
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return None if coarse <= 2 else CONFLICT
    weight = PLACE_WEIGHT.get(coarse, 0.1)
    if a.get("gazetteer_id") and a.get("gazetteer_id") == b.get("gazetteer_id"):
        return weight
    area = a.get("feature") in AREAS or b.get("feature") in AREAS
    if None not in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        km = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
        limit = PLACE_KM.get(coarse, 400.0)
        if km > limit:
            # two towns (or a town and a site) too far apart are two places; areas are vague
            return None if coarse == 1 else (0.0 if area else CONFLICT)
        score = weight * (1.0 - 0.5 * km / limit)
    else:
        score = 0.0
    if a.get("admin1") and a.get("admin1") == b.get("admin1"):
        score = max(score, 0.5)
    return score


def _actor_score(a: dict[str, Any] | None, b: dict[str, Any] | None, weight: float) -> float | None:
    if not a or not b:
        return 0.0
    ia, ib = a.get("id"), b.get("id")
    if ia and ib:
        if ia == ib or ib in (a.get("member_of") or ()) or ia in (b.get("member_of") or ()):
            return weight
    elif a.get("name") and a.get("name") == b.get("name"):
        return weight * 0.8
    ca, cb = a.get("country"), b.get("country")
    if ca and cb and ca != cb:
        return CONFLICT
    if ca and ca == cb and a.get("sector") and a.get("sector") == b.get("sector"):
        return weight * 0.5
    return 0.0


_CAPS = re.compile(r"\b[A-Z][A-Za-z'’]{3,}")
_COMMON = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "then",
        "when",
        "what",
        "which",
        "while",
        "with",
        "after",
        "before",
        "from",
        "into",
        "over",
        "said",
        "says",
        "officials",
        "president",
        "minister",
        "ministry",
        "government",
        "spokesman",
        "spokesperson",
        "police",
        "army",
        "military",
        "forces",
        "state",
        "media",
        "news",
        "agency",
        "source",
        "sources",
        "group",
        "groups",
        "security",
        "reuters",
        "wire",
        "live",
        "earlier",
        "later",
        "update",
        "updates",
        "breaking",
        "here",
        "more",
        "residents",
        "witnesses",
        "people",
        "authorities",
    ]
)


def names(m: Mention) -> frozenset[str]:
    """The capitalised names a mention's evidence gives, folded (its outlet's name left out)."""
    if "names" not in m.memo:
        m.memo["names"] = _names(m)
    found: frozenset[str] = m.memo["names"]
    return found


def _names(m: Mention) -> frozenset[str]:
    texts = " ".join(
        s.get("text") or "" for s in m.data.get("evidence_all") or [m.data["evidence"]]
    )
    own = {w.lower() for w in re.findall(r"[A-Za-z]+", m.outlet or "")}
    words = set()
    for hit in _CAPS.finditer(texts):
        before = texts[: hit.start()].rstrip()
        if before[-1:] in ("", ".", "!", "?", ":") or before[-2:] in (" -", " –", " —"):
            continue  # a sentence's first word is capitalised whatever it is
        words.add(hit.group().lower().strip("'’").removesuffix("'s"))
    return frozenset(w for w in words if w not in _COMMON and w not in own and len(w) > 3)


def _name_score(a: Mention, b: Mention) -> float:
    return min(NAME_CAP, NAME_WEIGHT * len(names(a) & names(b)))


def score(a: Mention, b: Mention) -> float | None:
    """How strongly two mentions look like the same event; None when something rules it out."""
    if not types_compatible(a.type, b.type):
        return None
    # each part in turn: the first that rules the pair out ends it (the rest go unscored)
    when = _date_score(a, b)
    if when is None:
        return None
    where = _place_score(a.place, b.place)
    if where is None:
        return None
    who = _actor_score(a.data.get("actor1"), b.data.get("actor1"), 0.7)
    whom = _actor_score(a.data.get("actor2"), b.data.get("actor2"), 0.4)
    if who is None or whom is None:
        return None
    if a.article_id == b.article_id and where < 0:
        return None  # one report that tells two places apart tells two events
    named = _name_score(a, b)
    total = sum((when, where, who, whom)) + named
    ma, mb = a.data.get("mode"), b.data.get("mode")
    if ma and mb:
        total += 0.2 if ma == mb else -0.2
    if a.type != b.type:
        total -= 0.3
    if a.article_id == b.article_id:
        total -= SAME_ARTICLE_PENALTY
    if where <= PLACE_WEIGHT[3] and who <= 0 and whom <= 0 and not named:
        return min(total, BARE)  # a coincidence of date, type, mode and country shares no detail
    return total


# -- blocking: what a store looks candidates up by ------------------------------------------------
CELL_DEG = 1.5  # the grid precise places are indexed on (a cell is wider than PLACE_KM[2])
_COLS = round(360 / CELL_DEG)
_NEAR_KM = max(PLACE_KM[1], PLACE_KM[2]) * 1.001  # the farthest two precise places score
KEY_CHARS = 200  # an index holds keys this long at most


def _group(kind: str) -> str:
    """The name of a type's compatibility class (the types it may fuse with)."""
    return min({kind}.union(*(p for p in COMPATIBLE_TYPES if kind in p)))


def _cell(lat: float, lon: float) -> str:
    row, col = math.floor((lat + 90) / CELL_DEG), math.floor((lon + 180) / CELL_DEG) % _COLS
    return f"{row}.{col}"


def _near_cells(lat: float, lon: float) -> list[str]:
    """The grid cells of every point within ``_NEAR_KM`` of (lat, lon)."""
    arc = _NEAR_KM / 6371.0
    dlat = math.degrees(arc)  # haversine: |dlat| <= the arc
    rows = range(math.floor((lat - dlat + 90) / CELL_DEG),
                 math.floor((lat + dlat + 90) / CELL_DEG) + 1)  # fmt: skip
    # and cos(lat1) cos(lat2) sin^2(dlon / 2) <= sin^2(arc / 2)
    low = math.cos(math.radians(min(90.0, abs(lat) + dlat)))
    if low <= math.sin(arc / 2) * 1.01:  # near a pole: any longitude
        cols = set(range(_COLS))
    else:
        dlon = math.degrees(2 * math.asin(math.sin(arc / 2) / low))
        first = math.floor((lon - dlon + 180) / CELL_DEG)
        cols = {c % _COLS for c in range(first, math.floor((lon + dlon + 180) / CELL_DEG) + 1)}
    return [f"{r}.{c}" for r in rows for c in sorted(cols)]


def keys(m: Mention, *, probe: bool = False) -> list[str]:
    """What a store indexes a mention by: any two mentions that share a detail (and so may reach
    ``THRESHOLD``, see ``score``) share one of these keys. ``probe``: the keys to look a new
    mention's candidates up by (a precise place's neighbouring grid cells, not only its own)."""
    out = {f"n:{w}" for w in names(m)}
    for role in ("actor1", "actor2"):
        a = m.data.get(role)
        if not isinstance(a, dict):
            continue
        if a.get("id"):  # an id matches the same id or an organisation either is a member of
            out |= {f"{role}:i:{x}" for x in (a["id"], *(a.get("member_of") or ()))}
        if a.get("name"):
            out.add(f"{role}:n:{a['name']}")
        if a.get("country") and a.get("sector"):
            out.add(f"{role}:c:{a['country']}:{a['sector']}")
    p = m.place or {}
    if p.get("admin1"):
        out.add(f"adm:{p['admin1']}")
    if int(p.get("precision") or 3) <= 2:
        if p.get("gazetteer_id"):
            out.add(f"g:{p['gazetteer_id']}")
        if p.get("lat") is not None and p.get("lon") is not None:
            lat, lon = float(p["lat"]), float(p["lon"])
            out |= {f"cell:{c}" for c in (_near_cells(lat, lon) if probe else [_cell(lat, lon)])}
    group = _group(m.type)
    return sorted({f"{group}|{k}"[:KEY_CHARS] for k in out})  # a cut key matches more, never less


def event_score(m: Mention, members: Sequence[Mention]) -> float | None:
    """A mention against an event: its best pair score with another report's mention, unless
    any member rules it out."""
    best: float | None = None
    for other in members:
        s = score(m, other)
        if s is None:
            return None
        if other.article_id != m.article_id or len(members) == 1:
            best = s if best is None else max(best, s)
    return best


def best_event(m: Mention, candidates: Mapping[str, Sequence[Mention]]) -> str | None:
    """The id of the event the mention joins, or None: it starts a new event."""
    ids = qualifying(m, candidates)
    return ids[0] if ids else None


def qualifying(m: Mention, candidates: Mapping[str, Sequence[Mention]]) -> list[str]:
    """The events a mention could join, best first (ties by id)."""
    scored = []
    for eid, members in candidates.items():
        s = event_score(m, members)
        if s is not None and s >= THRESHOLD:
            scored.append((-s, eid))
    return [eid for _, eid in sorted(scored)]


def mergeable(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Can two events a new mention links be one event (nothing in one rules out the other)?"""
    return all(score(x, y) is not None for x in a for y in b)


def event_id(founder: str) -> str:
    """A fused event's id: deterministic, from the mention that started it."""
    return content_id(founder, prefix="ev-")


def cluster(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """Fuse mentions from nothing, in their canonical order (what the store does one by one)."""
    events: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda x: x.order):
        wm = m.window()
        cands = {
            eid: ms for eid, ms in events.items()
            if any(types_compatible(m.type, x.type) and _windows_meet(wm, x.window()) for x in ms)
        }  # fmt: skip
        ids = qualifying(m, cands)
        eid = ids[0] if ids else event_id(m.id)
        events.setdefault(eid, []).append(m)
        for other in ids[1:]:  # the mention bridges events: they were one event all along
            if mergeable(events[eid], events[other]):
                events[eid].extend(events.pop(other))
    return events


def _windows_meet(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


# -- the fused event's attributes -----------------------------------------------------------------
def _actor_key(a: dict[str, Any]) -> str:
    return str(a.get("id") or a.get("name") or "")


def _place_key(p: dict[str, Any]) -> str:
    return str(p.get("gazetteer_id") or (p.get("name"), p.get("lat"), p.get("lon")))


def _pick_actor(ms: Sequence[Mention], role: str) -> dict[str, Any] | None:
    given: list[dict[str, Any]] = [m.data[role] for m in ms if m.data.get(role)]
    if not given:
        return None
    votes = Counter(_actor_key(a) for a in given)
    return min(
        enumerate(given),
        key=lambda ia: (HOW_RANK.get(ia[1].get("how") or "", 9), -votes[_actor_key(ia[1])], ia[0]),
    )[1]


def _pick_place(ms: Sequence[Mention]) -> dict[str, Any] | None:
    given = [m.place for m in ms if m.place]
    if not given:
        return None
    votes = Counter(_place_key(p) for p in given if p)
    return min(
        ((i, p) for i, p in enumerate(given) if p),
        key=lambda ip: (int(ip[1].get("precision") or 3), -votes[_place_key(ip[1])], ip[0]),
    )[1]


def _pick_date(ms: Sequence[Mention]) -> dict[str, Any] | None:
    given: list[dict[str, Any]] = [
        m.data["date"] for m in ms if (m.data.get("date") or {}).get("start")
    ]
    if not given:
        return None
    votes = Counter((d["start"], d.get("end")) for d in given)

    def key(i_d: tuple[int, dict[str, Any]]) -> tuple[int, int, int, int]:
        i, d = i_d
        span = (
            date.fromisoformat(d.get("end") or d["start"]) - date.fromisoformat(d["start"])
        ).days
        return (PREC_RANK.get(d.get("precision") or "", 9), -votes[(d["start"], d.get("end"))],
                span, i)  # fmt: skip

    return min(enumerate(given), key=key)[1]


def _majority(values: Iterable[str | None], order: Sequence[str] = ()) -> str | None:
    votes = Counter(v for v in values if v)
    if not votes:
        return None
    rank = {v: i for i, v in enumerate(order)}
    return min(votes, key=lambda v: (-votes[v], rank.get(v, 99), v))


def mention_dict(m: Mention) -> dict[str, Any]:
    """A mention as a fused event lists it: the source and what it says."""
    d = m.data
    return {
        "id": m.id, "article_id": m.article_id, "url": m.url, "outlet": m.outlet,
        "published": m.published, "sentence": d.get("sentence"), "type": m.type,
        "mode": d.get("mode"), "status": d["status"],
        "attributed_to": d.get("attributed_to"), "evidence": d["evidence"],
        "evidence_all": d.get("evidence_all") or [d["evidence"]], "trigger": d.get("trigger"),
        "actor1": d.get("actor1"), "actor2": d.get("actor2"), "place": d.get("place"),
        "date": d.get("date"), "fatalities": m.fatalities, "confidence": d.get("confidence"),
    }  # fmt: skip


def fuse(eid: str, members: Sequence[Mention]) -> dict[str, Any]:
    """The fused event: the output contract's event keys, chosen by the module's rules, plus
    every mention and the sources."""
    ms = sorted(members, key=lambda x: x.order)
    typ = _majority(m.type for m in ms) or ms[0].type
    status = _majority((m.data["status"] for m in ms), STATUS_ORDER) or "asserted"
    of_type = [m for m in ms if m.type == typ]
    lead = max(of_type, key=lambda m: (float(m.data.get("confidence") or 0), -ms.index(m)))
    attrib = next((m.data["attributed_to"] for m in ms
                   if m.data["status"] == status and m.data.get("attributed_to")), None)  # fmt: skip
    fats = [m.fatalities for m in ms if m.fatalities is not None]
    conf = 1.0
    for m in ms:
        conf *= 1.0 - float(m.data.get("confidence") or 0.0)
    outlets = sorted({m.outlet or "?" for m in ms})
    return {
        "id": eid,
        "type": typ,
        "mode": _majority(m.data.get("mode") for m in of_type),
        "status": status,
        "statuses": dict(Counter(m.data["status"] for m in ms)),
        "actor1": _pick_actor(of_type, "actor1"),
        "actor2": _pick_actor(of_type, "actor2"),
        "place": _pick_place(ms),
        "date": _pick_date(ms),
        "attributed_to": attrib,
        "evidence": ms[0].data["evidence"],
        "confidence": round(min(0.99, 1.0 - conf), 3),
        "acled": lead.data.get("acled") or {"event_type": None, "sub_event_type": None},
        "cameo_root": lead.data.get("cameo_root"),
        "fatalities": min(fats) if fats else None,
        "fatalities_range": [min(fats), max(fats)] if fats else None,
        "n_sources": len({m.article_id for m in ms}),
        "n_outlets": len(outlets),
        "outlets": outlets,
        "mentions": [mention_dict(m) for m in ms],
    }


# -- fatalities a report gives --------------------------------------------------------------------
_NUMBERS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}  # fmt: skip
_N = r"(\d[\d,]*|" + "|".join(_NUMBERS) + r")"
_KILLED = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b(?:killed|killing|left|claimed the lives of)\s+(?:at least\s+)?{_N}\b",
        rf"\b{_N}\s+(?:[A-Za-z-]+\s+){{0,3}}?(?:were\s+|was\s+|have been\s+|had been\s+)"
        r"(?:killed|martyred)\b",
        rf"\b{_N}\s+(?:[A-Za-z-]+\s+){{0,3}}?(?:dead|died)\b",
        rf"\b(?:death toll|number of (?:people|those) killed)\b[^.]{{0,120}}?\b(?:to|at|is)\s+{_N}\b",
    )
]


def fatalities_in(text: str) -> int | None:
    """The largest death count a text states ("killed three soldiers", "95 people died")."""
    found = []
    for m in (m for pattern in _KILLED for m in pattern.finditer(text)):
        raw = next(g for g in m.groups() if g)
        raw = raw.lower().replace(",", "")
        n = _NUMBERS.get(raw) if not raw.isdigit() else int(raw)
        if n is not None and n < 100000:
            found.append(n)
    return max(found) if found else None
