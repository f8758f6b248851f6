"""The `storylens` command line: parses, calls the library, prints.

Exit status of `ingest` and `analyze`:
  0  every input was read
  1  nothing could be ingested (or the store could not be used)
  2  usage error (bad option or argument)
  3  some inputs failed and the rest were ingested (each failure named on stderr)
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

import click
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                           TimeElapsedColumn)
from rich.table import Table

from . import __version__
from .compare.quotes import names_speaker, quotes_by_speaker
from .engines.local import IngestReport, analyse_stories, ingest_into
from .ingest import Fetcher
from .model import Article, InputProblem
from .render.html import render_html
from .render.json import render_json, story_record
from .render.markdown import quoted_words, render_markdown, story_span
from .store import Store, StoreError
from .understand.base import DEFAULT_PIPELINE, PipelineError

EXIT_OK, EXIT_FAILED, EXIT_SOME_FAILED = 0, 1, 3
FORMATS = ("md", "json", "html")

stderr = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)

db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
    default="storylens.db", show_default=True, envvar="STORYLENS_DB",
    help="SQLite store (env STORYLENS_DB).")
#: How a listing is printed: a table for people, JSON Lines or CSV for programs.
LISTING_FORMATS = ("table", "jsonl", "csv")
listing_option = click.option(
    "--format", "listing_format", type=click.Choice(LISTING_FORMATS), default="table",
    show_default=True,
    help="table: for the terminal; jsonl: one JSON object per line; csv: a header, "
         "then one row per item (a list's items joined by \"; \").")


def write_records(records: list[dict], listing_format: str) -> None:
    """Print a listing's records as JSON Lines or CSV on standard output."""
    if listing_format == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    columns = list(records[0]) if records else []
    writer.writerow(columns)
    for record in records:
        writer.writerow([_csv_cell(record[column]) for column in columns])


def _csv_cell(value) -> str:
    """A CSV cell: a list's items joined by "; " (an inner list's by spaces, as a
    story's origins are lists of article ids), None empty."""
    if isinstance(value, list):
        return "; ".join(" ".join(map(str, item)) if isinstance(item, list) else str(item)
                         for item in value)
    return "" if value is None else str(value)


def ingest_options(command):
    """Options shared by the commands that ingest."""
    for option in reversed([
        click.option("--allow-private", is_flag=True,
                     help="Allow URLs on private, loopback and link-local addresses."),
        click.option("--pipeline", default=DEFAULT_PIPELINE, show_default=True,
                     help="spaCy pipeline package to use."),
        click.option("-j", "--processes", type=click.IntRange(1, 64), default=1,
                     show_default=True, help="Worker processes for the NLP."),
        click.option("--batch-size", type=click.IntRange(1, 10_000), default=64,
                     show_default=True, help="Articles per NLP batch."),
    ]):
        command = option(command)
    return command


@click.group()
@click.version_option(__version__, prog_name="storylens")
def cli():
    """storylens: what happened, according to whom.

    Give it news articles from many outlets (text, Markdown, HTML, JSON Lines,
    WARC, feeds, URLs); it cleans and stores them and reports on them.
    """


def stdout_console() -> Console:
    """A console for tables: the terminal's width, or a wide page when redirected."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


@contextlib.contextmanager
def open_store(path: Path) -> Iterator[Store]:
    try:
        store = Store(path)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    with store:
        yield store


def existing_store(db_path: Path):
    """The store at `db_path`, which must exist: reading never creates one."""
    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such store (run `storylens ingest` first)")
    return open_store(db_path)


def run_ingest(store: Store, inputs: tuple[str, ...], *, allow_private: bool,
               pipeline: str, processes: int, batch_size: int) -> IngestReport:
    """Ingest with a live count on a terminal and one stderr line per bad input."""
    show = stderr.is_terminal
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                        TimeElapsedColumn(), console=stderr, transient=True,
                        disable=not show)
    counts = {"added": 0, "present": 0, "problems": 0}
    started = time.monotonic()

    def describe() -> str:
        rate = counts["added"] / max(time.monotonic() - started, 1e-9)
        return (f"{counts['added']:,} ingested · {counts['present']:,} already stored · "
                f"{counts['problems']:,} failed · {rate:,.1f} articles/s")

    with progress:
        task = progress.add_task(describe())

        def on_problem(problem: InputProblem) -> None:
            counts["problems"] += 1
            stderr.print(f"storylens: {problem}")
            progress.update(task, description=describe())

        def on_article(article: Article, added: bool) -> None:
            counts["added" if added else "present"] += 1
            progress.update(task, description=describe())

        try:
            return ingest_into(store, inputs, fetcher=Fetcher(allow_private=allow_private),
                               pipeline=pipeline, n_process=processes,
                               batch_size=batch_size, on_problem=on_problem,
                               on_article=on_article)
        except PipelineError as error:
            raise click.ClickException(str(error)) from None


def progress(items, description: str, total: int):
    """Iterate with a progress bar on a terminal's stderr (nothing when piped)."""
    bar = Progress(TextColumn(description), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=stderr, transient=True,
                   disable=not stderr.is_terminal or total < 2)
    with bar:
        yield from bar.track(items, total=total)


def exit_status(report: IngestReport) -> int:
    if not report.article_ids:
        return EXIT_FAILED
    return EXIT_SOME_FAILED if report.problems else EXIT_OK


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@ingest_options
def ingest(inputs, db_path, allow_private, pipeline, processes, batch_size):
    """Ingest files, directories and URLs into the store.

    Each article is cleaned, annotated and stored once: ingesting it again, or
    rerunning an interrupted run, adds only what is missing.

    Example:

        storylens ingest news/ feed.xml https://example.com/story --db news.db
    """
    with open_store(db_path) as store:
        report = run_ingest(store, inputs, allow_private=allow_private, pipeline=pipeline,
                            processes=processes, batch_size=batch_size)
        stderr.print(f"{len(report.added):,} article(s) ingested, "
                     f"{len(report.already_stored):,} already stored, "
                     f"{len(report.problems):,} input(s) failed; "
                     f"{store.count():,} in {db_path}", highlight=False)
    sys.exit(exit_status(report))


@cli.command()
@db_option
@click.option("--limit", type=click.IntRange(1), default=None, help="Show at most N.")
@listing_option
def articles(db_path, limit, listing_format):
    """List the stored articles, newest first.

    Examples:

        storylens articles --db news.db --limit 20

        storylens articles --db news.db --format csv > articles.csv
    """
    with existing_store(db_path) as store:
        if listing_format != "table":
            rows = itertools.islice(store.summaries(), limit)
            write_records([{key: row[key] for key in ("id", "published", "outlet", "title",
                                                      "author", "sentences", "entities")}
                           for row in rows], listing_format)
            return
        table = Table(title=f"{store.count():,} article(s) in {db_path}")
        table.add_column("id", no_wrap=True)
        table.add_column("published", no_wrap=True)
        table.add_column("outlet", max_width=28)
        table.add_column("title", ratio=1)
        table.add_column("author", max_width=28)
        table.add_column("sentences", justify="right")
        table.add_column("entities", justify="right")
        for n, row in enumerate(store.summaries()):
            if limit is not None and n >= limit:
                break
            table.add_row(row["id"], row["published"] or "—", row["outlet"] or "—",
                          row["title"] or "—", row["author"] or "—",
                          str(row["sentences"]), str(row["entities"]))
        stdout_console().print(table)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, envvar="STORYLENS_DB",
              help="SQLite store to use (default: a temporary one).")
@click.option("--format", "output_format", type=click.Choice(FORMATS),
              default="md", show_default=True,
              help="md: Markdown for the terminal; json: the JSON contract; "
                   "html: a self-contained page of the story briefs.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the report here instead of standard output.")
@ingest_options
def analyze(inputs, db_path, output_format, out, allow_private, pipeline, processes,
            batch_size):
    """Ingest INPUTS, then report on their articles and the brief of each story.

    Example:

        storylens analyze examples/ --format json --out report.json
    """
    with contextlib.ExitStack() as stack:
        if db_path is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="storylens-"))
            db_path = Path(folder) / "storylens.db"
        store = stack.enter_context(open_store(db_path))
        report = run_ingest(store, inputs, allow_private=allow_private, pipeline=pipeline,
                            processes=processes, batch_size=batch_size)
        if not report.article_ids:
            stderr.print("storylens: no articles could be read from the inputs")
            sys.exit(EXIT_FAILED)
        story_ids = dict.fromkeys(filter(None, map(store.story_of, report.article_ids)))
        document = render(store, report.article_ids, store.stories(story_ids), output_format,
                          processes=processes)
    if out:
        out.write_text(document, encoding="utf-8")
    else:
        click.echo(document, nl=False)
    sys.exit(exit_status(report))


def render(store: Store, article_ids, stories, output_format: str, *,
           processes: int = 1) -> str:
    """The report on these articles and the briefs of these stories, in one format."""
    analyses = list(progress(analyse_stories(store, stories, n_process=processes),
                             "Comparing stories", total=len(stories)))
    if output_format == "html":
        return render_html(analyses)
    renderer = render_json if output_format == "json" else render_markdown
    return renderer(store.annotated(article_ids), stories, analyses)


@cli.command()
@db_option
@click.option("--search", "words", default="", metavar="WORDS",
              help="Words every story shown must hold, in its label or its articles' "
                   "titles and text (the start of a word is enough).")
@click.option("--outlet", default=None, help="Only stories this outlet reports.")
@click.option("--person", default=None,
              help="Only stories naming or quoting this person (part of the name is "
                   "enough).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only stories with an article published on or after this day "
                   "(YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only stories with an article published on or before this day.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Show at most N.")
@listing_option
def stories(db_path, words, outlet, person, since, until, limit, listing_format):
    """List the stories in the store, latest first, or those a search finds.

    Each story is the articles that report one event; copies of one wire text count
    as one origin.

    Examples:

        storylens stories --db news.db --limit 20

        storylens stories --db news.db --search "warehouse fire" --since 2025-03-01

        storylens stories --db news.db --format jsonl > stories.jsonl
    """
    with existing_store(db_path) as store:
        found, total = store.search_stories(
            words=words.split(), outlet=outlet, person=person,
            since=since.date() if since else None, until=until.date() if until else None,
            limit=limit)
        if listing_format != "table":
            write_records([story_record(story) for story in found], listing_format)
            return
        everything = store.story_count()
        stories_word = "story" if everything == 1 else "stories"
        title = (f"{total:,} {stories_word} in {db_path}" if total == everything else
                 f"{total:,} of {everything:,} {stories_word} in {db_path} match")
        table = Table(title=title)
        table.add_column("id", no_wrap=True)
        table.add_column("story", ratio=1)
        table.add_column("articles", justify="right")
        table.add_column("outlets", max_width=40)
        table.add_column("span", no_wrap=True)
        for story in found:
            table.add_row(story.id, story.label, str(len(story.article_ids)),
                          ", ".join(story.outlets) or "—", story_span(story))
        stdout_console().print(table)


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--format", "output_format", type=click.Choice(FORMATS),
              default="md", show_default=True)
def story(story_id, db_path, output_format):
    """Show one story's brief: corroborated facts, conflicts, coverage, who said what,
    timeline and a cited summary.

    Example:

        storylens story 3f2a9c1e0b7d4a55 --db news.db --format json
    """
    with existing_store(db_path) as store:
        found = store.stories([story_id])
        if not found:
            raise click.ClickException(f"{story_id}: no such story in {db_path} "
                                       "(`storylens stories` lists them)")
        click.echo(render(store, found[0].article_ids, found, output_format), nl=False)


@cli.command()
@click.argument("speaker")
@db_option
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True,
              help="Read at most N stories, those of the newest quotes first (each is "
                   "compared anew to name its speakers).")
@listing_option
def quotes(speaker, db_path, limit, listing_format):
    """Everything SPEAKER is quoted saying in the stored stories, story by story.

    The speaker is named as the stories name them, across outlets and however an
    article refers to them ("he", "the NATO chief"); a surname is enough, and every
    speaker it may stand for is listed under their full name.

    Examples:

        storylens quotes Stoltenberg --db news.db

        storylens quotes Stoltenberg --db news.db --format jsonl
    """
    with existing_store(db_path) as store:
        quoting = store.stories_quoting(speaker)
        stories = store.stories(quoting[:limit])
        more = (f" (the {limit:,} newest of {len(quoting):,} stories; --limit for more)"
                if len(quoting) > limit else "")
        records = []
        for analysis in progress(analyse_stories(store, stories), "Comparing stories",
                                 total=len(stories)):
            for name, said in quotes_by_speaker(analysis.articles, analysis.speakers):
                if not names_speaker(speaker, name):
                    continue
                for annotated, quote in said:
                    text = annotated.article.text[quote.content.start:quote.content.end]
                    records.append({
                        "story": analysis.story.id, "story_label": analysis.story.label,
                        "speaker": name, "article": annotated.article.id,
                        "outlet": annotated.article.outlet, "kind": quote.kind,
                        "start": quote.content.start, "end": quote.content.end,
                        "text": text})
        if not records:
            raise click.ClickException(f"{speaker!r}: no quotes of such a speaker in {db_path}")
        if listing_format != "table":
            write_records(records, listing_format)
            return
        table = Table(title=f"Quotes of {speaker!r} in {db_path}{more}")
        for column in ("story", "speaker", "outlet", "kind"):
            table.add_column(column, max_width=40)
        table.add_column("what was said", ratio=1)
        for record in records:
            table.add_row(record["story_label"], record["speaker"], record["outlet"] or "—",
                          record["kind"], quoted_words(record["text"], record["kind"]))
        stdout_console().print(table)


@cli.command("spark")
@click.option("--input", "inputs", multiple=True, required=True,
              help="File, folder or Hadoop URI (hdfs://, s3a://…); repeatable.")
@click.option("--output", required=True, help="Folder or URI for the Parquet tables (new).")
@click.option("--master", default=None, help="Spark master URL  [default: local[*]]")
@click.option("--partitions", type=click.IntRange(1), default=None,
              help="Tasks for ingest and NLP  [default: 4 per core]")
@click.option("--load-into", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also load the articles and stories into this SQLite store.")
@click.option("--pipeline", default=DEFAULT_PIPELINE, show_default=True,
              help="spaCy pipeline package to use.")
def spark_command(inputs, output, master, partitions, load_into, pipeline):
    """Run ingest, NLP, grouping and comparison on Apache Spark; write Parquet tables.

    Tables: articles, quotes, entities, stories, copies, problems (and facts).

    Example:

        storylens spark --input news/ --output tables/ --master local[4] --load-into news.db
    """
    try:
        from .engines.spark import SparkEngineError, run_spark
    except ImportError:
        raise click.ClickException("the Spark engine needs pyspark: "
                                   "pip install 'storylens[spark]'") from None
    try:
        report = run_spark(list(inputs), output, master=master, partitions=partitions,
                           load_into=load_into, pipeline=pipeline)
    except SparkEngineError as error:
        raise click.ClickException(str(error)) from None
    for problem in report.problems:
        stderr.print(f"problem: {problem}")
    stderr.print(f"{report.articles:,} article(s), {report.stories:,} stories, "
                 f"{len(report.problems):,} input(s) failed; tables in {output}")
    sys.exit(EXIT_FAILED if not report.articles
             else EXIT_SOME_FAILED if report.problems else EXIT_OK)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token", envvar="STORYLENS_TOKEN", default=None,
              help="Bearer token for ingesting (env STORYLENS_TOKEN); needed off loopback.")
@click.option("--allow-private-urls", "allow_private", is_flag=True,
              help="Let ingest fetch URLs on private, loopback and link-local addresses.")
def serve(db_path, host, port, token, allow_private):
    """Read the stories in a browser, and serve the HTTP API (/openapi.json).

    Example:

        storylens serve --db news.db --port 8000
    """
    from .web import serve as serve_web  # the web stack loads only to serve

    try:
        serve_web(db_path, host, port, token, allow_private)
    except ValueError as error:
        raise click.ClickException(str(error)) from None


def main() -> None:
    # Worker processes and pipes: a closed stdout (`| head`) is not an error.
    try:
        cli()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_FAILED)
