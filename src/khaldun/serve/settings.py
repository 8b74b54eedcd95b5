"""The server's settings: the write token and the request limits.

The bearer token that ``POST /api/articles`` requires comes from ``$KHALDUN_API_TOKEN`` or the
configuration's ``[serve] token``; with neither, writes are refused (403).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

TOKEN_ENV = "KHALDUN_API_TOKEN"


@dataclass(frozen=True)
class ServeSettings:
    token: str | None = None  # bearer token for writes; None: writes refused
    max_body_bytes: int = 2_000_000  # a larger POST body is refused with 413
    max_batch: int = 100  # records in one POST

    @classmethod
    def from_config(cls, config: Any = None, env: dict[str, str] | None = None) -> ServeSettings:
        """``[serve]`` of the configuration, then the environment's token."""
        env = dict(os.environ) if env is None else env
        raw = dict(getattr(config, "raw", {}).get("serve") or {})
        token = env.get(TOKEN_ENV) or raw.get("token") or None
        return cls(
            token=str(token) if token else None,
            max_body_bytes=int(raw.get("max_body_bytes", cls.max_body_bytes)),
            max_batch=int(raw.get("max_batch", cls.max_batch)),
        )
