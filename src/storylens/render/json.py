"""The JSON contract: the shape scripts and the web API read.

Top-level `articles`, each with its metadata, clean `text` and annotations whose
offsets index that text, and `stories`, the groups those articles form. Later stages
add keys; existing keys keep their meaning.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from ..model import AnnotatedArticle, Span, Story

CONTRACT_VERSION = 1


def _span_record(text: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {"start": None, "end": None, "text": None}
    return {"start": span.start, "end": span.end, "text": text[span.start:span.end]}


def article_record(annotated: AnnotatedArticle) -> dict[str, Any]:
    article = annotated.article
    text = article.text
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "location": article.location,
        "text": article.text,
        "sentences": [[s.start, s.end] for s in annotated.sentences],
        "entities": [{"start": e.start, "end": e.end, "text": e.text, "label": e.label}
                     for e in annotated.entities],
        "named_entities": [{"name": e.name, "label": e.label,
                            "mentions": [[m.start, m.end] for m in e.mentions],
                            "aliases": list(e.aliases), "titles": list(e.titles)}
                           for e in annotated.named_entities],
        "quotes": [{**_span_record(text, q.content), "kind": q.kind,
                    "cue": _span_record(text, q.cue),
                    "speaker": {**_span_record(text, q.source), "name": q.speaker}}
                   for q in annotated.quotes],
        "quantities": [{"start": q.start, "end": q.end, "text": q.text, "value": q.value,
                        "unit": q.unit, "upper": q.upper, "year": q.year}
                       for q in annotated.quantities],
        "times": [{"start": t.start, "end": t.end, "text": t.text,
                   "date": t.date.isoformat() if t.date else None,
                   "granularity": t.granularity}
                  for t in annotated.times],
    }


def story_record(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "label": story.label,
        "articles": list(story.article_ids),
        "origins": [list(origin) for origin in story.origins],
        "outlets": list(story.outlets),
        "first_published": story.first_published.isoformat() if story.first_published else None,
        "last_published": story.last_published.isoformat() if story.last_published else None,
    }


def render_json(articles: Iterable[AnnotatedArticle], stories: Sequence[Story] = ()) -> str:
    document = {"storylens": CONTRACT_VERSION,
                "articles": [article_record(a) for a in articles],
                "stories": [story_record(s) for s in stories]}
    return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
