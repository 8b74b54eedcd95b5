"""Load on ``khaldun serve``: latency of a filtered /api/events page and of /api/stats.

Fills a store with synthetic fused events (100,000 by default: each with one to three reports,
the rows a real ingest writes, without coding anything), starts ``khaldun serve`` on loopback in
its own process, and times sequential requests from one keep-alive client: p50, p95 and max per
kind of request. The target is p95 < 100 ms for a filtered page. Not a timed test: run it by
hand; it rewrites benchmarks/SERVE_RESULTS.md unless told not to.

    python benchmarks/serve_load.py                 # 100k events in a temporary SQLite store
    python benchmarks/serve_load.py --db load.db    # keep (and reuse) the store
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe  # benchmarks/machine.py

from khaldun.schema import articles, events, fused_events
from khaldun.store import Store

ROOT = Path(__file__).resolve().parent.parent

TYPES = [("ASSAULT", 30), ("COERCE", 10), ("PROTEST", 15), ("THREATEN", 8), ("CONSULT", 10),
         ("ACCUSE", 8), ("AID", 4), ("MOBILIZE", 5), ("AGREE", 5), ("SANCTION", 3), ("REJECT", 2)]  # fmt: skip
MODES = {"ASSAULT": ["drone", "shelling", "airstrike", "small-arms", None],
         "PROTEST": ["demonstrate", "riot", None], "COERCE": ["arrest", "seize", None]}  # fmt: skip
STATUSES = [("asserted", 60), ("claimed", 20), ("threatened", 8), ("denied", 7), ("negated", 5)]
COUNTRIES = {  # ISO3: (lat, lon, admin1 names, actors)
    "IRQ": (33.3, 44.4, ["Baghdad", "Arbil", "Nineveh", "Basra", "Anbar"], ["Islamic Resistance in Iraq", "Iraqi Security Forces", "Kataib Hezbollah"]),
    "SYR": (34.8, 38.9, ["Damascus", "Aleppo", "Idlib", "Deir ez-Zor"], ["Syrian Arab Army", "Hayat Tahrir al-Sham", "Syrian Democratic Forces"]),
    "YEM": (15.4, 44.2, ["Sanaa", "Aden", "Marib", "Hodeidah"], ["Ansar Allah", "Yemeni government forces"]),
    "ISR": (31.8, 35.2, ["Jerusalem", "Haifa", "Southern District"], ["Israel military", "Israel government"]),
    "PSE": (31.5, 34.45, ["Gaza", "West Bank"], ["Hamas", "Palestinian Islamic Jihad"]),
    "LBN": (33.9, 35.5, ["Beirut", "South Governorate", "Nabatieh"], ["Hezbollah", "Lebanese Armed Forces"]),
    "IRN": (35.7, 51.4, ["Tehran", "Khuzestan", "Sistan and Baluchestan"], ["Iran government", "IRGC"]),
    "AFG": (34.5, 69.2, ["Kabul", "Kandahar", "Helmand", "Nangarhar"], ["Taliban", "Islamic State Khorasan"]),
    "SDN": (15.5, 32.5, ["Khartoum", "North Darfur", "Gezira"], ["Rapid Support Forces", "Sudanese Armed Forces"]),
    "UKR": (50.4, 30.5, ["Kyiv", "Kharkiv", "Donetsk", "Odesa"], ["Ukraine military", "Russia military"]),
    "SOM": (2.05, 45.3, ["Banaadir", "Lower Shabelle"], ["Al Shabaab", "Somalia military"]),
    "MLI": (12.6, -8.0, ["Bamako", "Mopti", "Gao"], ["JNIM", "Mali military", "Wagner Group"]),
    "NGA": (9.1, 7.4, ["Borno", "Zamfara", "Kaduna"], ["Boko Haram", "Nigeria military"]),
    "COD": (-1.7, 29.2, ["North Kivu", "Ituri", "South Kivu"], ["M23", "FARDC", "ADF"]),
    "USA": (38.9, -77.0, ["District of Columbia", "New York"], ["United States government", "United States military"]),
}  # fmt: skip
OUTLETS = ["Reuters", "AP", "AFP", "Al Jazeera", "Press TV", "Times of Israel", "Kurdistan24",
           "Rudaw", "Xinhua", "Anadolu", "BBC", "Shafaq News"]  # fmt: skip
_FILLER = ("the attack followed days of tension officials said residents reported witnesses told "
         "reporters security sources confirmed according to local media the group claimed "
         "responsibility in a statement while the ministry denied any involvement")  # fmt: skip
WORDS = _FILLER.split()


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([w for w, _ in weighted], [n for _, n in weighted])[0]


def fill(store: Store, n: int, *, seed: int = 11) -> None:
    """Write ``n`` fused events, their mentions and their articles in bulk."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    arts: list[dict[str, Any]] = []
    ments: list[dict[str, Any]] = []
    fused: list[dict[str, Any]] = []

    def flush(force: bool = False) -> None:
        if len(fused) < 5000 and not force:
            return
        with store.engine.begin() as conn:
            for table, rows in ((articles, arts), (events, ments), (fused_events, fused)):
                if rows:
                    conn.execute(insert(table), rows)
        for rows in (arts, ments, fused):
            rows.clear()

    for i in range(n):
        typ = _pick(rng, TYPES)
        iso = rng.choice(list(COUNTRIES))
        lat0, lon0, admins, names = COUNTRIES[iso]
        prec = rng.choice([1, 1, 1, 2, 2, 3])
        admin1 = rng.choice(admins) if prec < 3 else None
        lat = round(lat0 + rng.uniform(-2, 2), 4) if prec < 3 else lat0
        lon = round(lon0 + rng.uniform(-2, 2), 4) if prec < 3 else lon0
        day = start + timedelta(days=rng.randrange(730))
        a1 = rng.choice(names)
        other = rng.choice(list(COUNTRIES))
        a2 = rng.choice(COUNTRIES[other][3]) if rng.random() < 0.7 else None
        status = _pick(rng, STATUSES)
        mode = rng.choice(MODES.get(typ, [None]))
        conf = round(rng.uniform(0.3, 0.99), 3)
        place_name = f"{admin1 or iso} site {rng.randrange(40)}" if prec == 1 else (admin1 or iso)
        eid = f"ev-{i:08d}"
        place = {"name": place_name, "country": iso, "admin1": admin1, "lat": lat, "lon": lon,
                 "precision": prec, "text": place_name, "gazetteer_id": None, "feature": None}  # fmt: skip
        actor1 = {"name": a1, "id": a1[:12].upper(), "country": iso, "sector": None, "text": a1}
        actor2 = {"name": a2, "id": a2[:12].upper(), "country": other, "sector": None, "text": a2} if a2 else None  # fmt: skip
        dd = {
            "start": day.isoformat(),
            "end": day.isoformat(),
            "precision": "day",
            "text": "on Monday",
        }
        mlist: list[dict[str, Any]] = []
        for k in range(rng.choice([1, 1, 1, 2, 2, 3])):
            aid = f"a-{i:08d}-{k}"
            outlet = rng.choice(OUTLETS)
            sentence = (f"{a1} {typ.lower()} {a2 or 'civilians'} in {place_name} on Monday, "
                        + " ".join(rng.choices(WORDS, k=12)) + ".")  # fmt: skip
            body = sentence + " " + " ".join(rng.choices(WORDS, k=60)) + "."
            url = f"https://{outlet.lower().replace(' ', '')}.example/{aid}"
            pub = (day + timedelta(days=rng.randrange(3))).isoformat()
            ev = {"start": 0, "end": len(sentence), "text": sentence}
            mid = f"e-{i:08d}-{k}"
            data = {"id": mid, "article_id": aid, "type": typ, "mode": mode, "status": status,
                    "actor1": actor1, "actor2": actor2, "place": place, "date": dd,
                    "attributed_to": None, "evidence": ev, "sentence": 0, "evidence_all": [ev],
                    "trigger": {"start": len(a1) + 1, "end": len(a1) + 1 + len(typ), "text": typ.lower()},
                    "confidence": conf, "acled": {"event_type": None, "sub_event_type": None},
                    "cameo_root": None, "fatalities": None, "provenance": []}  # fmt: skip
            arts.append(dict(id=aid, url=url, outlet=outlet, published=pub, title=sentence[:80],
                             text=body, raw_text=None, meta="{}", ingested_at=now,
                             canonical_url=url, content_hash=f"h{i}-{k}", version=1))  # fmt: skip
            ments.append(dict(id=mid, article_id=aid, type=typ, mode=mode, status=status,
                              actor1=a1, actor1_country=iso, actor2=a2,
                              actor2_country=other if a2 else None, country=iso,
                              location=place_name, lat=lat, lon=lon, geo_precision=prec,
                              date_start=dd["start"], date_end=dd["end"], date_precision="day",
                              confidence=conf, outlet=outlet, data=json.dumps(data),
                              attributed_to=None, fatalities=None, fused_id=eid))  # fmt: skip
            mlist.append({"id": mid, "article_id": aid, "url": url, "outlet": outlet,
                          "published": pub, "sentence": 0, "type": typ, "mode": mode,
                          "status": status, "attributed_to": None, "evidence": ev,
                          "evidence_all": [ev], "trigger": data["trigger"], "actor1": actor1,
                          "actor2": actor2, "place": place, "date": dd, "fatalities": None,
                          "confidence": conf})  # fmt: skip
        outlets = sorted({m["outlet"] for m in mlist})
        d = {"id": eid, "type": typ, "mode": mode, "status": status, "statuses": {status: len(mlist)},
             "actor1": actor1, "actor2": actor2, "place": place, "date": dd, "attributed_to": None,
             "evidence": mlist[0]["evidence"], "confidence": conf,
             "acled": {"event_type": None, "sub_event_type": None}, "cameo_root": None,
             "fatalities": None, "fatalities_range": None, "n_sources": len(mlist),
             "n_outlets": len(outlets), "outlets": outlets, "mentions": mlist}  # fmt: skip
        fused.append(dict(id=eid, founder=mlist[0]["id"], type=typ, mode=mode, status=status,
                          actor1=a1, actor1_country=iso, actor2=a2,
                          actor2_country=other if a2 else None, country=iso, admin1=admin1,
                          location=place_name, lat=lat, lon=lon, geo_precision=prec,
                          date_start=dd["start"], date_end=dd["end"], date_precision="day",
                          win_start=dd["start"], win_end=dd["end"], fatalities=None,
                          n_sources=len(mlist), n_outlets=len(outlets), confidence=conf,
                          data=json.dumps(d)))  # fmt: skip
        flush()
    flush(force=True)


# -- the load ------------------------------------------------------------------------------------
EVENT_QUERIES = [
    {"type": "ASSAULT", "country": "IRQ"},
    {"type": "PROTEST", "since": "2024-01-01"},
    {"status": "claimed", "min_confidence": "0.6"},
    {"country": "SYR", "since": "2023-06-01", "until": "2023-12-31"},
    {"bbox": "34,29,48,38", "type": "ASSAULT,COERCE"},
    {"actor": "Hezbollah"},
    {"admin1": "Arbil", "mode": "drone"},
    {"type": "CONSULT", "status": "asserted", "country": "USA"},
]
STATS_QUERIES = [
    {},
    {"type": "ASSAULT"},
    {"country": "IRQ", "interval": "week"},
    {"since": "2024-01-01", "status": "claimed"},
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _timed(client: httpx.Client, path: str, params: dict[str, str]) -> tuple[float, dict[str, Any]]:
    t = time.perf_counter()
    r = client.get(path, params=params)
    ms = (time.perf_counter() - t) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{r.url} -> {r.status_code}: {r.text[:500]}")
    return ms, r.json()


def _summary(ms: list[float]) -> dict[str, float]:
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"n": len(ms), "p50": statistics.median(ms), "p95": q[94], "max": max(ms)}


def run_load(base: str, rounds: int) -> dict[str, dict[str, float]]:
    results: dict[str, list[float]] = {
        "events": [],
        "events_deep": [],
        "stats": [],
        "stats_all": [],
    }
    with httpx.Client(base_url=base, timeout=60) as c:
        for q in EVENT_QUERIES + STATS_QUERIES:  # warm-up: each query once
            _timed(c, "/api/events" if q in EVENT_QUERIES else "/api/stats", q)
        for i in range(rounds):
            q = EVENT_QUERIES[i % len(EVENT_QUERIES)]
            ms, _ = _timed(c, "/api/events", {**q, "limit": "50"})
            results["events"].append(ms)
            s = STATS_QUERIES[i % len(STATS_QUERIES)]
            ms, _ = _timed(c, "/api/stats", s)
            (results["stats_all"] if not s else results["stats"]).append(ms)
        cursor = None
        for _ in range(min(rounds, 60)):  # a walk 60 pages deep: a page costs the same anywhere
            ms, body = _timed(c, "/api/events", {"type": "ASSAULT", "limit": "50",
                                                 **({"cursor": cursor} if cursor else {})})  # fmt: skip
            results["events_deep"].append(ms)
            cursor = body["next_cursor"]
    return {k: _summary(v) for k, v in results.items() if v}


LABELS = {
    "events": "filtered `/api/events` page (limit 50; 8 filter sets rotated)",
    "events_deep": "`/api/events?type=ASSAULT`, 60 pages deep by cursor",
    "stats": "`/api/stats`, filtered (3 filter sets rotated)",
    "stats_all": "`/api/stats`, the whole store",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--events", type=int, default=100_000)
    ap.add_argument("--db", help="store path (filled when empty); default: a temporary file")
    ap.add_argument("--rounds", type=int, default=400, help="requests of each kind")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite SERVE_RESULTS.md")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "load.db")
    store = Store(db)
    with store.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(fused_events)).scalar_one()
    if have == 0:
        t = time.perf_counter()
        fill(store, args.events)
        print(
            f"filled {db} with {args.events:,} events in {time.perf_counter() - t:.0f} s",
            file=sys.stderr,
        )
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(fused_events)).scalar_one()
        n_ments = conn.execute(select(func.count()).select_from(events)).scalar_one()
    store.engine.dispose()
    port = _free_port()
    cmd = [sys.executable, "-m", "khaldun.cli.main", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                err = server.stderr.read().decode() if server.stderr else ""
                raise SystemExit(f"khaldun serve did not start: {err[-2000:]}")
            time.sleep(0.2)
        load_before = os.getloadavg()[0]
        results = run_load(base, args.rounds)
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(10)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# khaldun serve under load: the last results", "",
        f"Written by `python benchmarks/serve_load.py` on {when}.", "",
        f"Machine: {describe()}; load average {load_before:.1f} before the run and "
        f"{load_after:.1f} after it (other jobs share the cores: the figures are only as steady "
        "as that).", "",
        f"Store: SQLite, {n:,} fused events ({n_ments:,} reports), synthetic "
        "(benchmarks/serve_load.py, seed 11). Server: `khaldun serve` (uvicorn, one process) on "
        "loopback; one keep-alive client, requests one after another.", "",
        "| request | n | p50 ms | p95 ms | max ms |", "|---|---:|---:|---:|---:|",
    ]  # fmt: skip
    for k, r in results.items():
        lines.append(
            f"| {LABELS[k]} | {r['n']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |"
        )
    target = results["events"]["p95"] < 100
    lines += ["", f"Target p95 < 100 ms for a filtered page: {'met' if target else 'NOT met'}."]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        (ROOT / "benchmarks" / "SERVE_RESULTS.md").write_text(text)
    tmp.cleanup()


if __name__ == "__main__":
    main()
