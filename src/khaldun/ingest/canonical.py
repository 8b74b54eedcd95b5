"""What makes two copies of an article the same: a canonical URL and a hash of the coded text."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# query parameters that track the reader, not the article
TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|mc_[a-z]+|cmpid|ocid|ref|ref_src|src|"
                      r"smid|share|output|amp|at_[a-z_]+|__twitter_impression)$", re.I)  # fmt: skip
_SPACE = re.compile(r"\s+")


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no ``www.``, no fragment, no tracking parameters, no trailing
    slash, the remaining parameters sorted: ``https://WWW.x.org/a/?utm_source=t#top`` ->
    ``https://x.org/a``."""
    if not url or "://" not in url:
        return url or None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not TRACKING.match(k))  # fmt: skip
    path = re.sub(r"/(amp|index\.html?)$", "", parts.path).rstrip("/") or "/"
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def content_hash(text: str) -> str:
    """The hash of an article's coded text with its whitespace collapsed."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()
