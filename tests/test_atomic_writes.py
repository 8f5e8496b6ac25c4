"""Writes that never follow a planted link, honour the umask, and leave nothing half-done (#10 F3 F10 F18 F23).

generator/atomic.py is the one way coursegen writes a file: the manifest,
exports, zips, schemas and generated pages all go through it.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest

from conftest import REPO
from generator import atomic


@pytest.fixture
def here(project, monkeypatch):
    monkeypatch.chdir(project)
    return project


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_link_planted_at_the_manifests_temporary_name_is_never_followed(here, tmp_path, invoke):
    assert invoke("build").exit_code == 0
    (manifest,) = (here / ".coursegen").glob("manifest-*.json")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    manifest.with_suffix(".tmp").symlink_to(victim)  # the fixed temporary name an earlier version used
    (here / ".coursegen" / "build.lock").unlink()
    (here / ".coursegen" / "build.lock").symlink_to(tmp_path / "created-through-the-lock")
    assert invoke("build", "--force").exit_code == 0
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not (tmp_path / "created-through-the-lock").exists()
    assert manifest.is_file() and not manifest.is_symlink()


def test_temporary_names_are_random_and_created_exclusively(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    names = iter(["guessed", "fresh"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(names))
    (tmp_path / f".out.json.guessed{atomic.TEMP_SUFFIX}").symlink_to(victim)
    atomic.write_atomically(tmp_path / "out.json", b"{}")
    assert (tmp_path / "out.json").read_bytes() == b"{}"
    assert victim.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize(("args", "outputs"), [
    (["export", "json"], ["dist/questions.json"]),
    (["export", "docx"], ["dist/mini-试卷.docx", "dist/mini-答案与解析.docx"]),
    (["pack"], ["dist/mini-1.0.zip"]),
    (["schema", "-o", "schemas"], ["schemas/course.schema.json", "schemas/quiz.schema.json"]),
], ids=["json", "docx", "zip", "schema"])
def test_written_files_honour_the_umask(here, invoke, umask_022, args, outputs):
    assert invoke(*args).exit_code == 0
    for output in outputs:
        assert stat.S_IMODE((here / output).stat().st_mode) == 0o644, output


def test_a_replaced_file_keeps_its_mode(here, invoke, umask_022):
    assert invoke("export", "json").exit_code == 0
    (here / "dist" / "questions.json").chmod(0o640)
    assert invoke("export", "json").exit_code == 0
    assert stat.S_IMODE((here / "dist" / "questions.json").stat().st_mode) == 0o640


def test_a_paper_and_its_key_are_replaced_together_or_not_at_all(here, invoke, monkeypatch):
    assert invoke("export", "docx").exit_code == 0
    paper, key = here / "dist" / "mini-试卷.docx", here / "dist" / "mini-答案与解析.docx"
    before = paper.read_bytes(), key.read_bytes()
    course = here / "content" / "mini" / "course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("title: 测试课程", "title: 改过的课程"),
                      encoding="utf-8")
    real_replace = os.replace

    def key_cannot_be_replaced(source, target, **kwargs):
        if os.fspath(target).endswith("答案与解析.docx") and "coursegen-tmp" in os.fspath(source):
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), os.fspath(target))
        return real_replace(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", key_cannot_be_replaced)
    result = invoke("export", "docx")
    assert (result.exit_code, result.stderr) == (
        1, "错误：无法写入 dist/mini-答案与解析.docx：操作不被允许（可能被设为只读或不可更改）"
           "（提示：检查权限和 chattr 属性，或换一个位置）\n")
    assert (paper.read_bytes(), key.read_bytes()) == before
    assert sorted(p.name for p in (here / "dist").iterdir()) == ["mini-答案与解析.docx", "mini-试卷.docx"]


KILLED_MID_WRITE = textwrap.dedent("""
    import os, sys, time
    real_replace = os.replace
    def stall(source, target, **kwargs):
        if os.path.basename(os.fspath(source)).startswith(".") and "dist" in os.fspath(target):
            print("writing", flush=True)
            time.sleep(600)
        return real_replace(source, target, **kwargs)
    os.replace = stall
    from generator.cli import main
    main(sys.argv[1:])
""")


@pytest.mark.parametrize("args", [["export", "json"], ["pack"]], ids=["export", "pack"])
def test_what_a_killed_export_or_pack_left_in_dist_is_removed_by_the_next_run(here, invoke, args):
    process = subprocess.Popen([sys.executable, "-c", KILLED_MID_WRITE, *args, "-p", str(here)], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert process.stdout.readline() == "writing\n", process.stderr.read()
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    assert [p.name for p in (here / "dist").iterdir() if p.name.startswith(".")], "nothing was left to clean"
    assert invoke(*args).exit_code == 0
    assert [p.name for p in (here / "dist").iterdir()] == ["questions.json" if args[0] == "export" else "mini-1.0.zip"]


def test_a_temporary_file_still_being_written_is_not_taken_for_a_leftover(tmp_path):
    with atomic.atomic_writer(tmp_path / "slow.zip") as handle:
        handle.write(b"half")
        (live,) = [p for p in tmp_path.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX)]
        assert atomic.remove_stale_temporaries(tmp_path) == 0
        assert live.exists()
    assert (tmp_path / "slow.zip").read_bytes() == b"half"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slow.zip"]
