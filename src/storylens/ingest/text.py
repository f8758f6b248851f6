"""Plain text and Markdown articles, with optional YAML front matter.

A scraped text file usually starts with its headline; Markdown may mark it with
`# `. Front matter (`---` … `---`) gives title, outlet, author, published and url;
any other keys are kept as extras.
"""

from __future__ import annotations

import re
from typing import Iterator

import yaml

from ..model import Article, InputProblem
from .article import build_article

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_KNOWN_KEYS = {"id", "title", "outlet", "author", "published", "url"}
_KEY_ALIASES = {"date": "published", "authors": "author", "link": "url",
                "site_name": "outlet", "source": "outlet"}
#: Longest first line taken as a headline; a longer one is prose.
_MAX_HEADLINE_WORDS = 25


def _split_front_matter(text: str, location: str) -> tuple[dict, str] | InputProblem:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        return InputProblem(location, f"invalid YAML front matter{where}")
    if not isinstance(meta, dict):
        return InputProblem(location, "front matter is not a mapping of keys to values")
    meta = {_KEY_ALIASES.get(str(k).lower(), str(k).lower()): v for k, v in meta.items()}
    return meta, text[match.end():]


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _MAX_HEADLINE_WORDS and not line.rstrip().endswith(
        (".", ",", ";", ":"))


def _take_headline(body: str) -> tuple[str | None, str]:
    """The first non-blank line as title when it reads as a headline."""
    stripped = body.lstrip()
    first, _, rest = stripped.partition("\n")
    if first.startswith("#"):
        return first.lstrip("#").strip() or None, rest
    # A headline stands alone: a first line running straight into prose is a paragraph.
    if _looks_like_headline(first) and (not rest.strip() or rest.startswith("\n")
                                        or rest.lstrip(" \t").startswith("\n")):
        return first.strip(), rest
    return None, stripped


def read_text(text: str, location: str) -> Iterator[Article | InputProblem]:
    """One text or Markdown document -> one article."""
    split = _split_front_matter(text, location)
    if isinstance(split, InputProblem):
        yield split
        return
    meta, body = split
    title = meta.get("title")
    if not title:
        title, body = _take_headline(body)
    yield build_article(
        body, location=location, id=meta.get("id"), title=title,
        outlet=meta.get("outlet"), author=meta.get("author"),
        published=meta.get("published"), url=meta.get("url"),
        extras={k: v for k, v in meta.items() if k not in _KNOWN_KEYS})
