"""The whole path, ingest to story briefs, vs a bare `nlp.pipe`, measured in one run.

Feeds the first N AllSides articles through the normal path (a JSON Lines file ->
ingest -> clean -> spaCy and every extractor (entities, quotes, speakers,
quantities, times) -> SQLite store -> story grouping), then compares every story
(the brief: alignment with sentence embeddings, facts, quotes, timeline…), and runs
a bare `nlp.pipe` over the same clean texts with the same pipeline and number of
processes. The ratio of the rates is the cost of everything storylens adds around
spaCy; the ingest-only ratio is printed too.

Usage: python bench/ingest_throughput.py [--articles 2000] [--processes 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import first_allsides_lines, peak_rss_mb

from storylens.engines.local import analyse_stories, ingest_into
from storylens.store import Store
from storylens.understand import load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "allsides.jsonl"
        corpus.write_text("".join(first_allsides_lines(args.articles)), encoding="utf-8")
        nlp = load_pipeline()  # loaded once, outside both timings

        with Store(Path(folder) / "bench.db") as store:
            started = time.perf_counter()
            report = ingest_into(store, [str(corpus)], n_process=args.processes,
                                 batch_size=args.batch_size)
            ingest_seconds = time.perf_counter() - started
            stories = store.stories()
            facts = sum(len(a.facts) for a in analyse_stories(store, stories,
                                                              n_process=args.processes))
            storylens_seconds = time.perf_counter() - started
            texts = [a.text for a in store.articles(report.article_ids)]

        started = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=args.processes, batch_size=args.batch_size):
            pass
        bare_seconds = time.perf_counter() - started

    count = len(report.added)
    chars = sum(map(len, texts))
    storylens_rate, bare_rate = count / storylens_seconds, len(texts) / bare_seconds
    print(f"articles: {count:,} ingested ({len(report.problems)} problems), "
          f"{chars / max(count, 1):,.0f} characters each on average; "
          f"processes: {args.processes}, batch size: {args.batch_size}")
    print(f"storylens ingest (all stages to stories): {ingest_seconds:7.1f} s "
          f"{count / ingest_seconds:7.1f} articles/s "
          f"(ratio {count / ingest_seconds / bare_rate:.2f})")
    print(f"storylens ingest + briefs of {len(stories):,} stories ({facts:,} facts): "
          f"{storylens_seconds:7.1f} s {storylens_rate:7.1f} articles/s")
    print(f"bare nlp.pipe, same texts:                {bare_seconds:7.1f} s "
          f"{bare_rate:7.1f} articles/s")
    print(f"ratio (storylens / bare): {storylens_rate / bare_rate:.2f}")
    print(f"peak RSS: {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
