"""The coursegen command line, through click's CliRunner and as a real process."""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from conftest import PREVIEW_SAYS, REPO, preview_address, tree_digest
from generator import api
from generator.cli import cli
from generator.cli_text import display_width

COMMANDS = sorted(cli.commands)


def test_commands_are_the_documented_set():
    assert COMMANDS == ["build", "check", "draft", "export", "new", "pack", "records", "schema", "serve", "validate"]


@pytest.mark.parametrize("args", [["--help"], *[[c, "--help"] for c in COMMANDS]])
def test_help_is_chinese_and_fits_the_terminal(args):
    result = CliRunner().invoke(cli, args, prog_name="coursegen", terminal_width=80)
    assert result.exit_code == 0
    assert result.output.startswith("用法：coursegen")
    assert "选项：" in result.output and "显示帮助并退出。" in result.output
    assert "Show this message" not in result.output and "[default" not in result.output
    # click's type words and ranges are translated, and Chinese text is wrapped by what it takes on screen
    assert not re.search(r"\[OPTIONS\]|\b(?:DIRECTORY|FILE|PATH|TEXT|INTEGER|FLOAT)\b|<=x|x>=", result.output)
    assert max(display_width(line) for line in result.output.splitlines()) <= 80


def test_unknown_command_and_option_errors_are_chinese(invoke):
    result = invoke("publish")
    assert result.exit_code == 2
    assert result.stderr == "错误：没有命令“publish”（运行 coursegen --help 查看用法）\n"
    result = invoke("validate", "--bogus")
    assert result.exit_code == 2
    assert result.stderr == "错误：没有选项 --bogus（运行 coursegen validate --help 查看用法）\n"


def test_validate_reports_each_course(project, invoke):
    result = invoke("validate", "--project", str(project))
    assert result.exit_code == 0
    assert result.stdout == "✓ mini：5 个文件，2 个部分，6 道题，内容无误\n检查通过：共 1 门课程。\n"


def test_missing_content_folder_is_a_clear_error(tmp_path, invoke):
    result = invoke("validate", "--project", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == "错误：找不到课程内容文件夹 content（请在项目根目录运行，或用 --project 指定）\n"


def test_build_makes_the_site_and_leaves_hand_written_docs_alone(project, invoke):
    hand_written = tree_digest(project / "docs")
    result = invoke("build", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("构建完成：1 门课程，24 个生成页面，重建 1 门课程，用时 ")
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "mini" / "part-b" / "group-one" / "step-one.html").is_file()
    assert (project / "site" / "help.html").is_file()  # hand-written page
    generated = project / "docs" / "generated"
    assert (generated / "mini" / "index.md").is_file()
    # Everything outside docs/generated is exactly as before.
    import shutil
    shutil.rmtree(generated)
    assert tree_digest(project / "docs") == hand_written


def test_a_forced_rebuild_in_a_new_process_gives_byte_identical_generated_files(project, invoke):
    """The rebuild renders every page again, in another process with another hash seed; a page whose
    bytes differed would be rewritten (the build only keeps docs/generated/ when it matches exactly)."""
    assert invoke("build", "--project", str(project)).exit_code == 0
    first = tree_digest(project / "docs" / "generated")
    again = subprocess.run([sys.executable, "-m", "generator", "build", "--force", "-p", str(project)],
                           capture_output=True, text=True, cwd=REPO,
                           env={**os.environ, "PYTHONHASHSEED": "4242", "NO_MKDOCS_2_WARNING": "1"})
    assert again.returncode == 0, again.stderr
    assert re.match(r"构建完成：1 门课程，\d+ 个生成页面，重建 1 门课程，", again.stdout), again.stdout
    # without --verbose, MkDocs says nothing: stderr holds only the check's warnings and their summary
    assert [line for line in again.stderr.splitlines()
            if not re.match(r"\S+:\d+:\d+: [A-Z]\d{3} 警告 |检查通过（有警告）", line)] == []
    assert tree_digest(project / "docs" / "generated") == first


def test_verbose_shows_what_mkdocs_does(project):
    loud = subprocess.run([sys.executable, "-m", "generator", "build", "--verbose", "-p", str(project)],
                          capture_output=True, text=True, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert loud.returncode == 0, loud.stderr
    assert loud.stdout.startswith("构建完成：1 门课程")
    # MkDocs's own progress, once for the catalog and once for the course
    assert loud.stderr.count("Building documentation to directory") == 2
    assert loud.stderr.count("Documentation built in") == 2


def test_broken_mkdocs_yml_keeps_the_previous_site(project, invoke):
    assert invoke("build", "--project", str(project)).exit_code == 0
    before = {d: tree_digest(project / d) for d in ("site", "docs")}
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text("site_name: [unclosed\n", encoding="utf-8")
    result = invoke("build", "--project", str(project))
    assert result.exit_code == 1
    assert result.stderr.startswith("mkdocs.yml:1:12: YAML 语法错误：")  # checked before anything is rendered
    assert "Traceback" not in result.output
    assert {d: tree_digest(project / d) for d in ("site", "docs")} == before
    # A setting only MkDocs itself can judge: MkDocs' complaint, in Chinese at its line; nothing changes.
    config.write_text(original.replace("use_directory_urls: false", "use_directory_urls: sometimes"),
                      encoding="utf-8")
    result = invoke("build", "--project", str(project), "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith("mkdocs.yml:8:21: use_directory_urls: 应为布尔值（true 或 false），实际是文本"
                                    "（提示：按 MkDocs 文档中这一项的格式填写）\n")
    assert "Traceback" not in result.output
    assert {d: tree_digest(project / d) for d in ("site", "docs")} == before


def test_strict_mkdocs_warning_fails_the_build(project, invoke):
    (project / "docs" / "help.md").write_text("# 说明\n\n[坏链接](missing.md)\n", encoding="utf-8")
    result = invoke("build", "--project", str(project))
    assert result.exit_code == 1
    assert "missing.md" in result.stderr
    assert not (project / "site").exists()


def test_hand_written_page_may_not_shadow_a_generated_one(project, invoke):
    (project / "docs" / "index.md").write_text("# 手写首页\n", encoding="utf-8")
    result = invoke("build", "--project", str(project))
    assert result.exit_code == 1
    assert result.stderr == (
        "错误：手写文件 docs/index.md 与生成的页面同名（请改名或删除该手写文件，生成的页面由 content/ 决定）\n")


def test_a_second_build_at_the_same_time_is_refused(project, invoke):
    (project / ".coursegen").mkdir(exist_ok=True)
    with open(project / ".coursegen" / "build.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = invoke("build", "--project", str(project))
    assert result.exit_code == 1
    assert result.stderr == "错误：另一个构建正在运行（同一项目同时只能运行一个构建），请等它结束后再试\n"


def test_edit_link_points_at_the_yaml_source(project, invoke):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'source_edit_uri: ""', 'source_edit_uri: "https://git.example.org/team/course/-/edit/main/"'),
        encoding="utf-8")
    assert invoke("build", "--project", str(project)).exit_code == 0
    page = (project / "site" / "mini" / "part-b" / "group-one" / "step-one.html").read_text(encoding="utf-8")
    assert 'href="https://git.example.org/team/course/-/edit/main/content/mini/part-b.yml"' in page
    assert "docs/generated" not in page


def test_committed_json_schemas_are_current():
    for name, text in api.json_schemas().items():
        committed = (REPO / "generator" / "schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"run `coursegen schema` to refresh {name}"


def test_pages_carry_the_record_schema_of_the_models_even_without_its_file(monkeypatch):
    from generator.records.schema import widget_schema
    from generator.render import progress

    assert progress._widget_schema.__wrapped__() == widget_schema()
    monkeypatch.setattr(progress, "WIDGET_SCHEMA_FILE", "no-such.schema.json")
    assert progress._widget_schema.__wrapped__() == widget_schema()


def test_schema_command_writes_schemas(tmp_path, invoke):
    result = invoke("schema", "--output", str(tmp_path))
    assert result.exit_code == 0
    schema = json.loads((tmp_path / "course.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert "hours" in schema["required"]


def test_content_files_reference_the_schema():
    for path in sorted((REPO / "content").rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = {"course.yml": "course", "checklists.yml": "checklist"}.get(path.name, "part")
        assert first == f"# yaml-language-server: $schema=../../generator/schema/{kind}.schema.json", path


def test_python_dash_m_runs_the_cli(project):
    result = subprocess.run([sys.executable, "-m", "generator", "validate", "-p", str(project)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0
    assert "检查通过" in result.stdout


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_serve_rebuilds_on_change_and_keeps_the_last_good_build(project):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # Port 0: the preview takes any free port and says which (a port found free here and bound
    # later by the preview could meanwhile go to another test).
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-p", str(project), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO)
    part = project / "content" / "mini" / "part-a.yml"
    said = []
    try:
        while not said or not said[-1].startswith(PREVIEW_SAYS):
            said.append(process.stdout.readline())
            assert said[-1], "".join(said)  # the preview ended before it said where it is
        base = preview_address(said).rstrip("/")
        _wait_for(lambda: "为什么要测试" in _get(f"{base}/mini/part-a/index.html"))
        part.write_text(part.read_text(encoding="utf-8").replace("title: 为什么要测试", "title: 为什么必须测试"),
                        encoding="utf-8")
        _wait_for(lambda: "为什么必须测试" in _get(f"{base}/mini/part-a/index.html"))
        part.write_text(part.read_text(encoding="utf-8").replace("summary: 说明测试的意义。", "summary: no"),
                        encoding="utf-8")
        _wait_for(lambda: "coursegen-error" in _get(f"{base}/mini/part-a/index.html"))
        page = _get(f"{base}/mini/part-a/index.html")
        assert "为什么必须测试" in page  # the last good build is still served
        assert "content/mini/part-a.yml:5:10: summary: 应为文本，实际是布尔值 false" in page
        part.write_text(part.read_text(encoding="utf-8").replace("summary: no", "summary: 已修好。"),
                        encoding="utf-8")
        _wait_for(lambda: "已修好" in _get(f"{base}/mini/part-a/index.html"))
        assert "coursegen-error" not in _get(f"{base}/mini/part-a/index.html")
        assert not (project / "site").exists()  # the preview never writes the real site
    finally:
        process.terminate()
        output = "".join(said) + process.communicate(timeout=10)[0]
    assert "预览地址：" in output and "内容有误：继续显示上次成功的版本。" in output
