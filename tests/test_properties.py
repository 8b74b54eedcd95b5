"""Invariants over generated reports: every span lies inside the text (real pipeline)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khaldun.ingest.readers import make_article
from khaldun.serialize import article_dict

pytestmark = pytest.mark.model

ACTORS = [
    "Hamas",
    "US forces",
    "The Houthis",
    "Kenyan police",
    "Protesters",
    "Boko Haram fighters",
    "It",
]
VERBS = [
    "attacked",
    "said they had attacked",
    "will attack",
    "did not attack",
    "arrested",
    "met",
    "denied attacking",
]
TARGETS = ["an army base", "Israeli troops", "demonstrators", "the Israeli regime", "civilians"]
PLACES = [
    "in Erbil",
    "near Haifa",
    "in northern Iraq",
    "in Nairobi",
    "",
    "in three locations in Syria",
]
WHEN = ["on Sunday", "earlier this week", "last year", "", "in October"]

sentence = st.builds(
    lambda a, v, t, p, w: " ".join(x for x in (a, v, t, p, w) if x) + ".",
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(TARGETS),
    st.sampled_from(PLACES), st.sampled_from(WHEN),
)  # fmt: skip
report = st.lists(sentence, min_size=1, max_size=4).map(lambda ss: "\n\n".join(ss))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=report)
def test_spans_lie_inside_the_text(pipeline: Any, text: str) -> None:
    coded = article_dict(pipeline.code(make_article(text, published=None)))
    body = coded["text"]
    for e in coded["events"]:
        for s in [*e["evidence_all"], e["trigger"]]:
            assert 0 <= s["start"] < s["end"] <= len(body)
            assert body[s["start"] : s["end"]] == s["text"]
        assert e["status"] in ("asserted", "claimed", "threatened", "denied", "negated")
        assert 0.0 <= e["confidence"] <= 1.0
        d = e["date"]
        if d and d["start"]:
            assert d["start"] <= d["end"]
    for f in coded["framing"]:
        assert body[f["start"] : f["end"]] == f["text"]
