from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files (review the diff)"
    )


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    # the compiled gazetteer is cached per user; tests reuse the user's cache when there is one
    os.environ.setdefault("KHALDUN_CACHE", str(Path.home() / ".cache" / "khaldun"))


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from khaldun.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from khaldun import nlp as k

    return k.load()
