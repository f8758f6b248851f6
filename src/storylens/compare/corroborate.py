"""Corroboration: facts from aligned statements, and the independent origins behind each.

Ten copies of one wire dispatch are one source, not ten, and an outlet repeating
"Reuters reported" adds no witness of its own. So a fact's articles are counted by
independent *origin*:

- articles the grouping found to be copies of one text (`Story.origins`) are one
  origin;
- a statement credited to a news outlet ("according to Reuters", "Kyodo News
  reported that…") counts for that outlet, merged with the outlet's own article when
  the story has one; news outlets are recognised by the outlets of the story's
  articles, the major wire agencies, and names ending like a masthead ("… News",
  "… Times", "… Press").

A fact reported by two or more independent origins is corroborated, by one
single-source (the status of a fact whose statements disagree is set by
`compare.conflicts`).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Sequence
from urllib.parse import urlsplit

import numpy as np

from ..model import AnnotatedArticle, Article, Fact, Story
from .statements import DescribedStatement

#: News agencies whose reports other outlets credit by name.
WIRE_AGENCIES = frozenset({
    "reuters", "associated press", "ap", "afp", "agence france-presse",
    "agence france presse", "bloomberg", "kyodo", "kyodo news", "xinhua", "tass",
    "ria novosti", "interfax", "yonhap", "dpa", "ansa", "efe", "press association",
    "pa media", "anadolu", "anadolu agency", "jiji", "jiji press", "pti",
    "press trust of india", "ani", "united press international", "upi", "cna",
})
_MASTHEAD = re.compile(
    r"\b(news|times|post|journal|tribune|herald|telegraph|guardian|gazette|agency|"
    r"press|daily|ledger|courier|chronicle|observer|broadcasting|television|radio|"
    r"wire|newswire|magazine|review|standard|independent|examiner|inquirer)$",
    re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


def outlet_of(article: Article) -> str:
    """The outlet an article is counted under: its outlet, else its web site, else
    the file (and line) it was read from, else "article <id>".

    An article with no known outlet is its own voice; it never merges with another
    article that also lacks one (they come from different files or lines).
    """
    if article.outlet:
        return article.outlet
    if article.url and (host := urlsplit(article.url).hostname):
        return host.removeprefix("www.")
    if article.location:
        return PurePath(article.location).name
    return f"article {article.id}"


def _outlet_key(name: str) -> str:
    return _LEADING_ARTICLE.sub("", " ".join(name.split())).lower()


def is_news_outlet(name: str, outlets: set[str]) -> bool:
    """Is this speaker a news outlet (a story outlet, a wire agency, a masthead)?"""
    key = _outlet_key(name)
    return key in outlets or key in WIRE_AGENCIES or bool(_MASTHEAD.search(key))


def origin_keys(story: Story, articles: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """Each article's origin key: its copy group's first article, else its outlet.

    Two articles of one outlet in a story count once: an outlet corroborating
    itself is no corroboration.
    """
    keys = {a.article.id: "outlet:" + _outlet_key(outlet_of(a.article)) for a in articles}
    for origin in story.origins:
        for article_id in origin:
            keys[article_id] = f"copy:{origin[0]}"
    return keys


def _credited_outlet(statement: DescribedStatement, outlets: set[str]) -> str | None:
    speaker = statement.speaker
    return _outlet_key(speaker) if speaker and is_news_outlet(speaker, outlets) else None


def central(group: Sequence[int], probabilities: np.ndarray,
            described: Sequence[DescribedStatement]) -> int:
    """The member most like the others (ties: the earliest-placed, the shortest)."""
    return max(group, key=lambda i: (float(probabilities[i, list(group)].sum()),
                                     -described[i].position, -len(described[i].text)))


def build_facts(groups: Sequence[Sequence[int]], described: Sequence[DescribedStatement],
                probabilities: np.ndarray, story: Story,
                articles: Sequence[AnnotatedArticle]) -> list[Fact]:
    """Facts from groups of aligned statements, with origins and a first status.

    Facts are numbered "f1", "f2"… by weight: most independent origins first, then
    the earliest place in their articles (news tells what matters first).
    """
    origin_of = origin_keys(story, articles)
    outlets = {_outlet_key(outlet_of(a.article)) for a in articles}
    built = []
    for group in groups:
        origins: dict[str, list[str]] = {}
        for index in group:
            statement = described[index]
            article_id = statement.statement.article_id
            credited = _credited_outlet(statement, outlets)
            key = f"outlet:{credited}" if credited else origin_of[article_id]
            members = origins.setdefault(key, [])
            if article_id not in members:
                members.append(article_id)
        statements = tuple(sorted((described[i].statement for i in group),
                                  key=lambda s: (s.article_id, s.start)))
        weight = (-len(origins), min(described[i].position for i in group),
                  statements[0].article_id, statements[0].start)
        built.append((weight, described[central(group, probabilities, described)].shown,
                      statements, tuple(tuple(m) for m in origins.values())))
    built.sort(key=lambda item: item[0])
    return [Fact(id=f"f{n}", text=text, statements=statements, origins=origins,
                 status="corroborated" if len(origins) > 1 else "single_source")
            for n, (_, text, statements, origins) in enumerate(built, 1)]

