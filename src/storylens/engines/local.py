"""The local engine: ingest -> understand -> store -> group -> compare on one machine.

Articles flow through in a stream, so memory does not grow with the input. Ids
already in the store are skipped before any NLP runs, and each article is stored in
its own transaction, so a run that is interrupted and started again redoes nothing
and loses nothing. Grouping into stories follows, for every stored article not yet
in a story (including those a killed run stored but did not group).

With several processes, each worker loads the spaCy pipeline once and runs the whole
per-article annotation (parse and every extractor) on batches of articles; the
parent reads inputs, keeps a bounded number of batches in flight and writes to the
store, in input order. Comparing stories (their briefs) runs the same way, one story
per task.
"""

from __future__ import annotations

import collections
import concurrent.futures
import itertools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .. import group, ingest
from ..compare.brief import analyse_story
from ..model import AnnotatedArticle, Article, InputProblem, Story, StoryAnalysis
from ..store import Store
from ..understand import annotate, load_pipeline
from ..understand.base import DEFAULT_PIPELINE
from .workers import one_thread_each


@dataclass
class IngestReport:
    """What one ingest run did: ids it stored, ids the store already had, problems."""

    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    #: Every article the inputs held, stored now or before, in input order.
    article_ids: list[str] = field(default_factory=list)


#: Articles grouped per transaction: an interrupted run loses at most this much
#: grouping work, which the next run redoes.
GROUPING_CHUNK = 500
#: Articles of the stories in flight per compare worker: enough small stories to go
#: on with while a large one is compared, a few megabytes of annotations each.
STORY_WINDOW_ARTICLES = 200


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _start_annotating_worker(pipeline: str) -> None:
    one_thread_each()
    load_pipeline(pipeline)  # cached for the worker's lifetime


def _annotate_batch(pipeline: str, batch: list[Article]) -> list[AnnotatedArticle]:
    return list(annotate(batch, load_pipeline(pipeline), batch_size=len(batch)))


def _in_order(pool: concurrent.futures.Executor, function: Callable, tasks: Iterable[tuple],
              window: int, weight: Callable[[tuple], int] = lambda task: 1) -> Iterator:
    """`function(*task)` for each task, results in task order, with at most `window`
    weight of tasks in flight (so a long input is never read ahead into memory)."""
    pending: collections.deque[tuple[concurrent.futures.Future, int]] = collections.deque()
    in_flight = 0
    for task in tasks:
        pending.append((pool.submit(function, *task), weight(task)))
        in_flight += pending[-1][1]
        while in_flight >= window:
            future, done = pending.popleft()
            in_flight -= done
            yield future.result()
    while pending:
        yield pending.popleft()[0].result()


def annotate_stream(articles: Iterable[Article], *, pipeline: str = DEFAULT_PIPELINE,
                    n_process: int = 1, batch_size: int = 64
                    ) -> Iterator[AnnotatedArticle]:
    """Annotate `articles` in input order, in `n_process` worker processes.

    At most two batches per worker are in flight, so a long input is never read
    ahead into memory.
    """
    if n_process <= 1:
        yield from annotate(articles, load_pipeline(pipeline), batch_size=batch_size)
        return
    with concurrent.futures.ProcessPoolExecutor(
            n_process, initializer=_start_annotating_worker, initargs=(pipeline,)) as pool:
        tasks = ((pipeline, batch) for batch in _batches(articles, batch_size))
        for annotated in _in_order(pool, _annotate_batch, tasks, 2 * n_process):
            yield from annotated


def ingest_into(store: Store, inputs: Iterable[str], *,
                fetcher: ingest.Fetcher | None = None,
                pipeline: str = DEFAULT_PIPELINE, n_process: int = 1,
                batch_size: int = 64,
                on_problem: Callable[[InputProblem], None] | None = None,
                on_article: Callable[[Article, bool], None] | None = None,
                ) -> IngestReport:
    """Read `inputs`, annotate the articles the store lacks, and store them.

    `on_problem` hears of each bad input as it is met; `on_article(article, added)`
    of each article once it is stored (added) or found already stored.
    """
    report = IngestReport()
    seen: set[str] = set()

    def new_articles() -> Iterator[Article]:
        for item in ingest.read(inputs, fetcher=fetcher):
            if isinstance(item, InputProblem):
                report.problems.append(item)
                if on_problem:
                    on_problem(item)
                continue
            if item.id in seen:
                continue
            seen.add(item.id)
            report.article_ids.append(item.id)
            if item.id in store:
                report.already_stored.append(item.id)
                if on_article:
                    on_article(item, False)
                continue
            yield item

    load_pipeline(pipeline)  # a missing pipeline fails here, before any input is read
    for annotated in annotate_stream(new_articles(), pipeline=pipeline,
                                     n_process=n_process, batch_size=batch_size):
        store.add(annotated)
        report.added.append(annotated.article.id)
        if on_article:
            on_article(annotated.article, True)
    group_stored(store)
    return report


def group_stored(store: Store) -> None:
    """Group every stored article that is in no story yet, in the order stored.

    The grouping state is rebuilt once from what the store kept (features and
    sketches, never text); each chunk's groupings are saved in one transaction.
    """
    pending = store.ungrouped_ids()
    if not pending:
        return
    grouper = group.load(store)
    for chunk in _batches(pending, GROUPING_CHUNK):
        group.save(store, grouper, [grouper.add(a) for a in store.annotated(chunk)])


def analyse_stories(store: Store, stories: Iterable[Story], *, n_process: int = 1
                    ) -> Iterator[StoryAnalysis]:
    """The compare stage: each story's analysis (its brief), in order, computed in
    `n_process` worker processes, with at most STORY_WINDOW_ARTICLES articles per
    worker in flight."""
    tasks = ((story, list(store.annotated(story.article_ids))) for story in stories)
    if n_process <= 1:
        for story, articles in tasks:
            yield analyse_story(story, articles)
        return
    with concurrent.futures.ProcessPoolExecutor(n_process, initializer=one_thread_each) as pool:
        # Stories differ in size by orders of magnitude: a window counted in articles
        # lets the other workers go on with small stories while one compares a large
        # one, where a window of a few stories would leave them idle.
        yield from _in_order(pool, analyse_story, tasks, STORY_WINDOW_ARTICLES * n_process,
                             weight=lambda task: len(task[1]))
