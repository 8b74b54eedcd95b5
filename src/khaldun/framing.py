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
    by_form: dict[str, FramingEntry] = {}
    for e in framing_lexicon().entries:
        for form in (e.term, *e.variants):
            by_form.setdefault(form.lower(), e)
    forms = sorted(by_form, key=len, reverse=True)  # longest first
    alternation = "|".join(
        r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", f) if w) for f in forms
    )
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return pattern, {_norm(k): v for k, v in by_form.items()}


def _norm(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text.lower())


def mark(text: str) -> list[FramingMark]:
    """Every loaded term in ``text``, longest match first, with offsets."""
    pattern, lookup = _compiled()
    out = []
    for m in pattern.finditer(text):
        entry = lookup.get(_norm(m.group(0)))
        if entry is None:
            continue
        out.append(FramingMark(Span(m.start(), m.end()), m.group(0), entry.label,
                               entry.neutral, entry.casts, entry.note))  # fmt: skip
    return out
