"""The local engine: ingest -> understand -> store -> group -> compare on one machine.

Articles flow through in a stream, so memory does not grow with the input. Ids
already in the store are skipped before any NLP runs, and each article is stored in
its own transaction, so a run that is interrupted and started again redoes nothing
and loses nothing. Articles are grouped into stories as they are stored, the
groupings saved in chunks; what a killed run stored but did not group is grouped
first when the next run starts.

With several processes, each worker loads the spaCy pipeline once and runs the whole
per-article annotation (parse and every extractor) on batches of articles, with each
article's grouping inputs (sketch and features); the parent reads inputs, keeps a
bounded number of batches in flight, writes to the store and groups, in input order,
while the workers go on. Comparing stories (their briefs) runs the same way, one story
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
from ..group import GroupingInput, StoryGrouper, grouping_input
from ..group.stories import Grouped
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


def _understand(pipeline: str, articles: list[Article]
                ) -> list[tuple[AnnotatedArticle, GroupingInput]]:
    return [(annotated, grouping_input(annotated))
            for annotated in annotate(articles, load_pipeline(pipeline),
                                      batch_size=len(articles))]


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


def understand_stream(articles: Iterable[Article], *, pipeline: str = DEFAULT_PIPELINE,
                      n_process: int = 1, batch_size: int = 64
                      ) -> Iterator[tuple[AnnotatedArticle, GroupingInput]]:
    """Annotate `articles` and compute their grouping inputs, in input order, in
    `n_process` worker processes.

    At most two batches per worker are in flight, so a long input is never read
    ahead into memory.
    """
    batches = ((pipeline, batch) for batch in _batches(articles, batch_size))
    if n_process <= 1:
        for task in batches:
            yield from _understand(*task)
        return
    with concurrent.futures.ProcessPoolExecutor(
            n_process, initializer=_start_annotating_worker, initargs=(pipeline,)) as pool:
        for understood in _in_order(pool, _understand, batches, 2 * n_process):
            yield from understood


class GroupingWriter:
    """Places articles into the store's stories as they come and saves the groupings
    every GROUPING_CHUNK articles, in one transaction each (a run interrupted loses
    at most a chunk's grouping, which `group_stored` redoes). With no store it only
    places them. The grouper is rebuilt from the store when first needed.
    """

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self._grouper: StoryGrouper | None = None
        self._unsaved: list[Grouped] = []

    @property
    def grouper(self) -> StoryGrouper:
        if self._grouper is None:
            self._grouper = group.load(self.store) if self.store is not None \
                else StoryGrouper()
        return self._grouper

    def add(self, inputs: GroupingInput) -> Grouped | None:
        """Place one article (None if it was grouped already)."""
        if inputs.article_id in self.grouper:
            return None
        grouped = self.grouper.add_sketched(inputs)
        if self.store is not None:
            self._unsaved.append(grouped)
            if len(self._unsaved) >= GROUPING_CHUNK:
                self.flush()
        return grouped

    def flush(self) -> None:
        """Save the groupings not saved yet."""
        if self._unsaved:
            group.save(self.store, self.grouper, self._unsaved)
            self._unsaved = []


def ingest_into(store: Store, inputs: Iterable[str], *,
                fetcher: ingest.Fetcher | None = None,
                pipeline: str = DEFAULT_PIPELINE, n_process: int = 1,
                batch_size: int = 64,
                on_problem: Callable[[InputProblem], None] | None = None,
                on_article: Callable[[Article, bool], None] | None = None,
                ) -> IngestReport:
    """Read `inputs`, annotate the articles the store lacks, store them and group
    them into stories.

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
    writer = group_stored(store)  # what an interrupted run stored but did not group
    for annotated, inputs in understand_stream(new_articles(), pipeline=pipeline,
                                               n_process=n_process, batch_size=batch_size):
        store.add(annotated)
        writer.add(inputs)
        report.added.append(annotated.article.id)
        if on_article:
            on_article(annotated.article, True)
    writer.flush()
    return report


def group_stored(store: Store) -> GroupingWriter:
    """Group every stored article that is in no story yet, in the order stored; the
    writer goes on grouping what is stored next.

    The grouping state is rebuilt once from what the store kept (features and
    sketches, never text).
    """
    writer = GroupingWriter(store)
    for chunk in _batches(store.ungrouped_ids(), GROUPING_CHUNK):
        for annotated in store.annotated(chunk):
            writer.add(grouping_input(annotated))
    writer.flush()
    return writer


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
