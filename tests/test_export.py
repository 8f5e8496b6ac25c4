"""Exports, read back and compared with the bank."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, REPO, tree_digest
from generator import api

def test_json_export_of_one_course_is_named_after_it():
    result = api.export(FIXTURES / "mini", "json", "mini")
    assert list(result.files) == ["mini.json"]  # its bytes are a golden file (tests/goldens.py)


def test_json_export_carries_every_question_with_the_documented_fields():
    courses = api.validate(FIXTURES / "mini")
    bank = courses[0].bank
    document = json.loads(api.export(FIXTURES / "mini", "json").files["questions.json"])
    assert document["format"] == "coursegen.questions" and document["version"] == 2
    assert document["courses"] == [{"id": "mini", "title": "测试课程", "version": "1.0", "total_points": 100}]
    questions = document["questions"]
    assert [q["id"] for q in questions] == [q.id for q in bank.questions]
    assert [q["position"] for q in questions] == list(range(1, len(questions) + 1))
    fields = {"course", "id", "position", "type", "section", "section_title", "stem", "options", "answer", "points",
              "explanation", "difficulty"}
    assert all(set(q) == fields for q in questions)
    by_id = {q["id"]: q for q in questions}
    single = by_id["q-single"]
    assert single["options"][3] == "以上都不是"  # pinned options stay last
    assert single["options"]["ABCD".index(single["answer"])] == "早发现问题"
    multiple = by_id["q-multiple"]
    assert sorted(multiple["options"]["ABC".index(x)] for x in multiple["answer"]) == sorted(["问题早发现", "敢于改动"])
    assert by_id["q-truefalse"]["answer"] is False
    assert by_id["q-fill"]["answer"] == [["持续集成", "CI"], ["测试先行"]]
    assert by_id["q-fill"]["stem"] == "每次提交都自动运行测试，叫做____；先写测试再写实现，叫做“____”。"
    order = by_id["q-order"]
    assert [order["options"]["ABC".index(x)] for x in order["answer"]] == ["写好用例", "自动运行", "评审测试"]
    assert order["options"] != ["写好用例", "自动运行", "评审测试"]
    assert sum(q["points"] for q in questions) == 100
    assert by_id["q-hostile"]["stem"].startswith("</script><script>")
    assert by_id["q-truefalse"]["section_title"] == "二、怎样测试 › （二）形成习惯 › 举措 3：评审测试"
    assert {q["type"] for q in questions} == {"single", "multiple", "truefalse", "fill", "order"}
    assert {q["difficulty"] for q in questions} <= {"easy", "medium", "hard"}


@pytest.mark.parametrize("root, course_id", [(FIXTURES / "mini", "mini"), (REPO, "dangjian-ziyuan")])
def test_json_export_validates_against_its_published_schema(root, course_id):
    import jsonschema

    schema = json.loads((REPO / "generator" / "schema" / "questions-export.schema.json").read_text(encoding="utf-8"))
    document = json.loads(api.export(root, "json", course_id).files[f"{course_id}.json"])
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    broken = {**document, "questions": [{**document["questions"][0], "answer": "Z"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_export_command_writes_dist_by_default(project, invoke):
    result = invoke("export", "json", "--project", str(project), "--course", "mini")
    assert result.exit_code == 0, result.output
    path = project / "dist" / "mini.json"
    assert result.stdout == f"已导出 {path}\n"
    assert json.loads(path.read_text(encoding="utf-8"))["questions"]


def test_export_to_stdout_and_to_a_chosen_file(project, invoke, tmp_path):
    result = invoke("export", "json", "-p", str(project), "-o", "-")
    assert json.loads(result.stdout)["format"] == "coursegen.questions"
    target = tmp_path / "out" / "bank.json"
    assert invoke("export", "json", "-p", str(project), "-o", str(target)).exit_code == 0
    assert target.is_file()


def test_export_errors_are_clear_and_write_nothing(project, invoke):
    result = invoke("export", "xml", "-p", str(project))
    assert result.exit_code == 1
    assert result.stderr == "错误：不支持的导出格式“xml”（可用：json、xlsx、moodle、gift、aiken、docx、handout）\n"
    result = invoke("export", "json", "-p", str(project), "--course", "nope")
    assert result.stderr == "错误：没有课程“nope”（现有：mini）\n"
    (project / "quizzes" / "mini.yml").write_text("course: mini\nquestions: []\n", encoding="utf-8")
    result = invoke("export", "json", "-p", str(project))
    assert result.exit_code == 1
    assert result.stderr.startswith("quizzes/mini.yml:2:12: questions: 题库里没有题目")
    assert tree_digest(project / "dist") == "missing"


def test_a_course_without_a_bank_adds_no_questions_to_an_export(tmp_path):
    import shutil

    from generator.export.common import course_entries, entries

    copy = tmp_path / "nobank"
    shutil.copytree(FIXTURES / "mini", copy)
    (copy / "quizzes" / "mini.yml").unlink()
    (without,) = api.validate(copy)
    (mini,) = api.validate(FIXTURES / "mini")
    assert course_entries(without) == []
    assert [e.shown.question.id for e in entries([without, mini, without])] == \
        [e.shown.question.id for e in course_entries(mini)]


def test_text_width_counts_chinese_and_full_width_characters_twice():
    from generator.export.common import text_width

    assert [text_width(t) for t in ("", "ab", "党建", "党建，ab 1", "ＡＢ")] == [0, 2, 4, 10, 4]
