"""Conflicts: statements of one fact, from different origins, that disagree.

A conflict is claimed only where the difference is more than wording. Two
statements of one fact conflict when they are closely aligned (high pair probability
and much shared wording, so they truly tell the same thing) and

- number: each gives exactly one quantity of the same unit (and target year), and
  the values differ by more than rounding ("12 people" / "15 people");
- date: each gives exactly one day-precise date, and the dates differ;
- polarity: one of them is negated ("did not", "never", "denied") and the other not;
- name: outlets credit the same quote to different speakers (from the story quotes).

Counts are also compared across facts, as outlets that disagree on a count often
word the rest differently ("injuring 12 people" / "Fourteen people were injured,
according to the health service"): two statements of different origins, similar in
meaning, each giving one quantity of the same unit with the same words around it
("injur…"), conflict when the values differ.

Places are not compared: without a gazetteer "Tokyo" and "Japan" would look like a
disagreement, and an invented conflict costs a reader's trust more than a missed one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import Sequence

import numpy as np

from ..group.features import words
from ..model import (AnnotatedArticle, Conflict, ConflictSide, Fact, Statement,
                     StoryQuote)
from ..understand.quantities import unit_key
from .quotes import stems
from .statements import DescribedStatement

#: How closely two statements must align before they can conflict.
MIN_PROBABILITY = 0.7
MIN_LEXICAL = 0.4
#: How similar in meaning two statements of different facts must be for their
#: counts to be compared.
MIN_COUNT_COSINE = 0.5
#: Content words either side of a quantity that say what it counts.
COUNT_CONTEXT_WORDS = 3
#: Relative difference of two values that is more than rounding.
ROUNDING = 0.02
_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|denied|denies|deny|"
                       r"refused|refuses|rejected|rejects)\b|n['’]t\b", re.IGNORECASE)


def _quantities_by_unit(annotated: AnnotatedArticle, statement: Statement):
    """The statement's quantities with a unit, by unit and target year."""
    by_unit = defaultdict(list)
    for quantity in annotated.quantities:
        if (quantity.value is not None and quantity.unit
                and statement.start <= quantity.start and quantity.end <= statement.end):
            by_unit[unit_key(quantity.unit, quantity.year)].append(quantity)
    return by_unit


def _number_conflict(a, b, articles) -> tuple[str, str] | None:
    units_a = _quantities_by_unit(articles[a.article_id], a)
    units_b = _quantities_by_unit(articles[b.article_id], b)
    for unit in units_a.keys() & units_b.keys():
        if len(units_a[unit]) == 1 and len(units_b[unit]) == 1:
            first, second = units_a[unit][0], units_b[unit][0]
            scale = max(abs(first.value), abs(second.value), 1e-9)
            if abs(first.value - second.value) / scale > ROUNDING:
                return first.text, second.text
    return None


def _date_conflict(a, b, articles) -> tuple[str, str] | None:
    def day_times(statement: Statement):
        return [t for t in articles[statement.article_id].times
                if t.date is not None and t.granularity == "day"
                and statement.start <= t.start and t.end <= statement.end]

    first, second = day_times(a), day_times(b)
    if len(first) == 1 and len(second) == 1 and first[0].date != second[0].date:
        return (f"{first[0].text} ({first[0].date.isoformat()})",
                f"{second[0].text} ({second[0].date.isoformat()})")
    return None


def _polarity_conflict(a: DescribedStatement, b: DescribedStatement) -> tuple[str, str] | None:
    negated_a, negated_b = _NEGATION.search(a.text), _NEGATION.search(b.text)
    if bool(negated_a) != bool(negated_b):
        return ((negated_a.group(0), "affirmed") if negated_a
                else ("affirmed", negated_b.group(0)))
    return None


def fact_conflicts(facts: Sequence[Fact], described: Sequence[DescribedStatement],
                   probabilities: np.ndarray, lexical: np.ndarray,
                   articles: Sequence[AnnotatedArticle]) -> list[Conflict]:
    """Number, date and polarity conflicts between closely aligned statements."""
    index_of = {s.statement: k for k, s in enumerate(described)}
    by_id = {a.article.id: a for a in articles}
    conflicts = []
    for fact in facts:
        if len(fact.origins) < 2:
            continue
        origin_of = {article_id: n for n, origin in enumerate(fact.origins)
                     for article_id in origin}
        found: dict[str, list[tuple[Statement, str]]] = {}
        for a, b in combinations(fact.statements, 2):
            i, j = index_of[a], index_of[b]
            if (origin_of[a.article_id] == origin_of[b.article_id]
                    or probabilities[i, j] < MIN_PROBABILITY or lexical[i, j] < MIN_LEXICAL):
                continue
            for kind, values in (("number", _number_conflict(a, b, by_id)),
                                 ("date", _date_conflict(a, b, by_id)),
                                 ("polarity", _polarity_conflict(described[i], described[j]))):
                if values and kind not in found:
                    found[kind] = [(a, values[0]), (b, values[1])]
        conflicts += [Conflict(fact.id, kind, tuple(ConflictSide(s, v) for s, v in sides))
                      for kind, sides in found.items()]
    return conflicts


def speaker_conflicts(facts: Sequence[Fact], quotes: Sequence[StoryQuote]) -> list[Conflict]:
    """Quotes that outlets credit to different speakers, tied to the fact holding them."""
    conflicts = []
    for quote in quotes:
        if len(quote.speakers) < 2:
            continue
        credited = [c for c in quote.carriers if c.speaker]
        fact = next((f for f in facts for s in f.statements for c in credited
                     if s.article_id == c.article_id and s.start < c.end and c.start < s.end),
                    None)
        if fact is None:
            continue
        sides, seen = [], set()
        for carrier in credited:
            if carrier.speaker not in seen:
                seen.add(carrier.speaker)
                sides.append(ConflictSide(Statement(carrier.article_id, carrier.start,
                                                    carrier.end), carrier.speaker))
        conflicts.append(Conflict(fact.id, "name", tuple(sides)))
    return conflicts


def _count_context(text: str, statement: Statement, quantity) -> frozenset[str]:
    """Stems of the words right around a quantity in its statement, minus its own."""
    before = words(text[statement.start:quantity.start])[-COUNT_CONTEXT_WORDS:]
    after = words(text[quantity.end:statement.end])[:COUNT_CONTEXT_WORDS]
    return stems(" ".join(before + after)) - stems(quantity.text)


def count_conflicts(facts: Sequence[Fact], described: Sequence[DescribedStatement],
                    cosines: np.ndarray, articles: Sequence[AnnotatedArticle],
                    found: Sequence[Conflict] = ()) -> list[Conflict]:
    """Counts that differ between statements of different facts (see module notes).

    `found` are conflicts already claimed, so a disputed fact is reported once.
    """
    fact_of = {s: f for f in facts for s in f.statements}
    origin_of = {(f.id, a): n for f in facts for n, origin in enumerate(f.origins)
                 for a in origin}
    by_id = {a.article.id: a for a in articles}
    counted = []
    for index, item in enumerate(described):
        statement = item.statement
        units = _quantities_by_unit(by_id[statement.article_id], statement)
        for unit, quantities in units.items():
            if len(quantities) == 1 and statement in fact_of:
                context = _count_context(by_id[statement.article_id].article.text,
                                         statement, quantities[0])
                counted.append((index, statement, unit, quantities[0], context))
    disputed = {c.fact_id for c in found if c.kind == "number"}
    conflicts = []
    for (i, a, unit_a, first, context_a), (j, b, unit_b, second, context_b) in combinations(
            counted, 2):
        fact_a, fact_b = fact_of[a], fact_of[b]
        if (unit_a != unit_b or fact_a.id == fact_b.id or fact_a.id in disputed
                or a.article_id == b.article_id or not context_a & context_b
                or cosines[i, j] < MIN_COUNT_COSINE):
            continue
        if (fact_a.id, a.article_id) in origin_of and origin_of[(fact_a.id, a.article_id)] \
                == origin_of.get((fact_a.id, b.article_id)):
            continue
        scale = max(abs(first.value), abs(second.value), 1e-9)
        if abs(first.value - second.value) / scale > ROUNDING:
            disputed.add(fact_a.id)
            conflicts.append(Conflict(fact_a.id, "number", (ConflictSide(a, first.text),
                                                            ConflictSide(b, second.text))))
    return conflicts
