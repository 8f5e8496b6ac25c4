"""Phone screenshots for the README, taken from the real build.

Builds the site from this repository's content (as `coursegen build` does),
opens it from file:// in Debian's Chromium at 375 x 812 CSS px (an ordinary
phone) and writes two PNGs: a practice quiz just after a wrong answer, and a
section page. They go to scripts/screenshots/, which is not part of the site.

    .venv/bin/python scripts/screenshots.py [--out FOLDER]

Needs the test extras (Playwright), Chromium at /usr/bin/chromium and a
Chinese font (Debian: fonts-noto-cjk); scripts/test.sh installs all three.
Math.random is seeded, so the shuffled options come out the same every time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one list of Chromium flags, shared with the tests)

COURSE = "dangjian-ziyuan"
SHOTS = {
    "quiz-phone.png": f"{COURSE}/quiz/why-integrate.html",
    "section-phone.png": f"{COURSE}/weak-points/weak-coordination.html",
}
PHONE = {"width": 375, "height": 812}
SEEDED_RANDOM = """(() => {
  let seed = 20240601;
  Math.random = () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();"""


def fail(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)
    raise SystemExit(1)


def build_site() -> Path:
    from generator import api
    from generator.errors import CourseGenError

    try:
        return api.build(REPO).site_dir
    except CourseGenError as exc:
        fail(f"网站构建失败：{exc}")
    raise AssertionError("unreachable")


def has_chinese_font() -> bool:
    try:
        found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    except OSError:
        return True  # no fontconfig to ask: let the browser try
    return bool(found.stdout.strip())


def wrong_answer_on_a_single_choice(page) -> None:
    """Go to the first single-choice question, pick a wrong option and submit it."""
    while not page.locator(".cg-q input[type=radio]").count():
        page.get_by_role("button", name="下一题", exact=True).click()
    fieldset = page.locator(".cg-q")
    data = page.evaluate("() => JSON.parse(document.querySelector('.cg-quiz__data').textContent)[0]")
    question = next(q for q in data["questions"] if q["id"] == fieldset.get_attribute("data-qid"))
    wrong = next(i for i in range(len(question["options"])) if i != question["answer"])
    fieldset.locator(f'input[value="{wrong}"]').check()
    page.get_by_role("button", name="提交答案", exact=True).click()
    page.mouse.move(0, 0)  # no hover highlight in the picture
    # From the top, scroll down to the question (material shows its back-to-top
    # button while a page scrolls up), leaving room for the sticky header.
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.evaluate("""() => window.scrollTo(0, document.querySelector('.cg-quiz__progress')
                                                .getBoundingClientRect().top + window.scrollY - 64)""")
    page.wait_for_timeout(300)


def take(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, locale="zh-CN",
                                      color_scheme="light", reduced_motion="reduce")
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                      else route.abort())
        context.add_init_script(SEEDED_RANDOM)
        page = context.new_page()
        for name, path in SHOTS.items():
            page.goto((site / path).as_uri())
            page.wait_for_load_state("load")
            if "/quiz/" in path:
                page.wait_for_selector(".cg-quiz--ready .cg-q")
                wrong_answer_on_a_single_choice(page)
            target = out / name
            page.screenshot(path=str(target))
            written.append(target)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="从实际构建的网站截取手机截图（375×812），供 README 使用。")
    parser.add_argument("--out", type=Path, default=REPO / "scripts" / "screenshots", help="截图存放的文件夹")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if not (Path(CHROMIUM).is_file()):
        fail(f"找不到 Chromium（{CHROMIUM}）。请先运行 bash scripts/test.sh，它会安装 Debian 的 chromium。")
    if not has_chinese_font():
        fail("系统里没有中文字体，截图中的汉字会显示成方框。请安装 fonts-noto-cjk（bash scripts/test.sh 会自动安装）。")
    try:
        import playwright  # noqa: F401
    except ImportError:
        fail("缺少 Playwright。请先运行 bash scripts/test.sh（它安装测试所需的一切）。")
    site = build_site()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in take(site, args.out):
        print(f"已写入 {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


if __name__ == "__main__":
    main()
