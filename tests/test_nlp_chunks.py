"""Line and dateline chunking before parsing: offsets never move, datelines stand apart."""

from __future__ import annotations

import pytest

from khaldun.nlp import _chunks


@pytest.mark.parametrize(
    ("text", "chunks"),
    [
        ("Strike kills leader\nBAGHDAD, Jan 4 (Wire) - A strike killed a commander.\n",
         ["Strike kills leader\n", "BAGHDAD, Jan 4 (Wire) - ", "A strike killed a commander.\n"]),
        ("KABUL (Reuters) — Fighters attacked a post.",
         ["KABUL (Reuters) — ", "Fighters attacked a post."]),
        ("NAIROBI, Kenya, March 3 - Police fired tear gas.",
         ["NAIROBI, Kenya, March 3 - ", "Police fired tear gas."]),
        ("ISIS - the group - said it.", ["ISIS - the group - said it."]),  # no date, place or agency
        ("The UN - in a statement - said.", ["The UN - in a statement - said."]),
    ],
)  # fmt: skip
def test_datelines_are_split_and_text_is_kept(text: str, chunks: list[str]) -> None:
    assert _chunks(text) == chunks
    assert "".join(_chunks(text)) == text
