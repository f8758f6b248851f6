"""Base understanding vs full `annotate_doc`, and what each extractor adds, in one run.

Reads the first N AllSides articles through ingest, parses them once with
`nlp.pipe` (single process) and, per parsed Doc, times the base understanding
(sentence spans + spaCy entities, what understand did before the extractors),
the full `annotate_doc` (every extractor), and each extractor call on its own
(named entities, quotes, speakers, quantities, time expressions). Added
percentages are relative to the base: spaCy's parse plus sentences and entities.
Times are CPU seconds of this process (`time.process_time`), so that other jobs on
a shared machine do not skew the ratios.

Usage: python bench/understand_throughput.py [--articles 1000] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from common import first_allsides_lines, peak_rss_mb

from storylens.ingest import read
from storylens.model import Article, Entity
from storylens.understand import load_pipeline
from storylens.understand import base, entities, quantities, quotes, speakers, timex


def _articles(n: int) -> list[Article]:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "allsides.jsonl"
        corpus.write_text("".join(first_allsides_lines(n)), encoding="utf-8")
        return [a for a in read([str(corpus)]) if isinstance(a, Article)]


def _timed(seconds: dict[str, float], name: str, call, *args):
    started = time.process_time()
    result = call(*args)
    seconds[name] += time.process_time() - started
    return result


def _measure(nlp, articles: list[Article], batch_size: int) -> tuple[dict[str, float], int]:
    """CPU seconds spent in each stage over all `articles`, and their sentence count."""
    seconds: dict[str, float] = defaultdict(float)
    sentences = 0
    docs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
    while True:
        started = time.process_time()
        try:
            doc, article = next(docs)
        except StopIteration:
            break
        seconds["spaCy parse"] += time.process_time() - started
        spans, _ = _timed(seconds, "sentences + entities", lambda d: (
            base._sentence_spans(d),
            tuple(Entity(e.start_char, e.end_char, e.text, e.label_) for e in d.ents)), doc)
        sentences += len(spans)
        _timed(seconds, "annotate_doc (all)", base.annotate_doc, doc, article)
        named = _timed(seconds, "entities", entities.named_entities, doc)
        found = _timed(seconds, "quotes", quotes.extract_quotes, doc)
        _timed(seconds, "speakers", speakers.resolve_speakers, doc, found, named)
        _timed(seconds, "quantities", quantities.extract_quantities, doc)
        _timed(seconds, "timex", timex.extract_times, doc, article.published)
    return seconds, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    articles = _articles(args.articles)
    nlp = load_pipeline()  # loaded once, outside the timings
    seconds, sentences = _measure(nlp, articles, args.batch_size)

    base_seconds = seconds["spaCy parse"] + seconds["sentences + entities"]
    full_seconds = seconds["spaCy parse"] + seconds["annotate_doc (all)"]
    count = len(articles)
    print(f"articles: {count:,} ({sentences:,} sentences), "
          f"{sum(len(a.text) for a in articles) / max(count, 1):,.0f} characters each on "
          f"average; 1 process, batch size {args.batch_size}")
    print(f"base understanding (parse + sentences + entities): {base_seconds:7.1f} CPU s "
          f"{count / base_seconds:6.1f} articles/s "
          f"{sentences / base_seconds:6.0f} sentences/s")
    print(f"full annotate_doc (parse + every extractor):       {full_seconds:7.1f} CPU s "
          f"{count / full_seconds:6.1f} articles/s")
    print(f"added by the extractors: {100 * (full_seconds - base_seconds) / base_seconds:+.1f}%")
    for name in ("entities", "quotes", "speakers", "quantities", "timex"):
        print(f"  {name:<11} {seconds[name]:7.2f} CPU s {100 * seconds[name] / base_seconds:+6.1f}%")
    print(f"peak RSS: {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
