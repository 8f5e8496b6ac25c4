"""Trainer toolkit commands: new (scaffold) and pack (offline zip)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import make_speech_project, tree_digest

MAX_PACK_BYTES = 5 * 1024 * 1024


@pytest.fixture(scope="module")
def speech_project(tmp_path_factory) -> Path:
    """A scratch copy of this repository's real course."""
    return make_speech_project(tmp_path_factory.mktemp("speech") / "project")


def test_new_course_validates_and_builds_at_once(project, invoke):
    result = invoke("new", "demo-course", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:5] == [
        "已创建 content/demo-course/course.yml",
        "已创建 content/demo-course/part-one.yml",
        "已创建 content/demo-course/part-two.yml",
        "已创建 content/demo-course/checklists.yml",
        "已创建 quizzes/demo-course.yml",
    ]
    course = (project / "content" / "demo-course" / "course.yml").read_text(encoding="utf-8")
    assert course.startswith("# yaml-language-server: $schema=../../generator/schema/course.schema.json")
    assert "id: demo-course" in course and "待填写" in course
    validate = invoke("validate", "--project", str(project))
    assert validate.exit_code == 0, validate.output
    assert "✓ demo-course：5 个文件，2 个部分，5 道题，内容无误" in validate.stdout
    build = invoke("build", "--project", str(project))
    assert build.exit_code == 0, build.output
    assert (project / "site" / "demo-course" / "index.html").is_file()
    catalog = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="demo-course/index.html"' in catalog and 'href="mini/index.html"' in catalog


def test_new_refuses_to_overwrite_and_changes_nothing(project, invoke):
    before = tree_digest(project / "content"), tree_digest(project / "quizzes")
    result = invoke("new", "mini", "--project", str(project))
    assert result.exit_code == 1
    assert result.stderr == "错误：课程“mini”已存在（content/mini），没有做任何改动\n"
    (project / "quizzes" / "orphan.yml").write_text("course: orphan\n", encoding="utf-8")
    result = invoke("new", "orphan", "--project", str(project))
    assert result.stderr == "错误：课程“orphan”已存在（quizzes/orphan.yml），没有做任何改动\n"
    assert not (project / "content" / "orphan").exists()
    (project / "quizzes" / "orphan.yml").unlink()
    assert (tree_digest(project / "content"), tree_digest(project / "quizzes")) == before


@pytest.mark.parametrize("bad", ["Demo", "demo course", "../x", "a" * 65])
def test_new_rejects_unsafe_course_ids(project, invoke, bad):
    result = invoke("new", bad, "--project", str(project))
    assert result.exit_code == 1
    shown = bad if len(bad) <= 60 else bad[:60] + "…"  # long values are shown capped
    assert result.stderr.startswith(f"错误：课程标识“{shown}”不可用（提示：只能用小写英文字母、数字和单个连字符")


def test_pack_writes_a_small_deterministic_zip_of_one_course(speech_project, invoke):
    result = invoke("pack", "--project", str(speech_project))
    assert result.exit_code == 0, result.output
    target = speech_project / "dist" / "dangjian-ziyuan-1.0.zip"
    assert result.stdout.startswith(f"已打包 {target}（")
    size = target.stat().st_size
    assert size <= MAX_PACK_BYTES
    first = target.read_bytes()
    assert invoke("pack", "--project", str(speech_project)).exit_code == 0
    assert target.read_bytes() == first  # same course, same bytes
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert all(name.startswith("dangjian-ziyuan-1.0/") for name in names)
        for needed in ("index.html", "help.html", "progress.html", "quiz/final.html", "search/index.js",
                       "assets/coursegen/quiz.js", "assets/coursegen/search.js"):
            assert f"dangjian-ziyuan-1.0/{needed}" in names
        assert not any(name.endswith((".map", "sitemap.xml")) for name in names)
        home = archive.read("dangjian-ziyuan-1.0/index.html").decode("utf-8")
        assert "../index.html" not in home  # no link to a catalog outside the zip


def test_pack_needs_a_course_when_there_are_several(project, invoke):
    assert invoke("new", "second", "--project", str(project)).exit_code == 0
    result = invoke("pack", "--project", str(project))
    assert result.exit_code == 1
    assert result.stderr == "错误：有多门课程，请用 --course 指定要打包哪一门（现有：mini、second）\n"
    result = invoke("pack", "--project", str(project), "--course", "second")
    assert result.exit_code == 0
    assert (project / "dist" / "second-0.1.zip").is_file()
