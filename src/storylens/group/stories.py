"""Stories as users see them: copies found, then events clustered, then labelled.

`StoryGrouper` runs the two grouping steps for each new article, in order: wire-copy
detection (`dedup`), so that a copy goes to its original's story whatever its new
headline says, then story clustering (`cluster`). It keeps no article text: per
article only its features and MinHash sketch, which the store persists, so a
grouper rebuilt from a store carries on where the last run stopped.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..model import AnnotatedArticle, Copy, Story
from .cluster import StoryClusterer
from .dedup import DuplicateIndex, Sketch, sketch
from .features import article_features, words

#: Titles compared when choosing a story's label (its first ones: stable labels).
LABEL_CANDIDATES = 30


@dataclass(frozen=True)
class Grouped:
    """One article's grouping, in the form the store persists: the story it went to,
    and when its joining split that story, the story split and the earlier articles
    moved out of it (each in the grouper's `story_of` now)."""

    article_id: str
    story_id: str
    features: bytes
    sketch: bytes
    copies: tuple[Copy, ...] = ()
    moved: tuple[str, ...] = ()
    split_from: str | None = None


@dataclass(frozen=True)
class GroupingInput:
    """What grouping needs of one article: its MinHash sketch, its features and the
    metadata of its story. Computed where the text is (`grouping_input`), so that
    neither text nor NLP reaches the grouper."""

    article_id: str
    sketch: Sketch
    features: dict[str, float]
    title: str | None
    outlet: str | None
    published: dt.date | None


def grouping_input(annotated: AnnotatedArticle) -> GroupingInput:
    """One annotated article's `GroupingInput`."""
    article = annotated.article
    return GroupingInput(article.id, sketch(article.text), article_features(annotated),
                         article.title, article.outlet, article.published)


@dataclass(frozen=True)
class _Meta:
    title: str | None
    outlet: str | None
    published: dt.date | None


class StoryGrouper:
    """Groups a stream of annotated articles into stories, incrementally.

    Example:
        grouper = StoryGrouper()
        for annotated in stream:
            grouper.add(annotated)
        for story in grouper.stories():
            print(story.label, len(story.article_ids))
    """

    def __init__(self, clusterer: StoryClusterer | None = None) -> None:
        self.duplicates = DuplicateIndex()
        self.clusterer = clusterer or StoryClusterer()
        self._meta: dict[str, _Meta] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._meta

    def add(self, annotated: AnnotatedArticle) -> Grouped:
        """Place one article: into its original's story if it is a copy, else by
        clustering."""
        return self.add_sketched(grouping_input(annotated))

    def add_sketched(self, inputs: GroupingInput) -> Grouped:
        """`add` for an article whose `grouping_input` was computed elsewhere (where
        its text is: a worker process, a Spark executor)."""
        copies = self.duplicates.add(inputs.article_id, inputs.sketch, inputs.published,
                                     inputs.outlet)
        copied_story = self._story_of_copies(inputs.article_id, copies)
        placement = self.clusterer.add(inputs.article_id, inputs.features, inputs.published,
                                       story_id=copied_story, copy=copied_story is not None,
                                       outlet=inputs.outlet)
        self._meta[inputs.article_id] = _Meta(inputs.title, inputs.outlet, inputs.published)
        return Grouped(inputs.article_id, placement.story_id, _pack(inputs.features),
                       inputs.sketch.to_bytes(), tuple(copies), placement.moved,
                       placement.split_from)

    def story_of(self, article_id: str) -> str:
        """The story an article is in now (a split may have moved it since it joined)."""
        return self.clusterer.story_of[article_id]

    def restore(self, grouped: Grouped, title: str | None, outlet: str | None,
                published: dt.date | None) -> None:
        """Replay one stored grouping (no text, no NLP): rebuilds the indexes."""
        copies = self.duplicates.add(grouped.article_id, Sketch.from_bytes(grouped.sketch),
                                     published, outlet)
        copy = self._story_of_copies(grouped.article_id, copies) is not None
        self.clusterer.add(grouped.article_id, _unpack(grouped.features), published,
                           story_id=grouped.story_id, copy=copy, outlet=outlet)
        self._meta[grouped.article_id] = _Meta(title, outlet, published)

    def _story_of_copies(self, article_id: str, copies: list[Copy]) -> str | None:
        """The story of an already placed article that `article_id` copies or is
        copied by, if any."""
        return next((self.clusterer.story_of[other] for copy in copies
                     for other in (copy.original_id, copy.article_id)
                     if other != article_id and other in self.clusterer.story_of), None)

    def stories(self, story_ids: Iterable[str] | None = None) -> list[Story]:
        """The stories (or those named), largest first."""
        clusters = self.clusterer.clusters
        chosen = clusters.values() if story_ids is None else (
            clusters[i] for i in dict.fromkeys(story_ids) if i in clusters)
        stories = [self._story(cluster.id, cluster.members) for cluster in chosen]
        return sorted(stories, key=lambda s: (-len(s.article_ids), s.id))

    def _story(self, story_id: str, members: list[str]) -> Story:
        meta = [self._meta[m] for m in members]
        dates = [m.published for m in meta if m.published]
        return Story(
            id=story_id,
            label=headline([m.title for m in meta[:LABEL_CANDIDATES]]),
            article_ids=tuple(members),
            origins=tuple(tuple(group) for group in self.duplicates.origins(members)),
            first_published=min(dates, default=None),
            last_published=max(dates, default=None),
            outlets=tuple(sorted({m.outlet for m in meta if m.outlet})),
        )


def headline(titles: list[str | None]) -> str:
    """The best-covered title: the one whose words the other titles share most.

    The centre of the story's headlines in the sense of the medoid: it names what
    most outlets named. A word counts by the logarithm of the titles it is in, so
    that a title sharing several words with others beats a short one sharing only the
    word every title has ("Missouri governor orders National Guard to Ferguson after
    latest night of clashes", not "Ferguson mayor: No 'racial divide'"). Ties go to
    the earliest title; "(untitled)" when none has one.
    """
    present = [t for t in titles if t and t.strip()]
    if not present:
        return "(untitled)"
    vocabularies = [set(words(t)) for t in present]
    frequency = Counter(w for vocabulary in vocabularies for w in vocabulary)

    def coverage(index: int) -> float:
        vocabulary = vocabularies[index]
        return sum(math.log(frequency[w]) for w in vocabulary) / (len(vocabulary) or 1) ** 0.5

    best = max(range(len(present)), key=lambda i: (coverage(i), -i))
    return present[best].strip()


def assign(store, annotated_articles: Iterable[AnnotatedArticle]) -> list[Story]:
    """Group new articles into the store's stories; returns the stories they touched.

    The grouping state is rebuilt from what the store persisted (features and sketches,
    never article text), the articles not grouped yet are added one by one, and the
    result is saved in one transaction. Articles already grouped stay where they are
    unless a new article splits their story.
    """
    grouper = load(store)
    grouped = [grouper.add(a) for a in annotated_articles if a.article.id not in grouper]
    save(store, grouper, grouped)
    return grouper.stories({grouper.story_of(g.article_id) for g in grouped})


def load(store) -> StoryGrouper:
    """A grouper holding every grouping the store persisted."""
    grouper = StoryGrouper()
    for article_id, story_id, features, sketch_bytes, title, outlet, published in store.grouped():
        grouper.restore(Grouped(article_id, story_id, features, sketch_bytes),
                        title, outlet, published)
    return grouper


def save(store, grouper: StoryGrouper, grouped: list[Grouped]) -> None:
    """Persist new groupings, the earlier articles that splits moved, and the stories
    they changed, atomically. Each article is saved in the story it is in now: a
    later article of the same batch may have split the story it joined."""
    moved = {m: grouper.story_of(m) for g in grouped for m in g.moved}
    changed = {grouper.story_of(g.article_id) for g in grouped} | set(moved.values()) \
        | {g.split_from for g in grouped if g.split_from}
    store.save_grouping(
        [(g.article_id, grouper.story_of(g.article_id), g.features, g.sketch)
         for g in grouped],
        grouper.stories(changed), [copy for g in grouped for copy in g.copies],
        moved.items())


def _pack(features: dict[str, float]) -> bytes:
    return zlib.compress(json.dumps(features, separators=(",", ":")).encode("utf-8"))


def _unpack(blob: bytes) -> dict[str, float]:
    return json.loads(zlib.decompress(blob))
