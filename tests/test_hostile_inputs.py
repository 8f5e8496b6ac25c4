"""A corpus of hostile inputs: each one gets its exact Chinese message, fast, and nothing changes.

Every case is a file in tests/fixtures/hostile/: which file of the mini fixture
to break, the steps that break it, and the full stderr ``coursegen build``
must print. The steps are data (replace, append, re-encode, turn into a
folder …), so the corpus can be read and extended without reading code.
Big inputs (a 50 MB file, a 400 000-item list) are generated at test time.

For each case a previous site/, docs/generated/ and dist/ are planted; the
build must exit 1 within 10 seconds of CPU time (a hang is cut off after a
minute of wall time), print the expected text with a
``file:line:column`` location (when a file is involved) and no traceback,
and leave all three byte-identical. tests/test_errors.py holds the first 38
kinds; this corpus adds the rest.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, REPO, make_project, tree_digest
from test_errors import CASES as FIRST_CASES

CORPUS = FIXTURES / "hostile"
LIMIT_SECONDS = 10
MAX_LINE = 400
"""No line of a message is longer: values are quoted capped (errors.capped), whatever their size."""
FOOTER = "内容有误，未生成网站；原有的 site/ 保持不变。"
LOCATED = re.compile(r"^[^\s:]+:\d+:\d+: \S")
SUMMARY = re.compile(r"^共发现 \d+ 个问题，涉及 \d+ 个文件。$")
# Words of Python's, PyYAML's or pydantic's English that must never reach a person.
ENGLISH = re.compile(r"\b(?:error|expected|found|while|should|input|invalid|cannot|could not|traceback)\b", re.IGNORECASE)


def load_case(name: str) -> dict[str, Any]:
    return yaml.safe_load((CORPUS / f"{name}.yml").read_text(encoding="utf-8"))


def case_names() -> list[str]:
    return sorted(path.stem for path in CORPUS.glob("*.yml"))


# ---------------------------------------------------------------- steps

def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _repeated(arg: str | dict[str, Any] | list[Any]) -> str:
    """Text, {text, times} for big inputs, or a list of those joined together."""
    if isinstance(arg, list):
        return "".join(_repeated(piece) for piece in arg)
    return arg if isinstance(arg, str) else arg["text"] * arg.get("times", 1)


def _replace(path: Path, arg: dict[str, Any]) -> None:
    text = _text(path)
    assert arg["old"] in text, f"fixture changed: {arg['old']!r} not in {path.name}"
    path.write_text(text.replace(arg["old"], _repeated(arg["new"]), 1), encoding="utf-8")


def _append(path: Path, arg: str | dict[str, Any] | list[Any]) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(_repeated(arg))


def _prepend(path: Path, arg: str) -> None:
    path.write_text(arg + _text(path), encoding="utf-8")


def _write(path: Path, arg: str | dict[str, Any] | list[Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_repeated(arg), encoding="utf-8")


def _encode(path: Path, codec: str) -> None:
    path.write_bytes(_text(path).encode(codec))


def _pad_to_size(path: Path, size: int) -> None:
    """Grow the file with comment lines to exactly ``size`` bytes (a valid YAML file, just huge)."""
    line = "# 填充用的注释行\n".encode()
    missing = size - path.stat().st_size
    with path.open("ab") as file:
        file.write(line * (missing // len(line)) + b"#" * (missing % len(line)))
    assert path.stat().st_size == size


def _make_folder(path: Path, _: Any) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.yml").write_text("id: x\n", encoding="utf-8")


def _make_fifo(path: Path, _: Any) -> None:
    path.unlink()
    os.mkfifo(path)


def _make_symlink_loop(path: Path, _: Any) -> None:
    path.unlink()
    path.symlink_to(path.name)


def _delete(path: Path, _: Any) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


STEPS = {
    "replace": _replace, "append": _append, "prepend": _prepend, "write": _write, "encode": _encode,
    "pad_to_size": _pad_to_size, "make_folder": _make_folder, "make_fifo": _make_fifo,
    "make_symlink_loop": _make_symlink_loop, "delete": _delete,
}


def apply_case(case: dict[str, Any], root: Path) -> None:
    for step in case["steps"]:
        target = root / step.get("file", case["file"])
        (operation,) = [key for key in step if key != "file"]
        STEPS[operation](target, step[operation])


# ---------------------------------------------------------------- the corpus

def plant_previous_outputs(project: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("上一次的网站", encoding="utf-8")
    (project / "docs" / "generated").mkdir()
    (project / "docs" / "generated" / "index.md").write_text("# 上一次生成的页面\n", encoding="utf-8")
    (project / "dist").mkdir()
    (project / "dist" / "mini.json").write_text('{"上一次": "导出"}\n', encoding="utf-8")


def outputs(project: Path) -> dict[str, str]:
    return {name: tree_digest(project / name) for name in ("site", "docs", "dist")}


@contextlib.contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    """Turn a hang (a build reading a pipe, an endless expansion) into a failure instead of a stuck suite."""
    def give_up(*_: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_case(name: str, tmp_path: Path, invoke) -> tuple[Any, float, dict[str, str], dict[str, str]]:
    """Break a fresh mini project as the case says, build it; the result, seconds, outputs before and after."""
    project = make_project(tmp_path / "project")
    plant_previous_outputs(project)
    before = outputs(project)
    apply_case(load_case(name), project)
    # CPU time, not wall time: on a shared machine waiting for a core is not the build's doing.
    started = time.process_time()
    with hang_guard(6 * LIMIT_SECONDS):
        result = invoke("build", "--project", str(project))
    seconds = time.process_time() - started
    return result, seconds, before, outputs(project)


def _params() -> list:
    params = []
    for name in case_names():
        case = load_case(name)
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


@pytest.mark.parametrize("name", _params())
def test_hostile_input_is_refused_exactly_quickly_and_changes_nothing(name, tmp_path, invoke):
    case = load_case(name)
    result, seconds, before, after = run_case(name, tmp_path, invoke)

    assert result.exit_code == 1, result.output
    assert result.stderr == case["stderr"]
    assert "Traceback" not in result.output
    assert not ENGLISH.search(result.stderr), result.stderr
    assert seconds < LIMIT_SECONDS, f"{name} took {seconds:.1f} s"
    assert after == before, "site/, docs/ or dist/ changed"
    lines = result.stderr.rstrip("\n").split("\n")
    assert max(map(len, lines)) <= MAX_LINE, "a message quotes too much of a value (use errors.quoted)"
    if case.get("located", True):
        assert lines[-1] == FOOTER and SUMMARY.match(lines[-2])
        assert all(LOCATED.match(line) for line in lines[:-2]), lines
    else:  # the project as a whole is unusable: no file to point at
        assert len(lines) == 1 and lines[0].startswith("错误：")


def test_the_corpus_is_big_and_its_cases_are_distinct():
    names = case_names()
    assert len(names) >= 40
    assert not set(names) & set(FIRST_CASES), "a case repeats one of tests/test_errors.py"
    cases = [load_case(name) for name in names]
    assert all(set(case) <= {"about", "file", "steps", "stderr", "located", "xfail"} for case in cases)
    steps = [yaml.safe_dump([case["file"], case["steps"]], allow_unicode=True) for case in cases]
    assert len(set(steps)) == len(steps), "two cases break the project in the same way"
    assert len(set(names) | set(FIRST_CASES)) >= 80


def test_validate_refuses_the_same_inputs_without_building(tmp_path, invoke):
    """validate reads content exactly as build does: the same message, and no site is written."""
    for name in ("id-absolute-path", "billion-laughs-in-the-bank", "escaped-surrogate"):
        project = make_project(tmp_path / name)
        apply_case(load_case(name), project)
        result = invoke("validate", "--project", str(project))
        assert result.exit_code == 1
        assert result.stderr == load_case(name)["stderr"]
        assert not (project / "site").exists()


def test_site_config_problems_explain_a_broken_mkdocs_yml_in_chinese(tmp_path):
    """What the build should report for a broken mkdocs.yml (see the two xfail cases above)."""
    from generator.project import Project
    from generator.site_config import site_config_problems

    project = make_project(tmp_path / "project")
    assert site_config_problems(Project(project)) == []
    for name in ("mkdocs-yml-syntax-error", "mkdocs-yml-unknown-theme"):
        apply_case(load_case(name), project)
        expected = load_case(name)["stderr"].split("\n")[0]
        assert [str(p) for p in site_config_problems(Project(project))] == [expected]
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    config = project / "mkdocs.yml"
    # MkDocs' own tags, and the function names material documents, pass (code-running tags: test_site_config.py).
    config.write_text(_text(config) + "extra_key: !ENV [HOME, '']\n"
                      "fence: !!python/name:pymdownx.superfences.fence_code_format\n", encoding="utf-8")
    assert site_config_problems(Project(project)) == []
    config.unlink()
    assert site_config_problems(Project(project)) == []  # no mkdocs.yml: the build says so itself
