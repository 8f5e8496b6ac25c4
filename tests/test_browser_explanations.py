"""Explanations never name an option letter the learner cannot see (issue #11).

Options are shuffled on screen, so an explanation saying “只有 C 三者兼顾”
points at whatever option happens to be shown as C. This answers every
practice question of the speech's course wrongly in real Chromium and reads
the feedback: the explanation may name a letter only if the key shown on
screen (“正确答案：B. …”) uses that letter.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import file_only_context
from test_browser_quiz import answer, bank, button, quiz_data, wait_ready

pytestmark = pytest.mark.browser

# A capital letter standing alone (not inside a Latin word or code such as “SCORM”).
LETTER = re.compile(r"(?<![A-Za-z])[A-H](?![A-Za-z])")


@pytest.fixture(scope="module")
def speech_site(shared_speech_site) -> Path:
    return shared_speech_site


def practice_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("*/quiz/*.html") if "cg-quiz__data" in p.read_text(encoding="utf-8"))


def test_explanations_name_no_letter_but_the_shown_key(chromium, speech_site):
    checked, wrong_letters = 0, []
    with file_only_context(chromium) as offline:
        page = offline.new_page()
        for file in practice_pages(speech_site):
            page.goto(file.as_uri())
            wait_ready(page, offline.errors)
            if quiz_data(page).get("mode") != "practice":
                continue
            questions = bank(page)
            for n in range(len(questions)):
                if n:
                    button(page, "下一题").click()
                qid = page.locator(".cg-q").get_attribute("data-qid")
                q = questions[qid]
                answer(page, q, right=False, blanks=["不知道"] * len(q["answer"]) if q["type"] == "fill" else None)
                button(page, "提交答案").click()
                feedback = page.locator(".cg-q__feedback")
                assert feedback.locator(".cg-q__verdict").inner_text() == "✗ 回答错误", qid
                key, explanation = (feedback.locator("p").nth(i).inner_text() for i in (1, 2))
                shown = set(LETTER.findall(key.removeprefix("正确答案：")))
                named = set(LETTER.findall(explanation.removeprefix("解析：")))
                if named - shown:
                    wrong_letters.append(f"{file.name} {qid}: {explanation} (on screen: {key})")
                checked += 1
        assert offline.errors == [] and offline.blocked == []
    assert checked >= 80, f"only {checked} practice questions answered"
    assert wrong_letters == []
