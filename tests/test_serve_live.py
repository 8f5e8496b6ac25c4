"""The preview's quick rebuilds (#17 target 3): only what changed is redrawn, exactly as a full build draws it."""

from __future__ import annotations

import http.client
import os
import tempfile
import urllib.request
from pathlib import Path

import pytest

from conftest import ENGINES, preview_address, require_zensical
from generator import api
from generator import serve as serve_module
from generator.preview_server import PreviewServer
from generator.search_index import page_url

PART = "content/mini/part-a.yml"


def _files(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file below ``folder``: its inode, modification time and bytes."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        info = path.stat()
        found[path.relative_to(folder).as_posix()] = (info.st_ino, info.st_mtime_ns, path.read_bytes())
    return found


def _generated(project: Path) -> dict[str, str]:
    folder = project / "docs" / "generated"
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}


def _html(page: str) -> str:
    return page_url(page, False)  # mkdocs.yml: use_directory_urls: false


def _edit(project: Path, old: str, new: str) -> None:
    path = project / PART
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_save_redraws_only_the_changed_pages_exactly_as_a_full_build_and_errors_recover(
        project, tmp_path, monkeypatch, engine):
    if engine == "zensical":
        require_zensical()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # the preview's folder, to look into
    said: list[str] = []
    seen: dict = {}

    def site() -> Path:
        return next(scratch.glob("coursegen-serve-*")) / "site"

    def get(path: str) -> str:
        with urllib.request.urlopen(preview_address(said) + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def same_as_a_full_build() -> None:
        full = api.build(project, tmp_path / f"full-{len(seen)}", force=True, engine=engine).site_dir
        served = _files(site())
        assert {name: data for name, (_, _, data) in served.items()} == \
            {name: data for name, (_, _, data) in _files(full).items()}

    def first_build() -> None:
        seen["files"], seen["pages"] = _files(site()), _generated(project)
        _edit(project, "takeaway: 早测试，早发现。", "takeaway: 早测试，早修正。")  # as long as before

    def only_the_edited_page() -> None:
        pages = _generated(project)
        changed_pages = {name for name in pages if pages[name] != seen["pages"][name]}
        assert changed_pages == {"mini/part-a/index.md", "mini/part-a/meaning-one.md", "mini/lesson-plan.md"}
        files = _files(site())
        rewritten = {name for name in files if files[name][:2] != seen["files"][name][:2]}
        assert rewritten == {_html(page) for page in changed_pages} | {"mini/search/index.js"}
        assert "早测试，早修正。" in get(_html("mini/part-a/meaning-one.md"))
        assert said[-1] == "已更新：3 个页面。"
        same_as_a_full_build()
        seen["pages"] = pages
        # Longer text changes the page's reading time, which every page of the course carries.
        _edit(project, "summary: 说明测试的意义。", "summary: 说明测试的意义：" + "测试让问题早暴露，也让改动有保障。" * 12)

    def reading_times_everywhere() -> None:
        pages = _generated(project)
        assert len({name for name in pages if pages[name] != seen["pages"][name]}) > 3
        assert said[-1].startswith("已更新：")
        same_as_a_full_build()
        _edit(project, "summary: 说明测试的意义：", "summary: no\nx: 说明测试的意义：")

    def an_error_keeps_the_last_good_site() -> None:
        page = get(_html("mini/part-a/index.md"))
        assert "coursegen-error" in page and "content/mini/part-a.yml:5:10: summary:" in page
        assert "说明测试的意义：测试让问题早暴露" in page
        assert said[-1].startswith("content/mini/part-a.yml:5:10: summary: 应为文本，实际是布尔值 false")
        assert said[-1].endswith("\n内容有误：继续显示上次成功的版本。")
        _edit(project, "summary: no\nx: 说明测试的意义：", "summary: 已修好：")

    def recovered() -> None:
        page = get(_html("mini/part-a/index.md"))
        assert "已修好" in page and "coursegen-error" not in page
        same_as_a_full_build()
        help_page = project / "docs" / "help.md"  # its title is in every page's navigation
        help_page.write_text(help_page.read_text(encoding="utf-8").replace("# 使用说明", "# 帮助", 1), encoding="utf-8")

    def a_hand_written_page_rebuilds_everything() -> None:
        assert said[-1].startswith("已重新生成：")
        assert "帮助" in get(_html("mini/part-a/index.md"))
        _edit(project, "takeaway: 有测试，敢改动。", "takeaway: 有测试，才敢改。")

    def quick_again_with_the_new_navigation() -> None:
        assert said[-1] == "已更新：3 个页面。"
        same_as_a_full_build()

    steps = iter([first_build, only_the_edited_page, reading_times_everywhere, an_error_keeps_the_last_good_site,
                  recovered, a_hand_written_page_rebuilds_everything, quick_again_with_the_new_navigation])

    def pause(seconds: float) -> None:
        if seconds == serve_module.SETTLE_SECONDS:
            return
        step = next(steps, None)
        if step is None:
            raise KeyboardInterrupt
        step()

    monkeypatch.setattr(serve_module, "_pause", pause)
    serve_module.serve(project, "127.0.0.1", 0, echo=said.append, engine=engine)  # port 0: any free one
    assert next(steps, None) is None, said
    assert said[-1] == "预览已停止。" and not any("Traceback" in line for line in said)
    assert list(scratch.glob("coursegen-serve-*")) == []


def test_reloads_revalidate_files_over_one_kept_connection_and_never_keep_pages(tmp_path):
    (tmp_path / "index.html").write_text("<html><body>页</body></html>", encoding="utf-8")
    (tmp_path / "main.css").write_text("body{}", encoding="utf-8")
    server = PreviewServer(tmp_path, "127.0.0.1", 0)
    server.start()
    try:
        connection = http.client.HTTPConnection(*server.url.removeprefix("http://").rstrip("/").split(":"))
        connection.request("GET", "/main.css")
        first = connection.getresponse()
        assert (first.status, first.read(), first.getheader("Cache-Control")) == (200, b"body{}", "no-cache")
        tag = first.getheader("ETag")
        connection.request("GET", "/main.css", headers={"If-None-Match": tag})  # the same connection
        again = connection.getresponse()
        assert (again.status, again.read()) == (304, b"")
        replacement = tmp_path / "main.css.new"
        replacement.write_text("body{color:red}", encoding="utf-8")
        os.replace(replacement, tmp_path / "main.css")  # as a rebuild replaces it
        connection.request("GET", "/main.css", headers={"If-None-Match": tag})
        changed = connection.getresponse()
        assert (changed.status, changed.read()) == (200, b"body{color:red}")
        connection.request("GET", "/")
        page = connection.getresponse()
        assert (page.status, page.getheader("Cache-Control"), page.getheader("ETag")) == (200, "no-store", None)
        assert "页" in page.read().decode("utf-8")
        connection.close()
    finally:
        server.shutdown()


def test_a_file_saved_with_the_same_text_is_not_parsed_again_and_a_changed_one_is(tmp_path):
    from generator.loader import read_yaml

    source = tmp_path / "part.yml"
    source.write_text("title: 第一版\n", encoding="utf-8")
    first = read_yaml(source, "part.yml", tmp_path)
    source.write_text("title: 第一版\n", encoding="utf-8")  # saved again, unchanged
    assert read_yaml(source, "part.yml", tmp_path) is first
    source.write_text("title: 第二版\n", encoding="utf-8")
    assert read_yaml(source, "part.yml", tmp_path).data == {"title": "第二版"}
    assert read_yaml(source, "other.yml", tmp_path) is not first  # another name, its own marks


def test_the_warm_zensical_worker_reports_a_failed_build_and_builds_the_next(tmp_path, zensical_installed):
    from generator.zensical_worker import ZensicalWorker

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    settings = tmp_path / "mkdocs.yml"
    settings.write_text("site_name: 测试\ndocs_dir: missing\ntheme:\n  name: material\n", encoding="utf-8")
    worker = ZensicalWorker()
    try:
        failed = worker.launch(settings, True, tmp_path)  # no such docs folder
        output, _ = failed.communicate(timeout=120)
        assert failed.returncode == 1 and b"coursegen-error" in output
        settings.write_text("site_name: 测试\ntheme:\n  name: material\n", encoding="utf-8")
        built = worker.launch(settings, True, tmp_path)
        assert built.communicate(timeout=120)[1] is None and built.returncode == 0
        assert "首页" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
        worker._child.process.kill()  # a worker that died between two saves is replaced
        worker._child.process.wait()
        again = worker.launch(settings, True, tmp_path, clean=False)
        again.communicate(timeout=120)
        assert again.returncode == 0
    finally:
        worker.close()


def test_builds_queued_in_the_warm_worker_can_be_collected_in_any_order(tmp_path, zensical_installed):
    from generator.zensical_worker import ZensicalWorker

    runs = []
    worker = ZensicalWorker()
    try:
        for name in ("a", "b"):
            (tmp_path / name / "docs").mkdir(parents=True)
            (tmp_path / name / "docs" / "index.md").write_text(f"# 站点{name}\n", encoding="utf-8")
            (tmp_path / name / "mkdocs.yml").write_text(f"site_name: {name}\n", encoding="utf-8")
            runs.append(worker.launch(tmp_path / name / "mkdocs.yml", False, tmp_path / name))
        for run in reversed(runs):  # the preview waits for the sub-site it needs first
            run.communicate(timeout=120)
            assert run.returncode == 0
        assert all((tmp_path / name / "site" / "index.html").is_file() for name in ("a", "b"))
    finally:
        worker.close()
