"""Every kind of bad content gets an exact Chinese message, and nothing is touched.

Each case breaks the mini fixture in one way, runs ``coursegen build`` and
compares stderr with the full expected text. A previous site/ and
docs/generated/ are planted first; they must come out byte-identical.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import tree_digest

FOOTER = "内容有误，未生成网站；原有的 site/ 保持不变。"


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "content" / "mini" / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def edit_bank(old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "quizzes" / "mini.yml"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in the bank"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write_bytes(relative: str, data: Callable[[str], bytes]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "content" / "mini" / relative
        path.write_bytes(data(path.read_text(encoding="utf-8")))

    return apply


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        for change in changes:
            change(root)

    return apply


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(6)
)

CASES = {
    "current-rule-without-year": (
        edit("part-a.yml", "    takeaway: 早测试，早发现。\n",
             "    takeaway: 早测试，早发现。\n    current_rule:\n      text: 新规定\n      document: 《某条例》\n"),
        "content/mini/part-a.yml:21:7: sections[0].current_rule: 缺少必填项“year”（提示：该文件印发的年份，例如 2019）",
    ),
    "single-choice-without-answer": (
        edit_bank("    pin_last: 1\n    answer: A\n", "    pin_last: 1\n"),
        "quizzes/mini.yml:9:5: questions[0]: 缺少必填项“answer”（提示：正确选项的字母）",
    ),
    "objectives-not-a-list": (
        edit("course.yml", "objectives:\n  - 了解测试课程的结构", "objectives: 了解测试课程的结构"),
        "content/mini/course.yml:12:13: objectives: 应为列表，实际是文本“了解测试课程的结构”"
        "（提示：列表的每一项另起一行，以“- ”开头）",
    ),
    "source-text-outside-the-project": (
        edit("course.yml", "checklists: checklists.yml", "checklists: checklists.yml\nsource_text: /etc/passwd"),
        "content/mini/course.yml:41:14: source_text: “/etc/passwd”不是项目内的相对路径"
        "（提示：写相对于项目根目录的路径，用 / 分隔，例如 sources/speech.txt）",
    ),
    "source-text-too-long": (
        edit("course.yml", "checklists: checklists.yml", "checklists: checklists.yml\nsource_text: " + "长" * 256),
        "content/mini/course.yml:41:14: source_text: 最多 255 个字符，现有 256 个（提示：缩短这段文字）",
    ),
    "ignored-rule-in-lower-case": (
        edit("course.yml", "checklists: checklists.yml",
             "checklists: checklists.yml\ncheck_ignore:\n  - rule: q201\n    reason: 测试"),
        "content/mini/course.yml:42:11: check_ignore[0].rule: “q201”不是检查规则的代码"
        "（提示：写一个大写字母加三位数字，例如 Q201；coursegen check --rules 列出全部规则）",
    ),
    "yaml-unclosed-quote": (
        edit("course.yml", "title: 测试课程", 'title: "测试课程'),
        "content/mini/course.yml:3:8: YAML 语法错误：引号没有闭合（提示：检查这一行开始的引号是否成对）",
    ),
    "yaml-colon-in-text": (
        edit("course.yml", "audience: 测试人员", "audience: 对象: 测试人员"),
        "content/mini/course.yml:6:13: YAML 语法错误：这里不能出现“键: 值”"
        "（提示：文本中含有“: ”时，请把整段文本用引号括起来）",
    ),
    "tab-indent": (
        edit("course.yml", "  id: concept", "\tid: concept"),
        "content/mini/course.yml:15:1: 缩进里有制表符（Tab）（提示：YAML 只能用空格缩进，请把 Tab 换成空格）",
    ),
    "duplicate-key": (
        edit("course.yml", "subtitle: 用于测试的小课程", "subtitle: 用于测试的小课程\nsubtitle: 又一个"),
        "content/mini/course.yml:5:1: subtitle: 键“subtitle”重复（第 4 行已出现）（提示：删除或合并重复的键）",
    ),
    "unknown-key": (
        edit("part-a.yml", "    takeaway: 有测试，敢改动。", "    takeway: 有测试，敢改动。"),
        "content/mini/part-a.yml:22:5: sections[1]: 缺少必填项“takeaway”（提示：一句话总结）\n"
        "content/mini/part-a.yml:29:5: sections[1].takeway: 不认识的键“takeway”"
        "（提示：是否想写“takeaway”？可用的键：id、title、short_title、summary、key_points、symptoms、"
        "actions、criteria、slogans、takeaway、related、source、current_rule、check_ignore、measures）",
    ),
    "text-read-as-boolean": (
        edit("course.yml", "audience: 测试人员", "audience: no"),
        "content/mini/course.yml:6:11: audience: 应为文本，实际是布尔值 false"
        "（提示：YAML 会把 yes/no/on/off/true/false 读成布尔值；把这个值用引号括起来，写成文本）",
    ),
    "version-read-as-number": (
        edit("course.yml", 'version: "1.0"', "version: 1.0"),
        "content/mini/course.yml:7:10: version: 应为文本，实际是数字 1.0"
        "（提示：以 0 开头或带小数点的数字会被改写；把这个值用引号括起来，写成文本）",
    ),
    "text-read-as-date": (
        edit("course.yml", "source: 测试讲话", "source: 2024-01-01"),
        "content/mini/course.yml:5:9: source: 应为文本，实际是日期 2024-01-01"
        "（提示：YAML 会把形如 2024-01-01 的值读成日期；把这个值用引号括起来，写成文本）",
    ),
    "hours-not-a-number": (
        edit("course.yml", "hours: 1.5", "hours: no"),
        "content/mini/course.yml:8:8: hours: 应为数字，实际是布尔值 false（提示：写一个数字，不加引号）",
    ),
    "blank-text": (
        edit("part-a.yml", "summary: 说明测试的意义。", 'summary: "   "'),
        "content/mini/part-a.yml:5:10: summary: 不能为空（提示：填写内容；文本不能只有空格或看不见的字符）",
    ),
    "missing-field": (
        edit("course.yml", "  takeaway: 格局决定成效。\n", ""),
        "content/mini/course.yml:32:3: closing: 缺少必填项“takeaway”（提示：一句话总结）",
    ),
    "too-few-discussion-questions": (
        edit("part-a.yml", "  - 测试的难点在哪里？\n", ""),
        "content/mini/part-a.yml:36:3: discussion: 至少需要 2 项，现有 1 项（提示：补足条目）",
    ),
    "unsafe-id": (
        edit("part-a.yml", "  - id: meaning-two\n", "  - id: ../Meaning Two\n"),
        "content/mini/part-a.yml:22:9: sections[1].id: 标识“../Meaning Two”不是安全的标识"
        "（提示：只能用小写英文字母、数字和单个连字符，例如 key-point-1）",
    ),
    "reserved-id": (
        edit("course.yml", "  - id: kind-people", "  - id: con"),
        "content/mini/course.yml:20:11: concept.kinds[0].id: 标识“con”是保留名称（Windows 设备名，不能用作文件名）"
        "（提示：换一个标识；全部保留名称见 README 的“保留名称”一节）",
    ),
    "duplicate-id-across-files": (
        edit("part-b.yml", "      - id: group-two-p1", "      - id: meaning-one-p1"),
        "content/mini/part-b.yml:49:13: sections[1].key_points[0].id: 标识“meaning-one-p1”重复"
        "（content/mini/part-a.yml:14 已使用）（提示：同一课程内所有标识必须唯一，请换一个）",
    ),
    "dangling-related": (
        edit("part-a.yml", "      - step-one", "      - step-nine"),
        "content/mini/part-a.yml:21:9: sections[0].related[0]: 引用的标识“step-nine”不存在"
        "（提示：应为本课程某个部分、小节或举措的 id）",
    ),
    "dangling-term-section": (
        edit("part-b.yml", "    section: step-two", "    section: step-ten"),
        "content/mini/part-b.yml:65:14: key_terms[0].section: 引用的标识“step-ten”不存在"
        "（提示：应为本课程某个部分、小节或举措的 id）",
    ),
    "missing-part-file": (
        edit("course.yml", "  - part-b.yml", "  - part-c.yml"),
        "content/mini/course.yml:30:5: parts[1]: 找不到文件 content/mini/part-c.yml（提示：检查文件名，或创建这个文件）\n"
        "content/mini/part-b.yml:1:1: 这个文件没有被 course.yml 的 parts 列出（提示：把文件名加入 parts，或删除这个文件）",
    ),
    "part-id-not-file-name": (
        edit("part-a.yml", "id: part-a", "id: part-x"),
        "content/mini/part-a.yml:2:5: id: 部分标识“part-x”与文件名“part-a.yml”不一致（提示：把 id 改成 part-a，或改文件名）",
    ),
    "course-id-not-folder": (
        edit("course.yml", "id: mini", "id: mini-course"),
        "content/mini/course.yml:2:5: id: 课程标识“mini-course”与文件夹名“mini”不一致（提示：把文件夹或 id 改成同一个名字）",
    ),
    "alias-bomb": (
        write_bytes("part-a.yml", lambda text: (BOMB + text).encode()),
        "content/mini/part-a.yml:5:4: e: 别名（*引用）展开后超过 50000 个节点，疑似“别名炸弹”"
        "（提示：不要用锚点和别名层层复制内容）",
    ),
    "gbk-file": (
        write_bytes("part-a.yml", lambda text: text.encode("gbk")),
        "content/mini/part-a.yml:3:12: 文件看起来是 GBK（GB2312/GB18030）编码，不是 UTF-8"
        "（提示：用编辑器把文件另存为“UTF-8”编码（记事本：另存为 → 编码选 UTF-8））",
    ),
    "utf16-file": (
        write_bytes("course.yml", lambda text: text.encode("utf-16")),
        "content/mini/course.yml:1:1: 文件是 UTF-16 编码，不是 UTF-8（提示：用编辑器把文件另存为“UTF-8”编码）",
    ),
    "control-character": (
        edit("part-a.yml", "title: 为什么要测试", "title: 为什么\x07要测试"),
        "content/mini/part-a.yml:3:11: 文件里有不可见的控制字符（U+0007）（提示：删除该字符（常见于从 Word 或网页复制的文本））",
    ),
    "empty-file": (
        write_bytes("part-b.yml", lambda text: b"# only a comment\n"),
        "content/mini/part-b.yml:1:1: 文件是空的（提示：按模板填写课程内容）",
    ),
    "unlisted-file": (
        lambda root: (root / "content" / "mini" / "notes.yml").write_text("a: b\n", encoding="utf-8"),
        "content/mini/notes.yml:1:1: 这个文件没有被 course.yml 的 parts 列出（提示：把文件名加入 parts，或删除这个文件）",
    ),
    "quiz-answer-not-an-option": (
        edit_bank("    answer: A\n    explanation: 测试让问题早暴露。", "    answer: E\n    explanation: 测试让问题早暴露。"),
        "quizzes/mini.yml:16:13: questions[0].answer: 答案 E 不在选项中（共 4 个选项：A–D）"
        "（提示：答案写选项字母，A 表示第一个选项）",
    ),
    "quiz-answer-not-a-letter": (
        edit_bank("    answer: A\n    explanation: 测试让问题早暴露。", "    answer: 早发现问题\n    explanation: 测试让问题早暴露。"),
        "quizzes/mini.yml:16:13: questions[0].answer: “早发现问题”不是选项字母（提示：写大写字母 A–H，A 表示第一个选项）",
    ),
    "quiz-multiple-with-one-answer": (
        edit_bank("answer: [A, B]", "answer: [A]"),
        "quizzes/mini.yml:23:13: questions[1].answer: 多选题至少要有 2 个正确选项，现有 1 个"
        "（提示：只有一个正确答案时请改为单选题（type: single））",
    ),
    "quiz-truefalse-not-boolean": (
        edit_bank("    answer: false", '    answer: "错"'),
        "quizzes/mini.yml:30:13: questions[2].answer: 应为 true 或 false，实际是文本“错”"
        "（提示：判断题答案写 true（正确）或 false（错误），不加引号）",
    ),
    "quiz-blanks-do-not-match": (
        edit_bank("answer: [[持续集成, CI], [测试先行]]", "answer: [[持续集成, CI]]"),
        "quizzes/mini.yml:36:13: questions[3].answer: 题干中有 2 个空，答案却有 1 组"
        "（提示：题干中每个空写成 ____（至少三个下划线）或（ ），answer 里每个空对应一组可接受的答案）",
    ),
    "quiz-order-items-repeated": (
        edit_bank("items: [写好用例, 自动运行, 评审测试]", "items: [写好用例, 自动运行, 写好用例]"),
        "quizzes/mini.yml:42:12: questions[4].items: 第 3 项与第 1 项相同，无法判定顺序（提示：每个排序项都须不同）",
    ),
    "quiz-unknown-type": (
        edit_bank("    type: order", "    type: essay"),
        "quizzes/mini.yml:40:11: questions[4].type: 题型“essay”无效"
        "（提示：可用的题型：single、multiple、truefalse、fill、order）",
    ),
    "quiz-unknown-key": (
        edit_bank("    pin_last: 1", "    pinned: 1"),
        "quizzes/mini.yml:15:5: questions[0].pinned: 不认识的键“pinned”（提示：可用的键：id、section、stem、"
        "explanation、difficulty、current_rule、check_ignore、options、pin_last、type、answer）",
    ),
    "quiz-duplicate-id": (
        edit_bank("  - id: q-multiple", "  - id: q-single"),
        "quizzes/mini.yml:18:9: questions[1].id: 题目标识“q-single”重复（第 9 行已使用）（提示：每道题的标识必须唯一）",
    ),
    "quiz-unknown-section": (
        edit_bank("    section: step-three", "    section: step-thirty"),
        "quizzes/mini.yml:26:14: questions[2].section: 引用的标识“step-thirty”不存在"
        "（提示：应为本课程某个部分、小节或举措的 id）",
    ),
    "quiz-bank-for-no-course": (
        lambda root: (root / "quizzes" / "maxi.yml").write_text("course: maxi\n", encoding="utf-8"),
        "quizzes/maxi.yml:1:1: 没有与题库同名的课程文件夹 content/maxi/"
        "（提示：题库文件名必须是课程标识，例如 quizzes/dangjian-ziyuan.yml）",
    ),
    "errors-in-several-files-at-once": (
        both(edit("course.yml", "audience: 测试人员", "audience: yes"),
             edit("part-a.yml", "summary: 说明测试的意义。", "summary: [说明]"),
             edit("part-b.yml", "id: part-b", "id: part-b\nextra: 1")),
        "content/mini/course.yml:6:11: audience: 应为文本，实际是布尔值 true"
        "（提示：YAML 会把 yes/no/on/off/true/false 读成布尔值；把这个值用引号括起来，写成文本）\n"
        "content/mini/part-a.yml:5:10: summary: 应为文本，实际是列表（提示：这里应是一段文本）\n"
        "content/mini/part-b.yml:3:1: extra: 不认识的键“extra”（提示：可用的键：id、title、short_title、summary、"
        "objectives、sections、key_terms、discussion、focus、difficulties、source、check_ignore）",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_content_is_reported_exactly_and_nothing_changes(case, project, invoke):
    change, expected = CASES[case]
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("上一次的网站", encoding="utf-8")
    (project / "docs" / "generated").mkdir()
    (project / "docs" / "generated" / "index.md").write_text("# 上一次生成的页面\n", encoding="utf-8")
    before = {name: tree_digest(project / name) for name in ("site", "docs", "content")}
    change(project)
    content_after_change = tree_digest(project / "content")

    result = invoke("build", "--project", str(project))

    assert result.exit_code == 1
    lines = expected.split("\n")
    files = len({line.split(":")[0] for line in lines})
    summary = f"共发现 {len(lines)} 个问题，涉及 {files} 个文件。"
    assert result.stderr == f"{expected}\n{summary}\n{FOOTER}\n"
    assert "Traceback" not in result.output
    assert tree_digest(project / "site") == before["site"]
    assert tree_digest(project / "docs") == before["docs"]
    assert tree_digest(project / "content") == content_after_change


def test_utf8_bom_is_accepted(project, invoke):
    path = project / "content" / "mini" / "course.yml"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    result = invoke("validate", "--project", str(project))
    assert result.exit_code == 0, result.output


def test_validate_reports_the_same_errors_without_building(project, invoke):
    CASES["dangling-related"][0](project)
    result = invoke("validate", "--project", str(project))
    assert result.exit_code == 1
    assert "引用的标识“step-nine”不存在" in result.stderr
    assert not (project / "site").exists()


# Mistakes on the command line: click's reasons, told in Chinese with the user's value (capped), exit 2.
LONG = "长" * 100
USAGE_CASES = {
    "output-is-a-folder": (["records", "学习记录", "-o", "dist"],
                           "选项 --output（-o）的值无效：“dist”是一个文件夹，这里要写文件的路径"
                           "（运行 coursegen records --help 查看用法）"),
    "project-is-a-file": (["validate", "-p", "mkdocs.yml"],
                          "选项 --project（-p）的值无效：“mkdocs.yml”是一个文件，这里要写文件夹"
                          "（运行 coursegen validate --help 查看用法）"),
    "long-path-shows-its-end": (["validate", "-p", "{project}/mkdocs.yml"],
                                "选项 --project（-p）的值无效：“…{tail}”是一个文件，这里要写文件夹"
                                "（运行 coursegen validate --help 查看用法）"),
    "jobs-out-of-range": (["build", "-p", "{project}", "--jobs", "0"],
                          "选项 --jobs（-j）的值无效：0 超出范围：应在 1 到 64 之间（运行 coursegen build --help 查看用法）"),
    "jobs-not-a-number": (["build", "-p", "{project}", "-j", "两个"],
                          "选项 --jobs（-j）的值无效：“两个”不是整数（运行 coursegen build --help 查看用法）"),
    "port-not-a-number": (["serve", "-p", "{project}", "--port", "'八千'"],
                          "选项 --port 的值无效：“'八千'”不是整数（运行 coursegen serve --help 查看用法）"),
    "long-value-is-capped": (["serve", "-p", "{project}", "--port", LONG],
                             f"选项 --port 的值无效：“{LONG[:60]}…”不是整数（运行 coursegen serve --help 查看用法）"),
    "missing-argument": (["export"], "缺少参数 FORMAT（运行 coursegen export --help 查看用法）"),
    "option-without-value": (["build", "-p"], "选项 -p 需要一个值（运行 coursegen --help 查看用法）"),
    "extra-arguments": (["build", "-p", "{project}", "甲", "乙"],
                        "多余的参数：甲 乙（运行 coursegen build --help 查看用法）"),
    "command-misspelt": (["validat"], "没有命令“validat”（是否想写 validate？）（运行 coursegen --help 查看用法）"),
    "option-misspelt": (["build", "--forc"], "没有选项 --forc（是否想写 --force？）（运行 coursegen build --help 查看用法）"),
}


@pytest.mark.parametrize("case", sorted(USAGE_CASES))
def test_command_line_mistakes_are_explained_in_chinese(case, project, invoke, monkeypatch):
    args, expected = USAGE_CASES[case]
    (project / "dist").mkdir()
    monkeypatch.chdir(project)
    result = invoke(*[arg.format(project=project) for arg in args])
    assert result.exit_code == 2
    tail = f"{project}/mkdocs.yml"[-60:]
    assert len(f"{project}/mkdocs.yml") > 60
    assert result.stderr == f"错误：{expected.format(project=project, tail=tail)}\n"
    assert result.stdout == ""


def test_quoted_values_are_capped_and_on_one_line():
    from generator.errors import capped, quoted

    assert quoted("短值") == "“短值”"
    assert quoted("长" * 61) == "“" + "长" * 60 + "…”"
    assert capped("第一行\n第二行\r\n\t第三行") == "第一行 第二行 第三行"
    assert capped("/very/long/path/" * 10 + "dist", tail=True) == "…" + ("/very/long/path/" * 10 + "dist")[-60:]
    assert capped(10 ** 5000) == "（位数极多的数字）"  # Python cannot even print it
    assert capped(12345, limit=3) == "123…"


def test_an_unforeseen_kind_of_error_never_shows_pydantics_english():
    from generator.validation import _describe

    assert _describe("some_future_kind", {}, 1, "Input should be a valid thing") == \
        ("取值无效", "对照 JSON Schema 检查这一项")


def test_only_pydantic_models_are_taken_for_models():
    from generator.models import Course
    from generator.validation import _is_model

    assert [_is_model(x) for x in (Course, str, None, list[str], "Course")] == [True, False, False, False, False]


def test_every_required_key_has_a_description_to_offer_as_the_hint():
    # “缺少必填项” shows the missing key's description as its hint (validation._field_hint)
    import generator.quiz_models
    import generator.settings
    from pydantic import BaseModel

    from generator import models

    missing = [f"{c.__name__}.{name}" for module in (models, generator.quiz_models, generator.settings)
               for c in vars(module).values() if isinstance(c, type) and issubclass(c, BaseModel)
               for name, field in c.model_fields.items() if field.is_required() and not field.description]
    assert missing == []


def test_only_what_is_in_the_yaml_stays_in_a_key_path():
    from generator.validation import _data_path

    data = {"questions": [{"type": "single", "stem": "题"}], "hours": 2}
    assert _data_path(data, ("questions", 0, "single", "stem")) == ("questions", 0, "stem")  # union tag dropped
    assert _data_path(data, ("questions", 0, "single", "answer")) == ("questions", 0, "answer")  # missing key kept
    assert _data_path(data, ("questions", 3, "stem")) == ("questions", "stem")  # an index past the end is left out
    assert _data_path(data, ("hours", "function-after[_half_hours(), float]")) == ("hours",)
    assert _data_path(data, ("extra", "union[str,int]", 2)) == ("extra",)
