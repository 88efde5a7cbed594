"""In a real browser: the reader served by ``briefing-tui serve``, and the exported HTML page.

Headless Chromium (Debian's ``chromium``, which ``.ci/run`` installs when it can), driven by
Playwright's Python package (in the test extra; its own browser downloads are not used).
Skipped, saying why, when either is missing. Waiting is on the page and its websocket
(selectors, frames), never a fixed sleep.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from serving import (
    HOSTILE_NAME,
    LOOKALIKES,
    LOOKALIKES_TITLE,
    STARTS_WITHIN,
    Terminal,
    serving,
)

from tui.cli import main

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, WebSocket

CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium to test in: apt-get install chromium (.ci/run does, as root)",
    ),
    pytest.mark.skipif(
        importlib.util.find_spec("playwright") is None,
        reason="Playwright is not installed: pip install -e '.[test]'",
    ),
]

WAIT_MS = STARTS_WITHIN * 1000
"""How long the page may take, at most (it takes a second or two)."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, for the tests of this module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page of 1000 × 640 pixels in a context of its own."""
    context = browser.new_context(viewport={"width": 1000, "height": 640})
    yield context.new_page()
    context.close()


def test_the_served_reader_shows_the_briefing(page: Page, tmp_path: Path) -> None:
    """The start screen names the briefing; once started, the reader draws it."""
    briefing = tmp_path / HOSTILE_NAME
    shutil.copyfile(LOOKALIKES, briefing)
    elsewhere: list[str] = []

    def only_this_server(route: Any, request: Request) -> None:
        """The page asks Google for a font; nothing here may leave this machine."""
        if request.url.startswith(served.url):
            route.continue_()
        else:
            elsewhere.append(request.url)
            route.abort()

    terminal = Terminal((200, 60))  # larger than the page's: the reader draws in its part
    page.on("websocket", lambda socket: socket.on("framereceived", terminal.feed))
    with serving(briefing, tmp_path, "--no-resume") as served:
        page.route("**/*", only_this_server)
        # ?delay shows textual-serve's start screen, with the briefing's title and a button.
        page.goto(f"{served.url}/?delay=1", timeout=WAIT_MS)
        intro = page.locator(".intro-dialog .intro")
        assert intro.inner_text().strip().startswith(LOOKALIKES_TITLE)
        assert page.locator("script", has_text="alert").count() == 0
        with page.expect_websocket(timeout=WAIT_MS) as opened:
            page.click("#start")
        websocket: WebSocket = opened.value
        if "Talking points" not in terminal.text():
            websocket.wait_for_event(
                "framereceived",
                predicate=lambda _frame: "Talking points" in terminal.text(),
                timeout=WAIT_MS,
            )
        assert LOOKALIKES_TITLE in terminal.text(), terminal.text()
        page.wait_for_selector("body.-first-byte", timeout=WAIT_MS)  # the terminal is shown
        assert not page.locator(".intro-dialog").is_visible()
        served.stop()
    assert all("fonts.googleapis.com" in url for url in elsewhere), elsewhere
    assert not list(tmp_path.glob("PWNED*")), "the file name ran as a command"


def test_the_exported_page_shows_the_briefing_and_runs_nothing(page: Page, tmp_path: Path) -> None:
    """From a file:// URL: the title, and no script, no handler, no request but the page."""
    html = tmp_path / "brief.html"
    assert main(["export", str(LOOKALIKES), "--format", "html", "-o", str(html)]) == 0
    requested: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def record(route: Any, request: Request) -> None:
        requested.append(request.url)
        if request.url == html.as_uri():
            route.continue_()
        else:
            route.abort()

    page.route("**/*", record)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(html.as_uri(), wait_until="load", timeout=WAIT_MS)
    assert page.title() == LOOKALIKES_TITLE
    assert page.locator("h1").first.inner_text() == LOOKALIKES_TITLE
    # Text that looks like markup stayed text: no element came from the briefing.
    found = page.evaluate(
        """() => ({
            scripts: document.scripts.length,
            handlers: [...document.querySelectorAll('*')].flatMap(
                e => [...e.attributes].map(a => a.name).filter(n => n.startsWith('on'))),
            scriptLinks: [...document.querySelectorAll('[href],[src]')].filter(
                e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src'))
            ).length,
            made: document.querySelectorAll('img, iframe, object, embed, div[onclick]').length,
        })"""
    )
    assert found == {"scripts": 0, "handlers": [], "scriptLinks": 0, "made": 0}
    # Links open in the browser, never as script; nothing was fetched; nothing ran.
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        assert href.startswith(("https://", "http://", html.as_uri() + "#")), href
    assert requested == [html.as_uri()]
    assert dialogs == []
    assert errors == []
