"""The local engine: ingest -> understand -> store on one machine, streaming.

Articles flow through in a stream, so memory does not grow with the input. Ids
already in the store are skipped before any NLP runs, and each article is stored in
its own transaction, so a run that is interrupted and started again redoes nothing
and loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .. import ingest
from ..model import Article, InputProblem
from ..store import Store
from ..understand import annotate, load_pipeline
from ..understand.base import DEFAULT_PIPELINE


@dataclass
class IngestReport:
    """What one ingest run did: ids it stored, ids the store already had, problems."""

    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    #: Every article the inputs held, stored now or before, in input order.
    article_ids: list[str] = field(default_factory=list)


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

    nlp = load_pipeline(pipeline)
    for annotated in annotate(new_articles(), nlp, n_process=n_process,
                              batch_size=batch_size):
        store.add(annotated)
        report.added.append(annotated.article.id)
        if on_article:
            on_article(annotated.article, True)
    return report
