from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from khaldun.errors import FetchError
from khaldun.ingest.readers import TextMeta, fetch, read_inputs
from khaldun.model import Article, ItemError

HTML = """<html><head><title>Clashes in the north | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-05-04T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Clashes in the north</h1>
<p>Government forces clashed with rebels near the border on Wednesday, the army said in a statement
issued in the capital later that day, adding that several fighters had been detained.</p>
<p>Residents said the fighting lasted for several hours and that many families had fled
their homes toward the neighbouring district before the army restored order.</p>
</article><footer>All rights reserved</footer></body></html>"""


def test_jsonl_bad_lines_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    good = {
        "id": "a1",
        "url": "https://example.org/1",
        "outlet": "Ex",
        "published": "2024-01-02",
        "text": "Police arrested five men.",
    }
    f.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{not json",
                json.dumps({"id": "a2"}),
                json.dumps({**good, "id": "a3", "published": "yesterday"}),
            ]
        )
    )
    items = list(read_inputs([str(f)]))
    assert (
        isinstance(items[0], Article)
        and items[0].id == "a1"
        and items[0].published == date(2024, 1, 2)
    )
    errors = [i for i in items if isinstance(i, ItemError)]
    assert [e.source for e in errors] == [f"{f}:2", f"{f}:3", f"{f}:4"]
    assert "not valid JSON" in errors[0].reason
    assert "neither 'text' nor 'html'" in errors[1].reason
    assert "YYYY-MM-DD" in errors[2].reason


def test_text_files_take_metadata_from_options(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Troops withdrew from the town on Friday.")
    [a] = read_inputs([str(f)], meta=TextMeta(date(2024, 3, 1), "Wire", "https://x.org/a"))
    assert isinstance(a, Article)
    assert (a.published, a.outlet, a.url) == (date(2024, 3, 1), "Wire", "https://x.org/a")


def test_html_pages_are_extracted_with_metadata(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML)
    [a] = read_inputs([str(f)])
    assert isinstance(a, Article)
    assert "clashed with rebels" in a.text
    assert "All rights reserved" not in a.text
    assert a.published == date(2023, 5, 4)


def test_directories_are_read_recursively_and_missing_paths_reported(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Protesters marched in the capital.")
    (tmp_path / "ignore.csv").write_text("x")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert sum(isinstance(i, Article) for i in items) == 1
    assert isinstance(items[-1], ItemError) and "no such file" in items[-1].reason


def test_urls_are_fetched_through_an_injected_client() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/missing":
            return httpx.Response(404)
        return httpx.Response(200, text=HTML, headers={"content-type": "text/html; charset=utf-8"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    items = list(
        read_inputs(["https://news.example/a", "https://news.example/missing"], client=client)
    )
    assert isinstance(items[0], Article) and items[0].url == "https://news.example/a"
    assert isinstance(items[1], ItemError) and "HTTP 404" in items[1].reason


def test_fetch_enforces_the_size_cap() -> None:
    client = httpx.Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(200, content=b"x" * 5000))
    )
    with pytest.raises(FetchError, match="larger than 1000 bytes"):
        fetch("https://news.example/big", client=client, max_bytes=1000)


def test_jsonl_lines_split_on_newlines_only(tmp_path: Path) -> None:
    # U+2028 (line separator) is legal inside a JSON string; it must not split a record
    f = tmp_path / "u2028.jsonl"
    f.write_text(
        json.dumps({"id": "x", "text": "First part\u2028second part."}, ensure_ascii=False) + "\n"
    )
    [a] = read_inputs([str(f)])
    assert isinstance(a, Article) and "second part" in a.text
