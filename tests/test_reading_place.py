"""The reader's place survives what moves the view without the reader: resizes, reopening."""

from __future__ import annotations

from dataclasses import replace

import pytest
from snapshot_apps import body_lines

from tui.format.bundled import default_briefing_path
from tui.model import Briefing
from tui.storage.positions import PositionStore

US_PRIORITIES = 2


def top_text(screen) -> str:
    return body_lines(screen.body)[0].strip()


async def test_growing_then_shrinking_the_terminal_keeps_the_place(seed, reader):
    async with reader(seed, (120, 40)) as (pilot, screen):
        screen.body.scroll_to_section(US_PRIORITIES)
        await pilot.pause()
        assert top_text(screen) == "US priorities"
        # So tall that the end of the text cannot let the heading reach the top.
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert top_text(screen) == "US priorities"
        assert screen.body.current_section == US_PRIORITIES


async def test_a_resize_through_a_narrow_layout_keeps_the_place(seed, reader):
    async with reader(seed, (120, 40)) as (pilot, screen):
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j", "j")
        before = top_text(screen)
        for size in [(80, 24), (60, 80), (200, 60), (120, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert top_text(screen) == before


@pytest.fixture
def briefing(seed: Briefing) -> Briefing:
    return replace(seed, path=str(default_briefing_path()))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_reopening_shows_the_very_line_that_was_on_top(briefing, reader, tmp_path, size):
    store = PositionStore(tmp_path / "positions.json")
    tops = []
    # Every kind of top line: a heading, the rule under it, a paragraph, a blank line.
    for keys in [("right_square_bracket",), ("j",), ("j",), ("j", "j", "j", "j")]:
        async with reader(briefing, size, positions=store) as (pilot, screen):
            await pilot.press(*keys)
            left = (round(screen.body.scroll_y), top_text(screen))
        async with reader(briefing, size, positions=store) as (pilot, screen):
            await pilot.pause()
            assert (round(screen.body.scroll_y), top_text(screen)) == left
            tops.append(left[0])
    assert len(set(tops)) == 4, tops


async def test_every_line_has_a_place_of_its_own(seed, reader):
    async with reader(seed, (120, 40)) as (pilot, screen):
        body = screen.body
        await pilot.resize_terminal(120, 16)  # the whole text can be scrolled through
        await pilot.pause()
        for y in range(int(body.max_scroll_y) + 1):
            body.scroll_to(y=y, animate=False, immediate=True)
            assert body.line_of(body.reading_position()) == y


async def test_a_new_search_starts_at_the_view_not_at_the_last_match(seed, reader):
    async with reader(seed, (120, 40)) as (pilot, screen):
        body = screen.body
        await pilot.press("slash", *"colombia", "enter")
        first = body.highlight
        await pilot.press("n", "n")
        assert body.highlight != first
        await pilot.press("g", "slash", "enter")  # the same search again, from the top
        assert body.highlight == first


async def test_previous_section_on_the_first_says_so(seed, reader, notes):
    async with reader(seed, notifications=True) as (pilot, _screen):
        await pilot.press("left_square_bracket")
        assert "This is the first section." in notes
