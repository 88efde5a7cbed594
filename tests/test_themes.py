"""NO_COLOR is honoured and light themes read well: a place is never marked by colour alone."""

from __future__ import annotations

import pytest
from snapshot_apps import strip_text
from textual.color import Color

from tui.ui.widgets.body import BodyView
from tui.ui.widgets.item_list import ItemList


def reversed_text(widget: BodyView | ItemList, needle: str) -> str:
    """The reversed text on the widget's line holding ``needle``."""
    for y in range(widget.scrollable_content_region.height):
        strip = widget.render_line(y)
        if needle in strip_text(strip):
            return "".join(s.text for s in strip if s.style is not None and s.style.reverse)
    raise AssertionError(f"{needle!r} is not on screen")


@pytest.mark.parametrize("no_color", [True, False])
async def test_without_colour_the_cursor_and_the_highlight_are_reversed(
    seed, reader, monkeypatch, no_color
):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    async with reader(seed) as (pilot, screen):
        assert pilot.app.no_color == no_color
        await pilot.press("2", "j", "enter")  # the second point's passage, highlighted
        points = screen.query_one("#points", ItemList)
        cursor = reversed_text(points, "Joint approach to mass migration")
        passage = reversed_text(screen.body, "Joint approach to mass migration")
        if no_color:
            assert "Joint approach to mass migration" in cursor
            assert passage.strip() == "Joint approach to mass migration from Haiti and Venezuela"
        else:  # in colour, a background tells them apart
            assert cursor == passage == ""


async def test_in_a_light_theme_accent_text_is_darker(seed, reader):
    async with reader(seed) as (pilot, screen):
        dark_heading = screen.body.get_component_rich_style("body--heading").color
        pilot.app.theme = "textual-light"
        await pilot.pause()
        variables = pilot.app.theme_variables
        heading = screen.body.get_component_rich_style("body--heading").color
        assert heading is not None and dark_heading is not None
        assert Color.from_rich_color(heading) == Color.parse(variables["text-accent"])
        assert Color.from_rich_color(dark_heading) == Color.parse("#FEA62B")  # dark: as it was
        await pilot.pause()
        spans = screen.query_one("#key-hints").render().spans
        assert spans and all(span.style == "bold $text-accent" for span in spans)
