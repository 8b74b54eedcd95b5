"""The actor dictionary: entries from knowledge files, indexed by normalised alias."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from khaldun.knowledge import ActorEntry, load_actor_files, packaged
from khaldun.model import Actor
from khaldun.text import is_acronym, key

# How a name form stands for its entry; the dictionary ranks a match by it.
FORM_RANK = {"name": 0, "alias": 1, "metonym": 2, "capital": 3, "adjective": 4}


@dataclass(frozen=True, slots=True)
class Form:
    entry_id: str
    form: str  # name | alias | adjective | capital | metonym
    surface: str  # as written in the file
    case_sensitive: bool


@dataclass
class ActorDictionary:
    """Every known actor and every name form that points to it."""

    entries: dict[str, ActorEntry] = field(default_factory=dict)
    index: dict[str, list[Form]] = field(default_factory=lambda: defaultdict(list))
    sources: list[Path] = field(default_factory=list)
    max_words: int = 1
    prefixes: set[str] = field(default_factory=set)  # every word-prefix of every key

    @classmethod
    def load(cls, extra: Sequence[Path | str] = ()) -> ActorDictionary:
        """Load the packaged dictionary plus the user's files (``--actors FILE``); cached."""
        return _load(tuple(str(p) for p in extra))

    @classmethod
    def build(cls, extra: Sequence[Path | str] = ()) -> ActorDictionary:
        paths = packaged("actors") + [Path(p) for p in extra]
        book = cls(sources=paths)
        for _path, file in load_actor_files(paths):
            for entry in file.entries:
                book.add(entry)
        return book

    def add(self, entry: ActorEntry) -> None:
        self.entries[entry.id] = entry
        forms: list[tuple[str, Iterable[str]]] = [
            ("name", [entry.name]),
            ("alias", entry.aliases),
            ("metonym", entry.metonyms),
            ("capital", entry.capitals),
            ("adjective", entry.adjectives),
        ]
        for form, names in forms:
            for surface in names:
                k = key(surface)
                if not k:
                    continue
                self.index[k].append(Form(entry.id, form, surface, is_acronym(surface)))
                words = k.split()
                self.max_words = max(self.max_words, len(words))
                self.prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))

    def lookup(self, text: str) -> list[Form]:
        """Every form whose key equals the key of ``text``, best first; case rules applied."""
        found = [
            f
            for f in self.index.get(key(text), [])
            if not f.case_sensitive or text.replace(".", "") == f.surface.replace(".", "")
        ]
        return sorted(found, key=lambda f: (FORM_RANK[f.form], self._kind_rank(f.entry_id)))

    def _kind_rank(self, entry_id: str) -> int:
        kind = self.entries[entry_id].kind
        return {"state": 0, "armed_group": 1, "igo": 2}.get(kind, 3)

    def actor(self, entry_id: str) -> Actor:
        e = self.entries[entry_id]
        member_of = tuple(r.target for r in e.relations if r.type in ("member_of", "part_of"))
        return Actor(
            name=e.name,
            id=e.id,
            country=e.country,
            sector=e.sector,
            member_of=member_of,
            kind=e.kind,
        )

    def state(self, iso3: str) -> ActorEntry | None:
        e = self.entries.get(iso3)
        return e if e is not None and e.kind == "state" else None

    def ancestors(self, entry_id: str) -> list[str]:
        """Every entry this one is a member or part of, transitively."""
        out: list[str] = []
        todo = [entry_id]
        while todo:
            e = self.entries.get(todo.pop())
            if e is None:
                continue
            for r in e.relations:
                if r.type in ("member_of", "part_of") and r.target not in out:
                    out.append(r.target)
                    todo.append(r.target)
        return out


@functools.cache
def _load(extra: tuple[str, ...]) -> ActorDictionary:
    return ActorDictionary.build(extra)
