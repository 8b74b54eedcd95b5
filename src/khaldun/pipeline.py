"""The pipeline: registered, versioned stages run in order over one article at a time.

Each stage is a plain typed function ``Analysis -> Analysis`` made by a factory from the
configuration. It declares what it ``requires`` and what it ``assigns``; the pipeline checks the
order before it runs anything, and stamps each stage's name on what it made (provenance).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from khaldun.config import Config
from khaldun.errors import ConfigError
from khaldun.model import (
    ActorMention,
    Article,
    CodedArticle,
    DateRange,
    Event,
    FramingMark,
    PlaceMention,
)
from khaldun.registry import stages


@dataclass(frozen=True, slots=True)
class Analysis:
    """The working record of one article as it passes through the stages."""

    article: Article
    doc: Any = None  # the spaCy Doc: a working object, never stored
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateRange, ...] = ()
    events: tuple[Event, ...] = ()
    framing: tuple[FramingMark, ...] = ()
    provenance: tuple[str, ...] = ()

    def coded(self) -> CodedArticle:
        return CodedArticle(
            article=self.article,
            events=self.events,
            actors=self.actors,
            places=self.places,
            dates=self.dates,
            framing=self.framing,
            provenance=self.provenance,
        )


@dataclass(frozen=True, slots=True)
class Stage:
    name: str  # versioned, e.g. "khaldun.places.gazetteer.v1"
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    fn: Callable[[Analysis], Analysis]

    def __call__(self, analysis: Analysis) -> Analysis:
        out = self.fn(analysis)
        return dataclasses.replace(out, provenance=(*out.provenance, self.name))

    def many(self, analyses: list[Analysis]) -> list[Analysis]:
        """Run over a batch: one call where the function has a ``many`` (the NLP stage does)."""
        batched = getattr(self.fn, "many", None)
        outs: list[Analysis] = batched(analyses) if batched else [self.fn(a) for a in analyses]
        return [dataclasses.replace(o, provenance=(*o.provenance, self.name)) for o in outs]


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[Callable[[Config], Callable[[Analysis], Analysis]]], Callable[[Config], Stage]]:
    """Register a stage factory under a versioned name, as a third party's would be."""

    def wrap(
        factory: Callable[[Config], Callable[[Analysis], Analysis]],
    ) -> Callable[[Config], Stage]:
        def make(config: Config) -> Stage:
            return Stage(name, tuple(requires), tuple(assigns), factory(config))

        stages.register(name, func=make)
        return make

    return wrap


FIELDS = {"doc", "actors", "places", "dates", "events", "framing"}


class Pipeline:
    """The stages named in the configuration, checked for order, ready to code articles."""

    def __init__(self, config: Config | None = None) -> None:
        from khaldun import stages as _builtin  # noqa: F401  (registers the built-in stages)

        self.config = config or Config.default()
        self.stages: list[Stage] = []
        for name in self.config.pipeline:
            try:
                factory = stages.get(name)
            except Exception as exc:  # catalogue raises RegistryError
                known = ", ".join(sorted(stages.get_all()))
                raise ConfigError(
                    f"unknown stage {name!r} in [pipeline] stages. Available: {known}"
                ) from exc
            self.stages.append(factory(self.config))
        self._check_order()

    def _check_order(self) -> None:
        have: set[str] = {"article"}
        for s in self.stages:
            missing = [r for r in s.requires if r not in have]
            if missing:
                raise ConfigError(
                    f"stage {s.name} requires {', '.join(missing)}, which no earlier stage "
                    f"assigns; reorder [pipeline] stages"
                )
            have.update(s.assigns)

    @property
    def versions(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def code(self, article: Article) -> CodedArticle:
        return next(iter(self.code_many([article])))

    def code_many(
        self, articles: Iterable[Article], *, batch_size: int | None = None
    ) -> Iterator[CodedArticle]:
        """Code articles in batches: each stage runs over a whole batch before the next stage
        (the NLP stage parses the batch in one ``nlp.pipe`` stream)."""
        size = max(1, batch_size or self.config.batch_size)
        it = iter(articles)
        while batch := list(itertools.islice(it, size)):
            analyses = [Analysis(article=a) for a in batch]
            for s in self.stages:
                analyses = s.many(analyses)
            yield from (a.coded() for a in analyses)
