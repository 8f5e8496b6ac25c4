"""Phone and desktop layout, measured in real Chromium from file:// (issue 15).

Every kind of page, at 375 px (a phone) and 1366 px (a laptop), in the states a
learner sees (quiz feedback, the test's confirm box and its graded review, a
ticked checklist, the largest text size): nothing sticks out of the screen or
scrolls sideways, every control is at least 44 × 44 CSS px, the content's text
is at least 16 px, and axe finds no colour-contrast failure (WCAG AA) at
375 px (tests/test_browser_a11y.py runs every axe rule at 1366 px, in the
light and the dark scheme). tests/layout_probe.js does the measuring.

Then what a learner can see and do: marks on a wrong answer, a neutral answer
card, a confirm box that names the unanswered questions, the practice position
after 回到课文, the move buttons of an ordering question, the text-size switch,
Chinese quotes in a Chinese font, and the 404 pages opened from file://.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import Offline, answer_anything, file_only_context, page_without_storage

pytestmark = pytest.mark.browser

COURSE = "dangjian-ziyuan"
PROBE = Path(__file__).resolve().parent / "layout_probe.js"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WAIT = 5_000
TEXT_SIZE_KEY = "coursegen:textsize"

PAGES = {
    "catalog": "index.html",
    "course home": f"{COURSE}/index.html",
    "concept": f"{COURSE}/party-building-resources.html",
    "part": f"{COURSE}/weak-points/index.html",
    "section with slogans": f"{COURSE}/weak-points/weak-coordination.html",
    "group of measures": f"{COURSE}/measures/team-synergy/index.html",
    "measure": f"{COURSE}/measures/team-synergy/top-leader-responsibility.html",
    "closing": f"{COURSE}/closing-summary.html",
    "glossary": f"{COURSE}/glossary.html",
    "quiz index": f"{COURSE}/quiz/index.html",
    "practice quiz": f"{COURSE}/quiz/why-integrate.html",
    "final test": f"{COURSE}/quiz/final.html",
    "mistakes": f"{COURSE}/quiz/mistakes.html",
    "checklist index": f"{COURSE}/checklists/index.html",
    "checklist": f"{COURSE}/checklists/self-inspection.html",
    "progress": f"{COURSE}/progress.html",
    "lesson plan": f"{COURSE}/lesson-plan.html",
    "help": "help.html",
    "course 404": f"{COURSE}/404.html",
    "catalog 404": "404.html",
}

CONTRAST = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const result = await axe.run(document, { runOnly: ['color-contrast'], resultTypes: ['violations'], preload: false });
  return result.violations.flatMap(v => v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '')
    .split('\\n').filter(Boolean).slice(-1)[0]));
}"""


@pytest.fixture(scope="module")
def site(shared_speech_site) -> Path:
    return shared_speech_site


def open_page(offline: Offline, site: Path, path: str, width: int = 1366, height: int = 800, page=None):
    page = page or offline.new_page(width=width, height=height)
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")
    for widget in ("quiz", "checklist", "progress"):
        if page.locator(f".cg-{widget}").count():
            page.wait_for_selector(f".cg-{widget}.cg-{widget}--ready", state="attached", timeout=WAIT)
    return page


def measure(page, where: str, contrast: bool = True) -> list[str]:
    """Everything wrong with the page as it is now, one line each."""
    if not page.evaluate("() => Boolean(window.CourseGenLayoutProbe)"):
        page.add_script_tag(path=str(PROBE))
    found = page.evaluate("""() => ({
        'sticks out': CourseGenLayoutProbe.overflow(),
        'target under 44 px': CourseGenLayoutProbe.smallTargets(44),
        'text under 16 px': CourseGenLayoutProbe.smallText(16)})""")
    if contrast:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(path=str(AXE))
        found["contrast below AA"] = page.evaluate(CONTRAST)
    return [f"[{where}] {kind}: {problem}" for kind, problems in found.items() for problem in problems]


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def quiz_bank(page) -> dict[str, dict]:
    data = json.loads(page.locator(".cg-quiz__data").text_content())[0]
    return {q["id"]: q for q in data["questions"]}


# ======================================================================
# Every page kind, measured at a phone's and a laptop's width
# ======================================================================

@pytest.mark.parametrize("width", [375, 1366])
def test_every_page_kind_fits_is_tappable_and_readable(offline, site, width):
    page = offline.new_page(width=width, height=812 if width < 500 else 768)
    contrast = width < 500
    problems: list[str] = []
    for kind, path in PAGES.items():
        open_page(offline, site, path, page=page)
        problems += measure(page, kind, contrast)

    # the widgets in the states a learner brings them to
    open_page(offline, site, PAGES["practice quiz"], page=page)
    answer_anything(page.locator(".cg-q"))
    button(page, "提交答案").click()
    page.locator(".cg-q__feedback").wait_for(timeout=WAIT)
    problems += measure(page, "practice feedback", contrast)

    open_page(offline, site, PAGES["final test"], page=page)
    answer_anything(page.locator(".cg-q").first)
    button(page, "交卷").click()
    page.locator(".cg-quiz__confirm").wait_for(timeout=WAIT)
    problems += measure(page, "test, confirm box", contrast)
    button(page, "确定交卷").click()
    page.locator(".cg-quiz__score").wait_for(timeout=WAIT)
    problems += measure(page, "test, graded", contrast)

    open_page(offline, site, PAGES["checklist"], page=page)
    page.locator(".cg-checklist__box").first.check()
    problems += measure(page, "checklist, ticked", contrast)

    assert problems == [], "\n" + "\n".join(problems)

    # the largest text size still fits
    button(page, "特大").click()
    for kind in ("section with slogans", "practice quiz", "course home", "progress"):
        open_page(offline, site, PAGES[kind], page=page)
        problems += measure(page, f"{kind}, 特大", contrast=False)
    assert problems == [], "\n" + "\n".join(problems)
    assert offline.blocked == [] and offline.errors == []


# ======================================================================
# Feedback a learner can see
# ======================================================================

def first_of_type(page, kind: str) -> tuple[int, dict]:
    questions = list(quiz_bank(page).values())
    return next((i, q) for i, q in enumerate(questions) if q["type"] == kind)


def test_wrong_practice_answer_marks_the_choice_and_the_key(offline, site):
    page = open_page(offline, site, PAGES["practice quiz"], width=375, height=812)
    index, q = first_of_type(page, "single")
    for _ in range(index):
        button(page, "下一题").click()
    wrong = next(i for i in range(len(q["options"])) if i != q["answer"])
    fieldset = page.locator(f'.cg-q[data-qid="{q["id"]}"]')
    fieldset.locator(f'input[value="{wrong}"]').check()
    button(page, "提交答案").click()

    chosen = fieldset.locator(f'input[value="{wrong}"]').locator("xpath=..")
    key = fieldset.locator(f'input[value="{q["answer"]}"]').locator("xpath=..")
    assert chosen.locator(".cg-q__mark").inner_text() == "✗ 你的选择，错误"
    assert key.locator(".cg-q__mark").inner_text() == "✓ 正确答案"
    assert fieldset.locator(".cg-q__mark").count() == 2  # the other options stay plain
    # the signs are part of what a screen reader hears for that option
    assert "正确答案" in key.inner_text() and q["options"][q["answer"]] in key.inner_text()
    assert offline.errors == []


def colour_of(locator, prop: str) -> tuple[int, ...]:
    value = locator.evaluate(f"n => getComputedStyle(n).{prop}")
    return tuple(int(float(part)) for part in value[value.index("(") + 1:-1].split(",")[:3])


def reddish(rgb: tuple[int, ...]) -> bool:
    r, g, b = rgb
    return r - max(g, b) > 60


def test_answer_card_is_neutral_before_submitting_and_signed_after(offline, site):
    page = open_page(offline, site, PAGES["final test"])
    answer_anything(page.locator(".cg-q").first)
    answered, unanswered = page.locator(".cg-card__cell").nth(0), page.locator(".cg-card__cell").nth(1)
    assert answered.get_attribute("aria-label") == "第 1 题，已答"
    for prop in ("borderTopColor", "backgroundColor", "color"):  # nothing red: it is not a verdict
        assert not reddish(colour_of(answered, prop)), prop
    assert colour_of(answered, "backgroundColor") != colour_of(unanswered, "backgroundColor")
    assert "实心为已答" in page.locator(".cg-card").inner_text()

    button(page, "交卷").click()
    button(page, "确定交卷").click()
    page.locator(".cg-quiz__score").wait_for(timeout=WAIT)
    cells = page.locator(".cg-card__cell").evaluate_all(
        "ns => ns.map(n => [n.textContent, n.getAttribute('aria-label')])")
    for number, (text, label) in enumerate(cells, start=1):
        sign = "✓" if label.endswith("答对") else "✗"
        assert text == f"{number}{sign}", (text, label)
    assert "✓ 答对，✗ 答错" in page.locator(".cg-card").inner_text()
    assert offline.errors == []


def test_submit_confirmation_names_the_unanswered_questions(offline, site):
    page = open_page(offline, site, PAGES["final test"])
    questions = page.locator(".cg-test__item")
    count = questions.count()
    for i in (0, 2):
        answer_anything(questions.nth(i).locator(".cg-q"))
    button(page, "交卷").click()
    confirm = page.locator(".cg-quiz__confirm")
    missing = [n for n in range(1, count + 1) if n not in (1, 3)]
    assert f"还有 {count - 2} 题未作答：第 {'、'.join(map(str, missing))} 题。" in confirm.inner_text()
    confirm.get_by_role("button", name="第 2 题", exact=True).click()
    assert confirm.is_hidden()
    assert page.evaluate("() => document.activeElement.id") == questions.nth(1).get_attribute("id")
    assert offline.errors == []


def test_practice_position_is_kept_after_reading_the_lesson(offline, site):
    page = open_page(offline, site, PAGES["practice quiz"])
    for _ in range(2):
        button(page, "下一题").click()
    answer_anything(page.locator(".cg-q"))
    button(page, "提交答案").click()
    page.locator(".cg-q__feedback a", has_text="回到课文").click()
    page.wait_for_load_state("load")
    assert "/quiz/" not in page.url

    page.go_back()
    page.wait_for_selector(".cg-quiz--ready .cg-quiz__progress", timeout=WAIT)
    assert page.locator(".cg-quiz__progress").inner_text().startswith("第 3 题")
    # opened again from the navigation in the same tab: still there
    open_page(offline, site, PAGES["practice quiz"], page=page)
    assert page.locator(".cg-quiz__progress").inner_text().startswith("第 3 题")
    assert offline.errors == []


def test_ordering_buttons_stay_inside_their_own_item(offline, site):
    page = open_page(offline, site, PAGES["practice quiz"], width=375, height=812)
    items = page.locator(".cg-order__item")
    assert items.count() >= 3
    for i in range(items.count()):
        geometry = items.nth(i).evaluate("""li => {
            const box = li.getBoundingClientRect();
            const style = getComputedStyle(li);
            return { box: [box.top, box.bottom, box.left, box.right],
                     border: parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== 'none',
                     buttons: [...li.querySelectorAll('.cg-order__move')].map(b => {
                       const r = b.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; }) };
        }""")
        top, bottom, left, right = geometry["box"]
        assert geometry["border"], "each item is a visible box around its own buttons"
        assert len(geometry["buttons"]) == 2
        for b_top, b_bottom, b_left, b_right in geometry["buttons"]:
            assert top <= b_top and b_bottom <= bottom and left <= b_left and b_right <= right
        assert geometry["buttons"][0][0] == geometry["buttons"][1][0], "上移 and 下移 on one row"
    assert offline.errors == []


# ======================================================================
# Text size and fonts
# ======================================================================

def body_text_size(page) -> float:
    return page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")


def test_text_size_switch_is_remembered_in_this_browser(offline, site):
    page = open_page(offline, site, PAGES["section with slogans"])
    switch = page.get_by_role("group", name="字号")
    assert [b.strip() for b in switch.get_by_role("button").all_inner_texts()] == ["标准", "大", "特大"]
    assert button(page, "标准").get_attribute("aria-pressed") == "true"
    assert body_text_size(page) == 16

    button(page, "大").focus()
    page.keyboard.press("Enter")
    assert button(page, "大").get_attribute("aria-pressed") == "true"
    assert body_text_size(page) == 20
    assert page.evaluate("k => localStorage.getItem(k)", TEXT_SIZE_KEY) == "large"
    # its own key: the learning record is untouched
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('coursegen:v1:'))"
                         ".every(k => !localStorage.getItem(k).includes('large'))")

    for path in (PAGES["practice quiz"], PAGES["catalog"]):  # another page, the catalog
        open_page(offline, site, path, page=page)
        assert page.locator("html").get_attribute("data-cg-text") == "large"
    assert page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article li')).fontSize)") == 20

    open_page(offline, site, PAGES["section with slogans"], page=page)
    button(page, "特大").click()
    assert body_text_size(page) == 24
    assert page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article td')).fontSize)") == 24
    button(page, "标准").click()
    assert body_text_size(page) == 16
    assert page.evaluate("k => localStorage.getItem(k)", TEXT_SIZE_KEY) is None

    page.evaluate("k => localStorage.setItem(k, '<b>huge</b>')", TEXT_SIZE_KEY)  # a foreign value
    page.reload()
    assert body_text_size(page) == 16 and page.locator("html").get_attribute("data-cg-text") is None
    assert offline.errors == [] and offline.blocked == []


BLOCK_SESSION_STORAGE = """
Object.defineProperty(window, 'sessionStorage', {
  configurable: true,
  get() { throw new DOMException('storage is disabled', 'SecurityError'); },
});
"""


def test_text_size_switch_works_when_storage_is_blocked(chromium, site):
    with file_only_context(chromium) as state:
        state.context.add_init_script(BLOCK_SESSION_STORAGE)
        page, _theme_errors = page_without_storage(state)  # localStorage throws too
        open_page(state, site, PAGES["practice quiz"], page=page)
        button(page, "特大").click()
        assert body_text_size(page) == 24
        button(page, "下一题").click()  # the practice position cannot be kept either: no error
        assert page.locator(".cg-quiz__progress").inner_text().startswith("第 2 题")
        assert state.errors == []


def test_chinese_quotes_use_a_chinese_font(offline, site):
    page = open_page(offline, site, PAGES["section with slogans"])
    widths = page.evaluate("""() => {
        const out = [];
        const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.nodeValue;
          for (let i = 1; i < text.length - 1; i++) {
            if ('“”'.includes(text[i]) && /^[\\u4e00-\\u9fff]{2}$/.test(text[i - 1] + text[i + 1])) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
              out.push(range.getBoundingClientRect().width / size);
            }
          }
        }
        return out;
    }""")
    assert len(widths) >= 4
    # a Chinese font draws them a full em wide; Latin fonts about a third
    assert min(widths) > 0.8, widths


def test_page_title_is_dark_and_bold(offline, site):
    page = open_page(offline, site, PAGES["section with slogans"])
    style = page.locator("article h1").evaluate(
        "n => { const s = getComputedStyle(n); return [s.color, Number(s.fontWeight)]; }")
    color, weight = style
    assert weight >= 700
    assert color == page.locator("article p").first.evaluate("n => getComputedStyle(n).color")  # body ink, not grey


# ======================================================================
# The 404 pages, opened from file://
# ======================================================================

@pytest.mark.parametrize("path", [PAGES["catalog 404"], PAGES["course 404"]])
def test_not_found_pages_work_from_file(offline, site, path):
    page = open_page(offline, site, path)
    assert page.locator("h1").inner_text() == "找不到这个页面"
    header = page.evaluate("() => getComputedStyle(document.querySelector('header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")  # material's stylesheet is loaded
    assert page.evaluate("() => Boolean(window.CourseGenStore)")  # and our scripts
    links = page.locator("a[href]").evaluate_all("ns => ns.map(n => n.getAttribute('href'))")
    assert links and not [href for href in links if href.startswith("/")]
    home = page.get_by_role("link", name="回到首页")
    target = Path(home.evaluate("a => decodeURIComponent(new URL(a.href).pathname)"))
    assert target.is_file()
    assert offline.errors == [] and offline.blocked == []
