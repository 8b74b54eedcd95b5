"""Where an outlet reports from: its home country, a weak prior for reading an article.

A national or local outlet mostly reports its own country's news: a village name in a Kenyan
paper is more likely the Kenyan village, and a report that names no place at all most likely
happened in Kenya. The prior comes from the outlets file (``data/sources/outlets.yaml``), from
the outlet's own name when it says its country ("Star (Kenya)", "Kenyan Television NTV",
"United News of Bangladesh"), or from the country-code domain of the article's URL. International
wires and broadcasters give none, and neither does an outlet string naming several outlets of
different countries.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from khaldun.knowledge import OutletFile, data_path, read_yaml, short, validate
from khaldun.text import key

# country-code domains used for anything but their country
_GENERIC_TLDS = frozenset({"io", "co", "tv", "me", "fm", "ai", "ly", "gg", "am", "to", "ws", "cc",
                           "eu", "us", "uk", "info"})  # fmt: skip
_UNKNOWN = "?"


@functools.cache
def outlets() -> OutletFile:
    path = data_path("sources", "outlets.yaml")
    return validate(OutletFile, read_yaml(path), short(path))


@functools.cache
def _names() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for o in outlets().outlets:
        for n in (o.name, *o.aliases):
            out[key(n)] = o.country
    return out


@functools.cache
def _domains() -> dict[str, str | None]:
    return {d.lower(): o.country for o in outlets().outlets for d in o.domains}


def _state(words: str) -> str | None:
    """The state a name or adjective names ("Kenya", "Kenyan"), from the actor dictionary."""
    from khaldun.actors.dictionary import ActorDictionary

    book = ActorDictionary.load()
    for f in book.lookup(words):
        e = book.entries[f.entry_id]
        if e.kind == "state" and f.form in ("name", "alias", "adjective"):
            return e.country
    return None


@functools.cache
def _outlet_country(name: str) -> str | None:
    """One outlet's country; None for an international one; ``_UNKNOWN`` when nothing says."""
    bracket = re.search(r"\(([^()]+)\)\s*$", name)
    if bracket and (iso := _state(bracket.group(1))):
        return iso  # "Star (Kenya)": ACLED's way of naming a national outlet
    k = key(name)
    if k in _names():
        return _names()[k]
    words = name.replace("(", " ").replace(")", " ").split()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            if iso := _state(" ".join(words[i : i + n])):
                return iso  # "Kenyan Television NTV", "United News of Bangladesh"
    return _UNKNOWN


def _url_country(url: str | None) -> str | None:
    host = (urlsplit(url).hostname or "").lower() if url else ""
    if not host:
        return None
    domains = _domains()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        if (d := ".".join(parts[i:])) in domains:
            return domains[d]
    tld = parts[-1]
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=tld.upper())
    return c.alpha_3 if c else None


def home_country(outlet: str | None, url: str | None = None) -> str | None:
    """The country an outlet reports from, or None when it is international or unknown."""
    found: set[str] = set()
    unknown = True
    for part in (p.strip() for p in (outlet or "").split(";")):
        if not part:
            continue
        c = _outlet_country(part)
        if c == _UNKNOWN:
            continue
        unknown = False
        if c is not None:
            found.add(c)
    if len(found) == 1:
        return next(iter(found))
    if found or not unknown:
        return None  # several countries, or an international outlet
    return _url_country(url)
