from __future__ import annotations

from datetime import date, timedelta

import pytest

from khaldun.dates.resolve import resolve

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.mark.parametrize("pub_offset", range(7))
@pytest.mark.parametrize("weekday", WEEKDAYS)
def test_weekday_is_most_recent_on_or_before_publication(pub_offset: int, weekday: str) -> None:
    published = date(2024, 1, 22) + timedelta(days=pub_offset)  # a Monday .. Sunday
    d = resolve(f"on {weekday}", published)
    assert d.precision == "day" and d.start == d.end
    assert d.start is not None
    assert d.start <= published and (published - d.start).days < 7
    assert d.start.strftime("%A") == weekday


@pytest.mark.parametrize("weekday", WEEKDAYS)
def test_weekday_in_future_tense_is_the_next_one(weekday: str) -> None:
    published = date(2024, 1, 28)
    d = resolve(weekday, published, future=True)
    assert d.start is not None and d.start > published and (d.start - published).days <= 7


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("earlier in the day", "2024-01-28", "2024-01-28", "day"),
        ("yesterday", "2024-01-27", "2024-01-27", "day"),
        ("overnight", "2024-01-27", "2024-01-28", "day"),
        ("earlier this week", "2024-01-22", "2024-01-28", "week"),
        ("last week", "2024-01-15", "2024-01-21", "week"),
        ("last month", "2023-12-01", "2023-12-31", "month"),
        ("last year", "2023-01-01", "2023-12-31", "year"),
        ("in October", "2023-10-01", "2023-10-31", "month"),
        ("in January", "2024-01-01", "2024-01-31", "month"),
        ("12 October 2023", "2023-10-12", "2023-10-12", "day"),
        ("early hours of Monday", "2024-01-22", "2024-01-22", "day"),
        ("2022", "2022-01-01", "2022-12-31", "year"),
    ],
)
def test_relative_and_explicit_expressions(text: str, start: str, end: str, precision: str) -> None:
    d = resolve(text, date(2024, 1, 28))
    assert (d.start.isoformat() if d.start else None, d.end.isoformat() if d.end else None) == (
        start,
        end,
    )
    assert d.precision == precision
    assert d.text == text


def test_unresolvable_keeps_the_text_and_no_range() -> None:
    d = resolve("in the aftermath", date(2024, 1, 28))
    assert d.start is None and d.precision is None and d.text == "in the aftermath"


def test_relative_needs_a_publication_date() -> None:
    assert resolve("on Sunday", None).start is None


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Around December 26 2019", "2019-12-26", "2019-12-26", "day"),  # hedges go
        ("on or before 3 March 2020", "2020-03-03", "2020-03-03", "day"),
        ("November 2019", "2019-11-01", "2019-11-30", "month"),  # a year needs no publication
    ],
)
def test_dates_that_say_their_year_need_no_publication_date(text: str, start: str, end: str,
                                                           precision: str) -> None:  # fmt: skip
    d = resolve(text, None)
    assert (str(d.start), str(d.end), d.precision) == (start, end, precision)


def test_a_yearless_date_with_no_publication_date_is_unresolved() -> None:
    # never the year of the machine's clock
    assert resolve("24 November", None).start is None


def test_a_date_the_model_cut_after_its_month_gets_it_back() -> None:
    from tests.docs import make

    from khaldun.dates.resolve import with_month

    doc = make([("On", "on", "ADP", "ROOT", 0), ("Mar", "Mar", "PROPN", "pobj", 0),
                ("11th", "11th", "NOUN", "compound", 1), ("2019", "2019", "NUM", "nummod", 1)],
               ents=[(2, 4, "DATE")])  # fmt: skip
    [ent] = doc.ents
    fixed = with_month(ent)
    assert (fixed.text, fixed.label_) == ("Mar 11th 2019", "DATE")
    assert resolve(fixed.text, None).start is not None
