"""Corroboration: facts from aligned statements, and the independent origins behind each.

Ten copies of one wire dispatch are one source, not ten, and an outlet repeating
"Reuters reported" adds no witness of its own. So a fact's articles are counted by
independent *origin*:

- articles the grouping found to be copies of one text (`Story.origins`) are one
  origin, and so are articles of two outlets or more whose bylines open with the
  same reporter or wire agency (`byline_key`): one reporter's work under two
  mastheads, as when an outlet runs another's live blog, a columnist writes for two
  papers, or a wire story is edited too much to be found a copy;
- a statement credited to a news outlet ("according to Reuters", "Kyodo News
  reported that…") counts for that outlet, merged with the outlet's own article when
  the story has one (and so with that article's copies; "the Times" is the story's
  one Times); news outlets are recognised by the outlets of the story's
  articles, the major wire agencies, and names ending like a masthead ("… News",
  "… Times", "… Press").

A fact reported by two or more independent origins is corroborated, by one
single-source (the status of a fact whose statements disagree is set by
`compare.conflicts`). The fact decision is set for precision, so a fact also lists
its near misses: the statements of origins that do not carry it that it scored
closest, shown for a reader to judge and never counted (`near_misses`), and, more
widely, the articles that may tell it (`possibly_in`): an outlet among them is not
said to leave the fact out (`compare.coverage`).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Callable, Sequence
from urllib.parse import urlsplit

import numpy as np

from ..model import AnnotatedArticle, Article, Fact, SimilarStatement, Story
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
    r"\b(news|times|post|journal|tribune|herald|telegraph|guardian|gazette|"
    r"press|daily|ledger|courier|chronicle|observer|broadcasting|television|radio|"
    r"(?:news|press) agency|"
    r"wire|newswire|magazine|review|standard|independent|examiner|inquirer)$",
    re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
#: What separates the names of a byline, and the "By" a byline may open with.
_BYLINE_SEPARATOR = re.compile(r",|;|&|\band\b|\bwith\b", re.IGNORECASE)
_BYLINE_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
#: Byline words that name a desk, not a person ("Staff Writer", "Editorial Board").
_DESK_WORDS = frozenset({"staff", "editor", "editors", "editorial", "board", "desk", "team",
                         "newsroom", "report", "reports", "contributor", "contributors",
                         "writer", "writers", "reporter", "reporters", "correspondent"})
#: The fact probability a near miss needs. On held-out BASIL events
#: (`bench/basil_facts.py`) 0.74 of the pairs the fact decision scores from 0.60 up
#: to its threshold are the same fact, fewer than half of those from 0.50 to 0.60; on the
#: seeds, pairs at 0.50-0.53 were the same subject and another claim. The pair model's
#: threshold would be no floor: every pair the decision scores has passed it.
SIMILAR_FLOOR = 0.6
#: Near misses listed under a fact, at most: the closest, not every resemblance.
MAX_SIMILAR = 3
#: The fact probability at which an article may tell a fact, too likely to say it
#: leaves the fact out. Held out on the BASIL labels, the share of one-fact pairs
#: among those scored 0.30-0.40 is 0.37, among 0.20-0.30 0.26, and 0.45 from 0.40 to
#: 0.60: read one by one, most of the omissions claimed with a statement scored 0.30
#: to 0.60 were facts the outlet tells inside a longer sentence ("Pelosi's victory
#: over Representative Tim Ryan").
POSSIBLE_FLOOR = 0.3


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


def byline_key(article: Article) -> str | None:
    """Whose work an article is, from the first name of its byline ("Eyder Peralta,
    Marie Andrusewicz" -> "eyder peralta"): a person's name of two words or more,
    or a wire agency's. None for no byline, a single word that names no agency, or
    a desk's byline ("Staff Writer", "Editorial Board"), which names no one person:
    two papers' staff are two witnesses."""
    if not article.author:
        return None
    first = _BYLINE_SEPARATOR.split(article.author, maxsplit=1)[0]
    words = _BYLINE_BY.sub("", first).replace(".", " ").lower().split()
    key = " ".join(words)
    if not words or _DESK_WORDS.intersection(words) or \
            len(words) < 2 and key not in WIRE_AGENCIES:
        return None
    return key


def origin_keys(story: Story, articles: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """Each article's origin key: its copy group's first article; else the reporter
    its byline opens with (`byline_key`) when the story holds that reporter's work
    under two outlets or more (a live blog one outlet runs of another's, a
    columnist's column in two papers); else its outlet.

    Two articles of one outlet in a story count once: an outlet corroborating
    itself is no corroboration. A text of another origin that an outlet prints (a
    wire copy, a reporter's work under its masthead) is not that outlet's own
    reporting, and counts apart from it.
    """
    outlets = {a.article.id: _outlet_key(outlet_of(a.article)) for a in articles}
    bylines = {a.article.id: byline_key(a.article) for a in articles}
    outlets_of: dict[str, set[str]] = {}
    for article_id, byline in bylines.items():
        if byline:
            outlets_of.setdefault(byline, set()).add(outlets[article_id])
    keys = {article_id: f"byline:{bylines[article_id]}"
            if len(outlets_of.get(bylines[article_id], ())) > 1 else f"outlet:{outlet}"
            for article_id, outlet in outlets.items()}
    for origin in story.origins:
        for article_id in origin:
            keys[article_id] = f"copy:{origin[0]}"
    return keys


def _credited_outlet(statement: DescribedStatement, outlets: set[str]) -> str | None:
    """The outlet a statement credits, as a story outlet's key when it names one:
    "the Times" is the story's New York Times when no other story outlet's name
    ends in "Times"."""
    speaker = statement.speaker
    if not speaker or not is_news_outlet(speaker, outlets):
        return None
    key = _outlet_key(speaker)
    named = [outlet for outlet in outlets if outlet == key or outlet.endswith(" " + key)]
    return named[0] if len(named) == 1 else key


def central(group: Sequence[int], probabilities: np.ndarray,
            described: Sequence[DescribedStatement]) -> int:
    """The member most like the others (ties: the earliest-placed, the shortest)."""
    return max(group, key=lambda i: (float(probabilities[i, list(group)].sum()),
                                     -described[i].position, -len(described[i].text)))


def _elsewhere(group: Sequence[int], scored: np.ndarray, origin_key: Callable[[int], str],
               floor: float) -> tuple[np.ndarray, list[int]]:
    """Each statement's highest fact probability (`scored`, as
    `compare.align.FactDecision.scored`) to any of the fact's statements, and the
    statements of origins not the fact's whose probability reaches `floor`."""
    own = {origin_key(i) for i in group}
    closest = scored[list(group)].max(axis=0)
    return closest, [int(k) for k in np.flatnonzero(closest >= floor)
                     if origin_key(int(k)) not in own]


def near_misses(group: Sequence[int], scored: np.ndarray,
                described: Sequence[DescribedStatement],
                origin_key: Callable[[int], str]) -> tuple[SimilarStatement, ...]:
    """The statements of other origins closest to telling a fact: for each origin
    that is not the fact's, its statement of highest fact probability to any of the
    fact's statements, when that reaches SIMILAR_FLOOR; most probable first, at most
    MAX_SIMILAR.
    """
    closest, others = _elsewhere(group, scored, origin_key, SIMILAR_FLOOR)
    best: dict[str, int] = {}
    for k in others:
        key = origin_key(k)
        if key not in best or closest[k] > closest[best[key]]:
            best[key] = k
    ranked = sorted(best.values(), key=lambda k: (-closest[k], k))[:MAX_SIMILAR]
    return tuple(SimilarStatement(described[k].statement, float(closest[k])) for k in ranked)


def possibly_in(group: Sequence[int], scored: np.ndarray,
                described: Sequence[DescribedStatement],
                origin_key: Callable[[int], str]) -> tuple[str, ...]:
    """The articles of other origins with a statement that may tell the fact (fact
    probability at least POSSIBLE_FLOOR to one of its statements), in story order:
    not evidence enough to count or show, too much to call the fact left out."""
    _, others = _elsewhere(group, scored, origin_key, POSSIBLE_FLOOR)
    return tuple(dict.fromkeys(described[k].statement.article_id for k in sorted(others)))


def build_facts(groups: Sequence[Sequence[int]], described: Sequence[DescribedStatement],
                probabilities: np.ndarray, scored: np.ndarray, story: Story,
                articles: Sequence[AnnotatedArticle]) -> list[Fact]:
    """Facts from groups of aligned statements, with origins, a first status, near
    misses and the articles that may tell them (`near_misses`, `possibly_in`, over
    `scored`, the fact probability of every pair the fact decision scored).

    Facts are numbered "f1", "f2"… by weight: most independent origins first, then
    the earliest place in their articles (news tells what matters first).
    """
    origin_of = origin_keys(story, articles)
    # A credited outlet of the story counts as its own articles' origin, which is a
    # copy group's when its article is a copy of one wire text.
    outlet_origins: dict[str, str] = {}
    for annotated in articles:
        outlet_origins.setdefault(_outlet_key(outlet_of(annotated.article)),
                                  origin_of[annotated.article.id])
    outlets = set(outlet_origins)

    def origin_key(index: int) -> str:
        """The origin a statement counts for: the outlet it credits, else its article's."""
        statement = described[index]
        credited = _credited_outlet(statement, outlets)
        if credited:
            return outlet_origins.get(credited, f"outlet:{credited}")
        return origin_of[statement.statement.article_id]

    built = []
    for group in groups:
        origins: dict[str, list[str]] = {}
        for index in group:
            article_id = described[index].statement.article_id
            members = origins.setdefault(origin_key(index), [])
            if article_id not in members:
                members.append(article_id)
        statements = tuple(sorted((described[i].statement for i in group),
                                  key=lambda s: (s.article_id, s.start)))
        weight = (-len(origins), min(described[i].position for i in group),
                  statements[0].article_id, statements[0].start)
        built.append((weight, described[central(group, probabilities, described)].shown,
                      statements, tuple(tuple(m) for m in origins.values()),
                      near_misses(group, scored, described, origin_key),
                      possibly_in(group, scored, described, origin_key)))
    built.sort(key=lambda item: item[0])
    return [Fact(id=f"f{n}", text=text, statements=statements, origins=origins,
                 status="corroborated" if len(origins) > 1 else "single_source",
                 similar=similar, possibly_in=possible)
            for n, (_, text, statements, origins, similar, possible) in enumerate(built, 1)]

