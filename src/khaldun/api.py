"""Library entry points that the CLI and the HTTP API are thin shells over."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from khaldun import batch
from khaldun.batch import IngestReport, Progress, RunOptions
from khaldun.config import Config
from khaldun.ingest.readers import TextMeta, read_inputs
from khaldun.model import Article, CodedArticle, ItemError
from khaldun.pipeline import Pipeline
from khaldun.store import Store

__all__ = ["IngestReport", "RunOptions", "code", "code_text", "ingest", "places"]


def code(
    inputs: Iterable[str],
    *,
    config: Config | None = None,
    meta: TextMeta | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[CodedArticle | ItemError]:
    """Read and code every article in the inputs; bad items come out as ``ItemError``."""
    config = config or Config.default()
    pipe = pipeline or Pipeline(config)
    items = read_inputs(inputs, meta=meta, timeout_s=config.fetch_timeout_s,
                        max_bytes=config.fetch_max_bytes,
                        extract_timeout_s=config.extract_timeout_s)  # fmt: skip
    while chunk := list(itertools.islice(items, config.batch_size)):
        # coded a batch at a time (one nlp.pipe stream), yielded in input order
        coded = batch.code_batch(pipe, [i for i in chunk if isinstance(i, Article)])
        for item in chunk:
            yield item if isinstance(item, ItemError) else next(coded)


def code_text(text: str, *, published: str | None = None, outlet: str | None = None,
              url: str | None = None, pipeline: Pipeline | None = None) -> CodedArticle:  # fmt: skip
    """Code one text (the simplest way in from Python)."""
    from khaldun.ingest.readers import make_article, parse_date

    article: Article = make_article(text, url=url, outlet=outlet,
                                    published=parse_date(published, "published"))  # fmt: skip
    return (pipeline or Pipeline()).code(article)


def ingest(
    inputs: Iterable[str],
    *,
    store: Store,
    config: Config | None = None,
    meta: TextMeta | None = None,
    pipeline: Pipeline | None = None,
    options: RunOptions | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Code and store the inputs in bounded batches; articles already stored are skipped
    before coding. ``options`` sets the engine, workers, batch size, limit and sample."""
    return batch.ingest(inputs, store=store, config=config, meta=meta, options=options,
                        pipeline=pipeline, progress=progress)  # fmt: skip


def places(
    records: Iterable[dict[str, object]], *, config: Config | None = None
) -> Iterator[dict[str, object]]:
    """Every place mention of each record, with offsets and resolution.

    A record that carries ``toponyms`` ([{"start", "end"}]) has exactly those spans resolved, as
    the geoparsing literature scores resolution; otherwise the pipeline finds the places.
    """
    from khaldun.ingest.readers import make_article, parse_date
    from khaldun.places import gazetteer
    from khaldun.places.resolve import PlaceFinder
    from khaldun.serialize import place_mention_dict

    config = config or Config.default()
    finder: PlaceFinder | None = None
    pipe: Pipeline | None = None
    for rec in records:
        text = str(rec.get("text") or "")
        toponyms = rec.get("toponyms")
        if isinstance(toponyms, list):
            finder = finder or PlaceFinder(gazetteer.load())
            spans = [(int(t["start"]), int(t["end"])) for t in toponyms]
            found = finder.resolve_spans(text, spans)
        else:
            pipe = pipe or Pipeline(config)
            article = make_article(text, published=parse_date(rec.get("published"), "published"))
            found = list(pipe.code(article).places)
            text = article.text
        yield {"id": rec.get("id"), "places": [place_mention_dict(m) for m in found]}
