"""A sparse linear classifier over string features: small and fast.

Binary logistic regression with L2 regularisation (or, over groups of rival
candidates, its softmax ranking form), fitted by full-batch Adam
(Kingma & Ba, ICLR 2015) over a sparse design built with numpy. Features are plain strings
("w=said", "dep=ccomp&w=said"); the weights are a dict, stored as gzipped JSON, so
scoring a candidate is a few dictionary look-ups. A model may also weigh a
fixed-length dense vector next to the strings (such as the parser's contextual token
vectors); its weights are one more list in the JSON, applied with numpy.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np


def sigmoid(logit: float) -> float:
    """The logistic function, clipped so that extreme logits never overflow."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


class LinearModel:
    """Weights of one binary decision; `score` is the logit, `probability` its sigmoid."""

    def __init__(self, weights: Mapping[str, float] | None = None, bias: float = 0.0,
                 dense: Sequence[float] | None = None):
        self.weights = dict(weights or {})
        self.bias = bias
        self.dense = list(dense or [])
        self._dense = np.asarray(self.dense, dtype=np.float32)

    def score(self, features: Iterable[str], vector: Sequence[float] | None = None
              ) -> float:
        """The logit of `features`, plus the dense weights times `vector` if both
        are there (a model without dense weights ignores any vector; a vector
        shorter than the dense weights leaves the rest unweighed, as when a doc has
        no contextual vectors to fill its end)."""
        # map over (feature, 0.0) pairs: no generator frame per feature
        total = self.bias + sum(map(self.weights.get, features, itertools.repeat(0.0)))
        if self.dense and vector is not None and len(vector):
            total += float(self._dense[:len(vector)] @ vector)
        return total

    def probability(self, features: Iterable[str]) -> float:
        return sigmoid(self.score(features))

    @classmethod
    def train(cls, examples: Sequence[tuple[Sequence[str], int]], *, steps: int = 400,
              rate: float = 0.05, l2: float = 1e-5, min_count: int = 2,
              vectors=None, groups: Sequence[int] | None = None) -> "LinearModel":
        """Fit on (features, label) pairs: full-batch Adam on the L2-regularised
        logistic loss (deterministic).

        Features seen fewer than `min_count` times are dropped, which keeps the
        model small and its rare-feature weights from memorising training articles.
        `vectors`, an (examples x d) array if given, are dense inputs weighed too.
        With `groups`, the start index of each run of examples that compete (the
        candidates of one decision, the right one labelled 1), the loss is instead
        the softmax cross-entropy of each group's choice (a conditional log-linear
        ranker, as in Charniak & Johnson's reranking, ACL 2005): a candidate is only
        compared with its rivals, so what they all share weighs nothing.
        """
        counts: dict[str, int] = {}
        for features, _ in examples:
            for f in set(features):
                counts[f] = counts.get(f, 0) + 1
        vocabulary = {f: k for k, f in enumerate(sorted(f for f, c in counts.items()
                                                        if c >= min_count))}
        columns, rows = [], []
        for row, (features, _) in enumerate(examples):
            for f in features:
                if f in vocabulary:
                    columns.append(vocabulary[f])
                    rows.append(row)
        columns, rows = np.array(columns, dtype=np.int64), np.array(rows, dtype=np.int64)
        labels = np.array([label for _, label in examples], dtype=float)
        n, sparse = len(examples), len(vocabulary)
        dense = np.zeros((n, 0)) if vectors is None else np.asarray(vectors, dtype=float)
        starts = None if groups is None else np.asarray(groups, dtype=np.int64)
        # sparse weights, then dense ones, then the bias
        weights = np.zeros(sparse + dense.shape[1] + 1)
        first, second = np.zeros_like(weights), np.zeros_like(weights)
        for step in range(1, steps + 1):
            logits = weights[-1] + np.bincount(rows, weights=weights[columns], minlength=n) \
                + dense @ weights[sparse:-1]
            error = _ranking_error(logits, labels, starts) if starts is not None else \
                1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))) - labels
            gradient = np.empty_like(weights)
            gradient[:sparse] = np.bincount(columns, weights=error[rows], minlength=sparse) / n
            gradient[sparse:-1] = dense.T @ error / n
            gradient[:-1] += l2 * weights[:-1]
            gradient[-1] = error.mean()
            first = 0.9 * first + 0.1 * gradient
            second = 0.999 * second + 0.001 * gradient * gradient
            weights -= rate * (first / (1 - 0.9 ** step)) / (
                np.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
        return cls({f: float(weights[k]) for f, k in vocabulary.items()
                    if abs(weights[k]) >= 1e-3}, float(weights[-1]),
                   [float(w) for w in weights[sparse:-1]])

    def to_json(self) -> dict:
        data = {"bias": round(self.bias, 4),
                "weights": {f: round(w, 4) for f, w in sorted(self.weights.items())}}
        if self.dense:
            data["dense"] = [round(w, 4) for w in self.dense]
        return data

    @classmethod
    def from_json(cls, data: Mapping) -> "LinearModel":
        return cls(data["weights"], data["bias"], data.get("dense"))


def _ranking_error(logits: np.ndarray, labels: np.ndarray, starts: np.ndarray
                   ) -> np.ndarray:
    """The gradient of the mean softmax cross-entropy over groups of rows (each
    starting at an index of `starts`) with respect to each row's logit, scaled to
    the per-row mean the caller divides by. Tied positives share the target."""
    sizes = np.diff(np.append(starts, len(logits)))

    def per_group(values: np.ndarray, reduce) -> np.ndarray:
        return np.repeat(reduce.reduceat(values, starts), sizes)

    shifted = np.exp(logits - per_group(logits, np.maximum))
    chosen = shifted / per_group(shifted, np.add)
    target = labels / np.maximum(per_group(labels, np.add), 1.0)
    return (chosen - target) * len(logits) / len(starts)


def save_models(path: Path, models: Mapping[str, LinearModel], **extra) -> None:
    """Write named models (and scalar settings such as thresholds) as gzipped JSON."""
    payload = {"models": {name: m.to_json() for name, m in models.items()}, **extra}
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(payload, out, separators=(",", ":"))


def load_models(path: Path) -> tuple[dict[str, LinearModel], dict]:
    """The named models and the settings written by `save_models`."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        payload = json.load(stream)
    models = {name: LinearModel.from_json(m) for name, m in payload.pop("models").items()}
    return models, payload
