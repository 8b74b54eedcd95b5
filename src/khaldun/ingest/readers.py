"""Readers: JSONL records, text files, HTML pages, directories, stdin and URLs.

Each yields ``Article`` or, for a bad item, ``ItemError`` with the reason: a broken page is
reported and skipped, and the rest of the batch goes on.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from khaldun.errors import ExtractTimeout, FetchError, InputError
from khaldun.ingest.clean import clean
from khaldun.model import Article, ItemError

Item = Article | ItemError


@dataclass(frozen=True)
class TextMeta:
    """Metadata for plain-text inputs, which carry none of their own."""

    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


def parse_date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"{where}: published {text!r} is not a date; use YYYY-MM-DD") from None


def make_article(
    text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    title: str | None = None,
    source_id: str | None = None,
    section: tuple[str, ...] = (),
    author: str | None = None,
) -> Article:
    """Clean the text and build the article; its id is a hash of URL and cleaned text."""
    if not text or not text.strip():
        raise InputError("empty text: nothing to code")
    c = clean(text)
    return Article(
        id=source_id or Article.make_id(c.text, url),
        text=c.text,
        url=url,
        outlet=outlet,
        published=published,
        title=title,
        section=section or c.breadcrumbs,
        source_id=source_id,
        raw_text=text if c.text != text else None,
        boilerplate=c.removed,
        author=author,
    )


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise ``ExtractTimeout`` when the block runs longer than ``seconds`` (a SIGALRM timer:
    on the main thread of a POSIX process, as readers and pool workers run; elsewhere, none)."""
    if (not seconds or seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):  # fmt: skip
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise ExtractTimeout(
            f"{what} took longer than {seconds:g} s; raise [fetch] extract_timeout_s"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def from_html(html: str, *, url: str | None = None, meta: TextMeta | None = None,
              source_id: str | None = None, timeout_s: float | None = None) -> Article:  # fmt: skip
    """Extract the body and metadata of a news page with trafilatura, within ``timeout_s``."""
    import trafilatura

    meta = meta or TextMeta()
    with time_limit(timeout_s, "extracting the page"):
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False, as_dict=False)  # fmt: skip
    if doc is None or not getattr(doc, "text", None):
        raise InputError("no article text could be extracted from the HTML page")
    cats = tuple(getattr(doc, "categories", None) or ())
    published = meta.published or parse_date(getattr(doc, "date", None), "html")
    title = meta.title or getattr(doc, "title", None)
    text = doc.text
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return make_article(
        text,
        url=url or getattr(doc, "url", None),
        outlet=meta.outlet or getattr(doc, "sitename", None),
        published=published,
        title=title,
        source_id=source_id,
        section=cats,
        author=getattr(doc, "author", None),
    )


def from_record(rec: Any, where: str, *, extract_timeout_s: float | None = None) -> Article:
    """One JSONL record: {"id", "url", "outlet", "published", "title", "text" | "html"}."""
    if not isinstance(rec, dict):
        raise InputError(f"{where}: a record must be a JSON object")
    published = parse_date(rec.get("published"), where)
    sid = str(rec["id"]) if rec.get("id") is not None else None
    if rec.get("text"):
        return make_article(str(rec["text"]), url=rec.get("url"), outlet=rec.get("outlet"),
                            published=published, title=rec.get("title"), source_id=sid)  # fmt: skip
    if rec.get("html"):
        meta = TextMeta(published, rec.get("outlet"), rec.get("url"), rec.get("title"))
        return from_html(
            str(rec["html"]),
            url=rec.get("url"),
            meta=meta,
            source_id=sid,
            timeout_s=extract_timeout_s,
        )
    raise InputError(f"{where}: record has neither 'text' nor 'html'")


def read_jsonl(lines: Iterable[str], name: str, *,
               extract_timeout_s: float | None = None) -> Iterator[Item]:  # fmt: skip
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            yield from_record(json.loads(line), where, extract_timeout_s=extract_timeout_s)
        except json.JSONDecodeError as exc:
            yield ItemError(where, f"not valid JSON: {exc.msg} at column {exc.colno}")
        except InputError as exc:
            yield ItemError(where, str(exc))


def fetch(url: str, *, client: Any = None, timeout_s: float = 20.0, max_bytes: int = 5_000_000,
          user_agent: str = "khaldun") -> str:  # fmt: skip
    """GET a page with a timeout and a size cap; the client is injectable for tests."""
    import httpx

    own = client is None
    client = client or httpx.Client(timeout=timeout_s, follow_redirects=True,
                                    headers={"User-Agent": user_agent})  # fmt: skip
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"{url}: HTTP {resp.status_code}")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(
                        f"{url}: larger than {max_bytes} bytes; raise [fetch] max_bytes"
                    )
                chunks.append(chunk)
            return b"".join(chunks).decode(resp.encoding or "utf-8", errors="replace")
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
    finally:
        if own:
            client.close()


SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".txt": "txt", ".text": "txt",
            ".html": "html", ".htm": "html"}  # fmt: skip


def read_inputs(inputs: Iterable[str], *, meta: TextMeta | None = None, client: Any = None,
                timeout_s: float = 20.0, max_bytes: int = 5_000_000,
                extract_timeout_s: float | None = None) -> Iterator[Item]:  # fmt: skip
    """Every article in the inputs: files, directories (recursively), '-' for stdin, URLs.

    ``extract_timeout_s`` bounds the extraction of each HTML page: a page that takes longer is
    reported as a bad item and the rest goes on."""
    meta = meta or TextMeta()
    xt = extract_timeout_s
    for inp in inputs:
        if inp == "-":
            data = sys.stdin.read()
            if data.lstrip().startswith("{"):
                yield from read_jsonl(data.split("\n"), "stdin", extract_timeout_s=xt)
            else:
                yield _guard("stdin", lambda d=data: make_article(
                    d, url=meta.url, outlet=meta.outlet, published=meta.published, title=meta.title))  # fmt: skip
            continue
        if inp.startswith(("http://", "https://")):

            def load(u: str = inp) -> Article:
                html = fetch(u, client=client, timeout_s=timeout_s, max_bytes=max_bytes)
                return from_html(html, url=u, meta=meta, timeout_s=xt)

            yield _guard(inp, load)
            continue
        path = Path(inp)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not p.name.endswith(".gold.jsonl"))  # fmt: skip
            yield from read_inputs([str(p) for p in files], meta=meta, client=client,
                                   timeout_s=timeout_s, max_bytes=max_bytes,
                                   extract_timeout_s=xt)  # fmt: skip
            continue
        if not path.exists():
            yield ItemError(inp, "no such file or directory")
            continue
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is None:
            yield ItemError(inp, f"unknown input type {path.suffix!r}; use .jsonl, .txt or .html")
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield ItemError(inp, f"cannot read: {exc}")
            continue
        if kind == "jsonl":
            yield from read_jsonl(content.split("\n"), inp, extract_timeout_s=xt)
        elif kind == "txt":
            yield _guard(inp, lambda c=content: make_article(
                c, url=meta.url, outlet=meta.outlet, published=meta.published, title=meta.title,
                source_id=None))  # fmt: skip
        else:
            yield _guard(inp, lambda c=content: from_html(c, url=meta.url, meta=meta, timeout_s=xt))


def _guard(source: str, make: Any) -> Item:
    try:
        article: Article = make()
        return article
    except InputError as exc:
        return ItemError(source, str(exc))
