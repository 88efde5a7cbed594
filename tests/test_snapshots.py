"""Snapshots of the reader at 120x40 and 80x24 (pytest-textual-snapshot).

Regenerate with ``pytest tests/test_snapshots.py --snapshot-update`` and look at
the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from snapshot_apps import every_key_app, hostile_app, seed_app

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
def test_start(snap_compare, size):
    assert snap_compare(seed_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_talking_point_jump(snap_compare, size):
    """Talking point 2 chosen: the body jumps to its paragraph and highlights it.

    At 80x24 the jump starts from the points tab, with the body hidden: the
    paragraph must still be at the top, highlighted, under "4/5".
    """
    assert snap_compare(seed_app(), press=["2", "j", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, size):
    assert snap_compare(seed_app(), press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_section_picker(snap_compare, size):
    assert snap_compare(seed_app(), press=["t"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_hostile_markup(snap_compare, size):
    """Markup and escapes shown literally, with the warning toast."""
    assert snap_compare(hostile_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("sections", [2, 3], ids=["quote", "list"])
def test_block_quote_and_list(snap_compare, size, sections):
    """Section 3 has Blinken's block quote with its credit; section 4 is a bulleted list."""
    assert snap_compare(seed_app(), press=["]"] * sections, terminal_size=size)


def test_link_list(snap_compare):
    """``L`` at 80x24: the source's link and the article's, each with its section and URL."""
    assert snap_compare(every_key_app(), press=["L"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES)
def test_search(snap_compare, size):
    """A search with several matches in view: all lit up, the second one current, "2/12" counted.

    The count comes from a worker thread: the screenshot waits for it.
    """

    async def search(pilot) -> None:
        await pilot.press("slash", *"colombia", "enter", "n")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(seed_app(), run_before=search, terminal_size=size)


def test_light_theme_80x24(snap_compare):
    """textual-light at 80x24, after a jump: accent text (headings, bullets, keys) darker."""
    app = seed_app()
    app.theme = "textual-light"
    assert snap_compare(app, press=["2", "j", "enter"], terminal_size=(80, 24))
