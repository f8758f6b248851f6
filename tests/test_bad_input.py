"""Bad input never costs the batch: each bad file gets one clear line, the rest lands."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3

import pytest

from conftest import run_storylens

GOOD_TEXT = """Harbour Council Approves New Ferry Route

The harbour council approved a new ferry route on Monday after a two-hour debate.
Councillor Mira Okafor said the route would cut commuting times by a third.

The first ferry is expected to sail in the spring, officials said.
"""


def article_line(n: int) -> str:
    return json.dumps({"id": f"line-{n}", "title": f"Story {n}", "outlet": "Test Wire",
                       "text": f"Story number {n} happened in Lisbon on a Tuesday. "
                               f"It was reported by a correspondent."}) + "\n"


@pytest.fixture
def bad_folder(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good-one.txt").write_text(GOOD_TEXT)
    (folder / "good-two.md").write_text("---\ntitle: Bridge reopens\noutlet: Test Daily\n"
                                        "---\nThe old bridge reopened to traffic today.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n\t\n")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners met the mayor.".encode("latin-1"))
    (folder / "huge.txt").write_bytes(b"word " * 10_000_000)  # 50 MB, one line
    (folder / "broken.html").write_text("<html><head><title>x</title></head><body><div><p>")
    (folder / "mixed.jsonl").write_text(article_line(1) + "{not json\n" + article_line(3)
                                        + '{"id": "line-4", "text": 4}\n')
    whole = gzip.compress("".join(article_line(n) for n in range(10, 60)).encode())
    (folder / "truncated.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    return folder


BAD = ["empty.txt", "blank.md", "junk.bin", "latin1.txt", "huge.txt", "broken.html",
       "mixed.jsonl:2", "mixed.jsonl:4", "truncated.jsonl.gz", "dangling.txt"]


def test_every_bad_file_named_once_and_every_good_one_ingested(bad_folder, tmp_path):
    db = tmp_path / "store.db"
    result = run_storylens("ingest", bad_folder, "--db", db)
    assert result.returncode == 3, result.stderr
    problem_lines = [line for line in result.stderr.splitlines()
                     if line.startswith("storylens: ")]
    assert len(problem_lines) == len(BAD), result.stderr
    for name in BAD:
        [line] = [l for l in problem_lines if f"/{name}:" in l or l.endswith(f"/{name}")
                  or f"/{name} " in l]
        assert len(line) < 300, line
    assert "Traceback" not in result.stderr
    with sqlite3.connect(db) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM articles")}
    assert {"line-1", "line-3"} <= ids
    truncated_kept = {i for i in ids if i.startswith("line-") and int(i[5:]) >= 10}
    assert truncated_kept, "articles before the gzip damage are kept"
    assert len(ids) == 2 + 2 + len(truncated_kept)


def test_messages_say_what_is_wrong(bad_folder, tmp_path):
    stderr = run_storylens("ingest", bad_folder, "--db", tmp_path / "s.db").stderr
    expectations = {"empty.txt": "empty", "junk.bin": "binary", "latin1.txt": "UTF-8",
                    "huge.txt": "too large", "mixed.jsonl:2": "invalid JSON",
                    "mixed.jsonl:4": "must be a non-empty string, got int",
                    "truncated.jsonl.gz": "gzip", "dangling.txt": "no such file"}
    for name, words in expectations.items():
        line = next(l for l in stderr.splitlines() if f"/{name}" in l)
        assert words in line, line


def test_nothing_ingested_is_total_failure(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_storylens("ingest", tmp_path / "empty.txt", tmp_path / "missing.txt",
                           "--db", tmp_path / "s.db")
    assert result.returncode == 1
    assert "missing.txt: no such file or directory" in result.stderr


def test_all_good_is_success(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    result = run_cli("ingest", tmp_path / "a.txt", "--db", tmp_path / "s.db")
    assert result.exit_code == 0
    again = run_cli("ingest", tmp_path / "a.txt", "--db", tmp_path / "s.db")
    assert again.exit_code == 0
    assert "0 article(s) ingested, 1 already stored" in again.stderr
