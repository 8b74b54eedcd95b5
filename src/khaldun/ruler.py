"""The model's attribute ruler, applied by table: the same output in a tenth of the time.

spaCy's ``AttributeRuler`` runs a ``Matcher`` over every document to map each token's tag (and a
few words and dependency labels) to its part of speech, morphology and lemma. Nearly all its
patterns look at one token only, so the attributes a token gets depend on its tag, lower-cased
form, dependency label and whether it is a space, and nothing else: they are worked out once per
such combination and kept. The few patterns of two tokens ("gon na", "let 's", "there is") are
checked directly. Matches are applied in the ruler's order (a later pattern wins), as the
``AttributeRuler`` applies them, so every attribute ends up the same (``tests/test_nlp_ruler.py``
checks this against spaCy's own on the project's texts).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens._retokenize import set_token_attrs

_KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
Test = Callable[[Any], bool]


def _value_test(attr: str, spec: Any) -> Callable[[Any], bool]:
    """A test of one attribute's value as the Matcher reads a pattern's spec."""
    if not isinstance(spec, dict):
        return lambda v: bool(v == spec)
    allowed: frozenset[Any] | None = None
    banned: frozenset[Any] = frozenset()
    regex: re.Pattern[str] | None = None
    for op, arg in spec.items():
        if op == "IN":
            allowed = frozenset(arg)
        elif op == "NOT_IN":
            banned = frozenset(arg)
        elif op == "REGEX":
            regex = re.compile(arg)
        else:
            raise ValueError(f"attribute ruler pattern op {op!r} on {attr} is not supported")

    def test(v: Any) -> bool:
        return ((allowed is None or v in allowed) and v not in banned
                and (regex is None or bool(regex.search(str(v)))))  # fmt: skip

    return test


def _token_test(spec: dict[str, Any]) -> Callable[[tuple[Any, ...]], bool]:
    """A test of one token (as its (tag, lower, dep, is_space) key) against a token pattern."""
    unknown = set(spec) - set(_KEYS)
    if unknown:
        raise ValueError(f"attribute ruler pattern keys {sorted(unknown)} are not supported")
    order = list(_KEYS)
    parts = [(order.index(k), _value_test(k, v)) for k, v in spec.items()]
    return lambda key: all(t(key[i]) for i, t in parts)


class TableRuler:
    """A stand-in for a pipeline's ``attribute_ruler`` with the same patterns and attributes."""

    def __init__(self) -> None:
        self.attrs: list[dict[Any, Any]] = []
        self.indices: list[int] = []
        self.single: list[tuple[int, Callable[[tuple[Any, ...]], bool]]] = []
        self.multi: list[tuple[int, list[Callable[[tuple[Any, ...]], bool]]]] = []
        self._starts: list[Callable[[tuple[Any, ...]], bool]] = []
        self._cache: dict[tuple[Any, ...], tuple[tuple[int, ...], bool]] = {}

    def take(self, ruler: Any) -> TableRuler:
        """Read an ``AttributeRuler``'s patterns and attributes (ValueError: a pattern the
        table cannot read)."""
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self.single, self.multi = [], []
        for i, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = [_token_test(t) for t in pattern]
                if not tests:
                    continue
                if len(tests) == 1:
                    self.single.append((i, tests[0]))
                else:
                    self.multi.append((i, tests))
        # the first token's tests of the multi-token patterns, to skip most positions at once
        self._starts = [tests[0] for _, tests in self.multi]
        self._cache = {}
        return self

    def _hits(self, key: tuple[Any, ...]) -> tuple[tuple[int, ...], bool]:
        found = self._cache.get(key)
        if found is None:
            found = (tuple(i for i, test in self.single if test(key)),
                     any(t(key) for t in self._starts))  # fmt: skip
            if len(self._cache) < 200_000:
                self._cache[key] = found
        return found

    def __call__(self, doc: Any) -> Any:
        keys = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        matches: list[tuple[int, int]] = []  # (pattern order, token index)
        for n, key in enumerate(keys):
            hits, starts = self._hits(key)
            matches.extend((i, n) for i in hits)
            if starts:
                for i, tests in self.multi:
                    end = n + len(tests)
                    if end <= len(keys) and all(t(keys[n + j]) for j, t in enumerate(tests)):
                        idx = self.indices[i]
                        matches.append((i, (n if idx >= 0 else end) + idx))
        matches.sort()
        for i, n in matches:
            set_token_attrs(doc[n], self.attrs[i])
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


@Language.factory("khaldun_table_ruler")
def make_table_ruler(nlp: Language, name: str) -> TableRuler:
    return TableRuler()


def install(nlp: Any) -> bool:
    """Put a ``TableRuler`` in place of the pipeline's ``attribute_ruler``, under its name; False
    where it has none, or one with patterns the table cannot read (it is then left as it is)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, TableRuler):
        return True
    try:
        table = TableRuler().take(ruler)
    except ValueError:
        return False
    nlp.replace_pipe("attribute_ruler", "khaldun_table_ruler")
    nlp.get_pipe("attribute_ruler").__dict__.update(table.__dict__)
    return True
