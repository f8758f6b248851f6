"""The cited summary: the corroborated core of a story, then its single-source claims.

Extractive, as abstractive models are not available offline and a summary that
rewrites can say what no outlet said: each line is the wording of one fact's most
central statement, cited to every statement reporting it. The core is the facts two
or more independent origins report, the most prominent first: each origin counts by
how early it tells the fact, as news puts what matters most first (the inverted
pyramid; position is the strongest single cue of importance in news summarisation,
Nenkova 2005), so a fact three outlets lead with comes before a detail six mention
further down ("the House impeached the president" before one member's vote); then
come the single-source claims that outlets put in their leads, labelled as resting
on one source (a lead paragraph with no sentence end, a headline, a caption or a
link, is no claim to quote), one per sentence: a sentence cut into clauses is one
claim.
"""

from __future__ import annotations

from typing import Sequence

from ..model import AnnotatedArticle, Fact, Statement, SummaryLine
from .statements import DescribedStatement, closes_unfinished_paragraph

#: Lines of the corroborated core, and of single-source claims.
CORE_LINES = 6
SINGLE_SOURCE_LINES = 4
#: Sentences of an article that count as its lead; also how fast an origin's weight
#: in a fact's prominence falls with the place it tells the fact (half at this many
#: sentences in, a quarter at three times as many).
LEAD_SENTENCES = 3


def summarise(facts: Sequence[Fact], described: Sequence[DescribedStatement],
              articles: Sequence[AnnotatedArticle]) -> tuple[SummaryLine, ...]:
    """Summary lines: the core (corroborated or conflicting facts), then lead claims
    resting on one origin, each with its citations."""
    position = {s.statement: s.position for s in described}
    texts = {a.article.id: a.article.text for a in articles}

    def unfinished_paragraph(statement: Statement) -> bool:
        """A lead paragraph with no sentence end: a headline, a caption or a link to
        another story ("Missouri's governor says troopers will take over security"),
        which the summary does not quote as the outlet's claim."""
        return closes_unfinished_paragraph(texts[statement.article_id], statement.start,
                                           statement.end)

    def prominence(fact: Fact) -> float:
        """Each origin's weight by the first sentence of it telling the fact."""
        first: dict[str, int] = {}
        for s in fact.statements:
            first[s.article_id] = min(first.get(s.article_id, position[s]), position[s])
        return sum(1 / (1 + min(first[a] for a in origin if a in first) / LEAD_SENTENCES)
                   for origin in fact.origins if any(a in first for a in origin))

    core = sorted((f for f in facts if len(f.origins) > 1), key=prominence,
                  reverse=True)[:CORE_LINES]
    leads = sorted((f for f in facts if len(f.origins) == 1
                    and not any(unfinished_paragraph(s) for s in f.statements)
                    and min(position[s] for s in f.statements) < LEAD_SENTENCES),
                   key=lambda f: min(position[s] for s in f.statements))
    # one claim per lead sentence: its later clauses are its own, not further claims
    single, told = [], {(s.article_id, position[s]) for f in core for s in f.statements}
    for fact in leads:
        sentences = {(s.article_id, position[s]) for s in fact.statements}
        if not sentences & told and len(single) < SINGLE_SOURCE_LINES:
            single.append(fact)
            told |= sentences
    return tuple(SummaryLine(f.id, f.text, f.status, f.statements) for f in core + single)
