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
