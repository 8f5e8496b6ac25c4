"""Change detection: what counts as changed, and rebuilding only what changed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import tree_digest
from generator import api, incremental
from generator import site as site_module
from generator.incremental import Manifest, build_fingerprint, generator_digest, inputs_digest


def _shared(project: Path) -> str:
    from generator.project import Project
    from generator.site import shared_inputs
    from generator.site_config import load_site_config

    return shared_inputs(Project(project), load_site_config(Project(project)))


def test_mkdocs_yml_assets_and_hand_written_pages_count_as_changes(project):
    first = _shared(project)
    assert _shared(project) == first  # stable
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# x\n", encoding="utf-8")
    assert _shared(project) == first  # a comment changes nothing MkDocs gets
    config.write_text(config.read_text(encoding="utf-8").replace("site_description: ", "site_description: 新"),
                      encoding="utf-8")
    second = _shared(project)
    assert second != first
    css = project / "docs" / "assets" / "coursegen" / "coursegen.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* x */\n", encoding="utf-8")
    third = _shared(project)
    assert third != second
    (project / "docs" / "extra.md").write_text("# 附录\n", encoding="utf-8")
    assert _shared(project) != third


def test_generator_version_counts_as_a_change(monkeypatch):
    generator_digest.cache_clear()
    before = generator_digest()
    monkeypatch.setattr(incremental, "_version", lambda name: "99.0" if name == "mkdocs-material" else "1")
    generator_digest.cache_clear()
    try:
        assert generator_digest() != before
    finally:
        generator_digest.cache_clear()


def test_generator_source_and_templates_count_as_changes(tmp_path, monkeypatch):
    package = tmp_path / "generator"
    shutil.copytree(incremental.GENERATOR_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(incremental, "GENERATOR_DIR", package)
    generator_digest.cache_clear()
    try:
        before = generator_digest()
        template = package / "templates" / "topic.md.j2"
        template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        generator_digest.cache_clear()
        assert generator_digest() != before
    finally:
        generator_digest.cache_clear()


BASE = dict(shared="s", pages={"index.md": "# 甲\n"}, nav=[{"首页": "index.md"}], search_terms=("一岗双责",),
            homepage="../index.html")


@pytest.mark.parametrize(("field", "value"), [
    ("pages", {"index.md": "# 乙\n"}),
    ("nav", [{"主页": "index.md"}]),
    ("search_terms", ("党建带工建",)),
    ("homepage", None),
    ("shared", "t"),
])
def test_each_input_of_a_sub_site_counts(field, value):
    assert build_fingerprint(**BASE) == build_fingerprint(**dict(BASE))
    assert build_fingerprint(**{**BASE, field: value}) != build_fingerprint(**BASE)


def test_manifest_survives_garbage(tmp_path):
    manifest = Manifest(tmp_path, tmp_path / "site")
    assert manifest.read() == {}
    manifest.path.write_text("{not json", encoding="utf-8")
    assert manifest.read() == {}
    manifest.write({"catalog": "a", "mini": "b"})
    assert manifest.read() == {"catalog": "a", "mini": "b"}


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_no_change_rebuild_writes_nothing_and_one_change_rebuilds_one_course(project, invoke):
    assert invoke("new", "second", "--project", str(project)).exit_code == 0
    first = api.build(project)
    assert set(first.report.rebuilt) == {"catalog", "mini", "second"}

    site, docs = project / "site", project / "docs"
    before = (tree_digest(site), tree_digest(docs), _inodes(site), _inodes(docs))
    again = invoke("build", "--project", str(project))
    assert again.exit_code == 0
    assert again.stdout.startswith("没有变化：网站已是最新，未写入任何文件")
    assert (tree_digest(site), tree_digest(docs), _inodes(site), _inodes(docs)) == before

    # Edit one course: only it is rebuilt; the other's files are the very same (hard-linked) files.
    mini_before = _inodes(site / "mini")
    part = project / "content" / "second" / "part-one.yml"
    part.write_text(part.read_text(encoding="utf-8").replace("待填写：第一小节的概述。", "新的概述。"),
                    encoding="utf-8")
    result = api.build(project)
    assert result.report.rebuilt == ("second",)
    assert set(result.report.reused) == {"catalog", "mini"}
    assert _inodes(site / "mini") == mini_before
    assert "新的概述。" in (site / "second" / "part-one" / "section-one.html").read_text(encoding="utf-8")

    # A course's title shows in the catalog: the catalog is rebuilt too, the other course is not.
    course = project / "content" / "second" / "course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("title: 待填写：课程标题", "title: 第二门课"),
                      encoding="utf-8")
    assert set(api.build(project).report.rebuilt) == {"catalog", "second"}
    assert "第二门课" in (site / "index.html").read_text(encoding="utf-8")


def test_removed_course_disappears_and_force_rebuilds_everything(project, invoke):
    assert invoke("new", "second", "--project", str(project)).exit_code == 0
    api.build(project)
    shutil.rmtree(project / "content" / "second")
    (project / "quizzes" / "second.yml").unlink()
    result = api.build(project)
    assert not (project / "site" / "second").exists()
    assert "second/index.html" not in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert result.report.rebuilt == ("catalog",)
    forced = invoke("build", "--project", str(project), "--force")
    assert forced.exit_code == 0 and "重建 1 门课程" in forced.stdout


def test_a_deleted_course_folder_in_site_is_rebuilt(project):
    api.build(project)
    shutil.rmtree(project / "site" / "mini")
    assert api.build(project).report.rebuilt == ("mini",)
    assert (project / "site" / "mini" / "index.html").is_file()


RUNS: list[Path] = []
"""Where recorded_build_one writes (set by the test; forked build workers inherit it)."""
_BUILD_ONE = site_module.stage_and_build


def recorded_build_one(project, config, spec, out, work):
    """site.stage_and_build, noting which process built which sub-site and when (module level: workers unpickle it)."""
    started = time.time()
    try:
        return _BUILD_ONE(project, config, spec, out, work)
    finally:
        (RUNS[0] / f"{spec.name}.{os.getpid()}").write_text(f"{started} {time.time()}", encoding="utf-8")


def _runs(folder: Path) -> list[tuple[str, int, float, float]]:
    runs = []
    for path in sorted(folder.iterdir()):
        name, pid = path.name.rsplit(".", 1)
        start, end = map(float, path.read_text(encoding="utf-8").split())
        runs.append((name, int(pid), start, end))
        path.unlink()
    return runs


def test_courses_build_in_parallel_on_every_core_and_jobs_limits_it(project, tmp_path, invoke, monkeypatch):
    assert invoke("new", "second", "--project", str(project)).exit_code == 0
    RUNS[:] = [tmp_path / "runs"]
    RUNS[0].mkdir()
    monkeypatch.setattr(site_module, "stage_and_build", recorded_build_one)

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # by default, one build process per core
    assert invoke("build", "--project", str(project)).exit_code == 0
    runs = _runs(RUNS[0])
    assert sorted(name for name, *_ in runs) == ["catalog", "mini", "second"]
    workers = {pid for _, pid, _, _ in runs}
    assert len(workers) == 2 and os.getpid() not in workers
    assert any(a[1] != b[1] and a[2] < b[3] and b[2] < a[3] for a in runs for b in runs), "no two builds overlapped"
    parallel = tree_digest(project / "site")

    monkeypatch.setattr(os, "cpu_count", lambda: 8)  # --jobs 1 wins over the cores: one build at a time, here
    assert invoke("build", "--project", str(project), "--force", "--jobs", "1").exit_code == 0
    runs = _runs(RUNS[0])
    assert sorted(name for name, *_ in runs) == ["catalog", "mini", "second"]
    assert {pid for _, pid, _, _ in runs} == {os.getpid()}
    assert tree_digest(project / "site") == parallel


def test_courses_share_identical_theme_files_on_disk(project, invoke):
    assert invoke("new", "second", "--project", str(project)).exit_code == 0
    api.build(project)
    site = project / "site"
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    for course in ("mini", "second"):
        twin = site / course / bundle.relative_to(site)
        assert twin.stat().st_ino == bundle.stat().st_ino  # one file on disk
        assert twin.read_bytes() == bundle.read_bytes()
    # search indexes differ per course and stay separate files
    assert (site / "mini" / "search" / "index.js").read_bytes() != (
        site / "second" / "search" / "index.js").read_bytes()


def test_unchanged_sources_skip_reading_the_yaml_and_edits_are_still_seen(project, monkeypatch):
    from generator.site import unchanged_since_last_build
    from generator.project import Project

    api.build(project)
    assert unchanged_since_last_build(Project(project)) == ("catalog", "mini")
    # With nothing changed, the build does not even load the content.
    monkeypatch.setattr(api, "load_and_render", lambda *a, **k: (_ for _ in ()).throw(AssertionError("rendered")))
    assert api.build(project).report.changed is False
    monkeypatch.undo()
    # A comment changes the sources but not the site: nothing is rebuilt or written.
    course = project / "content" / "mini" / "course.yml"
    course.write_text(course.read_text(encoding="utf-8") + "# 备注\n", encoding="utf-8")
    assert unchanged_since_last_build(Project(project)) is None
    before = tree_digest(project / "site")
    assert api.build(project).report.changed is False
    assert tree_digest(project / "site") == before
    assert unchanged_since_last_build(Project(project)) == ("catalog", "mini")
    # A real edit is rebuilt.
    course.write_text(course.read_text(encoding="utf-8").replace("title: 测试课程", "title: 测试课程（新）"),
                      encoding="utf-8")
    assert set(api.build(project).report.rebuilt) == {"catalog", "mini"}
