"""The JSON contract: the shape scripts and the web API read.

Top-level `articles`, each with its metadata, clean `text` and annotations whose
offsets index that text. Later stages add keys; existing keys keep their meaning.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..model import AnnotatedArticle

CONTRACT_VERSION = 1


def article_record(annotated: AnnotatedArticle) -> dict[str, Any]:
    article = annotated.article
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
    }


def render_json(articles: Iterable[AnnotatedArticle]) -> str:
    document = {"storylens": CONTRACT_VERSION,
                "articles": [article_record(a) for a in articles]}
    return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
