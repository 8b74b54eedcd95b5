"""One error envelope for every error the API returns.

``{"error": {"status": 422, "code": "invalid", "message": "…", "details": [{"field": "query.limit",
"reason": "…"}]}}``: the status again, a stable code, a message that says what to do, and for
bad input each field with its reason.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from khaldun.errors import InputError, KhaldunError, StoreError

log = logging.getLogger("khaldun.serve")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
    503: "unavailable",
}


class ApiError(Exception):
    """An error with its HTTP status, for the envelope."""

    def __init__(self, status: int, message: str, *, details: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []
        self.headers = headers


def envelope(status: int, message: str, details: list[dict[str, Any]] | None = None,
             headers: dict[str, str] | None = None) -> JSONResponse:  # fmt: skip
    body = {"error": {"status": status, "code": CODES.get(status, "error"), "message": message,
                      "details": details or []}}  # fmt: skip
    return JSONResponse(body, status_code=status, headers=headers)


def field_errors(errors: Any) -> list[dict[str, Any]]:
    """Pydantic's errors as ``{"field": "body.0.published", "reason": "…"}``."""
    out = []
    for e in errors:
        loc = ".".join(str(p) for p in e.get("loc", ()))
        out.append({"field": loc, "reason": e.get("msg", "invalid")})
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return envelope(exc.status, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = field_errors(exc.errors())
        first = details[0] if details else {"field": "?", "reason": "invalid"}
        return envelope(422, f"{first['field']}: {first['reason']}", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        msg = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and msg == "Not Found":
            msg = "no such path; the API is described at /api/docs"
        return envelope(exc.status_code, msg, headers=getattr(exc, "headers", None))

    @app.exception_handler(InputError)
    async def _input(_: Request, exc: InputError) -> JSONResponse:
        return envelope(400, str(exc))

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        bad_search = str(exc).startswith("bad search")
        return envelope(400 if bad_search else 503, str(exc))

    @app.exception_handler(KhaldunError)
    async def _khaldun(_: Request, exc: KhaldunError) -> JSONResponse:
        return envelope(400, str(exc))

    @app.exception_handler(Exception)
    async def _any(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return envelope(500, f"internal error ({type(exc).__name__}); see the server's log")
