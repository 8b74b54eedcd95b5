"""The dashboard in a real browser: Playwright driving Debian's chromium (``.ci/run`` installs
it; ``playwright install`` is never run). Skipped, with the reason, where there is no chromium,
no Playwright or no vendored assets (``make vendor``)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (dev extra)"
)

from tests.conftest import EXAMPLES  # noqa: E402
from tests.serve_data import ALL, HOSTILE, SCRIPT_TEXT  # noqa: E402

from khaldun.serve.app import create_app, vendor_missing  # noqa: E402
from khaldun.serve.settings import ServeSettings  # noqa: E402
from khaldun.store import Store  # noqa: E402

CHROMIUM = os.environ.get("KHALDUN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# KHALDUN_SCREENSHOT=docs/img/dashboard.png also writes the README's screenshot there
README_SHOT = os.environ.get("KHALDUN_SCREENSHOT")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium (.ci/run installs it)")
    missing = vendor_missing()
    if missing:
        pytest.skip(f"the dashboard's assets are not vendored ({missing[0]}): run make vendor")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """The app over ``store`` on a free loopback port, in a thread."""
    import uvicorn

    app = create_app(store, settings=ServeSettings(token=None))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextmanager
def page_on(browser: Any, base: str) -> Iterator[tuple[Any, list[str]]]:
    """A page whose requests may only go to the server; any other is recorded and refused, and so
    is any dialog or page error."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    outside: list[str] = []
    problems: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    try:
        yield page, problems
    finally:
        ctx.close()
    assert outside == [], f"requests left the server: {outside}"


@pytest.mark.model
def test_dashboard_filters_opens_erbil_and_highlights_evidence(
    browser: Any, pipeline: Any, tmp_path: Path
) -> None:
    from khaldun import api

    store = Store(str(tmp_path / "example.db"))
    report = api.ingest(
        [str(EXAMPLES / "presstv-2024-01-28-nujaba.jsonl")], store=store, pipeline=pipeline
    )
    assert report.stored == 1
    expect = sync_api.expect
    with serving(store) as base, page_on(browser, base) as (page, problems):
        page.goto(base + "/")
        rows = page.locator("#events-table tbody tr")
        expect(rows).to_have_count(5)
        expect(page.locator("#map path.leaflet-interactive").first).to_be_visible()
        page.select_option("#f-type", "ASSAULT")
        expect(page).to_have_url(f"{base}/#/?type=ASSAULT")
        expect(rows).to_have_count(3)
        for t in rows.evaluate_all("rows => rows.map(r => r.dataset.type)"):
            assert t == "ASSAULT"
        page.wait_for_function(
            "document.querySelector('#timeline').getBoundingClientRect().height > 0"
        )
        page.wait_for_timeout(300)  # the country shapes and the chart finish drawing
        shot = tmp_path / "dashboard.png"
        page.screenshot(path=str(shot), full_page=True)
        if README_SHOT:
            page.screenshot(path=README_SHOT)

        rows.filter(has_text="Erbil").click()
        expect(page.locator("#event-title")).to_contain_text("ASSAULT")
        mark = page.locator("#sources mark.evidence")
        expect(mark).to_have_count(1)
        expect(mark).to_contain_text("Erbil airport")
        bg = mark.evaluate("m => getComputedStyle(m).backgroundColor")
        assert bg not in ("rgba(0, 0, 0, 0)", "transparent"), bg
        page.screenshot(path=str(tmp_path / "event.png"), full_page=True)

        page.get_by_text("read the article").click()
        current = page.locator("#article-text mark.current")
        expect(current.first).to_be_visible()
        joined = current.evaluate_all("ms => ms.map(m => m.textContent).join('')")
        assert "drones to target the positions of US forces in Erbil airport" in joined
        expect(page.locator("#article-text .k-place").first).to_be_visible()
        expect(page.locator("#article-text .k-actor").first).to_be_visible()
        expect(page.locator("#article-text .k-trigger").first).to_be_visible()
        expect(page.locator("#article-text .k-framing").first).to_be_visible()
        expect(page.locator("#framing-note")).to_contain_text("Press TV uses")
        page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
        assert problems == []
    assert shot.stat().st_size > 10_000


def test_hostile_text_renders_as_text(browser: Any, tmp_path: Path) -> None:
    store = Store(str(tmp_path / "hostile.db"))
    for c in ALL:
        store.add(c)
    expect = sync_api.expect
    with serving(store) as base, page_on(browser, base) as (page, problems):
        page.goto(f"{base}/#/article/{HOSTILE.article.id}")
        body = page.locator("#article-text")
        expect(body).to_contain_text("<script>window.__pwned = 1</script>")
        assert body.text_content() == SCRIPT_TEXT
        assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
        expect(page.locator("#article-title")).to_have_text(HOSTILE.article.title or "")
        page.goto(f"{base}/#/?actor=Gunmen")
        expect(page.locator("#events-table tbody tr")).to_have_count(1)
        expect(page.locator("#events-table tbody")).to_contain_text(
            "<script>alert(1)</script>Gunmen"
        )
        page.locator("#events-table tbody tr").click()
        expect(page.locator("#sources mark.evidence")).to_contain_text("<script>")
        expect(page.locator("main")).to_contain_text("Kirkuk <i>city</i>")
        page.goto(f"{base}/#/?actor=Gunmen")
        marker = page.locator("#map path.leaflet-interactive").last
        marker.hover(force=True)
        # (a tooltip of the map before the filter may still be fading out beside it)
        tooltip = page.locator(".leaflet-tooltip").filter(has_text="Kirkuk").last
        expect(tooltip).to_contain_text("Kirkuk <i>city</i>")
        assert tooltip.locator("i").count() == 0
        marker.click(force=True)
        expect(page.locator(".leaflet-popup-content")).to_contain_text(
            "<script>alert(1)</script>Gunmen"
        )
        assert page.evaluate("window.__pwned") is None
        assert page.locator("main script").count() == 0
        page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
        assert problems == []


def test_api_docs_render_from_the_package(browser: Any, tmp_path: Path) -> None:
    store = Store(str(tmp_path / "docs.db"))
    expect = sync_api.expect
    with serving(store) as base, page_on(browser, base) as (page, problems):
        page.goto(f"{base}/api/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("khaldun")
        expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible()
        paths = page.locator(".swagger-ui .opblock-summary-path").all_text_contents()
        assert any("/api/events" in p for p in paths), paths
        assert problems == []
