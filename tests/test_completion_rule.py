"""The completion rule in course.yml: checked with file:line, resolved for the widgets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from generator import api
from generator.completion import resolved_rule, rule_text


def mini_with(tmp_path: Path, completion: str, bank: bool = True) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    course = root / "content" / "mini" / "course.yml"
    course.write_text(course.read_text(encoding="utf-8") + completion, encoding="utf-8")
    if not bank:
        (root / "quizzes" / "mini.yml").unlink()
    return root


def test_the_default_rule_is_every_page_and_the_final_test(tmp_path):
    (loaded,) = api.validate(mini_with(tmp_path, ""))
    assert resolved_rule(loaded) == {"pages": True, "finalTest": "final", "checklists": []}
    assert rule_text(loaded, 11) == ["全部 11 个学习页面都“已学”", "综合测试达到及格分（80 分）"]


def test_without_a_bank_the_default_needs_no_test(tmp_path):
    (loaded,) = api.validate(mini_with(tmp_path, "", bank=False))
    assert resolved_rule(loaded) == {"pages": True, "finalTest": None, "checklists": []}


def test_a_rule_can_name_checklists_and_drop_the_test(tmp_path):
    (loaded,) = api.validate(mini_with(tmp_path, "completion:\n  final_test: false\n  checklists: [self-check]\n"))
    assert resolved_rule(loaded) == {"pages": True, "finalTest": None, "checklists": ["self-check"]}
    assert rule_text(loaded, 11)[-1] == "“测试自查清单”的各项全部勾选"


@pytest.mark.parametrize(("completion", "bank", "message"), [
    ("completion:\n  checklists: [nope]\n", True,
     "content/mini/course.yml:42:16: completion.checklists[0]: 结业条件中的清单“nope”不存在（提示：可用的清单：action-basics、self-check）"),
    ("completion:\n  final_test: true\n", False,
     "content/mini/course.yml:42:15: completion.final_test: 结业条件要求综合测试，但本课程没有题库"
     "（提示：添加 quizzes/<课程标识>.yml，或改为 final_test: false）"),
    ("completion:\n  pages: false\n  final_test: false\n", True,
     "content/mini/course.yml:42:3: completion: 结业条件为空：学员什么都不做也算结业"
     "（提示：至少保留一项：pages: true、final_test: true 或列出清单）"),
    ("completion:\n  pages: yes please\n", True, "content/mini/course.yml:42:10: completion.pages: 应为 true 或 false"),
])
def test_a_rule_that_cannot_work_is_a_content_error(tmp_path, invoke, completion, bank, message):
    root = mini_with(tmp_path, completion, bank)
    result = invoke("validate", "--project", str(root))
    assert result.exit_code == 1
    assert message in result.output, result.output
