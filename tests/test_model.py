from __future__ import annotations

import pytest

from khaldun.model import Span, content_id


def test_span_rejects_inverted_ranges() -> None:
    with pytest.raises(ValueError, match="invalid span"):
        Span(5, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)


def test_span_overlap_and_text() -> None:
    assert Span(0, 5).overlaps(Span(4, 9))
    assert not Span(0, 5).overlaps(Span(5, 9))
    assert Span(2, 5).text("abcdefg") == "cde"


def test_content_id_is_deterministic_and_separates_parts() -> None:
    assert content_id("a", "b") == content_id("a", "b")
    assert content_id("ab", "") != content_id("a", "b")
    assert content_id("x", prefix="e-").startswith("e-")
