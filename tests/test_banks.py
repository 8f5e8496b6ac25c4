"""Question banks in several files: one merged bank, each question's place, and a hint that can be followed."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator import api, loader
from generator.errors import ContentError

QUESTION = ("  - {{id: q-extra-{n}, section: meaning-one, type: truefalse, stem: 第 {n} 题：测试能发现问题。, "
            "answer: true, explanation: 对。}}\n")


def questions(start: int, stop: int) -> str:
    return "questions:\n" + "".join(QUESTION.format(n=n) for n in range(start, stop))


def split_bank(project: Path, files: dict[str, str]) -> None:
    """Put question files into quizzes/mini/ and list them in the bank, in this order."""
    folder = project / "quizzes" / "mini"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    bank = project / "quizzes" / "mini.yml"
    bank.write_text(bank.read_text(encoding="utf-8") + f"question_files: [{', '.join(files)}]\n", encoding="utf-8")


def test_question_files_make_one_bank_and_each_question_keeps_its_place(project, invoke):
    split_bank(project, {"more.yml": questions(1, 3), "last.yml": questions(3, 4)})
    (course,) = api.validate(project)
    ids = [q.id for q in course.bank.questions]
    assert ids == ["q-single", "q-multiple", "q-truefalse", "q-fill", "q-order", "q-hostile",
                   "q-extra-1", "q-extra-2", "q-extra-3"]
    assert course.bank_files == ("quizzes/mini.yml", "quizzes/mini/more.yml", "quizzes/mini/last.yml")
    assert str(course.question_place("q-single")) == "quizzes/mini.yml:9:5"
    assert str(course.question_place("q-extra-2")) == "quizzes/mini/more.yml:3:5"
    assert str(course.question_place("q-extra-3")) == "quizzes/mini/last.yml:2:5"
    assert [str(p) for p in course.question_places][6:] == [
        "quizzes/mini/more.yml:2:5", "quizzes/mini/more.yml:3:5", "quizzes/mini/last.yml:2:5"]
    # Everything that reads the bank sees all of it: quizzes, exports, the validate summary.
    _, rendered = api.generate(project)
    assert "第 3 题：测试能发现问题。" in rendered.pages["mini/quiz/final.md"]
    exported = api.export(project, "json", "mini").files["mini.json"].decode("utf-8")
    assert "q-extra-3" in exported
    result = invoke("validate", "--project", str(project))
    assert result.stdout.startswith("✓ mini：7 个文件，2 个部分，9 道题，内容无误\n")


def test_a_bank_too_big_for_one_file_can_be_split_as_the_hint_says(project, monkeypatch):
    monkeypatch.setattr(loader, "MAX_NODES", 400)  # the real limit needs thousands of questions
    bank = project / "quizzes" / "mini.yml"
    original = bank.read_text(encoding="utf-8")
    bank.write_text(original.replace("questions:\n", questions(1, 40), 1), encoding="utf-8")
    try:
        api.validate(project)
        raise AssertionError("a bank over the limit was accepted")
    except ContentError as exc:
        (problem,) = exc.problems
    assert problem.file == "quizzes/mini.yml" and problem.message == "文件里的条目过多（超过 400 个）"
    assert problem.hint == ("题目很多时，把题目分成几个文件放进 quizzes/mini/ 文件夹，"
                            "再在 quizzes/mini.yml 的 question_files 中按顺序列出")
    # Do what the hint says: the same questions, in two files of the folder, listed in order.
    bank.write_text(original, encoding="utf-8")
    split_bank(project, {"first.yml": questions(1, 20), "second.yml": questions(20, 40)})
    (course,) = api.validate(project)
    assert [q.id for q in course.bank.questions][6:] == [f"q-extra-{n}" for n in range(1, 40)]


def test_the_question_file_schema_is_published(tmp_path, invoke):
    assert invoke("schema", "--output", str(tmp_path)).exit_code == 0
    schema = yaml.safe_load((tmp_path / "quiz-questions.schema.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["questions"] and schema["additionalProperties"] is False
    bank = yaml.safe_load((tmp_path / "quiz.schema.json").read_text(encoding="utf-8"))
    assert "question_files" in bank["properties"] and "questions" not in bank.get("required", [])
