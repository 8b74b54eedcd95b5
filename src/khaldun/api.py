"""Library entry points that the CLI and the HTTP API are thin shells over."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from khaldun.config import Config
from khaldun.ingest.readers import TextMeta, read_inputs
from khaldun.model import Article, CodedArticle, ItemError
from khaldun.pipeline import Pipeline
from khaldun.store import Store


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
    for item in read_inputs(inputs, meta=meta, timeout_s=config.fetch_timeout_s,
                            max_bytes=config.fetch_max_bytes):  # fmt: skip
        if isinstance(item, ItemError):
            yield item
            continue
        try:
            yield pipe.code(item)
        except Exception as exc:  # one article's failure never stops the batch
            yield ItemError(item.url or item.id, f"coding failed: {exc.__class__.__name__}: {exc}")


def code_text(text: str, *, published: str | None = None, outlet: str | None = None,
              url: str | None = None, pipeline: Pipeline | None = None) -> CodedArticle:  # fmt: skip
    """Code one text (the simplest way in from Python)."""
    from khaldun.ingest.readers import make_article, parse_date

    article: Article = make_article(text, url=url, outlet=outlet,
                                    published=parse_date(published, "published"))  # fmt: skip
    return (pipeline or Pipeline()).code(article)


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store
    events: int = 0
    errors: list[ItemError] = field(default_factory=list)


def ingest(
    inputs: Iterable[str],
    *,
    store: Store,
    config: Config | None = None,
    meta: TextMeta | None = None,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Code and store the inputs; articles already stored are skipped before coding."""
    config = config or Config.default()
    report = IngestReport()
    pipe: Pipeline | None = pipeline
    inputs = list(inputs)
    run_id = store.start_run(inputs)
    for item in read_inputs(inputs, meta=meta, timeout_s=config.fetch_timeout_s,
                            max_bytes=config.fetch_max_bytes):  # fmt: skip
        if isinstance(item, ItemError):
            report.errors.append(item)
            store.add_error(item)
            continue
        report.read += 1
        if store.has_article(item):  # this very text (a changed one is a new version)
            report.skipped += 1
            continue
        pipe = pipe or Pipeline(config)
        try:
            coded = pipe.code(item)
        except Exception as exc:
            err = ItemError(item.url or item.id, f"coding failed: {exc.__class__.__name__}: {exc}")
            report.errors.append(err)
            store.add_error(err)
            continue
        if store.add(coded):
            report.stored += 1
            report.events += len(coded.events)
        else:
            report.skipped += 1
    store.finish_run(run_id, read=report.read, stored=report.stored, skipped=report.skipped,
                     n_events=report.events, n_errors=len(report.errors))  # fmt: skip
    return report


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
