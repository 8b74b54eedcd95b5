"""The dependencies routes take: the store, the settings, the coding pipeline.

``create_app`` puts them on ``app.state``; tests replace them with
``app.dependency_overrides[get_store] = lambda: other_store``.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import Request

from khaldun.serve.settings import ServeSettings
from khaldun.store import Store

_pipeline_lock = threading.Lock()


def get_store(request: Request) -> Store:
    store: Store | None = request.app.state.store
    if store is None:
        raise RuntimeError("create_app() was given no store and none is overridden")
    return store


def get_settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


def get_pipeline(request: Request) -> Any:
    """The coding pipeline, loaded on the first write (loading spaCy takes seconds)."""
    state = request.app.state
    with _pipeline_lock:
        if state.pipeline is None:
            from khaldun.pipeline import Pipeline

            state.pipeline = Pipeline(state.config)
    return state.pipeline
