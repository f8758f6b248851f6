"""Spark `local[2]` and the local engine give the same answers on the same input.

One Spark run (the examples, AllSides articles when the evaluation data is there, a
repeated article and a bad line) is compared with `storylens ingest` on the same
folder: the same articles in the same order with the same texts, the same quotes,
the same stories, the same facts, the same problems; and the SQLite store it loads
serves the same stories as the local engine's.
"""

from __future__ import annotations

import gzip
import itertools
import shutil

import pytest

pytest.importorskip("pyspark")
import pyarrow.parquet as pq  # noqa: E402  (pyspark[sql] brings pyarrow)

from conftest import EXAMPLES, SHARED  # noqa: E402

from storylens.compare.brief import analyse_story  # noqa: E402
from storylens.engines.local import ingest_into  # noqa: E402
from storylens.engines.spark import SparkEngineError, run_spark, spark_session  # noqa: E402
from storylens.store import Store  # noqa: E402

ALLSIDES = SHARED / "eval" / "allsides" / "articles.jsonl.gz"
ALLSIDES_ARTICLES = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The examples plus a JSON Lines file: AllSides articles (when present), one of
    them twice, and a line that is not JSON."""
    folder = tmp_path_factory.mktemp("spark") / "corpus"
    shutil.copytree(EXAMPLES / "articles", folder / "examples")
    lines = []
    if ALLSIDES.exists():
        with gzip.open(ALLSIDES, "rt", encoding="utf-8") as corpus_lines:
            lines = list(itertools.islice(corpus_lines, ALLSIDES_ARTICLES))
    lines[len(lines) // 2:len(lines) // 2] = ['{"title": "cut off", "text": "Half a\n']
    lines += lines[:1]  # the same article again: the first one is kept
    (folder / "allsides.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def runs(corpus, spark, tmp_path_factory):
    """The Spark run (tables and loaded store) and the local engine's store."""
    work = tmp_path_factory.mktemp("runs")
    report = run_spark([str(corpus)], str(work / "tables"), load_into=work / "spark.db",
                       spark=spark)
    with Store(work / "local.db") as store:
        local = ingest_into(store, [str(corpus)])
    return report, work, local


def table(work, name: str) -> list[dict]:
    return pq.read_table(work / "tables" / name).to_pylist()


def test_same_articles_in_the_same_order(runs):
    report, work, local = runs
    articles = sorted(table(work, "articles"), key=lambda row: row["seq"])
    assert [row["id"] for row in articles] == local.article_ids
    assert report.articles == len(local.article_ids) > 3
    with Store(work / "local.db") as store:
        assert {row["id"]: row["text"] for row in articles} == {
            a.id: a.text for a in store.articles()}
        assert {row["id"]: row["location"] for row in articles} == {
            a.id: a.location for a in store.articles()}


def test_same_quotes(runs):
    _, work, _ = runs
    spark_quotes = sorted((q["article_id"], q["n"], q["start"], q["end"], q["kind"],
                           q["source_start"], q["source_end"], q["speaker"])
                          for q in table(work, "quotes"))
    with Store(work / "local.db") as store:
        local_quotes = sorted((a.article.id, n, q.content.start, q.content.end, q.kind,
                               q.source and q.source.start, q.source and q.source.end,
                               q.speaker)
                              for a in store.annotated() for n, q in enumerate(a.quotes))
    assert spark_quotes == local_quotes
    assert spark_quotes


def test_same_stories(runs):
    _, work, _ = runs
    spark_stories = {row["id"]: (row["label"], tuple(row["article_ids"]),
                                 tuple(map(tuple, row["origins"])))
                     for row in table(work, "stories")}
    with Store(work / "local.db") as store:
        local_stories = {s.id: (s.label, s.article_ids, s.origins) for s in store.stories()}
    assert spark_stories == local_stories
    # The examples' wire dispatch, carried by two outlets, is one origin.
    assert any(len(origins) == 1 and len(origins[0]) == 2
               for _, _, origins in spark_stories.values())
    with Store(work / "spark.db") as loaded, Store(work / "local.db") as store:
        assert loaded.stories() == store.stories()
        assert loaded.count() == store.count()


def test_bad_record_is_a_problem_not_a_failure(runs, corpus):
    report, work, local = runs
    assert [str(p) for p in report.problems] == [str(p) for p in local.problems]
    assert any("invalid JSON" in p.message
               and p.location.startswith(f"{corpus / 'allsides.jsonl'}:")
               for p in report.problems)
    assert [(r["location"], r["message"]) for r in table(work, "problems")] == [
        (p.location, p.message) for p in report.problems]


def test_an_existing_output_is_refused(runs, corpus, spark):
    _, work, _ = runs
    with pytest.raises(SparkEngineError, match="already exists"):
        run_spark([str(corpus)], str(work / "tables"), spark=spark)


def test_same_facts(runs):
    _, work, _ = runs
    spark_facts = sorted((row["story_id"], row["id"], row["text"], row["status"],
                          tuple((s["article_id"], s["start"], s["end"])
                                for s in row["statements"]),
                          tuple((s["article_id"], s["start"], s["end"],
                                 round(s["probability"], 6)) for s in row["similar"]),
                          tuple(row["possibly_in"]))
                         for row in table(work, "facts"))
    with Store(work / "local.db") as store:
        local_facts = sorted(
            (story.id, fact.id, fact.text, fact.status,
             tuple((s.article_id, s.start, s.end) for s in fact.statements),
             tuple((s.statement.article_id, s.statement.start, s.statement.end,
                    round(s.probability, 6)) for s in fact.similar),
             fact.possibly_in)
            for story in store.stories()
            for fact in analyse_story(story, list(store.annotated(story.article_ids))).facts)
    assert spark_facts == local_facts
    assert any(status == "corroborated" for *_, status, _, _, _ in spark_facts)
