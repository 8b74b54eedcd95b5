"""Pairwise fusion scores: do the mentions of one real-world event end in one fused event?

Gold in khaldun's gold format marks the same real-world event across articles with the same
``event_id``. Each gold event of an article that the coder found (same type, overlapping
evidence) is one mention; the coded articles are stored in a fresh store, which fuses them as
ingestion does. Over every pair of found gold mentions: a pair is *gold-same* when the event ids
are equal and *fused-same* when their coded mentions ended in the same fused event. Precision is
fused-same pairs that are gold-same, recall is gold-same pairs that are fused-same. A *mixed*
fused event holds found mentions of two or more gold events.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from khaldun.model import CodedArticle


def shares_events(golds: dict[str, list[dict[str, Any]]]) -> bool:
    """Does some event_id occur in two articles (is there anything to fuse)?"""
    seen: dict[str, set[str]] = defaultdict(set)
    for aid, gs in golds.items():
        for g in gs:
            if g.get("event_id"):
                seen[str(g["event_id"])].add(aid)
    return any(len(v) > 1 for v in seen.values())


def fusion_figures(coded: Iterable[CodedArticle],
                   found: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:  # fmt: skip
    """``found``: (gold event_id, coded mention id) for every gold mention the coder found."""
    from khaldun.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "fusion.db"))
        for c in sorted(coded, key=lambda c: (c.article.published or c.article.id, c.article.id)):
            store.add(c)
        fused_of = {e["id"]: e["event_id"] for e in store.events()}
        n_events = store.counts(all_tables=True)["fused_events"]
        store.engine.dispose()
    items = [(gid, fused_of.get(mid)) for gid, mid in found]
    tp = fp = fn = 0
    for (g1, f1), (g2, f2) in combinations(items, 2):
        same_gold, same_fused = g1 == g2, f1 is not None and f1 == f2
        tp += same_gold and same_fused
        fp += same_fused and not same_gold
        fn += same_gold and not same_fused
    by_fused: dict[str, set[str]] = defaultdict(set)
    for gid, fid in items:
        if fid:
            by_fused[fid].add(gid)
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f1 = 2 * p * r / (p + r) if p and r else None
    mixed = sum(len(v) > 1 for v in by_fused.values())
    gold_multi = defaultdict(set)
    for gid, fid in items:
        gold_multi[gid].add(fid)
    return {
        "fusion_pairwise_precision": {"value": p, "n": tp + fp},
        "fusion_pairwise_recall": {"value": r, "n": tp + fn},
        "fusion_pairwise_f1": {"value": f1, "n": tp + fp + fn},
        "fusion_pure_events": {
            "value": 1 - mixed / len(by_fused) if by_fused else None,
            "n": len(by_fused),
        },
        "fusion_mixed_events": {"value": float(mixed), "n": len(by_fused)},
        "fusion_gold_events_in_one_event": {
            "value": sum(len(v) == 1 for v in gold_multi.values()) / len(gold_multi)
            if gold_multi
            else None,
            "n": len(gold_multi),
        },
        "fused_events_stored": {"value": float(n_events), "n": len(items)},
    }
