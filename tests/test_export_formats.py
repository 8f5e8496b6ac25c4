"""xlsx, GIFT and Aiken exports: each read back by an independent reader and compared with the bank."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from fractions import Fraction
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from conftest import FIXTURES, REPO
from generator import api
from generator.quiz_models import BLANK, OPTION_LETTERS, QUESTION_TYPES
from generator.render.site_map import build_course_map, topic_title
from generator.render.text import plain

MINI = FIXTURES / "mini"
BANKS = [pytest.param(MINI, "mini", id="mini"), pytest.param(REPO, "dangjian-ziyuan", id="real-bank")]
TYPES = {"single": "单选题", "multiple": "多选题", "truefalse": "判断题", "fill": "填空题", "order": "排序题"}
SPECIALS = [  # every GIFT special character, formula-looking text, a line break and "->"
    {"id": "q-specials", "section": "meaning-one", "type": "single", "difficulty": "难",
     "stem": "=SUM(A1) 路径 C:\\temp 里的 a=b、~x、#1、{y}\n换行后：全部原样？",
     "options": ["{=1} ~2", "\\ 反斜杠 #标签 //", "=1+1", "3 -> 4"], "answer": "B",
     "explanation": "解析里也有 {}、=、~、#、: 和 \\"},
    {"id": "q-specials-multi", "section": "meaning-two", "type": "multiple", "stem": "+cmd|' /C calc'!A0",
     "options": ["@SUM(1)", "-2+3", "=A1", "普通"], "answer": ["A", "B", "C"], "explanation": "=公式?"},
    {"id": "q-specials-fill", "section": "step-one", "type": "fill", "stem": "a{1}=____，b~2=（ ）。",
     "answer": [["x=y", "#z"], ["{w}"]], "explanation": "e"},
    {"id": "q-specials-order", "section": "part-b", "type": "order", "stem": "排序：",
     "items": ["a:b", "c=d", "{e}", "~f"], "explanation": "::不是标题::"},
]


def loaded_course(root: Path, course_id: str):
    return next(c for c in api.validate(root) if c.course.id == course_id)


def with_bank(project: Path, questions: list[dict]) -> Path:
    bank = {"course": "mini", "questions": questions}
    (project / "quizzes" / "mini.yml").write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    return project


def copy_of_mini(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


# ---------------------------------------------------------------- xlsx

XLSX_HEADER = ["题目ID", "题型", "题干", *(f"选项{x}" for x in "ABCDEFGH"), "正确答案", "分值", "解析", "难度", "所属章节"]


def shown_entries(root: Path, course_id: str):
    from generator.export.common import course_entries

    return course_entries(loaded_course(root, course_id))


def expected_answer(entry) -> str:
    q = entry.question
    if q.type == "truefalse":
        return "正确" if q.answer else "错误"
    if q.type == "fill":
        return "；".join("｜".join(plain(a) for a in alts) for alts in q.answer)
    return entry.shown.key


def read_sheet(data: bytes) -> tuple[list, list[dict]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["题库"]
    rows = [list(r) for r in sheet.iter_rows()]
    header = [c.value for c in rows[0]]
    return sheet, [dict(zip(header, r)) for r in rows[1:]]


@pytest.mark.parametrize("root, course_id", BANKS)
def test_xlsx_has_the_documented_columns_and_one_row_per_question(root, course_id):
    data = api.export(root, "xlsx", course_id).files[f"{course_id}.xlsx"]
    sheet, rows = read_sheet(data)
    assert [c.value for c in sheet[1]] == XLSX_HEADER
    entries = shown_entries(root, course_id)
    assert len(rows) == len(entries)
    labels = set()
    for entry, cells in zip(entries, rows):
        q = entry.question
        values = {k: (c.value or "") for k, c in cells.items()}
        options = [values[f"选项{x}"] for x in OPTION_LETTERS]
        stem = BLANK.sub("____", plain(q.stem)) if q.type == "fill" else plain(q.stem)
        assert (values["题目ID"], values["题型"], values["题干"], values["解析"], values["难度"]) == (
            q.id, TYPES[q.type], stem, plain(q.explanation), q.difficulty)
        assert values["正确答案"] == expected_answer(entry), q.id
        assert Fraction(values["分值"]) == entry.points
        assert options == [plain(c) for c in entry.shown.choices] + [""] * (8 - len(entry.shown.choices))
        if q.type in ("single", "multiple"):  # the key names the right options in the shown order
            written = [q.answer] if q.type == "single" else q.answer
            assert sorted(options[OPTION_LETTERS.index(x)] for x in values["正确答案"]) == sorted(
                plain(q.options[OPTION_LETTERS.index(x)]) for x in written)
        if q.type == "order":  # shown in an order that is not the answer; the letters give it back
            shown = [o for o in options if o]
            assert shown != [plain(i) for i in q.items]
            assert [shown[OPTION_LETTERS.index(x)] for x in values["正确答案"]] == [plain(i) for i in q.items]
        labels.add((q.section, values["所属章节"]))
    assert len({label for _, label in labels}) == len({section for section, _ in labels})  # distinct labels
    assert sum(Fraction(r["分值"].value) for r in rows) == 100
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].alignment.wrap_text and sheet.column_dimensions["C"].width >= 40
    # Every cell of the used range is Text, and every row is as tall as its longest cell.
    assert all(c.number_format == "@" for r in sheet.iter_rows() for c in r)
    for r, entry in enumerate(entries, start=2):
        assert sheet.row_dimensions[r].height >= 15
    longest = max(range(len(entries)), key=lambda i: len(plain(entries[i].question.explanation)))
    assert sheet.row_dimensions[longest + 2].height > 15
    _, again = read_sheet(api.export(root, "xlsx", course_id).files[f"{course_id}.xlsx"])
    assert [[c.value for c in r.values()] for r in again] == [[c.value for c in r.values()] for r in rows]


def test_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path):
    root = with_bank(copy_of_mini(tmp_path), SPECIALS)
    data = api.export(root, "xlsx", "mini").files["mini.xlsx"]
    _, rows = read_sheet(data)
    assert rows[0]["题干"].value.startswith("=SUM(A1) 路径 C:\\temp") and rows[0]["题干"].data_type == "s"
    assert "=1+1" in [rows[0][f"选项{x}"].value for x in "ABCD"]
    assert {rows[1][f"选项{x}"].value for x in "ABCD"} == {"@SUM(1)", "-2+3", "=A1", "普通"}
    assert rows[1]["解析"].value == "=公式?"
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    assert all(c.data_type == "s" for row in rows for c in row.values() if c.value is not None)


def test_xlsx_notes_what_it_cannot_represent(tmp_path):
    long_stem = "长" * 40_000 + "？"
    questions = [{**SPECIALS[0], "id": "q-long", "stem": long_stem},
                 {"id": "q-sep", "section": "step-one", "type": "fill", "stem": "答案含分隔符：____",
                  "answer": [["甲；乙", "丙"]], "explanation": "e"}, SPECIALS[3]]
    result = api.export(with_bank(copy_of_mini(tmp_path), questions), "xlsx", "mini")
    _, rows = read_sheet(result.files["mini.xlsx"])
    assert len(rows[0]["题干"].value) == 32_767
    assert result.notes == (
        "题目 q-long 的“题干”有 40001 个字符，超过 Excel 单元格上限 32767，表中只保留了前 32767 个字符。",
        "题目 q-sep 的填空答案“甲；乙”含有分隔符“；”或“｜”，导入时可能被拆开，请在考试系统中核对。",
        "1 道排序题：多数考试系统没有排序题型，表中把各项放在选项A、选项B……，正确答案为按正确顺序排列的字母（如 BCA）；"
        "如导入系统不支持，请删去这些行。")


# ---------------------------------------------------------------- GIFT

def gift_by_name(text: str) -> dict[str, object]:
    """The questions as pygiftparser (from PyPI) reads them, by their ::name::."""
    from export_readers import gift_questions

    return {question.name: question for question in gift_questions(text)}


def gift_text_of(option) -> str:
    text = re.sub(r"^%-?\d+\.\d+%", "", option.text)  # pygiftparser keeps decimal weights in the text
    return re.sub(r"\\(.)", r"\1", text).strip()


@pytest.mark.parametrize("root, course_id", BANKS)
def test_gift_round_trips_through_a_gift_parser(root, course_id):
    from export_readers import gift_weight

    result = api.export(root, "gift", course_id)
    text = result.files[f"{course_id}.gift.txt"].decode("utf-8")
    parsed = gift_by_name(text)
    entries = shown_entries(root, course_id)
    categories = re.findall(r"^\$CATEGORY: (.*)$", text, re.MULTILINE)
    course = loaded_course(root, course_id).course
    assert {f"{course.title}/{e.part}" for e in entries} == set(categories)
    multi = [e.question for e in entries if e.question.type == "fill" and len(e.question.answer) > 1]
    ordering = [e.question for e in entries if e.question.type == "order"]
    for entry in entries:
        q = entry.question
        if q.type == "order":
            assert q.id not in parsed
            continue
        if q.type == "fill":
            names = [q.id] if len(q.answer) == 1 else [f"{q.id}.{n}" for n in range(1, len(q.answer) + 1)]
            for name, alternatives in zip(names, q.answer):
                answers = parsed[name].answer.options
                assert [gift_text_of(o) for o in answers] == [plain(a) for a in alternatives]
                chunk = text[text.index(f"::{name}::"):].split("\n\n")[0]
                chunk = chunk.split("####")[0] + chunk.split("\n}")[-1]  # the 解析 is shown after answering
                others = [a for alts in q.answer if alts is not alternatives for a in alts]
                assert not any(plain(a) in chunk for a in others), name  # no piece gives another away
            continue
        question = parsed[q.id]
        if q.type == "truefalse":
            assert [o.text for o in question.answer.options] == ["True" if q.answer else "False"]
            continue
        options = question.answer.options
        assert [gift_text_of(o) for o in options] == [plain(c).replace("->", "→") for c in entry.shown.choices]
        right = "".join(OPTION_LETTERS[i] for i, o in enumerate(options) if gift_weight(o) > 0)
        assert right == entry.shown.key
        if q.type == "multiple":
            assert sum(gift_weight(o) for o in options if gift_weight(o) > 0) == pytest.approx(1, abs=1e-4)
            assert all(gift_weight(o) == -1 for o in options if gift_weight(o) <= 0)
    notes = []
    if multi:
        notes.append(f"GIFT 每道题只能有一个答案区：{len(multi)} 道多空填空题按空拆成了 "
                     f"{sum(len(q.answer) for q in multi)} 道单空题（题目名为“题目标识.空号”，其余的空仍是 ____，不填答案）；"
                     "要保持一题多空，请用 coursegen export moodle（完形填空题）。")
    if ordering:
        notes.append(f"GIFT 没有排序题型：跳过了 {len(ordering)} 道排序题；"
                     "请用 coursegen export moodle（Moodle XML，Moodle 4.4 起自带排序题型）。")
    assert result.notes == tuple(notes)


def test_gift_escapes_every_special_character(tmp_path):
    text = api.export(MINI, "gift", "mini").files["mini.gift.txt"].decode()
    assert "::q-hostile::[plain]</script><script>alert(1)</script> 这段文字应当如何显示？{" in text
    assert "\\{\\{ 7*7 \\}\\}\n" in text
    root = with_bank(copy_of_mini(tmp_path), SPECIALS)
    text = api.export(root, "gift", "mini").files["mini.gift.txt"].decode()
    assert "C\\:\\\\temp 里的 a\\=b、\\~x" in text
    assert "3 → 4" in text and "3 -> 4" not in text
    assert "%100%x\\=y\n=%100%\\#z" in text
    assert set(gift_by_name(text)) == {"q-specials", "q-specials-multi", "q-specials-fill.1", "q-specials-fill.2"}


INJECTION = [  # issue #10 F4: text Moodle would read as a weight or a text format
    {"id": "q-weight", "section": "meaning-one", "type": "single", "stem": "哪一项正确？",
     "options": ["正确的一项", "%100%写更多代码", "%50%一半", "[html]<b>粗</b>"], "answer": "A",
     "explanation": "[markdown]**解析**"},
    {"id": "q-fill-weight", "section": "step-one", "type": "fill", "stem": "填：____",
     "answer": [["%50%半对", "[moodle]格式"]], "explanation": "[plain]说明"},
]


def test_gift_leading_weights_and_format_markers_stay_text(tmp_path):
    text = api.export(with_bank(copy_of_mini(tmp_path), INJECTION), "gift", "mini").files["mini.gift.txt"].decode()
    assert "~%0%%100%写更多代码\n" in text and "~%0%%50%一半\n" in text
    assert "~%0%[plain][html]<b>粗</b>\n" in text or "=[plain][html]<b>粗</b>\n" in text
    assert "####[plain][markdown]**解析**\n" in text and "####[plain][plain]说明\n" in text
    assert "=%100%%50%半对\n=%100%[plain][moodle]格式\n" in text
    question = gift_by_name(text)["q-weight"]
    from export_readers import gift_weight

    weights = {gift_text_of(o): gift_weight(o) for o in question.answer.options}
    assert weights["%100%写更多代码"] == 0 and weights["%50%一半"] == 0 and weights["正确的一项"] == 1


# ---------------------------------------------------------------- Aiken

def parse_aiken(text: str) -> list[tuple[str, list[str], str]]:
    """Moodle's Aiken rules: a trimmed line matching ^[A-Z][).] is an option, ^ANSWER: the key."""
    out, stem, options = [], None, []
    for line in text.split("\n"):
        now = line.strip(" \t\r\0\x0b")
        if len(now) < 2:
            continue
        if re.match(r"[A-Z][).]", now):
            options.append(now[2:].strip())
        elif now.startswith("ANSWER:"):
            out.append((stem, options, now[len("ANSWER:"):].strip()))
            stem, options = None, []
        else:
            stem = now
    return out


@pytest.mark.parametrize("root, course_id", BANKS)
def test_aiken_has_every_single_choice_question_and_says_what_it_skipped(root, course_id):
    result = api.export(root, "aiken", course_id)
    entries = shown_entries(root, course_id)
    singles = [e for e in entries if e.question.type == "single"]
    assert parse_aiken(result.files[f"{course_id}.aiken.txt"].decode("utf-8")) == [
        (plain(e.question.stem), [plain(o) for o in e.shown.choices], e.shown.key) for e in singles]
    count = {t: sum(e.question.type == t for e in entries) for t in QUESTION_TYPES}
    note = (f"Aiken 只支持单选题：已导出 {len(singles)} 道单选题，跳过 {len(entries) - len(singles)} 道"
            f"（多选 {count['multiple']}、判断 {count['truefalse']}、填空 {count['fill']}、排序 {count['order']}）。")
    assert result.notes == (note,)


def test_aiken_note_and_folded_lines(tmp_path):
    result = api.export(MINI, "aiken", "mini")
    assert result.notes == ("Aiken 只支持单选题：已导出 2 道单选题，跳过 4 道（多选 1、判断 1、填空 1、排序 1）。",)
    root = with_bank(copy_of_mini(tmp_path), SPECIALS)
    result = api.export(root, "aiken", "mini")
    (stem, options, answer), = parse_aiken(result.files["mini.aiken.txt"].decode("utf-8"))
    assert stem == "=SUM(A1) 路径 C:\\temp 里的 a=b、~x、#1、{y} 换行后：全部原样？"
    assert sorted(options) == sorted(["{=1} ~2", "\\ 反斜杠 #标签 //", "=1+1", "3 -> 4"])
    assert options[OPTION_LETTERS.index(answer)] == "\\ 反斜杠 #标签 //"
    assert result.notes == ("Aiken 只支持单选题：已导出 1 道单选题，跳过 3 道（多选 1、填空 1、排序 1）。",)
    with_bank(root, SPECIALS[2:])
    with pytest.raises(api.ProjectError, match="没有单选题"):
        api.export(root, "aiken", "mini")


def test_aiken_keeps_stems_that_moodle_would_read_as_options(tmp_path):
    stems = ["A. 开头像选项", "C.I. 是什么的缩写？", "ANSWER: 开头像答案", "B) 括号", "普通题干"]
    questions = [{"id": f"q-{n}", "section": "meaning-one", "type": "single", "stem": stem,
                  "options": ["对", "错", "不确定"], "answer": "A", "explanation": "e"} for n, stem in enumerate(stems)]
    result = api.export(with_bank(copy_of_mini(tmp_path), questions), "aiken", "mini")
    parsed = parse_aiken(result.files["mini.aiken.txt"].decode("utf-8"))
    assert [stem.lstrip("\u3000") for stem, _, _ in parsed] == stems  # all five survive Moodle's rules
    assert all(options[OPTION_LETTERS.index(key)] == "对" for _, options, key in parsed)
    assert result.notes == ("4 道题的题干以“A. ”“C.I.”或“ANSWER:”这类写法开头，Moodle 会把它当成选项或答案行而丢掉整题；"
                            "已在题干前加一个全角空格：q-0、q-1、q-2、q-3。",)


# ---------------------------------------------------------------- command line

def test_cli_writes_xlsx_and_handout_to_dist(project, invoke):
    result = invoke("export", "xlsx", "-p", str(project), "-c", "mini")
    assert result.exit_code == 0 and result.stdout == f"已导出 {project / 'dist' / 'mini.xlsx'}\n"
    _, rows = read_sheet((project / "dist" / "mini.xlsx").read_bytes())
    assert len(rows) == 6
    assert invoke("export", "handout", "-p", str(project)).exit_code == 0
    assert (project / "dist" / "mini-讲义.docx").is_file()


def test_cli_writes_both_docx_files_into_dist_or_a_folder(project, invoke, tmp_path):
    names = ["mini-答案与解析.docx", "mini-试卷.docx"]
    result = invoke("export", "docx", "-p", str(project), "-c", "mini")
    assert result.exit_code == 0
    assert sorted(p.name for p in (project / "dist").iterdir()) == names
    result = invoke("export", "docx", "-p", str(project), "-o", str(tmp_path / "papers"))
    assert result.exit_code == 0 and sorted(p.name for p in (tmp_path / "papers").iterdir()) == names
    result = invoke("export", "docx", "-p", str(project), "-o", str(tmp_path / "paper.docx"))
    assert result.exit_code == 1 and "--output 请写一个文件夹" in result.stderr


def test_cli_prints_notes_and_text_formats_to_the_terminal(project, invoke):
    result = invoke("export", "aiken", "-p", str(project), "-c", "mini")
    assert result.exit_code == 0 and (project / "dist" / "mini.aiken.txt").is_file()
    assert result.stderr == "注意：Aiken 只支持单选题：已导出 2 道单选题，跳过 4 道（多选 1、判断 1、填空 1、排序 1）。\n"
    for name in ("gift", "aiken"):
        result = invoke("export", name, "-p", str(project), "-c", "mini", "-o", "-")
        assert result.exit_code == 0
        assert result.stdout == api.export(project, name, "mini").files[f"mini.{name}.txt"].decode("utf-8")
        assert result.stderr.startswith("注意：")
    assert invoke("export", "xlsx", "-p", str(project), "-o", "-").exit_code == 2


def test_gift_asks_each_blank_of_a_fill_in_as_its_own_numbered_question():
    from generator.export.gift import fill_blocks
    from generator.quiz_models import FillBlank

    one = FillBlank(id="q-one", section="s", type="fill", stem="测试让问题____。", answer=[["早暴露"]], explanation="e")
    two = FillBlank(id="q-two", section="s", type="fill", stem="先____，后____。", answer=[["测试"], ["编码", "写代码"]],
                    explanation="e")
    assert [b.split("::")[1] for b in fill_blocks(one)] == ["q-one"]
    blocks = fill_blocks(two)
    assert [b.split("::")[1] for b in blocks] == ["q-two.1", "q-two.2"]
    assert blocks == ["::q-two.1::[plain]先{\n=%100%测试\n####e\n}，后____。",
                      "::q-two.2::[plain]先____，后{\n=%100%编码\n=%100%写代码\n####e\n}。"]
