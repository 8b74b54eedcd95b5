"""The read routes: events, one event, one article, actors, stats, health."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text

from khaldun.model import STATUSES
from khaldun.serve import formats, queries
from khaldun.serve.deps import get_store
from khaldun.serve.errors import ApiError
from khaldun.serve.schemas import ERRORS, EventPage
from khaldun.store import Store

router = APIRouter(responses=ERRORS)

DATE = r"^\d{4}-\d{2}-\d{2}$"
StoreDep = Annotated[Store, Depends(get_store)]


class Format(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


def _split(values: list[str] | None) -> tuple[str, ...]:
    """Repeated (``type=A&type=B``) or comma-separated (``type=A,B``) values."""
    out: list[str] = []
    for v in values or []:
        out += [p.strip() for p in v.split(",") if p.strip()]
    return tuple(out)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        x0, y0, x1, y1 = (float(p) for p in value.split(","))
    except ValueError:
        raise ApiError(422, "bbox: give min_lon,min_lat,max_lon,max_lat (four numbers)",
                       details=[{"field": "query.bbox", "reason": "four comma-separated numbers: "
                                 "min_lon,min_lat,max_lon,max_lat"}]) from None  # fmt: skip
    if not (-180 <= x0 <= 180 and -180 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise ApiError(422, "bbox: longitudes in [-180, 180], latitudes in [-90, 90], "
                       "min_lat <= max_lat", details=[{"field": "query.bbox",
                                                       "reason": "out of range"}])  # fmt: skip
    return x0, y0, x1, y1


def filters(
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER category; repeat or comma-separate")] = None,
    mode: Annotated[list[str] | None, Query(description="PLOVER mode")] = None,
    status: Annotated[list[str] | None, Query(description=", ".join(STATUSES))] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of an actor's name")] = None,
    country: Annotated[list[str] | None, Query(description="ISO3 of the place or an actor")] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    q: Annotated[str | None, Query(max_length=500, description="full text over the reports")] = None,
) -> queries.Filters:  # fmt: skip
    statuses = _split(status)
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise ApiError(422, f"status: {bad[0]!r} is not one of {', '.join(STATUSES)}",
                       details=[{"field": "query.status",
                                 "reason": f"one of {', '.join(STATUSES)}"}])  # fmt: skip
    return queries.Filters(
        since=since, until=until, types=_split(type), modes=_split(mode), statuses=statuses,
        actor=actor or None, countries=_split(country), admin1=admin1 or None, bbox=_bbox(bbox),
        min_confidence=min_confidence, q=q or None,
    )  # fmt: skip


FiltersDep = Annotated[queries.Filters, Depends(filters)]


def _negotiate(request: Request, format: Format | None) -> Format:
    if format is not None:
        return format
    accept = request.headers.get("accept", "")
    if "text/csv" in accept:
        return Format.csv
    if "application/geo+json" in accept:
        return Format.geojson
    return Format.json


@router.get("/api/events", response_model=EventPage, tags=["events"],
            responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}})  # fmt: skip
def list_events(
    request: Request,
    store: StoreDep,
    f: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    format: Annotated[Format | None, Query(description="else by the Accept header")] = None,
) -> Any:
    """Events (each real-world event once, with its sources), newest first, a page at a time.

    JSON, CSV or GeoJSON by `format` or the `Accept` header; the next page's cursor is
    `next_cursor` (JSON, GeoJSON) or the `Link` header (all formats)."""
    page = queries.events_page(store, f, limit=limit, cursor=cursor)
    fmt = _negotiate(request, format)
    headers = {}
    if page.next_cursor:
        nxt = request.url.include_query_params(cursor=page.next_cursor)
        headers["Link"] = f'<{nxt}>; rel="next"'
        headers["X-Next-Cursor"] = page.next_cursor
    if fmt is Format.csv:
        return Response(formats.to_csv(page.events), media_type="text/csv; charset=utf-8",
                        headers={**headers, "Content-Disposition": 'inline; filename="events.csv"'})  # fmt: skip
    if fmt is Format.geojson:
        body = formats.to_geojson(page.events, next_cursor=page.next_cursor)
        return JSONResponse(body, media_type="application/geo+json", headers=headers)
    return JSONResponse({"events": page.events, "next_cursor": page.next_cursor,
                         "limit": page.limit}, headers=headers)  # fmt: skip


@router.get("/api/events/{event_id}", tags=["events"])
def get_event(event_id: str, store: StoreDep) -> dict[str, Any]:
    """One event with every source: outlet, URL, evidence and status as each tells it."""
    d = queries.event_detail(store, event_id)
    if d is None:
        raise ApiError(404, f"no event {event_id!r}; list events at /api/events")
    return d


@router.get("/api/articles/{article_id}", tags=["articles"])
def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    """One article: its text and its spans (actors, places, triggers, dates, evidence, framing),
    with offsets into the text."""
    d = queries.article_detail(store, article_id)
    if d is None:
        raise ApiError(404, f"no article {article_id!r}")
    return d


@router.get("/api/actors", tags=["actors"])
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="part of a name or id")] = None,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
) -> dict[str, Any]:
    """Resolved actors the events name, most frequent first."""
    return {"actors": queries.actor_list(store, q=q, limit=limit)}


class Interval(StrEnum):
    day = "day"
    week = "week"


@router.get("/api/stats", tags=["events"])
def get_stats(store: StoreDep, f: FiltersDep, interval: Interval = Interval.day) -> dict[str, Any]:
    """Counts of the filtered events by day or week, type, country and status."""
    return queries.stats(store, f, interval=interval.value)


@router.get("/healthz", tags=["meta"])
def healthz(store: StoreDep) -> dict[str, Any]:
    """The server is up and its store answers."""
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        raise ApiError(503, f"the store does not answer: {type(exc).__name__}") from None
    return {"status": "ok", "store": store.engine.dialect.name}
