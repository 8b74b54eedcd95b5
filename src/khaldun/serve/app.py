"""The application factory: ``create_app(store)`` builds the API, the docs and the dashboard.

Routes live in ``read`` and ``write``; what they query is in ``queries``. The dashboard is the
static files under ``static/`` and uses only the public JSON API. The third-party scripts it and
the API docs load (Leaflet, world-atlas, Chart.js, swagger-ui) are copied from npm into
``static/vendor/`` at build time (``make vendor``); nothing is loaded from another server, and
the Content-Security-Policy forbids it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from khaldun.serve import errors, read, write
from khaldun.serve.settings import ServeSettings
from khaldun.store import Store

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")  # fmt: skip

DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>khaldun API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""


def _version() -> str:
    try:
        return version("khaldun")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def vendor_missing() -> list[str]:
    """The vendored files the dashboard and the docs need that are not there."""
    need = ["leaflet/leaflet.js", "leaflet/leaflet.css", "topojson-client/topojson-client.min.js",
            "world-atlas/countries-50m.json", "chart.js/chart.umd.min.js",
            "swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css"]  # fmt: skip
    return [n for n in need if not (VENDOR / n).is_file()]


def create_app(
    store: Store | None = None,
    *,
    settings: ServeSettings | None = None,
    config: Any = None,
    pipeline: Any = None,
) -> FastAPI:
    """The API and dashboard over ``store``.

    ``settings`` default to the configuration's ``[serve]`` and ``$KHALDUN_API_TOKEN``; the coding
    pipeline for writes is built from ``config`` on the first write unless one is given.
    """
    app = FastAPI(
        title="khaldun",
        version=_version(),
        description="Source-attributed event data from news reports: who did what to whom, "
        "where, when, and according to whom. Every error has the same envelope: "
        '`{"error": {"status", "code", "message", "details": [{"field", "reason"}]}}`.',
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.config = config
    app.state.settings = settings or ServeSettings.from_config(config)
    app.state.pipeline = pipeline
    errors.install(app)
    app.include_router(read.router)
    app.include_router(write.router)

    @app.middleware("http")
    async def _headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
