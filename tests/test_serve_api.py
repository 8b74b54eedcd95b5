"""The HTTP API over a store injected with FastAPI's dependency override (SQLite, and
PostgreSQL where a server is given)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")

with warnings.catch_warnings():  # starlette's TestClient warns that it wants httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.serve_data import ALL, ERBIL, report

from khaldun.model import CodedArticle
from khaldun.serve.app import create_app
from khaldun.serve.deps import get_store
from khaldun.serve.settings import ServeSettings
from khaldun.store import Store

TOKEN = "s3cret-token"


class FakePipeline:
    """Codes every article as one PROTEST in Basra (the real pipeline is tested elsewhere)."""

    def code_many(self, batch: list[Any], batch_size: int = 0) -> Iterator[CodedArticle]:
        for a in batch:
            c = report(a.id, a.text, type="PROTEST", trigger=a.text.split()[1],
                       actor1=(a.text.split()[0], "Protesters (Iraq)", "IRQ"),
                       place=("Basra", "Basra", "IRQ", "Basra", 30.5, 47.8, 1))  # fmt: skip
            yield CodedArticle(article=a, events=c.events, actors=c.actors)


@pytest.fixture
def store(store_url: Any) -> Store:
    s = Store(store_url())
    for c in ALL:
        s.add(c)
    return s


@pytest.fixture
def client(store: Store, tmp_path: Any) -> Iterator[TestClient]:
    # the app is built over another (empty) store; the test's store comes in by the override
    app = create_app(Store(str(tmp_path / "unused.db")), pipeline=FakePipeline(),
                     settings=ServeSettings(token=TOKEN, max_body_bytes=20_000, max_batch=3))  # fmt: skip
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as c:
        yield c


def ids(body: dict[str, Any]) -> list[str]:
    return [e["id"] for e in body["events"]]


def assert_envelope(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["status"] == status and err["code"] and err["message"]
    assert isinstance(err["details"], list)
    return dict(err)


def test_events_newest_first_with_sources(client: TestClient) -> None:
    body = client.get("/api/events").json()
    dates = [e["date"]["start"] for e in body["events"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(ALL)
    first = body["events"][0]
    assert first["place"]["name"] == "Erbil International Airport"
    assert first["sources"][0]["outlet"] == "Press TV" and "mentions" not in first
    assert body["next_cursor"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ASSAULT", 3),
        ("type=assault,protest", 4),
        ("type=ASSAULT&type=CONSULT", 4),
        ("status=claimed", 1),
        ("mode=drone", 1),
        ("country=YEM", 1),
        ("country=usa", 2),  # the place or either actor
        ("admin1=arbil", 1),
        ("bbox=43,35,45,37", 2),  # Erbil and Kirkuk
        ("bbox=170,-10,-170,10", 0),  # across the antimeridian
        ("since=2024-01-20", 3),
        ("until=2024-01-15", 2),
        ("since=2024-01-16&until=2024-01-27", 2),
        ("min_confidence=0.9", 0),
        ("actor=houthi", 0),  # names, not the report's words
        ("actor=ansar", 1),
        ("q=Erbil", 1),
        ("q=Erbil&type=PROTEST", 0),
    ],
)
def test_filters(client: TestClient, query: str, expected: int) -> None:
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 200, r.text
    assert len(r.json()["events"]) == expected


def test_cursor_pages_cover_every_event_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        r = client.get("/api/events", params=params)
        body = r.json()
        seen += ids(body)
        cursor = body["next_cursor"]
        if cursor is None:
            assert "link" not in r.headers
            break
        assert r.headers["x-next-cursor"] == cursor and 'rel="next"' in r.headers["link"]
    assert len(seen) == len(set(seen)) == len(ALL)
    assert seen == ids(client.get("/api/events").json())


def test_undated_events_come_last_and_page(store: Store, client: TestClient) -> None:
    from dataclasses import replace

    for i in range(3):
        c = report(f"r-nodate-{i}", f"Rebels{i} raided a village. Nobody was hurt.", type="ASSAULT",
                   trigger="raided", actor1=(f"Rebels{i}", f"Rebels {i}", "COD"))  # fmt: skip
        store.add(replace(c, events=tuple(replace(e, date=None) for e in c.events)))
    seen, cursor = [], None
    while True:
        body = client.get(
            "/api/events", params={"limit": 3, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += body["events"]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len({e["id"] for e in seen}) == len(ALL) + 3
    assert [e["date"] for e in seen[-3:]] == [None, None, None]


def test_bad_cursor_and_bad_values_use_the_envelope(store: Store, client: TestClient) -> None:
    err = assert_envelope(client.get("/api/events?cursor=not-a-cursor"), 400)
    assert "cursor" in err["message"]
    err = assert_envelope(client.get("/api/events?limit=0"), 422)
    assert err["details"][0]["field"] == "query.limit"
    err = assert_envelope(client.get("/api/events?since=28-01-2024"), 422)
    assert err["details"][0]["field"] == "query.since"
    err = assert_envelope(client.get("/api/events?status=rumoured"), 422)
    assert err["details"] == [{"field": "query.status", "reason": err["details"][0]["reason"]}]
    assert_envelope(client.get("/api/events?bbox=1,2,3"), 422)
    assert_envelope(client.get("/api/events?format=xml"), 422)
    if store.engine.dialect.name == "sqlite":  # PostgreSQL's websearch syntax forgives anything
        assert_envelope(client.get("/api/events?q=%22unclosed"), 400)
    assert_envelope(client.get("/api/nowhere"), 404)
    assert_envelope(client.delete("/api/events"), 405)


def test_csv_and_geojson_by_accept_or_format(client: TestClient) -> None:
    r = client.get("/api/events?type=ASSAULT", headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("id,type,mode,status,date_start") and len(lines) == 4
    assert client.get("/api/events?format=csv").text == client.get(
        "/api/events", headers={"Accept": "text/csv"}).text  # fmt: skip
    g = client.get("/api/events", headers={"Accept": "application/geo+json"})
    assert g.headers["content-type"].startswith("application/geo+json")
    body = g.json()
    assert body["type"] == "FeatureCollection" and body["unlocated"] == 1  # the talks have no place
    erbil = next(
        f for f in body["features"] if f["properties"]["place"] == "Erbil International Airport"
    )
    assert erbil["geometry"] == {"type": "Point", "coordinates": [43.9632, 36.2376]}
    assert erbil["properties"]["geo_precision"] == 1
    assert client.get("/api/events?format=geojson").json()["features"] == body["features"]


def test_csv_cells_are_not_formulas(store: Store, client: TestClient) -> None:
    store.add(report("r-formula", "=HYPERLINK(1) fired at a base. Nobody was hurt.", type="ASSAULT",
                     trigger="fired", actor1=("=HYPERLINK(1)", "=HYPERLINK(1)", "IRQ")))  # fmt: skip
    text = client.get("/api/events?format=csv&actor=HYPERLINK").text
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text


def test_event_has_every_source(client: TestClient) -> None:
    eid = client.get("/api/events?mode=drone").json()["events"][0]["id"]
    e = client.get(f"/api/events/{eid}").json()
    assert e["id"] == eid and e["n_sources"] == 1
    (src,) = e["sources"]
    assert src["outlet"] == "Press TV" and src["url"] == "https://news.example/r-erbil"
    assert src["status"] == "claimed"
    assert src["evidence"]["text"].startswith("Militants launched drones")
    err = assert_envelope(client.get("/api/events/ev-missing"), 404)
    assert "ev-missing" in err["message"]


def test_article_with_its_spans(client: TestClient) -> None:
    a = client.get("/api/articles/r-erbil").json()
    text = a["text"]
    assert text == ERBIL.article.text and a["outlet"] == "Press TV"
    kinds = {s["kind"] for s in a["spans"]}
    assert kinds == {"actor", "place", "date", "trigger", "evidence", "framing"}
    for s in a["spans"]:
        assert 0 <= s["start"] <= s["end"] <= len(text)
    by = {s["kind"]: s for s in a["spans"]}
    assert text[by["place"]["start"] : by["place"]["end"]] == "Erbil airport"
    assert by["place"]["label"] == "Erbil International Airport"
    assert text[by["trigger"]["start"] : by["trigger"]["end"]] == "launched"
    assert by["framing"]["text"] == "occupiers" and by["framing"]["label"] == "delegitimising"
    assert a["framing_note"].startswith("Press TV uses 1 loaded term")
    assert a["events"][0]["type"] == "ASSAULT" and a["events"][0]["event_id"]
    assert_envelope(client.get("/api/articles/nope"), 404)


def test_actors(client: TestClient) -> None:
    body = client.get("/api/actors").json()
    names = [a["name"] for a in body["actors"]]
    assert "Islamic Resistance in Iraq" in names
    iri = next(a for a in body["actors"] if a["name"] == "Islamic Resistance in Iraq")
    assert iri["events"] == 1 and iri["country"] == "IRQ"
    assert [a["name"] for a in client.get("/api/actors?q=ansar").json()["actors"]] == [
        "Ansar Allah"
    ]


def test_stats_by_day_week_type_country_status(client: TestClient) -> None:
    s = client.get("/api/stats").json()
    assert s["total"] == len(ALL) and s["undated"] == 0
    assert {r["date"]: r["count"] for r in s["by_date"]}["2024-01-28"] == 1
    assert {r["type"]: r["count"] for r in s["by_type"]} == {
        "ASSAULT": 3,
        "PROTEST": 1,
        "CONSULT": 1,
    }
    assert {r["status"]: r["count"] for r in s["by_status"]} == {"asserted": 4, "claimed": 1}
    assert {r["country"]: r["count"] for r in s["by_country"]}["IRQ"] == 3
    w = client.get("/api/stats?interval=week").json()
    # ISO weeks start on Monday: 2024-01-22 holds the 26th and the 28th
    assert {r["date"]: r["count"] for r in w["by_date"]} == {
        "2024-01-08": 1, "2024-01-15": 2, "2024-01-22": 2}  # fmt: skip
    f = client.get("/api/stats?type=ASSAULT&country=IRQ").json()
    assert f["total"] == 2 and [r["type"] for r in f["by_type"]] == ["ASSAULT"]
    assert_envelope(client.get("/api/stats?interval=month"), 422)


def test_healthz_docs_and_headers(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.json()["status"] == "ok"
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/actors",
            "/api/stats", "/healthz", "/api/articles"} <= set(spec["paths"])  # fmt: skip
    docs = client.get("/api/docs")
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    csp = docs.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    index = client.get("/")
    assert index.status_code == 200 and "/static/app.js" in index.text
    assert "https://" not in index.text and "http://" not in index.text


# -- writes --------------------------------------------------------------------------------------
REC = {"id": "post-1", "url": "https://news.example/post-1", "outlet": "Wire",
       "published": "2024-02-01", "title": "Protest", "text": "Crowds rallied in Basra on Thursday."}  # fmt: skip


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_need_the_token(client: TestClient) -> None:
    err = assert_envelope(client.post("/api/articles", json=REC), 401)
    assert "Bearer" in err["message"]
    assert_envelope(client.post("/api/articles", json=REC, headers=auth("wrong")), 401)


def test_writes_refused_with_no_token_configured(store: Store, tmp_path: Any) -> None:
    app = create_app(store, settings=ServeSettings(token=None), pipeline=FakePipeline())
    with TestClient(app) as c:
        err = assert_envelope(c.post("/api/articles", json=REC, headers=auth()), 403)
        assert "KHALDUN_API_TOKEN" in err["message"]


def test_token_from_environment_or_configuration() -> None:
    from khaldun.config import Config

    cfg = Config.default()
    assert ServeSettings.from_config(cfg, env={}).token is None
    assert ServeSettings.from_config(cfg, env={"KHALDUN_API_TOKEN": "t"}).token == "t"
    raw = {**cfg.raw, "serve": {"token": "from-file", "max_body_bytes": 10}}
    from dataclasses import replace

    s = ServeSettings.from_config(replace(cfg, raw=raw), env={})
    assert (s.token, s.max_body_bytes) == ("from-file", 10)


def test_post_one_record_and_a_batch(client: TestClient) -> None:
    r = client.post("/api/articles", json=REC, headers=auth())
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] == 1 and body["skipped"] == 0
    (art,) = body["articles"]
    assert art["stored"] is True and len(art["events"]) == 1
    e = client.get(f"/api/events/{art['events'][0]}").json()
    assert e["type"] == "PROTEST" and e["sources"][0]["url"] == REC["url"]
    again = client.post("/api/articles", json=[REC, {**REC, "id": "post-2", "url": "https://news.example/post-2",
                                                    "text": "Students marched in Basra today."}],
                        headers=auth()).json()  # fmt: skip
    assert (again["stored"], again["skipped"]) == (1, 1)
    assert client.get("/api/events?type=PROTEST").json()["events"][0]["place"]["name"] == "Basra"


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ({**REC, "published": "yesterday"}, "body.published", "date"),
        ({k: v for k, v in REC.items() if k != "text"}, "body", "'text' or 'html'"),
        ({**REC, "text": "   "}, "body", "'text' or 'html'"),
        ({**REC, "colour": "red"}, "body.colour", "Extra inputs"),
        ([REC, {**REC, "published": 12}], "body.1.published", "date"),
        ("just a string", "body", "JSON object"),
        ([], "body", "empty"),
    ],
)
def test_bad_records_name_field_and_reason(
    client: TestClient, body: Any, field: str, reason: str
) -> None:
    err = assert_envelope(client.post("/api/articles", json=body, headers=auth()), 422)
    assert any(
        d["field"] == field and reason.lower() in d["reason"].lower() for d in err["details"]
    ), err


def test_too_large_and_not_json(client: TestClient) -> None:
    big = {**REC, "text": "word " * 10_000}
    err = assert_envelope(client.post("/api/articles", json=big, headers=auth()), 413)
    assert "20,000" in err["message"]
    assert_envelope(client.post("/api/articles", json=[REC] * 4, headers=auth()), 413)
    # a body sent in chunks with no Content-Length is cut off at the limit too
    chunks = iter([b"[" + json.dumps(REC).encode() + b","] * 200)
    r = client.post(
        "/api/articles", content=chunks, headers={**auth(), "Content-Type": "application/json"}
    )
    assert_envelope(r, 413)
    assert_envelope(
        client.post(
            "/api/articles",
            content=b"{nope",
            headers={**auth(), "Content-Type": "application/json"},
        ),
        400,
    )
    assert_envelope(
        client.post(
            "/api/articles", content=b"x", headers={**auth(), "Content-Type": "text/plain"}
        ),
        415,
    )


# -- the command ---------------------------------------------------------------------------------
def test_khaldun_serve_is_a_thin_shell(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from khaldun.cli.main import app as cli

    seen: dict[str, Any] = {}
    monkeypatch.setattr(
        uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw)
    )
    monkeypatch.setenv("KHALDUN_API_TOKEN", "from-env")
    db = tmp_path / "served.db"
    runner = CliRunner()
    assert "--port" in runner.invoke(cli, ["serve", "--help"]).output
    result = runner.invoke(cli, ["serve", "--db", str(db), "--host", "127.0.0.1", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert seen["app"].state.settings.token == "from-env"
    assert seen["app"].state.store.counts()["articles"] == 0 and db.exists()


# -- what keeps it fast --------------------------------------------------------------------------
def test_the_serve_indexes_exist(store: Store) -> None:
    from sqlalchemy import inspect

    names = {ix["name"] for ix in inspect(store.engine).get_indexes("fused_events")}
    assert {f"ix_fused_serve_{c}" for c in ("date_start", "type", "country", "status")} <= names


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"types": ("ASSAULT",), "countries": ("IRQ",)},
        {"statuses": ("claimed",), "min_confidence": 0.5, "since": "2024-01-01"},
        {"admin1": "Arbil", "modes": ("drone",), "bbox": (40.0, 30.0, 50.0, 40.0)},
        {"actor": "Hezbollah"},
    ],
)
def test_a_page_reads_the_date_index_backwards_on_sqlite(
    tmp_path: Any, filters: dict[str, Any]
) -> None:
    """Whatever the filters, SQLite walks the serve index in page order and stops at the page's
    end: no sort of every match, no scan of the wide rows (benchmarks/serve_load.py times it)."""
    from sqlalchemy import text

    from khaldun.serve import queries

    store = Store(str(tmp_path / "plan.db"))
    for cursor in (None, queries.encode_cursor("2024-01-01", "ev-x")):
        q = queries.page_query(store, queries.Filters(**filters), limit=50, cursor=cursor)
        sql = str(q.compile(store.engine, compile_kwargs={"literal_binds": True}))
        with store.engine.connect() as conn:
            plan = " / ".join(r[3] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
        assert "ix_fused_serve_date_start" in plan and "TEMP B-TREE" not in plan, plan


def test_an_unexpected_error_is_a_500_in_the_envelope() -> None:
    app = create_app(None, settings=ServeSettings(token=None))  # no store, none overridden
    with TestClient(app, raise_server_exceptions=False) as c:
        err = assert_envelope(c.get("/api/events"), 500)
        assert "RuntimeError" in err["message"] and "log" in err["message"]
