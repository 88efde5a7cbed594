"""``y`` copies what is in use, citing the source; ``L`` lists the links and opens one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from snapshot_apps import every_key_loaded, screen_lines
from textual.command import CommandPalette
from textual.widgets import Input

from tui.model import Briefing, Source
from tui.ui.screens.links import LinksScreen
from tui.ui.screens.reader import ReaderScreen

CITE = "Source: Example Wire, 26 Sep 2022, 17:30 -05:00, https://example.org/news/border-crossing"
PARAGRAPH = (
    "The two foreign ministers signed a joint declaration on Monday after three hours of talks."
)
BLOCK_QUOTE = "“The committee is where the real work happens.” — Ana Gómez, Trade analyst"
LIST = (
    "1. Customs officials will publish the new rules by October.\n"
    "2. A border official said: “We are ready.”"
)
NARROW = (80, 24)


def every_key(cited: bool) -> Briefing:
    briefing = every_key_loaded().briefing
    return briefing if cited else replace(briefing, source=None)


COPIES = [
    pytest.param(("2", "j"), "Passenger crossings follow in November", id="point"),
    pytest.param(("3",), BLOCK_QUOTE, id="quote"),
    pytest.param(("3", "j"), "“We are ready.” — A border official", id="second-quote"),
    pytest.param((), PARAGRAPH, id="paragraph"),
    # A quote's jump highlights its passage in the article: that is what the article copies.
    pytest.param(("3", "enter", "1"), BLOCK_QUOTE, id="block-quote"),
    pytest.param(("3", "j", "enter", "1"), LIST, id="list"),
]


@pytest.mark.parametrize("cited", [True, False], ids=["with-source", "without-source"])
@pytest.mark.parametrize(("keys", "expected"), COPIES)
async def test_y_copies_what_is_in_use(reader, notes, keys, expected, cited):
    async with reader(every_key(cited)) as (pilot, _screen):
        await pilot.press(*keys, "y")
        assert pilot.app.clipboard == (f"{expected}\n{CITE}" if cited else expected)
        first_line = expected.split("\n")[0][:59]
        assert notes[-1].startswith("Copied the ")
        assert first_line in notes[-1]
        assert ("and its source" in notes[-1]) == cited


async def test_y_copies_the_paragraph_at_the_top_of_the_article(reader, notes):
    """At 80x24 the next section's heading comes to the top: its first paragraph is copied."""
    async with reader(every_key(False), NARROW) as (pilot, _screen):
        await pilot.press("j", "y")  # the first paragraph's second line at the top
        assert pilot.app.clipboard == PARAGRAPH
        await pilot.press("]", "y")
        assert pilot.app.clipboard == "A technical committee will meet every two weeks."
        assert notes[-1] == (
            "Copied the paragraph: A technical committee will meet every two weeks."
        )


async def test_y_on_an_empty_list_says_there_is_nothing(reader, notes):
    briefing = replace(every_key(True), talking_points=())
    async with reader(briefing) as (pilot, _screen):
        await pilot.press("2", "y")
        assert pilot.app.clipboard == ""
        assert notes[-1] == "No talking point to copy."


async def test_hostile_text_is_copied_literally_and_harmlessly(reader, notes, hostile):
    async with reader(hostile.briefing) as (pilot, _screen):
        await pilot.press("2", "y")
        copied = pilot.app.clipboard
        assert copied == "[bold]Literal[/bold] point with ␛[5mblink␛[0m"
        await pilot.press("3", "y")
        assert pilot.app.clipboard == (
            "“Markup stays literal: [bold red]x[/]” — [red]Mallory[/red], ␛]2;HACKED␇ role"
        )
        assert "“Markup stays literal: [bold red]x[/]” — [red]Mallory[/red]" in notes[-1]
        await pilot.pause()
        toasts = "\n".join(screen_lines(pilot.app))
        assert "[bold red]x[/]" in toasts  # the notice shows the text, not its markup's effect
        await pilot.press("1", "y")
        assert pilot.app.clipboard == (
            "Markup stays literal: [bold red]x[/], [@click=app.quit]x[/],"
            " [link=https://evil.example]x[/link], an unbalanced [/] and a[0]."
        )
        assert pilot.app.is_running  # [@click=app.quit] did nothing
        for text in (copied, pilot.app.clipboard):
            assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in text)


async def test_y_and_l_are_in_the_palette(reader):
    async with reader(every_key(True)) as (pilot, screen):
        app = pilot.app
        commands = {c.title: c.help for c in app.get_system_commands(screen)}
        assert commands["Copy what is in use, with its source"] == "Key: y"
        assert commands["Links (Enter opens one in the browser)"] == "Key: L"
        await pilot.press("2", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        app.screen.query_one(Input).value = "Copy what is"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == f"Cargo traffic resumes next month\n{CITE}"


async def test_the_key_line_offers_copy_and_links_when_there_is_room(reader):
    async with reader(every_key(True), (150, 30)) as (pilot, _screen):
        line = screen_lines(pilot.app)[-1]
        assert "y Copy" in line and "L Links" in line


# -- the link list ----------------------------------------------------------------------


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the app is asked to open (nothing reaches a browser)."""
    urls: list[str] = []
    from tui.ui.app import BriefingApp

    def open_url(self: BriefingApp, url: str, *, new_tab: bool = True) -> None:
        urls.append(url)

    monkeypatch.setattr(BriefingApp, "open_url", open_url)
    return urls


async def test_l_lists_the_source_and_the_articles_links(reader):
    async with reader(every_key(True)) as (pilot, _screen):
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LinksScreen)
        shown = "\n".join(screen_lines(pilot.app))
        for text in (
            "Links (2)",
            "Example Wire",
            "Source · https://example.org/news/border-crossing",
            "ministry's website",
            "The agreement · https://example.org/declaration",
        ):
            assert text in shown
        assert screen_lines(pilot.app)[-1].strip() == "Enter Open   j k Move   Esc Close"


@pytest.mark.parametrize(
    ("keys", "url"),
    [
        (("enter",), "https://example.org/news/border-crossing"),
        (("j", "enter"), "https://example.org/declaration"),
        (("down", "enter"), "https://example.org/declaration"),
    ],
)
async def test_enter_opens_the_chosen_link_and_closes_the_list(reader, opened, notes, keys, url):
    async with reader(every_key(True)) as (pilot, screen):
        await pilot.press("L")
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert opened == [url]
        assert pilot.app.screen is screen
        assert notes[-1] == f"Opening in the browser: {url}"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "https://example.org/\x1b]2;x\x07"]
)
async def test_a_link_that_is_not_web_is_shown_refused_and_never_opened(reader, opened, notes, url):
    briefing = replace(every_key(True), source=Source("Wire", url))
    async with reader(briefing) as (pilot, screen):
        await pilot.press("L")
        await pilot.pause()
        shown = "\n".join(screen_lines(pilot.app))
        assert "refused: only http and https links are opened" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert opened == []
        assert isinstance(pilot.app.screen, LinksScreen)  # still open, saying why
        assert notes[-1].startswith("Not opened: ")
        assert "\x1b" not in notes[-1]
        await pilot.press("j", "enter")  # the article's link still opens
        await pilot.pause()
        assert opened == ["https://example.org/declaration"]
        assert pilot.app.screen is screen


async def test_a_briefing_without_links_says_so(seed, reader, opened):
    async with reader(seed) as (pilot, screen):
        await pilot.press("L")
        await pilot.pause()
        assert "This briefing has no links." in "\n".join(screen_lines(pilot.app))
        key_line = screen_lines(pilot.app)[-1]  # (it offered Enter Open and j k Move)
        assert "Close" in key_line and "Open" not in key_line and "Move" not in key_line
        await pilot.press("enter", "j", "enter")
        await pilot.pause()
        assert opened == []
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert isinstance(screen, ReaderScreen)


async def test_y_does_not_send_a_text_too_long_for_a_terminal_clipboard(reader, notes):
    from tui.model import Section

    long = "word " * 30_000  # 150,000 characters
    briefing = replace(every_key(False), sections=(Section("s", "Long", (long.strip(),)),))
    async with reader(briefing) as (pilot, _screen):
        await pilot.press("y")
        assert pilot.app.clipboard == ""
        assert notes[-1].startswith("Not copied: the paragraph is 149,999 characters, more than")
