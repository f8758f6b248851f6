"""The story briefs of the BASIL events, counted: what a reader would be told.

BASIL (Fan et al., EMNLP 2019) has 70 events, each reported by the New York Times,
Fox News and the Huffington Post. Three outlets of different slants on one event is
where a brief earns trust or loses it: a conflict claimed where the outlets only word
things differently, round a figure or cut a quote longer, is the error an analyst
forgives least. This runs the articles through the normal path (JSON Lines ->
ingest -> store, grouped into stories as a user's would be), writes every story's
brief (`compare.brief.analyse_story`) and prints, over the stories of two or more
articles: facts by status, near misses listed under them, the facts each outlet is
said to leave out, conflicts by kind and story quotes carried by more than one
outlet. `--show KIND` (number, date, polarity, name; or all) prints each
conflict of that kind with its two sides, for reading them one by one: BASIL labels
no conflicts, so whether a claimed conflict is real is a reader's call. `--show
omitted` prints each fact an outlet is said to leave out, with the statements of the
outlets that tell it, to read against the omitting outlet's article.

Usage: python bench/basil_briefs.py [--store FILE] [--show all|omitted|KIND,...]
  --store keeps the ingested BASIL articles between runs (created when missing;
  delete it after a change to understand/, or its annotations are stale).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from ecbplus_align import ingested
from eval_corpora import basil_records

from storylens.compare.brief import analyse_story
from storylens.store import Store

DEFAULT_STORE = Path("/tmp/storylens-basil-briefs.db")
KINDS = ("number", "date", "polarity", "name")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--show", default="",
                        help="conflict kinds to print, or 'all'; 'omitted': the omissions")
    args = parser.parse_args()
    shown = set(KINDS) if args.show == "all" else set(filter(None, args.show.split(",")))

    records, _ = basil_records()
    annotated = ingested(records, args.store)
    with Store(args.store) as store:
        stories = [s for s in store.stories() if len(s.article_ids) > 1]
    started = time.process_time()
    statuses, conflicts = Counter(), Counter()
    shared_quotes = omissions = near_misses = 0
    for story in stories:
        articles = [annotated[article_id] for article_id in story.article_ids]
        analysis = analyse_story(story, articles)
        statuses.update(fact.status for fact in analysis.facts)
        near_misses += sum(len(fact.similar) for fact in analysis.facts)
        omissions += sum(len(coverage.omitted) for coverage in analysis.coverage)
        shared_quotes += sum(len({c.outlet for c in q.carriers}) > 1 for q in analysis.quotes)
        texts = {a.article.id: a.article for a in articles}
        if "omitted" in shown:
            facts = {fact.id: fact for fact in analysis.facts}
            for coverage in analysis.coverage:
                for fact_id in coverage.omitted:
                    print(f"{story.id} {fact_id} left out by {coverage.outlet}")
                    for statement in facts[fact_id].statements:
                        article = texts[statement.article_id]
                        said = " ".join(article.text[statement.start:statement.end].split())
                        print(f"    {article.outlet}: {said}")
        for conflict in analysis.conflicts:
            conflicts[conflict.kind] += 1
            if conflict.kind in shown:
                print(f"{story.id} {conflict.fact_id} {conflict.kind}")
                for side in conflict.sides:
                    article = texts[side.statement.article_id]
                    said = " ".join(article.text[side.statement.start:side.statement.end].split())
                    print(f"    {article.outlet}: {side.value} | {said}")
    seconds = time.process_time() - started
    print(f"BASIL: {len(records)} articles, {len(stories)} stories of 2+ articles, "
          f"briefs in {seconds:.0f} s CPU")
    print(f"facts {sum(statuses.values())}: " + ", ".join(
        f"{status} {statuses[status]}" for status in ("corroborated", "single_source",
                                                      "conflicting")))
    print(f"near misses listed {near_misses}; facts said to be left out by an outlet "
          f"{omissions}")
    print(f"conflicts {sum(conflicts.values())}: " + ", ".join(
        f"{kind} {conflicts[kind]}" for kind in KINDS))
    print(f"story quotes carried by 2+ outlets: {shared_quotes}")


if __name__ == "__main__":
    main()
