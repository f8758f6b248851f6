from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"
STORYLENS = Path(sys.executable).with_name("storylens")


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found: ../shared must be beside the project")
    return SEEDS


@pytest.fixture
def run_cli():
    """Run `storylens ARGS...` in-process; returns the click Result."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


def run_storylens(*args, **kwargs) -> subprocess.CompletedProcess:
    """Run the installed `storylens` command as a user would, in a subprocess."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run([str(STORYLENS), *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=600, **kwargs)


def articles_json(output: str) -> dict[str, dict]:
    """The `articles` of a JSON report, keyed by the input file name."""
    return {Path(a["location"]).name: a for a in json.loads(output)["articles"]}


# -- the web app: a store of our examples plus a hostile article, served live ------------

CHROMIUM = Path("/usr/bin/chromium")
# Its own event (a bridge closure), so it is a story of its own beside the examples.
HOSTILE_ARTICLE = Path(__file__).parent / "data" / "hostile-article.md"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> Path:
    """A store of examples/articles and an article whose metadata and text carry
    script payloads, ingested through the library as `storylens ingest` does."""
    from storylens.engines.local import ingest_into
    from storylens.store import Store

    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        report = ingest_into(store, [str(EXAMPLES / "articles"), str(HOSTILE_ARTICLE)])
    assert not report.problems, report.problems
    return path


@pytest.fixture(scope="session")
def web_server(web_store) -> str:
    """The web app over `web_store`, served by uvicorn in a thread on a free port of
    127.0.0.1; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from storylens.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_store), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, headless, making no network requests of its own."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: `make chromium` installs it")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync",
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, "
                     "EXCLUDE localhost"]}
