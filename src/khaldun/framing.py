"""Framing: mark the loaded wording an outlet uses, from a lexicon of every side's terms.

It marks and never rewrites; the label says what kind of framing, ``casts`` whom it casts, and
``neutral`` offers an analyst a neutral alternative.
"""

from __future__ import annotations

import functools
import re

from khaldun.knowledge import FramingEntry, framing_lexicon
from khaldun.model import FramingMark, Span


@functools.cache
def _compiled() -> tuple[re.Pattern[str], dict[str, FramingEntry]]:
    """The pattern of every form, and each form's entry by its normalised text."""
    forms, by_form = _forms()
    pattern = re.compile(_alternation(forms), re.IGNORECASE)
    return pattern, {_norm(k): v for k, v in by_form.items()}


@functools.cache
def _forms() -> tuple[list[str], dict[str, FramingEntry]]:
    """Every form, longest first, and each form's entry."""
    by_form: dict[str, FramingEntry] = {}
    for e in framing_lexicon().entries:
        for form in (e.term, *e.variants):
            by_form.setdefault(form.lower(), e)
    return sorted(by_form, key=len, reverse=True), by_form


def _alternation(forms: list[str]) -> str:
    alternation = "|".join(
        r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", f) if w) for f in forms
    )
    return rf"(?<![\w-])(?:{alternation})(?![\w-])"


# where a match can start: every form starts with a letter or digit, after no word character
_START = re.compile(r"(?<![\w-])\w")
_RUN = re.compile(r"\w+")


@functools.cache
def _by_first_run() -> dict[str, re.Pattern[str]]:
    """The pattern of the forms that begin with each first run of word characters ("zionist",
    "al", "u" of "U.S."), in the whole pattern's order. A match at a word start begins with
    the text's own run there (a form's first run ends where the text's does: at a space, a
    hyphen, other punctuation or the form's end, after which no word character may follow),
    so at that position it matches exactly what the whole pattern matches."""
    groups: dict[str, list[str]] = {}
    for f in _forms()[0]:
        first = re.split(r"[\s\-]+", f)[0]
        run = _RUN.match(first)
        if run is not None:
            groups.setdefault(run.group(0).lower(), []).append(f)
    return {k: re.compile(_alternation(v), re.IGNORECASE) for k, v in groups.items()}


def _norm(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text.lower())


def mark(text: str) -> list[FramingMark]:
    """Every loaded term in ``text``, longest match first, with offsets.

    What ``_compiled()``'s pattern finds scanning the text (``finditer``), found faster: it is
    tried only where a word starts, with the forms that begin with that word's first run.
    """
    _, lookup = _compiled()
    firsts = _by_first_run()
    out = []
    pos = 0
    while (start := _START.search(text, pos)) is not None:
        at = start.start()
        run = _RUN.match(text, at)
        end = run.end() if run is not None else at + 1
        pattern = firsts.get(text[at:end].lower())
        m = pattern.match(text, at) if pattern is not None else None
        if m is None:
            pos = end  # no word starts inside a run of word characters
            continue
        pos = m.end()
        entry = lookup.get(_norm(m.group(0)))
        if entry is None:
            continue
        out.append(FramingMark(Span(m.start(), m.end()), m.group(0), entry.label,
                               entry.neutral, entry.casts, entry.note))  # fmt: skip
    return out
