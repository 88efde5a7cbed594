"""Modal screens (section picker, help, details) with keys typed faster than they open and close."""

from __future__ import annotations

import pytest
from snapshot_apps import screen_lines
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tui.ui.screens.bookmark_list import BookmarkList
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.info import InfoScreen
from tui.ui.screens.links import LinksScreen
from tui.ui.screens.modal import Modal
from tui.ui.screens.reader import ReaderScreen
from tui.ui.screens.section_picker import SectionPicker

CHARACTERS = {"enter": "\r", "escape": "\x1b", "question_mark": "?", "apostrophe": "'"}


def burst(pilot: Pilot[None], *keys: str) -> None:
    """Queue ``keys`` all at once, before any is handled, as a terminal sends a quick burst."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CHARACTERS.get(key, key)))


async def settle(pilot: Pilot[None]) -> None:
    """Let every queued key and the screen changes they cause be handled."""
    for _ in range(3):
        await pilot.pause()


BURSTS = [
    pytest.param(("t", "enter", "enter"), id="t-enter-enter"),
    pytest.param(("t", "escape", "escape"), id="t-esc-esc"),
    pytest.param(("question_mark", "escape", "escape"), id="help-esc-esc"),
    pytest.param(("question_mark", "q", "q"), id="help-q-q"),
    pytest.param(("i", "q", "q"), id="info-q-q"),
    pytest.param(("i", "i", "i"), id="info-i-i"),
    pytest.param(("apostrophe", "q", "q"), id="bookmarks-q-q"),
    pytest.param(("apostrophe", "escape", "escape"), id="bookmarks-esc-esc"),
    pytest.param(("L", "q", "q"), id="links-q-q"),
    pytest.param(("L", "escape", "escape"), id="links-esc-esc"),
    pytest.param(("L", "L", "L"), id="links-L-L"),
]


@pytest.mark.parametrize("keys", BURSTS)
async def test_a_quick_second_key_on_a_closing_modal_does_nothing(seed, reader, keys):
    async with reader(seed) as (pilot, screen):
        burst(pilot, *keys)
        await settle(pilot)
        assert pilot.app.is_running  # no ScreenStackError, and the second q did not quit
        assert pilot.app.screen is screen
        assert pilot.app.screen_stack == [screen]
        await pilot.press("q")  # a key typed afterwards does its usual thing
        assert not pilot.app.is_running


async def test_a_quick_enter_enter_in_the_picker_jumps_once(seed, reader):
    async with reader(seed) as (pilot, screen):
        burst(pilot, *"tstrain", "enter", "enter")
        await settle(pilot)
        assert screen.body.current_section == 1
        assert len(screen.history) == 1  # one jump, so one Backspace goes back to the top
        await pilot.press("backspace")
        assert screen.body.scroll_y == 0


def modal_screens(screen: ReaderScreen) -> list[Modal]:
    return [
        SectionPicker(screen.briefing.sections),
        HelpScreen(screen.app.help_groups()),  # type: ignore[attr-defined]
        InfoScreen(screen.briefing),
        BookmarkList([], lambda mark: None),
        LinksScreen([]),
    ]


@pytest.mark.parametrize(
    "which", [0, 1, 2, 3, 4], ids=["picker", "help", "info", "bookmarks", "links"]
)
async def test_every_modal_screen_is_dismissed_once(seed, reader, which):
    """A second dismiss (a second Enter, Esc or click while it closes) is left alone."""
    async with reader(seed) as (pilot, screen):
        modal = modal_screens(screen)[which]
        results = []
        pilot.app.push_screen(modal, results.append)
        await pilot.pause()
        modal.dismiss(None)
        modal.dismiss(None)
        await settle(pilot)
        assert results == [None]
        assert pilot.app.screen_stack == [screen]


async def test_a_heading_typed_quickly_after_t_is_the_one_picked(seed, reader):
    async with reader(seed) as (pilot, screen):
        burst(pilot, *"tyouth", "enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert str(screen.body.border_title) == "Article · 5/5 · Meeting youth representatives"


async def test_an_enter_typed_while_the_app_starts_picks_the_heading(seed, reader):
    """Typed before the terminal left line mode, Enter reaches the app as Ctrl+J: the picker
    stayed open with "youth" typed (and 3Gk Enter did not move the article)."""
    async with reader(seed) as (pilot, screen):
        burst(pilot, *"tyouth", "ctrl+j")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert str(screen.body.border_title) == "Article · 5/5 · Meeting youth representatives"
        burst(pilot, *"2Gk", "ctrl+j")  # (the third point: its passage, as Enter opens it)
        await settle(pilot)
        assert str(screen.body.border_title) == "Article · 3/5 · US priorities"


async def test_the_last_section_gone_to_stays_current_when_the_outline_opens(seed, reader):
    """It sits at the end of the article, below the top line: a resize (the outline coming
    or going) named the section at the top line instead (3/5)."""
    async with reader(seed) as (pilot, screen):
        burst(pilot, *"tyouth", "enter")
        await settle(pilot)
        assert str(screen.body.border_title) == "Article · 5/5 · Meeting youth representatives"
        for _ in range(2):  # the outline opens, then closes
            await pilot.press("o")
            await settle(pilot)
            assert str(screen.body.border_title).startswith("Article · 5/5")


async def test_letters_typed_quickly_after_t_are_in_the_filter(seed, reader):
    async with reader(seed) as (pilot, _screen):
        burst(pilot, *"tstrain")
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, SectionPicker)
        assert picker.query_one(Input).value == "strain"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("t", "Enter Go   ↑ ↓ Move   Esc Cancel"),
        ("question_mark", "Esc Close   j k Scroll"),
        ("i", "Esc Close   j k Scroll"),
        ("apostrophe", "Enter Go   d Remove   Esc Close"),
    ],
    ids=["picker", "help", "info", "bookmarks"],
)
async def test_a_modal_shows_its_own_keys_not_the_readers(seed, reader, key, expected):
    async with reader(seed, (100, 30)) as (pilot, _screen):
        await pilot.press(key)
        await settle(pilot)
        assert screen_lines(pilot.app)[-1].strip() == expected  # no "/ Search" under a box
        await pilot.press("escape")
        await settle(pilot)
        assert "/ Search" in screen_lines(pilot.app)[-1]
