"""Remove outlet boilerplate (breadcrumb trail, footer) from the text that is coded.

The coded text is one contiguous slice of the input, so every offset in it maps back to the
input by a constant shift; what was removed is kept as the article's metadata.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from khaldun.knowledge import data_path, read_yaml


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    offset: int  # where ``text`` starts in the input
    breadcrumbs: tuple[str, ...]
    removed: tuple[str, ...]


@functools.cache
def _rules() -> tuple[list[re.Pattern[str]], re.Pattern[str]]:
    data = read_yaml(data_path("ingest", "boilerplate.yaml"))
    footers = [re.compile(p, re.IGNORECASE) for p in data["footer_lines"]]
    seps = "|".join(re.escape(s) for s in data["breadcrumb_separators"])
    crumb = re.compile(rf"^\s*[^\n]{{1,40}}?(\s+(?:{seps})\s+[^\n]{{1,40}}?)+\s*$")
    return footers, crumb


def clean(raw: str) -> Cleaned:
    footers, crumb = _rules()
    lines = raw.splitlines(keepends=True)
    start, removed = 0, []
    crumbs: tuple[str, ...] = ()
    # leading breadcrumb trail ("News / Iraq / Palestine")
    for i, line in enumerate(lines[:3]):
        if not line.strip():
            continue
        if (
            crumb.match(line.rstrip("\n"))
            and len(line.split()) <= 12
            and not line.rstrip().endswith(".")
        ):
            seps = r"\s+[/>»|›]\s+"
            crumbs = tuple(s.strip() for s in re.split(seps, line.strip()) if s.strip())
            removed.append(line.strip())
            start = sum(len(x) for x in lines[: i + 1])
        break
    # footer: the first boilerplate line in the last half of the text, and all after it
    end = len(raw)
    pos = 0
    for line in lines:
        if pos >= len(raw) // 2 and any(p.search(line.strip()) for p in footers):
            removed.append(raw[pos:].strip())
            end = pos
            break
        pos += len(line)
    body = raw[start:end]
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    return Cleaned(body, start + lead, crumbs, tuple(removed))
