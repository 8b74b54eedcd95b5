"""``khaldun serve``: the HTTP API (FastAPI) and the dashboard, over a store.

``create_app(store)`` builds the application; ``khaldun serve`` runs it with uvicorn. FastAPI is
imported only here, never by ``import khaldun`` (it is the ``serve`` extra).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khaldun.serve.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from khaldun.serve.app import create_app

        return create_app
    raise AttributeError(name)
