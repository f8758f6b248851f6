"""Ingest and group the AllSides corpus incrementally, in one run: does the cost grow?

The first N articles of `allsides/articles.jsonl.gz` (all 37,554 by default) go
through the normal path (JSON Lines -> ingest -> understand -> SQLite store -> group:
the local engine groups each article as it stores it). Reported: wall time,
articles/s, peak RSS, the time at the first tenth of the articles (3,755 of 37,554) and
the cost-growth ratio time(all)/time(first tenth), which is 10 for a cost per article
that does not grow with the corpus.

With `--without-nlp` the articles are read and cleaned by the same ingest readers
but not annotated (no spaCy: grouping sees words, numbers and copies only, no
entities), and each is grouped here once stored: a quick measure of how the grouping
stage alone scales to the full corpus, timed apart too.

Usage: python bench/scale_allsides.py [--limit 2000] [--processes 2] [--without-nlp]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import tempfile
import time
from pathlib import Path

from common import ALLSIDES, peak_rss_mb

from storylens import ingest
from storylens.engines.local import IngestReport, ingest_into
from storylens.group import StoryGrouper, save
from storylens.model import AnnotatedArticle, InputProblem
from storylens.store import Store

ALL = 37_554


def write_first_lines(path: Path, n: int) -> None:
    """Copy the corpus's first `n` lines to `path`, streaming (the whole corpus is
    223 million characters: holding it would dwarf what is measured)."""
    if not ALLSIDES.exists():
        raise SystemExit(f"{ALLSIDES}: not found (../shared/eval must be beside the project)")
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as lines, \
            path.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(lines, n))


def read_and_store(store: Store, path: str, on_article) -> IngestReport:
    """Read and clean articles as ingest does, store them unannotated, hand each on."""
    report = IngestReport()
    for item in ingest.read([path]):
        if isinstance(item, InputProblem):
            report.problems.append(item)
        elif store.add(annotated := AnnotatedArticle(item)):
            report.added.append(item.id)
            on_article(item, True, annotated)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=ALL, help="articles to read")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--without-nlp", action="store_true",
                        help="group the cleaned articles without annotating them")
    args = parser.parse_args()
    tenth = max(args.limit // 10, 1)

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "allsides.jsonl"
        write_first_lines(corpus, args.limit)
        grouper = StoryGrouper()
        grouping = {"seconds": 0.0, "stored": 0, "at_tenth": None, "all_at_tenth": None}
        with Store(Path(folder) / "allsides.db") as store:
            started = time.perf_counter()

            def stored(article, added: bool, annotated: AnnotatedArticle | None = None) -> None:
                """Each stored article: grouped here when read without NLP (the engine
                groups what it ingests itself), counted for the first tenth's time."""
                if not added:
                    return
                if annotated is not None:
                    begin = time.perf_counter()
                    save(store, grouper, [grouper.add(annotated)])
                    grouping["seconds"] += time.perf_counter() - begin
                grouping["stored"] += 1
                if grouping["stored"] == tenth:
                    grouping["at_tenth"] = grouping["seconds"]
                    grouping["all_at_tenth"] = time.perf_counter() - started

            if args.without_nlp:
                report = read_and_store(store, str(corpus), stored)
            else:
                report = ingest_into(store, [str(corpus)], n_process=args.processes,
                                     on_article=stored)
            seconds = time.perf_counter() - started
            stories = store.stories()
            copies = store.copies()

    count = len(report.added)
    sizes = sorted((len(s.article_ids) for s in stories), reverse=True)
    how = "read without NLP" if args.without_nlp else f"processes: {args.processes}"
    print(f"articles: {count:,} ingested and grouped ({len(report.problems)} problems), {how}")
    print(f"wall time: {seconds:,.1f} s, {count / seconds:.1f} articles/s; "
          f"peak RSS: {peak_rss_mb():,.0f} MB")
    if grouping["all_at_tenth"]:
        print(f"first {tenth:,} articles: {grouping['all_at_tenth']:,.1f} s; "
              f"cost-growth ratio {seconds / grouping['all_at_tenth']:.2f}")
    if grouping["at_tenth"]:
        print(f"grouping alone: {grouping['seconds']:,.1f} s "
              f"({1000 * grouping['seconds'] / count:.1f} ms/article), first {tenth:,}: "
              f"{grouping['at_tenth']:,.1f} s; ratio "
              f"{grouping['seconds'] / grouping['at_tenth']:.2f}")
    print(f"stories: {len(stories):,} ({sum(1 for n in sizes if n > 1):,} with 2+ articles, "
          f"largest {sizes[:5]}); copy relations: {len(copies):,}")


if __name__ == "__main__":
    main()
