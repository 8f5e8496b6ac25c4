"""Every coursegen command against a folder of hostile projects: never a traceback (issue #10, “Done when”).

Each recipe below breaks a fresh copy of the mini project the way a hostile
author, a careless trainer or a broken machine would: files and folders
linked out of the project or replaced by something else, code-running tags,
bombs and wrong types in mkdocs.yml, garbage where coursegen keeps its own
state. Every command then runs on it in-process, with exceptions caught by
the test runner rather than by the test: the command must end with exit code
0, 1 or 2, print no traceback and no crash report, and speak Chinese.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_project
from generator import serve as serve_module
from generator.cli import cli

OUTSIDE_TEXT = "outside secret"
# Words of Python's, PyYAML's, MkDocs' or click's English that must never reach a person.
ENGLISH = re.compile(r"\b(?:error|errno|expected|found|while|should|invalid|cannot|could not|traceback|"
                     r"exception|permission|denied|no such)\b", re.IGNORECASE)


def _edit(name: str, old: str, new: str) -> Callable[[Path, Path], None]:
    def apply(project: Path, outside: Path) -> None:
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def _clear(path: Path) -> None:
    """Nothing at ``path`` any more, and its folder exists."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)


def _write(name: str, content: str | bytes) -> Callable[[Path, Path], None]:
    def apply(project: Path, outside: Path) -> None:
        path = project / name
        _clear(path)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return apply


def _replace_with(name: str, kind: str) -> Callable[[Path, Path], None]:
    """Put a folder, a link out of the project, a link loop or a FIFO where ``name`` was (or would be)."""
    def apply(project: Path, outside: Path) -> None:
        path = project / name
        _clear(path)
        if kind == "folder":
            path.mkdir()
        elif kind == "outside-file":
            path.symlink_to(outside / "secret.txt")
        elif kind == "outside-folder":
            path.symlink_to(outside)
        elif kind == "loop":
            path.symlink_to(path.name)
        elif kind == "fifo":
            os.mkfifo(path)
    return apply


def _remove(name: str) -> Callable[[Path, Path], None]:
    def apply(project: Path, outside: Path) -> None:
        _clear(project / name)
    return apply


BOMB = '  l0: &l0 ["lol"]\n' + "".join(
    f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))

RECIPES: dict[str, Callable[[Path, Path], None]] = {
    "mkdocs-python-tag": _edit("mkdocs.yml", "site_name: 机关党建学习平台",
                               'site_name: !!python/object/apply:os.system ["touch pwned.txt"]'),
    "mkdocs-alias-bomb": _edit("mkdocs.yml", "  generator: false\n", "  generator: false\n" + BOMB),
    "mkdocs-missing": _remove("mkdocs.yml"),
    "mkdocs-is-a-folder": _replace_with("mkdocs.yml", "folder"),
    "mkdocs-linked-out": _replace_with("mkdocs.yml", "outside-file"),
    "mkdocs-link-loop": _replace_with("mkdocs.yml", "loop"),
    "mkdocs-is-a-fifo": _replace_with("mkdocs.yml", "fifo"),
    "mkdocs-binary": _write("mkdocs.yml", b"\x00\x01\xff\xfe garbage"),
    "mkdocs-is-a-list": _write("mkdocs.yml", "- site_name\n- theme\n"),
    "mkdocs-empty": _write("mkdocs.yml", ""),
    "mkdocs-hooks": _edit("mkdocs.yml", "strict: true", "strict: true\nhooks: [hooks.py]"),
    "mkdocs-inherit-itself": _edit("mkdocs.yml", "strict: true", "strict: true\nINHERIT: mkdocs.yml"),
    "mkdocs-inherit-a-folder": _edit("mkdocs.yml", "strict: true", "strict: true\nINHERIT: docs"),
    "mkdocs-env-of-a-mapping": _edit("mkdocs.yml", "site_name: 机关党建学习平台", "site_name: !ENV {a: b}"),
    "mkdocs-unknown-tag": _edit("mkdocs.yml", "site_name: 机关党建学习平台", "site_name: !include other.yml"),
    "mkdocs-theme-is-a-list": _edit("mkdocs.yml", "theme:\n  name: material", "theme:\n  - name: material"),
    "mkdocs-extra-is-a-number": _edit("mkdocs.yml", "extra:\n  generator: false", "extra: 5\nextra_unused:\n  generator: false"),
    "mkdocs-plugins-is-a-number": _edit("mkdocs.yml", "plugins: []\n", "plugins: 5\n"),
    "mkdocs-extensions-is-text": _edit("mkdocs.yml", "markdown_extensions:\n", "markdown_extensions: toc\nunused:\n"),
    "mkdocs-site-url-is-a-list": _edit("mkdocs.yml", "strict: true", "strict: true\nsite_url: [a, b]"),
    "mkdocs-custom-dir-is-a-file": _edit("mkdocs.yml", "  name: material", "  name: material\n  custom_dir: mkdocs.yml"),
    "mkdocs-custom-dir-linked-out": _edit("mkdocs.yml", "  name: material", "  name: material\n  custom_dir: overrides"),
    "part-linked-out": _replace_with("content/mini/part-b.yml", "outside-file"),
    "bank-linked-out": _replace_with("quizzes/mini.yml", "outside-file"),
    "course-folder-linked-out": _replace_with("content/other", "outside-folder"),
    "content-linked-out": _replace_with("content", "outside-folder"),
    "content-is-a-file": _write("content", "not a folder"),
    "quizzes-is-a-file": _write("quizzes", "not a folder"),
    "docs-asset-linked-out": _replace_with("docs/assets/leak.txt", "outside-file"),
    "docs-folder-linked-out": _replace_with("docs/more", "outside-folder"),
    "docs-page-is-a-fifo": _replace_with("docs/pipe.md", "fifo"),
    "docs-missing": _remove("docs"),
    "docs-is-a-file": _write("docs", "not a folder"),
    "generated-is-a-file": _write("docs/generated", "not a folder"),
    "generated-linked-out": _replace_with("docs/generated", "outside-folder"),
    "site-is-a-file": _write("site", "not a folder"),
    "site-linked-out": _replace_with("site", "outside-folder"),
    "work-folder-is-a-file": _write(".coursegen", "not a folder"),
    "work-folder-linked-out": _replace_with(".coursegen", "outside-folder"),
    "manifest-garbage": _write(".coursegen/manifest-0000000000000000.json", b"\xff{not json"),
    "lock-is-a-folder": _replace_with(".coursegen/build.lock", "folder"),
    "dist-is-a-file": _write("dist", "not a folder"),
    "dist-linked-out": _replace_with("dist", "outside-folder"),
    "schema-target-is-a-file": _write("schemas", "not a folder"),
}


UNAFFECTED: dict[str, set[str]] = {
    "manifest-garbage": {"pack"}, "generated-is-a-file": {"pack"}, "quizzes-is-a-file": {"pack", "serve"},
    "site-is-a-file": {"pack", "serve"}, "schema-target-is-a-file": {"build", "pack", "serve"},
    "dist-is-a-file": {"build", "serve"}, "dist-linked-out": {"build", "serve"},
}
"""Commands that would only build the same mini site again where a recipe leaves them untouched (time)."""


def _commands(recipe: str, project: Path) -> list[list[str]]:
    p = ["-p", str(project)]
    commands = [["validate", *p], ["build", *p], ["pack", *p],
                ["export", "json", *p], ["export", "docx", *p], ["export", "gift", "-o", "-", *p],
                ["schema", "-o", str(project / "schemas")], ["serve", "--port", "0", *p], ["records", str(project), *p],
                ["new", "fresh-course", *p]]
    return [args for args in commands if args[0] not in UNAFFECTED.get(recipe, set())]


def _stop_the_preview(seconds: float) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize("recipe", sorted(RECIPES))
def test_no_command_prints_a_traceback_for_a_hostile_project(recipe, tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(OUTSIDE_TEXT + "\n", encoding="utf-8")
    (outside / "overrides").mkdir()
    project = make_project(tmp_path / "project")
    (project / "overrides").symlink_to(outside / "overrides")
    RECIPES[recipe](project, outside)
    monkeypatch.chdir(project)
    monkeypatch.setattr(serve_module, "_pause", _stop_the_preview)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # previews and crash reports stay in this test
    runner = CliRunner()
    for args in _commands(recipe, project):
        result = runner.invoke(cli, args, prog_name="coursegen")
        said = f"coursegen {' '.join(args)} → {result.exit_code}\n{result.output}"
        assert result.exception is None or isinstance(result.exception, SystemExit), said
        assert result.exit_code in (0, 1, 2), said
        assert "Traceback" not in result.output, said
        assert "内部出错" not in result.stderr, said
        assert OUTSIDE_TEXT not in result.output, said
        assert not ENGLISH.search(result.stderr), said
    assert not (project / "pwned.txt").exists()
    site = project / "site"
    if site.is_dir() and not site.is_symlink():
        assert all(OUTSIDE_TEXT not in page.read_text(encoding="utf-8", errors="replace")
                   for page in site.rglob("*") if page.is_file())
