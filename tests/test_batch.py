"""The batch engine: bounded batches, worker processes, Dask, sampling, the first pass."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khaldun import api, batch
from khaldun.batch import RunOptions, select
from khaldun.cli.main import app
from khaldun.errors import ExtractTimeout, InputError, MissingExtra
from khaldun.ingest.readers import make_article, read_jsonl, time_limit
from khaldun.model import Article, CodedArticle, ItemError
from khaldun.store import Store

runner = CliRunner()

REPORTS = [
    "Police arrested dozens of protesters in Dhaka on Monday, witnesses said.",
    "Boko Haram fighters attacked a military base in Maiduguri on Tuesday, the army said.",
    "The Houthis said on Saturday they had fired missiles at a ship in the Red Sea. "
    "Further details were not immediately available.",
    "Kenyan police fired tear gas at demonstrators in Nairobi on Saturday.",
    "Egypt and Qatar held talks in Cairo on Thursday on a ceasefire in Gaza.",
    "Israel denied that its troops had shelled a school in Rafah.",
]


def corpus(tmp_path: Path, n: int = 6) -> str:
    f = tmp_path / "corpus.jsonl"
    rows = [{"id": f"c{i}", "published": "2024-03-04", "text": f"Report {i}\n\n{REPORTS[i % 6]}"}
            for i in range(n)]  # fmt: skip
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    return str(f)


def event_ids(store: Store) -> list[str]:
    return sorted(e["id"] for e in store.events())


def test_options_are_checked_with_the_allowed_values() -> None:
    with pytest.raises(InputError, match="local, dask"):
        RunOptions(engine="spark")
    with pytest.raises(InputError, match="share"):
        RunOptions(sample=5)
    with pytest.raises(InputError, match="at least 1"):
        RunOptions(workers=0)


def test_sample_is_chosen_by_id_and_limit_counts_articles() -> None:
    items: list[Article | ItemError] = [make_article(f"text number {i}") for i in range(400)]
    items.insert(5, ItemError("x", "bad"))
    half = [i for i in select(items, sample=0.5) if isinstance(i, Article)]
    assert 150 < len(half) < 250
    assert half == [i for i in select(items, sample=0.5) if isinstance(i, Article)]  # stable
    first = list(select(items, limit=10))
    assert sum(isinstance(i, Article) for i in first) == 10
    assert any(isinstance(i, ItemError) for i in first)  # bad items are still reported


class Flaky:
    """A pipeline whose batch pass fails: each article is then coded on its own."""

    def code_many(self, articles: list[Article], *, batch_size: int) -> Any:
        raise RuntimeError("batch failed")
        yield  # pragma: no cover

    def code(self, article: Article) -> CodedArticle:
        if "bad" in article.text:
            raise ValueError("this one")
        return CodedArticle(article=article)


def test_a_failing_batch_is_coded_article_by_article() -> None:
    arts = [make_article("good one"), make_article("bad one"), make_article("good two")]
    out = list(batch.code_batch(Flaky(), arts))
    assert [type(o).__name__ for o in out] == ["CodedArticle", "ItemError", "CodedArticle"]
    assert "coding failed: ValueError: this one" in out[1].reason  # type: ignore[union-attr]


def test_page_extraction_has_a_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ExtractTimeout, match=r"longer than 0\.05 s"), time_limit(0.05, "it"):
        time.sleep(1)
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: time.sleep(2))
    page = '{"id": "p", "html": "<html><body><p>Slow page</p></body></html>"}'
    (item,) = read_jsonl([page], "pages.jsonl", extract_timeout_s=0.05)
    assert isinstance(item, ItemError) and "extract_timeout_s" in item.reason


def test_dask_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from khaldun import distributed

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtra, match=r"pip install 'khaldun\[dask\]'"):
        distributed._require()


def test_cli_checks_engine_options(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    r = runner.invoke(app, ["ingest", corpus(tmp_path), "--db", db, "--scheduler", "tcp://x:1"])
    assert r.exit_code == 2 and "--engine dask" in r.output
    r = runner.invoke(app, ["ingest", corpus(tmp_path), "--db", db, "--sample", "3"])
    assert r.exit_code == 1 and "share" in r.output


@pytest.mark.model
def test_first_pass_leaves_cueless_sentences_unparsed(nlp: Any) -> None:
    from khaldun import firstpass
    from khaldun import nlp as k

    cues = firstpass.build(nlp)
    assert not cues.needs_parse("Further details were not immediately available.")
    assert cues.needs_parse("Gunmen stormed the building.")  # a trigger
    assert cues.needs_parse("The police said little.")  # a generic actor
    assert cues.needs_parse("The rally in Mosul was calm.")  # a name inside the sentence
    text = REPORTS[2] + "\n\nIt was the second such incident this month."
    (doc,) = k.parse_many(nlp, [text], cues=cues)
    assert doc.text == text
    (full,) = k.parse_many(nlp, [text])
    assert [t.dep_ for t in doc][:10] == [t.dep_ for t in full][:10]  # parsed as before
    assert len(list(doc.sents)) == 3  # the parsed sentence, then one flat run per skipped one
    assert {t.dep_ for t in doc[-9:]} <= {"ROOT", "dep"}


@pytest.mark.model
def test_worker_processes_store_what_one_process_stores(tmp_path: Path) -> None:
    inputs = [corpus(tmp_path, 8)]
    one, two = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "two.db"))
    r1 = api.ingest(inputs, store=one, options=RunOptions(workers=1, batch_size=3))
    r2 = api.ingest(inputs, store=two, options=RunOptions(workers=2, batch_size=3))
    assert (r1.stored, len(r1.errors)) == (r2.stored, len(r2.errors)) == (8, 1)
    assert r1.events == r2.events > 0 and event_ids(one) == event_ids(two)
    again = api.ingest(inputs, store=two, options=RunOptions(workers=2, batch_size=3))
    assert (again.stored, again.skipped) == (0, 8)


@pytest.mark.model
def test_a_dask_cluster_stores_exactly_what_a_local_run_stores(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    inputs = [corpus(tmp_path, 6)]
    local = Store(str(tmp_path / "local.db"))
    api.ingest(inputs, store=local, options=RunOptions(workers=1, batch_size=2))
    # two single-threaded workers in this process (processes=False): the plugin, the tasks and
    # the scheduler protocol are Dask's own, without two more model loads in CI
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:  # fmt: skip
        remote = Store(str(tmp_path / "dask.db"))
        opts = RunOptions(engine="dask", scheduler=cluster.scheduler_address, batch_size=2)
        rep = api.ingest(inputs, store=remote, options=opts)
        assert (rep.stored, len(rep.errors)) == (6, 1)
        assert event_ids(remote) == event_ids(local) and rep.events == len(event_ids(local))
        again = api.ingest(inputs, store=remote, options=opts)
        assert (again.stored, again.skipped, again.events) == (0, 6, 0)
    assert remote.counts() == local.counts()
