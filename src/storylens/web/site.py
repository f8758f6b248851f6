"""What the pages and the API share: the store, read safely from many threads, the
cached story briefs, the ingest jobs, and the queries both faces answer."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from ..model import AnnotatedArticle, Quote, Story
from ..store import Store
from .briefs import BriefCache, StoryBrief
from .jobs import IngestJobs

#: Stories per page of a listing.
PAGE_SIZE = 20
#: Stories shown on a speaker's page.
SPEAKER_STORIES = 50
#: Limits of one ingest request: files uploaded, URLs given.
MAX_UPLOAD_FILES = 20
MAX_URLS = 50


@dataclass(frozen=True)
class StoryQuery:
    """A search of the stories: words, outlet, person, date range, page (from 1)."""

    words: tuple[str, ...] = ()
    outlet: str | None = None
    person: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    page: int = 1

    @classmethod
    def make(cls, q: str | None, outlet: str | None, person: str | None,
             since: dt.date | None, until: dt.date | None, page: int) -> "StoryQuery":
        return cls(tuple((q or "").split()), (outlet or "").strip() or None,
                   (person or "").strip() or None, since, until, max(1, page))


@dataclass(frozen=True)
class StoryPage:
    """One page of a story search."""

    query: StoryQuery
    stories: list[Story]
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


class Site:
    """One web app's state. The store is opened once per thread: a SQLite connection
    belongs to the thread that made it, and WAL lets them all read while the ingest
    worker writes."""

    def __init__(self, db_path: str | Path, *, token: str | None, allow_private: bool,
                 cache_size: int = 4096):
        self.db_path = Path(db_path)
        Store(self.db_path).close()  # create or upgrade it once, before readers start
        self.token = token
        self.briefs = BriefCache(cache_size)
        self.jobs = IngestJobs(self.db_path, allow_private=allow_private)
        self._local = threading.local()

    @property
    def store(self) -> Store:
        """This thread's connection to the store."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path)
        return store

    def search(self, query: StoryQuery) -> StoryPage:
        stories, total = self.store.search_stories(
            words=query.words, outlet=query.outlet, person=query.person,
            since=query.since, until=query.until, limit=PAGE_SIZE,
            offset=(query.page - 1) * PAGE_SIZE)
        return StoryPage(query, stories, total)

    def story(self, story_id: str) -> Story:
        found = self.store.stories([story_id])
        if not found:
            raise HTTPException(404, f"no story {story_id!r}")
        return found[0]

    def brief(self, story: Story) -> StoryBrief:
        return self.briefs.get(self.store, story)

    def article(self, article_id: str) -> tuple[AnnotatedArticle, StoryBrief | None]:
        """An article with the brief of its story (None while it is in no story)."""
        found = list(self.store.annotated([article_id]))
        if not found:
            raise HTTPException(404, f"no article {article_id!r}")
        story_id = self.store.story_of(article_id)
        return found[0], self.brief(self.story(story_id)) if story_id else None

    def speaker_quotes(self, name: str
                       ) -> list[tuple[StoryBrief, list[tuple[AnnotatedArticle, Quote]]]]:
        """Every quote of the speaker `name` (a story-wide name), story by story.

        Articles quoting any stored name sharing a word with `name` are read, and a
        quote is kept when its story resolves its speaker to `name`: "Brenner" counts
        where the story knows him as "Tomasz Brenner", not where "Anna Brenner" is meant.
        """
        found = []
        for story in self.store.stories(self.store.stories_quoting(name)[:SPEAKER_STORIES]):
            brief = self.brief(story)
            quotes = [(annotated, quote) for annotated in brief.articles
                      for quote in annotated.quotes
                      if brief.speaker(annotated.article.id, quote.speaker) == name]
            if quotes:
                found.append((brief, quotes))
        return found


async def read_ingest_request(request: Request) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The uploaded files (name as sent, content) and URLs of an ingest request: a
    form (`files`, `urls` one per line, `feed`) or JSON (`{"urls": [...]}`)."""
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            body = await request.json()
            urls = [str(url) for url in body.get("urls", [])]
        except (ValueError, AttributeError, TypeError):
            raise HTTPException(400, 'expected JSON like {"urls": ["https://..."]}') from None
        files = []
    else:
        # Over the limits, starlette answers 400 naming the limit.
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=20)
        files = [(upload.filename, await upload.read()) for upload in form.getlist("files")
                 if isinstance(upload, UploadFile) and upload.filename]
        urls = [line.strip() for field in ("urls", "feed") for value in form.getlist(field)
                if isinstance(value, str) for line in value.splitlines() if line.strip()]
    if len(urls) > MAX_URLS:
        raise HTTPException(400, f"at most {MAX_URLS} URLs per request")
    bad = [url for url in urls if not url.startswith(("http://", "https://"))]
    if bad:
        raise HTTPException(400, f"not an http(s) URL: {bad[0][:200]}")
    if not files and not urls:
        raise HTTPException(400, "nothing to ingest: upload files or give URLs")
    return files, urls
