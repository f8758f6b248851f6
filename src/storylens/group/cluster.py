"""Incremental story clustering: each new article joins a story or starts one.

The method is single-pass centroid clustering as in Topic Detection and Tracking
(Allan et al., 1998; Yang et al., 1998): an article is compared with the centroids of
the stories seen so far and joins the most similar one if the similarity passes a
threshold, or founds a new story. No number of stories is given, and old articles are
never read again: a story is its centroid, its size and its time span.

- Similarity is the cosine of TF-IDF vectors (`features.article_features`: words,
  names, numbers, dates), the IDF counted incrementally over the articles seen.
- Time: TDT's time penalty. A story whose dates lie far from the article's
  publication date is discounted (the same kind of event months apart is another
  story); an article or story without dates is not discounted, and never penalised.
- A story's cohesion (the mean similarity at which its articles joined) raises the
  bar for joining it: the other event of the same kind resembles a tight story less
  than its own reports do, though it passes the global threshold.
- Candidates come from an inverted index over the most distinctive features of each
  story, each posting list keeping only the most recent stories, and stories beyond
  the time window are skipped: adding an article costs the same at any corpus size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, deque
from dataclasses import dataclass, field

import numpy as np

#: Cosine above which an article joins a story (picked on the ECB+ dev set).
JOIN_THRESHOLD = 0.25
#: A story admits an article only if its similarity reaches this share of the
#: story's cohesion: a tight story (one boxing match) turns away a report that is
#: merely on its topic (the same boxer's next fight). Picked on the ECB+ dev set.
COHESION_RATIO = 0.6
#: Days of distance between an article and a story at which similarity halves.
HALF_LIFE_DAYS = 14.0
#: Stories whose last article is further back than this are never candidates.
WINDOW_DAYS = 120
#: Features kept per story centroid, and those of them indexed for retrieval.
CENTROID_SIZE = 400
INDEXED_FEATURES = 40
#: Features of a new article used to look up candidates.
QUERY_FEATURES = 40
#: Stories kept per posting list (the most recently updated).
POSTING_LIMIT = 64
#: Candidates scored per article: those sharing most indexed features with it.
CANDIDATES = 32


@dataclass
class Cluster:
    """A story as the clusterer sees it: a centroid and a time span."""

    id: str
    feature_ids: np.ndarray
    weights: np.ndarray        # mean of member vectors (L2-normalised, before IDF)
    size: int
    first: dt.date | None = None
    last: dt.date | None = None
    members: list[str] = field(default_factory=list)
    similarities: float = 0.0  # summed similarity at which members joined
    joined: int = 0

    @property
    def cohesion(self) -> float:
        """The mean similarity at which its members joined (0 for a lone article)."""
        return self.similarities / self.joined if self.joined else 0.0


@dataclass(frozen=True)
class Placement:
    """Where one article went: its story, and its similarity to the best story."""

    article_id: str
    story_id: str
    similarity: float = 0.0


class Vocabulary:
    """Feature names to dense ids, with incremental document frequencies."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.df = np.zeros(1024, dtype=np.float64)
        self.documents = 0

    def add_document(self, features: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Count one document's features; returns (ids, weights), L2-normalised."""
        ids = np.fromiter((self._id(name) for name in features), dtype=np.int64,
                          count=len(features))
        weights = np.fromiter(features.values(), dtype=np.float64, count=len(features))
        self.df[ids] += 1
        self.documents += 1
        norm = np.linalg.norm(weights)
        return ids, weights / norm if norm else weights

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """Smoothed inverse document frequency (Robertson & Jones), never negative."""
        return np.log((self.documents + 1) / (self.df[ids] + 1)) + 1.0

    def _id(self, name: str) -> int:
        found = self.ids.get(name)
        if found is None:
            found = self.ids[name] = len(self.ids)
            if found >= len(self.df):
                self.df = np.concatenate([self.df, np.zeros_like(self.df)])
        return found


def time_discount(date: dt.date | None, first: dt.date | None, last: dt.date | None) -> float:
    """TDT's time penalty: 1 within the story's span, halving every HALF_LIFE_DAYS
    away from it; 1 when either side has no date."""
    if date is None or first is None or last is None:
        return 1.0
    gap = max((first - date).days, (date - last).days, 0)
    return 0.5 ** (gap / HALF_LIFE_DAYS)


def _span(first: dt.date | None, last: dt.date | None, date: dt.date | None):
    if date is None:
        return first, last
    return (min(first, date) if first else date), (max(last, date) if last else date)


class StoryClusterer:
    """Single-pass, threshold-based story clustering over a growing corpus.

    Example:
        clusterer = StoryClusterer()
        for article_id, features, published in stream:
            placement = clusterer.add(article_id, features, published)
    """

    def __init__(self, *, join_threshold: float = JOIN_THRESHOLD) -> None:
        self.join_threshold = join_threshold
        self.vocabulary = Vocabulary()
        self.clusters: dict[str, Cluster] = {}
        self.story_of: dict[str, str] = {}
        self._postings: dict[int, deque[str]] = {}
        self._dense = np.zeros(0)

    def add(self, article_id: str, features: dict[str, float],
            published: dt.date | None = None, *, story_id: str | None = None,
            copy: bool = False) -> Placement:
        """Place one article: into `story_id` when given (a known copy's story, or a
        stored assignment being replayed), else into the best story or a new one.

        A `copy` of an article in the story leaves the story's cohesion as it is:
        a text matching itself says nothing about how tight the story is.
        """
        if article_id in self.story_of:
            return Placement(article_id, self.story_of[article_id])
        ids, weights = self.vocabulary.add_document(features)
        if story_id is not None:
            cluster = self._cluster(story_id)
            scored = self.score(ids, weights, published, [cluster] if cluster.size else [])
            similarity = scored[0][0] if scored else None
            self._absorb(cluster, article_id, ids, weights, published,
                         None if copy else similarity)
            return Placement(article_id, story_id, similarity or 0.0)
        scored = self.score(ids, weights, published)
        for similarity, cluster in scored:
            if similarity < self.join_threshold:
                break
            if similarity >= COHESION_RATIO * cluster.cohesion:
                self._absorb(cluster, article_id, ids, weights, published, similarity)
                return Placement(article_id, cluster.id, similarity)
        cluster = self._cluster(new_story_id(article_id))
        self._absorb(cluster, article_id, ids, weights, published)
        return Placement(article_id, cluster.id, scored[0][0] if scored else 0.0)

    def score(self, ids: np.ndarray, weights: np.ndarray, published: dt.date | None,
              candidates: list[Cluster] | None = None) -> list[tuple[float, Cluster]]:
        """Candidate stories (from the index unless given) with their time-discounted
        cosine, best first."""
        query = weights * self.vocabulary.idf(ids)
        norm = np.linalg.norm(query)
        if not norm:
            return []
        # The query as a dense vector over the vocabulary, set and cleared in place:
        # O(features) per article whatever the vocabulary's size.
        if len(self._dense) < len(self.vocabulary.ids):
            self._dense = np.zeros(2 * len(self.vocabulary.ids))
        self._dense[ids] = query / norm
        scored = []
        if candidates is None:
            candidates = self._candidates(ids, query, published)
        for cluster in candidates:
            vector = cluster.weights * self.vocabulary.idf(cluster.feature_ids)
            cosine = float(self._dense[cluster.feature_ids] @ vector) / float(
                np.linalg.norm(vector))
            if cosine > 0:
                scored.append((cosine * time_discount(published, cluster.first, cluster.last),
                               cluster))
        self._dense[ids] = 0.0
        scored.sort(key=lambda pair: -pair[0])
        return scored

    # -- internals -------------------------------------------------------------

    def _candidates(self, ids: np.ndarray, query: np.ndarray,
                    published: dt.date | None) -> list[Cluster]:
        """The stories in the time window sharing most of the article's most
        distinctive features (at most CANDIDATES of them)."""
        top = ids[np.argsort(-query)[:QUERY_FEATURES]].tolist()
        hits: Counter[str] = Counter()
        for feature in top:
            hits.update(self._postings.get(feature, ()))
        found = []
        for story_id, _ in hits.most_common():
            cluster = self.clusters[story_id]
            if (published and cluster.last
                    and abs((published - cluster.last).days) > WINDOW_DAYS
                    and abs((published - cluster.first).days) > WINDOW_DAYS):
                continue
            found.append(cluster)
            if len(found) == CANDIDATES:
                break
        return found

    def _cluster(self, story_id: str) -> Cluster:
        """The story `story_id`, created empty if new."""
        if story_id not in self.clusters:
            self.clusters[story_id] = Cluster(story_id, np.empty(0, np.int64), np.empty(0), 0)
        return self.clusters[story_id]

    def _absorb(self, cluster: Cluster, article_id: str, ids: np.ndarray,
                weights: np.ndarray, published: dt.date | None,
                similarity: float | None = None) -> None:
        if similarity is not None:
            cluster.similarities += similarity
            cluster.joined += 1
        total = _add_sparse(cluster.feature_ids, cluster.weights * cluster.size, ids, weights)
        cluster.size += 1
        self._set_centroid(cluster, total[0], total[1] / cluster.size)
        cluster.first, cluster.last = _span(cluster.first, cluster.last, published)
        cluster.members.append(article_id)
        self.story_of[article_id] = cluster.id

    def _set_centroid(self, cluster: Cluster, ids: np.ndarray, weights: np.ndarray) -> None:
        """Keep the centroid's strongest features and index its most distinctive ones."""
        strength = weights * self.vocabulary.idf(ids)
        order = np.argsort(-strength)[:CENTROID_SIZE]
        cluster.feature_ids, cluster.weights = ids[order], weights[order]
        for feature in cluster.feature_ids[:INDEXED_FEATURES].tolist():
            posting = self._postings.setdefault(feature, deque(maxlen=POSTING_LIMIT))
            if cluster.id in posting:
                posting.remove(cluster.id)
            posting.append(cluster.id)


def _add_sparse(ids_a: np.ndarray, weights_a: np.ndarray, ids_b: np.ndarray,
                weights_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sum of two sparse vectors given as (ids, weights)."""
    ids = np.concatenate([ids_a, ids_b])
    weights = np.concatenate([weights_a, weights_b])
    unique, inverse = np.unique(ids, return_inverse=True)
    return unique, np.bincount(inverse, weights=weights, minlength=len(unique))


def new_story_id(article_id: str) -> str:
    """A story's id, from the article that founded it (stable across runs)."""
    return "s" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:11]
