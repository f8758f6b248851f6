"""URLs: a page becomes an article, a feed becomes its entries."""

from __future__ import annotations

from typing import Iterator

from ..model import Article, InputProblem
from .feed import read_feed
from .fetch import FetchError, Fetcher
from .html import read_html
from .sniff import Kind, sniff


def read_url(url: str, fetcher: Fetcher) -> Iterator[Article | InputProblem]:
    try:
        page = fetcher.get(url)
    except FetchError as error:
        yield InputProblem(url, str(error).removeprefix(f"{url}: "))
        return
    if "rss" in page.content_type or "atom" in page.content_type or \
            sniff(page.body[:8192]) is Kind.FEED:
        yield from read_feed(page.body, url, fetcher)
    else:
        yield from read_html(page.body, url, url=page.url)
