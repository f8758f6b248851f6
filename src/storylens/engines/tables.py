"""Flat rows of the model types, for columnar tables (the Spark engine's Parquet).

One function per table turns model objects into plain tuples in the column order of
its schema (a Spark DDL string beside it), so the tables hold what the SQLite store
holds, under the same names: offsets index `articles.text`, every row carries its
`article_id` and its order `n` within the article.
"""

from __future__ import annotations

import json
from typing import Iterator

from ..model import AnnotatedArticle, Copy, InputProblem, Span, Story, StoryAnalysis

SCHEMAS = {
    "articles": "id string, seq long, story_id string, title string, outlet string,"
                " author string, published date, url string, location string, text string,"
                " extras string",
    "quotes": "article_id string, n int, start int, `end` int, kind string, text string,"
              " cue_start int, cue_end int, source_start int, source_end int,"
              " source string, speaker string",
    "entities": "article_id string, n int, name string, label string,"
                " mentions array<array<int>>, aliases array<string>, titles array<string>",
    "stories": "id string, label string, article_ids array<string>,"
               " origins array<array<string>>, first_published date, last_published date,"
               " outlets array<string>",
    "copies": "article_id string, original_id string, containment double, coverage double",
    "problems": "location string, message string",
    "facts": "story_id string, id string, text string, status string,"
             " statements array<struct<article_id:string,start:int,`end`:int>>,"
             " origins array<array<string>>,"
             " similar array<struct<article_id:string,start:int,`end`:int,probability:double>>,"
             " possibly_in array<string>",
}


def article_row(annotated: AnnotatedArticle, seq: int, story_id: str | None) -> tuple:
    """The `articles` row: metadata, clean text, input order and story."""
    a = annotated.article
    return (a.id, seq, story_id, a.title, a.outlet, a.author, a.published, a.url, a.location,
            a.text, json.dumps(dict(a.extras), ensure_ascii=False, default=str))


def _span_text(text: str, span: Span | None) -> tuple:
    return (None, None, None) if span is None else (span.start, span.end,
                                                    text[span.start:span.end])


def quote_rows(annotated: AnnotatedArticle) -> Iterator[tuple]:
    """The `quotes` rows: content, cue and source spans (with their words) and speaker."""
    text = annotated.article.text
    for n, q in enumerate(annotated.quotes):
        cue = (q.cue.start, q.cue.end) if q.cue else (None, None)
        yield (annotated.article.id, n, q.content.start, q.content.end, q.kind,
               text[q.content.start:q.content.end], *cue, *_span_text(text, q.source),
               q.speaker)


def entity_rows(annotated: AnnotatedArticle) -> Iterator[tuple]:
    """The `entities` rows: each real-world entity of the article with its mentions."""
    for n, e in enumerate(annotated.named_entities):
        yield (annotated.article.id, n, e.name, e.label,
               [[m.start, m.end] for m in e.mentions], list(e.aliases), list(e.titles))


def story_row(story: Story) -> tuple:
    return (story.id, story.label, list(story.article_ids),
            [list(origin) for origin in story.origins], story.first_published,
            story.last_published, list(story.outlets))


def copy_row(copy: Copy) -> tuple:
    return (copy.article_id, copy.original_id, copy.containment, copy.coverage)


def problem_row(problem: InputProblem) -> tuple:
    return (problem.location, problem.message)


def fact_rows(analysis: StoryAnalysis) -> Iterator[tuple]:
    """The `facts` rows of one story's analysis, each with its cited statements, near
    misses and the articles that may tell it."""
    for fact in analysis.facts:
        yield (analysis.story.id, fact.id, fact.text, fact.status,
               [(s.article_id, s.start, s.end) for s in fact.statements],
               [list(origin) for origin in fact.origins],
               [(s.statement.article_id, s.statement.start, s.statement.end, s.probability)
                for s in fact.similar], list(fact.possibly_in))
