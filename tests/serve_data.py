"""Coded reports built by hand for the serve tests (no model): a few events of several types,
countries and dates, one report whose text and title carry HTML and a script."""

from __future__ import annotations

from datetime import date

from khaldun.model import (
    Actor,
    ActorMention,
    Article,
    CodedArticle,
    DateRange,
    Event,
    FramingMark,
    Place,
    PlaceMention,
    Span,
)


def _at(text: str, part: str) -> Span:
    i = text.index(part)
    return Span(i, i + len(part))


def report(
    aid: str,
    text: str,
    *,
    type: str,
    trigger: str,
    actor1: tuple[str, str, str | None],  # text in the report, name, country
    actor2: tuple[str, str, str | None] | None = None,
    place: tuple[str, str, str, str | None, float, float, int]
    | None = None,  # text, name, ISO3, admin1, lat, lon, precision
    day: date = date(2024, 1, 28),
    status: str = "asserted",
    mode: str | None = None,
    outlet: str = "Wire",
    title: str | None = None,
    framing: tuple[tuple[str, str], ...] = (),
    confidence: float = 0.8,
) -> CodedArticle:
    art = Article(id=aid, text=text, url=f"https://news.example/{aid}", outlet=outlet,
                  published=day, title=title or text.split(".")[0])  # fmt: skip
    a1 = ActorMention(_at(text, actor1[0]), actor1[0], Actor(actor1[1], f"X-{actor1[1][:6].upper()}", actor1[2]), "dictionary")  # fmt: skip
    a2 = None
    if actor2:
        a2 = ActorMention(_at(text, actor2[0]), actor2[0], Actor(actor2[1], None, actor2[2]), "generic")  # fmt: skip
    pm = None
    if place:
        ptext, name, iso, admin1, lat, lon, prec = place
        pm = PlaceMention(_at(text, ptext), ptext, Place(name, iso, admin1, lat, lon, prec, f"t:{name}"))  # fmt: skip
    ev = Event(
        id=f"e-{aid}", article_id=aid, type=type, mode=mode, status=status,  # type: ignore[arg-type]
        evidence=(Span(0, text.index(".") + 1),), trigger=_at(text, trigger),
        actor1=a1, actor2=a2, place=pm, date=DateRange(day, day, "day", "on Sunday"),
        confidence=confidence,
    )  # fmt: skip
    marks = tuple(FramingMark(_at(text, t), t, label, neutral="neutral") for t, label in framing)
    actors = tuple(m for m in (a1, a2) if m is not None)
    return CodedArticle(article=art, events=(ev,), actors=actors, framing=marks)


ERBIL = report(
    "r-erbil",
    "Militants launched drones at US forces in Erbil airport on Sunday. The occupiers were hit, "
    "the group said.",
    type="ASSAULT", trigger="launched", mode="drone", status="claimed",
    actor1=("Militants", "Islamic Resistance in Iraq", "IRQ"),
    actor2=("US forces", "United States military", "USA"),
    place=("Erbil airport", "Erbil International Airport", "IRQ", "Arbil", 36.2376, 43.9632, 1),
    framing=(("occupiers", "delegitimising"),), outlet="Press TV",
)  # fmt: skip
BAGHDAD = report(
    "r-baghdad",
    "Protesters marched in Baghdad against the government on Friday. Police watched.",
    type="PROTEST", trigger="marched", day=date(2024, 1, 26),
    actor1=("Protesters", "Protesters (Iraq)", "IRQ"),
    place=("Baghdad", "Baghdad", "IRQ", "Baghdad", 33.34, 44.40, 1),
)  # fmt: skip
ADEN = report(
    "r-aden",
    "Houthi forces fired a missile at a ship in the Gulf of Aden. The crew was unharmed.",
    type="ASSAULT", trigger="fired", mode="missile", day=date(2024, 1, 20), outlet="Wire",
    actor1=("Houthi forces", "Ansar Allah", "YEM"),
    place=("Gulf of Aden", "Gulf of Aden", "YEM", None, 12.5, 47.0, 2),
)  # fmt: skip
TALKS = report(
    "r-talks",
    "Iraq held talks with the United States on the withdrawal. Officials said they went well.",
    type="CONSULT", trigger="talks", day=date(2024, 1, 15), status="asserted",
    actor1=("Iraq", "Iraq", "IRQ"), actor2=("United States", "United States", "USA"),
)  # fmt: skip
SCRIPT_TEXT = ('Gunmen attacked a checkpoint <script>window.__pwned = 1</script> near Kirkuk '
               '<img src=x onerror="window.__pwned = 2">. Two <b>guards</b> were hurt.')  # fmt: skip
HOSTILE = report(
    "r-hostile",
    SCRIPT_TEXT,
    type="ASSAULT", trigger="attacked", day=date(2024, 1, 10),
    actor1=("Gunmen", "<script>alert(1)</script>Gunmen", "IRQ"),
    place=("Kirkuk", "Kirkuk <i>city</i>", "IRQ", "Kirkuk", 35.47, 44.39, 1),
    title='<img src=x onerror="window.__pwned = 3">Checkpoint attack',
)  # fmt: skip

ALL = (ERBIL, BAGHDAD, ADEN, TALKS, HOSTILE)
