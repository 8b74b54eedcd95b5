"""The batch engine: inputs stream to the store in bounded batches, coded in worker processes.

Readers yield one article at a time; articles already stored are dropped before coding; the
rest are grouped into batches of ``batch_size``, and at most two batches per worker are in
flight at once, so memory does not grow with the corpus. Each worker loads the spaCy model and
the dictionaries once, then codes whole batches (one ``nlp.pipe`` stream each). Results are
written by this process, a batch in one transaction (each article in its own if that fails):
a killed run resumes, and a re-run adds nothing. The same loop drives a Dask cluster
(``khaldun.distributed``).
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from khaldun.config import Config
from khaldun.errors import InputError
from khaldun.model import Article, CodedArticle, ItemError

if TYPE_CHECKING:
    from khaldun.ingest.readers import Item, TextMeta
    from khaldun.pipeline import Pipeline
    from khaldun.store import Rows, Store

Result = CodedArticle | ItemError
ENGINES = ("local", "dask")


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store
    events: int = 0
    errors: list[ItemError] = field(default_factory=list)


@dataclass(frozen=True)
class RunOptions:
    """How to run an ingest: where, on how many workers, over how much of the input."""

    engine: str = "local"  # local | dask
    workers: int | None = None  # None: one per core
    batch_size: int | None = None  # None: the configuration's [nlp] batch_size
    limit: int | None = None  # stop after this many articles
    sample: float | None = None  # keep this share of articles, chosen by their id's hash
    scheduler: str | None = None  # a Dask scheduler address; None: a LocalCluster

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise InputError(f"engine {self.engine!r} is not one of {', '.join(ENGINES)}")
        if self.workers is not None and self.workers < 1:
            raise InputError(f"workers must be at least 1, not {self.workers}")
        if self.batch_size is not None and self.batch_size < 1:
            raise InputError(f"batch size must be at least 1, not {self.batch_size}")
        if self.limit is not None and self.limit < 0:
            raise InputError(f"limit must be 0 or more, not {self.limit}")
        if self.sample is not None and not 0 < self.sample <= 1:
            raise InputError(f"sample must be a share in (0, 1], such as 0.1, not {self.sample}")


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_sample(article_id: str, share: float) -> bool:
    """Whether an article is in a ``share`` sample: by its id's hash, so the same every run."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") < share * 2**64


def select(items: Iterable[Item], *, limit: int | None = None,
           sample: float | None = None) -> Iterator[Item]:  # fmt: skip
    """The sampled articles, up to ``limit`` of them; bad items always pass (to be reported)."""
    n = 0
    for item in items:
        if isinstance(item, ItemError):
            yield item
            continue
        if sample is not None and not in_sample(item.id, sample):
            continue
        if limit is not None and n >= limit:
            return
        n += 1
        yield item


def code_batch(pipe: Any, batch: list[Article]) -> Iterator[Result]:
    """Code a batch in one pass; if that fails, article by article, so one failure costs one."""
    done = 0
    many = getattr(pipe, "code_many", None)
    if many is not None:
        try:
            for coded in many(batch, batch_size=len(batch)):
                done += 1
                yield coded
            return
        except Exception:  # found again, and reported, article by article below
            pass
    for article in batch[done:]:
        try:
            yield pipe.code(article)
        except Exception as exc:  # one article's failure never stops the batch
            yield ItemError(article.url or article.id,
                            f"coding failed: {exc.__class__.__name__}: {exc}")  # fmt: skip


class Engine(Protocol):
    """Where batches are coded: futures that yield a batch's results (pool or Dask)."""

    slots: int  # batches in flight at most

    def submit(self, batch: list[Article]) -> Any: ...

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]: ...

    def close(self) -> None: ...


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(config: Config) -> None:
    """Load the model and the dictionaries once in each worker process."""
    global _WORKER_PIPELINE
    from khaldun.pipeline import Pipeline

    _WORKER_PIPELINE = Pipeline(config)


def _code_in_worker(batch: list[Article]) -> list[Rows | ItemError]:
    assert _WORKER_PIPELINE is not None, "worker started without _init_worker"
    return for_the_store(code_batch(_WORKER_PIPELINE, batch))


def for_the_store(results: Iterable[Result]) -> list[Rows | ItemError]:
    """A worker's results as the writer takes them: each coded article as its store rows (built
    here, so that the writer only writes), an article whose rows cannot be built reported."""
    from khaldun.store import Rows

    out: list[Rows | ItemError] = []
    for r in results:
        if isinstance(r, CodedArticle):
            try:
                out.append(Rows.of(r))
            except Exception as exc:
                out.append(ItemError(r.article.url or r.article.id,
                                     f"storing failed: {exc.__class__.__name__}: {exc}"))  # fmt: skip
        else:
            out.append(r)
    return out


class ProcessEngine:
    """A pool of worker processes, each with its own pipeline."""

    def __init__(self, config: Config, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: a fresh interpreter, never a fork of a process that runs threads
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker, initargs=(config,))  # fmt: skip
        self.slots = 2 * workers

    def submit(self, batch: list[Article]) -> Any:
        return self.pool.submit(_code_in_worker, batch)

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        from concurrent.futures import FIRST_COMPLETED, wait

        done, rest = wait(pending, return_when=FIRST_COMPLETED)
        return set(done), set(rest)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


Progress = Callable[[IngestReport], None]


def ingest(
    inputs: Iterable[str],
    *,
    store: Store,
    config: Config | None = None,
    meta: TextMeta | None = None,
    options: RunOptions | None = None,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Code and store the inputs; articles already stored are skipped before coding.

    With one worker (or a ``pipeline`` given) everything runs in this process; otherwise
    batches go to a pool of worker processes, or to a Dask cluster with ``engine="dask"``.
    """
    config = config or Config.default()
    opts = options or RunOptions()
    size = opts.batch_size or config.batch_size
    inputs = [str(i) for i in inputs]
    run_id = store.start_run(inputs)  # a run killed before its end stays "running"
    with store.batch():  # what the store reads for one batch, it remembers for the next
        report = _ingest(inputs, store, config, meta, opts, size, pipeline, progress)
    store.finish_run(run_id, read=report.read, stored=report.stored, skipped=report.skipped,
                     n_events=report.events, n_errors=len(report.errors))  # fmt: skip
    return report


def _ingest(inputs: list[str], store: Store, config: Config, meta: TextMeta | None,
            opts: RunOptions, size: int, pipeline: Pipeline | None,
            progress: Progress | None) -> IngestReport:  # fmt: skip
    from khaldun.ingest.readers import read_inputs

    report = IngestReport()
    items = select(read_inputs(inputs, meta=meta, timeout_s=config.fetch_timeout_s,
                               max_bytes=config.fetch_max_bytes,
                               extract_timeout_s=config.extract_timeout_s),
                   limit=opts.limit, sample=opts.sample)  # fmt: skip
    batches = _new_batches(items, store, report, size, progress)

    def keep(results: Iterable[Result | Rows]) -> None:
        """Store a batch's results: its articles in one transaction, its bad items reported."""
        coded: list[CodedArticle | Rows] = []
        with store.batch():
            for result in results:
                if isinstance(result, ItemError):
                    report.errors.append(result)
                    store.add_error(result)
                else:
                    coded.append(result)
            for result, added in zip(coded, store.add_many(coded), strict=True):
                if added:
                    report.stored += 1
                    report.events += len(result.events)
                else:
                    report.skipped += 1

    workers = opts.workers or cores()
    if opts.engine == "local" and pipeline is None and workers > 1:
        # a run that fits in one batch gains nothing from a pool: it stays in this process
        first, second = next(batches, None), next(batches, None)
        if second is None:
            workers = 1
        batches = itertools.chain([b for b in (first, second) if b is not None], batches)
    if opts.engine == "local" and (pipeline is not None or workers <= 1):
        pipe = pipeline
        for batch in batches:
            if pipe is None:
                from khaldun.pipeline import Pipeline

                pipe = Pipeline(config)
            keep(code_batch(pipe, batch))
            if progress:
                progress(report)
        return report

    engine: Engine | None = None
    pending: set[Any] = set()

    def drain(until: int) -> None:
        nonlocal pending
        assert engine is not None
        while len(pending) > until:
            done, pending = engine.wait(pending)
            for fut in done:
                keep(fut.result())
            if progress:
                progress(report)

    try:
        for batch in batches:
            if engine is None:  # started only when there is something to code
                engine = _engine(opts, config, workers)
            pending.add(engine.submit(batch))
            drain(engine.slots - 1)
        if engine is not None:
            drain(0)
    finally:
        if engine is not None:
            engine.close()
    return report


def _engine(opts: RunOptions, config: Config, workers: int) -> Engine:
    if opts.engine == "dask":
        from khaldun.distributed import DaskEngine

        return DaskEngine(config, workers=opts.workers, scheduler=opts.scheduler)
    return ProcessEngine(config, workers)


def _new_batches(items: Iterable[Item], store: Store, report: IngestReport, size: int,
                 progress: Progress | None) -> Iterator[list[Article]]:  # fmt: skip
    """Batches of the articles not yet stored; bad items and stored ones are counted here.

    The store is asked about the articles a batch still lacks in one read (nothing is stored
    while a batch is being filled, so each answer is the one a read per article would give).
    """
    batch: list[Article] = []
    unread: list[Article] = []  # not yet looked up in the store

    def look_up() -> None:
        if not unread:
            return
        for article, there in zip(unread, store.stored(unread), strict=True):
            if there:  # the same text again; a changed one is a new version
                report.skipped += 1
                if progress and report.skipped % 100 == 0:
                    progress(report)
            else:
                batch.append(article)
        unread.clear()

    for item in items:
        if isinstance(item, ItemError):
            report.errors.append(item)
            store.add_error(item)
            continue
        report.read += 1
        unread.append(item)
        if len(batch) + len(unread) >= size:
            look_up()
            if len(batch) >= size:
                yield batch
                batch = []
    look_up()
    if batch:
        yield batch
