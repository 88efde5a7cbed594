"""Esc in the reader: away with the toasts and the highlight of the last jump."""

from __future__ import annotations

from snapshot_apps import screen_lines


async def test_escape_dismisses_a_warning_toast(hostile, reader):
    async with reader(hostile.briefing, (60, 20), hostile.warnings, notifications=True) as (
        pilot,
        _screen,
    ):
        assert any("warnings in this file" in line for line in screen_lines(pilot.app))
        await pilot.press("escape")
        await pilot.pause()
        assert not any("warnings in this file" in line for line in screen_lines(pilot.app))
        assert pilot.app.is_running


async def test_escape_clears_the_highlight_of_a_jump(seed, reader):
    async with reader(seed) as (pilot, screen):
        await pilot.press("2", "j", "enter")
        assert screen.body.highlight is not None
        before = screen.body.scroll_y
        await pilot.press("escape")
        assert screen.body.highlight is None
        assert screen.body.scroll_y == before  # the view stays where the jump put it


async def test_escape_in_the_search_line_only_closes_it(seed, reader):
    async with reader(seed) as (pilot, screen):
        await pilot.press("2", "j", "enter", "slash")
        await pilot.press("escape")
        assert not screen.search_bar.display
        assert screen.body.highlight is not None  # a second Esc clears it
        await pilot.press("escape")
        assert screen.body.highlight is None
