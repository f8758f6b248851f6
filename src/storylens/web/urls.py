"""The app's URLs, built in one place so pages, the API and the brief agree."""

from __future__ import annotations

from urllib.parse import quote, urlencode


def story_url(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def article_url(article_id: str, start: int | None = None, end: int | None = None) -> str:
    url = f"/articles/{quote(article_id, safe='')}"
    return url if start is None else f"{url}?start={start}&end={end}#cited"


def speaker_url(name: str) -> str:
    return "/speaker?" + urlencode({"name": name})
