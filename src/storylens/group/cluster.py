"""Incremental story clustering: each new article joins a story or starts one.

The method is single-pass clustering as in Topic Detection and Tracking (Allan et
al., 1998; Yang et al., 1998): an article is compared with the stories seen so far and
joins the best one if the join decision says so, or founds a new story. No number of
stories is given, and old articles are never read again: a story is its centroid, its
latest members' vectors (a bounded number), its size and its time span.

- Vectors are TF-IDF over `features.article_features` (words, headline words, people,
  places, organisations, other names, numbers, dates), the IDF counted incrementally.
- The join decision is learned (`join`): from the whole-vector cosine to the centroid,
  the cosine of each kind of feature on its own, how much of the article's people,
  places, organisations and numbers the story shares and the reverse, the best and
  mean cosine to the story's latest members (average link over a bounded sample: a
  second report can resemble one member strongly and the centroid weakly), and the
  story's size and cohesion. Two events of the same kind share words, not the who,
  where and how many, and the model weighs that.
- Time: TDT's time penalty. The join probability of a story whose dates lie far from
  the article's publication date is discounted (the same kind of event months apart
  is another story); an article or story without dates is not discounted. So is a
  join that would stretch the story over more than a week: one event's reports come
  within days (BASIL's 70 events span 4 days at most), while a thread of one
  topic's events, each article a few days after the last, would otherwise chain
  into one story (on 2,000 AllSides articles, 31 stories spanned over two weeks,
  one 45 days of primaries and debates; a second Nepal earthquake 12 days after
  the first joined its story). With no date, nothing tells apart one outlet's pieces
  that share its format: an undated article joins a story mostly of its own outlet's
  articles only at a surer probability (ONE_OUTLET_UNDATED_JOIN).
- Splitting: a story that joined two events (the first report of the second
  earthquake joined the first's story, and the rest of its reports followed) is cut
  in two when its members' similarity graph falls apart into two parts: the
  normalised cut (Shi & Malik, 2000) of its best two-way split along the Fiedler
  vector is low. Joining sees one article against a story; the split sees the
  story's members against each other, which is where two events show. Tested each
  time a story of SPLIT_MIN_SIZE to SPLIT_MAX_SIZE articles grows, from the member
  vectors kept meanwhile (no text is read again); the half holding the founding
  article keeps the story's id.
- Candidates come from an inverted index over the most distinctive features of each
  story, each posting list keeping only the most recent stories, and stories beyond
  the time window are left out: the work of adding an article is bounded whatever the
  corpus size (it grows while posting lists fill and stories gain members, up to
  POSTING_LIMIT and MEMBERS_COMPARED). No story leaves memory: the window is measured
  from each article's own date, articles need not come in date order (AllSides' do
  not), and an undated article may join any story, so no story is ever beyond reach.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, deque
from dataclasses import dataclass, field

import numpy as np

from .features import KINDS
from .join import JoinModel, join_model

#: Stories whose last article is further back than this are never candidates.
WINDOW_DAYS = 120
#: Days of distance between an article and a story at which the join probability halves.
HALF_LIFE_DAYS = 14.0
#: The span a story may reach without discount, and the days beyond it at which the
#: join probability halves.
SPAN_GRACE_DAYS = 7
SPAN_HALF_LIFE_DAYS = 3.5
#: Features kept per story centroid, and those of them indexed for retrieval.
CENTROID_SIZE = 400
INDEXED_FEATURES = 40
#: Features of a new article used to look up candidates.
QUERY_FEATURES = 40
#: Stories kept per posting list (the most recently updated).
POSTING_LIMIT = 64
#: Candidates scored per article: those sharing most indexed features with it.
CANDIDATES = 32
#: Of those, the ones closest to the article (centroid cosine) that the join model
#: weighs: the others are never the article's event, and need not cost their
#: member comparisons.
RERANKED = 8
#: A story's latest members compared one by one with a new article, and the features
#: kept of each: a bounded cost per candidate however large the story grows.
MEMBERS_COMPARED = 8
MEMBER_FEATURES = 200
#: Stories of this many articles are tested for holding two events as they grow (the
#: latest members' vectors are kept up to the larger size), and split when the normalised
#: cut of their best two-way split is below SPLIT_NCUT (0: two parts sharing nothing;
#: a two-way cut of a cohesive story is near 1 or above).
SPLIT_MIN_SIZE = 4
SPLIT_MAX_SIZE = 64
SPLIT_NCUT = 0.86
#: The join probability an undated article needs to join a story most of whose
#: articles are from its own outlet: with no date to set them apart, the story's
#: centroid is largely that outlet's format and words, which its other pieces share (on
#: AllSides, The Flip Side's undated opinion digests chained into stories of 24 and 36;
#: of the 87 joins of an undated article into an undated story of its own outlet, read
#: by title, those below 0.5 were nearly all two events of one topic, most above it one
#: event).
ONE_OUTLET_UNDATED_JOIN = 0.5
#: Kinds whose shared share is measured both ways: who, where, which organisation,
#: how many, who the headline names.
COVERED_KINDS = ("p", "g", "o", "n", "m")
#: What the join model sees of an (article, story) pair, in order.
PAIR_FEATURES = (
    "cosine", "best_member", "mean_member",
    *(f"cosine_{k}" for k in KINDS), *(f"both_{k}" for k in KINDS),
    *(f"article_covered_{k}" for k in COVERED_KINDS),
    *(f"story_covered_{k}" for k in COVERED_KINDS),
    "log_size", "cohesion",
)
_KIND = {kind: index for index, kind in enumerate(KINDS)}
_COVERED = np.array([_KIND[k] for k in COVERED_KINDS])


@dataclass
class Cluster:
    """A story as the clusterer sees it: a centroid, its latest members, a time span."""

    id: str
    feature_ids: np.ndarray
    weights: np.ndarray        # mean of member vectors (L2-normalised, before IDF)
    size: int
    first: dt.date | None = None
    last: dt.date | None = None
    members: list[str] = field(default_factory=list)
    # The latest members as (article id, strongest feature ids, weights, date,
    # outlet): the last MEMBERS_COMPARED are compared with a new article, and all of
    # them are every member while the story may still be split.
    latest: deque = field(default_factory=lambda: deque(maxlen=SPLIT_MAX_SIZE))
    outlets: Counter = field(default_factory=Counter)  # its members', where known
    similarities: float = 0.0  # summed cosine at which members joined
    joined: int = 0

    @property
    def cohesion(self) -> float:
        """The mean cosine at which its members joined (0 for a lone article)."""
        return self.similarities / self.joined if self.joined else 0.0


@dataclass(frozen=True)
class Placement:
    """Where one article went: its story, and its join probability for the best story;
    when joining split the story, the earlier articles that moved to the new one."""

    article_id: str
    story_id: str
    probability: float = 0.0
    moved: tuple[str, ...] = ()
    split_from: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A story an article might join: the pair's `PAIR_FEATURES` and time discount."""

    cluster: Cluster
    features: np.ndarray
    discount: float


class Vocabulary:
    """Feature names to dense ids and kinds, with incremental document frequencies."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.df = np.zeros(1024, dtype=np.float64)
        self.kinds = np.zeros(1024, dtype=np.int64)
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
                self.df = _grown(self.df, 2 * found)
                self.kinds = _grown(self.kinds, 2 * found)
            # A prefix outside KINDS (features stored by an older version) counts as
            # "other names".
            self.kinds[found] = _KIND.get(name.split(":", 1)[0], _KIND["e"])
        return found


class StoryIndex:
    """The inverted index candidates come from: for each feature, the POSTING_LIMIT
    stories most recently indexed under it, oldest first; and each story's time span.

    Posting lists are the rows of one matrix (a feature's id is its row), stories
    dense integer slots and spans day numbers, so that a look-up gathers, filters and
    counts in numpy. Posting lists fill up as stories accumulate (on AllSides, an
    article's 40 lists held 457 entries in the first tenth of the corpus and 1,871 in
    the last), and counting them one Python object at a time made the cost of placing
    an article grow with the corpus.
    """

    def __init__(self) -> None:
        self._postings = np.zeros((1024, POSTING_LIMIT), dtype=np.int32)
        self._lengths = np.zeros(1024, dtype=np.int64)
        self._slot_of: dict[str, int] = {}
        self._story_ids: list[str] = []
        # Each story's first and last day (date ordinals) when it has dates.
        self._first = np.zeros(1024, dtype=np.int64)
        self._last = np.zeros(1024, dtype=np.int64)
        self._dated = np.zeros(1024, dtype=bool)

    def update(self, story_id: str, features: np.ndarray, first: dt.date | None,
               last: dt.date | None) -> None:
        """Record the story's time span, and make it the most recent story of each of
        `features`' posting lists (distinct feature ids), the oldest of a full list
        giving way."""
        slot = self._slot(story_id)
        self._dated[slot] = last is not None
        if last is not None:
            self._first[slot], self._last[slot] = first.toordinal(), last.toordinal()
        if len(features) and features.max() >= len(self._lengths):
            size = 2 * int(features.max()) + 2
            self._postings = _grown(self._postings, size)
            self._lengths = _grown(self._lengths, size)
        rows, lengths = self._postings[features], self._lengths[features]
        kept = (np.arange(POSTING_LIMIT) < lengths[:, None]) & (rows != slot)
        kept[kept.sum(axis=1) == POSTING_LIMIT, 0] = False
        rows = np.take_along_axis(rows, np.argsort(~kept, axis=1, kind="stable"), axis=1)
        counts = kept.sum(axis=1)
        rows[np.arange(len(rows)), counts] = slot
        self._postings[features], self._lengths[features] = rows, counts + 1

    def search(self, features: np.ndarray, published: dt.date | None,
               limit: int) -> list[str]:
        """The ids of at most `limit` stories, those in the most of `features`' posting
        lists first (ties: the one met first, reading the lists in the order given),
        leaving out any dated story both of whose ends lie more than WINDOW_DAYS from
        `published`."""
        features = features[features < len(self._lengths)]
        slots = self._postings[features][
            np.arange(POSTING_LIMIT) < self._lengths[features][:, None]]
        if published is not None:
            day = published.toordinal()
            beyond = (self._dated[slots]
                      & (np.abs(day - self._last[slots]) > WINDOW_DAYS)
                      & (np.abs(day - self._first[slots]) > WINDOW_DAYS))
            slots = slots[~beyond]
        stories, first_met, shared = np.unique(slots, return_index=True, return_counts=True)
        ranked = stories[np.lexsort((first_met, -shared))]
        return [self._story_ids[slot] for slot in ranked[:limit].tolist()]

    def _slot(self, story_id: str) -> int:
        """The story's slot, given when first seen."""
        found = self._slot_of.get(story_id)
        if found is None:
            found = self._slot_of[story_id] = len(self._story_ids)
            self._story_ids.append(story_id)
            if found >= len(self._dated):
                self._first = _grown(self._first, 2 * found)
                self._last = _grown(self._last, 2 * found)
                self._dated = _grown(self._dated, 2 * found)
        return found


def time_discount(date: dt.date | None, first: dt.date | None, last: dt.date | None) -> float:
    """TDT's time penalty: 1 within the story's span, halving every HALF_LIFE_DAYS
    away from it, and every SPAN_HALF_LIFE_DAYS by which the join would stretch the
    story beyond SPAN_GRACE_DAYS; 1 when either side has no date."""
    if date is None or first is None or last is None:
        return 1.0
    gap = max((first - date).days, (date - last).days, 0)
    stretch = max((max(last, date) - min(first, date)).days - SPAN_GRACE_DAYS, 0)
    return 0.5 ** (gap / HALF_LIFE_DAYS + stretch / SPAN_HALF_LIFE_DAYS)


def _span(first: dt.date | None, last: dt.date | None, date: dt.date | None):
    if date is None:
        return first, last
    return (min(first, date) if first else date), (max(last, date) if last else date)


class StoryClusterer:
    """Single-pass story clustering over a growing corpus, with a learned join decision.

    Example:
        clusterer = StoryClusterer()
        for article_id, features, published in stream:
            placement = clusterer.add(article_id, features, published)
    """

    def __init__(self, model: JoinModel | None = None, *,
                 join_threshold: float | None = None) -> None:
        self.model = model or join_model()
        self.join_threshold = self.model.threshold if join_threshold is None else join_threshold
        self.vocabulary = Vocabulary()
        self.clusters: dict[str, Cluster] = {}
        self.story_of: dict[str, str] = {}
        self._index = StoryIndex()
        self._dense = np.zeros(0)

    def add(self, article_id: str, features: dict[str, float],
            published: dt.date | None = None, *, story_id: str | None = None,
            copy: bool = False, outlet: str | None = None) -> Placement:
        """Place one article: into `story_id` when given (a known copy's story, or a
        stored assignment being replayed), else into the most probable story if its
        time-discounted join probability reaches the threshold, else a new story;
        the story it joins may then be split (`split`).

        A `copy` of an article in the story leaves the story's cohesion as it is:
        a text matching itself says nothing about how tight the story is. An undated
        article joins a story most of whose articles are its own `outlet`'s only at
        ONE_OUTLET_UNDATED_JOIN.
        """
        if article_id in self.story_of:
            return Placement(article_id, self.story_of[article_id])
        ids, weights = self.vocabulary.add_document(features)
        if story_id is not None:
            self.place(article_id, ids, weights, published, story_id, copy=copy,
                       outlet=outlet)
            return Placement(article_id, story_id)
        candidates = self.candidates(ids, weights, published)
        best, probability = None, 0.0
        if candidates:
            probabilities = self.model.probability(np.array([c.features for c in candidates]))
            probabilities *= [c.discount for c in candidates]
            best = int(np.argmax(probabilities))
            probability = float(probabilities[best])
        if best is not None and probability >= self._threshold(candidates[best].cluster,
                                                               published, outlet):
            story_id = candidates[best].cluster.id
        else:
            story_id = new_story_id(article_id)
        self.place(article_id, ids, weights, published, story_id, outlet=outlet)
        moved = self.split(story_id)
        return Placement(article_id, self.story_of[article_id], probability,
                         tuple(m for m in moved if m != article_id),
                         story_id if moved else None)

    def split(self, story_id: str) -> list[str]:
        """Cut the story in two if its members fall apart into two events; returns
        the members moved to the new story (none if it stays whole)."""
        cluster = self.clusters[story_id]
        if not SPLIT_MIN_SIZE <= cluster.size <= SPLIT_MAX_SIZE:
            return []
        members = list(cluster.latest)  # every member, in the order they joined
        cut, side = bipartition([(ids, weights) for _, ids, weights, *_ in members],
                                self.vocabulary.idf)
        if cut >= SPLIT_NCUT:
            return []
        kept = [m for m, s in zip(members, side) if s == side[0]]
        moved = [m for m, s in zip(members, side) if s != side[0]]
        del self.clusters[story_id]
        for article_id, *_ in members:
            del self.story_of[article_id]
        for story, part in ((story_id, kept), (new_story_id(moved[0][0]), moved)):
            for article_id, ids, weights, published, outlet in part:
                self.place(article_id, ids, weights, published, story, outlet=outlet)
        return [article_id for article_id, *_ in moved]

    def candidates(self, ids: np.ndarray, weights: np.ndarray, published: dt.date | None,
                   clusters: list[Cluster] | None = None) -> list[Candidate]:
        """The candidate stories (from the index unless given) sharing a feature with
        the article (`add_document`'s ids and weights), with the pair's features."""
        query = weights * self.vocabulary.idf(ids)
        norm = float(np.linalg.norm(query))
        if not norm:
            return []
        # The query as a dense vector over the vocabulary, set and cleared in place:
        # O(features) per article whatever the vocabulary's size.
        if len(self._dense) < len(self.vocabulary.ids):
            self._dense = np.zeros(2 * len(self.vocabulary.ids))
        self._dense[ids] = query
        kinds = len(KINDS)
        query_kinds = self.vocabulary.kinds[ids]
        query_norms = np.sqrt(np.bincount(query_kinds, query * query, kinds))
        query_sums = np.bincount(query_kinds, query, kinds)
        if clusters is None:
            clusters = self._candidates(ids, query, published)
            clusters = sorted(clusters, key=self._closeness, reverse=True)[:RERANKED]
        found = []
        for cluster in clusters:
            features = self._pair_features(cluster, norm, query_norms, query_sums)
            if features[0] > 0:
                found.append(Candidate(cluster, features,
                                       time_discount(published, cluster.first, cluster.last)))
        self._dense[ids] = 0.0
        return found

    def place(self, article_id: str, ids: np.ndarray, weights: np.ndarray,
              published: dt.date | None, story_id: str, *, copy: bool = False,
              outlet: str | None = None) -> None:
        """Put the article into story `story_id` (created if new) and update the story:
        centroid, index, latest members, time span and cohesion."""
        cluster = self._cluster(story_id)
        if cluster.size and not copy:
            [scored] = self.candidates(ids, weights, published, [cluster]) or [None]
            cluster.similarities += float(scored.features[0]) if scored else 0.0
            cluster.joined += 1
        total = _add_sparse(cluster.feature_ids, cluster.weights * cluster.size, ids, weights)
        cluster.size += 1
        cluster.first, cluster.last = _span(cluster.first, cluster.last, published)
        self._set_centroid(cluster, total[0], total[1] / cluster.size)
        strongest = np.argsort(-weights)[:MEMBER_FEATURES]
        cluster.latest.append((article_id, ids[strongest], weights[strongest], published,
                               outlet))
        if outlet:
            cluster.outlets[outlet] += 1
        cluster.members.append(article_id)
        self.story_of[article_id] = cluster.id

    # -- internals -------------------------------------------------------------

    def _threshold(self, cluster: Cluster, published: dt.date | None,
                   outlet: str | None) -> float:
        """The join probability an article needs to join `cluster`."""
        if published is None and outlet and 2 * cluster.outlets[outlet] > cluster.size:
            return max(self.join_threshold, ONE_OUTLET_UNDATED_JOIN)
        return self.join_threshold

    def _pair_features(self, cluster: Cluster, norm: float, query_norms: np.ndarray,
                       query_sums: np.ndarray) -> np.ndarray:
        """`PAIR_FEATURES` of the article (set in `_dense`) and one story."""
        kinds = len(KINDS)
        vector = self._centroid(cluster)
        shared = self._dense[cluster.feature_ids]
        products = shared * vector
        story_kinds = self.vocabulary.kinds[cluster.feature_ids]
        story_norms = np.sqrt(np.bincount(story_kinds, vector * vector, kinds))
        both = (query_norms > 0) & (story_norms > 0)
        by_kind = np.bincount(story_kinds, products, kinds)
        cosine_by_kind = np.divide(by_kind, query_norms * story_norms,
                                   out=np.zeros(kinds), where=both)
        story_sums = np.bincount(story_kinds, vector, kinds)
        story_shared = np.bincount(story_kinds, vector * (shared > 0), kinds)
        article_covered = np.divide(np.bincount(story_kinds, shared, kinds), query_sums,
                                    out=np.zeros(kinds), where=query_sums > 0)
        story_covered = np.divide(story_shared, story_sums, out=np.zeros(kinds),
                                  where=story_sums > 0)
        latest = [cluster.latest[-k] for k in range(1, min(MEMBERS_COMPARED,
                                                            len(cluster.latest)) + 1)]
        members = self._cosines([ids for _, ids, *_ in latest],
                                [weights for _, _, weights, *_ in latest], norm)
        return np.concatenate([
            [by_kind.sum() / (norm * float(np.linalg.norm(vector))),
             max(members, default=0.0), float(np.mean(members)) if members else 0.0],
            cosine_by_kind, both.astype(float),
            article_covered[_COVERED], story_covered[_COVERED],
            [np.log(cluster.size), cluster.cohesion],
        ])

    def _centroid(self, cluster: Cluster) -> np.ndarray:
        """The story's centroid weights with the current IDF applied."""
        return cluster.weights * self.vocabulary.idf(cluster.feature_ids)

    def _closeness(self, cluster: Cluster) -> float:
        """The article's (set in `_dense`) cosine to the story, up to its own norm."""
        vector = self._centroid(cluster)
        return float(self._dense[cluster.feature_ids] @ vector) / float(np.linalg.norm(vector))

    def _cosines(self, ids: list[np.ndarray], weights: list[np.ndarray],
                 norm: float) -> list[float]:
        """Cosines of the article (set in `_dense`, of norm `norm`) and members given as
        sparse vectors (ids, weights), weighted by IDF in one pass: the members
        compared per article grow in number as stories grow (on AllSides, from 10 in
        the first tenth of the corpus to 27 in the last)."""
        if not ids:
            return []
        ends = np.cumsum([len(member) for member in ids]).tolist()
        joined = np.concatenate(ids)
        vectors = np.concatenate(weights) * self.vocabulary.idf(joined)
        shared = self._dense[joined]
        return [float(shared[start:end] @ vectors[start:end])
                / (norm * float(np.linalg.norm(vectors[start:end])))
                for start, end in zip([0, *ends[:-1]], ends)]

    def _candidates(self, ids: np.ndarray, query: np.ndarray,
                    published: dt.date | None) -> list[Cluster]:
        """The stories in the time window sharing most of the article's most
        distinctive features (at most CANDIDATES of them)."""
        top = ids[np.argsort(-query)[:QUERY_FEATURES]]
        return [self.clusters[story_id]
                for story_id in self._index.search(top, published, CANDIDATES)]

    def _cluster(self, story_id: str) -> Cluster:
        """The story `story_id`, created empty if new."""
        if story_id not in self.clusters:
            self.clusters[story_id] = Cluster(story_id, np.empty(0, np.int64), np.empty(0), 0)
        return self.clusters[story_id]

    def _set_centroid(self, cluster: Cluster, ids: np.ndarray, weights: np.ndarray) -> None:
        """Keep the centroid's strongest features and index its most distinctive ones,
        with the story's time span."""
        strength = weights * self.vocabulary.idf(ids)
        order = np.argsort(-strength)[:CENTROID_SIZE]
        cluster.feature_ids, cluster.weights = ids[order], weights[order]
        self._index.update(cluster.id, cluster.feature_ids[:INDEXED_FEATURES], cluster.first,
                           cluster.last)


def bipartition(vectors: list[tuple[np.ndarray, np.ndarray]], idf) -> tuple[float, np.ndarray]:
    """The best two-way split of articles (sparse vectors as (ids, weights), `idf`
    weighting ids) by their cosine graph: spectral partitioning along the Fiedler
    vector of the normalised Laplacian, cut where the normalised cut (Shi & Malik,
    2000) is lowest. Returns that cut and each article's side."""
    unique, inverse = np.unique(np.concatenate([ids for ids, _ in vectors]),
                                return_inverse=True)
    rows = np.repeat(np.arange(len(vectors)), [len(ids) for ids, _ in vectors])
    matrix = np.zeros((len(vectors), len(unique)))
    matrix[rows, inverse] = np.concatenate([w for _, w in vectors]) * idf(unique)[inverse]
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    degree = np.maximum(similarity.sum(axis=1), 1e-12)
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(len(vectors)) - similarity * np.outer(scale, scale)
    fiedler = np.linalg.eigh(laplacian)[1][:, 1] * scale
    order = np.argsort(fiedler, kind="stable")
    ordered = similarity[np.ix_(order, order)]
    volume = np.cumsum(degree[order])[:-1]
    # cut(first k, rest) for every k: what the first k lose across the boundary.
    cuts = np.array([ordered[:k, k:].sum() for k in range(1, len(vectors))])
    normalised = cuts / np.maximum(volume, 1e-12) + cuts / np.maximum(degree.sum() - volume,
                                                                        1e-12)
    k = int(np.argmin(normalised)) + 1
    side = np.zeros(len(vectors), dtype=bool)
    side[order[:k]] = True
    return float(normalised[k - 1]), side


def _grown(array: np.ndarray, size: int) -> np.ndarray:
    """`array` with zero rows appended up to `size` rows."""
    return np.concatenate([array, np.zeros((size - len(array), *array.shape[1:]),
                                           dtype=array.dtype)])


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
