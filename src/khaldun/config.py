"""Configuration: a commented default file in the package, overridden by the user's TOML."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khaldun.errors import ConfigError
from khaldun.knowledge import data_path


@dataclass(frozen=True)
class Config:
    model: str
    pipeline: tuple[str, ...]
    actor_files: tuple[str, ...] = ()
    fuzzy_threshold: float = 92.0
    min_confidence: float = 0.3
    fetch_timeout_s: float = 20.0
    fetch_max_bytes: int = 5_000_000
    user_agent: str = "khaldun"
    first_pass: bool = True  # [nlp] first_pass: sentences with no cue are not parsed
    batch_size: int = 64  # [nlp] batch_size: articles per nlp.pipe batch
    extract_timeout_s: float = 30.0  # [fetch] extract_timeout_s: per-page extraction limit
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def default(cls) -> Config:
        return cls.load(None)

    @classmethod
    def load(cls, path: str | Path | None, **overrides: Any) -> Config:
        """The packaged defaults, then ``path`` (or $KHALDUN_CONFIG), then keyword overrides."""
        merged = _read(data_path("default.toml"))
        user = path or os.environ.get("KHALDUN_CONFIG")
        if user:
            _merge(merged, _read(Path(user)))
        try:
            cfg = cls(
                model=str(merged["nlp"]["model"]),
                pipeline=tuple(merged["pipeline"]["stages"]),
                actor_files=tuple(merged["actors"]["extra_files"]),
                fuzzy_threshold=float(merged["actors"]["fuzzy_threshold"]),
                min_confidence=float(merged["events"]["min_confidence"]),
                fetch_timeout_s=float(merged["fetch"]["timeout_s"]),
                fetch_max_bytes=int(merged["fetch"]["max_bytes"]),
                user_agent=str(merged["fetch"]["user_agent"]),
                first_pass=bool(merged["nlp"].get("first_pass", True)),
                batch_size=int(merged["nlp"].get("batch_size", 64)),
                extract_timeout_s=float(merged["fetch"].get("extract_timeout_s", 30.0)),
                raw=merged,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"configuration value missing or of the wrong type: {exc}") from exc
        if overrides:
            from dataclasses import replace

            cfg = replace(cfg, **{k: v for k, v in overrides.items() if v is not None})
        return cfg

    def as_dict(self) -> dict[str, Any]:
        return {
            "nlp": {
                "model": self.model,
                "first_pass": self.first_pass,
                "batch_size": self.batch_size,
            },
            "pipeline": {"stages": list(self.pipeline)},
            "actors": {
                "extra_files": list(self.actor_files),
                "fuzzy_threshold": self.fuzzy_threshold,
            },
            "events": {"min_confidence": self.min_confidence},
            "fetch": {
                "timeout_s": self.fetch_timeout_s,
                "max_bytes": self.fetch_max_bytes,
                "user_agent": self.user_agent,
                "extract_timeout_s": self.extract_timeout_s,
            },
        }


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"configuration file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def _merge(base: dict[str, Any], over: dict[str, Any]) -> None:
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            _merge(base[k], v)
        else:
            base[k] = v
