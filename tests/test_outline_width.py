"""The outline is as wide as its headings, within limits: the article keeps the rest."""

from __future__ import annotations

import pytest
from snapshot_apps import screen_lines

from tui.format.loader import load_text
from tui.model import Briefing
from tui.ui.widgets.outline import Outline

FRAME = 4
"""The border on each side, the mark's column and a column of margin."""


def briefing_with_headings(*headings: str) -> Briefing:
    sections = "".join(f"  - heading: {heading}\n    body: [Text.]\n" for heading in headings)
    return load_text(f"title: T\nsections:\n{sections}", "headings.yaml").briefing


async def shown_outline(pilot, screen) -> Outline:
    if not screen.has_class("-outline"):
        await pilot.press("o")
    await pilot.pause()
    outline = screen.query_one(Outline)
    assert outline.display and outline.region.width > 0
    return outline


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_outline_is_no_wider_than_its_headings(seed, reader, size):
    longest = max(len(section.heading) for section in seed.sections)
    async with reader(seed, size) as (pilot, screen):
        outline = await shown_outline(pilot, screen)
        assert outline.region.width <= longest + FRAME
        assert outline.region.width <= size[0] // 2


async def test_at_80_columns_every_heading_fits_on_its_line(seed, reader):
    async with reader(seed, (80, 24)) as (pilot, screen):
        outline = await shown_outline(pilot, screen)
        region = outline.region
        inside = [line[region.x : region.right] for line in screen_lines(pilot.app)]
        for section in seed.sections:
            assert any(section.heading in line for line in inside), section.heading
        assert outline.region.width == max(len(s.heading) for s in seed.sections) + FRAME


async def test_short_headings_get_a_usable_outline(reader):
    async with reader(briefing_with_headings("A", "B"), (120, 40)) as (pilot, screen):
        outline = await shown_outline(pilot, screen)
        assert outline.region.width == 16


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 50)], ids=["60x20", "80x24", "200x50"])
async def test_long_headings_are_capped(reader, size):
    briefing = briefing_with_headings("A heading that goes on and on " * 3, "Short")
    async with reader(briefing, size) as (pilot, screen):
        outline = await shown_outline(pilot, screen)
        assert outline.region.width <= 40
        assert outline.region.width <= size[0] // 2
