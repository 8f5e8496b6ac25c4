"""``coursegen check`` as a user meets it: exit codes, --strict, JSON, settings, silencing, sources, build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, tree_digest
from generator.check.registry import RULES, markdown_table

BANK = "quizzes/jieneng.yml"
LETTER = ("explanation: 公务用车在讲话的定义中出现", "explanation: C 在讲话的定义中出现")


@pytest.fixture
def fixture(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "check", target)
    return target


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_readme_rule_table_is_the_registry():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README 的规则表与 generator/check/registry.py 不一致"
    for code in RULES:
        assert readme.count(f"| {code} |") == 1


def test_warnings_pass_strict_fails_and_the_summary_counts(fixture, invoke):
    edit(fixture, BANK, *LETTER)
    result = invoke("check", "-p", str(fixture))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "检查通过（有警告）：1 门课程、21 道题，错误 0 个，警告 1 个。"
    result = invoke("check", "-p", str(fixture), "--strict")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "检查未通过：1 门课程、21 道题，错误 0 个，警告 1 个；--strict 模式下警告也算未通过。")


def test_json_report(fixture, invoke):
    edit(fixture, BANK, *LETTER)
    data = json.loads(invoke("check", "-p", str(fixture), "--format", "json", "--strict").stdout)
    assert data["format"] == "coursegen.check" and data["version"] == 1
    assert data["summary"] | {"text": ""} == {"courses": 1, "questions": 21, "errors": 0, "warnings": 1,
                                              "silenced": 0, "strict": True, "passed": False, "text": ""}
    (finding,) = data["findings"]
    assert finding | {"message": "", "hint": ""} == {
        "code": "Q201", "rule": "letter-reference", "title": "用字母指代选项", "severity": "warning", "level": "警告",
        "file": BANK, "line": 37, "column": 18, "subject": "q-waste-kinds", "message": "", "hint": "",
        "related": []}
    source = data["courses"][0]["source"]
    assert source["file"] == "sources/speech.txt" and source["encoding"] == "UTF-8"
    assert [row["part"] for row in source["table"]] == [
        "标题", "开篇", "一、充分认识机关节能的重要意义", "二、扎实推进机关节能的具体措施", "结语"]
    paragraph_12 = source["paragraphs"][11]
    assert paragraph_12["covered"] and paragraph_12["declared"] == ["paperless"]


def test_text_report_has_the_coverage_table(fixture, invoke):
    output = invoke("check", "-p", str(fixture)).output
    assert "讲话原文覆盖情况（jieneng，sources/speech.txt，共 13 段）：\n部分 | 段数 | 已覆盖 | 未覆盖的段 | 覆盖字数\n" in output
    assert "二、扎实推进机关节能的具体措施 | 7 | 7 | — | 100%\n" in output


def test_thresholds_come_from_coursegen_yml(fixture, invoke):
    (fixture / "coursegen.yml").write_text("check:\n  rules:\n    Q401:\n      min_questions: 4\n", encoding="utf-8")
    lines = invoke("check", "-p", str(fixture)).output.splitlines()
    assert sorted(line.split(" [")[1].split("]")[0] for line in lines if " Q401 " in line) == [
        "lighting", "paperless", "social-example", "statistics"]


def test_settings_mistakes_are_located(fixture, invoke):
    (fixture / "coursegen.yml").write_text("check:\n  rules:\n    Q101:\n      alpha: yes\n    Q999: {}\n",
                                           encoding="utf-8")
    result = invoke("check", "-p", str(fixture))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "coursegen.yml:4:14: check.rules.Q101.alpha: 应为数字，实际是布尔值 true（提示：写一个数字，不加引号）\n"
        "coursegen.yml:5:5: check.rules.Q999: 不认识的键“Q999”（提示：可用的键：Q101、")


@pytest.mark.parametrize("value", [".inf", ".nan"])
def test_a_threshold_must_be_an_ordinary_number(fixture, invoke, value):
    # .inf would silence the rule for good; .nan was reported as “应不小于 0”
    (fixture / "coursegen.yml").write_text(f"check:\n  rules:\n    Q101:\n      max_share: {value}\n",
                                           encoding="utf-8")
    result = invoke("check", "-p", str(fixture))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"coursegen.yml:4:18: check.rules.Q101.max_share: 应为普通数字，实际是数字 "
                                    f"{value[1:]}（提示：不要写 .inf、.nan 这类特殊值）\n")


def test_bank_and_course_level_silences_need_a_reason_and_are_counted(fixture, invoke):
    edit(fixture, BANK, "  - id: q-head-role\n    section: responsibility\n    type: single\n    difficulty: 难",
         "  - id: q-head-role\n    section: responsibility\n    type: single\n    difficulty: 中")
    edit(fixture, BANK, "  - id: q-lamps-where\n    section: lighting\n    type: multiple\n    difficulty: 难",
         "  - id: q-lamps-where\n    section: lighting\n    type: multiple\n    difficulty: 中")
    edit(fixture, "content/jieneng/why.yml", "text: 倡导“人走灯灭”，以身作则。", "text: 倡导随手关灯，以身作则。")
    edit(fixture, BANK, "pass_mark: 80\nfinal:", "pass_mark: 80\ncheck_ignore:\n  - rule: Q403\n    text: 难\n"
                                                "    reason: 试点题库，难题下一版补齐\nfinal:")
    edit(fixture, "content/jieneng/course.yml", "source_text: sources/speech.txt",
         "source_text: sources/speech.txt\ncheck_ignore:\n  - rule: S401\n    text: 人走灯灭\n    reason: 口语提法，课程改用“随手关灯”")
    result = invoke("check", "-p", str(fixture), "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "检查通过：1 门课程、21 道题，没有发现问题；另有 2 个已按 check_ignore 忽略。"
    edit(fixture, BANK, "    reason: 试点题库，难题下一版补齐", "    reason: ''")
    result = invoke("check", "-p", str(fixture))
    assert result.exit_code == 1
    assert "check_ignore[0].reason: 不能为空" in result.stderr


def test_a_source_text_outside_the_project_is_refused_but_an_explicit_one_is_read(fixture, invoke, tmp_path):
    shutil.move(fixture / "sources" / "speech.txt", tmp_path / "speech.txt")
    edit(fixture, "content/jieneng/course.yml", "source_text: sources/speech.txt", "source_text: ../speech.txt")
    result = invoke("check", "-p", str(fixture))
    assert result.exit_code == 1
    assert result.stderr.startswith("content/jieneng/course.yml:11:14: source_text: 讲话原文“../speech.txt”在项目之外，"
                                    "为安全起见不读取（提示：把原文放进项目（例如 sources/ 文件夹），或在命令行用 --source 指定）\n")
    gbk = tmp_path / "speech-gbk.txt"
    gbk.write_bytes((tmp_path / "speech.txt").read_text(encoding="utf-8").encode("gbk"))
    data = json.loads(invoke("check", "-p", str(fixture), "--source", str(gbk), "--format", "json").stdout)
    assert data["summary"]["warnings"] == data["summary"]["errors"] == 0
    assert data["courses"][0]["source"]["encoding"] == "GBK"


def test_a_source_text_that_would_be_published_is_refused(fixture, invoke):
    (fixture / "docs").mkdir()
    shutil.move(fixture / "sources" / "speech.txt", fixture / "docs" / "speech.txt")
    edit(fixture, "content/jieneng/course.yml", "source_text: sources/speech.txt", "source_text: docs/speech.txt")
    result = invoke("check", "-p", str(fixture))
    assert result.exit_code == 1
    assert result.stderr.startswith("content/jieneng/course.yml:11:14: source_text: 讲话原文“docs/speech.txt”"
                                    "放在会发布到网站的文件夹里（提示：原文只用于检查、不能发布：把它移到 sources/ 等文件夹）\n")


def test_source_needs_a_course_when_there_are_several(fixture, invoke):
    shutil.copytree(fixture / "content" / "jieneng", fixture / "content" / "other")
    edit(fixture, "content/other/course.yml", "id: jieneng", "id: other")
    result = invoke("check", "-p", str(fixture), "--source", str(fixture / "sources" / "speech.txt"))
    assert result.exit_code == 1
    assert "有多门课程时，--source 须与 --course 一起使用" in result.stderr


def test_rules_lists_every_rule(invoke):
    output = invoke("check", "--rules").output
    for code, rule in RULES.items():
        assert f"{code} {rule.severity} {rule.title}（{rule.name}）" in output


def test_build_prints_check_warnings_and_strict_build_changes_nothing(fixture, invoke):
    shutil.copy(REPO / "mkdocs.yml", fixture / "mkdocs.yml")
    shutil.copytree(REPO / "docs", fixture / "docs", ignore=shutil.ignore_patterns("generated"))
    edit(fixture, BANK, *LETTER)
    result = invoke("build", "-p", str(fixture))
    assert result.exit_code == 0
    assert result.stderr.startswith("quizzes/jieneng.yml:37:18: Q201 警告 [q-waste-kinds] ")
    before = tree_digest(fixture / "site")
    result = invoke("build", "-p", str(fixture), "--strict")
    assert result.exit_code == 1
    assert result.stderr.endswith("错误：题库检查有警告（--strict），未生成网站；原有的 site/ 保持不变。"
                                  "（提示：按上面的提示修改，或运行 coursegen check 查看详情）\n")
    assert tree_digest(fixture / "site") == before
