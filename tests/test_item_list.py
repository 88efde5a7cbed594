"""The lists of talking points, quotes and sections: how the cursor is drawn."""

from __future__ import annotations

import pytest
from rich.color import Color
from snapshot_apps import screen_lines

import tui.ui.widgets.item_list as item_list_module
from tui.document.wrap import line_starts
from tui.model import Briefing, Section, TalkingPoint
from tui.ui.widgets.item_list import ItemList, ItemsLayout, Part

WIDE = (120, 40)


def cursor_background(item_list: ItemList) -> Color | None:
    """The background of the text on the cursor's first line, as drawn."""
    index = item_list.highlighted
    layout = item_list.items_layout
    assert index is not None and layout is not None
    top, _ = layout.span(index)
    strip = item_list.render_line(top - round(item_list.scroll_y))
    text = [segment for segment in strip if segment.text.strip()]
    backgrounds = {segment.style.bgcolor for segment in text if segment.style is not None}
    assert len(backgrounds) == 1, backgrounds
    return backgrounds.pop()


async def test_the_cursor_is_brighter_while_the_list_has_focus(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        points = screen.pane_widget("points")
        assert not points.has_focus
        blurred = cursor_background(points)
        await pilot.press("2")
        await pilot.pause()
        assert points.has_focus
        focused = cursor_background(points)
        assert focused != blurred
        # Both as the theme has them.
        variables = pilot.app.theme_variables
        assert focused == Color.parse(variables["block-cursor-background"])
        await pilot.press("1")
        await pilot.pause()
        assert not points.has_focus
        assert cursor_background(points) == blurred
        await pilot.press("2", "j")
        await pilot.pause()
        assert cursor_background(points) == focused


def numbered(count: int) -> list[tuple[Part, ...]]:
    """``count`` items of various lengths, each with a number as its lead."""
    return [
        (Part(" ".join(["word"] * (1 + index % 17)) + f" end{index}", f"{index + 1}. "),)
        for index in range(count)
    ]


def test_a_long_list_is_laid_out_only_as_far_as_asked(monkeypatch) -> None:
    wrapped: list[str] = []
    monkeypatch.setattr(
        item_list_module,
        "line_starts",
        lambda text, width: wrapped.append(text) or line_starts(text, width),
    )
    layout = ItemsLayout(numbered(20_000), 30, gap=1)
    layout.extend(lines=80)  # the first screen and more
    assert len(wrapped) < 60
    assert layout.estimated_height > 20_000  # the scroll range is there before the lines


@pytest.mark.parametrize("gap", [0, 1])
def test_a_layout_grown_piece_by_piece_is_the_layout_made_at_once(gap: int) -> None:
    items = numbered(300)
    whole = ItemsLayout(items, 25, gap)
    whole.extend()
    grown = ItemsLayout(items, 25, gap)
    assert grown.item_near(40) == whole.item_near(40)
    assert grown.span(150) == whole.span(150)
    assert grown.item_at(whole.span(299)[0]) == 299
    assert grown.line(whole.height) is None  # past the end
    assert grown.complete
    assert (grown.lines, grown.tops) == (whole.lines, whole.tops)
    assert grown.estimated_height == grown.height == whole.height


async def test_the_end_of_a_long_list_is_reached_at_once(reader) -> None:
    points = tuple(
        TalkingPoint(" ".join(["word"] * (1 + index % 17)) + f" point{index}")
        for index in range(20_000)
    )
    briefing = Briefing("Many points", (Section("s", "S", ("Text.",)),), talking_points=points)
    async with reader(briefing, WIDE) as (pilot, screen):
        await pilot.press("2", "G")
        await pilot.pause()
        item_list = screen.pane_widget("points")
        assert item_list.border_subtitle == "20000/20000"
        shown = "\n".join(screen_lines(pilot.app))
        assert "point19999" in shown
        await pilot.press("g")
        await pilot.pause()
        assert "point0" in "\n".join(screen_lines(pilot.app))
