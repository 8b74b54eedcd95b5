"""Build parsed spaCy Docs by hand, so rule tests do not depend on a statistical model."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, is_punct…), no model

TAGS = {"NOUN": "NN", "PROPN": "NNP", "VERB": "VBD", "AUX": "MD", "ADJ": "JJ", "DET": "DT",
        "ADP": "IN", "PRON": "PRP", "PUNCT": ".", "PART": "RB", "SCONJ": "IN", "CCONJ": "CC",
        "NUM": "CD", "ADV": "RB"}  # fmt: skip


def make(rows: list[tuple[str, ...]], ents: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
         spaces: list[bool] | None = None) -> Any:  # fmt: skip
    """``rows``: (word, lemma, pos, dep, head) and optionally a tag; head is a token index.
    ``spaces``: whether each word is followed by a space (default: unless punctuation follows)."""
    words = [r[0] for r in rows]
    if spaces is None:
        spaces = [i + 1 < len(rows) and rows[i + 1][2] != "PUNCT" for i in range(len(rows))]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[5] if len(r) > 5 else TAGS.get(r[2], "XX") for r in rows],
        deps=[r[3] for r in rows],
        heads=[int(r[4]) for r in rows],
        sent_starts=[i == 0 for i in range(len(rows))],
    )
    if ents:
        from spacy.tokens import Span

        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc
