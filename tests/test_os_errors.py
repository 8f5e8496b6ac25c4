"""Operating-system errors (issue #10 F8) and coursegen's own bugs (#18): one Chinese line each, exit 1.

Every case names the path and what to do, and prints no traceback. Tests run
as root in CI, where ``chmod 000`` and ``chattr`` cannot be relied on, so
unreadable and read-only places are simulated by :func:`denied.deny`
(patched ``os`` functions), a full disk by a patched write; /dev/full and
/proc are the real thing.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from conftest import REPO, tree_digest
from denied import deny
from generator import api

FULL_DISK_HINT = "磁盘空间不足（提示：清理磁盘空间后重试）"
NOT_A_FOLDER = "这是一个文件，不是文件夹（提示：换一个输出位置，或先移走这个文件）"
NO_PERMISSION = "没有权限（提示：检查文件和所在文件夹的权限，或换一个有权限的位置）"


@pytest.fixture
def here(project, monkeypatch):
    """Run inside the project, as a trainer would: messages name paths relative to it."""
    monkeypatch.chdir(project)
    (project / "notes.txt").write_text("a plain file\n", encoding="utf-8")
    return project


@pytest.mark.parametrize(("args", "message"), [
    (["export", "json", "-o", "notes.txt/x.json"], f"错误：无法创建文件夹 notes.txt：{NOT_A_FOLDER}\n"),
    (["export", "docx", "-o", "notes.txt/papers"], f"错误：无法创建文件夹 notes.txt：{NOT_A_FOLDER}\n"),
    (["pack", "-o", "notes.txt/x.zip"], f"错误：无法创建文件夹 notes.txt：{NOT_A_FOLDER}\n"),
    (["schema", "-o", "notes.txt/schema"], f"错误：无法创建文件夹 notes.txt：{NOT_A_FOLDER}\n"),
    (["export", "json", "-o", "/proc/x.json"],
     "错误：无法写入 /proc/x.json：这个位置不能新建文件（可能是系统的特殊文件夹）（提示：换一个普通的文件夹）\n"),
], ids=["export-json", "export-docx", "pack", "schema", "proc"])
def test_output_into_an_impossible_place_is_one_chinese_line(here, invoke, args, message):
    result = invoke(*args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert (here / "notes.txt").read_text(encoding="utf-8") == "a plain file\n"


def test_an_existing_folder_named_like_a_file_receives_the_export(here, invoke):
    (here / "exports.v2").mkdir()
    result = invoke("export", "json", "-o", "exports.v2")
    assert result.exit_code == 0, result.output
    assert result.stdout == "已导出 exports.v2/questions.json\n"
    assert (here / "exports.v2" / "questions.json").is_file()


def test_stdout_on_a_full_device_is_reported_once_in_chinese(project):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "generator", "validate", "-p", str(project)], cwd=REPO,
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (1, f"错误：无法写入标准输出：{FULL_DISK_HINT}\n")


def test_a_full_disk_during_export_names_the_file_and_leaves_nothing(here, invoke, monkeypatch):
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    result = invoke("export", "json")
    assert (result.exit_code, result.stderr) == (1, f"错误：无法写入 dist/questions.json：{FULL_DISK_HINT}\n")
    assert os.listdir(here / "dist") == []


def test_a_full_disk_during_build_keeps_the_site(here, invoke, monkeypatch):
    import mkdocs.utils

    assert invoke("build").exit_code == 0
    before = tree_digest(here / "site"), tree_digest(here / "docs")

    def no_space(content: bytes, output_path: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # what f.write() raises: no file name

    monkeypatch.setattr(mkdocs.utils, "write_file", no_space)
    result = invoke("build", "--force", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：无法写入 .coursegen/build-")
    assert result.stderr.endswith(f"：{FULL_DISK_HINT}\n") and result.stderr.count("\n") == 1
    assert (tree_digest(here / "site"), tree_digest(here / "docs")) == before


def test_a_read_only_dist_folder(here, invoke, monkeypatch):
    """What ``chattr +i dist`` gives: EPERM for anything created in it."""
    (here / "dist").mkdir()
    deny(monkeypatch, here / "dist", errno.EPERM)
    result = invoke("export", "json")
    assert (result.exit_code, result.stderr) == (
        1, "错误：无法写入 dist/questions.json：操作不被允许（可能被设为只读或不可更改）"
           "（提示：检查权限和 chattr 属性，或换一个位置）\n")


@pytest.mark.parametrize(("denied_path", "message"), [
    ("content/mini/part-a.yml",
     "content/mini/part-a.yml:1:1: 没有读取这个文件的权限（提示：检查这个文件是否存在、能否打开）\n"
     "共发现 1 个问题，涉及 1 个文件。\n内容有误，未生成网站；原有的 site/ 保持不变。\n"),
    ("content/mini", f"错误：无法读取文件夹 content/mini：{NO_PERMISSION}\n"),
    ("quizzes", f"错误：无法访问 quizzes/mini.yml：{NO_PERMISSION}\n"),
    ("docs/help.md", f"错误：无法读取 docs/help.md：{NO_PERMISSION}\n"),
], ids=["part-file", "course-folder", "quizzes-folder", "hand-written-page"])
def test_unreadable_sources_stop_the_build_with_their_name(here, invoke, monkeypatch, denied_path, message):
    assert invoke("build").exit_code == 0
    edited = here / "content" / "mini" / "course.yml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: 测试课程", "title: 测试课程二"),
                      encoding="utf-8")
    before = tree_digest(here / "site"), tree_digest(here / "docs" / "generated")
    deny(monkeypatch, here / denied_path)
    result = invoke("build")
    assert (result.exit_code, result.stderr) == (1, message)
    assert (tree_digest(here / "site"), tree_digest(here / "docs" / "generated")) == before


def test_a_bug_in_coursegen_prints_one_line_and_writes_a_crash_report(here, invoke, monkeypatch):
    (here / ".coursegen").mkdir()

    def broken(root):
        raise ValueError("an internal mistake")

    monkeypatch.setattr(api, "validate", broken)
    result = invoke("validate")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith("错误：coursegen 内部出错（ValueError），这不是您的内容的问题。完整报告已写入 .coursegen/crash-")
    assert lines[0].endswith(".txt，请把它发给维护者。")
    report = here / lines[0].split("已写入 ")[1].split("，")[0]
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "an internal mistake" in text and "命令：coursegen validate" in text


def test_run_mkdocs_reports_only_mkdocs_errors_as_build_failures(here, invoke, monkeypatch):
    """A bug in our own code during a MkDocs run is a crash, not “MkDocs 构建失败”."""
    import mkdocs.commands.build

    def our_bug(config, **kwargs):
        raise KeyError("not MkDocs' fault")

    monkeypatch.setattr(mkdocs.commands.build, "build", our_bug)
    result = invoke("build", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：coursegen 内部出错（KeyError），这不是您的内容的问题。")
    assert "MkDocs 构建失败" not in result.stderr


def test_chinese_help_does_not_patch_click_for_the_whole_process(invoke):
    assert click.Context.formatter_class is click.HelpFormatter
    assert invoke("validate", "--help").output.startswith("用法：coursegen validate")
    assert click.Context.formatter_class is click.HelpFormatter


def test_errors_raised_in_build_workers_reach_the_cli_intact():
    """Parallel builds run in worker processes: their errors are pickled on the way back."""
    import pickle

    from generator.errors import ContentError, Problem
    from generator.file_errors import from_os_error
    from generator.safe_files import OutsideProjectError

    errors = [ContentError([Problem("mkdocs.yml", 3, 1, "theme", "主题没有安装", "检查拼写")]),
              OutsideProjectError(Path("docs/leak.txt"), "/etc/passwd"),
              from_os_error(OSError(errno.ENOSPC, "full"), "写入", "site/index.html")]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert (type(copy), str(copy)) == (type(error), str(error))
