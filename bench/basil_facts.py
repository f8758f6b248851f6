"""The fact decision against hand labels: which BASIL statement pairs tell one fact.

`training/label_facts.py` lists, for BASIL events (Fan et al., EMNLP 2019: one event
told by the New York Times, Fox News and the Huffington Post), the reciprocal best
matches the pair model accepts, and a reader labelled each SAME (one would
corroborate the other) or NOT (same subject, different claim); the labels
(`training/data/fact_labels.tsv`) hold article ids and statement offsets only. This
re-runs the statements and the pair model of every labelled event and reports, with
folds of whole events (`fold_of`):

- the pair model alone at several thresholds (what facts rested on before);
- the fact decision (`compare.align.fact_evidence`, a logistic regression) trained
  on the other folds and scored on each held-out fold: pooled precision / recall;
- the share of one-fact pairs among those the held-out decision scores from each
  lower threshold up to the shipped one: how often a near miss shown under a
  single-source fact (`compare.corroborate.SIMILAR_FLOOR`) is in truth the same fact;
- the shipped fact decision on all labels (in-sample: it was trained on them).

Usage: python bench/basil_facts.py [--store FILE] [--folds 5]
  --store keeps the ingested BASIL articles between runs (created when missing).
"""

from __future__ import annotations

import argparse
import csv
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from ecbplus_align import ingested
from eval_corpora import basil_records

from storylens.compare.align import (Evidence, embed_with_tokens, fact_model,
                                     fact_probability, lexical_similarities,
                                     pair_probabilities, pairs_fact_evidence,
                                     token_similarities)
from storylens.compare.brief import MIN_STATEMENT_WORDS
from storylens.compare.speakers import unify_speakers
from storylens.compare.statements import DescribedStatement, describe
from storylens.understand.quotes.linear import LinearModel

LABELS = Path(__file__).resolve().parents[1] / "training" / "data" / "fact_labels.tsv"
DEFAULT_STORE = Path("/tmp/storylens-basil.db")
THRESHOLDS = [round(0.1 * k, 1) for k in range(2, 10)]
#: The fact decision's regularisation (chosen by the cross-validation below among
#: 1e-3, 1e-2: the higher recall at precision 0.90).
L2 = 1e-3
#: Full-batch steps of its fit: its dense weights converge more slowly than
#: indicator weights.
STEPS = 1500


@dataclass
class EventStatements:
    """One event's statements with what alignment computes about them."""

    event: str
    described: list[DescribedStatement]
    embeddings: np.ndarray
    lexical: np.ndarray
    tokens: np.ndarray

    def pair_probabilities(self) -> np.ndarray:
        return pair_probabilities(self.described, self.embeddings, lexical=self.lexical,
                                  tokens=self.tokens)


def fold_of(event: str, folds: int) -> int:
    """The cross-validation fold of an event (stable: a hash of its id)."""
    return zlib.crc32(event.encode("utf-8")) % folds


def read_labels(path: Path = LABELS) -> dict[tuple, int]:
    """The stored labels: (event, article_a, start_a, end_a, article_b, start_b, end_b)
    -> 1 (one fact) or 0."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as stream:
        return {(r["event"], r["article_a"], int(r["start_a"]), int(r["end_a"]),
                 r["article_b"], int(r["start_b"]), int(r["end_b"])): int(r["label"])
                for r in csv.DictReader(stream, delimiter="\t")}


def prepare(store_path: Path = DEFAULT_STORE) -> dict[str, list]:
    """Per BASIL event, its annotated articles (ingested into `store_path` once)."""
    records, gold = basil_records()
    annotated = ingested(records, store_path)
    events = defaultdict(list)
    for record in records:
        events[gold[record["id"]]].append(annotated[record["id"]])
    return dict(sorted(events.items()))


def event_statements(event: str, articles: list) -> EventStatements:
    """The statements of one event's articles as the brief describes and compares
    them (`compare.brief.analyse_story`)."""
    speakers = unify_speakers(articles)
    described = [s for a in articles for s in describe(a, speakers)
                 if len(s.words) >= MIN_STATEMENT_WORDS]
    embeddings, pieces = embed_with_tokens(described)
    lexical = lexical_similarities(described)
    tokens = token_similarities(described, embeddings, lexical, pieces)
    return EventStatements(event, described, embeddings, lexical, tokens)


def parts_of(described: list[DescribedStatement], article: str, start: int, end: int
             ) -> list[int]:
    """The statements a labelled one (article, start, end) stands for now: itself, or
    those overlapping it since `statements.clauses` cut it differently."""
    return [k for k, s in enumerate(described) if s.statement.article_id == article
            and s.statement.start < end and start < s.statement.end]


def examples(events: dict[str, list], labels: dict[tuple, int]
             ) -> dict[str, list[tuple[Evidence, int, float]]]:
    """Per labelled event, (fact evidence, label, pair probability) of each labelled
    pair whose two statements are still found (matched by offsets). A labelled
    statement cut into clauses since stands for the pair of parts the pair model
    matches best: the part telling the shared claim, or for a NOT label the part
    nearest to passing for it."""
    by_event = defaultdict(list)
    for key, label in labels.items():
        by_event[key[0]].append((key[1:], label))
    result = {}
    for event, pairs in sorted(by_event.items()):
        statements = event_statements(event, events[event])
        found = [((parts_of(statements.described, *key[:3]),
                   parts_of(statements.described, *key[3:])), label) for key, label in pairs]
        found = [(parts, label) for parts, label in found if all(parts)]
        if not found:
            continue
        probabilities = statements.pair_probabilities()
        indices = np.array([max(((i, j) for i in first for j in second),
                                key=lambda pair: probabilities[pair])
                            for (first, second), _ in found])
        evidence = pairs_fact_evidence(statements.described, indices, probabilities,
                                       statements.embeddings, statements.lexical,
                                       statements.tokens)
        result[event] = [(e, label, float(probabilities[i, j]))
                         for e, (i, j), (_, label) in zip(evidence, indices, found)]
    return result


def train(items: list[tuple[Evidence, int, float]], steps: int = STEPS) -> LinearModel:
    """The fact decision fitted on (evidence, label, _) items."""
    return LinearModel.train([(features, label) for (features, _), label, _ in items],
                             vectors=np.array([measures for (_, measures), _, _ in items]),
                             steps=steps, l2=L2)


def cross_validated(examples_of: dict[str, list], folds: int, steps: int = STEPS
                    ) -> list[tuple[float, int]]:
    """(held-out probability, label) of every example, each scored by the model
    trained on the folds its event is not in."""
    scored = []
    for fold in range(folds):
        held_out = [e for e in examples_of if fold_of(e, folds) == fold]
        model = train([item for e in examples_of if fold_of(e, folds) != fold
                       for item in examples_of[e]], steps)
        scored += [(fact_probability(model, evidence), label) for e in held_out
                   for evidence, label, _ in examples_of[e]]
    return scored


def precision_recall(scored: list[tuple[float, int]], threshold: float
                     ) -> tuple[float, float, float]:
    """Precision, recall and F1 of "one fact" at `threshold`."""
    true_positive = sum(1 for p, label in scored if p >= threshold and label)
    predicted = sum(1 for p, _ in scored if p >= threshold)
    gold = sum(label for _, label in scored)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    labels = read_labels()
    examples_of = examples(prepare(args.store), labels)
    items = [item for items in examples_of.values() for item in items]
    print(f"{len(items)} of {len(labels)} labelled pairs found over {len(examples_of)} "
          f"events ({sum(label for _, label, _ in items)} one fact)")
    pair_alone = [(p, label) for _, label, p in items]
    for threshold in THRESHOLDS:
        print(f"pair model alone >= {threshold:.1f}: P %.3f R %.3f F1 %.3f"
              % precision_recall(pair_alone, threshold))
    scored = cross_validated(examples_of, args.folds)
    for threshold in THRESHOLDS:
        print(f"fact decision, {args.folds}-fold by event, >= {threshold:.1f}: "
              "P %.3f R %.3f F1 %.3f" % precision_recall(scored, threshold))
    model, threshold = fact_model()
    for floor in (t for t in THRESHOLDS if t < threshold):
        band = [label for p, label in scored if floor <= p < threshold]
        print(f"held-out {floor:.1f} <= p < {threshold:.2f} (near misses): {len(band)} "
              f"pairs, one fact {sum(band) / max(len(band), 1):.3f}")
    shipped = [(fact_probability(model, evidence), label) for evidence, label, _ in items]
    print(f"shipped fact decision (in-sample) at its threshold {threshold:.2f}: "
          "P %.3f R %.3f F1 %.3f" % precision_recall(shipped, threshold))


if __name__ == "__main__":
    main()
