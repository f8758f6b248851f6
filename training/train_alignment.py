"""Train the statement-alignment pair model (`storylens.compare.align`) on ECB+ dev.

ECB+ (Cybulska & Vossen, LREC 2014) links event mentions across documents into
chains; two annotated sentences of different documents report the same fact when
they share a chain. The documents go through the normal path (see
`bench/ecbplus_align.py`); within each topic every pair of statements lying in two
annotated sentences of different documents is an example, labelled by the
sentences' chains (the topics hold two events of one kind each, so hard negatives
abound).

ECB+ gives us only its dev topics, so the model is chosen by cross-validation over
topics (folds of whole topics, never a topic on both sides): each fold's model aligns
the held-out topics' statements inside the stories the clusterer found, and the
decision threshold is the one maximising pooled pairwise F1 over the folds among
those with precision >= MIN_PRECISION. The cross-validated figures are the honest
estimate printed at the end; the shipped model is then refitted on every topic. Written to src/storylens/compare/alignment.json.gz.

With --facts, the fact decision on top of the pair model is trained instead, on the
hand labels of BASIL pairs (`training/label_facts.py`, `bench/basil_facts.py`): its
threshold is the lowest (the most complete) whose cross-validated precision (folds of
whole events) reaches FACT_PRECISION; the model is refitted on every label and
written beside the pair model. Retrain it after the pair model changes (the pair
probability is one of its features).

With --evaluate, only the cross-validated figures are printed; nothing is written.

Usage: python training/train_alignment.py [--store FILE] [--folds 5] [--steps 400]
                                          [--evaluate]
       python training/train_alignment.py --facts [--store FILE] [--folds 5]
  (--steps is the pair model's; the fact decision's are basil_facts.STEPS)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import basil_facts  # noqa: E402
from ecbplus_align import (aligned_pairs, candidate_pairs, pairwise_aligned,  # noqa: E402
                           prepare, score, statements_of_sentences, story_probabilities,
                           story_statements)

from storylens.compare.align import (MODEL_FILE, different_voices,  # noqa: E402
                                     is_paraphrase, lexical_similarities, pair_features,
                                     story_centrality, token_f1)
from storylens.understand.quotes.linear import (LinearModel, load_models,  # noqa: E402
                                                save_models)

THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 13)]
#: Facts must be precise before they are complete: a reader trusts a brief that
#: never lumps different facts together. The shipped threshold is the one with the
#: best cross-validated F1 among those reaching this pairwise precision.
MIN_PRECISION = 0.75
#: The fact decision's threshold is the lowest (the most complete) whose
#: cross-validated precision on the hand labels reaches this: a corroborated fact
#: that is two different claims is an invented fact, a missed pair only leaves two
#: statements single-source (the rule was fixed before looking at any brief).
FACT_PRECISION = 0.90
FACT_THRESHOLDS = [round(0.05 * k, 2) for k in range(6, 19)]


def ship(**changes) -> None:
    """Write the shipped models with `changes` (named models, settings) applied."""
    models, settings = load_models(MODEL_FILE)
    for name, value in changes.items():
        if isinstance(value, LinearModel):
            models[name] = value
        else:
            settings[name] = value
    save_models(MODEL_FILE, models, **settings)


def train_fact_decision(store: Path, folds: int) -> None:
    """Cross-validate, choose the threshold of, refit and ship the fact decision."""
    examples_of = basil_facts.examples(basil_facts.prepare(store),
                                       basil_facts.read_labels())
    items = [item for items in examples_of.values() for item in items]
    print(f"{len(items)} labelled pairs over {len(examples_of)} events")
    scored = basil_facts.cross_validated(examples_of, folds)
    results = {t: basil_facts.precision_recall(scored, t) for t in FACT_THRESHOLDS}
    for threshold, (precision, recall, f1) in results.items():
        print(f"cross-validated, threshold {threshold:.2f}: P {precision:.3f} "
              f"R {recall:.3f} F1 {f1:.3f}")
    best = min([t for t in FACT_THRESHOLDS if results[t][0] >= FACT_PRECISION]
               or FACT_THRESHOLDS[-1:])
    model = basil_facts.train(items)
    ship(fact=model, fact_threshold=best)
    print(f"fact threshold {best:.2f} (cross-validated P {results[best][0]:.3f} "
          f"R {results[best][1]:.3f}); {len(model.weights) + len(model.dense)} weights written "
          f"to {MODEL_FILE}")


def story_examples(statements, sentences, located) -> dict[int, list[tuple[list[str], int]]]:
    """Per topic, (pair features, label) for statements of annotated sentences that
    the clusterer put in one story: the pairs alignment meets at run time (those it
    rules out unscored are left out too)."""
    events = {s.key: s.events for s in sentences}
    topic_of = {s.key[0]: s.topic for s in sentences}
    examples = defaultdict(list)
    for described, embeddings, tokens in statements.values():
        inside = statements_of_sentences(described, located)
        if not inside:
            continue
        cosines = embeddings @ embeddings.T
        lexical = lexical_similarities(described)
        centrality = story_centrality(described, embeddings)
        tokens = token_f1(tokens)
        keys = sorted(inside)
        for n, a in enumerate(keys):
            for b in keys[n + 1:]:
                if a[0] == b[0]:
                    continue
                label = int(bool(events[a] & events[b]))
                for i in inside[a]:
                    for j in inside[b]:
                        if not is_paraphrase(cosines[i, j], lexical[i, j]) and \
                                different_voices(described[i], described[j]):
                            continue
                        examples[topic_of[a[0]]].append((pair_features(
                            described[i], described[j], float(cosines[i, j]),
                            float(lexical[i, j]),
                            (float(centrality[i]), float(centrality[j])),
                            float(tokens[i, j])), label))
    return examples


def cross_validate(statements, sentences, located, examples, folds: int, steps: int
                   ) -> dict[float, tuple[float, float, float, int]]:
    """Pooled facts P/R/F1 per threshold over folds of whole topics (each fold's
    model aligns its held-out topics' stories), printed with the pair model's own."""
    topics = sorted(examples)
    topic_of = {s.key[0]: s.topic for s in sentences}
    pairs = list(candidate_pairs(sentences))
    predicted = {t: set() for t in THRESHOLDS}
    pair_model_alone = {t: set() for t in THRESHOLDS}
    for fold in range(folds):
        held_out = set(topics[fold::folds])
        model = LinearModel.train([e for t in topics if t not in held_out for e in examples[t]],
                                  steps=steps)
        # Every story holding a held-out topic's document (a story's first document
        # may be one with no annotated sentence), and of its pairs those of held-out
        # topics only (a story the clusterer mixed also holds training topics).
        fold_statements = {story: value for story, value in statements.items()
                           if held_out & {topic_of.get(s.statement.article_id)
                                          for s in value[0]}}
        probabilities = story_probabilities(fold_statements, located, model)

        def held(pairs: set) -> set:
            return {pair for pair in pairs if topic_of[min(pair)[0]] in held_out}

        for threshold in THRESHOLDS:
            predicted[threshold] |= held(aligned_pairs(fold_statements, probabilities,
                                                       located, threshold))
            pair_model_alone[threshold] |= held(pairwise_aligned(
                fold_statements, probabilities, located, threshold))
    results = {t: score(predicted[t], pairs) for t in THRESHOLDS}
    for threshold, (precision, recall, f1, _) in results.items():
        alone = score(pair_model_alone[threshold], pairs)
        print(f"cross-validated, threshold {threshold:.2f}: facts P {precision:.3f} "
              f"R {recall:.3f} F1 {f1:.3f}; pair model alone P {alone[0]:.3f} "
              f"R {alone[1]:.3f} F1 {alone[2]:.3f}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=None,
                        help="the ingested ECB+ (or with --facts BASIL) documents, created "
                             "when missing; default /tmp/storylens-ecbplus.db")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--facts", action="store_true",
                        help="train the fact decision on the BASIL hand labels")
    parser.add_argument("--evaluate", action="store_true",
                        help="print the cross-validated figures, write no model")
    args = parser.parse_args()
    if args.facts:
        train_fact_decision(args.store or basil_facts.DEFAULT_STORE, args.folds)
        return

    started = time.perf_counter()
    annotated, story_of, sentences, located = prepare(
        args.store or Path("/tmp/storylens-ecbplus.db"))
    statements = story_statements(annotated, story_of)
    examples = story_examples(statements, sentences, located)
    print(f"{sum(map(len, examples.values()))} statement pairs over {len(examples)} topics "
          f"({time.perf_counter() - started:.0f} s)")
    results = cross_validate(statements, sentences, located, examples, args.folds,
                             args.steps)
    precise = [t for t in THRESHOLDS if results[t][0] >= MIN_PRECISION] or THRESHOLDS[-1:]
    best = max(precise, key=lambda t: results[t][2])
    if args.evaluate:
        print(f"threshold {best:.2f} (cross-validated F1 {results[best][2]:.3f}); "
              "nothing written (--evaluate)")
        return
    model = LinearModel.train([e for examples_of_topic in examples.values()
                               for e in examples_of_topic], steps=args.steps)
    ship(pair=model, threshold=best)
    print(f"threshold {best:.2f} (cross-validated F1 {results[best][2]:.3f}); "
          f"{len(model.weights)} weights written to {MODEL_FILE}")


if __name__ == "__main__":
    main()
