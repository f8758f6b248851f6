"""Where a rule-based extractor's patterns can match, found from the parse's tokens.

Quantities and time expressions are rare in a text, but their patterns (number
words, month names, "last"/"next"…) are long alternations that Python's regex
engine would try at every character. Every match holds a digit or one of a few
trigger words, so the tokens spaCy already made are looked up in bulk
(`Doc.to_array`, one vectorised membership test) and the patterns run only in
small windows around the triggers: the same matches at a fraction of the cost.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

_DIGITS = re.compile(r"\d+")


def word_ids(words: Iterable[str]) -> np.ndarray:
    """The lower-case string ids of `words`, for `windows`."""
    return np.array(sorted({get_string_id(w.lower()) for w in words}), dtype=np.uint64)


def trigger_tokens(doc: Doc, words: np.ndarray) -> np.ndarray:
    """Indices of the tokens of `doc` whose lower-case form is one of `words`."""
    if not len(doc):
        return np.empty(0, dtype=np.int64)
    lower = doc.to_array(LOWER).astype(np.uint64)
    return np.flatnonzero(np.isin(lower, words))


def windows(doc: Doc, text: str, words: np.ndarray, *, before: int, after: int
            ) -> list[tuple[int, int]]:
    """Disjoint character windows, in order, around every digit run and every token
    of `words` in `doc`: `before` characters ahead of it and `after` past it.

    `text` is `doc.text`, passed in because spaCy rebuilds it from the tokens at
    every access.
    """
    spans = [m.span() for m in _DIGITS.finditer(text)]
    hits = trigger_tokens(doc, words)
    if len(hits):
        table = doc.to_array([IDX, LENGTH])[hits]
        spans.extend(zip(table[:, 0].tolist(), (table[:, 0] + table[:, 1]).tolist()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = max(0, start - before), min(len(text), end + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def finditer(pattern: re.Pattern, text: str, spans: list[tuple[int, int]]
             ) -> Iterable[re.Match]:
    """`pattern.finditer` over the windows `spans` of `text`, in order."""
    for start, end in spans:
        yield from pattern.finditer(text, start, end)
