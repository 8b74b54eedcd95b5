"""The Dask engine: the batch loop of ``khaldun.batch``, with the batches coded on a cluster.

A worker plugin (``KhaldunPlugin``) builds the pipeline once per worker, so the spaCy model,
the actor dictionaries and the gazetteer load once, when the worker joins; each task then codes
one partition (a batch of articles). This process reads the inputs, drops the articles already
stored, keeps a bounded number of partitions in flight, and writes each result to the store as
it comes back: idempotence and resumption are those of a local run.

Without an address, a ``LocalCluster`` with one single-threaded worker process per core (or
``--workers``) is started and closed; with one (``tcp://host:8786``), the work goes to that
scheduler's workers, which need khaldun installed in the same version (see docs/scaling.md).
Dask is an optional extra: ``pip install 'khaldun[dask]'``.
"""

from __future__ import annotations

from typing import Any

from khaldun.config import Config
from khaldun.errors import MissingExtra
from khaldun.model import Article

PLUGIN = "khaldun"
INSTALL = "pip install 'khaldun[dask]'"


def _require() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise MissingExtra(
            f"--engine dask needs Dask, which is not installed: {INSTALL} "
            f"(or run without --engine dask, on local worker processes)"
        ) from exc


def make_plugin(config: Config) -> Any:
    """The worker plugin that loads the model and the dictionaries once per worker."""
    from distributed import WorkerPlugin

    class KhaldunPlugin(WorkerPlugin):  # type: ignore[misc]
        name = PLUGIN

        def __init__(self, config: Config) -> None:
            self.config = config
            self.pipeline: Any = None

        def setup(self, worker: Any) -> None:
            from khaldun.pipeline import Pipeline

            self.pipeline = Pipeline(self.config)

    return KhaldunPlugin(config)


def code_partition(batch: list[Article]) -> list[Any]:
    """A task: code one partition with the worker's pipeline."""
    from distributed import get_worker

    from khaldun.batch import code_batch, for_the_store

    plugin = get_worker().plugins.get(PLUGIN)
    if plugin is None or plugin.pipeline is None:
        raise RuntimeError("khaldun worker plugin is not registered on this worker")
    return for_the_store(code_batch(plugin.pipeline, batch))


class DaskEngine:
    """Partitions to a Dask cluster: a LocalCluster, or the scheduler at ``scheduler``."""

    def __init__(self, config: Config, *, workers: int | None = None,
                 scheduler: str | None = None) -> None:  # fmt: skip
        _require()
        from distributed import Client, LocalCluster

        from khaldun.batch import cores

        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers or cores(), threads_per_worker=1,
                                        processes=True, dashboard_address=None)  # fmt: skip
            self.client = Client(self.cluster)
        self.client.register_plugin(make_plugin(config), name=PLUGIN)
        n = len(self.client.scheduler_info().get("workers", {})) or workers or 1
        self.slots = 2 * n

    def submit(self, batch: list[Article]) -> Any:
        return self.client.submit(code_partition, batch, pure=False)

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        from distributed import wait

        done, rest = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done), set(rest)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
