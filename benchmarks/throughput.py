"""Throughput of khaldun end to end against bare spaCy, on one machine, in one run.

    .venv/bin/python benchmarks/throughput.py            # 5,000 articles; writes RESULTS.md
    .venv/bin/python benchmarks/throughput.py -n 500 --no-write

It generates the corpus (benchmarks/corpus.py), then runs, each in a fresh process:

- the baseline: bare spaCy ``nlp.pipe`` with the same model over the same article texts;
- khaldun end to end (read, clean, first pass, parse, actors, places, dates, events, framing,
  store) into a new SQLite store, on 1 and on 2 workers.

For each it prints articles/s, tokens/s, events/s, the peak resident memory of the whole
process tree (sampled from /proc every 50 ms, workers included), the ratio to the baseline, and
the CPU seconds the whole process tree used (user + system, workers included). Times include
loading the model, in every run alike. It is a script, not a test: figures depend on the
machine and on what else runs on it: on a machine others share, the CPU seconds (and the load
average, printed with the results) say what the wall-clock figures cannot.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import describe  # noqa: E402  (benchmarks/machine.py)


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeRSS:
    """The peak of the summed RSS of this process and all its descendants."""

    def __init__(self, every_s: float = 0.05) -> None:
        self.peak_kb = 0
        self.every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            todo, total = [os.getpid()], 0
            while todo:
                pid = todo.pop()
                total += _rss_kb(pid)
                todo += _children(pid)
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.every_s)

    def __enter__(self) -> TreeRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_baseline(corpus: Path) -> dict[str, Any]:
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    with TreeRSS() as rss:
        start = time.perf_counter()
        import spacy

        from khaldun.config import Config

        nlp = spacy.load(Config.default().model)
        tokens = sum(len(doc) for doc in nlp.pipe(texts))
        seconds = time.perf_counter() - start
    return {"articles": len(texts), "tokens": tokens, "events": None, "seconds": seconds,
            "peak_rss_mb": rss.peak_kb / 1024}  # fmt: skip


def run_khaldun(corpus: Path, workers: int, first_pass: bool) -> dict[str, Any]:
    import dataclasses

    from khaldun import api
    from khaldun.batch import RunOptions
    from khaldun.config import Config
    from khaldun.store import Store

    config = dataclasses.replace(Config.default(), first_pass=first_pass)
    with tempfile.TemporaryDirectory() as tmp, TreeRSS() as rss:
        store = Store(str(Path(tmp) / "bench.db"))
        start = time.perf_counter()
        rep = api.ingest([str(corpus)], store=store, config=config,
                         options=RunOptions(workers=workers))  # fmt: skip
        seconds = time.perf_counter() - start
    if rep.errors or rep.stored != rep.read:
        raise SystemExit(f"benchmark run failed: {rep.errors[:3]}")
    return {"articles": rep.stored, "tokens": None, "events": rep.events, "seconds": seconds,
            "peak_rss_mb": rss.peak_kb / 1024}  # fmt: skip


def _child(args: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the child and every worker it waited for
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-first-pass", action="store_true", help="measure without the first pass")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite benchmarks/RESULTS.md")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, corpus = args.child[0], Path(args.child[1])
        if kind == "baseline":
            print(json.dumps(run_baseline(corpus)))
        else:
            print(json.dumps(run_khaldun(corpus, int(args.child[2]), args.child[3] == "1")))
        return

    sys.path.insert(0, str(HERE))
    import corpus as gen

    fp = "0" if args.no_first_pass else "1"
    from khaldun.places import gazetteer

    gazetteer.load()  # build the gazetteer's cache now if the data changed: not a run's cost
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        path = gen.write(Path(tmp) / "corpus.jsonl", args.articles, seed=args.seed)
        print(f"corpus: {args.articles} articles, {path.stat().st_size / 1e6:.1f} MB", flush=True)
        runs: dict[str, dict[str, Any]] = {}
        runs["bare spaCy nlp.pipe (baseline)"] = base = _child(["baseline", str(path)])
        print("baseline done", flush=True)
        for w in (1, 2):
            runs[f"khaldun end to end, {w} worker{'s' if w > 1 else ''}"] = _child(
                ["khaldun", str(path), str(w), fp]
            )
            print(f"{w} worker(s) done", flush=True)  # fmt: skip
    tokens = base["tokens"]
    rows = []
    for name, r in runs.items():
        s = r["seconds"]
        ev = f"{r['events'] / s:,.1f}" if r["events"] is not None else "-"
        rows.append(f"| {name} | {s:,.1f} | {r['articles'] / s:,.1f} | {tokens / s:,.0f} | {ev} | "
                    f"{r['peak_rss_mb']:,.0f} | {base['seconds'] / s:.2f}x | {r['cpu_s']:,.1f} | "
                    f"{base['cpu_s'] / r['cpu_s']:.2f}x |")  # fmt: skip
    one = runs["khaldun end to end, 1 worker"]["seconds"]
    two = runs["khaldun end to end, 2 workers"]["seconds"]
    cmd = "python benchmarks/throughput.py" + (
        f" -n {args.articles}" if args.articles != 5000 else ""
    )
    cmd += " --no-first-pass" if args.no_first_pass else ""
    table = "\n".join([
        "| run | seconds | articles/s | tokens/s | events/s | peak RSS (MB, all processes) | vs baseline "
        "| CPU seconds (all processes) | vs baseline, CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|", *rows])  # fmt: skip
    cpu1 = runs["khaldun end to end, 1 worker"]["cpu_s"]
    cpu2 = runs["khaldun end to end, 2 workers"]["cpu_s"]
    load = " / ".join(f"{x:.1f}" for x in (*load0, *os.getloadavg()))
    report = (f"{table}\n\nspeed-up from 1 to 2 workers: {one / two:.2f}x; CPU seconds on 1 worker "
              f"/ on 2 workers: {cpu1 / cpu2:.2f} (1.00: running on two workers costs nothing "
              f"more); {tokens:,} tokens; first pass {'off' if args.no_first_pass else 'on'}; "
              f"load average (1, 5, 15 min) before / after: {load}")  # fmt: skip
    print(report)
    if not args.no_write:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        (HERE / "RESULTS.md").write_text(
            f"# Throughput: the last results\n\nWritten by `{cmd}` on {now}.\n\n"
            f"Machine: {describe()}.\n\nCorpus: {args.articles:,} generated articles "
            f"(benchmarks/corpus.py, seed {args.seed}).\n\n{report}\n",
            encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
