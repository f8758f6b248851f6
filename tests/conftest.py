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
