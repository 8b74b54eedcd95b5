"""Accuracy ratchet: pinned floors on the project's own dev fixtures (tests/fixtures, written for
the project). A change may raise a floor in eval_baseline.json; it may never silently lower one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, FIXTURES

from khaldun.evaluate import run

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())
SETS = {
    "example": (
        EXAMPLES / "presstv-2024-01-28-nujaba.gold.jsonl",
        EXAMPLES / "presstv-2024-01-28-nujaba.jsonl",
    ),
    "dev": (FIXTURES / "dev_gold.jsonl", FIXTURES / "dev_articles.jsonl"),
    "geo": (FIXTURES / "geo_gold.jsonl", FIXTURES / "geo_articles.jsonl"),
    # 47 reports by wire, state, local and live-blog outlets of 16 real events: cross-report fusion
    "fusion": (FIXTURES / "fusion_gold.jsonl", FIXTURES / "fusion_articles.jsonl"),
    # PLOVER gold records carry their own sentences: no article file
    "plover": (FIXTURES / "plover_records.json", None),
}

pytestmark = pytest.mark.model


@pytest.mark.parametrize("name", sorted(SETS))
def test_figures_do_not_fall_below_their_floors(name: str) -> None:
    gold, articles = SETS[name]
    figures = run(gold, [str(articles)] if articles else [])["figures"]
    for key, floor in BASELINE[name].items():
        value = figures[key]["value"]
        assert value is not None and value >= floor - 1e-9, (
            f"{name}.{key}: {value:.3f} < floor {floor}"
        )
