"""Word exam papers (with 答题卡), answer keys with one-page grids, A/B variants, and the handout:
read back with python-docx and compared with the bank."""

from __future__ import annotations

import io
import re
import zipfile
from fractions import Fraction

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from export_readers import docx_key_lines
from generator import api
from generator.export.common import course_entries
from generator.export.points import point_values
from generator.quiz_models import BLANK, OPTION_LETTERS, QUESTION_TYPES
from generator.render.site_map import build_course_map, topic_title
from generator.render.text import plain
from test_export_formats import BANKS, MINI, SPECIALS, TYPES, copy_of_mini, loaded_course, with_bank

HEADING = re.compile(r"([一二三四五])、(单选题|多选题|判断题|填空题|排序题)（每题 ([\d.]+) 分，共 ([\d.]+) 分）")
NUMBERED = re.compile(r"(\d+)\. (.*)", re.DOTALL)
NBSP = "\u00a0"


def paragraphs_of(data: bytes) -> list:
    return docx.Document(io.BytesIO(data)).paragraphs


def grouped_entries(root, course_id, variant_seed=""):
    entries = course_entries(loaded_course(root, course_id), variant_seed)
    return sorted(entries, key=lambda e: QUESTION_TYPES.index(e.question.type))


@pytest.mark.parametrize("root, course_id", BANKS)
def test_docx_paper_and_key_match_the_bank(root, course_id):
    files = api.export(root, "docx", course_id).files
    assert sorted(files) == sorted([f"{course_id}-试卷.docx", f"{course_id}-答案与解析.docx"])
    paper = paragraphs_of(files[f"{course_id}-试卷.docx"])
    text = [p.text for p in paper]
    key = [p.text for p in paragraphs_of(files[f"{course_id}-答案与解析.docx"])]
    loaded = loaded_course(root, course_id)
    entries = grouped_entries(root, course_id)
    assert text[0] == f"{loaded.course.title} 测试卷" and key[0] == f"{loaded.course.title} 测试卷 答案与解析"
    assert all(f"{label}：" in text[1] for label in ("姓名", "单位", "得分"))
    assert "考试说明" in text and any("多选、少选、错选均不得分" in t for t in text)
    sheet = text.index(f"{loaded.course.title} 测试卷 答题卡")  # the 答题卡 starts a page of its own
    assert any(r.element.find(qn("w:br")) is not None and r.element.find(qn("w:br")).get(qn("w:type")) == "page"
               for p in paper[sheet - 2:sheet] for r in p.runs)
    headings = [HEADING.fullmatch(t).groups() for t in text[:sheet] if HEADING.fullmatch(t)]
    assert [HEADING.fullmatch(t).groups() for t in key if HEADING.fullmatch(t)] == headings * 2  # grid, then 解析
    present = [t for t in QUESTION_TYPES if any(e.question.type == t for e in entries)]
    assert [(n, kind) for n, kind, _, _ in headings] == list(zip("一二三四五", (TYPES[t] for t in present)))
    for (_, _, each, total), kind in zip(headings, present):
        assert Fraction(each) * sum(e.question.type == kind for e in entries) == Fraction(total)
    assert sum(Fraction(total) for *_, total in headings) == 100
    numbered = [i for i, t in enumerate(text[:sheet]) if NUMBERED.fullmatch(t)]
    assert len(numbered) == len(entries)
    explanations = {plain(e.question.explanation) for e in entries}
    assert not any("答案：" in t or "解析" in t or t in explanations for t in text)
    answers = docx_key_lines(files[f"{course_id}-答案与解析.docx"])
    for n, (i, entry) in enumerate(zip(numbered, entries), start=1):
        q = entry.question
        number, body = NUMBERED.fullmatch(text[i]).groups()
        assert number == str(n)
        if q.type == "fill":
            parts = BLANK.split(plain(q.stem))
            blanks = [r for r in paper[i].runs if r.underline]
            assert len(blanks) == len(q.answer) and all(set(r.text) == {NBSP} for r in blanks)
            for run, alternatives in zip(blanks, q.answer):  # as wide as the longest answer, and more
                longest = max(sum(2 if ord(c) > 0x2e7f else 1 for c in plain(a)) for a in alternatives)
                assert len(run.text) >= 2 * longest + 4
            assert body == "".join(p + (r.text if r is not None else "") for p, r in zip(parts, blanks + [None]))
            assert not any(a in body for alts in q.answer for a in alts)
        else:  # a bracket that cannot break: no breakable space inside
            assert f"（{NBSP * 8}）" in body and "\u3000" not in body.split("（")[-1]
        shown = []
        while i + 1 + len(shown) < len(text) and re.match(r"[A-H]\. ", text[i + 1 + len(shown)]):
            shown.append(text[i + 1 + len(shown)][3:])
        assert shown == [plain(c) for c in entry.shown.choices]
        heading, answer = answers[n - 1]
        if q.type in ("single", "multiple"):
            written = [q.answer] if q.type == "single" else q.answer
            assert sorted(shown[OPTION_LETTERS.index(x)] for x in answer) == sorted(
                plain(q.options[OPTION_LETTERS.index(x)]) for x in written)
        elif q.type == "truefalse":
            assert answer == ("正确（√）" if q.answer else "错误（×）")
        elif q.type == "fill":
            assert all(plain(a) in answer for alts in q.answer for a in alts)
        else:
            assert shown != [plain(x) for x in q.items]
            assert [shown[OPTION_LETTERS.index(x)] for x in answer.split("（")[0]] == [plain(x) for x in q.items]


def test_key_opens_with_a_one_page_answer_grid_and_the_paper_has_a_score_table():
    files = api.export(MINI, "docx", "mini").files
    key = docx.Document(io.BytesIO(files["mini-答案与解析.docx"]))
    grids = [[[c.text for c in row.cells] for row in table.rows] for table in key.tables]
    entries = grouped_entries(MINI, "mini")
    numbers = [cell for grid in grids for cell in grid[0]]
    cells = [cell for grid in grids for cell in grid[1]]
    shown = {str(n): v for n, v in zip(numbers, cells) if n}
    assert list(shown) == [str(n) for n in range(1, len(entries) + 1)]
    assert [shown[str(n)] for n in (1, 2, 3)] == [e.shown.key for e in entries[:3]]
    assert shown["4"] == "×" and shown["5"] == "持续集成；测试先行" and shown["6"] == entries[5].shown.key
    paper = docx.Document(io.BytesIO(files["mini-试卷.docx"]))
    score = [[c.text for c in row.cells] for row in paper.tables[0].rows]
    assert score[0] == ["题型", "一", "二", "三", "四", "五", "总分"] and score[1][0] == "满分"
    assert sum(Fraction(x) for x in score[1][1:-1]) == Fraction(score[1][-1]) == 100
    assert [row[0] for row in score[1:]] == ["满分", "得分", "评卷人"]
    sheet_grids = paper.tables[1:]
    assert [c.text for c in sheet_grids[0].rows[0].cells][:2] == ["1", "2"]
    assert all(c.text == "" for c in sheet_grids[0].rows[1].cells)
    assert paper.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_docx_is_chinese_with_page_numbers_and_opens_outside_compatibility_mode():
    data = api.export(MINI, "docx", "mini").files["mini-试卷.docx"]
    document = docx.Document(io.BytesIO(data))
    east_asia = qn("w:eastAsia")
    assert document.styles["Normal"].element.rPr.rFonts.get(east_asia) == "宋体"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(east_asia) == "黑体"
    headings = [document.styles[name].font for name in ("Title", "Heading 1", "Heading 4")]
    assert [(f.italic, str(f.color.rgb)) for f in headings] == [(False, "000000")] * 3
    normal = document.styles["Normal"].element.rPr.rFonts
    assert [normal.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:asciiTheme")] == ["Times New Roman"] * 2 + [None]
    # the defaults of every style, including those not based on Normal (tables, footnotes)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(east_asia) == "宋体"
    assert [defaults.find(qn("w:lang")).get(qn(a)) for a in ("w:val", "w:eastAsia")] == ["zh-CN", "zh-CN"]
    assert document.sections[0].page_width.cm == pytest.approx(21, abs=0.01)
    page = document.sections[0]
    margins = (page.left_margin, page.right_margin, page.top_margin, page.bottom_margin)
    assert [m.cm for m in margins] == pytest.approx([2.5] * 4, abs=0.01)
    package = zipfile.ZipFile(io.BytesIO(data))
    styles, settings = package.read("word/styles.xml").decode(), package.read("word/settings.xml").decode()
    theme, fonts = package.read("word/theme/theme1.xml").decode(), package.read("word/fontTable.xml").decode()
    assert 'w:eastAsia="zh-CN"' in styles and "ja-JP" not in styles + settings
    assert 'w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"' in settings
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    assert '<a:ea typeface="宋体"/>' in theme and '<a:ea typeface="黑体"/>' in theme and "Jpan" not in theme
    assert "ＭＳ" not in fonts and re.search(r'w:name="宋体">\s*<w:altName w:val="SimSun"/>', fonts)
    footer = document.sections[0].footer
    assert footer.paragraphs[0].text.startswith("第 ")
    instructions = [f.get(qn("w:instr")) for f in footer._element.iter(qn("w:fldSimple"))]
    assert instructions == [" PAGE ", " NUMPAGES "]
    # each field carries a shown value, for viewers that do not compute fields
    assert etree.tostring(footer.paragraphs[0]._p, method="text", encoding=str) == "第 1 页 共 1 页"


def test_variants_have_their_own_question_and_option_orders_and_keys(project, invoke):
    result = invoke("export", "docx", "-p", str(project), "-c", "mini", "--variants", "2")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (project / "dist").iterdir())
    assert names == ["mini-答案与解析A.docx", "mini-答案与解析B.docx", "mini-试卷A.docx", "mini-试卷B.docx"]
    papers = {x: [p.text for p in paragraphs_of((project / "dist" / f"mini-试卷{x}.docx").read_bytes())]
              for x in "AB"}
    assert papers["A"][0] == "测试课程 测试卷（A 卷）" and papers["B"][0] == "测试课程 测试卷（B 卷）"
    assert papers["A"] != papers["B"]
    stems = {x: [t for t in text if NUMBERED.fullmatch(t)] for x, text in papers.items()}
    assert sorted(stems["A"]) != stems["A"] or stems["A"] != stems["B"]
    root = project
    big = [{**SPECIALS[0], "id": f"q-{n}", "stem": f"第 {n} 题？", "options": [f"甲{n}", f"乙{n}", f"丙{n}", f"丁{n}"],
            "answer": "A"} for n in range(12)]
    with_bank(root, big)
    files = api.export(root, "docx", "mini", variants=2).files
    keys = {x: docx_key_lines(files[f"mini-答案与解析{x}.docx"]) for x in "AB"}
    order = {x: [t for t in (p.text for p in paragraphs_of(files[f"mini-试卷{x}.docx"])) if NUMBERED.fullmatch(t)]
             for x in "AB"}
    assert [re.sub(r"^\d+\. ", "", t) for t in order["A"]] != [re.sub(r"^\d+\. ", "", t) for t in order["B"]]
    assert [a for _, a in keys["A"]] != [a for _, a in keys["B"]]
    for x in "AB":  # each key matches its own paper
        paper = [p.text for p in paragraphs_of(files[f"mini-试卷{x}.docx"])]
        for n, (_, answer) in enumerate(keys[x], start=1):
            i = next(i for i, t in enumerate(paper) if t.startswith(f"{n}. "))
            number = int(re.search(r"第 (\d+) 题", paper[i]).group(1))
            assert paper[i + 1 + OPTION_LETTERS.index(answer)].endswith(f"甲{number}")
    assert invoke("export", "xlsx", "-p", str(project), "--variants", "2").stderr == (
        "错误：--variants 只适用于 docx 格式\n")
    for variants in (0, 9):
        assert invoke("export", "docx", "-p", str(project), "--variants", str(variants)).stderr == (
            f"错误：--variants 须在 1 到 8 之间（现为 {variants}）\n")


@pytest.mark.parametrize("counts", [
    {"single": 23, "multiple": 14, "truefalse": 15, "fill": 12, "order": 6},
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


def test_types_of_the_same_weight_get_the_same_points_when_some_choice_allows_it():
    assert point_values({"single": 10, "fill": 10, "multiple": 5}) == {"single": 4, "fill": 4, "multiple": 4}
    # 31 single and 15 fill questions can't share a value and still total 100: ranking still holds.
    points = point_values({"single": 31, "multiple": 13, "truefalse": 28, "fill": 15, "order": 6})
    assert points["truefalse"] <= min(points["single"], points["fill"]) <= max(points["single"], points["fill"]) <= points["multiple"]


def test_docx_paper_that_cannot_total_100_says_its_total(tmp_path):
    three = [{**SPECIALS[0], "id": f"q-{n}"} for n in range(3)]
    result = api.export(with_bank(copy_of_mini(tmp_path), three), "docx", "mini")
    assert result.notes == ("“测试课程”的题目数量凑不成 100 分，试卷满分为 99 分。",)
    text = [p.text for p in paragraphs_of(result.files["mini-试卷.docx"])]
    assert "一、单选题（每题 33 分，共 99 分）" in text
    assert "（共 3 题，满分 99 分，考试时间：______ 分钟）" in text


# ---------------------------------------------------------------- handout

def document_text(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.parametrize("root, course_id", BANKS)
def test_handout_has_the_whole_course_with_its_numbering(root, course_id):
    result = api.export(root, "handout", course_id)
    assert list(result.files) == [f"{course_id}-讲义.docx"]
    data = result.files[f"{course_id}-讲义.docx"]
    text = document_text(data)
    joined = "\n".join(text)
    loaded = loaded_course(root, course_id)
    m = build_course_map(loaded)
    course = loaded.course
    for expected in (course.title, course.subtitle, f"版本：{course.version}", f"学时：{course.hours:g}",
                     f"学习对象：{course.audience}", "课程概述", "学习目标", "术语表", plain(course.concept.definition)):
        assert plain(expected) in joined, expected
    assert "结语：结语：" not in joined and "开篇：开篇：" not in joined
    closing = plain(course.closing.title)
    assert (closing if closing.startswith("结语：") else f"结语：{closing}") in text
    expected = [*course.objectives, *(p.text for p in course.concept.key_points + course.closing.key_points),
                *(k.name for k in course.concept.kinds)]
    for part in loaded.parts:
        assert plain(topic_title(m, part)) in text
        expected += [*part.discussion, *(t.term for t in part.key_terms), *(t.definition for t in part.key_terms)]
        for section in part.sections:
            for topic in [section, *section.measures]:
                assert plain(topic_title(m, topic)) in text
                expected += [p.text for p in topic.key_points + topic.symptoms + topic.actions + topic.criteria]
                expected += [topic.takeaway, *(s.text for s in topic.slogans), *(s.meaning for s in topic.slogans)]
                expected += [chunk for chunk in topic.summary.split("\n\n") if chunk.strip()]
    for item in expected:
        assert plain(item) in joined, item
    document = docx.Document(io.BytesIO(data))
    assert document.tables and all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in document.tables)
    assert all(run.bold for t in document.tables for c in t.rows[0].cells for run in c.paragraphs[0].runs)
    assert all(any(c.text for c in row.cells) for t in document.tables for row in t.rows)  # no empty rows
    objectives = [f"{n}. {plain(o)}" for n, o in enumerate(course.objectives, start=1)]
    assert [p.text for p in document.paragraphs if p.text in objectives] == objectives
    labels = [p.runs[0] for p in document.paragraphs if p.text.startswith("一句话总结：")]
    assert labels and all(r.text == "一句话总结：" and r.bold for r in labels)
    # an empty paragraph after each table, so two tables never run together into one
    after = [t._tbl.getnext() for t in document.tables]
    assert all(p is not None and p.tag == qn("w:p") and not etree.tostring(p, method="text", encoding=str) for p in after)


def test_handout_shows_markup_literally_and_needs_no_bank(tmp_path):
    root = copy_of_mini(tmp_path)
    part = root / "content" / "mini" / "part-a.yml"
    hostile = "<b>粗体</b> & {{ 7*7 }} <script>alert(1)</script>"
    source = part.read_text(encoding="utf-8").replace("title: 测试能发现问题", f"title: '{hostile}'")
    part.write_text(source.replace("text: 问题越早发现越好。", "text: '**不是加粗** [链接](http://x) =1+1'"),
                    encoding="utf-8")
    course = root / "content" / "mini" / "course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("title: 形成测试格局", "title: 结语：形成测试格局"),
                      encoding="utf-8")
    (root / "quizzes" / "mini.yml").unlink()
    text = document_text(api.export(root, "handout", "mini").files["mini-讲义.docx"])
    assert f"（一）{hostile}" in text and "**不是加粗** [链接](http://x) =1+1" in text
    assert {"一、为什么要测试", "（二）测试能积累信心", "二、怎样做好测试", "举措 3：评审测试", "术语表"} <= set(text)
    assert "结语：形成测试格局" in text and not any("结语：结语：" in t for t in text)
    with pytest.raises(api.ProjectError, match="没有题库"):
        api.export(root, "docx", "mini")


def test_a_course_without_a_bank_gets_no_paper_and_a_note(project, invoke):
    assert invoke("new", "second", "--project", str(project)).exit_code == 0
    (project / "quizzes" / "second.yml").unlink()  # a course without a bank
    result = api.export(project, "docx")
    assert sorted(result.files) == ["mini-答案与解析.docx", "mini-试卷.docx"]
    assert result.notes == ("课程“待填写：课程标题”没有题库，未生成试卷。",)


def test_up_to_eight_variants_each_with_its_paper_and_key():
    files = api.export(MINI, "docx", "mini", variants=8).files
    assert sorted(files) == sorted(f"mini-{kind}{x}.docx" for kind in ("试卷", "答案与解析") for x in "ABCDEFGH")
    key = docx.Document(io.BytesIO(files["mini-答案与解析H.docx"]))
    assert key.paragraphs[0].style.name == "Title" and key.paragraphs[0].text == "测试课程 测试卷（H 卷） 答案与解析"


# The handout's outline for the mini course: headings by level, and the bold labels.
HANDOUT_OUTLINE = [
    ('Title', '测试课程'),
    ('Subtitle', '用于测试的小课程'),
    ('H1', '课程概述'),
    ('H1', '学习目标'),
    ('H1', '开篇：什么是测试资源'),
    ('label', '目标：'),
    ('H2', '要点'),
    ('label', '一句话总结：'),
    ('H1', '一、为什么要测试'),
    ('H2', '学习目标'),
    ('H2', '（一）测试能发现问题'),
    ('H3', '要点'),
    ('H3', '主要表现'),
    ('label', '一句话总结：'),
    ('H2', '（二）测试能积累信心'),
    ('H3', '要点'),
    ('label', '一句话总结：'),
    ('H2', '关键术语'),
    ('label', '回归测试：'),
    ('H2', '思考讨论'),
    ('H1', '二、怎样做好测试'),
    ('H2', '学习目标'),
    ('H2', '（一）打好基础'),
    ('H3', '要点'),
    ('label', '一句话总结：'),
    ('H3', '举措 1：写好测试用例'),
    ('H4', '要点'),
    ('H4', '具体举措'),
    ('H4', '标准与要求'),
    ('H4', '关键提法'),
    ('label', '一句话总结：'),
    ('H3', '举措 2：自动运行测试'),
    ('H4', '要点'),
    ('label', '一句话总结：'),
    ('H2', '（二）形成习惯'),
    ('H3', '要点'),
    ('label', '一句话总结：'),
    ('H3', '举措 3：评审测试'),
    ('H4', '要点'),
    ('label', '一句话总结：'),
    ('H2', '关键术语'),
    ('label', '持续集成：'),
    ('label', '测试先行：'),
    ('H2', '思考讨论'),
    ('H1', '结语：形成测试格局'),
    ('H2', '要点'),
    ('label', '一句话总结：'),
    ('H1', '术语表'),
]


def test_the_handouts_outline():
    document = docx.Document(io.BytesIO(api.export(MINI, "handout", "mini").files["mini-讲义.docx"]))
    outline = [(p.style.name.replace("Heading ", "H"), p.text) if p.style.name.startswith(("Heading", "Title", "Subtitle"))
               else ("label", p.runs[0].text) for p in document.paragraphs
               if p.style.name.startswith(("Heading", "Title", "Subtitle")) or (p.runs and p.runs[0].bold)]
    assert outline == HANDOUT_OUTLINE
