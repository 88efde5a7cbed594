"""Selecting text with the mouse, and copying it with Ctrl+C."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

WIDE = (120, 40)


async def drag(pilot: Pilot[None], widget: object, start: tuple[int, int], end: tuple[int, int]):
    """Press the mouse at ``start``, move it to ``end`` and let go (offsets in ``widget``)."""
    await pilot.mouse_down(widget, offset=start)
    await pilot.hover(widget, offset=end)
    await pilot.mouse_up(widget, offset=end)
    await pilot.pause()


@pytest.mark.parametrize("pane", ["points", "quotes"])
async def test_dragging_over_a_list_then_ctrl_c_does_not_crash(seed, reader, pane):
    async with reader(seed, WIDE) as (pilot, screen):
        widget = screen.pane_widget(pane)
        await drag(pilot, widget, (3, 1), (20, 4))
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert pilot.app.is_running
        assert pilot.app.screen is screen
        # The list still works as before: the drag was a click on an item.
        assert widget.has_focus
        before = widget.highlighted
        assert before is not None
        await pilot.press("j")
        assert widget.highlighted == before + 1


@pytest.mark.parametrize("pane", ["points"])
async def test_a_triple_click_then_ctrl_c_does_not_crash(seed, reader, pane):
    async with reader(seed, WIDE) as (pilot, screen):
        widget = screen.pane_widget(pane)
        await pilot.triple_click(widget, offset=(5, 3))
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert pilot.app.is_running
        assert pilot.app.screen is screen
