"""Two engines, one site: ``coursegen build --engine mkdocs|zensical`` (issue #17 item 1).

The browser tests of quiz, checklist, progress and search run under both
engines (see the ``engine`` fixture in conftest.py); these are the tests of
choosing an engine, and of what Zensical must never be given.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import tree_digest
from generator import api, engines

zensical = pytest.mark.usefixtures("zensical_installed")


def _generator_meta(site: Path) -> str:
    text = (site / "mini" / "index.html").read_text(encoding="utf-8")
    return text.split('<meta name="generator" content="', 1)[1].split('"', 1)[0]


def test_an_engine_that_is_not_installed_is_one_chinese_line_with_the_install_hint(project, invoke, monkeypatch):
    monkeypatch.setattr(engines, "engine_version", lambda name: None if name == "zensical" else "1.6.1")
    before = tree_digest(project / "site")
    result = invoke("build", "--project", str(project), "--engine", "zensical")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        '错误：没有安装构建引擎 Zensical（提示：pip install "coursegen[zensical]"（或 pip install zensical）；'
        "或改用 --engine mkdocs）"]
    assert tree_digest(project / "site") == before


def test_an_unknown_engine_is_a_chinese_usage_error(project, invoke):
    result = invoke("build", "--project", str(project), "--engine", "hugo")
    assert result.exit_code == 2
    assert "“hugo”不是可选的值（可选：mkdocs、zensical）" in result.stderr


@pytest.mark.parametrize(("setting", "line", "message"), [
    ("markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - name: x\n"
     "          class: x\n          format: os.system\n", "mkdocs.yml:7:19", "“os.system”会让 Zensical 导入并运行这个函数"),
    ("theme:\n  name: readthedocs\n", "mkdocs.yml:3:9", "Zensical 只能使用 material 主题"),
    ("extra:\n  folder: !relative $config_dir/docs\n", "mkdocs.yml:3:11", "Zensical 不支持 !relative 标签"),
])
def test_settings_zensical_would_run_as_code_are_refused_at_their_line(tmp_path, invoke, monkeypatch, setting,
                                                                         line, message):
    monkeypatch.setattr(engines, "engine_version", lambda name: "0.0.73")
    from conftest import make_project

    project = make_project(tmp_path / "project")
    (project / "mkdocs.yml").write_text("site_name: 测试\n" + setting, encoding="utf-8")
    result = invoke("build", "--project", str(project), "--engine", "zensical")
    assert result.exit_code == 1
    assert line in result.stderr and message in result.stderr
    assert not (project / "site").exists()


@zensical
def test_switching_engines_rebuilds_the_whole_site_and_back(project):
    api.build(project)
    assert _generator_meta(project / "site").startswith("mkdocs-")
    report = api.build(project, engine="zensical").report
    assert set(report.rebuilt) == {"catalog", "mini"}
    assert _generator_meta(project / "site") == f"zensical-{engines.engine_version('zensical')}"
    assert api.build(project, engine="zensical").report.changed is False
    assert set(api.build(project).report.rebuilt) == {"catalog", "mini"}


def _navigation(page: Path) -> list[str]:
    """The links of the page's navigation sidebar, in order (``./x`` and ``x`` are the same link)."""
    text = page.read_text(encoding="utf-8")
    sidebar = text.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    links = [tag for tag in re.findall(r"<a\b[^>]*>", sidebar) if "md-nav__link" in tag]
    return [re.search(r'href="([^"]*)"', tag).group(1).removeprefix("./") for tag in links]


@zensical
def test_the_same_pages_nav_and_search_index_under_both_engines(project, tmp_path):
    api.build(project)
    under_mkdocs = project / "site"
    other = api.build(project, tmp_path / "zensical-site", engine="zensical").site_dir
    pages = {p.relative_to(under_mkdocs).as_posix() for p in under_mkdocs.rglob("*.html")}
    assert pages == {p.relative_to(other).as_posix() for p in other.rglob("*.html")}
    for page in ("mini/index.html", "mini/part-b/group-one/step-two.html", "mini/quiz/part-a.html"):
        assert _navigation(other / page) == _navigation(under_mkdocs / page)
        assert len(_navigation(other / page)) > 10
    for index in ("search/index.js", "mini/search/index.js"):
        assert (other / index).read_bytes() == (under_mkdocs / index).read_bytes()
    # Zensical's own search is off: no index, no worker, no search field of its own.
    assert not list(other.rglob("search.json")) and not list(other.rglob("workers/search.*"))
    assert 'data-md-component="search"' not in (other / "mini" / "index.html").read_text(encoding="utf-8")


@zensical
def test_a_failed_zensical_build_is_chinese_and_keeps_the_old_site(project, invoke):
    assert invoke("build", "--project", str(project), "--engine", "zensical").exit_code == 0
    before = tree_digest(project / "site")
    (project / "docs" / "help.md").write_text("# 帮助\n\n[坏链接](nowhere.md)\n", encoding="utf-8")
    result = invoke("build", "--project", str(project), "--engine", "zensical")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：Zensical 构建失败，原有的 site/ 保持不变：")
    assert "help.md:3" in result.stderr and "strict: true" in result.stderr
    assert "Traceback" not in result.stderr and "\x1b[" not in result.stderr
    assert tree_digest(project / "site") == before


@zensical
def test_the_project_setting_chooses_the_engine_and_the_option_wins(project, invoke):
    (project / "coursegen.yml").write_text("build:\n  engine: zensical\n", encoding="utf-8")
    assert invoke("build", "--project", str(project)).exit_code == 0
    assert _generator_meta(project / "site").startswith("zensical-")
    assert invoke("build", "--project", str(project), "--engine", "mkdocs").exit_code == 0
    assert _generator_meta(project / "site").startswith("mkdocs-")


def test_an_unknown_engine_in_the_setting_is_an_error_at_its_line(project, invoke):
    (project / "coursegen.yml").write_text("build:\n  engine: hugo\n", encoding="utf-8")
    result = invoke("build", "--project", str(project))
    assert result.exit_code == 1
    assert result.stderr.startswith("coursegen.yml:2:11: build.engine:")
    assert not (project / "site").exists()


def _children() -> list[int]:
    """This process's live child processes (Linux)."""
    import os

    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(pid) for pid in (task / "children").read_text().split()]
    return [pid for pid in pids if Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"]


@zensical
def test_the_checks_run_while_zensical_renders_and_stopping_there_keeps_the_old_site(project):
    """The checks of coursegen check used the core Zensical would use; now they run beside it,
    before anything is swapped in, and a build they stop leaves no site and no process behind."""
    others = set(_children())  # a browser driver of earlier tests in this worker, say
    alive: list[int] = []
    api.build(project, engine="zensical", gate=lambda results: alive.extend(set(_children()) - others))
    assert alive, "no Zensical process was rendering while the checks ran"
    before = tree_digest(project / "site")

    def refuse(results):
        raise api.ProjectError("检查未通过")

    with pytest.raises(api.ProjectError):
        api.build(project, engine="zensical", force=True, gate=refuse)
    assert tree_digest(project / "site") == before
    assert set(_children()) - others == set()
    assert not list((project / ".coursegen").glob("build-*"))
