from __future__ import annotations

from pathlib import Path

import pytest

from khaldun.errors import KnowledgeError
from khaldun.knowledge import framing_lexicon, generic_nouns, load_actor_files, packaged


def test_every_packaged_actor_file_validates_and_ids_are_unique() -> None:
    loaded = load_actor_files(packaged("actors"))
    ids = [e.id for _, f in loaded for e in f.entries]
    assert len(ids) == len(set(ids))
    assert len(ids) > 300


def test_packaged_lexicons_validate() -> None:
    assert len(framing_lexicon().entries) > 50
    assert generic_nouns().nouns


def test_errors_name_file_entry_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text(
        "schema: khaldun.actors/1\nentries:\n"
        "  - {id: X-ONE, name: One, kind: armed_group, country: IRQ, sector: REB}\n"
        "  - {id: X-TWO, name: Two, kind: armed_group, country: IRQ, sector: BAD}\n"
    )
    with pytest.raises(KnowledgeError, match=r"mine\.yaml: entries -> 1 -> sector"):
        load_actor_files([bad])


def test_unknown_relation_target_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "rel.yaml"
    bad.write_text(
        "schema: khaldun.actors/1\nentries:\n"
        "  - id: X-ONE\n    name: One\n    kind: armed_group\n    country: IRQ\n    sector: REB\n"
        "    relations: [{type: member_of, target: X-NOPE}]\n"
    )
    with pytest.raises(
        KnowledgeError, match=r"entries -> 0 -> relations -> 0 -> target: unknown actor 'X-NOPE'"
    ):
        load_actor_files([bad])


def test_every_packaged_place_file_validates() -> None:
    from khaldun.knowledge import load_place_file, place_files

    ids = [e.id for p in place_files() for e in load_place_file(p).entries]
    assert len(ids) == len(set(ids))


def test_event_lexicon_modes_exist_in_the_ontology() -> None:
    from khaldun.events import lexicon

    lex = lexicon.load()  # raises KnowledgeError on an unknown category or mode
    assert lex.verbs and lex.nouns and lex.light_verbs and lex.reporting
    for category in lexicon.CATEGORIES:
        assert lex.ontology[category].get("cameo_roots")
