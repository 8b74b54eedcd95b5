"""Resolve date expressions against the publication date (injected, never the wall clock).

Weekdays are the most recent such day on or before publication (the next one when the tense is
future); "earlier this week" is the publication week so far; "in October" the most recent
October. Explicit dates go through dateparser. What cannot be resolved stays with its text and
no range.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Any

from khaldun.model import DateRange, Precision, Span

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
SAME_DAY = re.compile(
    r"^(today|tonight|this (morning|afternoon|evening)|earlier (in the day|today)|"
    r"later (in the day|today)|on the same day|hours earlier|early hours( of the day)?)$"
)
YESTERDAY = re.compile(r"^(yesterday|last night|overnight|on the previous day|the previous day)$")


def _clean(text: str) -> str:
    t = text.lower().strip().strip(".,;")
    # "around December 26 2019", "on or before 3 March": ACLED's and reporters' hedges
    t = re.sub(r"^(on or (about|before|after|around)|around|about|approximately|circa|roughly)\s+",
               "", t)  # fmt: skip
    t = re.sub(r"^(on|in|since|by|during|from|at)\s+", "", t)
    t = re.sub(r"^the\s+(?=(early|late)\s+hours)", "", t)
    return re.sub(r"\s+", " ", t)


def with_month(ent: Any) -> Any:
    """A date entity the model cut after its month ("Mar" of "Mar 11th 2019"), with it."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in MONTHS:
        from spacy.tokens import Span as TokenSpan

        return TokenSpan(doc, ent.start - 1, ent.end, label=ent.label_)
    return ent


def week_of(d: date) -> tuple[date, date]:
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6)


def resolve(
    text: str, published: date | None, *, future: bool = False, span: Span | None = None
) -> DateRange:
    """Resolve one date expression; ``published`` None leaves relative expressions unresolved."""

    def out(start: date | None, end: date | None, precision: Precision | None) -> DateRange:
        return DateRange(start, end, precision, text, span)

    t = _clean(text)
    # early hours of Monday / Monday night / Monday morning
    m = re.match(
        r"^(?:(?:early|late) hours of )?(\w+day)(?: (?:night|morning|afternoon|evening))?$", t
    )
    if m and m.group(1) in WEEKDAYS and published:
        wd = WEEKDAYS[m.group(1)]
        if future:
            delta = (wd - published.weekday()) % 7 or 7
            d = published + timedelta(days=delta)
        else:
            d = published - timedelta(days=(published.weekday() - wd) % 7)
        return out(d, d, "day")
    if SAME_DAY.match(t) and published:
        return out(published, published, "day")
    if YESTERDAY.match(t) and published:
        d = published - timedelta(days=1)
        return out(d, published if t == "overnight" else d, "day")
    if t == "tomorrow" and published:
        d = published + timedelta(days=1)
        return out(d, d, "day")
    if published:
        if t in ("earlier this week", "this week", "earlier in the week"):
            start, _ = week_of(published)
            return out(start, published, "week")
        if t in ("last week", "the previous week", "the past week", "past week"):
            start, end = week_of(published - timedelta(days=7))
            return out(start, end, "week")
        if t in ("this month", "earlier this month"):
            return out(published.replace(day=1), published, "month")
        if t in ("last month", "the previous month", "past month"):
            end = published.replace(day=1) - timedelta(days=1)
            return out(end.replace(day=1), end, "month")
        if t in ("this year", "earlier this year"):
            return out(date(published.year, 1, 1), published, "year")
        if t in ("last year", "the previous year", "past year"):
            y = published.year - 1
            return out(date(y, 1, 1), date(y, 12, 31), "year")
        if t in ("recent weeks", "the past few weeks", "past few weeks", "recent days"):
            return out(published - timedelta(days=28), published, "month")
        m = re.match(r"^(?:early |late |mid-?)?(\w+)(?: (\d{4}))?$", t)
        if m and m.group(1) in MONTHS and (m.group(2) or not t[0].isdigit()):
            month = MONTHS[m.group(1)]
            year = int(m.group(2)) if m.group(2) else (
                published.year if month <= published.month else published.year - 1
            )  # fmt: skip
            last = calendar.monthrange(year, month)[1]
            return out(date(year, month, 1), date(year, month, last), "month")
    m = re.match(r"^(?:early |late |mid-?)?(\w+) (\d{4})$", t)
    if m and m.group(1) in MONTHS:  # "November 2019" needs no publication date
        year, month = int(m.group(2)), MONTHS[m.group(1)]
        return out(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]),
                   "month")  # fmt: skip
    m = re.match(r"^(\d{4})$", t)
    if m:
        y = int(m.group(1))
        return out(date(y, 1, 1), date(y, 12, 31), "year")
    parsed = _dateparser(t, published)
    if parsed is not None:
        return out(parsed, parsed, "day")
    return out(None, None, None)


def _dateparser(text: str, published: date | None) -> date | None:
    """Explicit dates ("12 October 2023", "Oct. 12", "2023-10-12") through dateparser."""
    if not re.search(r"\d", text):
        return None
    if published is None and not re.search(r"\b(1[89]|20)\d\d\b", text):
        return None  # "24 November" with no year and nothing to read it against
    import dateparser

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "STRICT_PARSING": False,
        "REQUIRE_PARTS": ["day", "month"],
    }
    if published:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    try:
        dt = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    return dt.date() if dt else None
