"""Nothing outside the project is read or published, and big files cost no memory (issue #10 F2, F17).

Links that stay inside the project keep working; a file or folder that
resolves outside it is refused by name before anything is read, so neither
an error message nor site/ nor a zip can ever hold its content.
"""

from __future__ import annotations

import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from conftest import tree_digest
from generator import api

SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- not-for-anyone"
FOOTER = "共发现 1 个问题，涉及 1 个文件。\n内容有误，未生成网站；原有的 site/ 保持不变。\n"
LINK_HINT = "（提示：把文件或文件夹本身复制到项目里，不要用符号链接指向项目之外）"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project with a secret in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "id_ed25519").write_text(SECRET + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def here(project, monkeypatch):
    monkeypatch.chdir(project)
    return project


def _published(project: Path) -> str:
    texts = [p.read_bytes().decode("utf-8", "replace") for p in project.rglob("*")
             if p.is_file() and not p.is_symlink() and p.suffix != ".zip"]
    for archive in project.rglob("*.zip"):
        with zipfile.ZipFile(archive) as opened:
            texts += [opened.read(name).decode("utf-8", "replace") for name in opened.namelist()]
    return "\n".join(texts)


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_content_file_linked_to_a_secret_is_refused_without_quoting_it(here, outside, invoke, command):
    part = here / "content" / "mini" / "part-b.yml"
    part.unlink()
    part.symlink_to(outside / "id_ed25519")
    result = invoke(command)
    assert (result.exit_code, result.stderr) == (
        1, f"content/mini/part-b.yml:1:1: 文件链接到项目之外（{outside / 'id_ed25519'}），为安全起见不会读取"
           f"（提示：把文件本身复制到项目里，不要用符号链接指向项目之外）\n{FOOTER}")
    assert "BEGIN OPENSSH" not in result.output


@pytest.mark.parametrize("command", ["build", "pack"])
def test_a_docs_asset_linked_out_of_the_project_is_never_published(here, outside, invoke, command):
    (here / "docs" / "assets" / "leak.txt").symlink_to(outside / "id_ed25519")
    result = invoke(command)
    assert (result.exit_code, result.stderr) == (
        1, f"错误：无法使用 docs/assets/leak.txt：它链接到项目之外（{outside / 'id_ed25519'}），"
           f"为安全起见不会读取、写入或发布{LINK_HINT}\n")
    assert SECRET not in _published(here)


def test_a_docs_folder_linked_out_of_the_project_is_refused(here, outside, invoke):
    (here / "docs" / "extra").symlink_to(outside)
    result = invoke("build")
    assert (result.exit_code, result.stderr) == (
        1, f"错误：无法使用 docs/extra：它链接到项目之外（{outside}），为安全起见不会读取、写入或发布{LINK_HINT}\n")
    assert not (here / "site").exists()


def test_a_course_folder_linked_from_outside_is_refused(here, outside, invoke):
    (outside / "course").mkdir()
    for file in (here / "content" / "mini").iterdir():
        (outside / "course" / file.name).write_bytes(file.read_bytes())
    (here / "content" / "other").symlink_to(outside / "course")
    result = invoke("build")
    assert (result.exit_code, result.stderr) == (
        1, f"content/other:1:1: 课程文件夹链接到项目之外（{outside / 'course'}），为安全起见不会读取"
           f"（提示：把课程文件夹本身复制到 content/ 里，不要用符号链接指向项目之外）\n{FOOTER}")
    assert not (here / "site").exists()


@pytest.mark.parametrize(("folder", "command"), [
    (".coursegen", ["build"]), ("dist", ["pack"]), ("dist", ["export", "json"]), ("quizzes", ["new", "second"]),
], ids=["work-build", "dist-pack", "dist-export", "quizzes-new"])
def test_work_and_output_folders_linked_out_are_refused(here, outside, invoke, folder, command):
    if (here / folder).exists():
        shutil.rmtree(here / folder)
    (here / folder).symlink_to(outside)
    before = tree_digest(outside)
    result = invoke(*command)
    assert (result.exit_code, result.stderr) == (
        1, f"错误：无法使用 {folder}：它链接到项目之外（{outside}），为安全起见不会读取、写入或发布{LINK_HINT}\n")
    assert tree_digest(outside) == before


def test_links_that_stay_inside_the_project_keep_working(here, invoke):
    (here / "shared").mkdir()
    (here / "shared" / "note.txt").write_text("项目里的共享文件\n", encoding="utf-8")
    (here / "docs" / "assets" / "note.txt").symlink_to(here / "shared" / "note.txt")
    (here / "docs" / "more").symlink_to(here / "shared")
    result = invoke("build")
    assert result.exit_code == 0, result.output
    for published in ("assets/note.txt", "more/note.txt"):
        assert (here / "site" / published).read_text(encoding="utf-8") == "项目里的共享文件\n"
        assert not (here / "site" / published).is_symlink()


def test_an_unchanged_build_hashes_a_huge_file_in_chunks(here, invoke):
    """A 300 MB file in a course folder: reading it whole used to cost its size in memory on every build."""
    assert invoke("build").exit_code == 0
    with (here / "content" / "mini" / "lecture-video.bin").open("wb") as big:
        big.truncate(300 * 1024 * 1024)  # sparse: no disk space used
    assert invoke("build").exit_code == 0
    tracemalloc.start()
    try:
        report = api.build(here).report
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not report.changed
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
