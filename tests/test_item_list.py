"""The lists of talking points, quotes and sections: how the cursor is drawn."""

from __future__ import annotations

from rich.color import Color

from tui.ui.widgets.item_list import ItemList

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
