"""The data model: the one vocabulary every stage speaks.

Stages are functions from one of these types to the next (see DESIGN.md):
ingest yields `Article`, understand turns it into `AnnotatedArticle`. The types are
small frozen dataclasses so they can cross process boundaries (pickling) and be
compared in tests. Every character offset anywhere refers to `Article.text`, the
clean text produced once at ingest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Article:
    """One news article as ingested: clean text plus what is known about it.

    `location` is where it was read from (a file path, `path:line` for JSON Lines,
    or a URL); `extras` keeps input fields storylens has no slot for (tags, topic…).
    Unknown metadata is None: nothing is guessed.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    location: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be ingested, and why, in one line."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of an article's clean text."""

    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A named-entity mention with its label (spaCy's OntoNotes labels)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with its per-article annotations (the output of understand)."""

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()


def article_id(*, url: str | None, title: str | None, text: str) -> str:
    """A stable id for an article that came without one.

    The URL identifies a web article when there is one; otherwise the title and clean
    text do, so the same file ingested twice (or from two paths) gets the same id.
    """
    key = url.strip() if url else f"{title or ''}\n{' '.join(text.split())}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
