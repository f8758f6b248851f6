"""Ingest jobs started from the web: uploaded files and URLs, run in the background.

Jobs run one at a time in one worker thread with its own store connection (SQLite
has one writer; the spaCy pipeline is loaded once and kept). Each job goes through
the library's `engines.local.ingest_into`, exactly as `storylens ingest` does, and
counts its progress as articles are stored. Uploaded files are written to a fresh
temporary folder under generated names — nothing a request sends becomes a path —
and the folder is removed when the job ends.
"""

from __future__ import annotations

import collections
import datetime as dt
import queue
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engines.local import ingest_into
from ..ingest import Fetcher
from ..model import Article, InputProblem
from ..store import Store
from ..understand.base import DEFAULT_PIPELINE

#: File name endings kept on an upload, since they break ties when a file's kind is
#: recognised from its content; any other name is stored without an ending.
UPLOAD_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xml", ".rss", ".atom",
                   ".json", ".jsonl", ".warc", ".gz"}

#: Finished jobs remembered for their status pages; older ones are forgotten.
KEPT_JOBS = 200


@dataclass
class Job:
    """One ingest job and its progress."""

    id: str
    inputs: list[str]            # what the user gave: upload names and URLs
    state: str = "queued"        # queued | running | done | failed
    added: int = 0
    present: int = 0
    problems: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    story_ids: list[str] = field(default_factory=list)
    error: str | None = None
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    finished: dt.datetime | None = None

    @property
    def over(self) -> bool:
        return self.state in ("done", "failed")

    def record(self) -> dict[str, Any]:
        """The job as the API returns it."""
        return {"id": self.id, "state": self.state, "inputs": self.inputs,
                "added": self.added, "already_stored": self.present,
                "problems": self.problems, "articles": self.article_ids,
                "stories": self.story_ids, "error": self.error,
                "created": self.created.isoformat(timespec="seconds"),
                "finished": self.finished.isoformat(timespec="seconds")
                if self.finished else None}


class IngestJobs:
    """The queue of ingest jobs of one web app, with their worker thread."""

    def __init__(self, db_path: str | Path, *, allow_private: bool = False,
                 pipeline: str = DEFAULT_PIPELINE):
        self.db_path = Path(db_path)
        self.allow_private = allow_private
        self.pipeline = pipeline
        self._jobs: collections.OrderedDict[str, Job] = collections.OrderedDict()
        self._queue: queue.Queue[tuple[Job, list[str], dict[str, str], Path | None]] = \
            queue.Queue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def submit(self, files: list[tuple[str, bytes]], urls: list[str]) -> Job:
        """Queue the ingest of uploaded `files` (name as sent, content) and `urls`."""
        folder = Path(tempfile.mkdtemp(prefix="storylens-upload-")) if files else None
        inputs, names = [], {}
        for n, (name, content) in enumerate(files, start=1):
            suffix = Path(name).suffix.lower()
            path = folder / f"upload-{n:03d}{suffix if suffix in UPLOAD_SUFFIXES else ''}"
            path.write_bytes(content)
            inputs.append(str(path))
            names[str(path)] = name
        inputs += urls
        job = Job(secrets.token_urlsafe(12), [*(name for name, _ in files), *urls])
        with self._lock:
            self._jobs[job.id] = job
            finished = [j for j in self._jobs.values() if j.over]
            for old in finished[:max(0, len(self._jobs) - KEPT_JOBS)]:
                del self._jobs[old.id]
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="storylens-ingest",
                                                daemon=True)
                self._worker.start()
        self._queue.put((job, inputs, names, folder))
        return job

    def _work(self) -> None:
        store = Store(self.db_path)
        fetcher = Fetcher(allow_private=self.allow_private)
        while True:
            job, inputs, names, folder = self._queue.get()
            try:
                self._run(store, fetcher, job, inputs, names)
            finally:
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)

    def _run(self, store: Store, fetcher: Fetcher, job: Job, inputs: list[str],
             names: dict[str, str]) -> None:
        job.state = "running"

        def on_problem(problem: InputProblem) -> None:
            # Name an upload as the user did, never by its temporary path.
            where = next((name for path, name in names.items()
                          if problem.location.startswith(path)), problem.location)
            job.problems.append(f"{where}: {problem.message}")

        def on_article(article: Article, added: bool) -> None:
            if added:
                job.added += 1
            else:
                job.present += 1

        try:
            report = ingest_into(store, inputs, fetcher=fetcher, pipeline=self.pipeline,
                                 on_problem=on_problem, on_article=on_article)
        except Exception as error:  # a job failing must not stop the worker
            job.error = f"{type(error).__name__}: {error}"
            job.state = "failed"
        else:
            job.article_ids = report.article_ids
            job.story_ids = list(dict.fromkeys(filter(None, map(store.story_of,
                                                                report.article_ids))))
            job.state = "done"
        job.finished = dt.datetime.now(dt.timezone.utc)
