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


@functools.lru_cache(maxsize=4096)
def _starting_with(ch: str) -> re.Pattern[str] | None:
    """The pattern of the forms whose first character matches ``ch`` (as the whole pattern's
    IGNORECASE compares it), in the same order: at a position where ``ch`` is, it matches
    exactly what the whole pattern matches there."""
    forms = [f for f in _forms()[0] if re.fullmatch(re.escape(f[0]), ch, re.IGNORECASE)]
    return re.compile(_alternation(forms), re.IGNORECASE) if forms else None


def _norm(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text.lower())


def mark(text: str) -> list[FramingMark]:
    """Every loaded term in ``text``, longest match first, with offsets.

    What ``_compiled()``'s pattern finds scanning the text (``finditer``), found faster: it is
    tried only where a word starts, with the forms that start with that word's first letter.
    """
    _, lookup = _compiled()
    out = []
    pos = 0
    while (start := _START.search(text, pos)) is not None:
        at = start.start()
        pattern = _starting_with(text[at])
        m = pattern.match(text, at) if pattern is not None else None
        if m is None:
            pos = at + 1
            continue
        pos = m.end()
        entry = lookup.get(_norm(m.group(0)))
        if entry is None:
            continue
        out.append(FramingMark(Span(m.start(), m.end()), m.group(0), entry.label,
                               entry.neutral, entry.casts, entry.note))  # fmt: skip
    return out
