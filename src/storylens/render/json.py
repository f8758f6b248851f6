"""The JSON contract: the shape scripts and the web API read.

Top-level `articles`, each with its metadata, clean `text` and annotations whose
offsets index that text, and `stories`, the groups those articles form. A story
that was analysed also carries its brief: `facts`, `conflicts`, `coverage`,
`quotes`, `framing`, `word_choices`, `timeline` and `summary`, every statement given
as {article, start, end, text} into that article's text. Later stages add keys;
existing keys keep their meaning.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Sequence

from ..model import AnnotatedArticle, Span, Statement, Story, StoryAnalysis

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


def story_record(story: Story, analysis: StoryAnalysis | None = None) -> dict[str, Any]:
    """A story; with its analysis, the story's brief too (see `brief_record`)."""
    record = {
        "id": story.id,
        "label": story.label,
        "articles": list(story.article_ids),
        "origins": [list(origin) for origin in story.origins],
        "outlets": list(story.outlets),
        "first_published": story.first_published.isoformat() if story.first_published else None,
        "last_published": story.last_published.isoformat() if story.last_published else None,
    }
    return {**record, **brief_record(analysis)} if analysis is not None else record


def _statement(texts: Mapping[str, str], s: Statement) -> dict[str, Any]:
    text = texts.get(s.article_id)
    return {"article": s.article_id, "start": s.start, "end": s.end,
            "text": text[s.start:s.end] if text is not None else None}


def _statements(texts: Mapping[str, str], statements: Iterable[Statement]) -> list[dict]:
    return [_statement(texts, s) for s in statements]


def brief_record(analysis: StoryAnalysis) -> dict[str, Any]:
    """What compare says about a story, keyed as the JSON contract names it."""
    texts = {a.article.id: a.article.text for a in analysis.articles}
    return {
        "facts": [{"id": f.id, "text": f.text, "statements": _statements(texts, f.statements),
                   "origins": [list(origin) for origin in f.origins], "status": f.status,
                   "similar": [{**_statement(texts, s.statement),
                                "probability": round(s.probability, 3)} for s in f.similar],
                   "possibly_in": list(f.possibly_in)}
                  for f in analysis.facts],
        "conflicts": [{"fact": c.fact_id, "kind": c.kind,
                       "sides": [{**_statement(texts, side.statement),
                                  "value": side.value} for side in c.sides]}
                      for c in analysis.conflicts],
        "coverage": {
            "outlets": [{"outlet": c.outlet, "articles": list(c.article_ids),
                         "facts": list(c.facts), "unique": list(c.unique),
                         "omitted": list(c.omitted)} for c in analysis.coverage],
            "matrix": {f.id: [c.outlet for c in analysis.coverage if f.id in c.facts]
                       for f in analysis.facts},
        },
        "quotes": [{"id": q.id, "speaker": q.speaker, "speakers": list(q.speakers),
                    "text": q.text,
                    "carriers": [{**_statement(texts, Statement(c.article_id, c.start, c.end)),
                                  "outlet": c.outlet, "kind": c.kind, "speaker": c.speaker,
                                  "cue": c.cue}
                                 for c in q.carriers]}
                   for q in analysis.quotes],
        "framing": [{"outlet": f.outlet,
                     "voices": [{"speaker": name, "share": share} for name, share in f.voices],
                     "lead": f.lead} for f in analysis.framing],
        "word_choices": [{"concept": w.concept,
                          "words": [{"outlet": outlet, "word": word}
                                    for outlet, word in w.words]}
                         for w in analysis.word_choices],
        "timeline": [{"date": t.date.isoformat(), "granularity": t.granularity,
                      "text": t.text, "expression": t.expression,
                      "statements": _statements(texts, t.statements),
                      "fact": t.fact_id} for t in analysis.timeline],
        "summary": [{"text": line.text, "status": line.status, "fact": line.fact_id,
                     "citations": _statements(texts, line.citations)}
                    for line in analysis.summary],
    }


def render_json(articles: Iterable[AnnotatedArticle], stories: Sequence[Story] = (),
                analyses: Iterable[StoryAnalysis] = ()) -> str:
    """The JSON document; each story with an analysis (matched by story id) carries
    its brief."""
    analysis_of = {a.story.id: a for a in analyses}
    document = {"storylens": CONTRACT_VERSION,
                "articles": [article_record(a) for a in articles],
                "stories": [story_record(s, analysis_of.get(s.id)) for s in stories]}
    return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
