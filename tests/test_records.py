"""coursegen records: learners' exported records gathered into one roster.

The 50 records are made by the site's own code (record-code.js, rules.js) in
Chromium from the mini course's data, exactly as the 学习进度 page exports
them; then some are broken, duplicated, edited or from another version.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from browser import file_only_context
from conftest import FIXTURES
from generator import api
from generator.records.code import record_code
from generator.records.schema import field_table

ASSETS = Path(__file__).resolve().parents[1] / "docs" / "assets" / "coursegen"
REPO = Path(__file__).resolve().parents[1]
DAY = 1_700_000_000_000
MAKE_RECORDS = """([course, count, day]) => {
  const R = window.CourseGenRules, C = window.CourseGenRecord;
  return Array.from({length: count}, (_, i) => {
    const record = {v: 2, learner: '学员' + i, org: i % 2 ? '一支部' : '二支部', pages: {}, questions: {},
                    quizzes: {}, checklists: {}, updated: day + i * 1000};
    course.pages.slice(0, i % (course.pages.length + 1)).forEach(p => { record.pages[p.id] = {t: day, s: p.seconds}; });
    if (i % 3) record.quizzes.final = {best: Math.min(100, 60 + i), last: 60, attempts: 1, t: day};
    return C.exportDocument(record, course, day + 86400000);
  });
}"""


def course_data() -> dict:
    """The mini course's data, as the generator puts it into the 学习进度 page."""
    _, rendered = api.generate(FIXTURES / "mini")
    page = rendered.pages["mini/progress.md"]
    found = re.search(r'class="cg-progress__data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))[0]


@pytest.fixture(scope="module")
def site_records(chromium) -> list[dict]:
    with file_only_context(chromium) as state:
        page = state.new_page()
        for name in ("rules.js", "schema.js", "record-code.js"):
            page.add_script_tag(content=(ASSETS / name).read_text(encoding="utf-8"))
        made = page.evaluate(MAKE_RECORDS, [course_data(), 50, DAY])
        assert state.errors == []
    return made


def write(folder: Path, name: str, document: dict | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(document if isinstance(document, str) else json.dumps(document, ensure_ascii=False, indent=2),
                    encoding="utf-8")
    return path


def sheet_rows(path: Path, sheet: str) -> list[list]:
    book = load_workbook(path)
    return [[cell.value for cell in row] for row in book[sheet].iter_rows()]


@pytest.mark.browser
def test_fifty_site_made_records_and_three_broken_ones(site_records, tmp_path, invoke):
    folder = tmp_path / "collected"
    for document in site_records:
        write(folder / "records", f"学习记录-{document['learner']['name']}-mini.json", document)
    edited = json.loads((folder / "records" / "学习记录-学员7-mini.json").read_text(encoding="utf-8"))
    edited["summary"]["complete"] = True  # a learner "completes" the course by hand
    write(folder / "records", "学习记录-学员7-mini.json", edited)
    write(folder, "broken.json", '{"format": "coursegen.record", "version": 2, "course": ')
    write(folder, "foreign.json", {"format": "something-else", "name": "张三"})
    shutil.copy(folder / "records" / "学习记录-学员3-mini.json", folder / "学习记录-学员3-mini (1).json")
    output = tmp_path / "名册.xlsx"

    result = invoke("records", str(folder), "-o", str(output), "-p", str(tmp_path))
    assert result.exit_code == 0, result.output
    messages = result.stderr.strip().splitlines()
    assert len(messages) == 4, messages
    assert any("broken.json：不是有效的 JSON（第 1 行第 " in m for m in messages)
    assert any("foreign.json：不是 coursegen 学习记录" in m for m in messages)
    assert any("内容完全相同" in m and "学习记录-学员3-mini" in m for m in messages)
    assert any("学习记录-学员7-mini.json：记录码与内容不符" in m for m in messages)
    assert result.stdout.strip().endswith("50 位学员的记录，1 门课程。")

    rows = sheet_rows(output, "名册")
    header, body = rows[0], rows[1:]
    assert len(body) == 50
    by_name = {r[header.index("姓名")]: dict(zip(header, r)) for r in body}
    assert by_name["学员7"]["记录码核对"] == "不符（文件被改动过）"
    assert by_name["学员8"]["记录码核对"] == "相符"
    assert by_name["学员11"]["已学页面"] == "11/11" and by_name["学员11"]["学时"] == 1.5
    assert by_name["学员11"]["是否结业"] == "未结业" and by_name["学员11"]["综合测试最高分"] == 71
    assert by_name["学员11"]["尚未完成"] == "综合测试达到 80 分（目前最高 71 分）"
    assert by_name["学员23"]["是否结业"] == "已结业" and by_name["学员23"]["综合测试最高分"] == 83
    assert by_name["学员3"]["是否结业"] == "未结业" and by_name["学员3"]["单位"] == "一支部"
    summary = {r[0]: r[1] for r in sheet_rows(output, "汇总-mini") if r and r[0]}
    assert summary["学员人数"] == 50
    completed = sum(1 for r in by_name.values() if r["是否结业"] == "已结业")
    assert summary["已结业"] == completed
    assert "读取问题" in load_workbook(output).sheetnames


@pytest.mark.browser
def test_records_of_another_version_are_flagged_and_kept_apart(site_records, tmp_path, invoke):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", project)  # the project's mini course is version 1.0
    older = json.loads(json.dumps(site_records[11]))
    older["course"]["version"] = "0.9"
    older["code"] = record_code(older)
    folder = tmp_path / "in"
    write(folder, "a.json", site_records[11])
    write(folder, "b.json", older)
    result = invoke("records", str(folder), "-p", str(project))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (f"{folder / 'b.json'}：课程“mini”当前版本是 1.0，这份记录来自版本 0.9，"
                                     "单独列在“其他版本”表中")
    output = project / "dist" / "学习记录名册.xlsx"
    assert len(sheet_rows(output, "名册")) == 2
    other = sheet_rows(output, "其他版本")
    assert len(other) == 2 and other[1][other[0].index("课程版本")] == "0.9"


@pytest.mark.browser
def test_only_the_named_course_and_the_newest_export_of_a_learner(site_records, tmp_path, invoke):
    folder = tmp_path / "in"
    first = site_records[5]
    later = json.loads(json.dumps(first))
    later["exported"] = "2030-01-01T00:00:00.000Z"  # not part of the code: still a true record
    other_course = json.loads(json.dumps(site_records[6]))
    other_course["course"]["id"] = "other"
    other_course["code"] = record_code(other_course)
    write(folder, "first.json", first)
    write(folder, "later.json", later)
    write(folder, "other.json", other_course)
    result = invoke("records", str(folder), "--course", "mini", "-o", str(tmp_path / "r.xlsx"), "-p", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert lines == [f"{folder / 'other.json'}：是课程“other”的记录，不是 --course 指定的“mini”，已跳过",
                     f"{folder / 'first.json'}：与 later.json 内容完全相同（学员5），已采用导出时间较晚的 later.json"]
    rows = sheet_rows(tmp_path / "r.xlsx", "名册")
    assert len(rows) == 2 and rows[1][-1] == "later.json"


@pytest.mark.parametrize(("content", "says"), [
    ("\ufeff\u4e0d\u662fJSON", "不是有效的 JSON"),
    (json.dumps({"format": "coursegen.progress", "version": 1, "courses": {}}), "旧版网站导出的记录"),
    (json.dumps({"format": "coursegen.record", "version": 2}), "记录格式不对（exported 缺少等 6 处）"),
    (json.dumps([1, 2]), "不是 coursegen 学习记录"),
])
def test_each_unusable_file_gets_one_chinese_line(tmp_path, invoke, content, says):
    write(tmp_path / "in", "x.json", content)
    (tmp_path / "in" / "latin1.json").write_bytes(b"\xff\xfe{")
    result = invoke("records", str(tmp_path / "in"), "-o", str(tmp_path / "r.xlsx"), "-p", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and says in lines[1] and "latin1.json：不是 UTF-8 文本" in lines[0]
    assert "Traceback" not in result.output
    assert len(sheet_rows(tmp_path / "r.xlsx", "名册")) == 1  # the header only


@pytest.mark.browser
def test_names_that_look_like_formulas_stay_text(site_records, tmp_path, invoke):
    doc = json.loads(json.dumps(site_records[2]))
    doc["learner"]["name"] = "=HYPERLINK(\"x\")\u0007"
    doc["record"]["learner"] = doc["learner"]["name"]
    doc["code"] = record_code(doc)
    write(tmp_path / "in", "f.json", doc)
    result = invoke("records", str(tmp_path / "in"), "-o", str(tmp_path / "r.xlsx"), "-p", str(tmp_path))
    assert result.exit_code == 0, result.output
    cell = load_workbook(tmp_path / "r.xlsx")["名册"]["A2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"x\")"


def test_bad_output_and_missing_input_are_one_line_each(tmp_path, invoke):
    result = invoke("records", str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.csv"), "-p", str(tmp_path))
    assert result.exit_code == 1 and "扩展名应为 .xlsx" in result.output
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = invoke("records", str(tmp_path / "nowhere"), "-o", str(tmp_path / "file" / "r.xlsx"), "-p", str(tmp_path))
    assert result.exit_code == 1
    assert "nowhere：找不到这个文件或文件夹" in result.stderr
    assert "无法创建文件夹" in result.stderr and "file：这是一个文件，不是文件夹" in result.stderr  # the CLI's OS-error line
    assert "Traceback" not in result.output


def test_the_readme_field_table_and_study_rule_are_the_code():
    from generator.render.progress import IDLE_SECONDS, SECONDS_PER_HOUR

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert field_table() in readme, "README 的学习记录字段表与 generator/records/schema.py 不一致：" \
                                    "运行 python -m generator.records.schema 并替换 README 中的表"
    assert f"最近 {IDLE_SECONDS} 秒内有过操作" in readme and f"{IDLE_SECONDS} 秒没有任何操作" in readme
    assert f"1 学时 = {SECONDS_PER_HOUR // 60} 分钟" in readme


def test_study_time_is_shared_out_by_page_length_and_adds_up_exactly():
    from generator.render.progress import apportion

    assert apportion(2700, [1, 1, 1]) == [900, 900, 900]
    assert apportion(100, [1, 2]) == [33, 67]
    assert apportion(10, [1, 1, 1]) == [4, 3, 3]  # the leftover unit goes to the earlier page on a tie
    weights = [5, 300, 1234, 77, 9]
    shares = apportion(7200, weights)
    assert sum(shares) == 7200
    assert all(abs(share - 7200 * w / sum(weights)) < 1 for share, w in zip(shares, weights))
    data = course_data()
    assert sum(p["seconds"] for p in data["pages"]) == data["totalSeconds"] == round(data["hours"] * 1800)
