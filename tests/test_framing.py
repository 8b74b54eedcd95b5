from __future__ import annotations

from khaldun.framing import mark


def test_marks_loaded_terms_from_every_side_with_neutral_alternatives() -> None:
    text = (
        "The Israeli regime continued its aggression, while the IDF said Hamas terrorists used "
        "human shields. Moscow called it a special military operation; Kyiv spoke of orcs."
    )
    found = {m.text.lower(): m for m in mark(text)}
    assert "israeli regime" in found
    assert "special military operation" in found
    assert any("terrorist" in t for t in found)
    for m in found.values():
        assert text[m.span.start : m.span.end] == m.text
        assert m.label


def test_hyphen_and_space_variants_match_and_words_do_not_match_inside_words() -> None:
    assert [m.text for m in mark("in Israeli-occupied Palestine")] == ["Israeli-occupied"]
    assert mark("preoccupied territoriesX") == []


def test_neutral_reporting_is_not_marked() -> None:
    assert (
        mark("The army said three soldiers were killed in clashes near the border on Monday.") == []
    )
