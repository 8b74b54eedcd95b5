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


def test_the_fast_scan_finds_what_the_whole_pattern_finds() -> None:
    # mark() tries, at each word start, only the forms beginning with that word's first run;
    # it must find exactly the terms the one alternation of every form finds
    from khaldun import framing

    forms = framing._forms()[0]
    pattern, lookup = framing._compiled()
    texts = [
        " ".join(f.upper() for f in forms),
        "-".join(forms),  # glued by hyphens: no term may start inside another word
        "x".join(forms),
        " ".join(f.title() + "'s" for f in forms),
        ", ".join(f.replace(" ", "  ") for f in forms),
        "The Zionist regime's forces and the occupation army met U.S. officials.",
    ]
    for text in texts:
        want = [(m.start(), m.end()) for m in pattern.finditer(text)
                if lookup.get(framing._norm(m.group(0))) is not None]  # fmt: skip
        got = [(f.span.start, f.span.end) for f in framing.mark(text)]
        assert got == want
    assert framing.mark(texts[0])  # (the texts do hold terms)
