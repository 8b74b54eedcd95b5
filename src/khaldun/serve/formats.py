"""Events as CSV rows and GeoJSON features (JSON is the API's own shape)."""

from __future__ import annotations

import csv
import io
from typing import Any

CSV_COLUMNS = [
    "id", "type", "mode", "status", "date_start", "date_end", "date_precision",
    "actor1", "actor1_country", "actor2", "actor2_country", "place", "country", "admin1",
    "lat", "lon", "geo_precision", "confidence", "fatalities", "n_sources", "n_outlets",
    "outlets", "acled_event_type", "acled_sub_event_type", "evidence",
]  # fmt: skip


def flat(e: dict[str, Any]) -> dict[str, Any]:
    """One event as one flat row."""
    p, d = e.get("place") or {}, e.get("date") or {}
    a1, a2 = e.get("actor1") or {}, e.get("actor2") or {}
    acled = e.get("acled") or {}
    return {
        "id": e.get("id"), "type": e.get("type"), "mode": e.get("mode"),
        "status": e.get("status"), "date_start": d.get("start"), "date_end": d.get("end"),
        "date_precision": d.get("precision"), "actor1": a1.get("name"),
        "actor1_country": a1.get("country"), "actor2": a2.get("name"),
        "actor2_country": a2.get("country"), "place": p.get("name"), "country": p.get("country"),
        "admin1": p.get("admin1"), "lat": p.get("lat"), "lon": p.get("lon"),
        "geo_precision": p.get("precision"), "confidence": e.get("confidence"),
        "fatalities": e.get("fatalities"), "n_sources": e.get("n_sources"),
        "n_outlets": e.get("n_outlets"), "outlets": "; ".join(e.get("outlets") or []),
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "evidence": (e.get("evidence") or {}).get("text"),
    }  # fmt: skip


def _cell(v: Any) -> Any:
    # a cell a spreadsheet would run as a formula is written as text
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return "" if v is None else v


def to_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for e in rows:
        w.writerow({k: _cell(v) for k, v in flat(e).items()})
    return buf.getvalue()


def to_geojson(rows: list[dict[str, Any]], *, next_cursor: str | None) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates (points, with the precision)."""
    feats = []
    for e in rows:
        p = e.get("place") or {}
        if p.get("lat") is None or p.get("lon") is None:
            continue
        feats.append({
            "type": "Feature", "id": e.get("id"),
            "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
            "properties": flat(e),
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": feats, "next_cursor": next_cursor,
            "unlocated": len(rows) - len(feats)}  # fmt: skip
