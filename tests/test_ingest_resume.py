"""A killed ingest resumes: a second run ends with exactly the rows a clean run gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khaldun import api
from khaldun.batch import RunOptions
from khaldun.model import Article, CodedArticle, Event, Span
from khaldun.store import Store


class FakePipeline:
    """Codes one event per article; dies (like a killed process) at article ``die_at``."""

    def __init__(self, die_at: int | None = None) -> None:
        self.seen = 0
        self.die_at = die_at

    def code(self, article: Article) -> CodedArticle:
        self.seen += 1
        if self.die_at is not None and self.seen == self.die_at:
            raise KeyboardInterrupt
        ev = Event(id=f"e-{article.id}", article_id=article.id, type="PROTEST", mode=None,
                   status="asserted", evidence=(Span(0, len(article.text)),), trigger=Span(0, 1))  # fmt: skip
        return CodedArticle(article=article, events=(ev,))


def batch(tmp_path: Path, n: int = 6) -> str:
    f = tmp_path / "batch.jsonl"
    rows = [{"id": f"r{i}", "text": f"Protesters marched in town number {i}."} for i in range(n)]
    lines = [json.dumps(r) for r in rows]
    lines.insert(3, "{this line is broken")
    f.write_text("\n".join(lines))
    return str(f)


def test_killed_run_resumes_to_the_clean_result(tmp_path: Path, store_url) -> None:  # type: ignore[no-untyped-def]
    inputs = [batch(tmp_path)]
    clean = Store(store_url())
    api.ingest(inputs, store=clean, pipeline=FakePipeline())  # type: ignore[arg-type]

    killed = Store(store_url())
    with pytest.raises(KeyboardInterrupt):  # in the second batch of two: the first is stored
        api.ingest(inputs, store=killed, pipeline=FakePipeline(die_at=4),  # type: ignore[arg-type]
                   options=RunOptions(batch_size=2))  # fmt: skip
    assert killed.counts()["articles"] == 2
    report = api.ingest(inputs, store=killed, pipeline=FakePipeline())  # type: ignore[arg-type]
    assert (report.skipped, report.stored) == (2, 4)
    assert [e["id"] for e in killed.events()] == [e["id"] for e in clean.events()]
    assert killed.counts()["articles"] == clean.counts()["articles"] == 6
    again = api.ingest(inputs, store=killed, pipeline=FakePipeline())  # type: ignore[arg-type]
    assert (again.stored, again.skipped) == (0, 6)
    assert killed.counts()["events"] == 6


def test_bad_items_are_stored_as_errors_and_the_rest_goes_on(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "k.db"))
    report = api.ingest([batch(tmp_path), str(tmp_path / "missing.txt")], store=store,
                        pipeline=FakePipeline())  # type: ignore[arg-type]  # fmt: skip
    assert report.stored == 6 and len(report.errors) == 2
    reasons = [e["reason"] for e in store.errors()]
    assert any("not valid JSON" in r for r in reasons) and any("no such file" in r for r in reasons)


def coded(i: int) -> CodedArticle:
    return FakePipeline().code(Article(id=f"r{i}", text=f"Protesters marched in town number {i}."))


def test_a_batch_is_one_transaction(tmp_path: Path) -> None:
    from sqlalchemy import event

    store = Store(str(tmp_path / "k.db"))
    commits: list[int] = []
    event.listen(store.engine, "commit", lambda conn: commits.append(1))
    assert store.add_many([coded(i) for i in range(5)]) == [True] * 5
    assert len(commits) == 1 and store.counts()["articles"] == 5
    assert store.add_many([coded(4), coded(5)]) == [False, True]


def test_a_bad_article_in_a_batch_costs_only_itself(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from khaldun import store as store_module

    real = store_module._add

    def add(conn, c, linker):  # type: ignore[no-untyped-def]
        if c.article.id == "r2":
            raise ValueError("cannot store r2")
        return real(conn, c, linker)

    monkeypatch.setattr(store_module, "_add", add)
    store = Store(str(tmp_path / "k.db"))
    with store.batch(), pytest.raises(ValueError, match="r2"):
        store.add_many([coded(i) for i in range(4)])
    # the batch's transaction was rolled back; each article then went in its own, up to r2
    assert [store.has_article(f"r{i}") for i in range(4)] == [True, True, False, False]
    monkeypatch.setattr(store_module, "_add", real)
    assert store.add_many([coded(i) for i in range(4)]) == [False, False, True, True]


def test_rows_built_in_a_worker_store_what_the_coding_stores(tmp_path: Path) -> None:
    import pickle

    from khaldun.batch import for_the_store
    from khaldun.store import Rows

    def version(i: int, words: str) -> CodedArticle:
        art = Article(id="v", url="https://news.example/v", text=f"Protesters {words} in town {i}.")
        return FakePipeline().code(art)

    batch_ = [coded(0), coded(1), version(1, "marched"), version(2, "rallied"), coded(1)]
    here = Store(str(tmp_path / "here.db"))
    added_here = [here.add(c) for c in batch_]
    sent = pickle.loads(pickle.dumps(for_the_store(batch_)))  # as a worker sends them back
    assert all(isinstance(r, Rows) for r in sent)
    there = Store(str(tmp_path / "there.db"))
    assert there.add_many(sent) == added_here == [True, True, True, True, False]
    assert here.counts(all_tables=True) == there.counts(all_tables=True)
    assert list(here.events()) == list(there.events())
    assert list(here.fused_events()) == list(there.fused_events())


def test_a_renamed_version_has_the_rows_its_recoded_self_has() -> None:
    from dataclasses import replace
    from datetime import date

    from khaldun.ingest.readers import make_article
    from khaldun.model import content_id
    from khaldun.pipeline import Pipeline
    from khaldun.store import Rows

    text = ("Gunmen attacked a police post in Maiduguri on Monday, killing three officers, "
            "police said. Protesters later marched in Kano.")  # fmt: skip
    art = make_article(text, url="https://news.example/v", published=date(2024, 3, 6))
    c = Pipeline().code(art)
    assert len(c.events) >= 2 and c.actors
    new_id = f"{c.article.id}~0123456789ab"
    events = tuple(replace(e, id=content_id(new_id, e.id, prefix="e-"), article_id=new_id)
                   for e in c.events)  # fmt: skip
    recoded = replace(c, article=replace(c.article, id=new_id), events=events)
    assert Rows.of(c).renamed(new_id) == Rows.of(recoded)
