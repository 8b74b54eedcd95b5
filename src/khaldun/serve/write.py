"""The write route: ``POST /api/articles`` codes and stores one record or a batch.

Writes need ``Authorization: Bearer <token>`` with the token of the settings; with no token
configured every write is refused. A body past ``max_body_bytes`` is refused with 413 before
it is read whole; a bad record with 422, naming the field and the reason.
"""

from __future__ import annotations

import hmac
import json
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import TypeAdapter, ValidationError

from khaldun.errors import InputError
from khaldun.model import ItemError
from khaldun.serve.deps import get_pipeline, get_settings, get_store
from khaldun.serve.errors import ApiError, field_errors
from khaldun.serve.schemas import ERRORS, ArticleIn, IngestedArticle, IngestResult
from khaldun.serve.settings import TOKEN_ENV, ServeSettings
from khaldun.store import Store

router = APIRouter(responses=ERRORS)
# one write at a time: the pipeline is one model in memory, and SQLite has one writer
_write_lock = threading.Lock()
_many: TypeAdapter[list[ArticleIn]] = TypeAdapter(list[ArticleIn])


def require_token(
    request: Request, settings: Annotated[ServeSettings, Depends(get_settings)]
) -> None:
    if not settings.token:
        raise ApiError(403, f"writes are disabled: no token is configured; set {TOKEN_ENV} or "
                       "[serve] token in the configuration and restart the server")  # fmt: skip
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "writes need an 'Authorization: Bearer <token>' header",
                       headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    if not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise ApiError(401, "the bearer token is not the configured one",
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})  # fmt: skip


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the body is {int(declared):,} bytes; the limit is {limit:,}; "
                       "send fewer records per request")  # fmt: skip
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"the body is over the limit of {limit:,} bytes; "
                           "send fewer records per request")  # fmt: skip
    return bytes(body)


@router.post(
    "/api/articles", tags=["articles"], status_code=201, response_model=IngestResult,
    dependencies=[Depends(require_token)],
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"anyOf": [{"$ref": "#/components/schemas/ArticleIn"},
                             {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}]}}}}},
)  # fmt: skip
async def post_articles(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[ServeSettings, Depends(get_settings)],
) -> Any:
    """Code and store one record or a list of them (``{"id", "url", "outlet", "published",
    "title", "text" | "html"}``); an article already stored is skipped."""
    ctype = request.headers.get("content-type", "")
    if ctype and "json" not in ctype:
        raise ApiError(415, f"send JSON (Content-Type: application/json), not {ctype!r}")
    raw = await _read_limited(request, settings.max_body_bytes)
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"the body is not JSON: {exc}") from None
    if not isinstance(data, dict | list):
        raise ApiError(422, "body: send one record (a JSON object) or a list of them",
                       details=[{"field": "body", "reason": "a JSON object or a list of objects"}])  # fmt: skip
    try:
        recs = (
            _many.validate_python(data)
            if isinstance(data, list)
            else [ArticleIn.model_validate(data)]
        )
    except ValidationError as exc:
        details = [{**d, "field": "body" + ("." + d["field"] if d["field"] else "")}
                   for d in field_errors(exc.errors())]  # fmt: skip
        raise ApiError(
            422, f"{details[0]['field']}: {details[0]['reason']}", details=details
        ) from None
    if not recs:
        raise ApiError(422, "body: an empty list; send one record or more",
                       details=[{"field": "body", "reason": "empty list"}])  # fmt: skip
    if len(recs) > settings.max_batch:
        raise ApiError(413, f"{len(recs)} records; at most {settings.max_batch} a request")
    pipeline = await run_in_threadpool(get_pipeline, request)
    return await run_in_threadpool(_ingest, store, pipeline, recs)


def _ingest(store: Store, pipeline: Any, recs: list[ArticleIn]) -> IngestResult:
    with _write_lock:
        return _ingest_locked(store, pipeline, recs)


def _ingest_locked(store: Store, pipeline: Any, recs: list[ArticleIn]) -> IngestResult:
    from khaldun import batch
    from khaldun.ingest.readers import from_record

    articles = []
    for i, r in enumerate(recs):
        try:
            articles.append(from_record(r.record(), f"body.{i}" if len(recs) > 1 else "body"))
        except InputError as exc:
            raise ApiError(
                422, str(exc), details=[{"field": f"body.{i}", "reason": str(exc)}]
            ) from None
    out: list[IngestedArticle] = []
    stored = 0
    for coded in batch.code_batch(pipeline, articles):
        if isinstance(coded, ItemError):  # the pipeline failed on it
            raise ApiError(422, f"{coded.source}: {coded.reason}",
                           details=[{"field": "body", "reason": coded.reason}])  # fmt: skip
        new = store.add(coded)
        stored += int(new)
        out.append(IngestedArticle(id=coded.article.id, stored=new,
                                   events=_fused_ids(store, coded.article.id)))  # fmt: skip
    return IngestResult(stored=stored, skipped=len(out) - stored, articles=out)


def _fused_ids(store: Store, article_id: str) -> list[str]:
    from sqlalchemy import select

    from khaldun.schema import events

    q = select(events.c.fused_id).where(events.c.article_id == article_id).distinct()
    with store.engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(q) if r[0])
