"""The HTML pages: stories, a story, an article, a speaker, ingest and its jobs.

Pages are rendered on the server and read fully without JavaScript; the one script
(`static/app.js`) only updates a job's progress in place. Templates autoescape every
value; links built from stored URLs keep only http(s) ones.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..model import AnnotatedArticle, Article, Fact, Span, Statement, Story
from ..render.html import brief_css
from .briefs import StoryBrief
from .highlight import article_marks, highlight
from .security import bearer, same_origin, token_matches
from .urls import article_url, speaker_url, story_url
from .site import MAX_UPLOAD_FILES, MAX_URLS, Site, StoryQuery, read_ingest_request


def stories_url(query: StoryQuery, page: int) -> str:
    """The stories listing for `query`, at `page`."""
    params = {"q": " ".join(query.words), "outlet": query.outlet, "person": query.person,
              "since": query.since, "until": query.until, "page": page}
    return "/stories?" + urlencode({k: v for k, v in params.items() if v})


def external_url(url: str | None) -> str | None:
    """`url` when it is an http(s) link: a stored `javascript:` URL never becomes one."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def excerpt(text: str, span: Span | tuple[int, int], words: int | None = None) -> str:
    """The words of `text` in `span` on one line, the first `words` of them if given."""
    start, end = (span.start, span.end) if isinstance(span, Span) else span
    found = text[start:end].split()
    if words is not None and len(found) > words:
        return " ".join(found[:words]) + " …"
    return " ".join(found)


def independent_sources(story: Story) -> int:
    """Articles of a story, copies of one text counted once."""
    return len(story.article_ids) - sum(len(origin) - 1 for origin in story.origins)


def copies(brief: StoryBrief) -> dict[str, Article]:
    """Each article of a story that copies another's text, with that original."""
    by_id = {a.article.id: a.article for a in brief.articles}
    return {copy: by_id[origin[0]] for origin in brief.story.origins
            for copy in origin[1:] if origin[0] in by_id}


def templates() -> Environment:
    environment = Environment(loader=PackageLoader("storylens.web", "templates"),
                              autoescape=select_autoescape(default=True),
                              trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(
        story_url=story_url, article_url=article_url, speaker_url=speaker_url,
        stories_url=stories_url, external_url=external_url, excerpt=excerpt,
        independent=independent_sources, copies=copies,
        version=__version__)
    return environment


def _date(name: str, value: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        problems.append(f"{name}: “{value}” is not a date (use YYYY-MM-DD)")
        return None


def related_facts(annotated: AnnotatedArticle, brief: StoryBrief | None
                  ) -> list[tuple[Fact, Statement, list[tuple[Article, Statement]]]]:
    """The story's facts this article reports: each with this article's statement of
    it and the other articles' statements, where the same fact stands in other
    outlets."""
    if brief is None:
        return []
    article_id = annotated.article.id
    by_id = {a.article.id: a.article for a in brief.articles}
    related = []
    for fact in brief.analysis.facts:
        own = [s for s in fact.statements if s.article_id == article_id]
        if own:
            others = [(by_id[s.article_id], s) for s in fact.statements
                      if s.article_id != article_id and s.article_id in by_id]
            related.append((fact, own[0], others))
    return related


def page_routes(site: Site, environment: Environment) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def render(template: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(environment.get_template(template).render(**context), status)

    @router.get("/")
    @router.get("/stories")
    def stories(q: str = "", outlet: str = "", person: str = "", since: str = "",
                until: str = "", page: int = Query(1, ge=1)) -> HTMLResponse:
        problems: list[str] = []
        query = StoryQuery.make(q, outlet, person, _date("since", since, problems),
                                _date("until", until, problems), page)
        return render("stories.html", result=site.search(query), problems=problems,
                      outlets=site.store.outlets(), q=q, since=since, until=until)

    def story_page(story: Story) -> bytes:
        """The story's page, rendered (and encoded) once per brief."""
        brief = site.brief(story)
        html = brief.pages.get("story")
        if html is None:
            html = brief.pages["story"] = environment.get_template("story.html").render(
                brief=brief).encode()
        return html

    @router.get("/stories/{story_id}")
    async def story(story_id: str) -> HTMLResponse:
        # The most read page: served from the event loop when already rendered (one
        # indexed lookup); analysing and rendering go to a worker thread.
        found = site.story(story_id)
        brief = site.briefs.peek(found)
        html = brief.pages.get("story") if brief else None
        if html is None:
            html = await run_in_threadpool(story_page, found)
        return HTMLResponse(html)

    @router.get("/articles/{article_id}")
    def article(article_id: str, start: int | None = None, end: int | None = None
                ) -> HTMLResponse:
        annotated, brief = site.article(article_id)
        text = annotated.article.text
        cited = (Span(start, end) if start is not None and end is not None
                 and 0 <= start < end <= len(text) else None)

        def speaker_name(local: str | None) -> str | None:
            return brief.speaker(article_id, local) if brief else local

        marks = article_marks(annotated, cited=cited, speaker_href=speaker_url,
                              speaker_name=speaker_name)
        speakers = Counter(speaker_name(q.speaker) for q in annotated.quotes)
        return render("article.html", annotated=annotated, brief=brief,
                      body=highlight(text, marks), facts=related_facts(annotated, brief),
                      speakers=speakers.most_common())

    @router.get("/speaker")
    def speaker(name: str = Query(..., min_length=1, max_length=200)) -> HTMLResponse:
        return render("speaker.html", name=name, stories=site.speaker_quotes(name))

    @router.get("/ingest")
    def ingest_form() -> HTMLResponse:
        return render("ingest.html", problem=None, needs_token=site.token is not None,
                      max_files=MAX_UPLOAD_FILES, max_urls=MAX_URLS)

    @router.post("/ingest")
    async def ingest(request: Request) -> Response:
        if not same_origin(request.headers.get("origin"), request.headers.get("host")):
            raise HTTPException(403, "form posted from another site")
        try:
            form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=20)
            given = form.get("token")
            if not token_matches(site.token, bearer(request.headers.get("authorization"))
                                 or (given if isinstance(given, str) else None)):
                raise HTTPException(401, "a valid access token is required to ingest")
            files, urls = await read_ingest_request(request)
        except StarletteHTTPException as error:  # FastAPI's and the form parser's
            return render("ingest.html", error.status_code, problem=error.detail,
                          needs_token=site.token is not None, max_files=MAX_UPLOAD_FILES,
                          max_urls=MAX_URLS)
        job = site.jobs.submit(files, urls)
        return RedirectResponse(f"/jobs/{quote(job.id, safe='')}", 303)

    @router.get("/jobs/{job_id}")
    def job(job_id: str) -> HTMLResponse:
        found = site.jobs.get(job_id)
        if found is None:
            raise HTTPException(404, "no such ingest job (jobs are kept while the server runs)")
        return render("job.html", job=found)

    @router.get("/brief.css")
    def css() -> Response:
        return Response(brief_css(), media_type="text/css",
                        headers={"cache-control": "max-age=3600"})

    return router
