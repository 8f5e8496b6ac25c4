"""A one-course edit in a catalog replaces that course alone, all or nothing, even across a kill (issue #17)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import tree_digest
from generator import api, course_cache, site_replace
from generator.site_replace import JOURNAL


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    """Three courses, built once (MkDocs); each test works on its own copy."""
    from click.testing import CliRunner

    from conftest import make_project
    from generator.cli import cli

    project = make_project(tmp_path_factory.mktemp("catalog") / "project")
    for name in ("second", "third"):
        assert CliRunner().invoke(cli, ["new", name, "--project", str(project)]).exit_code == 0
    api.build(project)
    return project


@pytest.fixture
def built(catalog, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(catalog, copy, symlinks=True)
    shutil.rmtree(copy / ".coursegen" / "courses")  # cache entries and manifests name the old place
    for manifest in (copy / ".coursegen").glob("manifest-*.json"):
        manifest.unlink()
    api.build(copy)
    return copy


def _edit(project: Path) -> None:
    part = project / "content" / "second" / "part-one.yml"
    part.write_text(part.read_text(encoding="utf-8").replace("待填写：第一小节的概述。", "新的概述。", 1), encoding="utf-8")


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in [folder, *folder.rglob("*")]}


def test_a_one_course_edit_touches_nothing_of_the_other_courses(built, monkeypatch):
    """Each build used to link every unchanged course into a new site and read back all their pages."""
    untouched = {name: (_files(built / "site" / name), _files(built / "docs" / "generated" / name))
                 for name in ("mini", "third")}
    catalog_page = (built / "site" / "index.html").stat().st_ino
    bodies: list[str] = []
    read = course_cache.Body._read
    monkeypatch.setattr(course_cache.Body, "_read", lambda self: bodies.append(self._entry.stem) or read(self))
    _edit(built)
    result = api.build(built)
    assert result.report.rebuilt == ("second",)
    assert bodies == []  # no other course's pages were even read
    for name, (site, pages) in untouched.items():
        assert _files(built / "site" / name) == site, name  # the very same folders and files
        assert _files(built / "docs" / "generated" / name) == pages, name
    assert (built / "site" / "index.html").stat().st_ino == catalog_page
    assert "新的概述。" in (built / "site" / "second" / "part-one" / "section-one.html").read_text(encoding="utf-8")
    assert not list((built / ".coursegen").glob("build-*")) and not (built / ".coursegen" / JOURNAL).exists()


def _fresh_build(project: Path, tmp_path: Path) -> tuple[str, str]:
    """What a clean build of the project's current sources gives."""
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns(".coursegen", "site", "generated"))
    api.build(clean)
    return tree_digest(clean / "site"), tree_digest(clean / "docs" / "generated")


def _state(project: Path) -> tuple[str, str]:
    return tree_digest(project / "site"), tree_digest(project / "docs" / "generated")


def _ours(project: Path, *paths) -> bool:
    """A rename into or out of site/ or docs/."""
    return any(Path(p).is_relative_to(project / "site") or Path(p).is_relative_to(project / "docs") for p in paths)


@pytest.mark.parametrize("after", [1, 2, 3, 4])
def test_a_replacement_that_fails_half_way_changes_nothing(built, monkeypatch, after):
    before = _state(built)
    real = os.replace
    calls = []

    def failing(source, target, **kwargs):
        if _ours(built, source, target):
            calls.append(target)
            if len(calls) == after:
                raise PermissionError(1, "Operation not permitted", str(target))
        return real(source, target, **kwargs)

    monkeypatch.setattr(site_replace.os, "replace", failing)
    _edit(built)
    with pytest.raises(Exception, match="无法替换"):
        api.build(built)
    assert _state(built) == before
    monkeypatch.undo()
    assert api.build(built).report.rebuilt == ("second",)
    assert _state(built) == _fresh_build(built, built.parent)


@pytest.mark.parametrize("after", [1, 2, 3, 4])
def test_a_build_killed_during_the_replacement_is_repaired_by_the_next(built, monkeypatch, after):
    """Killed between two renames: the journal lets the next build put the old entries back first."""
    real = os.replace
    calls = []

    class Killed(BaseException):
        pass

    def killed(source, target, **kwargs):
        if _ours(built, source, target):
            calls.append(target)
            if len(calls) == after:
                raise Killed()
        return real(source, target, **kwargs)

    monkeypatch.setattr(site_replace.os, "replace", killed)
    def roll_back(entries):
        raise Killed()  # a killed process undoes nothing

    monkeypatch.setattr(site_replace, "_roll_back", roll_back)
    monkeypatch.setattr(shutil, "rmtree", lambda *args, **kwargs: None)  # nor cleans its staging folder up
    _edit(built)
    with pytest.raises(Killed):
        api.build(built)
    monkeypatch.undo()
    assert (built / ".coursegen" / JOURNAL).exists()
    assert api.build(built).report.rebuilt == ("second",)
    assert _state(built) == _fresh_build(built, built.parent)
    assert not (built / ".coursegen" / JOURNAL).exists() and not list((built / ".coursegen").glob("build-*"))


def test_a_planted_journal_moves_nothing_outside_the_project(built, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("x", encoding="utf-8")
    journal = {"version": 1, "entries": [[str(outside / "keep.txt"), None, str(outside / "gone.txt"), True]]}
    import json

    (built / ".coursegen" / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    (outside / "gone.txt").write_text("y", encoding="utf-8")
    _edit(built)
    api.build(built)
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "x" and (outside / "gone.txt").exists()
    assert not (built / ".coursegen" / JOURNAL).exists()


def test_a_new_process_reads_only_the_edited_file_to_see_what_changed(built, monkeypatch):
    """Every build read and hashed every source file of the catalog to find the one that changed."""
    from generator import incremental

    monkeypatch.setattr(incremental, "SETTLED_NS", -10**12)  # every file counts as settled long ago
    _edit(built)
    api.build(built)  # keeps the digests of the settled files
    monkeypatch.setattr(incremental, "_SEEN", {})  # as in a new process
    monkeypatch.setattr(incremental, "_KEPT", {})
    hashed: list[str] = []
    read = incremental.file_digest
    monkeypatch.setattr(incremental, "file_digest", lambda root, path: hashed.append(Path(path).name) or read(root, path))
    part = built / "content" / "second" / "part-one.yml"
    part.write_text(part.read_text(encoding="utf-8").replace("新的概述。", "又一次新的概述。", 1), encoding="utf-8")
    assert api.build(built).report.rebuilt == ("second",)
    assert hashed == ["part-one.yml"]


def test_a_deleted_generated_page_comes_back_and_leftovers_go(built):
    generated = built / "docs" / "generated"
    (generated / "mini" / "index.md").unlink()
    _edit(built)
    assert api.build(built).report.rebuilt == ("second",)
    assert _state(built) == _fresh_build(built, built.parent)
    (generated / "stray.md").write_text("# 旧页面\n", encoding="utf-8")
    part = built / "content" / "second" / "part-one.yml"
    part.write_text(part.read_text(encoding="utf-8").replace("新的概述。", "再改一次。", 1), encoding="utf-8")
    assert api.build(built).report.rebuilt == ("second",)
    assert not (generated / "stray.md").exists()
    shutil.rmtree(built.parent / "clean")
    assert _state(built) == _fresh_build(built, built.parent)
