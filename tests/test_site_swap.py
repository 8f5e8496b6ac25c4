"""A failed site swap changes nothing; site/ as a link is never replaced by a folder (issue #10 F9)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import tree_digest
from generator import fsutil

IMMUTABLE = "操作不被允许（可能被设为只读或不可更改）（提示：检查权限和 chattr 属性，或换一个位置）"


@pytest.fixture
def built(project, monkeypatch, invoke):
    """A built project, run from inside it, with one edit waiting to be built."""
    monkeypatch.chdir(project)
    assert invoke("build").exit_code == 0
    course = project / "content" / "mini" / "course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("title: 测试课程", "title: 测试课程（修订）"),
                      encoding="utf-8")
    return project


def _state(project: Path) -> tuple[str, str]:
    return tree_digest(project / "site"), tree_digest(project / "docs" / "generated")


def _immutable(monkeypatch, folder: Path) -> None:
    """What ``chattr +i folder`` does to a swap: neither exchanging nor renaming it is allowed."""
    real_exchange, real_replace = fsutil._exchange, os.replace

    def refuse(path) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), os.fspath(path))

    def exchange(a: Path, b: Path) -> bool:
        if Path(b) == folder:
            refuse(b)
        return real_exchange(a, b)

    def replace(source, target, **kwargs):
        if folder in (Path(source), Path(target)):
            refuse(target)
        return real_replace(source, target, **kwargs)

    monkeypatch.setattr(fsutil, "_exchange", exchange)
    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("locked", ["site", "docs/generated"])
def test_when_one_swap_fails_neither_site_nor_generated_pages_change(built, invoke, monkeypatch, locked):
    before = _state(built)
    _immutable(monkeypatch, built / locked)
    result = invoke("build")
    assert (result.exit_code, result.stderr) == (1, f"错误：无法替换 {locked}：{IMMUTABLE}\n")
    assert _state(built) == before
    assert not list((built / ".coursegen").glob("build-*"))
    monkeypatch.undo()
    monkeypatch.chdir(built)
    assert invoke("build").exit_code == 0
    assert _state(built) != before


def test_a_site_link_to_a_web_root_outside_is_refused_and_kept(built, invoke, tmp_path):
    web_root = tmp_path / "www"
    os.replace(built / "site", web_root)
    (built / "site").symlink_to(web_root)
    before = tree_digest(web_root)
    result = invoke("build", "--force")
    assert (result.exit_code, result.stderr) == (
        1, f"错误：无法使用 site：它链接到项目之外（{web_root}），为安全起见不会读取、写入或发布"
           "（提示：删除这个链接，构建后再把 site/ 复制或同步到网站目录（例如 rsync -a --delete site/ 网站目录/））\n")
    assert (built / "site").is_symlink() and os.readlink(built / "site") == str(web_root)
    assert tree_digest(web_root) == before


def test_a_site_link_inside_the_project_is_kept_and_its_target_swapped(built, invoke):
    (built / "public").mkdir()
    os.replace(built / "site", built / "public" / "site")
    (built / "site").symlink_to(Path("public") / "site")
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert (built / "site").is_symlink()
    assert "测试课程（修订）" in (built / "public" / "site" / "index.html").read_text(encoding="utf-8")
    assert not (built / "public" / "site.old").exists()
