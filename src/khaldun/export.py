"""Exports: ACLED-compatible CSV, JSONL, GeoJSON, Parquet and a GDELT-style mentions table,
registered by name.

Each exporter takes event dicts: the store's fused events (``Store.fused_events``: one row per
real-world event, with its ``mentions``), or single-report mentions (``Store.events``). Codes
(ISO, inter, precision, PLOVER and CAMEO codes) are written as strings, never as numbers.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from khaldun.registry import exporters

# ACLED's column names and order (public codebook); khaldun's own columns follow them.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
KHALDUN_COLUMNS = ["khaldun_id", "plover_type", "plover_mode", "status", "attributed_to",
                   "actor1_country", "actor2_country", "confidence", "url", "evidence",
                   "n_sources", "n_outlets", "outlets", "urls", "statuses", "fatalities_min",
                   "fatalities_max", "cameo_root"]  # fmt: skip
# the GDELT mentions table's ideas (one row per event per article) in khaldun's names
MENTION_COLUMNS = ["event_id", "mention_id", "article_id", "outlet", "url", "published",
                   "sentence", "start", "end", "trigger_start", "actor1_start", "actor2_start",
                   "status", "attributed_to", "confidence", "type", "evidence"]  # fmt: skip
# numeric columns: typed in Parquet, every other column is a string
PARQUET_TYPES = {"latitude": "float64", "longitude": "float64", "fatalities": "int64",
                 "confidence": "float64", "n_sources": "int64", "n_outlets": "int64",
                 "fatalities_min": "int64", "fatalities_max": "int64"}  # fmt: skip
INTER = {"MIL": 1, "COP": 1, "GOV": 1, "REB": 2, "MLA": 4, "CRM": 3, "PRO": 6, "CVL": 7,
         "IGO": 8, "NGO": 8}  # fmt: skip
SECTOR_ACLED = {"MIL": "Military Forces of {c}", "COP": "Police Forces of {c}",
                "GOV": "Government of {c}"}  # fmt: skip
PRECISION_ACLED = {"day": 1, "week": 2, "month": 3, "year": 3}


# the organisations ACLED names with their acronym first
ACRONYMED = frozenset({"party", "armed_group", "igo", "ngo"})


def _acronym(aliases: list[str]) -> str | None:
    """An organisation's acronym among its aliases: "ODM", "JeI", "FORD-Kenya" aside."""
    for a in aliases:
        if 2 <= len(a) <= 8 and a.isalpha() and sum(c.isupper() for c in a) >= 2 and a[0].isupper():
            return a
    return None


def acled_actor(a: dict[str, Any] | None, countries: dict[str, str]) -> str:
    """khaldun's actor in ACLED's naming: "Military Forces of Kenya", "Protesters"."""
    if not a:
        return ""
    sector, iso = a.get("sector"), a.get("country")
    if a.get("acled_name"):
        return str(a["acled_name"])
    entry = _book().entries.get(a["id"]) if a.get("id") else None
    if entry is not None and entry.acled_name:
        return str(entry.acled_name)
    if entry is not None and entry.kind in ACRONYMED and (acr := _acronym(entry.aliases)):
        return f"{acr}: {entry.name}"  # ACLED's "ODM: Orange Democratic Movement"
    if sector in SECTOR_ACLED and iso:  # the state, or one of its forces ("Kenya Defence Forces")
        return SECTOR_ACLED[sector].format(c=countries.get(iso, iso))
    name = str(a.get("name") or "").split(" (")[0]  # a generic actor's name, its country aside
    if name in UNNAMED_ARMED and not a.get("id"):
        # "gunmen", "a gang", "bandits": ACLED's unidentified armed group, whatever their trade
        return "Unidentified Armed Group" + (f" ({countries.get(iso, iso)})" if iso else "")
    if name == "Communal militia":
        # "Pokot raiders", "Borana herders": ACLED names the community's militia
        skip = {"the", "a", "armed", "suspected", "ethnic", "clan", "tribal", "communal", "rival",
                "inter-clan", "inter-ethnic", "inter-tribal", "inter-communal"}  # fmt: skip
        skip |= _generic_words()
        words = str(a.get("text") or "").split()
        word = next((w for w in words if w[:1].isupper() and w.lower() not in skip), None)
        if word:
            from khaldun.knowledge import community_forms

            # "Boran raiders", "Maasais": the community's own name ("Borana", "Maasai")
            return f"{community_forms().get(word, (word,))[0]} Ethnic Militia"
        return "Unidentified Ethnic Militia"  # "raiders from a neighbouring community"
    if sector == "PRO":
        return f"Protesters ({countries.get(iso, iso)})" if iso else "Protesters"
    if sector == "CVL":
        return f"Civilians ({countries.get(iso, iso)})" if iso else "Civilians"
    return str(a.get("name") or "")


def _located(a: dict[str, Any], place: dict[str, Any]) -> dict[str, Any]:
    """ "Police fired on…" with no country named: a state's force acts in its own country, so
    the place's country is its country (ACLED: "Police Forces of Kenya")."""
    if (
        a.get("sector") in SECTOR_ACLED
        and not a.get("country")
        and not a.get("id")
        and place.get("country")
    ):
        return {**a, "country": place["country"]}
    return a


@functools.cache
def _generic_words() -> frozenset[str]:
    """The generic actor nouns and their plurals: "Raiders" opening a sentence names no community."""
    from khaldun.knowledge import generic_nouns

    lemmas = {n.lemma for n in generic_nouns().nouns if " " not in n.lemma}
    return frozenset(lemmas | {w + "s" for w in lemmas} | {"men", "youths", "cattle"})


def _book() -> Any:
    from khaldun.actors.dictionary import ActorDictionary

    return ActorDictionary.load()


# generic actors ACLED names "Unidentified Armed Group"
UNNAMED_ARMED = frozenset({"Unidentified Armed Group", "Gang", "Bandits", "Criminals"})

# ACLED's name for an attacker the report does not identify
UNIDENTIFIED = {"Battles", "Violence against civilians", "Explosions/Remote violence"}


def _country_names() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}


def acled_row(e: dict[str, Any], countries: dict[str, str]) -> dict[str, Any]:
    p, d = e.get("place") or {}, e.get("date") or {}
    a1, a2 = _located(e.get("actor1") or {}, p), _located(e.get("actor2") or {}, p)
    acled = e.get("acled") or {}
    i1, i2 = INTER.get(a1.get("sector") or "", 0), INTER.get(a2.get("sector") or "", 0)
    actor1, assoc1 = acled_actor(a1, countries), ""
    actor2 = acled_actor(a2, countries)
    crowd = {"Protests": "Protesters", "Riots": "Rioters"}.get(acled.get("event_type") or "")
    if crowd and a1.get("sector") in ("MIL", "COP", "GOV"):
        # the state intervening in a demonstration: ACLED names the crowd first, the state second
        iso = a1.get("country") or p.get("country")
        actor1, actor2 = (f"{crowd} ({countries[iso]})" if iso in countries else crowd), actor1
        i1, i2 = (5 if crowd == "Rioters" else 6), i1
    elif crowd and (
        a1.get("sector") not in ("MIL", "COP", "GOV", "REB", "MLA")
        or a1.get("name") == "Communal militia"  # "members of the Luo ethnic group protested"
    ):
        # ACLED names the crowd, and the party or group it came from as an associated actor
        iso = a1.get("country") or p.get("country")
        actor1 = f"{crowd} ({countries[iso]})" if iso in countries else crowd
        assoc1 = acled_actor(a1, countries) if a1.get("id") else ""
        i1 = 5 if crowd == "Rioters" else 6
    elif acled.get("event_type") in UNIDENTIFIED and (
        not actor1 or (a1.get("how") == "unresolved" and not a1.get("sector"))
    ):  # a name no dictionary knows is no ACLED actor name
        iso = p.get("country")
        actor1 = "Unidentified Armed Group" + (f" ({countries[iso]})" if iso in countries else "")
        i1 = 3
    src = e.get("source") or {}
    ments = e.get("mentions") or []
    outlets = e.get("outlets") or ([src["outlet"]] if src.get("outlet") else [])
    urls = list(dict.fromkeys(m["url"] for m in ments if m.get("url"))) or (
        [src["url"]] if src.get("url") else []
    )
    fat = e.get("fatalities")
    frange = e.get("fatalities_range") or ([fat, fat] if fat is not None else ["", ""])
    return {
        "event_id_cnty": e["id"], "event_date": d.get("start") or "",
        "year": (d.get("start") or "")[:4], "time_precision": PRECISION_ACLED.get(d.get("precision") or "", ""),
        "disorder_type": "", "event_type": acled.get("event_type") or "",
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": i1 or "",
        "actor2": actor2, "assoc_actor_2": "", "inter2": i2 or "",
        "interaction": f"{min(i1, i2)}{max(i1, i2)}" if i1 and i2 else (i1 or ""),
        "civilian_targeting": "Civilian targeting" if a2.get("sector") == "CVL" else "",
        "iso": p.get("country") or "", "region": "", "country": countries.get(p.get("country") or "", ""),
        "admin1": p.get("admin1") or "", "admin2": "", "admin3": "", "location": p.get("name") or "",
        "latitude": p.get("lat") if p.get("lat") is not None else "",
        "longitude": p.get("lon") if p.get("lon") is not None else "",
        "geo_precision": p.get("precision") or "", "source": "; ".join(outlets),
        "source_scale": "", "notes": (e.get("evidence") or {}).get("text", ""),
        "fatalities": "" if fat is None else fat, "tags": "", "timestamp": "",
        "khaldun_id": e["id"], "plover_type": e["type"], "plover_mode": e.get("mode") or "",
        "status": e["status"], "attributed_to": (e.get("attributed_to") or {}).get("name") or "",
        "actor1_country": a1.get("country") or "", "actor2_country": a2.get("country") or "",
        "confidence": e.get("confidence"), "url": urls[0] if urls else "",
        "evidence": (e.get("evidence") or {}).get("text", ""),
        "n_sources": e.get("n_sources") or 1, "n_outlets": e.get("n_outlets") or len(outlets) or "",
        "outlets": "; ".join(outlets), "urls": " ".join(urls),
        "statuses": "; ".join(f"{k}:{v}" for k, v in sorted((e.get("statuses") or {}).items())),
        "fatalities_min": frange[0], "fatalities_max": frange[1],
        "cameo_root": e.get("cameo_root") or "",
    }  # fmt: skip


@exporters.register("acled-csv")
def export_acled_csv(rows: Iterable[dict[str, Any]], out: Path) -> int:
    countries = _country_names()
    n = 0
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS + KHALDUN_COLUMNS)
        w.writeheader()
        for e in rows:
            w.writerow(acled_row(e, countries))
            n += 1
    return n


@exporters.register("jsonl")
def export_jsonl(rows: Iterable[dict[str, Any]], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for e in rows:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
            n += 1
    return n


@exporters.register("geojson")
def export_geojson(rows: Iterable[dict[str, Any]], out: Path) -> int:
    feats = []
    for e in rows:
        p = e.get("place") or {}
        if p.get("lat") is None or p.get("lon") is None:
            continue
        props = {k: e[k] for k in ("id", "type", "mode", "status", "confidence")}
        props.update(precision=p.get("precision"), location=p.get("name"),
                     date=(e.get("date") or {}).get("start"), evidence=(e.get("evidence") or {}).get("text"),
                     date_precision=(e.get("date") or {}).get("precision"),
                     fatalities=e.get("fatalities"), n_sources=e.get("n_sources") or 1,
                     outlets=e.get("outlets") or [])  # fmt: skip
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                      "properties": props})  # fmt: skip
    out.write_text(json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False))
    return len(feats)


@exporters.register("parquet")
def export_parquet(rows: Iterable[dict[str, Any]], out: Path) -> int:
    """The ACLED CSV's columns; coordinates, counts and confidence typed, codes as strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    countries = _country_names()
    recs = [acled_row(e, countries) for e in rows]
    cols = ACLED_COLUMNS + KHALDUN_COLUMNS
    arrays = {}
    for c in cols:
        kind = PARQUET_TYPES.get(c)
        vals = [r[c] for r in recs]
        if kind is None:
            arrays[c] = pa.array(["" if v is None else str(v) for v in vals], type=pa.string())
        else:
            conv = float if kind == "float64" else int
            arrays[c] = pa.array([None if v in ("", None) else conv(v) for v in vals],
                                 type=getattr(pa, kind)())  # fmt: skip
    pq.write_table(pa.table(arrays), out)
    return len(recs)


def mention_rows(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One row per event per article (what GDELT's mentions table holds), with offsets."""
    for e in rows:
        for m in e.get("mentions") or [_as_mention(e)]:
            ev = m.get("evidence") or {}
            start = int(ev.get("start") or 0)
            yield {
                "event_id": e["id"], "mention_id": m.get("id") or "",
                "article_id": m.get("article_id") or "", "outlet": m.get("outlet") or "",
                "url": m.get("url") or "", "published": m.get("published") or "",
                "sentence": m.get("sentence", ""), "start": start, "end": ev.get("end", ""),
                "trigger_start": (m.get("trigger") or {}).get("start", ""),
                "actor1_start": _offset(m.get("actor1")), "actor2_start": _offset(m.get("actor2")),
                "status": m.get("status") or "",
                "attributed_to": (m.get("attributed_to") or {}).get("name") or "",
                "confidence": m.get("confidence") if m.get("confidence") is not None else "",
                "type": m.get("type") or e.get("type") or "", "evidence": ev.get("text") or "",
            }  # fmt: skip


def _offset(a: dict[str, Any] | None) -> Any:
    return "" if not a or a.get("start") is None else a["start"]


def _as_mention(e: dict[str, Any]) -> dict[str, Any]:
    src = e.get("source") or {}
    return {**e, "url": src.get("url"), "outlet": src.get("outlet"),
            "published": src.get("published")}  # fmt: skip


@exporters.register("mentions")
def export_mentions(rows: Iterable[dict[str, Any]], out: Path) -> int:
    """The mentions table as CSV: which article tells which event, where, and how surely."""
    n = 0
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=MENTION_COLUMNS)
        w.writeheader()
        for r in mention_rows(rows):
            w.writerow(r)
            n += 1
    return n


def export(fmt: str, rows: Iterable[dict[str, Any]], out: Path) -> int:
    from khaldun.errors import InputError

    try:
        fn = exporters.get(fmt)
    except Exception:
        raise InputError(
            f"unknown export format {fmt!r}. Available: {', '.join(sorted(exporters.get_all()))}"
        ) from None
    n: int = fn(rows, out)
    return n
