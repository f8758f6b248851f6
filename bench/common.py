"""Shared bits of the benchmarks: where the evaluation data lives, peak memory."""

from __future__ import annotations

import gzip
import itertools
import json
import resource
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ALLSIDES = SHARED / "eval" / "allsides" / "articles.jsonl.gz"


def first_allsides_lines(n: int) -> list[str]:
    """The first `n` lines of the AllSides corpus, as JSON Lines text."""
    if not ALLSIDES.exists():
        raise SystemExit(f"{ALLSIDES}: not found (../shared/eval must be beside the project)")
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as lines:
        return list(itertools.islice(lines, n))


def allsides_records(n: int) -> list[dict]:
    return [json.loads(line) for line in first_allsides_lines(n)]


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024
