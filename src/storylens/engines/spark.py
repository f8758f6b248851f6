"""The Spark engine: the local engine's stages over a corpus, on a Spark cluster.

What runs where:

- Executors ingest and understand. A JSON Lines file is read line by line (Hadoop
  splits, so one big file spreads over many tasks; each line goes through
  `ingest.jsonl.read_line`), any other file whole (`ingest.read_stream`: WARC, HTML,
  text). The spaCy pipeline is loaded once per executor Python process
  (`understand.load_pipeline` caches it; Spark reuses its Python workers), and each
  article gets the same `annotate` as in the local engine, then its grouping inputs:
  its MinHash sketch and its features (the `group` functions).
- The driver groups. Sketches and features (a few KB an article, never text) stream
  to it in input order and go through the local engine's `StoryGrouper`, so wire
  copies and stories are decided by the same code in the same order: the same
  stories as `storylens ingest` on the same input. Its cost per article does not grow
  with the corpus (LSH for copies; time-windowed, entity- and word-blocked candidate
  stories for clustering: see `group.cluster`).
- Executors again write the Parquet tables (articles, quotes, entities, stories,
  copies, problems) and, per story, the comparison (`facts`), and the driver can load
  the articles and stories into a SQLite store for the web app.

A bad record becomes a row of `problems`, never a failed job.

Run it from the CLI (`storylens spark`) or with `spark-submit`:
    spark-submit src/storylens/engines/spark.py --input news/ --output out/
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Sequence

from py4j.protocol import Py4JJavaError
from pyspark import SparkConf, StorageLevel
from pyspark.sql import SparkSession

from storylens import group
from storylens.compare.brief import analyse_story
from storylens.ingest import read_stream
from storylens.ingest.jsonl import read_line
from storylens.model import Article, Copy, InputProblem, Story
from storylens.engines import tables
from storylens.engines.local import GroupingWriter
from storylens.engines.workers import one_thread_each
from storylens.store import Store
from storylens.understand import annotate, load_pipeline
from storylens.understand.base import DEFAULT_PIPELINE

#: File names read line by line (splittable across tasks); others are read whole.
LINE_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
#: Tasks per core when no partition count is given: small tasks even out the
#: uneven cost of articles.
TASKS_PER_CORE = 4
#: Input bytes per task at least (about fifty articles): a task costs a Spark job
#: some scheduling, so small inputs get few tasks.
TASK_BYTES = 256 * 1024
#: Input bytes per partition streamed to the driver for grouping: bounds the
#: driver's memory whatever the corpus size.
DRIVER_PARTITION_BYTES = 256 * 1024 * 1024


class SparkEngineError(Exception):
    """The job cannot start (the output exists, an input cannot be listed)."""


@dataclass
class SparkReport:
    """What one Spark run produced."""

    output: str
    articles: int = 0
    stories: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InputFile:
    """One file to read: its Hadoop URI, the location the local engine would name
    it by, and whether it is read line by line."""

    uri: str
    location: str
    lines: bool
    size: int


# -- the session -----------------------------------------------------------------------

def spark_session(master: str | None = None) -> SparkSession:
    """A Spark session; in local mode bound to the loopback interface, with the
    workers running this Python (and so this environment's packages)."""
    local = master is None or master.startswith("local")
    if local and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    conf = SparkConf()  # holds spark-submit's settings, when run through it
    if master:
        conf.setMaster(master)
    conf.setIfMissing("spark.master", "local[*]")
    if conf.get("spark.master").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        conf.setIfMissing("spark.driver.host", "127.0.0.1")
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1")
    conf.setIfMissing("spark.ui.enabled", "false")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    conf.setIfMissing("spark.app.name", "storylens")
    session = SparkSession.builder.config(conf=conf).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


# -- inputs ------------------------------------------------------------------------------

def _has_scheme(value: str) -> bool:
    return "://" in value or value.startswith("file:")


def list_inputs(spark: SparkSession, inputs: Sequence[str]
                ) -> tuple[list[InputFile], list[InputProblem]]:
    """The files under `inputs` (paths or Hadoop URIs) in the local engine's order:
    each folder's files sorted by name, then its sub-folders; hidden names skipped."""
    context = spark.sparkContext
    hadoop = context._jvm.org.apache.hadoop.fs
    configuration = context._jsc.hadoopConfiguration()
    files, problems = [], []

    def walk(filesystem, status, location: str) -> Iterator[InputFile]:
        if not status.isDirectory():
            name = status.getPath().getName()
            yield InputFile(status.getPath().toString(), location,
                            name.lower().endswith(LINE_SUFFIXES), status.getLen())
            return
        children = sorted((c for c in filesystem.listStatus(status.getPath())
                           if not c.getPath().getName().startswith(".")),
                          key=lambda c: (c.isDirectory(), c.getPath().getName()))
        for child in children:
            child_location = (child.getPath().toString() if _has_scheme(location)
                              else str(Path(location) / child.getPath().getName()))
            yield from walk(filesystem, child, child_location)

    for value in inputs:
        try:
            path = hadoop.Path(value)
            filesystem = path.getFileSystem(configuration)
            if not filesystem.exists(path):
                problems.append(InputProblem(value, "no such file or directory"))
                continue
            files.extend(walk(filesystem, filesystem.getFileStatus(path), value))
        except Py4JJavaError as error:  # unknown scheme, unreachable or denied storage
            problems.append(InputProblem(value, f"cannot list ({error.java_exception})"))
    return files, problems


def _tasks(size: int, partitions: int) -> int:
    return max(1, min(partitions, -(-size // TASK_BYTES)))


def _records(spark: SparkSession, files: list[InputFile], partitions: int):
    """One RDD of (file number, line number, location, payload): a JSON Lines line
    (str) or a whole file's bytes (line number 0), in about `partitions` tasks."""
    context = spark.sparkContext
    parts = []
    for number, file in enumerate(files):
        if not file.lines:
            continue
        lines = context.textFile(file.uri, minPartitions=_tasks(file.size, partitions))
        parts.append(lines.zipWithIndex().map(
            lambda pair, n=number, at=file.location: (n, pair[1] + 1, at, pair[0])))
    whole = {f.uri: (number, f.location) for number, f in enumerate(files) if not f.lines}
    if whole:
        # One RDD for all whole files: Hadoop packs small files into few tasks.
        parts.append(context.binaryFiles(",".join(whole), minPartitions=_tasks(
            sum(f.size for f in files if not f.lines), partitions)).map(
            lambda pair: (whole[pair[0]][0], 0, whole[pair[0]][1], pair[1])))
    records = context.union(parts) if parts else context.emptyRDD()
    wanted = _tasks(sum(f.size for f in files), partitions)
    if records.getNumPartitions() < wanted:  # a gzip file is one task: spread its lines
        records = records.repartition(wanted)
    return records


# -- executors ---------------------------------------------------------------------------

def _read_record(location: str, line: int, payload: str | bytes
                 ) -> Iterator[Article | InputProblem]:
    if isinstance(payload, str):
        return read_line(payload, f"{location}:{line}")
    return read_stream(io.BytesIO(payload), location, PurePosixPath(location).name)


def understand_partition(records: Iterable[tuple], pipeline: str, batch_size: int
                         ) -> Iterator[tuple]:
    """Ingest and annotate one partition's records, with the executor's one pipeline.

    Yields ("article", key, annotated, grouping input) and ("problem", key, problem),
    where key = (file, line, item) orders the input.
    """
    one_thread_each()
    nlp = load_pipeline(pipeline)
    keys: collections.deque[tuple] = collections.deque()
    problems: list[tuple] = []

    def articles() -> Iterator:
        for file_number, line, location, payload in records:
            for item_number, item in enumerate(_read_record(location, line, payload)):
                key = (file_number, line, item_number)
                if isinstance(item, InputProblem):
                    problems.append(("problem", key, item))
                else:
                    keys.append(key)
                    yield item

    for annotated in annotate(articles(), nlp, batch_size=batch_size):
        yield "article", keys.popleft(), annotated, group.grouping_input(annotated)
    yield from problems


def _to_driver(row: tuple, with_article: bool) -> tuple:
    """What the driver needs of one understood row, keyed by input order: a problem,
    or an article's grouping inputs (and the article itself to store it)."""
    if row[0] == "problem":
        return row[1], row[2]
    _, key, annotated, inputs = row
    return key, (inputs, annotated if with_article else None)


def _facts(story_and_articles: tuple) -> Iterator[tuple]:
    story, articles = story_and_articles
    one_thread_each()
    yield from tables.fact_rows(analyse_story(story, list(articles)))


# -- the driver --------------------------------------------------------------------------

@dataclass
class _Grouping:
    """The driver's pass over the whole input, in input order."""

    seq: dict[tuple, int] = field(default_factory=dict)  # input key -> article order
    problems: list[InputProblem] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)


def group_in_order(understood, partitions: int, store: Store | None) -> _Grouping:
    """Run the local engine's grouper over every article, in input order.

    An id seen before keeps its first article, as the local engine does. With a
    store, each article is also stored (whole, so text crosses to the driver) and
    groupings are saved in chunks, continuing the store's own stories.
    """
    with_article = store is not None
    ordered = understood.map(lambda row: _to_driver(row, with_article)).sortByKey(
        numPartitions=partitions).toLocalIterator(prefetchPartitions=True)
    writer = GroupingWriter(store)
    result, seen = _Grouping(), set()
    for key, value in ordered:
        if isinstance(value, InputProblem):
            result.problems.append(value)
            continue
        inputs, annotated = value
        if inputs.article_id in seen:
            continue
        seen.add(inputs.article_id)
        result.seq[key] = len(result.seq)
        if store is not None:
            store.add(annotated)
        if grouped := writer.add(inputs):
            result.copies.extend(grouped.copies)
    writer.flush()
    result.stories = writer.grouper.stories()
    result.story_of = dict(writer.grouper.clusterer.story_of)
    return result


def _write(spark: SparkSession, rows, table: str, output_dir: str) -> str:
    path = f"{output_dir.rstrip('/')}/{table}"
    spark.createDataFrame(rows, tables.SCHEMAS[table]).write.parquet(path)
    return path


def _output_exists(spark: SparkSession, output_dir: str) -> bool:
    context = spark.sparkContext
    path = context._jvm.org.apache.hadoop.fs.Path(output_dir)
    return path.getFileSystem(context._jsc.hadoopConfiguration()).exists(path)


def run_spark(inputs: str | Sequence[str], output_dir: str, *, master: str | None = None,
              partitions: int | None = None, load_into: str | Path | None = None,
              pipeline: str = DEFAULT_PIPELINE, batch_size: int = 64,
              spark: SparkSession | None = None) -> SparkReport:
    """Ingest, understand, group and compare `inputs`; write Parquet tables to
    `output_dir` (which must not exist) and, with `load_into`, a SQLite store.

    `partitions` defaults to TASKS_PER_CORE tasks per core. A given `spark` session
    is used and left running; otherwise one is started for `master` and stopped.
    """
    inputs = [inputs] if isinstance(inputs, str) else list(inputs)
    session = spark or spark_session(master)
    try:
        return _run(session, inputs, output_dir, partitions, load_into, pipeline, batch_size)
    finally:
        if spark is None:
            session.stop()


def _run(spark: SparkSession, inputs: list[str], output_dir: str, partitions: int | None,
         load_into, pipeline: str, batch_size: int) -> SparkReport:
    if _output_exists(spark, output_dir):
        raise SparkEngineError(f"{output_dir}: already exists (choose a new output folder)")
    cores = spark.sparkContext.defaultParallelism
    files, problems = list_inputs(spark, inputs)
    understood = _records(spark, files, partitions or TASKS_PER_CORE * cores).mapPartitions(
        lambda records: understand_partition(records, pipeline, batch_size))
    understood.persist(StorageLevel.MEMORY_AND_DISK)
    to_driver = max(cores, -(-sum(f.size for f in files) // DRIVER_PARTITION_BYTES))
    try:
        if load_into is not None:
            with Store(load_into) as store:
                grouping = group_in_order(understood, to_driver, store)
        else:
            grouping = group_in_order(understood, to_driver, None)
        report = SparkReport(output_dir, len(grouping.seq), len(grouping.stories),
                             problems + grouping.problems)
        report.tables = _write_tables(spark, understood, grouping, report.problems,
                                      output_dir)
    finally:
        understood.unpersist()
    return report


def _write_tables(spark: SparkSession, understood, grouping: _Grouping,
                  problems: list[InputProblem], output_dir: str) -> list[str]:
    context = spark.sparkContext
    seq, story_of = context.broadcast(grouping.seq), context.broadcast(grouping.story_of)
    # The first article of each id, with its order and story.
    kept = understood.filter(lambda row: row[0] == "article" and row[1] in seq.value).map(
        lambda row: (seq.value[row[1]], row[2], story_of.value.get(row[2].article.id))
    ).coalesce(context.defaultParallelism)  # one task per core and table: few small jobs
    kept.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        written = [
            _write(spark, kept.map(lambda k: tables.article_row(k[1], k[0], k[2])), "articles",
                   output_dir),
            _write(spark, kept.flatMap(lambda k: tables.quote_rows(k[1])), "quotes",
                   output_dir),
            _write(spark, kept.flatMap(lambda k: tables.entity_rows(k[1])), "entities",
                   output_dir),
            _write(spark, [tables.story_row(s) for s in grouping.stories], "stories",
                   output_dir),
            _write(spark, [tables.copy_row(c) for c in grouping.copies], "copies", output_dir),
            _write(spark, [tables.problem_row(p) for p in problems], "problems", output_dir),
        ]
        # Each story's articles meet on one executor, which compares them.
        stories = context.parallelize([(s.id, s) for s in grouping.stories])
        members = kept.map(lambda k: (k[2], k[1])).groupByKey()
        written.append(_write(spark, stories.join(members).values().flatMap(_facts),
                              "facts", output_dir))
    finally:
        kept.unpersist()
        seq.unpersist()
        story_of.unpersist()
    return written


# -- spark-submit --------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> None:
    """`spark-submit storylens/engines/spark.py --input PATH_OR_URI --output DIR`."""
    parser = argparse.ArgumentParser(prog="storylens-spark", description=__doc__.split("\n")[0])
    parser.add_argument("--input", action="append", required=True,
                        help="file, folder or Hadoop URI (repeatable)")
    parser.add_argument("--output", required=True, help="folder or URI for the Parquet tables")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--partitions", type=int, help="tasks (default: 4 per core)")
    parser.add_argument("--load-into", help="also load the results into this SQLite store")
    parser.add_argument("--pipeline", default=DEFAULT_PIPELINE, help="spaCy pipeline package")
    parser.add_argument("--batch-size", type=int, default=64, help="articles per NLP batch")
    args = parser.parse_args(argv)
    try:
        report = run_spark(args.input, args.output, master=args.master,
                           partitions=args.partitions, load_into=args.load_into,
                           pipeline=args.pipeline, batch_size=args.batch_size)
    except SparkEngineError as error:
        sys.exit(f"error: {error}")
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(f"{report.articles} articles, {report.stories} stories, "
          f"{len(report.problems)} problems -> {report.output}")


if __name__ == "__main__":  # spark-submit runs this file as a script: use the installed
    from storylens.engines import spark as engine  # module, so tasks pickle by reference

    engine.main()
