"""Source-level incremental builds: unchanged courses are neither validated nor rendered again (issue #17 item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import api, course_cache, incremental
from generator.course_cache import load_and_render
from generator.errors import ContentError
from generator.project import Project, load_project
from generator.render import render_site


@pytest.fixture
def two_courses(project, invoke) -> Path:
    assert invoke("new", "second", "--project", str(project)).exit_code == 0
    return project


def _record(monkeypatch) -> dict[str, list[str]]:
    """Which course folders are validated and which courses rendered, from now on."""
    calls: dict[str, list[str]] = {"loaded": [], "rendered": []}
    load, render = course_cache.load_course, course_cache.render_course

    def loading(project, course_dir):
        calls["loaded"].append(course_dir.name)
        return load(project, course_dir)

    def rendering(env, loaded):
        calls["rendered"].append(loaded.course.id)
        return render(env, loaded)

    monkeypatch.setattr(course_cache, "load_course", loading)
    monkeypatch.setattr(course_cache, "render_course", rendering)
    return calls


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_to_one_course_reads_and_renders_only_that_course(two_courses, monkeypatch):
    api.build(two_courses)
    calls = _record(monkeypatch)
    _edit(two_courses / "content" / "second" / "part-one.yml", "待填写：第一小节的概述。", "新的概述。")
    result = api.build(two_courses)
    assert calls == {"loaded": ["second"], "rendered": ["second"]}
    assert result.report.rebuilt == ("second",)
    assert result.course_ids == ("mini", "second")
    assert "新的概述。" in (two_courses / "site" / "second" / "part-one" / "section-one.html").read_text(encoding="utf-8")


def test_reused_results_give_the_very_same_pages_and_courses(two_courses):
    project = Project(two_courses)
    first = load_and_render(project, two_courses / ".coursegen")
    again = load_and_render(project, two_courses / ".coursegen")
    assert again.reused == ("mini", "second") and first.reused == ()
    fresh = render_site(load_project(project))
    assert again.site == fresh == first.site  # catalog, pages, nav and search terms
    assert again.courses() == load_project(project)


def test_checks_across_courses_still_run_when_every_course_is_reused(two_courses, monkeypatch):
    api.build(two_courses)
    calls = _record(monkeypatch)
    (two_courses / "quizzes" / "ghost.yml").write_text("course: ghost\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        api.build(two_courses)
    assert "没有与题库同名的课程文件夹 content/ghost/" in str(caught.value)
    assert calls["loaded"] == []


def test_a_course_with_errors_is_reported_again_however_often_it_is_built(two_courses):
    _edit(two_courses / "content" / "second" / "course.yml", "title: 待填写：课程标题", "title: [不是, 文本]")
    for _ in range(2):
        with pytest.raises(ContentError) as caught:
            load_and_render(Project(two_courses), two_courses / ".coursegen")
        assert "content/second/course.yml" in str(caught.value)


@pytest.mark.parametrize("change", ["bank", "new file", "hand-written page", "coursegen"])
def test_everything_a_course_depends_on_counts(two_courses, monkeypatch, change):
    project = Project(two_courses)
    load_and_render(project, two_courses / ".coursegen")
    calls = _record(monkeypatch)
    if change == "bank":
        _edit(two_courses / "quizzes" / "mini.yml", "course: mini", "course: mini  # 题库")
    elif change == "new file":
        (two_courses / "content" / "mini" / "extra.yml").write_text("id: extra\n", encoding="utf-8")
    elif change == "hand-written page":
        (two_courses / "docs" / "mini.md").write_text("# 与课程同名\n", encoding="utf-8")
    else:
        monkeypatch.setattr(incremental, "_version", lambda name: "99.0")
        incremental.generator_digest.cache_clear()
    try:
        try:
            load_and_render(project, two_courses / ".coursegen")
        except ContentError:
            pass  # the new file and the colliding page are errors; what matters is who was read
    finally:
        incremental.generator_digest.cache_clear()
    expected = ["mini", "second"] if change in ("hand-written page", "coursegen") else ["mini"]
    assert calls["loaded"] == expected


def test_a_garbled_or_planted_result_is_only_a_miss(two_courses, monkeypatch):
    project = Project(two_courses)
    load_and_render(project, two_courses / ".coursegen")
    entry = two_courses / ".coursegen" / "courses" / "mini.json"
    entry.write_text("{not json", encoding="utf-8")
    (two_courses / ".coursegen" / "courses" / "second.json").write_text('{"version": 1, "key": 3}', encoding="utf-8")
    calls = _record(monkeypatch)
    assert load_and_render(project, two_courses / ".coursegen").site == render_site(load_project(project))
    assert calls["loaded"] == ["mini", "second"]


def test_force_reads_every_course_and_a_removed_course_is_forgotten(two_courses, monkeypatch, invoke):
    api.build(two_courses)
    calls = _record(monkeypatch)
    assert invoke("build", "--project", str(two_courses), "--force").exit_code == 0
    assert calls["loaded"] == ["mini", "second"]
    import shutil

    shutil.rmtree(two_courses / "content" / "second")
    (two_courses / "quizzes" / "second.yml").unlink()
    api.build(two_courses)
    assert sorted(p.name for p in (two_courses / ".coursegen" / "courses").iterdir()) == ["mini.json"]


def test_the_builds_checks_run_only_on_courses_that_changed_and_say_the_same(two_courses, monkeypatch, invoke):
    from generator.check import reuse

    first = invoke("build", "--project", str(two_courses))
    assert first.exit_code == 0
    checked: list[str] = []
    check = reuse.check_course
    monkeypatch.setattr(reuse, "check_course", lambda root, loaded, *rest: checked.append(loaded.course.id)
                        or check(root, loaded, *rest))
    _edit(two_courses / "content" / "second" / "part-one.yml", "待填写：第一小节的概述。", "新的概述。")
    again = invoke("build", "--project", str(two_courses))
    assert again.exit_code == 0 and checked == ["second"]
    assert again.stderr == first.stderr  # the reused findings are printed as before
    (two_courses / "coursegen.yml").write_text("check: {}\n", encoding="utf-8")
    _edit(two_courses / "content" / "second" / "part-one.yml", "新的概述。", "又一次新的概述。")
    assert invoke("build", "--project", str(two_courses)).exit_code == 0
    assert checked == ["second", "mini", "second"]  # other thresholds: every course is checked again


def test_a_forced_build_checks_every_course_and_keeps_the_findings_for_the_next_edit(two_courses, monkeypatch,
                                                                                     invoke):
    from generator.check import reuse

    checked: list[str] = []
    check = reuse.check_course
    monkeypatch.setattr(reuse, "check_course", lambda root, loaded, *rest: checked.append(loaded.course.id)
                        or check(root, loaded, *rest))
    assert invoke("build", "--project", str(two_courses), "--force").exit_code == 0
    assert checked == ["mini", "second"]
    _edit(two_courses / "content" / "second" / "part-one.yml", "待填写：第一小节的概述。", "新的概述。")
    assert invoke("build", "--project", str(two_courses)).exit_code == 0
    assert checked == ["mini", "second", "second"]
