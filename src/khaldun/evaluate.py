"""``khaldun eval``: score coded events against gold, field by field.

Gold in khaldun's gold format (JSONL, one event a line, with article records as input) or ACLED
CSV (each row's ``notes`` is coded as a short article; the most confident ACLED-mapped event is
compared). A gold event is found when a coded event of the same article has the same type and
evidence that overlaps the gold evidence; its attributes are then checked one by one.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from khaldun.config import Config
from khaldun.errors import InputError
from khaldun.text import fold


def _figure(hits: int, n: int) -> dict[str, Any]:
    return {"value": (hits / n) if n else None, "n": n}


def run(gold: Path, inputs: Iterable[str], *, config: Config | None = None,
        limit: int | None = None) -> dict[str, Any]:  # fmt: skip
    if not gold.exists():
        raise InputError(f"gold file {gold} does not exist")
    if gold.suffix.lower() == ".csv":
        return run_acled(gold, config=config, limit=limit)
    with gold.open(encoding="utf-8") as fh:
        head = fh.read(4096).lstrip()
    if head.startswith("["):
        return run_plover_gsr(gold, config=config, limit=limit)
    first = json.loads(next((line for line in head.split("\n") if line.strip()), "{}"))
    if "plover_type" not in first and "lat" in first and "start" in first:
        return run_geo(gold, list(inputs), config=config, limit=limit)
    if "lat_long" in first and "entity" in first and "context" in first:
        return run_geo_sentences(gold, config=config, limit=limit)
    return run_gold(gold, list(inputs), config=config, limit=limit)


def run_geo_sentences(gold: Path, *, config: Config | None, limit: int | None) -> dict[str, Any]:
    """Gold entities with their sentences, one a line (``{"entity", "lat_long", "context":
    {"sents": [{"sent"}]}}``, as the wm-newslab GPE/LOC/FAC sets give them): the sentences are
    the text and the entity's first occurrence in them the span to resolve."""
    import re

    records, golds = [], {}
    for n, line in enumerate(gold.read_text(encoding="utf-8").split("\n")):
        if not line.strip():
            continue
        row = json.loads(line)
        text = " ".join(s["sent"].replace("\n", " ") for s in row["context"]["sents"])
        m = re.search(re.escape(row["entity"]), text)
        if m is None:
            continue
        rid = f"{gold.stem}-{n}"
        records.append(
            {"id": rid, "text": text, "toponyms": [{"start": m.start(), "end": m.end()}]}
        )
        lat, lon = row["lat_long"]
        golds[(rid, m.start(), m.end())] = {"lat": lat, "lon": lon}
    if limit:
        records = records[:limit]
    return _score_geo(gold, records, golds, config)


def run_geo(
    gold: Path, inputs: list[str], *, config: Config | None, limit: int | None
) -> dict[str, Any]:
    """Toponym resolution given the gold spans: accuracy within 161 km, median error, AUC."""
    golds: dict[tuple[str, int, int], dict[str, Any]] = {}
    for line in gold.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            g = json.loads(line)
            golds[(str(g["id"]), int(g["start"]), int(g["end"]))] = g
    records = []
    for path in inputs:
        for line in Path(path).read_text(encoding="utf-8").split("\n"):
            if line.strip():
                records.append(json.loads(line))
    if limit:
        records = records[:limit]
    return _score_geo(gold, records, golds, config)


def _score_geo(
    gold: Path,
    records: list[dict[str, Any]],
    golds: dict[tuple[str, int, int], dict[str, Any]],
    config: Config | None,
) -> dict[str, Any]:
    import math

    from khaldun import api
    from khaldun.places.gazetteer import haversine_km

    errors: list[float] = []
    for row in api.places(records, config=config):
        for p in row["places"]:  # type: ignore[union-attr]
            g = golds.get((str(row["id"]), p["start"], p["end"]))
            if g is None:
                continue
            if p["lat"] is None:
                errors.append(20039.0)  # unresolved: the worst error, as the literature counts it
            else:
                errors.append(haversine_km(g["lat"], g["lon"], p["lat"], p["lon"]))
    n = len(errors)
    errors.sort()
    auc = sum(math.log(1 + e) for e in errors) / (n * math.log(20039)) if n else None
    figures = {
        "accuracy_161km": _figure(sum(e <= 161 for e in errors), n),
        "median_error_km": {"value": errors[n // 2] if n else None, "n": n},
        "auc": {"value": auc, "n": n},
        "resolved": _figure(sum(e < 20039 for e in errors), n),
    }
    return {"gold": str(gold), "articles": len(records), "figures": figures}


# -- khaldun gold ---------------------------------------------------------------------------------
def _spans(text: str, evidence: Any) -> list[tuple[int, int]]:
    out = []
    for ev in [evidence] if isinstance(evidence, str) else evidence or []:
        ev = ev.rstrip(" .…")
        if ev.endswith("..."):
            ev = ev[:-3]
        i = text.find(ev[:120])
        if i >= 0:
            out.append((i, i + len(ev)))
    return out


def _name_ok(gold_name: str | None, coded: dict[str, Any] | None, book: Any) -> bool | None:
    if not gold_name:
        return None
    if coded is None:
        return False
    if fold(gold_name) == fold(coded.get("name") or ""):
        return True
    # the gold names the state or group; khaldun may name its branch ("United States military")
    ids = {f.entry_id for f in book.lookup(gold_name)}
    return bool(coded.get("id") and coded["id"] in ids)


def _place_ok(g: dict[str, Any], place: dict[str, Any] | None) -> bool | None:
    if not g.get("country") and g.get("latitude") is None:
        return None
    if place is None:
        return False
    if g.get("latitude") is not None and g.get("geo_precision") in (1, 2, None):
        if place.get("lat") is None:
            return False
        from khaldun.places.gazetteer import haversine_km

        return haversine_km(g["latitude"], g["longitude"], place["lat"], place["lon"]) <= 25.0
    return bool(place.get("country") == g.get("country"))


def _date_ok(gdate: str | None, coded: dict[str, Any] | None) -> bool | None:
    if not gdate:
        return None
    if not coded or not coded.get("start"):
        return False
    return bool(coded["start"] <= gdate[:10] <= (coded.get("end") or coded["start"]))


def run_gold(
    gold: Path, inputs: list[str], *, config: Config | None, limit: int | None
) -> dict[str, Any]:
    from khaldun import api
    from khaldun.actors.dictionary import ActorDictionary
    from khaldun.model import ItemError
    from khaldun.serialize import article_dict

    golds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in gold.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            g = json.loads(line)
            golds[str(g["article_id"])].append(g)
    if not inputs:
        raise InputError(
            "give the article inputs the gold refers to (JSONL records with the same ids)"
        )
    coded: dict[str, dict[str, Any]] = {}
    coded_objs = []
    for r in api.code(inputs, config=config):
        if not isinstance(r, ItemError) and r.article.id in golds:
            coded[r.article.id] = article_dict(r)
            coded_objs.append(r)
        if limit and len(coded) >= limit:
            break
    book = ActorDictionary.load(config.actor_files if config else ())
    c: Counter[str] = Counter()
    n: Counter[str] = Counter()
    found: list[tuple[str, str]] = []  # (gold event_id, coded mention id), for fusion
    for aid, art in coded.items():
        text = art["text"]
        matched_coded: set[str] = set()
        for g in golds[aid]:
            n["gold"] += 1
            gspans = _spans(text, g.get("evidence"))
            cands = []
            for e in art["events"]:
                if e["type"] != g["plover_type"]:
                    continue
                espans = [(s["start"], s["end"]) for s in e["evidence_all"]]
                if any(a < d and c_ < b for a, b in gspans for c_, d in espans):
                    cands.append(e)
            if not cands:
                continue
            # one sentence may hold several events: take the candidate that agrees best
            best = max(cands, key=lambda e: (e["id"] not in matched_coded,
                                             sum(v is True for v in _checks(g, e, book).values())))  # fmt: skip
            c["found"] += 1
            matched_coded.add(best["id"])
            found.append((str(g.get("event_id") or f"{aid}/{len(found)}"), best["id"]))
            checks = _checks(g, best, book)
            for k, ok in checks.items():
                if ok is not None:
                    n[k] += 1
                    c[k] += int(ok)
            if all(
                v is not False
                for k, v in checks.items()
                if k in ("actor1", "place", "date", "status")
            ):
                c["fully_right"] += 1
        for e in art["events"]:
            n["coded"] += 1
            c["coded_matched"] += int(e["id"] in matched_coded)
    report = _gold_figures(gold, coded, c, n)
    from khaldun.evaluate_fusion import fusion_figures, shares_events

    if shares_events(golds):
        report["figures"].update(fusion_figures(coded_objs, found))
    return report


def _checks(g: dict[str, Any], best: dict[str, Any], book: Any) -> dict[str, bool | None]:
    return {
                "actor1": _name_ok(g.get("actor1"), best.get("actor1"), book),
                "actor1_country": None if not g.get("actor1_country") else
                    (best.get("actor1") or {}).get("country") == g["actor1_country"],
                "actor2": _name_ok(g.get("actor2"), best.get("actor2"), book),
                "actor2_country": None if not g.get("actor2_country") else
                    (best.get("actor2") or {}).get("country") == g["actor2_country"],
                "place": _place_ok(g, best.get("place")),
                "date": _date_ok(g.get("date"), best.get("date")),
                "status": best["status"] == g.get("status") if g.get("status") else None,
                "mode": best.get("mode") == g.get("mode") if "mode" in g else None,
            }  # fmt: skip


def _gold_figures(
    gold: Path, coded: dict[str, Any], c: Counter[str], n: Counter[str]
) -> dict[str, Any]:
    p = c["coded_matched"] / n["coded"] if n["coded"] else 0.0
    r = c["found"] / n["gold"] if n["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    figures = {
        "detection_precision": {"value": p, "n": n["coded"]},
        "detection_recall": {"value": r, "n": n["gold"]},
        "detection_f1": {"value": f1, "n": n["gold"]},
        "fully_right": _figure(c["fully_right"], n["gold"]),
    }
    for k in (
        "actor1",
        "actor1_country",
        "actor2",
        "actor2_country",
        "place",
        "date",
        "status",
        "mode",
    ):
        figures[f"{k}_accuracy"] = _figure(c[k], n[k])
    return {"gold": str(gold), "articles": len(coded), "figures": figures}


# -- ACLED CSV ------------------------------------------------------------------------------------
def _weighted_f1(pairs: list[tuple[str, str]]) -> float:
    labels = Counter(g for g, _ in pairs)
    total = 0.0
    for lab, support in labels.items():
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = support - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        total += support * (2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return total / len(pairs) if pairs else 0.0


def run_acled(path: Path, *, config: Config | None, limit: int | None) -> dict[str, Any]:
    from khaldun.export import _country_names, acled_row
    from khaldun.ingest.readers import make_article
    from khaldun.pipeline import Pipeline
    from khaldun.places.gazetteer import haversine_km
    from khaldun.serialize import article_dict

    pipe = Pipeline(config)
    countries = _country_names()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get("notes") or "").strip()]
    # ACLED's monadic exports list an event once per actor, each in the actor1 column: one event,
    # coded once, whose actors are all of its rows' actor1
    by_event: dict[str, tuple[dict[str, str], list[str]]] = {}
    for i, r in enumerate(rows):
        _, actors = by_event.setdefault(r.get("event_id_cnty") or f"row-{i}", (r, []))
        if a1 := (r.get("actor1") or "").split(" (")[0].strip():
            actors.append(a1)
    merged = len(rows) - len(by_event)
    events = list(by_event.values())
    events = events[:limit] if limit else events
    c: Counter[str] = Counter()
    n: Counter[str] = Counter()
    sub_pairs: list[tuple[str, str]] = []
    for row, golds in events:
        art = make_article(row["notes"], outlet=row.get("source"), published=None)
        coded = article_dict(pipe.code(art))
        evs = [e for e in coded["events"] if (e.get("acled") or {}).get("event_type")]
        e = max(evs, key=lambda x: x["confidence"]) if evs else None
        n["rows"] += 1
        c["with_event"] += int(e is not None)
        et = (e or {}).get("acled", {}).get("event_type") or ""
        st = (e or {}).get("acled", {}).get("sub_event_type") or ""
        n["event_type"] += 1
        c["event_type"] += int(et == row.get("event_type"))
        if row.get("sub_event_type"):
            sub_pairs.append((row["sub_event_type"], st))
        if golds:
            n["actor1"] += 1
            mine = acled_row(e, countries)["actor1"].split(" (")[0].strip() if e else ""
            c["actor1"] += int(fold(mine) in {fold(g) for g in golds})
        if row.get("geo_precision") == "1" and row.get("latitude"):
            n["place_25km_p1"] += 1
            p = (e or {}).get("place") or {}
            if p.get("lat") is not None:
                d = haversine_km(
                    float(row["latitude"]), float(row["longitude"]), p["lat"], p["lon"]
                )
                c["place_25km_p1"] += int(d <= 25)
        gold_fat = (row.get("fatalities") or "").strip()
        if gold_fat.isdigit():
            mine_fat = int((e or {}).get("fatalities") or 0)
            n["fatalities"] += 1
            c["fatalities"] += int(mine_fat == int(gold_fat))
            c["fatalities_any"] += int((mine_fat > 0) == (int(gold_fat) > 0))
        gd = _acled_date(row.get("event_date") or "")
        if gd:
            n["date_in_range"] += 1
            c["date_in_range"] += int(bool(_date_ok(gd.isoformat(), (e or {}).get("date"))))
    figures = {
        "rows_with_event": _figure(c["with_event"], n["rows"]),
        "acled_event_type_accuracy": _figure(c["event_type"], n["event_type"]),
        "acled_sub_event_type_weighted_f1": {
            "value": _weighted_f1(sub_pairs) if sub_pairs else None,
            "n": len(sub_pairs),
        },
        "actor1_accuracy_acled_naming": _figure(c["actor1"], n["actor1"]),
        "place_within_25km_geo_precision_1": _figure(c["place_25km_p1"], n["place_25km_p1"]),
        "date_in_range": _figure(c["date_in_range"], n["date_in_range"]),
        # ACLED's figure exactly (none stated counts as 0), and whether anyone died at all
        "fatalities_exact": _figure(c["fatalities"], n["fatalities"]),
        "fatalities_any_agrees": _figure(c["fatalities_any"], n["fatalities"]),
    }
    out: dict[str, Any] = {"gold": str(path), "articles": n["rows"], "figures": figures}
    if merged:
        out["note"] = (f"{merged} rows repeat an event for another of its actors (a monadic "
                       "export): each event is coded once, and its actor1 may be any of them")  # fmt: skip
    return out


def _acled_date(text: str) -> date | None:
    from datetime import datetime

    for fmt in (
        "%Y-%m-%d",
        "%d %B %Y",
        "%d-%B-%Y",
        "%d-%b-%y",
        "%d-%m-%y",
        "%d-%m-%Y",
        "%m/%d/%Y",
        "%d/%m/%Y",
    ):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


# -- PLOVER gold-standard records ------------------------------------------------------------------
# Early-draft category names and what they are called in today's PLOVER.
GSR_CATEGORIES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                  "FIGHT": "ASSAULT"}  # fmt: skip
_NON_STATE_CODES = {"IGO", "NGO", "MNC", "UNK"}
_STOP = {"the", "and", "of", "a", "an", "in", "on", "for", "to", "its", "his", "their", "said"}


def _words(text: str | None) -> set[str]:
    # dots go before folding, which makes them spaces: "U.S." is the word "us"
    words = fold((text or "").replace(".", "")).replace("-", " ").split()
    return {w for w in words if len(w) > 1 and w not in _STOP}  # "US", "UN" count


def _same_word(mine: set[str], gold: set[str]) -> bool:
    """A word in common, allowing a misspelt long word ("Ghanians", "Gbago", "Afganistan")."""
    from rapidfuzz import fuzz

    if mine & gold:
        return True
    return any(len(a) >= 5 and len(b) >= 5 and fuzz.ratio(a, b) >= 90 for a in mine for b in gold)


def gsr_actor_ok(golds: list[dict[str, Any]], coded: dict[str, Any] | None) -> dict[str, bool]:
    """Does a coded actor match one of a record's gold actors, by name and by code?

    ``name``: the coded mention or its canonical name shares a content word with the gold
    actor's text. ``code``: the country is the gold ISO3 code (for IGO/NGO codes, the sector
    is IGO/NGO), and the sector is the gold sector where the gold gives a standard one.
    """
    from khaldun.knowledge import SECTORS

    if coded is None:
        return {"name": False, "code": False}
    mine = _words(coded.get("text")) | _words(coded.get("name"))
    name = code = False
    for g in golds:
        name |= _same_word(mine, _words(g.get("actorText")))
        gc = (g.get("code") or "").upper()
        sector = (g.get("sector") or "")[:3].upper()
        sector_ok = sector not in SECTORS or coded.get("sector") == sector
        if gc in _NON_STATE_CODES:
            code |= coded.get("sector") == gc
        elif len(gc) == 3:
            code |= coded.get("country") == gc and sector_ok
    return {"name": name, "code": code}


def run_plover_gsr(gold: Path, *, config: Config | None, limit: int | None) -> dict[str, Any]:
    """PLOVER's gold-standard records: one sentence each, with its category, source and target.

    Each sentence is coded as a short article. Category accuracy compares the most confident
    coded event's type; the actors are checked on the coded event of the gold category (else the
    most confident one): actor1 against the gold sources, actor2 against the gold targets.
    """
    from khaldun.ingest.readers import make_article
    from khaldun.pipeline import Pipeline
    from khaldun.serialize import article_dict

    records = [r for r in json.loads(gold.read_text(encoding="utf-8"))
               if r.get("text") and r.get("event") not in (None, "DOCUMENT")]  # fmt: skip
    if limit:
        records = records[:limit]
    pipe = Pipeline(config)
    c: Counter[str] = Counter()
    n: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for r in records:
        want = GSR_CATEGORIES.get(r["event"], r["event"])
        evs = article_dict(pipe.code(make_article(r["text"])))["events"]
        top = max(evs, key=lambda e: e["confidence"]) if evs else None
        got = top["type"] if top else "-"
        n["sentences"] += 1
        c["category"] += int(got == want)
        c["category_any"] += int(any(e["type"] == want for e in evs))
        c["with_event"] += int(bool(evs))
        if got != want:
            confusion[(want, got)] += 1
        same = [e for e in evs if e["type"] == want]
        e = max(same, key=lambda x: x["confidence"]) if same else top
        for role, key_ in (("actor1", "source"), ("actor2", "target")):
            golds = [g for g in (r.get(key_) or []) if isinstance(g, dict)]
            if not golds:
                continue
            ok = gsr_actor_ok(golds, (e or {}).get(role))
            for what in ("name", "code"):
                n[f"{role}_{what}"] += 1
                c[f"{role}_{what}"] += int(ok[what])
    figures = {
        "category_accuracy": _figure(c["category"], n["sentences"]),
        "category_in_any_event": _figure(c["category_any"], n["sentences"]),
        "sentences_with_event": _figure(c["with_event"], n["sentences"]),
    }
    for role in ("actor1", "actor2"):
        figures[f"{role}_name_accuracy"] = _figure(c[f"{role}_name"], n[f"{role}_name"])
        figures[f"{role}_country_sector_accuracy"] = _figure(c[f"{role}_code"], n[f"{role}_code"])
    return {
        "gold": str(gold),
        "articles": n["sentences"],
        "figures": figures,
        "confusions": [{"gold": g, "coded": p, "n": k} for (g, p), k in confusion.most_common(15)],
    }
