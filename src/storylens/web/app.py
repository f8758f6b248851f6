"""The storylens web app: pages to read stories and an HTTP API, over one store.

`create_app` builds the ASGI app; `serve` runs it with uvicorn, as `storylens serve`
does. Bound to a non-loopback address, the app must have a token for its write
endpoints: serving the world an open ingest endpoint is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from .api import api_routes
from .pages import page_routes, templates
from .security import BodyLimit, SecurityHeaders, is_loopback
from .site import Site

#: Largest request body: the uploads of one ingest request together.
MAX_BODY_BYTES = 25_000_000


def create_app(db_path: str | Path, *, token: str | None = None,
               allow_private: bool = False, cache_size: int = 4096) -> FastAPI:
    """The web app over the store at `db_path` (created when missing).

    `token` guards the write endpoints; `allow_private` lets ingest fetch URLs on
    private, loopback and link-local addresses; `cache_size` is the number of story
    analyses kept in memory.
    """
    site = Site(db_path, token=token or None, allow_private=allow_private,
                cache_size=cache_size)
    environment = templates()
    # No /docs: Swagger UI loads remote script, which the CSP forbids.
    app = FastAPI(title="storylens", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="What happened, according to whom: stories across outlets, "
                              "every statement cited.")
    app.state.site = site
    app.include_router(api_routes(site))
    app.include_router(page_routes(site, environment))
    app.mount("/static", StaticFiles(packages=[("storylens.web", "static")]), name="static")
    # Added last = outermost: even a refused body gets the security headers.
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)

    def error(request: Request, status: int, detail) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status, headers=headers)
        message = detail if isinstance(detail, str) else "the request's parameters are invalid"
        return HTMLResponse(environment.get_template("error.html").render(
            status=status, detail=message), status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 422, exc.errors() if request.url.path.startswith("/api/")
                     else None)

    return app


def app_from_environment() -> FastAPI:
    """The app configured by STORYLENS_DB, STORYLENS_TOKEN, STORYLENS_ALLOW_PRIVATE
    and STORYLENS_CACHE_SIZE: what each uvicorn worker process builds when `serve`
    runs several (and what `uvicorn --factory` can run)."""
    return create_app(os.environ["STORYLENS_DB"], token=os.environ.get("STORYLENS_TOKEN"),
                      allow_private=os.environ.get("STORYLENS_ALLOW_PRIVATE") == "1",
                      cache_size=int(os.environ.get("STORYLENS_CACHE_SIZE", "4096")))


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, allow_private: bool = False, workers: int = 1) -> None:
    """Serve the app over `db_path` until interrupted.

    Raises ValueError when `host` is not a loopback address and no token is given.
    With several `workers`, each process keeps its own ingest jobs: a job's status
    page is then only found on the process that started it.
    """
    if not token and not is_loopback(host):
        raise ValueError(f"serving on {host} (not loopback) needs a --token for the "
                         "write endpoints")
    import uvicorn  # only serving needs it

    if workers > 1:
        os.environ.update(STORYLENS_DB=str(Path(db_path).resolve()),
                          STORYLENS_ALLOW_PRIVATE="1" if allow_private else "0")
        if token:
            os.environ["STORYLENS_TOKEN"] = token
        uvicorn.run("storylens.web.app:app_from_environment", factory=True, host=host,
                    port=port, workers=workers, log_level="warning")
    else:
        uvicorn.run(create_app(db_path, token=token, allow_private=allow_private),
                    host=host, port=port, log_level="info")
