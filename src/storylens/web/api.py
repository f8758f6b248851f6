"""The HTTP API: JSON in the shapes of `storylens.render.json`, the CLI's contract.

Read endpoints are open; writing (starting an ingest job) takes the bearer token
when the server has one. The OpenAPI schema is served at /openapi.json.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request

from ..render.json import CONTRACT_VERSION, article_record, story_record
from .security import bearer, same_origin, token_matches
from .site import MAX_UPLOAD_FILES, MAX_URLS, PAGE_SIZE, Site, StoryQuery, read_ingest_request

#: The request bodies POST /api/ingest takes, for the OpenAPI schema (the body is
#: parsed by hand so its limits apply before anything is stored).
INGEST_BODY = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "files": {"type": "array", "maxItems": MAX_UPLOAD_FILES,
                  "items": {"type": "string", "format": "binary"}},
        "urls": {"type": "string", "description": "URLs of pages or feeds, one per line"}}}},
    "application/json": {"schema": {"type": "object", "properties": {
        "urls": {"type": "array", "maxItems": MAX_URLS,
                 "items": {"type": "string", "format": "uri"}}}}}}}}


def api_routes(site: Site) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"])

    @router.get("/stories", summary="List or search stories, latest first")
    def stories(q: str | None = Query(None, description="words, all required"),
                outlet: str | None = None,
                person: str | None = Query(None, description="part of a person's name"),
                since: dt.date | None = None, until: dt.date | None = None,
                page: int = Query(1, ge=1)) -> dict[str, Any]:
        result = site.search(StoryQuery.make(q, outlet, person, since, until, page))
        return {"total": result.total, "page": result.query.page, "pages": result.pages,
                "per_page": PAGE_SIZE, "stories": [story_record(s) for s in result.stories]}

    @router.get("/stories/{story_id}",
                summary="A story with its brief and its annotated articles")
    def story(story_id: str) -> dict[str, Any]:
        brief = site.brief(site.story(story_id))
        return {"storylens": CONTRACT_VERSION,
                "articles": [article_record(a) for a in brief.articles],
                "stories": [story_record(brief.story, brief.analysis)]}

    @router.get("/articles/{article_id}", summary="An article with its annotations")
    def article(article_id: str) -> dict[str, Any]:
        annotated, brief = site.article(article_id)
        return {**article_record(annotated), "story": brief.story.id if brief else None}

    @router.post("/ingest", status_code=202, openapi_extra=INGEST_BODY,
                 summary="Start ingesting uploaded files and URLs (pages or feeds)")
    async def ingest(request: Request) -> dict[str, Any]:
        # A multipart post needs no CORS preflight: refuse other sites' pages outright.
        if not same_origin(request.headers.get("origin"), request.headers.get("host")):
            raise HTTPException(403, "request sent from another site's page")
        if not token_matches(site.token, bearer(request.headers.get("authorization"))):
            raise HTTPException(401, "a valid bearer token is required",
                                headers={"WWW-Authenticate": "Bearer"})
        files, urls = await read_ingest_request(request)
        return site.jobs.submit(files, urls).record()

    @router.get("/jobs/{job_id}", summary="An ingest job's state and progress")
    def job(job_id: str) -> dict[str, Any]:
        found = site.jobs.get(job_id)
        if found is None:
            raise HTTPException(404, "no such ingest job")
        return found.record()

    return router
