"""The store's cost per article as it fills: fusion's candidates and CPU, a block at a time.

    .venv/bin/python benchmarks/store_growth.py -n 2000 --block 250
    .venv/bin/python benchmarks/store_growth.py -n 3500 --coded /tmp/coded.pkl   # parse once

It generates the benchmark corpus (benchmarks/corpus.py), codes it (or reads the coded articles
``--coded`` names, writing them there the first time), then stores them one by one into a new
SQLite store inside one ``Store.batch()``, as ``khaldun ingest`` does, and prints for each block
of articles the store's CPU per article, the part of it that fusion took (``_Linker.link``, with
the fused event's rewrite), and the candidate events and mentions each mention was scored
against. The corpus spreads its articles over one year, so the events of each day grow with
the store. CPU time, not wall-clock: on a shared machine it moves less.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (benchmarks/corpus.py)


def coded_articles(n: int, cache: Path | None) -> list[Any]:
    if cache and cache.exists():
        found: list[Any] = pickle.loads(cache.read_bytes())
        if len(found) >= n:
            return found[:n]
    from khaldun import api
    from khaldun.model import CodedArticle

    with tempfile.TemporaryDirectory() as tmp:
        path = corpus.write(Path(tmp) / "corpus.jsonl", n)
        out = [c for c in api.code([str(path)]) if isinstance(c, CodedArticle)]
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--block", type=int, default=250)
    ap.add_argument("--coded", type=Path, help="a pickle of the coded articles (read or written)")
    args = ap.parse_args()

    from khaldun import fusion
    from khaldun import store as store_module
    from khaldun.store import Store

    coded = coded_articles(args.n, args.coded)
    seen = {"mentions": 0, "events": 0, "members": 0, "link_s": 0.0}
    qualifying = fusion.qualifying

    def counting(m: fusion.Mention, cands: Any) -> list[str]:
        seen["mentions"] += 1
        seen["events"] += len(cands)
        seen["members"] += sum(len(v) for v in cands.values())
        return qualifying(m, cands)

    def timed(fn: Callable[..., None]) -> Callable[..., None]:
        def run(*a: Any, **k: Any) -> None:
            t = time.process_time()
            try:
                fn(*a, **k)
            finally:
                seen["link_s"] += time.process_time() - t

        return run

    fusion.qualifying = counting
    store_module._Linker.link = timed(store_module._Linker.link)
    print("| articles | store CPU ms/article | of which fusion | candidate events per mention "
          "| candidate mentions per mention |\n|---|---:|---:|---:|---:|")  # fmt: skip
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "growth.db"))
        with store.batch():
            for i in range(0, len(coded), args.block):
                part = coded[i : i + args.block]
                seen.update(mentions=0, events=0, members=0, link_s=0.0)
                t = time.process_time()
                for c in part:
                    store.add(c)
                spent = time.process_time() - t
                total += spent
                m = max(seen["mentions"], 1)
                print(f"| {i + 1}-{i + len(part)} | {1000 * spent / len(part):.1f} | "
                      f"{1000 * seen['link_s'] / len(part):.1f} | {seen['events'] / m:.1f} | "
                      f"{seen['members'] / m:.1f} |")  # fmt: skip
        n_events = store.counts(all_tables=True)["fused_events"]
    print(
        f"\n{len(coded)} articles: {total:.1f} CPU s in the store, "
        f"{1000 * total / len(coded):.1f} ms/article; {n_events} fused events"
    )


if __name__ == "__main__":
    main()
