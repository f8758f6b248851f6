"""Coverage: which outlet reports which fact, what each alone reports, what each omits.

The facts × outlets matrix is the plain view of a story's coverage; from it, per
outlet, the facts no other outlet reports (what it adds) and the facts most of the
other outlets report that it does not (what it leaves out). The fact decision is set
for precision and misses about a third of the same facts told in other words, so an
outlet with a near miss for a fact (`Fact.similar`) is not said to leave it out, nor
the fact's outlet to report it alone: the other may tell it, and a difference claimed
wrongly misleads more than one not claimed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from ..model import AnnotatedArticle, Fact, OutletCoverage
from .corroborate import outlet_of

#: Share of the other outlets that must report a fact for its absence to count.
OMISSION_SHARE = 0.5


def fact_outlets(fact: Fact, outlet_by_article: dict[str, str]) -> set[str]:
    """The outlets whose articles carry one of the fact's statements."""
    return {outlet_by_article[s.article_id] for s in fact.statements}


def outlet_coverage(articles: Sequence[AnnotatedArticle],
                    facts: Sequence[Fact]) -> tuple[OutletCoverage, ...]:
    """Per outlet (in order of first article), the facts it carries, alone (no other
    outlet carries it or has a near miss for it), and omits.

    A fact counts as omitted by an outlet when at least two other outlets and at
    least `OMISSION_SHARE` of them report it (one other outlet's detail is no gap),
    and the outlet has no near miss for it.
    """
    outlet_by_article = {a.article.id: outlet_of(a.article) for a in articles}
    article_ids: dict[str, list[str]] = defaultdict(list)
    for annotated in articles:
        article_ids[outlet_of(annotated.article)].append(annotated.article.id)
    carried = {fact.id: fact_outlets(fact, outlet_by_article) for fact in facts}
    resembling = {fact.id: {outlet_by_article[s.statement.article_id] for s in fact.similar}
                  for fact in facts}
    coverage = []
    for outlet, ids in article_ids.items():
        others = len(article_ids) - 1
        mine = tuple(f.id for f in facts if outlet in carried[f.id])
        unique = tuple(f.id for f in facts if carried[f.id] == {outlet}
                       and not resembling[f.id])
        omitted = tuple(f.id for f in facts if outlet not in carried[f.id]
                        and outlet not in resembling[f.id]
                        and len(carried[f.id]) >= max(2, OMISSION_SHARE * others))
        coverage.append(OutletCoverage(outlet, tuple(ids), mine, unique, omitted))
    return tuple(coverage)
