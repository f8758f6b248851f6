"""Cleaning scraped article text (being written: see tests/test_clean.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CleanedText:
    """Clean text plus the metadata found in (and removed from) the raw text."""

    text: str
    author: str | None = None
    published: dt.date | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def clean_text(raw: str) -> CleanedText:
    return CleanedText(text=raw.strip())
