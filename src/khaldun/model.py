"""khaldun's one data model: plain, immutable records with character offsets into article text.

This module imports only the standard library. The spaCy ``Doc`` is a working object of the NLP
stage; everything stored and exported is offsets and values, so any field can be audited without
a model.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "week", "month", "year"]
Status = Literal["asserted", "claimed", "threatened", "denied", "negated"]
STATUSES: tuple[Status, ...] = ("asserted", "claimed", "threatened", "denied", "negated")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's coded text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """A deterministic id: the hash of its parts, so re-running never makes a new row."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"


@dataclass(frozen=True, slots=True)
class Article:
    """A news report, its coded text cleaned of outlet boilerplate."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    language: str = "en"
    section: tuple[str, ...] = ()  # breadcrumbs / categories
    source_id: str | None = None  # the id the input record gave, if any
    raw_text: str | None = None  # the text before cleaning, when it differed
    boilerplate: tuple[str, ...] = ()  # what cleaning removed (breadcrumb line, footer)
    author: str | None = None

    @staticmethod
    def make_id(text: str, url: str | None) -> str:
        return content_id(url or "", text, prefix="a-")


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as resolved against the dictionary (id is None when unresolved)."""

    name: str
    id: str | None = None
    country: str | None = None  # ISO3
    sector: str | None = None
    member_of: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    text: str
    actor: Actor
    how: str  # "dictionary", "alias", "fuzzy", "generic", "pronoun", "unresolved"
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place; precision follows ACLED's geo_precision (1 site/town, 2 near/region, 3 province/country)."""

    name: str
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 3
    gazetteer_id: str | None = None
    feature: str | None = None  # "country", "admin1", "city", "airport", "facility", "region"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span
    text: str
    place: Place | None  # None: recognised but not resolved
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class DateRange:
    """When something happened, as a range with a precision; ``start`` None means unresolved."""

    start: date | None
    end: date | None
    precision: Precision | None
    text: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the report attributes an event to (the source of a claim, threat or denial)."""

    name: str
    text: str
    span: Span | None = None
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class FramingMark:
    span: Span
    text: str
    label: str
    neutral: str | None = None
    casts: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event as an article tells it."""

    id: str
    article_id: str
    type: str  # PLOVER category
    mode: str | None
    status: Status
    evidence: tuple[Span, ...]
    trigger: Span
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    place: PlaceMention | None = None
    date: DateRange | None = None
    attributed_to: Attribution | None = None
    confidence: float = 0.5
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    fatalities: int | None = None
    background: bool = False
    provenance: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article with everything the pipeline found in it."""

    article: Article
    events: tuple[Event, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateRange, ...] = ()
    framing: tuple[FramingMark, ...] = ()
    provenance: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ItemError:
    """A bad input item: reported with its reason and skipped, never fatal to the batch."""

    source: str
    reason: str
