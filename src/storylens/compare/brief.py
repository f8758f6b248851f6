"""The story brief: every comparison of compare/ run over one story's articles.

`analyse_story` is the compare stage of the flow (Story -> StoryAnalysis): speakers
unified across the articles, statements aligned into facts, each fact's independent
origins and status, conflicts, coverage per outlet, quotes across outlets, framing,
the timeline and the cited summary. It reads nothing but its arguments.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import numpy as np

from ..model import AnnotatedArticle, Story, StoryAnalysis
from ..understand.quotes.turns import is_speaker_label
from ..understand.sentence_encoder import DIMENSIONS
from .align import align, embed_with_tokens, lexical_similarities
from .conflicts import count_conflicts, fact_conflicts, speaker_conflicts
from .corroborate import build_facts
from .coverage import outlet_coverage
from .framing import outlet_framing, word_choices
from .quotes import story_quotes
from .speakers import resolve_story_roles, unify_speakers
from .statements import (describe, is_about_the_report, is_credit_line, is_headline,
                         is_inline_furniture, states_something)
from .summary import summarise
from .timeline import timeline

#: Content words a statement needs to be a fact ("Read more." and bylines are not;
#: nor are credit lines, `statements.is_credit_line`, a transcript's speaker labels,
#: `understand.quotes.turns.is_speaker_label`, headlines, `statements.is_headline`,
#: subheads and links, `statements.is_inline_furniture`, or lists of names,
#: `statements.states_something`).
MIN_STATEMENT_WORDS = 3


def analyse_story(story: Story, articles: Sequence[AnnotatedArticle]) -> StoryAnalysis:
    """Compare the articles of one story (given in any order) fact by fact."""
    order = {article_id: n for n, article_id in enumerate(story.article_ids)}
    articles = tuple(sorted((a for a in articles if a.article.id in order),
                            key=lambda a: order[a.article.id]))
    speakers = unify_speakers(articles)
    articles = resolve_story_roles(articles, speakers)
    texts = {a.article.id: a.article.text for a in articles}
    described = [s for a in articles for s in describe(a, speakers)
                 if len(s.words) >= MIN_STATEMENT_WORDS and not is_credit_line(s.text)
                 and not is_about_the_report(s.text)
                 and not is_speaker_label(s.text)
                 and not is_headline(s.text) and states_something(s)
                 and not is_inline_furniture(texts[s.statement.article_id],
                                             s.statement.start, s.statement.end)]
    if len(articles) > 1:
        embeddings, pieces = embed_with_tokens(described)
        lexical = lexical_similarities(described)
    else:  # nothing to align across: spare the encoder and the pairwise work (most
        # stories of a stream), as statements of one article are never paired
        embeddings = np.zeros((len(described), DIMENSIONS), dtype=np.float32)
        lexical = np.zeros((len(described), len(described)), dtype=np.float32)
        pieces = None
    probabilities, scored, groups = align(described, embeddings, lexical=lexical,
                                          pieces=pieces)
    facts = build_facts(groups, described, probabilities, scored, story, articles)
    quotes = story_quotes(articles, speakers, facts)
    conflicts = fact_conflicts(facts, described, probabilities, lexical, articles)
    conflicts += count_conflicts(facts, described, embeddings @ embeddings.T, articles,
                                 conflicts)
    conflicts += speaker_conflicts(facts, quotes, articles)
    disputed = {c.fact_id for c in conflicts}
    facts = [replace(f, status="conflicting") if f.id in disputed else f for f in facts]
    return StoryAnalysis(
        story=story,
        articles=articles,
        facts=tuple(facts),
        conflicts=tuple(conflicts),
        coverage=outlet_coverage(articles, facts, quotes),
        quotes=quotes,
        framing=outlet_framing(articles, quotes, facts),
        word_choices=word_choices(articles, facts, speakers),
        timeline=timeline(story, articles, facts, speakers),
        summary=summarise(facts, described, articles),
        speakers=speakers)
