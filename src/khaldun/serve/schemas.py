"""The API's request and response shapes (pydantic, at the edge only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ArticleIn(BaseModel):
    """One record, as the JSONL reader takes it: ``text`` or ``html`` is required."""

    model_config = ConfigDict(extra="forbid", str_max_length=2_000_000)

    id: str | None = Field(None, max_length=512)
    url: str | None = Field(None, max_length=4096)
    outlet: str | None = Field(None, max_length=512)
    published: dt.date | None = None
    title: str | None = Field(None, max_length=4096)
    text: str | None = None
    html: str | None = None

    @model_validator(mode="after")
    def _body(self) -> ArticleIn:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("a record needs a non-empty 'text' or 'html'")
        return self

    def record(self) -> dict[str, Any]:
        d = self.model_dump()
        d["published"] = self.published.isoformat() if self.published else None
        return d


class IngestedArticle(BaseModel):
    id: str
    stored: bool  # False: this very article was in the store already
    events: list[str]  # the fused events its mentions belong to


class IngestResult(BaseModel):
    stored: int
    skipped: int
    articles: list[IngestedArticle]


class EventPage(BaseModel):
    events: list[dict[str, Any]]
    next_cursor: str | None = Field(
        description="pass as `cursor` for the next page; null on the last"
    )
    limit: int


class ErrorDetail(BaseModel):
    field: str
    reason: str


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorEnvelope(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorEnvelope} for s in (400, 401, 403, 404, 413, 422, 500)
}
