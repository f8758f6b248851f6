"""An ingest killed with SIGKILL midway and started again stores every article once."""

from __future__ import annotations

import gzip
import itertools
import signal
import sqlite3
import subprocess
import time

import pytest

from conftest import STORYLENS, SHARED

ARTICLES = 120


def stored(db) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the store is not created yet
        return 0


def test_kill_and_rerun_completes_without_duplicates(tmp_path):
    corpus = SHARED / "eval" / "allsides" / "articles.jsonl.gz"
    if not corpus.exists():
        pytest.skip(f"{corpus} not found")
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        head = list(itertools.islice(lines, ARTICLES))
    source = tmp_path / "allsides-head.jsonl"
    source.write_text("".join(head), encoding="utf-8")
    db = tmp_path / "store.db"

    run = subprocess.Popen([str(STORYLENS), "ingest", str(source), "--db", str(db)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while stored(db) < 20 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    run.send_signal(signal.SIGKILL)
    run.wait()
    partial = stored(db)
    assert 0 < partial < ARTICLES, "the kill should land midway"

    rerun = subprocess.run([str(STORYLENS), "ingest", str(source), "--db", str(db)],
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial:,} already stored" in rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == ARTICLES
        assert conn.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == ARTICLES
        # Every article came with its annotations: none was cut off between writes.
        bare = conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                            "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()[0]
        assert bare == 0
