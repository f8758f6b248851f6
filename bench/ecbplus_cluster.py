"""Story clustering against ECB+ events, alone and with BASIL events mixed in.

ECB+ documents (and BASIL articles) go through the normal path: written to a JSON
Lines file, ingested (clean -> spaCy -> extractors) into a temporary store, then
grouped incrementally, one article at a time, with no number of stories given:
1. ECB+ alone in input order, 2. ECB+ shuffled (order robustness: single-pass
clustering depends on the order, so several seeded orders, reported as the mean and
the range of F1), 3. ECB+ and BASIL shuffled together in as many orders, BASIL's
triplets scored as stories among ECB+ distractors.
Metrics: B-cubed precision/recall/F1 (Bagga & Baldwin, 1998) and the adjusted Rand
index (Hubert & Arabie, 1985) against the gold events (ECB+ `subtopic`, BASIL triplet).

Usage: python bench/ecbplus_cluster.py [--seed 1] [--orders 3] [--thresholds 0.4,0.5,0.6]
                                      [--store FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

from eval_corpora import basil_records, ecbplus_records

from storylens.engines.local import ingest_into
from storylens.group import StoryGrouper
from storylens.group.cluster import StoryClusterer
from storylens.group.join import join_model
from storylens.store import Store


def bcubed(predicted: dict[str, str], gold: dict[str, str],
           items: list[str] | None = None) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over `items` (default: every gold item).

    A predicted cluster counts all its members, scored items or not, so distractors
    pulled into a story lower its precision.
    """
    items = list(gold) if items is None else items
    clusters, events = defaultdict(set), defaultdict(set)
    for item, cluster in predicted.items():
        clusters[cluster].add(item)
    for item, event in gold.items():
        events[event].add(item)
    precision = recall = 0.0
    for item in items:
        cluster, event = clusters[predicted[item]], events[gold[item]]
        correct = sum(1 for other in cluster if gold.get(other) == gold[item])
        precision += correct / len(cluster)
        recall += len(cluster & event) / len(event)
    precision, recall = precision / len(items), recall / len(items)
    return precision, recall, 2 * precision * recall / (precision + recall)


def adjusted_rand(predicted: dict[str, str], gold: dict[str, str]) -> float:
    """The adjusted Rand index of the two partitions of gold's items."""
    items = list(gold)
    pairs = Counter((predicted[i], gold[i]) for i in items)
    rows, columns = Counter(predicted[i] for i in items), Counter(gold[i] for i in items)
    index = sum(comb(n, 2) for n in pairs.values())
    row_sum = sum(comb(n, 2) for n in rows.values())
    column_sum = sum(comb(n, 2) for n in columns.values())
    expected = row_sum * column_sum / comb(len(items), 2)
    maximum = (row_sum + column_sum) / 2
    return (index - expected) / (maximum - expected) if maximum != expected else 1.0


def cluster(annotated: list, threshold: float) -> tuple[dict[str, str], float]:
    """Each article's story once all are grouped one by one in the given order (a
    later split may have moved it from the story it joined), and seconds."""
    grouper = StoryGrouper(StoryClusterer(join_threshold=threshold))
    started = time.perf_counter()
    for a in annotated:
        grouper.add(a)
    return {a.article.id: grouper.story_of(a.article.id) for a in annotated}, \
        time.perf_counter() - started


def scores(predicted: dict[str, str], gold: dict[str, str],
           items: list[str] | None = None) -> tuple[float, ...]:
    """B-cubed P, R, F1, ARI and the number of stories, over `items` (default: gold's)."""
    scored = {i: gold[i] for i in (items or gold)}
    return (*bcubed(predicted, gold, items), adjusted_rand(predicted, scored),
            len({predicted[i] for i in scored}))


def report(name: str, runs: list[tuple[float, ...]], events: int, seconds: float) -> None:
    """One line: the mean of `scores` over runs (orders), and F1's range if several."""
    precision, recall, f1, ari, stories = (sum(column) / len(runs) for column in zip(*runs))
    spread = (f" [{min(r[2] for r in runs):.3f}-{max(r[2] for r in runs):.3f}]"
              if len(runs) > 1 else "")
    print(f"{name:38s} B3 P {precision:.3f} R {recall:.3f} F1 {f1:.3f}{spread}  "
          f"ARI {ari:.3f}  stories {stories:6.1f} (gold {events})  {seconds:5.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="seed of the first shuffled order")
    parser.add_argument("--orders", type=int, default=3, help="shuffled orders to average")
    parser.add_argument("--thresholds", default=str(join_model().threshold),
                        help="comma-separated join probabilities to evaluate "
                             "(default: the shipped model's)")
    parser.add_argument("--store", help="a store to keep the ingested articles in between "
                                        "runs (default: a temporary one)")
    args = parser.parse_args()

    ecb, ecb_gold = ecbplus_records()
    basil, basil_gold = basil_records()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "events.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in ecb + basil), encoding="utf-8")
        started = time.perf_counter()
        # Ingest reads what the store already holds instead of annotating it again.
        with Store(Path(args.store or Path(folder) / "events.db")) as store:
            ingested = ingest_into(store, [str(corpus)])
            annotated = {a.article.id: a for a in store.annotated(ingested.article_ids)}
        print(f"ingested {len(annotated)} articles ({len(ingested.problems)} problems) "
              f"in {time.perf_counter() - started:.0f} s")

    in_order = [annotated[r["id"]] for r in ecb]
    seeds = range(args.seed, args.seed + args.orders)
    shuffled = [random.Random(seed).sample(in_order, len(in_order)) for seed in seeds]
    mixed_in_order = [annotated[r["id"]] for r in ecb + basil]
    mixed = [random.Random(seed).sample(mixed_in_order, len(mixed_in_order)) for seed in seeds]
    gold = {**ecb_gold, **basil_gold}
    events = len(set(ecb_gold.values())), len(set(basil_gold.values()))
    orders = f"{args.orders} orders" if args.orders > 1 else f"seed {args.seed}"
    for threshold in map(float, args.thresholds.split(",")):
        print(f"-- join probability {threshold}")
        predicted, seconds = cluster(in_order, threshold)
        report("ECB+ dev, input order", [scores(predicted, ecb_gold)], events[0], seconds)
        runs = [cluster(order, threshold) for order in shuffled]
        report(f"ECB+ dev, shuffled ({orders})", [scores(p, ecb_gold) for p, _ in runs],
               events[0], sum(s for _, s in runs) / len(runs))
        runs = [cluster(order, threshold) for order in mixed]
        seconds = sum(s for _, s in runs) / len(runs)
        for name, items, count in (("ECB+", list(ecb_gold), events[0]),
                                   ("BASIL", list(basil_gold), events[1])):
            report(f"ECB+ among BASIL, shuffled: {name}",
                   [scores(p, gold, items) for p, _ in runs], count, seconds)


if __name__ == "__main__":
    main()
