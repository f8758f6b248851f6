"""RSS and Atom feeds: each entry becomes an article.

An entry that carries its full text (content:encoded, Atom content) is read as it
is; one that carries only a summary is completed by fetching its linked page.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

import feedparser

from ..model import Article, InputProblem
from .fetch import FetchError, Fetcher
from .html import read_html

#: Shortest entry content taken as the full article rather than a teaser.
_FULL_CONTENT_CHARS = 500


def _entry_date(entry) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(*parsed[:3]) if parsed else None


def _full_content(entry) -> str | None:
    """The entry's own HTML when it is the whole article, not a teaser."""
    for content in entry.get("content", []):
        value = content.get("value") or ""
        if len(value) >= _FULL_CONTENT_CHARS:
            return value
    return None


def read_feed(data: bytes, location: str, fetcher: Fetcher | None
              ) -> Iterator[Article | InputProblem]:
    """Every entry of a feed; one failing entry never stops the others."""
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputProblem(location, f"feed has no entries{reason}")
        return
    outlet = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        where = f"{location}#entry{n}"
        given = {"title": entry.get("title"), "author": entry.get("author"),
                 "published": _entry_date(entry), "outlet": outlet,
                 "extras": {"guid": entry.get("id")} if entry.get("id") else {}}
        content = _full_content(entry)
        if content is not None:
            yield from read_html(f"<html><body><article>{content}</article></body></html>",
                                 where, url=link, **given)
        elif not link:
            yield InputProblem(where, "entry has neither full content nor a link")
        elif fetcher is None:
            yield InputProblem(where, f"entry has only a summary; fetching {link} is off")
        else:
            try:
                page = fetcher.get(link)
            except FetchError as error:
                yield InputProblem(where, str(error))
                continue
            # The page's own metadata is better than the feed's except for the outlet.
            yield from read_html(page.body, link, url=page.url, outlet=outlet,
                                 published=given["published"], extras=given["extras"])
