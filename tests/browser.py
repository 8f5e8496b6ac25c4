"""Real headless Chromium for tests: file:// pages with every other request blocked."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("COURSEGEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_chromium() -> None:
    """Skip without Chromium on a developer machine; in CI a missing browser is a failure."""
    if shutil.which(CHROMIUM) or Path(CHROMIUM).is_file():
        return
    message = f"Chromium not found at {CHROMIUM} (Debian package `chromium`)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + ": browser tests must run in CI")
    pytest.skip(message)


@dataclass
class Offline:
    """A browser context that serves only file:// and records everything else."""

    context: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def new_page(self, width: int = 1280, height: int = 900):
        page = self.context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        return page


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def file_only_context(chromium, state: Offline | None = None, **options) -> Iterator[Offline]:
    """A fresh browser context that serves only file:// and records (and aborts) anything else."""
    context = chromium.new_context(**options)
    state = state or Offline(context)
    state.context = context

    def route(route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            state.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    try:
        yield state
    finally:
        context.close()


@pytest.fixture
def offline(chromium) -> Iterator[Offline]:
    with file_only_context(chromium) as state:
        yield state


BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('storage is disabled', 'SecurityError'); },
});
"""


def page_without_storage(state: Offline) -> tuple[object, list[str]]:
    """A page of ``state``'s context whose localStorage throws, as in some privacy modes.

    mkdocs-material's own scripts let the SecurityError escape; only errors from
    our widgets go to ``state.errors``, the theme's are returned separately.
    """
    state.context.add_init_script(BLOCK_STORAGE)
    theme_errors: list[str] = []
    page = state.context.new_page()
    page.on("pageerror", lambda e: (state.errors if "/assets/coursegen/" in (e.stack or "")
                                    else theme_errors).append(f"{e}\n{e.stack}"))
    page.on("console", lambda m: state.errors.append(m.text) if m.type == "error" else None)
    return page, theme_errors


SEARCH_BOX = "input.cg-search__input"
SEARCH_DONE = "() => /结果|没有找到/.test(document.querySelector('.cg-search__meta')?.textContent || '')"


def search(page, query: str) -> list[str]:
    """Type a query into our search field; the result pages' paths below site/, best first."""
    box = page.locator(SEARCH_BOX)
    if not box.is_visible():
        page.locator("button.cg-search__toggle").click()  # a phone-width page
    box.fill(query)
    page.wait_for_function(SEARCH_DONE, timeout=10_000)
    hrefs = page.eval_on_selector_all("#cg-search-list a", "links => links.map(a => a.href)")
    return [h.split("/site/", 1)[-1].split("?")[0].split("#")[0] for h in hrefs]


def answer_anything(fieldset) -> None:
    """Give some answer (right or wrong does not matter) to one quiz question."""
    if fieldset.locator(".cg-q__blank").count():
        for i in range(fieldset.locator(".cg-q__blank").count()):
            fieldset.locator(".cg-q__blank").nth(i).fill("答案")
    elif fieldset.locator(".cg-order__move").count():
        fieldset.locator(".cg-order__move:not([disabled])").first.click()
    else:
        fieldset.locator("input").first.check()


class _SlowPages(http.server.SimpleHTTPRequestHandler):
    """Answers page requests late, as a real network does. Material changes the address
    before the new page arrives, so a test that waits only for the address checks the
    old page: here it does so every time instead of now and then."""

    def do_GET(self) -> None:
        if self.path.split("?")[0].endswith(".html"):
            time.sleep(0.3)
        super().do_GET()

    def log_message(self, format, *args) -> None:  # a failure's captured output stays readable
        pass


@contextlib.contextmanager
def served_with_instant_navigation(root: Path) -> Iterator[str]:
    """Build the project at `root` with material's instant navigation on and serve its
    site on localhost (instant navigation needs HTTP); yields the server's address."""
    from generator import api

    # Bound before the build, not after it: a port found free, let go and taken again seconds
    # later may meanwhile have gone to another test's server or to a browser's connection.
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowPages) as server:  # closed if the build fails
        port = server.server_address[1]
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").replace("  features:\n", "  features:\n    - navigation.instant\n", 1)
        config.write_text(f"site_url: http://127.0.0.1:{port}/\n" + text, encoding="utf-8")
        site = api.build(root).site_dir
        server.RequestHandlerClass = functools.partial(_SlowPages, directory=str(site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.shutdown()


def follow_instantly(page, link, address: str) -> None:
    """Click a link and wait until the new page has replaced the old one, not only its address."""
    page.evaluate("window.__oldContent = document.querySelector('article')")
    link.click()
    page.wait_for_url(address)
    page.wait_for_function("!window.__oldContent.isConnected")
