"""Fatalities as ACLED counts them, read from the parse of sentences written for the tests."""

from __future__ import annotations

import pytest

from khaldun.events.magnitude import fatalities_in

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Gunmen killed five villagers in an attack on a market.", 5),
        ("Three soldiers were killed and 4 were wounded in the ambush.", 3),
        ("Militants stormed a checkpoint, killing 3 policemen.", 3),
        ("At least 32 people were killed in the blast.", 32),
        ("95 people died when the bridge was shelled.", 95),
        ("The death toll from Sunday's attack has risen to 11.", 11),
        ("At least 5-7 policemen were killed at the post.", 5),  # a range: its lower bound
        ("Dozens of civilians were killed in the shelling.", 12),  # ACLED's value for dozens
        ("A soldier was killed by a sniper.", 1),
        ("Police fired tear gas; several protesters were injured.", None),  # wounded are not dead
        ("Protesters marched through the capital.", None),
    ],
)
def test_fatalities(nlp, text: str, deaths: int | None) -> None:  # type: ignore[no-untyped-def]
    assert fatalities_in([nlp(text)]) == deaths
