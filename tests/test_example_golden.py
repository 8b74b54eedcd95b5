"""End to end on the canonical example (loads the real spaCy pipeline)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES

from khaldun.ingest.readers import TextMeta, read_inputs
from khaldun.model import Article
from khaldun.serialize import article_dict

GOLDEN = Path(__file__).parent / "golden" / "presstv-2024-01-28-nujaba.events.json"
JSONL = EXAMPLES / "presstv-2024-01-28-nujaba.jsonl"
TXT = EXAMPLES / "presstv-2024-01-28-nujaba.txt"

pytestmark = pytest.mark.model


def summary(article: dict[str, Any]) -> list[dict[str, Any]]:
    """What must not drift: each event's coding, without ids or offsets."""
    out = []
    for e in article["events"]:
        p, d = e["place"] or {}, e["date"] or {}
        out.append({
            "type": e["type"], "mode": e["mode"], "status": e["status"],
            "actor1": (e["actor1"] or {}).get("id") or (e["actor1"] or {}).get("name"),
            "actor2": (e["actor2"] or {}).get("name"),
            "place": p.get("name"), "country": p.get("country"), "precision": p.get("precision"),
            "lat": p.get("lat") if p.get("precision") == 1 else None,
            "date": [d.get("start"), d.get("end"), d.get("precision")],
            "attributed_to": (e["attributed_to"] or {}).get("name"),
            "acled": [e["acled"]["event_type"], e["acled"]["sub_event_type"]],
            "evidence": [x["text"][:60] for x in e["evidence_all"]],
        })  # fmt: skip
    return sorted(out, key=lambda x: (x["type"], x["place"] or ""))


def code_file(pipeline: Any, path: Path, meta: TextMeta | None = None) -> dict[str, Any]:
    [article] = read_inputs([str(path)], meta=meta)
    assert isinstance(article, Article)
    return article_dict(pipeline.code(article))


@pytest.fixture(scope="module")
def coded(pipeline: Any) -> dict[str, Any]:
    return code_file(pipeline, JSONL)


def test_matches_the_golden_file(coded: dict[str, Any], request: pytest.FixtureRequest) -> None:
    got = summary(coded)
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert got == json.loads(GOLDEN.read_text()), "run pytest --update-golden and review the diff"


def test_the_five_gold_events_are_coded(coded: dict[str, Any]) -> None:
    by = {(e["type"], (e["place"] or {}).get("name")): e for e in coded["events"]}
    assert len(coded["events"]) == 5
    erbil = by[("ASSAULT", "Erbil International Airport")]
    assert (erbil["mode"], erbil["status"], erbil["actor1"]["id"]) == (
        "drone",
        "claimed",
        "IRQ-IRI",
    )
    assert erbil["actor2"]["name"] == "United States military"
    assert (erbil["place"]["lat"], erbil["place"]["lon"], erbil["place"]["precision"]) == (
        36.2376,
        43.9632,
        1,
    )
    assert erbil["date"]["start"] == erbil["date"]["end"] == "2024-01-28"
    syria = by[("ASSAULT", "Syria")]
    assert syria["place"]["precision"] == 3 and syria["status"] == "claimed"
    haifa = by[("ASSAULT", "Haifa")]
    assert haifa["place"]["country"] == "ISR" and haifa["actor2"]["country"] == "ISR"
    threat = by[("THREATEN", "Iraq")]
    assert (threat["status"], threat["actor1"]["id"]) == ("threatened", "IRQ-NUJABA")
    assert "IRQ-IRI" in threat["actor1"]["member_of"]
    talks = by[("CONSULT", "Iraq")]
    assert {talks["actor1"]["country"], talks["actor2"]["country"]} == {"IRQ", "USA"}
    assert talks["status"] == "asserted" and talks["date"]["precision"] == "week"


def test_boilerplate_is_not_coded_and_framing_is_marked(coded: dict[str, Any]) -> None:
    text = coded["text"]
    assert "alternate addresses" not in text and "Roku" not in text
    assert not text.startswith("News")
    assert coded["section"] == ["News", "Iraq", "Palestine"]
    marked = {f["text"].lower() for f in coded["framing"]}
    for term in (
        "genocidal war",
        "israeli aggression",
        "occupied territories",
        "israeli regime",
        "occupiers",
    ):
        assert term in marked
    # the group's own name is a name, not the outlet's framing
    assert "islamic resistance in iraq" not in marked


def test_text_input_gives_the_same_events(pipeline: Any, coded: dict[str, Any]) -> None:
    txt = code_file(pipeline, TXT, TextMeta(published=date(2024, 1, 28), outlet="Press TV"))
    assert summary(txt) == summary(coded)


def test_every_span_lies_inside_the_text_and_says_what_it_quotes(coded: dict[str, Any]) -> None:
    text = coded["text"]
    spans = [f for f in coded["framing"]]
    for e in coded["events"]:
        spans += e["evidence_all"] + [e["trigger"], e["evidence"]]
    for s in spans:
        assert 0 <= s["start"] <= s["end"] <= len(text)
        assert text[s["start"] : s["end"]] == s["text"]
    for e in coded["events"]:
        for key in ("actor1", "actor2", "place"):
            m = e[key]
            if m and m.get("text"):
                assert m["text"] in text
