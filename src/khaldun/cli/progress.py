"""Progress of a long ingest on the terminal: articles/s, events, errors and, when the input's
size is known, an ETA; and the summary printed at the end."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from khaldun.batch import IngestReport
    from khaldun.batch import Progress as Callback


def count_hint(inputs: Iterable[str], *, limit: int | None = None,
               sample: float | None = None) -> int | None:  # fmt: skip
    """About how many articles the inputs hold (JSONL lines, files), or None when unknown."""
    from khaldun.ingest.readers import SUFFIXES

    n = 0
    for inp in inputs:
        if inp == "-" or inp.startswith(("http://", "https://")):
            return limit
        path = Path(inp)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            kind = SUFFIXES.get(f.suffix.lower())
            if kind is None or f.name.endswith(".gold.jsonl") or not f.exists():
                continue
            if kind == "jsonl":
                with f.open("rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            else:
                n += 1
    if sample is not None:
        n = round(n * sample)
    return min(n, limit) if limit is not None else n


@contextmanager
def ingest_progress(console: Console, total: int | None) -> Iterator[Callback]:
    """A live line: articles done (of total, with ETA), articles/s, events and errors."""
    columns = [SpinnerColumn(), TextColumn("[bold]ingest[/bold]")]
    if total:
        columns += [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    columns += [TextColumn("{task.fields[rate]} articles/s · {task.fields[events]} events · "
                           "{task.fields[errors]} errors"), TimeElapsedColumn()]  # fmt: skip
    start = time.perf_counter()
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("ingest", total=total, rate="-", events=0, errors=0)

        def update(rep: IngestReport) -> None:
            done = rep.stored + rep.skipped + len(rep.errors)
            rate = (rep.stored + rep.skipped) / max(time.perf_counter() - start, 1e-9)
            bar.update(task, completed=done, rate=f"{rate:,.1f}", events=rep.events,
                       errors=len(rep.errors))  # fmt: skip

        yield update


def summary(rep: IngestReport, seconds: float, db: str) -> str:
    rate = rep.read / seconds if seconds > 0 else 0.0
    return (f"read {rep.read} articles in {seconds:,.1f} s ({rate:,.1f} articles/s): stored "
            f"{rep.stored} with {rep.events} events, {rep.skipped} already stored, "
            f"{len(rep.errors)} errors  ->  {db}")  # fmt: skip
