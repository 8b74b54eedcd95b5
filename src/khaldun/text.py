"""Text normalisation shared by the dictionary matchers (actors, places, framing)."""

from __future__ import annotations

import functools
import re
import unicodedata

# Arabic article prefixes as transliterated in English news: al-Nujaba, ash-Sham, ad-Din, el-Sisi.
ARTICLES = frozenset(
    ["al", "el", "ad", "ash", "as", "an", "ar", "at", "az", "ath", "adh", "ud", "ul"]
)
_PUNCT = re.compile(r"[\-\u2010-\u2015'’`ʼʻ.()\[\],/&]+")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase, strip diacritics, turn hyphens and apostrophes into spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", _PUNCT.sub(" ", stripped.lower())).strip()


@functools.lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """The lookup key of a name: folded, with Arabic article prefixes dropped between words.

    ``Harakat Hezbollah al-Nujaba``, ``Harakat Hizbullah an-Nujaba`` and ``harakat hezbollah
    nujaba`` share a key, as do ``Deir ez-Zor`` and ``Deir Zor``.
    """
    words = fold(text).split()
    kept = [w for i, w in enumerate(words) if not (w in ARTICLES and i + 1 < len(words))]
    kept = [w for w in kept if w not in ("ez", "es", "ed", "er", "en", "et")] or kept
    return " ".join(kept)


def is_acronym(alias: str) -> bool:
    """Short all-caps aliases ("IRI", "US", "IS") must match with their case."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)
