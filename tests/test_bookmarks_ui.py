"""Bookmarks in the reader: m marks, ' lists, Enter goes back to the passage, marks shown."""

from __future__ import annotations

from pathlib import Path

from snapshot_apps import body_lines, screen_lines

from tui.bookmarks import Bookmark
from tui.model import Briefing
from tui.storage.bookmarks import BookmarkStore
from tui.storage.positions import PositionStore
from tui.ui.screens.bookmark_list import BookmarkList
from tui.ui.widgets.body import BOOKMARK_MARK

PRIORITIES = "Blinken sought to reassert American influence"


def positions(tmp_path: Path) -> PositionStore:
    return PositionStore(tmp_path / "positions.json")


def bookmarks(tmp_path: Path, seed: Briefing) -> list[Bookmark]:
    return BookmarkStore(tmp_path / "bookmarks.json").get(seed.path)


async def test_m_marks_the_passage_in_view_and_quote_goes_back_to_it(
    reader, seed: Briefing, tmp_path: Path
) -> None:
    async with reader(seed, (120, 40), positions=positions(tmp_path)) as (pilot, screen):
        await pilot.press("right_square_bracket", "right_square_bracket", "m")
        marked = [line for line in body_lines(screen.body) if PRIORITIES in line]
        assert marked and marked[0].startswith(BOOKMARK_MARK), body_lines(screen.body)
        assert [mark.text[: len(PRIORITIES)] for mark in bookmarks(tmp_path, seed)] == [PRIORITIES]
        await pilot.press("G")  # away to the end
        assert not any(PRIORITIES in line for line in body_lines(screen.body))
        await pilot.press("apostrophe")
        assert isinstance(pilot.app.screen, BookmarkList)
        assert any("Article · US priorities" in line for line in screen_lines(pilot.app))
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert PRIORITIES in body_lines(screen.body)[0]  # back at the top of the view


async def test_points_and_quotes_are_marked_in_their_list_and_m_again_unmarks(
    reader, seed: Briefing, tmp_path: Path
) -> None:
    async with reader(seed, (120, 40), positions=positions(tmp_path)) as (pilot, _screen):
        await pilot.press("2", "j", "m", "3", "m")
        await pilot.pause()
        lines = "\n".join(screen_lines(pilot.app))
        assert lines.count("▌ bookmarked") == 2, lines
        assert [mark.pane for mark in bookmarks(tmp_path, seed)] == ["points", "quotes"]
        await pilot.press("m")  # the quote again: unmarked
        await pilot.pause()
        assert [mark.pane for mark in bookmarks(tmp_path, seed)] == ["points"]
        assert "\n".join(screen_lines(pilot.app)).count("▌ bookmarked") == 1


async def test_bookmarks_are_there_next_time(reader, seed: Briefing, tmp_path: Path) -> None:
    async with reader(seed, (120, 40), positions=positions(tmp_path)) as (pilot, _):
        await pilot.press("2", "j", "j", "m")
    async with reader(seed, (80, 24), positions=positions(tmp_path)) as (pilot, screen):
        points, _ = screen.side_panes()
        assert points.bookmarked == {2}
        await pilot.press("right_square_bracket", "m", "g")  # and one in the article
        await pilot.press("apostrophe")
        assert any("Talking point 3" in line for line in screen_lines(pilot.app))
        await pilot.press("j", "enter")  # the second: the point (the article's comes first)
        await pilot.pause()
        assert screen.active_pane == "points" and points.highlighted == 2


async def test_a_bookmark_whose_passage_is_gone_is_listed_as_gone_and_can_be_removed(
    reader, seed: Briefing, tmp_path: Path
) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.json")
    store.add(seed.path, Bookmark("body", "A paragraph since edited away.", "us-priorities"))
    async with reader(seed, (120, 40), positions=positions(tmp_path)) as (pilot, screen):
        await pilot.press("apostrophe")
        lines = screen_lines(pilot.app)
        assert any("gone: no longer in the file" in line for line in lines), lines
        await pilot.press("enter")  # nowhere to go: the list stays
        assert isinstance(pilot.app.screen, BookmarkList)
        await pilot.press("d")
        await pilot.pause()
        assert any("No bookmarks yet" in line for line in screen_lines(pilot.app))
        assert bookmarks(tmp_path, seed) == []
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_without_a_state_folder_bookmarks_last_the_session(
    reader, seed: Briefing, notes: list[str]
) -> None:
    async with reader(seed, (120, 40)) as (pilot, screen):
        await pilot.press("right_square_bracket", "m")
        assert len(screen.bookmarks.marks) == 1
        # (--no-resume said "Bookmarked" and saved nothing, without a word)
        assert notes[-1].endswith("Nothing is saved in this run: it lasts until you quit.")
        await pilot.press("apostrophe")
        assert isinstance(pilot.app.screen, BookmarkList)


async def test_a_briefing_without_bookmarks_never_reads_every_block_for_them(
    reader, seed: Briefing, tmp_path: Path
) -> None:
    """Finding bookmarks reads every block's text (0.4 s at 20,000 paragraphs): not at start."""
    async with reader(seed, (120, 40), positions=positions(tmp_path)) as (pilot, screen):
        assert screen.bookmarks._finder is None
        await pilot.press("m")
        assert screen.bookmarks._finder is not None


async def test_m_after_a_jump_to_a_short_last_section_marks_that_section(
    reader, seed: Briefing, tmp_path: Path
) -> None:
    """The last section cannot come to the top: the passage lit by the jump is the one in view."""
    last = seed.sections[-1]
    async with reader(seed, (120, 40), positions=positions(tmp_path)) as (pilot, screen):
        await pilot.press(*["right_square_bracket"] * len(seed.sections))
        await pilot.pause()
        assert last.heading not in body_lines(screen.body)[0]  # (the top shows an earlier one)
        await pilot.press("m")
        assert [mark.section for mark in bookmarks(tmp_path, seed)] == [last.id]
