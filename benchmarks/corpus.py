"""A synthetic news corpus for the throughput benchmark, from what the project ships.

Articles are wire-style reports: a headline, then three to six short paragraphs. Their
sentences come from three sources, in fixed shares:

- the project's own example and fixture texts (``examples/``, ``tests/fixtures/``);
- event sentences written from templates over the project's knowledge: actor names from the
  actor dictionary, capitals of the states in it, trigger verbs of the event lexicon;
- background sentences of the kind wire copy carries between the facts ("It was not
  immediately clear how many people were hurt."), some of which carry no cue at all.

It is seeded, so the same arguments give the same corpus, byte for byte. Nothing is
downloaded and no third-party data set is copied.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EVENTS = [
    "{a} attacked {target} in {p} on {d}, {src} said.",
    "{a} fired rockets at {target} near {p} on {d}.",
    "Hundreds of protesters marched through {p} on {d} to demand {demand}.",
    "Police arrested {n} people in {p} after clashes between supporters of {a} and {b}.",
    "{a} and {b} held talks in {p} on {d} on a ceasefire.",
    "{a} accused {b} of violating the truce near {p}.",
    "{b} denied that its forces had shelled {target} in {p}.",
    "{a} threatened to retaliate if {b} did not withdraw its forces from {p}.",
    "{a} said it would send food aid to {p} next week.",
    "Gunmen killed {n} civilians in an ambush near {p} on {d}, officials said.",
    "{a} imposed sanctions on {b} over its role in the fighting around {p}.",
    "Security forces dispersed demonstrators with tear gas in {p} on {d}.",
    "A roadside bomb struck a convoy of {a} near {p}, wounding {n} soldiers.",
    "{a} called on {b} to release the detainees held in {p}.",
    "{a} agreed to resume negotiations with {b} in {p} later this month.",
]
HEADLINES = [
    "{a} attacks {target} in {p}",
    "Protesters rally in {p}",
    "{a} and {b} hold talks in {p}",
    "{n} killed in attack near {p}",
    "{a} accuses {b} over {p} violence",
    "{a} vows to retaliate",
]
BACKGROUND = [
    "It was not immediately clear how many people were hurt.",
    "The report could not be independently verified.",
    "Further details were not immediately available.",
    "The statement gave no further details.",
    "It was the second such incident this month.",
    "The area has seen repeated violence in recent years.",
    "Officials did not respond to requests for comment.",
    "No group has so far claimed responsibility.",
    "Residents said the streets were quiet by the evening.",
    "The situation remained tense on the following day.",
    "Prices of fuel and bread have risen sharply since the start of the year.",
    "Schools and shops stayed closed for most of the week.",
]
TARGETS = ["a military base", "an army checkpoint", "a police station", "a convoy",
           "a border post", "government buildings", "an oil facility", "a market"]  # fmt: skip
DEMANDS = ["the release of detainees", "fair elections", "lower fuel prices", "an end to the war"]
SOURCES = ["the interior ministry", "local officials", "witnesses", "a military spokesman"]


def shipped_sentences() -> list[str]:
    """The sentences of the example and fixture texts the repository ships."""
    texts: list[str] = []
    for path in (*sorted((ROOT / "examples").glob("*.jsonl")),
                 ROOT / "tests" / "fixtures" / "dev_articles.jsonl",
                 ROOT / "tests" / "fixtures" / "geo_articles.jsonl"):  # fmt: skip
        if path.name.endswith(".gold.jsonl") or not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line).get("text") or ""))
    plover = ROOT / "tests" / "fixtures" / "plover_records.json"
    if plover.exists():
        texts += [str(r["text"]) for r in json.loads(plover.read_text("utf-8")) if r.get("text")]
    out = []
    for text in texts:
        for para in text.split("\n"):
            para = para.strip()
            if len(para.split()) >= 6:  # a sentence, not a headline or a footer
                out.append(para)
    return out


def vocabulary() -> tuple[list[str], list[str]]:
    """Actor names and capitals from the project's actor dictionary."""
    from khaldun.actors.dictionary import ActorDictionary

    book = ActorDictionary.load()
    entries = sorted(book.entries.values(), key=lambda e: e.id)
    actors = [e.name for e in entries if e.kind in ("armed_group", "government_body", "party")]
    places = sorted({c for e in entries if e.kind == "state" for c in e.capitals})
    return actors, places


def articles(n: int, *, seed: int = 7, background: float = 0.3) -> Iterator[dict[str, object]]:
    """``n`` article records in khaldun's input format."""
    rng = random.Random(seed)
    shipped = shipped_sentences()
    actors, places = vocabulary()
    start = date(2024, 1, 1)
    days = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
            "on Saturday", "on Sunday", "earlier this week"]  # fmt: skip

    def fill(template: str) -> str:
        a, b = rng.sample(actors, 2)
        return template.format(a=a, b=b, p=rng.choice(places), d=rng.choice(days)[3:],
                               target=rng.choice(TARGETS), demand=rng.choice(DEMANDS),
                               src=rng.choice(SOURCES), n=rng.randint(2, 40))  # fmt: skip

    def sentence() -> str:
        r = rng.random()
        if r < background:
            return rng.choice(BACKGROUND)
        if r < background + (1 - background) * 0.3:
            return rng.choice(shipped)
        return fill(rng.choice(EVENTS))

    for i in range(n):
        headline = fill(rng.choice(HEADLINES))
        paras = [" ".join(sentence() for _ in range(rng.randint(1, 2)))
                 for _ in range(rng.randint(3, 6))]  # fmt: skip
        yield {
            "id": f"bench-{seed}-{i:06d}",
            "url": f"https://bench.example/{seed}/{i}",
            "outlet": "Benchmark Wire",
            "published": (start + timedelta(days=i % 366)).isoformat(),
            "title": headline,
            "text": "\n\n".join([headline, *paras]),
        }


def write(path: Path, n: int, *, seed: int = 7, background: float = 0.3) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in articles(n, seed=seed, background=background):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path)
    ap.add_argument("-n", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--background", type=float, default=0.3)
    args = ap.parse_args()
    write(args.output, args.n, seed=args.seed, background=args.background)
