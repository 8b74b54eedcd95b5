from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khaldun.ingest.clean import clean

PAGE = (
    "Home  /  World  /  Africa\n\n"
    "Rebels seize town in the east\n\n"
    "Rebels seized the town of Exampleville on Tuesday, residents said.\n\n"
    "The army said it would retake the town.\n\n"
    "Follow us on social media for more updates.\n\nFacebook Twitter"
)


def test_breadcrumb_and_footer_are_removed_and_kept_as_metadata() -> None:
    c = clean(PAGE)
    assert c.text.startswith("Rebels seize town")
    assert c.text.endswith("retake the town.")
    assert c.breadcrumbs == ("Home", "World", "Africa")
    assert any("Follow us" in r for r in c.removed)
    # the coded text is one slice of the input: offsets map back by a constant shift
    assert PAGE[c.offset : c.offset + len(c.text)] == c.text


def test_plain_text_is_untouched() -> None:
    text = "Police arrested ten protesters in Dhaka on Monday.\n\nThey were released later."
    c = clean(text)
    assert c.text == text and c.offset == 0 and c.removed == ()


def test_a_footer_phrase_early_in_the_text_is_not_a_footer() -> None:
    text = "Follow us on this story, the minister said.\n\n" + "Body sentence here. " * 20
    assert clean(text).text.startswith("Follow us")


@given(st.text(min_size=1, max_size=400))
def test_cleaned_text_is_always_a_slice_of_the_input(raw: str) -> None:
    c = clean(raw)
    assert raw[c.offset : c.offset + len(c.text)] == c.text


@pytest.mark.model
def test_parsing_line_by_line_keeps_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    from khaldun.nlp import parse

    text = "Headline without a full stop\n\nFirst paragraph. Second sentence.\n\n\nLast one"
    doc = parse(nlp, text)
    assert doc.text == text
    starts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert starts[0] == "Headline without a full stop"
    assert "Last one" in starts[-1]
