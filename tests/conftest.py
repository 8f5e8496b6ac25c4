"""Shared fixtures: throw-away project trees built from tests/fixtures."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

pytest_plugins = ["browser"]  # the chromium and offline fixtures


def make_project(target: Path, fixture: str = "mini") -> Path:
    """A complete project: a fixture's content plus this repo's mkdocs.yml and docs/."""
    shutil.copytree(FIXTURES / fixture, target)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns("generated"))
    return target


def make_speech_project(target: Path) -> Path:
    """A scratch copy of this repository's own course (content, quizzes, docs, mkdocs.yml)."""
    target.mkdir(parents=True)
    for folder in ("content", "quizzes"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def tree_digest(path: Path) -> str:
    """One hash over every file name and byte below ``path`` ('missing' if absent)."""
    if not path.exists():
        return "missing"
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(path).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


ENGINES = ("mkdocs", "zensical")


PREVIEW_SAYS = "预览地址："


def preview_address(said: list[str]) -> str:
    """The address `coursegen serve` printed (it ends in "/"); tests start it on port 0, any free port."""
    line = next(line for line in said if line.startswith(PREVIEW_SAYS))
    return line.removeprefix(PREVIEW_SAYS).split("（")[0]


def require_zensical() -> None:
    """Skip without Zensical on a developer machine; CI installs it (scripts/test.sh), so there it is a failure."""
    from generator.engines import engine_version

    if engine_version("zensical") is not None:
        return
    message = 'Zensical is not installed (pip install -e ".[test,zensical]")'
    if os.environ.get("CI") == "true":
        pytest.fail(message + ": tests under both engines must run in CI")
    pytest.skip(message)


@pytest.fixture
def zensical_installed() -> None:
    require_zensical()


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """Each engine in turn, for the browser tests of the widgets and search (issue #17)."""
    if request.param == "zensical":
        require_zensical()
    return request.param


@pytest.fixture(scope="session")
def shared_mini_site(tmp_path_factory) -> Path:
    """The mini fixture course built once for every browser test that only reads the site."""
    from generator import api

    return api.build(make_project(tmp_path_factory.mktemp("shared-mini") / "project")).site_dir


@pytest.fixture(scope="session")
def shared_speech_site(tmp_path_factory) -> Path:
    """The speech's course (this repository's content) built once for every browser test that only reads it."""
    from generator import api

    return api.build(make_speech_project(tmp_path_factory.mktemp("shared-speech") / "project")).site_dir


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture
def invoke():
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False, prog_name="coursegen")

    return run
