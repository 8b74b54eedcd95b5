"""`khaldun eval` on ACLED rows: one event per event id, whichever export it came from."""

from __future__ import annotations

import csv
from pathlib import Path

from khaldun.evaluate import run_acled

FIELDS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "notes",
          "geo_precision", "latitude", "longitude", "fatalities", "source"]  # fmt: skip
NOTE = "On 3 May 2023, villagers beat and injured a suspected thief in Kushtia town."


def test_a_monadic_export_is_scored_once_per_event(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, FIELDS)
        w.writeheader()
        # ACLED's monadic export: the same event once for each of its actors
        for actor in ("Rioters (Bangladesh)", "Civilians (Bangladesh)"):
            w.writerow({"event_id_cnty": "BGD1", "event_date": "2023-05-03", "event_type": "Riots",
                        "sub_event_type": "Mob violence", "actor1": actor, "notes": NOTE,
                        "geo_precision": "1", "latitude": "23.90", "longitude": "89.12",
                        "fatalities": "0", "source": "Example Daily"})  # fmt: skip
    out = run_acled(path, config=None, limit=None)
    assert out["articles"] == 1
    assert out["figures"]["actor1_accuracy_acled_naming"]["n"] == 1
    assert out["figures"]["acled_event_type_accuracy"]["n"] == 1
    assert "monadic" in out["note"]


def test_gsr_actor_names_match_dotted_acronyms_and_misspellings_only() -> None:
    from khaldun.evaluate import gsr_actor_ok

    def ok(coded: str, gold: str) -> bool:
        return gsr_actor_ok([{"actorText": gold}], {"text": coded, "name": coded})["name"]

    assert ok("U.S.", "U.S.") and ok("the United Nations", "U.N. mission") is False
    assert ok("Ghanaians", "Ghanians") and ok("President Gbagbo", "President Laurent Gbago")
    assert not ok("Austria", "Australia") and not ok("Iran", "Iraq")
