"""Accessibility in real Chromium, opened from file:// with no network.

1. axe-core (vendored in tests/vendor/axe-core, MPL-2.0) on every kind of page we
   generate, in the light and the dark scheme (material follows the system's
   prefers-color-scheme through the palette's media queries), with our widgets in
   the states a learner sees: a quiz in practice mode with feedback, a graded
   test, a ticked checklist, the progress page with a record. No violation of
   impact "serious" or "critical" is allowed, and nothing is excluded.
2. Keyboard only, from page load: a checklist (tick with Space, write a note, the
   count is announced), a practice round of a quiz, and the parts of test mode
   that tests/test_browser_quiz.py's keyboard test does not use (the answer
   card, the confirm box, the retake). Every stop shows a visible focus ring.

Sites: the mini fixture (every question type, small checklists) and the real
course in content/ and quizzes/ (the structure diagram, long real pages).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import SEARCH_BOX, SEARCH_DONE, Offline, answer_anything

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme -> material's scheme
COURSE = "dangjian-ziyuan"
MINI_KEY = "coursegen:v1:mini"
WAIT = 5_000  # ms; an upper bound for a condition, never a fixed sleep


@pytest.fixture(scope="session")
def mini_site(shared_mini_site) -> Path:
    return shared_mini_site


@pytest.fixture(scope="session")
def course_site(shared_speech_site) -> Path:
    """The real course with its question bank, built in a scratch copy of this project."""
    return shared_speech_site


# ======================================================================
# axe
# ======================================================================

# preload: false -- axe would fetch every stylesheet by XMLHttpRequest to read it, which file://
# forbids (console errors); only the css-orientation-lock rule needs that, and no CSS of ours or
# material's locks the orientation.
# material fades the header title and the back-to-top button in and out as the page scrolls:
# colours are judged once every running transition has ended, not halfway through a fade.
RUN_AXE = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const result = await axe.run(document, { resultTypes: ['violations'], preload: false });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
  }));
}"""


def format_violations(found: list[tuple[str, dict]]) -> str:
    lines = []
    for where, v in found:
        lines.append(f"\n[{where}] {v['id']} ({v['impact']}): {v['help']}\n    {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    - {node['target']}")
            lines.extend("        " + line.strip() for line in node["summary"].splitlines() if line.strip())
    return "\n".join(lines)


class Audit:
    """One page in one colour scheme; `check` runs axe on whatever the page shows now."""

    def __init__(self, offline: Offline, sites: dict[str, Path], scheme: str):
        self.offline = offline
        self.sites = sites
        self.scheme = scheme
        self.page = offline.new_page(width=1366, height=768)  # a laptop; 375 px: test_browser_layout.py
        self.page.emulate_media(color_scheme=scheme)
        self.found: list[tuple[str, dict]] = []
        self.checked: list[str] = []

    def open(self, site: str, path: str) -> None:
        page = self.page
        page.goto((self.sites[site] / path).as_uri())
        page.wait_for_load_state("load")
        expected = SCHEMES[self.scheme]
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                               arg=expected, timeout=WAIT)
        for widget in ("checklist", "progress", "quiz"):
            if page.locator(f".cg-{widget}").count():
                page.wait_for_selector(f".cg-{widget}.cg-{widget}--ready", state="attached", timeout=WAIT)

    def check(self, where: str) -> None:
        page = self.page
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(path=str(AXE))
        label = f"{self.scheme} · {where}"
        self.checked.append(label)
        for violation in page.evaluate(RUN_AXE):
            if violation["impact"] in BLOCKING:
                self.found.append((label, violation))

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def put_record(self, key: str, record: dict) -> None:
        self.page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                           [key, json.dumps({"v": 1, "questions": {}, "quizzes": {}, **record}, ensure_ascii=False)])


# ---------- what a learner sees, page by page ----------

def catalog(a: Audit) -> None:
    a.open("course", "index.html")
    a.check("catalog")


def course_home(a: Audit) -> None:
    a.open("course", f"{COURSE}/index.html")
    assert a.page.locator(".cg-diagram a").count() > 10
    a.page.locator(".cg-diagram a.cg-diagram__box--part").first.focus()  # a part box, focused
    a.check("course home with the structure diagram")


def part_and_section(a: Audit) -> None:
    a.open("course", f"{COURSE}/weak-points/index.html")
    a.check("part page")
    a.open("course", f"{COURSE}/weak-points/system-not-straightened.html")
    a.check("section page")
    a.open("mini", "mini/part-b/group-one/step-one.html")
    a.check("measure page (mini)")


def lesson_plan_and_glossary(a: Audit) -> None:
    a.open("course", f"{COURSE}/lesson-plan.html")
    a.check("lesson plan")
    a.open("course", f"{COURSE}/glossary.html")
    a.check("glossary")


def quiz_practice(a: Audit) -> None:
    """Every question type of the mini part-b quiz, before and after its feedback."""
    a.open("mini", "mini/quiz/part-b.html")
    a.check("quiz, practice mode, unanswered")
    for n in range(3):
        answer_anything(a.page.locator(".cg-q"))
        a.button("提交答案").click()
        a.page.locator(".cg-q__feedback").wait_for(timeout=WAIT)
        a.check(f"quiz, practice mode, feedback on question {n + 1}")
        if n < 2:
            a.button("下一题").click()
    a.open("course", f"{COURSE}/quiz/why-integrate.html")
    answer_anything(a.page.locator(".cg-q"))
    a.button("提交答案").click()
    a.check("real quiz, practice mode, feedback")


def quiz_test(a: Audit) -> None:
    """Test mode: the answer card, the confirm box, then the graded review."""
    a.open("mini", "mini/quiz/part-b.html")
    a.page.locator('.cg-quiz__mode[data-mode="test"]').click()
    answer_anything(a.page.locator(".cg-q").first)
    a.check("quiz, test mode, one answered")
    a.button("交卷").click()
    a.page.locator(".cg-quiz__confirm").wait_for(timeout=WAIT)
    a.check("quiz, test mode, confirm box")
    a.button("确定交卷").click()
    a.page.locator(".cg-quiz__score").wait_for(timeout=WAIT)
    a.check("quiz, test mode, graded")
    a.open("course", f"{COURSE}/quiz/final.html")
    # the sticky answer card of a 20-question test is a compact grid, not a column that covers the questions
    assert a.page.locator(".cg-card").bounding_box()["height"] < 200
    for i in range(a.page.locator(".cg-q").count()):
        answer_anything(a.page.locator(".cg-q").nth(i))
    a.button("交卷").click()
    a.page.locator(".cg-quiz__score").wait_for(timeout=WAIT)
    a.check("real final test, graded")


def checklist(a: Audit) -> None:
    a.open("mini", "mini/checklists/self-check.html")
    row = a.page.locator('tr.cg-checklist__row[data-item="chk-tests-exist"]')
    row.locator("input.cg-checklist__box").check()
    row.locator("textarea").fill("已补齐单元测试")
    a.check("checklist, one item ticked with a note")
    a.button("清空重填").click()
    a.check("checklist, reset confirm box")
    a.open("course", f"{COURSE}/checklists/self-inspection.html")
    a.page.locator("input.cg-checklist__box").first.check()
    a.check("real checklist, one item ticked")


def progress(a: Audit) -> None:
    a.open("mini", "mini/progress.html")
    a.check("progress, empty record")
    a.put_record(MINI_KEY, {
        "pages": {"concept": {"t": 1_700_000_000_000, "s": 9999}, "gone": {"t": 1_700_000_000_000, "s": 9}},
        "quizzes": {"part-a": {"best": 100, "last": 100, "attempts": 1, "t": 1_700_000_000_000}},
        "learner": "张三",
    })
    a.open("mini", "mini/checklists/self-check.html")  # a real tick, with the current hash
    a.page.locator("input.cg-checklist__box").first.check()
    a.open("mini", "mini/progress.html")
    assert a.page.locator(".cg-progress__notice").count() == 1  # the removed page is reported
    a.check("progress with pages, a quiz, a checklist and a notice")
    a.open("course", f"{COURSE}/progress.html")
    a.check("real course progress")


def indexes(a: Audit) -> None:
    a.open("mini", "mini/quiz/mistakes.html")
    data = json.loads(a.page.locator(".cg-quiz__data").text_content())[0]
    a.put_record(MINI_KEY, {"questions": {q["id"]: {"h": q["hash"], "m": True} for q in data["questions"][:2]}})
    a.open("mini", "mini/quiz/mistakes.html")
    a.check("错题本 with two questions")
    a.open("mini", "mini/index.html")
    a.check("course home with where to go on")
    a.open("course", f"{COURSE}/quiz/index.html")
    a.check("quiz index")
    a.open("course", f"{COURSE}/checklists/index.html")
    a.check("checklist index")
    a.open("course", "help.html")
    a.check("help")


def opening_closing_and_not_found(a: Audit) -> None:
    a.open("course", f"{COURSE}/party-building-resources.html")
    a.check("concept")
    a.open("course", f"{COURSE}/measures/team-synergy/index.html")
    a.check("group of measures")
    a.open("course", f"{COURSE}/closing-summary.html")
    a.check("closing")
    a.open("course", f"{COURSE}/404.html")
    a.check("course 404")
    a.open("course", "404.html")
    a.check("catalog 404")


def search_open(a: Audit) -> None:
    """Results open with one chosen, on a wide page and in the phone's full-screen panel."""
    a.open("course", f"{COURSE}/index.html")
    a.page.locator(SEARCH_BOX).fill("一岗双责")
    a.page.wait_for_function(SEARCH_DONE, timeout=WAIT)
    a.page.keyboard.press("ArrowDown")
    a.check("search results, one chosen")
    a.page.set_viewport_size({"width": 375, "height": 740})
    a.open("course", f"{COURSE}/weak-points/index.html")
    a.page.get_by_role("button", name="搜索", exact=True).click()
    a.page.locator(SEARCH_BOX).fill("光杆舞")
    a.page.wait_for_function(SEARCH_DONE, timeout=WAIT)
    a.check("search on a phone")


SCENARIOS = [catalog, course_home, part_and_section, lesson_plan_and_glossary, quiz_practice, quiz_test,
             checklist, progress, indexes, search_open, opening_closing_and_not_found]


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.__name__ for s in SCENARIOS])
def test_axe_finds_no_serious_violation(offline, mini_site, course_site, scenario, scheme):
    audit = Audit(offline, {"mini": mini_site, "course": course_site}, scheme)
    scenario(audit)
    assert audit.checked
    assert not audit.found, "axe-core found serious or critical violations:" + format_violations(audit.found)
    assert offline.blocked == []
    assert offline.errors == []


def test_axe_is_the_vendored_copy_and_runs_offline(offline, mini_site):
    """The check itself works: a page with a known fault is reported."""
    page = offline.new_page()
    page.goto((mini_site / "mini" / "concept.html").as_uri())
    page.evaluate("""() => { const i = document.createElement('input');
                            i.type = 'checkbox'; document.querySelector('article').append(i); }""")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate("() => axe.version") == "4.14.1"
    ids = {v["id"] for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING}
    assert "label" in ids
    assert offline.blocked == []


# ======================================================================
# Keyboard only
# ======================================================================

FOCUSED = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  const q = a.closest('.cg-q');
  const row = a.closest('tr[data-item]');
  // A visually hidden control shows its focus ring on its label (our file input, material's palette toggle).
  const shown = a.matches('.cg-progress__file, .md-option') ? a.nextElementSibling : a;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const top = document.elementFromPoint(x, y);
  return {
    tag: a.tagName.toLowerCase(), type: a.type || '', cls: String(a.className || ''),
    name: a.getAttribute('aria-label') || (a.textContent || '').trim(), value: a.value || '',
    checked: !!a.checked, qid: q ? q.dataset.qid : null, item: row ? row.dataset.item : null,
    ours: !!a.closest('.cg-quiz, .cg-checklist, .cg-progress'),
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none',
    ringStyle: style.outlineStyle, ringWidth: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
    focusVisible: a.matches(':focus-visible'),
    // not hidden behind the sticky header or answer card: the centre of the focused thing is on top
    onTop: !!top && (shown.contains(top) || top.contains(shown)),
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def focus_problem(f: dict | None) -> str | None:
    if f is None:
        return "focus was lost to the page"
    if not (f["focusVisible"] and f["ring"]):
        return "no visible focus ring"
    if f["ours"] and not (f["ringStyle"] == "auto" or f["ringWidth"] >= 2):
        return "our widget's focus ring is too thin"  # ours are 3px solid; links keep the browser's (auto) ring
    if not f["onTop"]:
        return "the focused element is covered by something else"
    return None


def assert_focus_visible(page) -> dict:
    """The focused element shows it (allowing a moment for scrolling and material's own reactions)."""
    for _ in range(20):
        f = focused(page)
        problem = focus_problem(f)
        if problem is None:
            return f
        page.wait_for_timeout(50)
    raise AssertionError(f"{problem}: {f}")


def press(page, key: str) -> dict:
    page.keyboard.press(key)
    return assert_focus_visible(page)


def tab_to(page, wanted, limit: int = 200, key: str = "Tab") -> dict:
    """Press Tab until the focused element satisfies `wanted`; every stop must show its focus."""
    seen = []
    for _ in range(limit):
        f = press(page, key)
        seen.append(f["name"][:20])
        if wanted(f):
            return f
    raise AssertionError(f"never reached by {key}; stops were: {seen[-30:]}")


def open_page(offline: Offline, site: Path, path: str, ready: str):
    page = offline.new_page()
    page.goto((site / path).as_uri())
    page.wait_for_selector(ready, state="attached", timeout=WAIT)
    return page


def count_text(page) -> str:
    return page.locator(".cg-checklist__count").inner_text().strip()


def test_keyboard_only_ticks_a_checklist_and_writes_a_note(offline, mini_site):
    page = open_page(offline, mini_site, "mini/checklists/self-check.html", ".cg-checklist--ready")
    items = ["chk-tests-exist", "chk-tests-run", "chk-hostile"]

    # From page load, Tab reaches every control of the checklist, in reading order.
    stops = []
    f = tab_to(page, lambda f: f["name"] == "打印自查表")
    while f["ours"] or not stops:
        stops.append((f["tag"], f["item"], f["name"]))
        f = press(page, "Tab")
    expected = [("button", None, "打印自查表"), ("button", None, "导出 CSV"), ("button", None, "清空重填")]
    for n, item in enumerate(items, 1):
        source = page.locator(f'tr[data-item="{item}"] a.cg-checklist__source').inner_text().strip()
        expected += [("a", item, source), ("input", item, f"第 {n} 项：符合"),
                     ("textarea", item, f"第 {n} 项的整改措施或备注")]
    assert stops == expected

    # Space ticks; the count changes, and it is the polite live region screen readers announce.
    f = tab_to(page, lambda f: f["item"] == "chk-tests-run" and f["type"] == "checkbox", key="Shift+Tab")
    assert not f["checked"]
    described = page.evaluate("() => document.getElementById("
                              "document.activeElement.getAttribute('aria-describedby')).innerText")
    assert "测试每次提交都运行吗？" in described  # the box says which item it is about
    f = press(page, "Space")
    assert f["checked"]
    live = page.locator(".cg-checklist [aria-live=polite]")
    assert live.count() == 1 and live.inner_text().strip() == "已完成 1/3" == count_text(page)

    # Tab goes on to the note of the same item; typing saves it.
    f = press(page, "Tab")
    assert (f["tag"], f["item"]) == ("textarea", "chk-tests-run")
    page.keyboard.type("下季度配置流水线")
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", MINI_KEY))["checklists"]["chk-tests-run"]
    assert saved["done"] is True and saved["note"] == "下季度配置流水线"

    # Back to the box: Space unticks and ticks again, the count follows.
    press(page, "Shift+Tab")
    press(page, "Space")
    assert live.inner_text().strip() == "已完成 0/3"
    press(page, "Space")
    assert live.inner_text().strip() == "已完成 1/3"

    # The reset asks first; Escape and 取消 both leave everything as it was, focus back on the button.
    f = tab_to(page, lambda f: f["name"] == "清空重填", key="Shift+Tab")
    f = press(page, "Enter")
    assert f["name"] == "取消" and page.locator(".cg-checklist__confirm").is_visible()
    f = press(page, "Escape")
    assert f["name"] == "清空重填" and page.locator(".cg-checklist__confirm").is_hidden()
    press(page, "Enter")
    f = press(page, "Enter")  # on 取消
    assert f["name"] == "清空重填" and page.locator(".cg-checklist__confirm").is_hidden()
    assert count_text(page) == "已完成 1/3"
    assert offline.blocked == [] and offline.errors == []


def quiz_bank(page) -> dict[str, dict]:
    data = json.loads(page.locator(".cg-quiz__data").text_content())
    data = data[0] if isinstance(data, list) else data  # the widget data may be a one-element array
    return {q["id"]: q for q in data["questions"]}


def answer_by_keyboard(page, q: dict, right: bool) -> None:
    """Focus is on the question's first control; answer it with keys only."""
    if q["type"] == "truefalse":  # one radio group: arrows move and select
        want = "true" if q["answer"] == right else "false"
        press(page, "Space")
        while page.evaluate("() => document.activeElement.value") != want:
            press(page, "ArrowDown")
        assert page.evaluate("() => document.activeElement.checked")
    elif q["type"] == "fill":
        values = [alts[0] for alts in q["answer"]] if right else ["不知道"] * len(q["answer"])
        for i, value in enumerate(values):
            if i:
                press(page, "Tab")
            assert page.evaluate("() => document.activeElement.classList.contains('cg-q__blank')")
            page.keyboard.type(value)
    elif q["type"] == "order":
        fs = page.locator(f'.cg-q[data-qid="{q["id"]}"]')

        def items() -> list[str]:
            return fs.locator(".cg-order__text").all_inner_texts()

        def move_focus_to(name: str) -> None:
            """Tab or Shift+Tab through the question's enabled buttons to the one called `name`."""
            names = fs.locator("button:not([disabled])").evaluate_all(
                "bs => bs.map(b => b.getAttribute('aria-label'))")
            delta = names.index(name) - names.index(focused(page)["name"])
            for _ in range(abs(delta)):
                press(page, "Tab" if delta > 0 else "Shift+Tab")
            assert focused(page)["name"] == name

        target = q["items"] if right else q["items"][::-1]
        if items() == target:  # touch the list so it counts as answered
            move_focus_to(f"下移：{target[0]}")
            press(page, "Enter")
            press(page, "Shift+Tab")
            press(page, "Enter")
        for position, item in enumerate(target):
            steps = items().index(item) - position
            if steps > 0:
                move_focus_to(f"上移：{item}")
                for _ in range(steps):
                    press(page, "Enter")  # focus follows the item as it moves
        assert items() == target
    else:
        raise AssertionError(q["type"])


def test_keyboard_only_practice_round(offline, mini_site):
    """part-b in practice mode: a wrong answer, 再试一次, then all three questions right."""
    page = open_page(offline, mini_site, "mini/quiz/part-b.html", ".cg-quiz--ready .cg-q")
    questions = quiz_bank(page)
    live = page.locator(".cg-quiz__live")

    f = tab_to(page, lambda f: f["qid"] is not None)
    assert f["qid"] == "q-truefalse"
    answer_by_keyboard(page, questions["q-truefalse"], right=False)
    f = tab_to(page, lambda f: f["name"] == "提交答案", limit=3)
    f = press(page, "Enter")
    assert f["name"] == "再试一次"
    assert page.locator(".cg-q__feedback--wrong").is_visible()
    page.wait_for_function("() => document.querySelector('.cg-quiz__live').textContent.includes('回答错误')",
                           timeout=WAIT)

    f = press(page, "Enter")  # 再试一次: back on the question
    assert f["qid"] == "q-truefalse"
    for n, qid in enumerate(["q-truefalse", "q-fill", "q-order"], 1):
        if n > 1:
            f = tab_to(page, lambda f: f["name"] == "下一题")
            f = press(page, "Enter")  # focus moves to the new question's progress line, not to <body>
            assert "cg-quiz__progress" in f["cls"] and f["name"].startswith(f"第 {n} 题")
            f = press(page, "Tab")
            assert f["qid"] == qid
        answer_by_keyboard(page, questions[qid], right=True)
        tab_to(page, lambda f: f["name"] == "提交答案", limit=12)
        f = press(page, "Space")
        assert f["name"] == "再试一次"
        assert page.locator(".cg-q__feedback--right").is_visible()
        page.wait_for_function("() => document.querySelector('.cg-quiz__live').textContent.includes('回答正确')",
                               timeout=WAIT)
        # the way back to the lesson is reachable by Tab
        f = tab_to(page, lambda f: f["tag"] == "a", limit=3)
        assert f["name"] == f"回到课文：{questions[qid]['section']['title']}"
    assert "已答对 3 题" in page.locator(".cg-quiz__progress").inner_text()
    assert live.count() == 1
    assert offline.blocked == [] and offline.errors == []


def test_keyboard_only_test_with_answer_card_confirm_and_retake(offline, mini_site):
    page = open_page(offline, mini_site, "mini/quiz/part-b.html", ".cg-quiz--ready .cg-q")
    questions = quiz_bank(page)
    tab_to(page, lambda f: f["name"] == "测试模式")
    press(page, "Space")
    order = page.locator(".cg-q").evaluate_all("ns => ns.map(n => n.dataset.qid)")
    tf = order.index("q-truefalse") + 1

    # The answer card jumps to a question; Tab then goes into it.
    f = tab_to(page, lambda f: f["name"] == f"第 {tf} 题，未答")
    f = press(page, "Enter")
    assert f["tag"] == "li" and "cg-test__item" in f["cls"]
    f = press(page, "Tab")
    assert f["qid"] == "q-truefalse"
    answer_by_keyboard(page, questions["q-truefalse"], right=True)
    assert page.locator(".cg-card__cell").nth(tf - 1).get_attribute("aria-label") == f"第 {tf} 题，已答"

    # 交卷 with two unanswered: the confirm box takes focus; 继续作答 and Escape give it back.
    tab_to(page, lambda f: f["name"] == "交卷")
    f = press(page, "Enter")
    assert f["name"] == "确定交卷"
    assert "还有 2 题未作答" in page.locator(".cg-quiz__confirm").inner_text()
    f = press(page, "Tab")
    assert f["name"] == "继续作答"
    f = press(page, "Enter")
    assert f["name"] == "交卷" and page.locator(".cg-quiz__confirm").is_hidden()
    press(page, "Enter")
    f = press(page, "Escape")
    assert f["name"] == "交卷" and page.locator(".cg-quiz__confirm").is_hidden()
    press(page, "Enter")
    f = press(page, "Enter")  # 确定交卷

    # Graded: focus on the score, then on to the retake of the two wrong ones.
    assert "cg-quiz__score" in f["cls"]
    assert page.locator(".cg-quiz__score-value").inner_text() == "得分：33 分"
    f = press(page, "Tab")
    assert f["name"] == "只重做答错的 2 题"
    f = press(page, "Enter")
    assert f["qid"] in ("q-fill", "q-order")
    retake = page.locator(".cg-q").evaluate_all("ns => ns.map(n => n.dataset.qid)")
    assert sorted(retake) == ["q-fill", "q-order"]
    for i, qid in enumerate(retake):
        if i:
            f = tab_to(page, lambda f, qid=qid: f["qid"] == qid)
        answer_by_keyboard(page, questions[qid], right=True)
    tab_to(page, lambda f: f["name"] == "交卷")
    f = press(page, "Space")
    assert "cg-quiz__score" in f["cls"]
    assert page.locator(".cg-quiz__score-value").inner_text() == "重做错题得分：100 分"
    assert offline.blocked == [] and offline.errors == []


def test_keyboard_reaches_every_control_of_the_progress_page(offline, mini_site):
    page = open_page(offline, mini_site, "mini/progress.html", ".cg-progress--ready")
    f = tab_to(page, lambda f: f["ours"])
    stops = []
    while f["ours"]:
        stops.append((f["tag"], f["type"], f["name"] if f["tag"] != "a" else "link"))
        f = press(page, "Tab")
    assert stops[0] == ("input", "text", "")  # the learner's name, labelled by 姓名：
    assert page.evaluate("() => document.querySelector('#cg-learner-name').labels[0].textContent") == "姓名："
    assert ("button", "button", "打印学习记录") in stops
    assert ("button", "button", "导出学习记录") in stops
    assert stops[-1][:2] == ("input", "file")  # visually hidden; its label shows the ring (checked in press)
    assert stops.count(("a", "", "link")) == len(page.locator(".cg-progress__view a").all())
    assert offline.blocked == [] and offline.errors == []
