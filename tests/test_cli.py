"""The command line as a user meets it: tables, reports, files, exit status."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import EXAMPLES, run_storylens

STORY = """---
title: Lighthouse Keeper Retires After 40 Years
outlet: Cape Gazette
author: Tomas Reyes
published: 2024-06-11
url: https://capegazette.example/lighthouse-keeper
---
Ines Albarran, the last keeper of the Punta Gris lighthouse, retired on Monday.

She said the light had never failed on her watch, not even during the storm of 1998.
"""


def test_ingest_then_articles_table(tmp_path, run_cli):
    (tmp_path / "story.md").write_text(STORY)
    db = tmp_path / "news.db"
    assert run_cli("ingest", tmp_path / "story.md", "--db", db).exit_code == 0
    result = run_cli("articles", "--db", db)
    assert result.exit_code == 0
    for value in ("1 article(s)", "2024-06-11", "Cape Gazette", "Lighthouse Keeper",
                  "Tomas Reyes"):
        assert value in result.output
    result = run_cli("articles", "--db", db, "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(result.output)))
    assert (row["published"], row["outlet"], row["author"]) == (
        "2024-06-11", "Cape Gazette", "Tomas Reyes")
    assert int(row["sentences"]) == 2


def test_articles_without_store_is_a_clear_error(tmp_path, run_cli):
    result = run_cli("articles", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "no such store" in result.output


def test_analyze_markdown_report(tmp_path, run_cli):
    (tmp_path / "story.md").write_text(STORY)
    result = run_cli("analyze", tmp_path / "story.md")
    assert result.exit_code == 0
    report = result.output
    assert report.startswith("# storylens report")
    assert "| 2024-06-11 | Cape Gazette | Lighthouse Keeper Retires After 40 Years |" in report
    assert "Ines Albarran" in report  # named in the entity index and the lede


def test_analyze_json_to_file(tmp_path, run_cli):
    (tmp_path / "story.md").write_text(STORY)
    out = tmp_path / "report.json"
    result = run_cli("analyze", tmp_path / "story.md", "--format", "json", "--out", out)
    assert result.exit_code == 0 and result.output == ""
    [article] = json.loads(out.read_text())["articles"]
    assert article["url"] == "https://capegazette.example/lighthouse-keeper"
    assert article["text"].startswith("Ines Albarran, the last keeper")
    person = next(e for e in article["entities"] if e["label"] == "PERSON")
    assert article["text"][person["start"]:person["end"]] == person["text"]


def test_no_progress_bar_when_not_a_terminal(tmp_path):
    (tmp_path / "story.md").write_text(STORY)
    result = run_storylens("ingest", tmp_path / "story.md", "--db", tmp_path / "s.db")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        f"1 article(s) ingested, 0 already stored, 0 input(s) failed; 1 in {tmp_path / 's.db'}"]


def test_usage_error_status(tmp_path):
    result = run_storylens("ingest")
    assert result.returncode == 2
    assert "Missing argument" in result.stderr


def test_worker_processes_give_the_same_report(tmp_path):
    reports = []
    for processes in ("1", "2"):
        result = run_storylens("analyze", EXAMPLES / "articles", "--format", "json",
                               "-j", processes, "--batch-size", "2")
        assert result.returncode == 0, result.stderr
        reports.append(json.loads(result.stdout))
    assert reports[0] == reports[1]
    assert len(reports[0]["articles"]) == 5


@pytest.fixture
def two_stories(tmp_path, run_cli):
    """A store of two stories: the lighthouse keeper (June) and a ferry route (July)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text(STORY)
    (inbox / "b.md").write_text("---\ntitle: Harbour ferry route approved\noutlet: Bay News\n"
                                   "published: 2024-07-01\n---\nThe harbour council approved a"
                                   " new ferry route to Isla Verde on Monday.\n")
    db = tmp_path / "news.db"
    assert run_cli("ingest", inbox, "--db", db).exit_code == 0
    return db


@pytest.mark.parametrize("search, shown", [
    (["--search", "ferr"], "Harbour ferry"),
    (["--search", "lighthouse watch"], "Lighthouse Keeper"),
    (["--outlet", "cape gazette"], "Lighthouse Keeper"),
    (["--person", "Albarran"], "Lighthouse Keeper"),
    (["--since", "2024-06-20"], "Harbour ferry"),
    (["--until", "2024-06-20"], "Lighthouse Keeper"),
])
def test_stories_search(two_stories, run_cli, search, shown):
    result = run_cli("stories", "--db", two_stories, *search)
    assert result.exit_code == 0, result.output
    assert "1 of 2 stories" in result.output and shown in result.output
    other = {"Harbour ferry", "Lighthouse Keeper"} - {shown}
    assert other.pop() not in result.output


def test_stories_search_finding_nothing_and_bad_dates(two_stories, run_cli):
    result = run_cli("stories", "--db", two_stories, "--search", "volcano")
    assert result.exit_code == 0 and "0 of 2 stories" in result.output
    result = run_cli("stories", "--db", two_stories, "--since", "June 20")
    assert result.exit_code == 2 and "--since" in result.output


def test_stories_limit(two_stories, run_cli):
    db = two_stories
    result = run_cli("stories", "--db", db, "--limit", "1")
    assert result.exit_code == 0
    assert "2 stories" in result.output
    # Latest first, and only one row.
    assert "Harbour ferry route approved" in result.output
    assert "Lighthouse Keeper" not in result.output
