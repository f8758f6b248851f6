"""The join decision: does an article report the same event as a story?

A logistic regression (Cox, 1958) over what the clusterer measures between an article
and a candidate story (`cluster.PAIR_FEATURES`: cosines of words, headline, people,
places, organisations, numbers, dates and the names in the headline; how much of each
side's names and numbers the other shares; the article's best and mean cosine to the story's latest members;
the story's size and cohesion). One cosine threshold cannot tell "the same boxer's
next fight" from "this fight": the learned weights can, because the other event of
the same kind shares the words but not the opponent, the place or the score.

The weights are trained on ECB+ dev by `training/train_clustering.py` and ship as
package data (`join_model.json`); scoring is one dot product per candidate. The join
probability (`threshold`) is chosen there by cross-validation over ECB+ topics.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

MODEL_FILE = Path(__file__).with_name("join_model.json")


@dataclass(frozen=True)
class JoinModel:
    """Logistic-regression weights over named pair features, and the probability at
    which an article joins its best story."""

    names: tuple[str, ...]
    weights: np.ndarray
    bias: float
    threshold: float = 0.5

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(same event) of each row of `features` (columns in `names` order)."""
        logits = np.clip(features @ self.weights + self.bias, -30.0, 30.0)
        return 1.0 / (1.0 + np.exp(-logits))

    @classmethod
    def fit(cls, names: Sequence[str], features: np.ndarray, labels: np.ndarray, *,
            l2: float = 1.0, threshold: float = 0.5, steps: int = 50) -> "JoinModel":
        """Maximum-likelihood weights with an L2 penalty (`l2` on the summed loss),
        by Newton's method (iteratively reweighted least squares); the bias is not
        penalised. Used by training only."""
        design = np.hstack([features, np.ones((len(features), 1))])
        penalty = np.full(design.shape[1], l2)
        penalty[-1] = 0.0
        beta = np.zeros(design.shape[1])
        for _ in range(steps):
            p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -30.0, 30.0)))
            gradient = design.T @ (p - labels) + penalty * beta
            hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
            step = np.linalg.solve(hessian, gradient)
            beta -= step
            if np.abs(step).max() < 1e-8:
                break
        return cls(tuple(names), beta[:-1], float(beta[-1]), threshold)

    def to_json(self) -> dict:
        return {"bias": round(self.bias, 5), "threshold": self.threshold,
                "weights": {n: round(float(w), 5) for n, w in zip(self.names, self.weights)}}

    @classmethod
    def from_json(cls, data: dict, names: Sequence[str]) -> "JoinModel":
        """The model in `names` order; a feature the file lacks weighs nothing."""
        weights = np.array([data["weights"].get(n, 0.0) for n in names])
        return cls(tuple(names), weights, data["bias"], data.get("threshold", 0.5))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")


@functools.lru_cache(maxsize=1)
def join_model() -> JoinModel:
    """The shipped model, loaded once."""
    from .cluster import PAIR_FEATURES

    return JoinModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")),
                               PAIR_FEATURES)
