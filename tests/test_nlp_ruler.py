"""The table ruler (khaldun.ruler) gives every token the attributes spaCy's AttributeRuler does."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from khaldun import nlp as knlp
from khaldun import ruler

ROOT = Path(__file__).resolve().parent.parent
ATTRS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


def _doc(vocab, rows):  # type: ignore[no-untyped-def]
    """(word, tag, dep, head) rows, parsed."""
    return Doc(vocab, words=[r[0] for r in rows], tags=[r[1] for r in rows],
               deps=[r[2] for r in rows], heads=[r[3] for r in rows])  # fmt: skip


def test_the_table_applies_patterns_as_the_attribute_ruler_does() -> None:
    nlp = spacy.blank("en")
    ar = nlp.add_pipe("attribute_ruler")
    ar.add([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ar.add([[{"TAG": {"IN": ["VBD", "VBN"]}}]], {"POS": "VERB"})
    # a later pattern wins over an earlier one on the same token
    ar.add([[{"TAG": "NN", "LOWER": "police"}]], {"POS": "PROPN", "LEMMA": "police"})
    ar.add([[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": "aux"}]], {"POS": "AUX"})
    # two-token patterns, with the index counted from either end
    ar.add([[{"LOWER": "gon"}, {"LOWER": {"REGEX": "^na$"}}]], {"LEMMA": "to"}, index=1)
    ar.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], {"POS": "VERB"}, index=-1)
    ar.add([[{"IS_SPACE": True}]], {"TAG": "_SP", "POS": "SPACE"})
    rows = [
        [("police", "NN", "nsubj", 2), ("had", "VBD", "aux", 2), ("fired", "VBD", "ROOT", 2),
         ("gon", "VBG", "dep", 2), ("na", "TO", "dep", 2)],
        [("there", "EX", "expl", 1), ("was", "VBD", "ROOT", 1), ("a", "DT", "det", 3),
         ("raid", "NN", "attr", 1), ("\n\n", "XX", "dep", 1)],
    ]  # fmt: skip
    table = ruler.TableRuler().take(ar)
    for r in rows:
        want, got = ar(_doc(nlp.vocab, r)), table(_doc(nlp.vocab, r))
        assert np.array_equal(want.to_array(ATTRS), got.to_array(ATTRS)), [
            (t.text, t.pos_, t.lemma_, str(t.morph)) for t in got]  # fmt: skip
    got = table(_doc(nlp.vocab, rows[0]))
    assert [t.pos_ for t in got][:3] == ["PROPN", "AUX", "VERB"]
    assert got[4].lemma_ == "to" and got[0].lemma_ == "police"


def test_a_pattern_the_table_cannot_read_leaves_the_ruler_in_place() -> None:
    nlp = spacy.blank("en")
    ar = nlp.add_pipe("attribute_ruler")
    ar.add([[{"TEXT": "Police"}]], {"POS": "PROPN"})
    assert ruler.install(nlp) is False
    assert nlp.get_pipe("attribute_ruler") is ar


def test_the_models_ruler_and_the_table_agree_on_the_shipped_texts() -> None:
    texts = []
    fixtures = ROOT / "tests" / "fixtures"
    for path in (fixtures / "dev_articles.jsonl", fixtures / "geo_articles.jsonl",
                 *sorted((ROOT / "examples").glob("*[!d].jsonl"))):  # fmt: skip
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]
    texts += [
        r["text"]
        for r in json.loads((fixtures / "plover_records.json").read_text("utf-8"))
        if r.get("text")
    ]
    # and the benchmark's generated wire copy (benchmarks/corpus.py)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    texts += [str(r["text"]) for r in corpus.articles(60, seed=3)]
    try:
        model = knlp.load()
    except Exception as exc:  # pragma: no cover - the model is installed with the project
        pytest.skip(f"no model: {exc}")
    assert isinstance(model.get_pipe("attribute_ruler"), ruler.TableRuler)
    plain = spacy.load(knlp.DEFAULT_MODEL)
    assert not isinstance(plain.get_pipe("attribute_ruler"), ruler.TableRuler)
    assert len(texts) > 50
    for want, got in zip(plain.pipe(texts), model.pipe(texts), strict=True):
        assert np.array_equal(want.to_array(ATTRS), got.to_array(ATTRS))
