"""Quotation-mark regions: where verbatim speech begins and ends in the text.

Quote marks are paired per paragraph, the way news copy uses them: curly marks by
their direction (``` `` ``` and `‘‘` open, `’’` closes: doubled single marks, as
some copy closes a quote), straight ones (`"`, and `''` in converted copy) by
alternation. A paragraph left open whose successor opens with a quote mark goes on in
it (the convention for a quote running over several paragraphs). Unbalanced marks
degrade instead of failing: an opener never closed ends at its paragraph's end, a
closer with no opener starts the region at its paragraph's start, and a curly mark
curled the wrong way is read by its place (`_as_placed`). Single curly quotes
(‘…’) count only where they are plainly marks (not apostrophes) and outside a double
quote, as headlines use them; inside one they are nested quotes, part of the outer. A
lone ’ after a word is the apostrophe of a plural possessive ("the boards’ views"), so
a single closer with no opener is no quote at all.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

_DOUBLE = re.compile(r"''|``|‘‘|’’|[“”„\"«»]")
#: ‘ at a word start and ’ at a word end; an apostrophe inside a word (don’t) is neither,
#: nor a mark doubled (a double mark).
_SINGLE = re.compile(r"(?<![\w’'‘])‘(?=[^\s‘])|(?<=[\w.,!?;:—])’(?![\w’])")
_OPENERS = {"“", "„", "«", "``", "‘‘", "‘"}
_CLOSERS = {"”", "»", "’’", "’"}
_PUNCT = " ,.;:!?'’\"“”‘"
_PARAGRAPH = re.compile(r"[^\n]+")


class Region(NamedTuple):
    """A quoted stretch [start, end), its marks included."""

    start: int
    end: int


def _pair(text: str, start: int, end: int, pattern: re.Pattern, carried: int | None,
          orphans: bool) -> tuple[list[Region], int | None]:
    """Regions of one paragraph; returns them and the start of one left open.

    `carried` is the start of a quote going on from the previous paragraph: this
    paragraph's first mark reopens it rather than starting a new one. A closer with
    no opener starts a region at the paragraph's start only if `orphans`.
    """
    regions = []
    opened = carried
    marks = pattern.finditer(text, start, end)
    if carried is not None:
        next(marks, None)
    for mark in marks:
        symbol = _as_placed(text, mark, end)
        if symbol in _OPENERS or (symbol not in _CLOSERS and opened is None):
            if opened is not None:
                regions.append(Region(opened, mark.start()))  # never closed: ends here
            opened = mark.start()
        elif opened is not None or orphans:
            regions.append(Region(start if opened is None else opened, mark.end()))
            opened = None
    return regions, opened


def _as_placed(text: str, mark: re.Match, end: int) -> str:
    """A curly double mark as its place shows it used: one set against the word
    before it and followed by a space closes, whichever way it curls ("that was not a
    good friendship,“ Trump said"); one after a space and against the word after it
    opens ("called it ”a farce”"). Copy typed with the wrong key otherwise leaves
    the narration after it inside the quote."""
    symbol = mark.group()
    if symbol not in ("“", "”"):
        return symbol
    before = text[mark.start() - 1] if mark.start() > 0 else " "
    after = text[mark.end()] if mark.end() < end else " "
    if symbol == "“" and not before.isspace() and before not in "([—–-" and after.isspace():
        return "”"
    if symbol == "”" and before.isspace() and after.isalnum():
        return "“"
    return symbol


def _regions(text: str, pattern: re.Pattern, orphans: bool = True) -> list[Region]:
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)
                  if not m.group().isspace()]
    regions: list[Region] = []
    opened = None
    for k, (start, end) in enumerate(paragraphs):
        found, opened = _pair(text, start, end, pattern, opened, orphans)
        regions.extend(found)
        if opened is None:
            continue
        following = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else None
        first = pattern.match(text, following) if following is not None else None
        if first is None or first.group() in _CLOSERS:
            regions.append(Region(opened, end))
            opened = None
        # else: the quote goes on; the next paragraph's opening mark is not a new one
    return regions


def quote_regions(text: str) -> list[Region]:
    """Every quoted region of `text`, in order, nested quotes folded into the outer.

    Notes:
        Follows the pairing rules news style guides state (AP: a quote running over
        paragraphs has no closing mark until its last paragraph, each new paragraph
        reopening it); anything else unbalanced degrades to the paragraph's edge.
    """
    double = _regions(text, _DOUBLE)
    single = [r for r in _regions(text, _SINGLE, orphans=False)
              if not _inside(double, r.start)]
    return sorted(double + single)


def _inside(regions: list[Region], offset: int) -> bool:
    k = bisect.bisect_right(regions, (offset, float("inf"))) - 1
    return k >= 0 and regions[k].start < offset < regions[k].end


class QuoteIndex:
    """Quote regions of a text with fast "which region holds this offset?" look-ups."""

    def __init__(self, text: str):
        self.text = text
        self.regions = quote_regions(text)
        self._starts = [r.start for r in self.regions]

    def containing(self, offset: int) -> Region | None:
        """The region strictly holding `offset` (its marks excluded), or None."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and self.regions[k].start < offset < self.regions[k].end - 1:
            return self.regions[k]
        return None

    def after(self, offset: int, limit: int) -> Region | None:
        """The first region starting in [offset, limit)."""
        k = bisect.bisect_left(self._starts, offset)
        if k < len(self.regions) and self.regions[k].start < limit:
            return self.regions[k]
        return None

    def before(self, offset: int, floor: int) -> Region | None:
        """The last region ending in (floor, offset]."""
        k = bisect.bisect_right(self._starts, offset) - 1
        while k >= 0 and self.regions[k].end > offset:
            k -= 1
        if k >= 0 and self.regions[k].end > floor:
            return self.regions[k]
        return None

    def mark_between(self, start: int, end: int) -> bool:
        """Whether a double quote mark lies in [start, end)."""
        return _DOUBLE.search(self.text, start, end) is not None

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """`start`/`end` moved out to the marks of a quote they fall just inside of.

        A parse subtree of quoted words stops short of the marks (and of a final
        comma before the closing one); the content is the whole quotation.
        """
        inside = self.containing(start)
        if inside is not None and not self.text[inside.start + 1:start].strip(_PUNCT):
            start = inside.start
        inside = self.containing(max(start, end - 1))
        if inside is not None and not self.text[end:inside.end - 1].strip(_PUNCT):
            end = inside.end
        return start, end
