"""xlsx, GIFT, Aiken, Word paper and key, and handout exports: each read back and compared with the bank."""

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
from generator.export.docx_paper import point_values
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

def expected_row(q, label: str) -> dict:
    row = {"题型": TYPES[q.type], "题干": plain(q.stem), "解析": plain(q.explanation), "难度": q.difficulty,
           "章节": label, "options": []}
    if q.type in ("single", "multiple"):
        row.update(options=[plain(o) for o in q.options], 正确答案="".join(q.answer))
    elif q.type == "truefalse":
        row["正确答案"] = "正确" if q.answer else "错误"
    elif q.type == "fill":
        row["题干"] = BLANK.sub("____", plain(q.stem))
        row["正确答案"] = "|".join("/".join(plain(a) for a in alts) for alts in q.answer)
    return row


def read_sheet(data: bytes) -> tuple[list, list[dict]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["题库"]
    rows = [list(r) for r in sheet.iter_rows()]
    header = [c.value for c in rows[0]]
    return sheet, [dict(zip(header, r)) for r in rows[1:]]


@pytest.mark.parametrize("root, course_id", BANKS)
def test_xlsx_has_one_row_per_question_matching_the_bank(root, course_id):
    data = api.export(root, "xlsx", course_id).files[f"{course_id}.xlsx"]
    sheet, rows = read_sheet(data)
    assert [c.value for c in sheet[1]] == ["题型", "题干", *(f"选项{x}" for x in "ABCDEFGH"), "正确答案", "解析",
                                           "难度", "章节"]
    loaded = loaded_course(root, course_id)
    pages = build_course_map(loaded).pages
    assert len(rows) == len(loaded.bank.questions)
    for q, cells in zip(loaded.bank.questions, rows):
        values = {k: (c.value or "") for k, c in cells.items()}
        options = [values[f"选项{x}"] for x in OPTION_LETTERS]
        expected = expected_row(q, pages[q.section].label)
        for column in ("题型", "题干", "解析", "难度", "章节"):
            assert values[column] == expected[column], (q.id, column)
        if q.type == "order":  # shown in a fixed order that is not the answer; the letters give it back
            shown = [o for o in options if o]
            assert sorted(shown) == sorted(plain(i) for i in q.items) and shown != [plain(i) for i in q.items]
            assert [shown[OPTION_LETTERS.index(x)] for x in values["正确答案"]] == [plain(i) for i in q.items]
        else:
            assert values["正确答案"] == expected["正确答案"], q.id
            assert options == expected["options"] + [""] * (8 - len(expected["options"])), q.id
    assert sheet.freeze_panes == "A2"
    assert sheet["B2"].alignment.wrap_text and sheet.column_dimensions["B"].width >= 40
    # The shuffled order of ordering items is the same on every export.
    _, again = read_sheet(api.export(root, "xlsx", course_id).files[f"{course_id}.xlsx"])
    assert [[c.value for c in r.values()] for r in again] == [[c.value for c in r.values()] for r in rows]


def test_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path):
    root = with_bank(copy_of_mini(tmp_path), SPECIALS)
    data = api.export(root, "xlsx", "mini").files["mini.xlsx"]
    _, rows = read_sheet(data)
    assert rows[0]["题干"].value.startswith("=SUM(A1) 路径 C:\\temp") and rows[0]["题干"].data_type == "s"
    assert rows[0]["选项C"].value == "=1+1" and rows[0]["选项C"].data_type == "s"
    assert [rows[1][f"选项{x}"].value for x in "ABC"] == ["@SUM(1)", "-2+3", "=A1"]
    assert rows[1]["解析"].value == "=公式?"
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    assert all(c.data_type == "s" for row in rows for c in row.values() if c.value is not None)


# ---------------------------------------------------------------- GIFT

def _tokens(text: str) -> list[tuple[str, bool]]:
    """Characters with whether they were backslash-escaped."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            out.append((text[i + 1], True))
            i += 2
        else:
            out.append((text[i], False))
            i += 1
    return out


def _text(tokens) -> str:
    return "".join(c for c, _ in tokens)


def _find(tokens, char: str, start: int = 0) -> int:
    return next(i for i in range(start, len(tokens)) if tokens[i] == (char, False))


def parse_gift(text: str) -> tuple[list[str], list[dict]]:
    """The subset of GIFT the exporter writes: categories, titled [plain] questions, one answer block."""
    categories, questions = [], []
    for chunk in text.strip("\n").split("\n\n"):
        if chunk.startswith("$CATEGORY: "):
            categories.append(chunk[len("$CATEGORY: "):].replace("//", "/"))
            continue
        tokens = _tokens(chunk)
        assert tokens[:2] == [(":", False)] * 2
        end = _find(tokens, ":", 2)
        assert tokens[end + 1] == (":", False)
        title, rest = _text(tokens[2:end]), tokens[end + 2:]
        assert _text(rest[:7]) == "[plain]"
        rest = rest[7:]
        opening = _find(rest, "{")
        closing = _find(rest, "}", opening)
        inside = rest[opening + 1:closing]
        sharp = _find(inside, "#")
        assert inside[sharp:sharp + 4] == [("#", False)] * 4
        question = {"title": title, "before": _text(rest[:opening]), "after": _text(rest[closing + 1:]),
                    "feedback": _text(inside[sharp + 4:]).strip(), "answers": []}
        inside = inside[:sharp]
        marks = [i for i, t in enumerate(inside) if t in (("=", False), ("~", False))]
        question["tf"] = _text(inside[:marks[0]] if marks else inside).strip() or None
        for start, stop in zip(marks, marks[1:] + [len(inside)]):
            body = _text(inside[start + 1:stop]).strip()
            weight = None
            if inside[start][0] == "~" and (m := re.match(r"%(-?[\d.]+)%", body)):
                weight, body = float(m.group(1)), body[m.end():]
            question["answers"].append((inside[start][0], weight, body))
        questions.append(question)
    return categories, questions


def check_gift_question(q, exported: list[dict]) -> None:
    def answer_text(text: str) -> str:  # documented: "->" cannot be escaped in an answer block
        return plain(text).replace("->", "→")

    assert all(e["feedback"] == plain(q.explanation) for e in exported)
    if q.type == "fill":
        parts = BLANK.split(plain(q.stem))
        assert [e["title"] for e in exported] == ([q.id] if len(q.answer) == 1 else
                                                  [f"{q.id}.{n}" for n in range(1, len(q.answer) + 1)])
        for k, (e, alternatives) in enumerate(zip(exported, q.answer)):
            filled = [alts[0] for alts in q.answer]
            assert e["before"] == "".join(p + f for p, f in zip(parts[:k], filled[:k])) + parts[k]
            assert e["after"] == "".join(p + f for p, f in zip(parts[k + 1:], filled[k + 1:] + [""]))
            assert e["answers"] == [("=", None, answer_text(a)) for a in alternatives]
        return
    (e,) = exported
    assert e["title"] == q.id and e["before"] == plain(q.stem) and e["after"] == ""
    if q.type == "single":
        assert e["answers"] == [("=" if x == q.answer else "~", None, answer_text(o))
                                for x, o in zip(OPTION_LETTERS, q.options)]
    elif q.type == "multiple":
        right = 100 / len(q.answer)
        assert [(m, t) for m, _, t in e["answers"]] == [("~", answer_text(o)) for o in q.options]
        for x, (_, weight, _) in zip(OPTION_LETTERS, e["answers"]):
            assert weight == pytest.approx(right if x in q.answer else -100, abs=1e-5)
    elif q.type == "truefalse":
        assert e["tf"] == ("T" if q.answer else "F") and e["answers"] == []
    else:
        assert [(m, *t.split(" -> ")) for m, _, t in e["answers"]] == [
            ("=", answer_text(item), f"第{n}位") for n, item in enumerate(q.items, start=1)]


def check_gift(root: Path, course_id: str) -> str:
    result = api.export(root, "gift", course_id)
    text = result.files[f"{course_id}.gift.txt"].decode("utf-8")
    categories, exported = parse_gift(text)
    loaded = loaded_course(root, course_id)
    assert categories == [loaded.course.title]
    by_question: dict[str, list[dict]] = {}
    for e in exported:
        by_question.setdefault(e["title"].split(".")[0], []).append(e)
    assert list(by_question) == [q.id for q in loaded.bank.questions]
    for q in loaded.bank.questions:
        check_gift_question(q, by_question[q.id])
    multi = [q for q in loaded.bank.questions if q.type == "fill" and len(q.answer) > 1]
    note = (f"GIFT 每道题只能有一个答案区：{len(multi)} 道多空填空题按空拆成了 "
            f"{sum(len(q.answer) for q in multi)} 道单空题（题目名为“题目标识.空号”，其余的空直接填入答案）。")
    assert result.notes == ((note,) if multi else ())
    return text


@pytest.mark.parametrize("root, course_id", BANKS)
def test_gift_round_trips_to_the_bank(root, course_id):
    check_gift(root, course_id)


def test_gift_escapes_every_special_character(tmp_path):
    text = check_gift(MINI, "mini")
    assert "::q-hostile::[plain]</script><script>alert(1)</script> 这段文字应当如何显示？{" in text
    assert "~\\{\\{ 7*7 \\}\\}\n" in text
    root = with_bank(copy_of_mini(tmp_path), SPECIALS)
    text = check_gift(root, "mini")
    assert "C\\:\\\\temp 里的 a\\=b、~x".replace("~", "\\~") in text
    assert "=3 → 4" not in text and "~3 → 4" in text


# ---------------------------------------------------------------- Aiken

def parse_aiken(text: str) -> list[tuple[str, list[str], str]]:
    out = []
    for block in text.strip("\n").split("\n\n"):
        stem, *options, answer = block.split("\n")
        letters = [re.fullmatch(r"([A-H])\. (.+)", o).groups() for o in options]
        assert [x for x, _ in letters] == list(OPTION_LETTERS[:len(options)])
        out.append((stem, [o for _, o in letters], re.fullmatch(r"ANSWER: ([A-H])", answer).group(1)))
    return out


@pytest.mark.parametrize("root, course_id", BANKS)
def test_aiken_has_every_single_choice_question_and_says_what_it_skipped(root, course_id):
    result = api.export(root, "aiken", course_id)
    bank = loaded_course(root, course_id).bank.questions
    singles = [q for q in bank if q.type == "single"]
    assert parse_aiken(result.files[f"{course_id}.aiken.txt"].decode("utf-8")) == [
        (plain(q.stem), [plain(o) for o in q.options], q.answer) for q in singles]
    count = {t: sum(q.type == t for q in bank) for t in QUESTION_TYPES}
    note = (f"Aiken 只支持单选题：已导出 {len(singles)} 道单选题，跳过 {len(bank) - len(singles)} 道"
            f"（多选 {count['multiple']}、判断 {count['truefalse']}、填空 {count['fill']}、排序 {count['order']}）。")
    assert result.notes == (note,)


def test_aiken_note_and_folded_lines(tmp_path):
    result = api.export(MINI, "aiken", "mini")
    assert result.notes == ("Aiken 只支持单选题：已导出 2 道单选题，跳过 4 道（多选 1、判断 1、填空 1、排序 1）。",)
    root = with_bank(copy_of_mini(tmp_path), SPECIALS)
    result = api.export(root, "aiken", "mini")
    (stem, options, answer), = parse_aiken(result.files["mini.aiken.txt"].decode("utf-8"))
    assert stem == "=SUM(A1) 路径 C:\\temp 里的 a=b、~x、#1、{y} 换行后：全部原样？" and answer == "B"
    assert options == ["{=1} ~2", "\\ 反斜杠 #标签 //", "=1+1", "3 -> 4"]
    assert result.notes == ("Aiken 只支持单选题：已导出 1 道单选题，跳过 3 道（多选 1、填空 1、排序 1）。",)
    with_bank(root, SPECIALS[2:])
    with pytest.raises(api.ProjectError, match="没有单选题"):
        api.export(root, "aiken", "mini")


# ---------------------------------------------------------------- Word paper and answer key

HEADING = re.compile(r"([一二三四五])、(单选题|多选题|判断题|填空题|排序题)（每题 ([\d.]+) 分，共 ([\d.]+) 分）")
NUMBERED = re.compile(r"(\d+)\. (.*)", re.DOTALL)


def paragraphs_of(data: bytes) -> list:
    return docx.Document(io.BytesIO(data)).paragraphs


@pytest.mark.parametrize("root, course_id", BANKS)
def test_docx_paper_and_key_match_the_bank(root, course_id):
    files = api.export(root, "docx", course_id).files
    assert sorted(files) == sorted([f"{course_id}-试卷.docx", f"{course_id}-答案与解析.docx"])
    paper = paragraphs_of(files[f"{course_id}-试卷.docx"])
    key = [p.text for p in paragraphs_of(files[f"{course_id}-答案与解析.docx"])]
    text = [p.text for p in paper]
    loaded = loaded_course(root, course_id)
    questions = sorted(loaded.bank.questions, key=lambda q: QUESTION_TYPES.index(q.type))
    assert text[0] == f"{loaded.course.title} 测试卷" and key[0] == f"{loaded.course.title} 测试卷 答案与解析"
    assert all(f"{label}：" in text[1] for label in ("姓名", "单位", "得分"))
    headings = [HEADING.fullmatch(t).groups() for t in text if HEADING.fullmatch(t)]
    assert [HEADING.fullmatch(t).groups() for t in key if HEADING.fullmatch(t)] == headings
    present = [t for t in QUESTION_TYPES if any(q.type == t for q in questions)]
    assert [(n, kind) for n, kind, _, _ in headings] == list(zip("一二三四五", (TYPES[t] for t in present)))
    for (_, _, each, total), kind in zip(headings, present):
        assert Fraction(each) * sum(q.type == kind for q in questions) == Fraction(total)
    assert sum(Fraction(total) for *_, total in headings) == 100
    numbered = [i for i, t in enumerate(text) if NUMBERED.fullmatch(t)]
    assert len(numbered) == len(questions)
    explanations = {plain(q.explanation) for q in questions}
    assert not any("答案" in t or "解析" in t or t in explanations for t in text)
    for n, (i, q) in enumerate(zip(numbered, questions), start=1):
        number, body = NUMBERED.fullmatch(text[i]).groups()
        assert number == str(n)
        if q.type == "fill":
            parts = BLANK.split(plain(q.stem))
            blanks = [r for r in paper[i].runs if r.underline]
            assert len(blanks) == len(q.answer) and all(not r.text.strip() for r in blanks)
            assert body == "".join(p + (r.text if r is not None else "") for p, r in zip(parts, blanks + [None]))
            assert not any(a in body for alts in q.answer for a in alts)
        else:
            assert body == plain(q.stem) + "（\u3000\u3000）"
        shown = []
        while i + 1 + len(shown) < len(text) and re.match(r"[A-H]\. ", text[i + 1 + len(shown)]):
            shown.append(text[i + 1 + len(shown)][3:])
        if q.type in ("single", "multiple"):
            assert shown == [plain(o) for o in q.options]
        if q.type == "order":
            assert sorted(shown) == sorted(plain(x) for x in q.items) and shown != [plain(x) for x in q.items]
        answer_line = key.index(next(t for t in key if t.startswith(f"{n}. 答案：")))
        answer = key[answer_line][len(f"{n}. 答案："):]
        assert key[answer_line + 1] == f"解析：{plain(q.explanation)}"
        if q.type in ("single", "multiple"):
            assert answer == "".join(q.answer)
        elif q.type == "truefalse":
            assert answer == ("正确" if q.answer else "错误")
        elif q.type == "fill":
            assert all(a in answer for alts in q.answer for a in alts)
        else:
            assert [shown[OPTION_LETTERS.index(x)] for x in answer.split("（")[0]] == [plain(x) for x in q.items]


def test_docx_uses_chinese_fonts():
    document = docx.Document(io.BytesIO(api.export(MINI, "docx", "mini").files["mini-试卷.docx"]))
    east_asia = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert document.styles["Normal"].element.rPr.rFonts.get(east_asia) == "宋体"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(east_asia) == "黑体"
    assert document.sections[0].page_width.cm == pytest.approx(21, abs=0.01)


@pytest.mark.parametrize("counts", [
    {"single": 31, "multiple": 13, "truefalse": 28, "fill": 15, "order": 6},
    {"single": 2, "multiple": 1, "truefalse": 1, "fill": 1, "order": 1},
    {"single": 20, "multiple": 10, "truefalse": 10},
    {"single": 10},
])
def test_point_values_total_100_and_keep_heavier_types_heavier(counts):
    points = point_values(counts)
    assert sum(points[k] * n for k, n in counts.items()) == 100
    assert all(p * 2 == int(p * 2) and p > 0 for p in points.values())
    order = ["truefalse", "single", "multiple"]
    present = [points[k] for k in order if k in points]
    assert present == sorted(present)


def test_docx_paper_that_cannot_total_100_says_its_total(tmp_path):
    three = [{**SPECIALS[0], "id": f"q-{n}"} for n in range(3)]
    result = api.export(with_bank(copy_of_mini(tmp_path), three), "docx", "mini")
    assert result.notes == ("“测试课程”的题目数量凑不成 100 分，试卷满分为 99 分。",)
    text = [p.text for p in paragraphs_of(result.files["mini-试卷.docx"])]
    assert "一、单选题（每题 33 分，共 99 分）" in text and "（共 3 题，满分 99 分）" in text


# ---------------------------------------------------------------- handout

def document_text(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.parametrize("root, course_id", BANKS)
def test_handout_has_the_whole_course_with_its_numbering(root, course_id):
    result = api.export(root, "handout", course_id)
    assert list(result.files) == [f"{course_id}-讲义.docx"]
    text = document_text(result.files[f"{course_id}-讲义.docx"])
    joined = "\n".join(text)
    loaded = loaded_course(root, course_id)
    m = build_course_map(loaded)
    course = loaded.course
    for expected in (course.title, course.subtitle, f"版本：{course.version}", f"学时：{course.hours:g}",
                     f"学习对象：{course.audience}", f"开篇：{course.concept.title}", f"结语：{course.closing.title}",
                     "课程概述", "学习目标", "术语表", plain(course.concept.definition)):
        assert plain(expected) in joined, expected
    expected = [*course.objectives, *(p.text for p in course.concept.key_points + course.closing.key_points),
                *(k.name for k in course.concept.kinds)]
    for part in loaded.parts:
        assert plain(topic_title(m, part)) in text
        expected += [*part.discussion, *(t.term for t in part.key_terms), *(t.definition for t in part.key_terms)]
        for section in part.sections:
            assert plain(topic_title(m, section)) in text
            for topic in [section, *section.measures]:
                assert plain(topic_title(m, topic)) in text
                expected += [p.text for p in topic.key_points + topic.symptoms + topic.actions + topic.criteria]
                expected += [topic.takeaway, *(s.text for s in topic.slogans), *(s.meaning for s in topic.slogans)]
    for item in expected:
        assert plain(item) in joined, item


def test_handout_shows_markup_literally_and_needs_no_bank(tmp_path):
    root = copy_of_mini(tmp_path)
    part = root / "content" / "mini" / "part-a.yml"
    hostile = "<b>粗体</b> & {{ 7*7 }} <script>alert(1)</script>"
    source = part.read_text(encoding="utf-8").replace("title: 测试能发现问题", f"title: '{hostile}'")
    part.write_text(source.replace("text: 问题越早发现越好。", "text: '**不是加粗** [链接](http://x) =1+1'"),
                    encoding="utf-8")
    (root / "quizzes" / "mini.yml").unlink()
    text = document_text(api.export(root, "handout", "mini").files["mini-讲义.docx"])
    assert f"（一）{hostile}" in text and "**不是加粗** [链接](http://x) =1+1" in text
    assert {"一、为什么要测试", "（二）测试能积累信心", "二、怎样做好测试", "举措 3：评审测试", "术语表"} <= set(text)
    with pytest.raises(api.ProjectError, match="没有题库"):
        api.export(root, "docx", "mini")


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
