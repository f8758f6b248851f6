"""Syndicated copies: articles that are one underlying text, and who copies whom.

A wire dispatch republished by ten outlets is one source, not ten. Outlets give it a
new headline, trim or extend the ending, edit a word here and there and wrap it in
their own boilerplate; the run of the text stays the same. So texts are compared
as sets of word shingles (Broder, 1997): containment |A ∩ B| / |A| says how much of
A's text is B's.

Shingle sets are sketched with MinHash (datasketch) and candidates found by LSH
banding (Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3): articles
whose signatures agree on all rows of any one band. The band index grows article by
article and answers in time independent of its size; it is the largest part of the
grouping state, so a bucket holds a bare article id until a second article shares it
(datasketch's `MinHashLSH` keeps a set per bucket, nearly all of them sets of one: for
the 37,554 AllSides articles 420 MB and 1.4 million objects for the garbage collector
to walk, against 107 MB and the 1,224 buckets that hold two or more).
Containment is estimated from the Jaccard estimate and the two exact set sizes:
|A ∩ B| = J (|A| + |B|) / (1 + J). Identical texts are the trivial case (J = 1).

The original of a pair is the one published first; without dates, the one seen
first. Copies of copies resolve to one origin (union-find over copy links).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from ..disjoint import DisjointSets
from ..model import Copy

#: Words per shingle: long enough that two independent reports rarely share one.
SHINGLE_WORDS = 5
#: MinHash permutations: Jaccard estimates within about ±0.04 (1/sqrt(128)/2).
PERMUTATIONS = 128
#: datasketch's hashing scheme for 32-bit input hashes; part of the stored format.
SCHEME = "affine32"
#: LSH bands, and rows (signature values) per band: the banding datasketch's MinHashLSH
#: chooses for a Jaccard threshold of 0.3. Pairs at Jaccard 0.5 (a copy keeping two
#: thirds of its original) are candidates 99% of the time, unrelated articles (Jaccard
#: ~0.03) about once in a thousand: more bands or fewer rows, and the candidates to
#: check would grow with the corpus. Candidates are then checked on containment.
BANDS = 37
ROWS = 3
#: Share of the shorter text found in the longer one for the pair to be copies.
MIN_CONTAINMENT = 0.5
#: The same share for two articles of one outlet. Its pages share its templates
#: (galleries, sign-up boxes, "From the Left" sections, a standing blurb) that cleaning
#: cannot all know, and the estimate errs by ±0.1 around 0.5: in the AllSides corpus
#: one outlet's articles paired at 0.5-0.7 were mostly different stories, in
#: different outlets mostly one wire text. A false copy forces two stories into one;
#: a missed one between an outlet's own versions costs little (it is one outlet
#: either way, and clustering joins most of them: 27 of the 43 pairs this drops there).
MIN_CONTAINMENT_ONE_OUTLET = 0.8
#: Fewest shared shingles for a copy: two short notes sharing a phrase are not.
MIN_SHARED_SHINGLES = 20

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct 32-bit hashes (CRC-32: stable across processes) of the text's word
    `size`-grams."""
    tokens = _TOKEN.findall(text.lower())
    grams = {" ".join(tokens[i:i + size]) for i in range(max(len(tokens) - size + 1, 1))}
    grams.discard("")
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32,
                       count=len(grams))


@dataclass(frozen=True)
class Sketch:
    """A text's MinHash signature and its number of distinct shingles."""

    signature: np.ndarray
    shingles: int

    def to_bytes(self) -> bytes:
        return np.uint32(self.shingles).tobytes() + self.signature.astype(np.uint32).tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes) -> "Sketch":
        values = np.frombuffer(blob, dtype=np.uint32)
        return cls(values[1:].copy(), int(values[0]))


@functools.lru_cache(maxsize=1)
def _permutations():
    """datasketch's random permutations, drawn once (seeded: the same in every run)."""
    return MinHash(num_perm=PERMUTATIONS, scheme=SCHEME).permutations


def sketch(text: str) -> Sketch:
    """The MinHash sketch of `text`'s shingles."""
    hashes = shingle_hashes(text)
    minhash = MinHash(num_perm=PERMUTATIONS, hashfunc=int, scheme=SCHEME,
                      permutations=_permutations())
    if len(hashes):
        minhash.update_batch(hashes.tolist())
    return Sketch(minhash.hashvalues.astype(np.uint32), len(hashes))


def _bands(signature: np.ndarray) -> list[bytes]:
    """A signature's LSH bands, each as the bytes of its ROWS values."""
    rows = np.ascontiguousarray(signature[:BANDS * ROWS], dtype=np.uint32)
    return [band.tobytes() for band in rows.reshape(BANDS, ROWS)]


def containments(a: Sketch, b: Sketch) -> tuple[float, float]:
    """Estimated share of a's shingles in b, and of b's in a."""
    if not a.shingles or not b.shingles:
        return 0.0, 0.0
    jaccard = float(np.mean(a.signature == b.signature))
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return min(shared / a.shingles, 1.0), min(shared / b.shingles, 1.0)


class DuplicateIndex:
    """A growing index of article sketches that finds which articles copy which.

    Example:
        index = DuplicateIndex()
        for article in articles:
            copies = index.add(article.id, sketch(article.text), article.published,
                               article.outlet)
        index.origins()   # [[original id, copy id, ...], ...]
    """

    def __init__(self) -> None:
        # Per band, its rows' values (as bytes) -> the article id, or ids, having them.
        self._buckets: list[dict[bytes, str | list[str]]] = [{} for _ in range(BANDS)]
        self._sketches: dict[str, Sketch] = {}
        self._published: dict[str, dt.date | None] = {}
        self._outlet: dict[str, str | None] = {}
        self._order: dict[str, int] = {}
        self._copies: DisjointSets[str] = DisjointSets()  # each origin's copies

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sketches

    def add(self, article_id: str, article_sketch: Sketch,
            published: dt.date | None = None, outlet: str | None = None) -> list[Copy]:
        """Index one article; returns its copy relations with articles seen before."""
        if article_id in self._sketches:
            return []
        found = []
        if article_sketch.shingles:
            bands = _bands(article_sketch.signature)
            # A set's order follows string hashing (random per process): oldest first,
            # so runs agree on which copy's story a copy joins.
            for other in sorted(self._sharing_a_band(bands), key=self._age):
                copy = self._compare(article_id, article_sketch, published, outlet, other)
                if copy is not None:
                    found.append(copy)
            self._insert(article_id, bands)
        self._sketches[article_id] = article_sketch
        self._published[article_id] = published
        self._outlet[article_id] = outlet
        self._order[article_id] = len(self._order)
        for copy in found:
            self._union(copy.original_id, copy.article_id)
        return found

    def origin_of(self, article_id: str) -> str:
        """The id of the original at the root of the article's copies (itself if none)."""
        return self._copies.find(article_id)

    def origins(self, article_ids: list[str] | None = None) -> list[list[str]]:
        """Groups of two or more articles that are one text, original first."""
        groups = self._copies.groups(article_ids if article_ids is not None else self._sketches)
        return [sorted(group, key=self._age) for group in groups if len(group) > 1]

    # -- internals -------------------------------------------------------------

    def _sharing_a_band(self, bands: list[bytes]) -> set[str]:
        """The articles indexed whose signature agrees with `bands` on a whole band."""
        found: set[str] = set()
        for bucket, band in zip(self._buckets, bands):
            held = bucket.get(band)
            if isinstance(held, str):
                found.add(held)
            elif held is not None:
                found.update(held)
        return found

    def _insert(self, article_id: str, bands: list[bytes]) -> None:
        for bucket, band in zip(self._buckets, bands):
            held = bucket.get(band)
            if held is None:
                bucket[band] = article_id
            elif isinstance(held, str):
                bucket[band] = [held, article_id]
            else:
                held.append(article_id)

    def _compare(self, article_id: str, article_sketch: Sketch, published: dt.date | None,
                 outlet: str | None, other_id: str) -> Copy | None:
        other = self._sketches[other_id]
        in_other, other_in = containments(article_sketch, other)
        shared = in_other * article_sketch.shingles
        least = MIN_CONTAINMENT_ONE_OUTLET if outlet and outlet == self._outlet[other_id] \
            else MIN_CONTAINMENT
        if max(in_other, other_in) < least or shared < MIN_SHARED_SHINGLES:
            return None
        other_published = self._published[other_id]
        # The new article is the copy unless it is dated strictly before the other.
        if published and other_published and published < other_published:
            return Copy(other_id, article_id, other_in, in_other)
        return Copy(article_id, other_id, in_other, other_in)

    def _age(self, article_id: str) -> tuple:
        published = self._published[article_id]
        return (published is None, published or dt.date.min, self._order[article_id])

    def _union(self, original_id: str, copy_id: str) -> None:
        older, newer = sorted((self.origin_of(original_id), self.origin_of(copy_id)),
                              key=self._age)
        self._copies.union(older, newer)
