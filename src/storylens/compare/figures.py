"""Figures: whether two statements give different values for one measure.

Used by `compare.conflicts` (a number conflict inside a fact) and by
`compare.align` (statements whose counts disagree are not one fact unless they are
close enough for the conflict to be shown). A difference is real only beyond
rounding: "$43 million" and "$43,885,310" agree, since the rounder figure is only
good to a million, and "35.7 percent" agrees with a statement that writes "35.72".
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Iterable

from ..model import Quantity
from ..understand.quantities import is_count, unit_key

#: Relative difference of two values that is more than rounding.
ROUNDING = 0.02
_NUMERAL = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _written_figures(text: str) -> list[tuple[float, float]]:
    """Each figure written in digits in `text`, with what it is good to: one unit of
    its last digit, or of its last digit before the zeros of a round hundred or more
    ("35.7": 0.1; "1,500": a hundred; "12" and "40": one)."""
    figures = []
    for numeral in _NUMERAL.finditer(text):
        digits = numeral.group(0).replace(",", "")
        if numeral.group(1):
            step = 10.0 ** -len(numeral.group(1))
        elif float(digits) >= 100:
            step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
        else:
            step = 1.0
        figures.append((float(digits), step))
    return figures


def _precision(quantity: Quantity) -> float:
    """What a quantity is good to, in its value's terms ("$43 million": a million;
    "35.7 percent": 0.001), 0 for numbers in words."""
    figures = _written_figures(quantity.text)
    if not figures or not figures[-1][0] or quantity.value is None:
        return 0.0
    number, step = figures[-1]
    return abs(quantity.value / number) * step


#: Words before a figure that make it a bound or an estimate, and the interval they
#: make of a value v: "more than 30" and "32" agree, "nearly 20" and "23" do not.
_QUALIFIERS = {
    "above": (1, None), "over": (1, None), "more than": (1, None),
    "greater than": (1, None), "higher than": (1, None), "in excess of": (1, None),
    "upwards of": (1, None), "at least": (1, None), "no fewer than": (1, None),
    "no less than": (1, None), "a minimum of": (1, None),
    "under": (None, 1), "below": (None, 1), "less than": (None, 1), "fewer than": (None, 1),
    "at most": (None, 1), "no more than": (None, 1), "as many as": (None, 1),
    "a maximum of": (None, 1),
    "nearly": (0.9, 1), "almost": (0.9, 1), "close to": (0.9, 1), "just under": (0.9, 1),
    "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1), "some": (0.9, 1.1), "an estimated": (0.9, 1.1),
    "estimated": (0.9, 1.1)}
_OTHERS = re.compile(r"\bothers?\b", re.IGNORECASE)
#: A name joined to a count ("The United States and five world powers"), which the
#: count may leave out.
_NAMED_BESIDE = re.compile(r"\b[A-Z][\w.'’-]*\s+and\s+$")
#: Words after a figure that make it a running tally ("& counting", "so far").
_RUNNING = re.compile(r"\W*(?:\w+\W+){0,2}?(?:(?:and|&)\s+counting|so\s+far)\b", re.IGNORECASE)
_QUALIFIER = re.compile(r"\b(" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True))
                        + r")\s+$", re.IGNORECASE)


def interval(quantity: Quantity, preceding: str = "") -> tuple[float, float]:
    """The values a quantity allows, given the words before it (`preceding`): its
    value, or the range it gives ("between 10 and 12"), or what a bound or an
    estimate makes of it ("more than 30": above 30; "about 1,500": within a tenth).
    A count of others ("Stevens and three other Americans") leaves out whoever is
    named beside it, whom another outlet's count may or may not take in ("four
    Americans" agrees, and so does "the two remaining states" with "two other
    states"): it bounds the count from below; so does a count with a name joined
    to it ("the United States and five world powers" / "six world powers led by
    the United States")."""
    if quantity.value is None:
        return -math.inf, quantity.upper if quantity.upper is not None else math.inf
    if _OTHERS.search(quantity.text) or _NAMED_BESIDE.search(preceding[-30:]):
        return quantity.value, math.inf
    low, high = quantity.value, quantity.upper if quantity.upper is not None else quantity.value
    qualifier = _QUALIFIER.search(preceding[-30:])
    if qualifier is None:
        return low, high
    below, above = _QUALIFIERS[qualifier.group(1).lower()]
    return (low * below if below is not None else -math.inf,
            high * above if above is not None else math.inf)


def values_differ(first: Quantity, second: Quantity, before_first: str = "",
                  before_second: str = "", after_first: str = "", after_second: str = ""
                  ) -> bool:
    """Two values of one unit that differ by more than rounding: the values they
    allow (`interval`, given the words before each) lie apart by more than the
    coarser figure is good to, and by more than `ROUNDING` of the larger. A running
    tally (the words after it: "$3.2 million & counting", "so far") differs from
    no other reading of it, which may have been taken at another moment."""
    if _RUNNING.match(after_first) or _RUNNING.match(after_second):
        return False
    low_first, high_first = interval(first, before_first)
    low_second, high_second = interval(second, before_second)
    gap = max(low_first - high_second, low_second - high_first)
    scale = max(abs(first.value or 0.0), abs(second.value or 0.0), 1e-9)
    return (gap / scale > ROUNDING
            and gap > max(_precision(first), _precision(second)))


def _gives_figure(text: str, quantity: Quantity) -> bool:
    """Does `text` write the figure `quantity` writes, in any unit ("35.72" for
    "35.7 percent")? Then the two statements disagree on no figure, only on which
    they give a unit to."""
    own = _written_figures(quantity.text)
    return bool(own) and any(abs(own[-1][0] - figure) <= max(own[-1][1], precision)
                             for figure, precision in _written_figures(text))


#: A tally of two counts as votes, delegates or seats are given ("leads 672 to 477",
#: "passed 220-207", "a vote of 52 to 48"): after a word of winning, leading or
#: voting (up to three words before it), so that ranges ("from 10 to 20", "ages 18
#: to 24") are not tallies. The numbers carry no unit of their own.
_TALLY = re.compile(
    r"\b(?:lead|leads|led|leading|won|wins|win|beat|beats|defeated|trails?|trailed|"
    r"voted|votes?|passed|approved|rejected|confirmed|ruled|margin|tally|split|"
    r"score|decision)\b(?:\s+[\w’'.-]+){0,3}?\s+"
    r"(\d{1,3}(?:,\d{3})*)\s*(?:to|-|–)\s*(\d{1,3}(?:,\d{3})*)(?![\d,.]*\d|\s*(?:%|percent))",
    re.IGNORECASE)


def _tallies(text: str) -> list[tuple[str, tuple[float, float]]]:
    """Each tally in `text`: its written form and its two counts, larger first."""
    found = []
    for match in _TALLY.finditer(text):
        counts = sorted((float(match.group(i).replace(",", "")) for i in (1, 2)), reverse=True)
        found.append((text[match.start(1):match.end(2)], (counts[0], counts[1])))
    return found


def _disagreeing_tallies(text_a: str, text_b: str) -> tuple[str, str] | None:
    """The two tallies on which statements disagree, each giving exactly one: a
    lead of 672 to 477 is not one of 1,066 to 432."""
    tallies_a, tallies_b = _tallies(text_a), _tallies(text_b)
    if len(tallies_a) != 1 or len(tallies_b) != 1:
        return None
    (written_a, counts_a), (written_b, counts_b) = tallies_a[0], tallies_b[0]
    if any(abs(x - y) / max(x, y, 1e-9) > ROUNDING for x, y in zip(counts_a, counts_b)):
        return written_a, written_b
    return None


def by_unit(quantities: Iterable[Quantity]) -> dict[str, list[Quantity]]:
    """Quantities with a value and a unit, by unit and target year."""
    grouped = defaultdict(list)
    for quantity in quantities:
        if quantity.value is not None and quantity.unit:
            grouped[unit_key(quantity.unit, quantity.year)].append(quantity)
    return grouped


def _before(text: str, quantity: Quantity) -> str:
    """The words of a statement before its quantity."""
    at = text.find(quantity.text)
    return text[:at] if at >= 0 else ""


def _after(text: str, quantity: Quantity) -> str:
    """The words of a statement after its quantity."""
    at = text.find(quantity.text)
    return text[at + len(quantity.text):] if at >= 0 else ""


#: A name set off after a count: "One Democrat, Rep. Jeff Van Drew, announced …",
#: "One Democrat, freshman Rep. Jared Golden of Maine, has said …".
_NAMED_AFTER = re.compile(r",\s+(?:[a-z]+\s+){0,2}(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+")


def _singles_out(text: str, quantity: Quantity) -> bool:
    """Whether a count of one introduces the one it names ("One Democrat, Rep. Jeff
    Van Drew of New Jersey, announced …"): it tells who, not how many (against "two
    Democrats … voted against" it is no other tally)."""
    at = text.find(quantity.text)
    return quantity.value == 1 and at >= 0 and \
        bool(_NAMED_AFTER.match(text, at + len(quantity.text)))


def disagreeing_figures(text_a: str, quantities_a: Iterable[Quantity], text_b: str,
                        quantities_b: Iterable[Quantity], *, counts_only: bool = False
                        ) -> tuple[str, str] | None:
    """The two figures on which statements disagree, or None: each gives exactly one
    quantity of a unit (and target year), the values differ beyond rounding, and
    neither statement writes the other's figure. With `counts_only`, only counts
    (`quantities.is_count`: people, delegates, claims) are compared: the count
    names what it counts, while two sums of money or two shares in one statement
    may well measure different things (a watch and a whole spending spree).
    Tallies ("672 to 477"), whose numbers have no unit, are compared as pairs; a
    count of one that names its one (`_singles_out`) is no figure."""
    tallies = _disagreeing_tallies(text_a, text_b)
    if tallies:
        return tallies
    units_a = by_unit(q for q in quantities_a if not _singles_out(text_a, q))
    units_b = by_unit(q for q in quantities_b if not _singles_out(text_b, q))
    for unit in sorted(units_a.keys() & units_b.keys()):
        if len(units_a[unit]) != 1 or len(units_b[unit]) != 1:
            continue
        first, second = units_a[unit][0], units_b[unit][0]
        if counts_only and not is_count(first.unit):
            continue
        if (values_differ(first, second, _before(text_a, first), _before(text_b, second),
                          _after(text_a, first), _after(text_b, second))
                and not _gives_figure(text_a, second) and not _gives_figure(text_b, first)):
            return first.text, second.text
    return None
