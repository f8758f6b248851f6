"""HTML pages: main text and metadata, via trafilatura (and htmldate inside it).

trafilatura separates the article from navigation, sidebars and footers and reads
title, author, date and site name from meta tags and JSON-LD. Dates come only from
what the page states (no "extensive" guessing from copyright lines or today).
"""

from __future__ import annotations

from typing import Iterator

import trafilatura

from ..model import Article, InputProblem
from .article import build_article

#: Publication dates only from the page's own statements: htmldate's extensive
#: search also takes years from copyright notices, which are not dates of the article.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def html_fields(data: bytes | str, *, url: str | None = None) -> dict | None:
    """The main text and metadata of an HTML page, or None when it has no article.

    Paragraphs come back separated by blank lines, with the headline line (which
    trafilatura repeats at the top of the text) removed.
    """
    try:
        document = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False,
            include_tables=False, date_extraction_params=_DATE_PARAMS)
    except Exception:  # noqa: BLE001 - lxml raises many kinds on broken markup
        return None
    if document is None or not (document.text or "").strip():
        return None
    paragraphs = [line.strip() for line in document.text.splitlines() if line.strip()]
    if paragraphs and document.title and paragraphs[0] == document.title.strip():
        paragraphs = paragraphs[1:]
    return {"text": "\n\n".join(paragraphs), "title": document.title,
            "author": document.author, "published": document.date,
            "outlet": document.sitename, "url": document.url or url}


def read_html(data: bytes | str, location: str, *, url: str | None = None,
              outlet: str | None = None, **given) -> Iterator[Article | InputProblem]:
    """One HTML page -> at most one article.

    `url`, `outlet` and any other `given` field (id, title, author, published,
    extras) come from outside the page — a WARC record, a feed entry, a JSON line —
    and win over what the page says.
    """
    fields = html_fields(data, url=url)
    if fields is None:
        yield InputProblem(location, "no article text found in HTML")
        return
    text = fields.pop("text")
    fields.update({k: v for k, v in {"url": url, "outlet": outlet, **given}.items()
                   if v not in (None, "")})
    yield build_article(text, location=location, **fields)
