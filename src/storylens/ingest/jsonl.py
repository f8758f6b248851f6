"""JSON Lines: one article per line.

Fields: `id`, `title`, `text` (or `html`), `outlet`, `author`, `published`, `url`;
common aliases (`date`, `authors`, `link`, `body`, `content`) are understood, and
every other field is kept as an extra. A bad line is reported with its number and
never stops the lines after it.
"""

from __future__ import annotations

import json
from typing import IO, Iterator

from ..model import Article, InputProblem
from .article import build_article
from .html import read_html

_ALIASES = {
    "published": ("published", "date", "published_at", "pubdate", "datePublished"),
    "author": ("author", "authors", "byline"),
    "url": ("url", "link"),
    "text": ("text", "body", "content", "maintext"),
    "outlet": ("outlet", "site_name", "source_domain"),
}


def _pick(record: dict, field: str):
    """The value of `field` under its first alias present in `record`."""
    for key in _ALIASES[field]:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _read_record(record: dict, location: str) -> Iterator[Article | InputProblem]:
    used = {"id", "title", "html"}
    fields = {}
    for field in ("published", "author", "url", "text", "outlet"):
        fields[field] = _pick(record, field)
        used.update(_ALIASES[field])
    extras = {k: v for k, v in record.items() if k not in used}
    text, html = fields.pop("text"), record.get("html")
    given = dict(id=record.get("id"), title=record.get("title"), **fields)
    if isinstance(text, str) and text.strip():
        yield build_article(text, location=location, extras=extras, **given)
    elif isinstance(html, str) and html.strip():
        yield from read_html(html, location, extras=extras, **given)
    elif text is not None or html is not None:
        kind = type(text if text is not None else html).__name__
        yield InputProblem(location, f"'text' or 'html' must be a non-empty string, got {kind}")
    else:
        yield InputProblem(location, "no 'text' or 'html' field")


def read_jsonl(lines: IO[str], location: str) -> Iterator[Article | InputProblem]:
    """Every article of a JSON Lines stream; locations are `path:line`."""
    for number, line in enumerate(lines, start=1):
        yield from read_line(line, f"{location}:{number}")


def read_line(line: str, where: str) -> Iterator[Article | InputProblem]:
    """The article of one JSON Lines line read at `where` (nothing for a blank line).

    Engines that split a file across machines (Spark) call it line by line, with
    or without the line's end: errors are reported on the line without it.
    """
    if not line.strip():
        return
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as error:
        yield InputProblem(where, f"invalid JSON ({error.msg} at column {error.colno})")
        return
    if not isinstance(record, dict):
        yield InputProblem(where, f"expected a JSON object, got {type(record).__name__}")
        return
    yield from _read_record(record, where)
