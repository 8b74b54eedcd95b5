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


# -- stores: SQLite always, PostgreSQL where a server is given (.ci/run starts one) -----------
PG_ENV = "KHALDUN_TEST_PG"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
              monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]  # fmt: skip
    """A factory of fresh, empty store URLs: SQLite files, or new PostgreSQL databases."""
    import uuid

    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("db")
        yield lambda: str(folder / f"{uuid.uuid4().hex[:8]}.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} to a server URL (.ci/run starts one)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    import khaldun.store

    # the tests' stores keep no pooled connections open once they are dropped
    monkeypatch.setattr(khaldun.store, "create_engine",
                        lambda url, **kw: create_engine(url, poolclass=NullPool, **kw))  # fmt: skip
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    made: list[str] = []

    def make() -> str:
        name = f"khaldun_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return base.rsplit("/", 1)[0] + "/" + name

    yield make
    with admin.connect() as conn:
        for name in made:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
