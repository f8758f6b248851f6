"""Coverage: which outlet reports which fact, what each alone reports, what each omits.

The facts × outlets matrix is the plain view of a story's coverage; from it, per
outlet, the facts no other outlet reports (what it adds) and the facts most of the
other outlets report that it does not (what it leaves out). The fact decision is set
for precision and misses about a third of the same facts told in other words, so an
outlet that may tell a fact (`Fact.possibly_in`: its near misses and weaker
resemblances) is not said to leave it out, nor the fact's outlet to report it alone:
the other may tell it, and a difference claimed wrongly misleads more than one not
claimed. Nor is an outlet that carries a quote the fact's statements hold
(`compare.quotes` groups one quote's cuts across outlets: "and 'will be
vindicated'" is a cut of "When the dust settles, he will be vindicated").
Nor is an outlet whose articles all came out before every article telling the fact:
a preview ("Senate set to vote on …") cannot report what happened after it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Sequence

from ..model import AnnotatedArticle, Fact, OutletCoverage, StoryQuote
from .corroborate import outlet_of

#: Share of the other outlets that must report a fact for its absence to count.
OMISSION_SHARE = 0.5


def fact_outlets(fact: Fact, outlet_by_article: dict[str, str]) -> set[str]:
    """The outlets whose articles carry one of the fact's statements."""
    return {outlet_by_article[s.article_id] for s in fact.statements}


def quoting_outlets(facts: Sequence[Fact], quotes: Sequence[StoryQuote],
                    outlet_by_article: dict[str, str]) -> dict[str, set[str]]:
    """Per fact id, the outlets carrying a story quote that overlaps one of the fact's
    statements."""
    carried_in: dict[str, list[tuple[int, int, StoryQuote]]] = defaultdict(list)
    for quote in quotes:
        for carrier in quote.carriers:
            carried_in[carrier.article_id].append((carrier.start, carrier.end, quote))
    return {fact.id: {outlet_by_article[carrier.article_id]
                      for s in fact.statements
                      for start, end, quote in carried_in[s.article_id]
                      if start < s.end and s.start < end
                      for carrier in quote.carriers}
            for fact in facts}


def _earlier(article_ids: Sequence[str], fact: Fact,
             published: dict[str, dt.date | None]) -> bool:
    """Did all these articles come out before every article telling the fact (all
    of them dated)?"""
    mine = [published[i] for i in article_ids]
    telling = [published[s.article_id] for s in fact.statements]
    if None in mine or None in telling:
        return False
    return max(mine) < min(telling)


def outlet_coverage(articles: Sequence[AnnotatedArticle], facts: Sequence[Fact],
                    quotes: Sequence[StoryQuote] = ()) -> tuple[OutletCoverage, ...]:
    """Per outlet (in order of first article), the facts it carries, alone (no other
    outlet carries it or may tell it), and omits.

    A fact counts as omitted by an outlet when at least two other outlets and at
    least `OMISSION_SHARE` of them report it (one other outlet's detail is no gap),
    no article of the outlet may tell it (`Fact.possibly_in`), the outlet carries
    no story quote (`quotes`) that one of the fact's statements holds, and it
    published after the fact was first told or on the same day (`_earlier`).
    """
    outlet_by_article = {a.article.id: outlet_of(a.article) for a in articles}
    published = {a.article.id: a.article.published for a in articles}
    article_ids: dict[str, list[str]] = defaultdict(list)
    for annotated in articles:
        article_ids[outlet_of(annotated.article)].append(annotated.article.id)
    carried = {fact.id: fact_outlets(fact, outlet_by_article) for fact in facts}
    quoting = quoting_outlets(facts, quotes, outlet_by_article)
    resembling = {fact.id: ({outlet_by_article[article_id] for article_id in fact.possibly_in}
                            | quoting[fact.id]) - carried[fact.id]
                  for fact in facts}
    coverage = []
    for outlet, ids in article_ids.items():
        others = len(article_ids) - 1
        mine = tuple(f.id for f in facts if outlet in carried[f.id])
        unique = tuple(f.id for f in facts if carried[f.id] == {outlet}
                       and not resembling[f.id])
        omitted = tuple(f.id for f in facts if outlet not in carried[f.id]
                        and outlet not in resembling[f.id]
                        and len(carried[f.id]) >= max(2, OMISSION_SHARE * others)
                        and not _earlier(ids, f, published))
        coverage.append(OutletCoverage(outlet, tuple(ids), mine, unique, omitted))
    return tuple(coverage)
