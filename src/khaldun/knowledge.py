"""Knowledge files: YAML inside the package (or the user's), validated with located messages."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from khaldun.errors import KnowledgeError

ActorKind = Literal[
    "state", "government_body", "armed_group", "party", "igo", "ngo", "media", "company",
    "religious", "generic",
]  # fmt: skip
Sector = Literal[
    "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "MLA", "CRM",
    "CVL", "PRO", "LAB", "EDU", "MED", "BUS", "REL", "IGO", "NGO", "REF", "HLH",
]  # fmt: skip
RelationType = Literal["member_of", "part_of", "backed_by", "successor_of", "allied_with"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
SECTORS: tuple[str, ...] = get_args(Sector)
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)


M = TypeVar("M", bound=BaseModel)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Relation(_Strict):
    type: RelationType
    target: str
    since: str | None = None
    until: str | None = None

    @field_validator("since", "until", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        return None if value is None else str(value)


class ActorEntry(_Strict):
    id: str = Field(pattern=r"^[A-Z0-9][A-Z0-9-]*$")
    name: str = Field(min_length=1)
    kind: ActorKind
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    sector: Sector
    aliases: list[str] = []
    adjectives: list[str] = []
    capitals: list[str] = []
    metonyms: list[str] = []
    relations: list[Relation] = []
    acled_name: str | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    description: str | None = None


class ActorFile(_Strict):
    schema_: Literal["khaldun.actors/1"] = Field(alias="schema")
    entries: list[ActorEntry]


class GenericNoun(_Strict):
    lemma: str
    sector: str
    plural_only: bool = False
    name: str | None = None  # canonical name when no country is known ("Protesters")


class Community(_Strict):
    """An ethnic or clan community whose armed men ACLED codes as its communal militia."""

    name: str = Field(min_length=2)
    countries: list[str] = Field(min_length=1)
    aliases: list[str] = []  # other names, which ACLED keeps as written ("Merrile")
    spellings: list[str] = []  # other spellings of the name, which ACLED writes as the name

    @field_validator("countries")
    @classmethod
    def _iso3(cls, value: list[str]) -> list[str]:
        for c in value:
            if len(c) != 3 or not c.isupper():
                raise ValueError(f"{c!r} is not an ISO3 code")
        return value


class GenericFile(_Strict):
    schema_: Literal["khaldun.generic/1"] = Field(alias="schema")
    nouns: list[GenericNoun]
    roles: list[str]  # person roles that speak for an organisation ("commander of X")
    modifiers: dict[str, str]  # "resistance": "REB" — a modifier that sets the sector of "group"
    # "Pokot raiders", "Kikuyu youths", "the Turkana": a community's armed men
    communities: list[Community] = []


class FramingEntry(_Strict):
    term: str
    variants: list[str] = []
    label: Literal[
        "delegitimising",
        "dehumanising",
        "glorifying",
        "euphemism",
        "emotive",
        "accusatory",
        "loaded-label",
    ]
    casts: str | None = None
    neutral: str | None = None
    note: str | None = None


class FramingFile(_Strict):
    schema_: Literal["khaldun.framing/1"] = Field(alias="schema")
    entries: list[FramingEntry]


def _locate(exc: ValidationError, source: str) -> KnowledgeError:
    lines = []
    for err in exc.errors():
        where = " -> ".join(str(p) for p in err["loc"])
        lines.append(f"{source}: {where}: {err['msg']}")
    return KnowledgeError("\n".join(lines))


def read_yaml(path: Path | str) -> Any:
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path}: no such knowledge file") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc


def validate(model: type[M], data: Any, source: str) -> M:
    """Validate ``data`` against ``model``; errors name the file, the entry and the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _locate(exc, source) from None


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``khaldun/data``."""
    return Path(str(resources.files("khaldun").joinpath("data", *parts)))


def packaged(folder: str) -> list[Path]:
    return sorted(data_path(folder).glob("*.yaml"))


def short(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else str(path)


def load_actor_files(paths: Iterable[Path]) -> list[tuple[Path, ActorFile]]:
    """Load and validate actor files, then check ids are unique and relations resolve."""
    loaded = [(p, validate(ActorFile, read_yaml(p), short(p))) for p in paths]
    seen: dict[str, str] = {}
    errors: list[str] = []
    for path, file in loaded:
        for i, entry in enumerate(file.entries):
            if entry.id in seen:
                errors.append(
                    f"{short(path)}: entries -> {i} -> id: duplicate id {entry.id!r} "
                    f"(also in {seen[entry.id]})"
                )
            seen[entry.id] = short(path)
    for path, file in loaded:
        for i, entry in enumerate(file.entries):
            for j, rel in enumerate(entry.relations):
                if rel.target not in seen:
                    errors.append(
                        f"{short(path)}: entries -> {i} -> relations -> {j} -> target: "
                        f"unknown actor {rel.target!r} (entry {entry.id})"
                    )
    if errors:
        raise KnowledgeError("\n".join(errors))
    return loaded


@functools.cache
def generic_nouns() -> GenericFile:
    path = data_path("actors", "generic", "generic.yaml")
    return validate(GenericFile, read_yaml(path), short(path))


@functools.cache
def community_forms() -> dict[str, tuple[str, str]]:
    """Each form of a community's name, its plural too ("Boran", "Maasais", "Turkanas"), to the
    name ACLED writes ("Borana", "Maasai") and the community's first country."""
    out: dict[str, tuple[str, str]] = {}
    for c in generic_nouns().communities:
        forms = [(n, c.name) for n in (c.name, *c.spellings)] + [(a, a) for a in c.aliases]
        for form, written in forms:
            for f in (form, form + "s") if not form.endswith("s") else (form,):
                out.setdefault(f, (written, c.countries[0]))
    return out


@functools.cache
def framing_lexicon() -> FramingFile:
    path = data_path("framing", "lexicon.yaml")
    return validate(FramingFile, read_yaml(path), short(path))


class OutletEntry(_Strict):
    """A news outlet and the country it reports on (None: an international one)."""

    name: str = Field(min_length=1)
    aliases: list[str] = []
    domains: list[str] = []
    country: str | None = Field(pattern=r"^[A-Z]{3}$")


class OutletFile(_Strict):
    schema_: Literal["khaldun.outlets/1"] = Field(alias="schema")
    outlets: list[OutletEntry]


class PlaceEntry(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    aliases: list[str] = []
    feature: Literal[
        "military-base", "air-base", "naval-base", "oil-field", "gas-field", "energy-site",
        "nuclear-site", "border-crossing", "port", "dam", "bridge", "camp", "hospital",
        "religious-site", "prison", "landmark", "sea", "strait", "gulf", "lake", "region",
        "disputed-territory", "province", "admin2", "country",
    ]  # fmt: skip
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    admin1: str | None = None
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    precision: Literal[1, 2, 3] = 1
    note: str | None = None


class PlaceFile(_Strict):
    schema_: Literal["khaldun.places/1"] = Field(alias="schema")
    entries: list[PlaceEntry]


def place_files() -> list[Path]:
    return packaged("places")


def load_place_file(path: Path) -> PlaceFile:
    return validate(PlaceFile, read_yaml(path), short(path))
