"""Spark `local[N]` against the local engine on the same AllSides articles.

The first N articles of `allsides/articles.jsonl.gz` (2,000 by default) go through
the local engine (`ingest_into`, P worker processes, SQLite store, then the
compare stage for every story, `analyse_stories`, in P processes too) and then
through the Spark engine (`run_spark`, master local[P], Parquet tables with the
facts), in one run: the same work.
Reported: wall time of each (Spark with and without its session start), the ratio
(target: Spark <= 1.5x local), whether both found the same stories, the peak memory
of each engine's whole process tree (sampled: the driver, the JVM, every worker),
the driver's serial grouping cost per article (replayed from the local store's
sketches and features, as the Spark driver runs it), and the projection for 10
million articles on C cores from these measured rates.

Usage: python bench/spark_vs_local.py [--limit 2000] [--processes 2] [--cores 64 256]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
from scale_allsides import write_first_lines

from storylens.engines.local import analyse_stories, ingest_into
from storylens.engines.spark import run_spark, spark_session
from storylens.group import GroupingInput, StoryGrouper
from storylens.group.dedup import Sketch
from storylens.group.stories import _unpack
from storylens.store import Store

PROJECTED = 10_000_000
PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and all its descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            pages = int(Path(f"/proc/{entry}/statm").read_text().split()[1])
        except OSError:  # the process ended while we looked
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total / 2**20


class PeakMemory:
    """Samples this process tree's total RSS twice a second while in the block."""

    def __enter__(self) -> "PeakMemory":
        self.peak, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, tree_rss_mb(os.getpid()))

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def grouping_cost(store: Store) -> tuple[float, int]:
    """Seconds per article of the driver's serial grouping (`add_sketched` over the
    stored sketches and features, in order), and how many articles were replayed."""
    rows = list(store.grouped())
    grouper = StoryGrouper()
    started = time.perf_counter()
    for article_id, _, features, sketch_bytes, title, outlet, published in rows:
        grouper.add_sketched(GroupingInput(article_id, Sketch.from_bytes(sketch_bytes),
                                           _unpack(features), title, outlet, published))
    return (time.perf_counter() - started) / max(len(rows), 1), len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=2000, help="articles to read")
    parser.add_argument("--processes", type=int, default=2,
                        help="local worker processes = Spark local[N] cores")
    parser.add_argument("--cores", type=int, nargs="+", default=[64, 256, 1024],
                        help="cluster sizes for the 10-million projection")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "allsides.jsonl"
        write_first_lines(corpus, args.limit)

        with PeakMemory() as local_memory, Store(Path(folder) / "local.db") as store:
            started = time.perf_counter()
            report = ingest_into(store, [str(corpus)], n_process=args.processes)
            for _ in analyse_stories(store, store.stories(), n_process=args.processes):
                pass
            local_seconds = time.perf_counter() - started
            local_stories = {s.id: s.article_ids for s in store.stories()}
            per_article, replayed = grouping_cost(store)

        with PeakMemory() as spark_memory:
            started = time.perf_counter()
            spark = spark_session(f"local[{args.processes}]")
            session_seconds = time.perf_counter() - started
            spark_report = run_spark([str(corpus)], str(Path(folder) / "tables"), spark=spark)
            spark_seconds = time.perf_counter() - started
            spark.stop()
        spark_stories = {row["id"]: tuple(row["article_ids"]) for row in
                         pq.read_table(Path(folder) / "tables" / "stories").to_pylist()}

    count = len(report.added)
    job_seconds = spark_seconds - session_seconds
    print(f"articles: {count:,} (local), {spark_report.articles:,} (Spark); "
          f"{args.processes} processes / local[{args.processes}]")
    print(f"local engine: {local_seconds:,.1f} s ({count / local_seconds:.2f} articles/s), "
          f"peak RSS (process tree) {local_memory.peak:,.0f} MB")
    print(f"Spark engine: {spark_seconds:,.1f} s incl. {session_seconds:.1f} s session start "
          f"({spark_report.articles / spark_seconds:.2f} articles/s), peak RSS (driver, JVM, "
          f"workers) {spark_memory.peak:,.0f} MB")
    print(f"ratio Spark / local: {spark_seconds / local_seconds:.2f} "
          f"(job alone {job_seconds / local_seconds:.2f}; target <= 1.5)")
    same = spark_stories == local_stories
    print(f"same stories: {same} ({len(local_stories):,} local, {len(spark_stories):,} Spark)")
    print(f"driver grouping: {1000 * per_article:.2f} ms/article (serial; {replayed:,} "
          "replayed)")

    executor_seconds = job_seconds - spark_report.articles * per_article
    per_core = spark_report.articles / (executor_seconds * args.processes)
    print(f"\nprojection for {PROJECTED:,} articles (per-core rate {per_core:.2f} articles/s: "
          "the Spark job's time less its driver grouping, on this machine's cores; "
          "driver grouping serial at the rate above):")
    grouping_hours = PROJECTED * per_article / 3600
    for cores in args.cores:
        parallel_hours = PROJECTED / (per_core * cores) / 3600
        print(f"  {cores:>5} cores: {parallel_hours:6.1f} h executors + "
              f"{grouping_hours:.1f} h driver grouping = {parallel_hours + grouping_hours:.1f} h")


if __name__ == "__main__":
    main()
