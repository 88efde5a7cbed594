"""The library screen, driven with Pilot: listing, sorting, filters, opening, search, speakers."""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from snapshot_apps import LIBRARY_PATH, library_of, screen_lines, screen_strips
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from tui.library.index import (
    IndexUnavailable,
    LibraryIndex,
    Listing,
    Progress,
    Refreshed,
    Speaker,
)
from tui.library.memory_index import MemoryIndex
from tui.library.opened import Library
from tui.library.scan import scan
from tui.storage.positions import Position, PositionStore
from tui.ui.app import BriefingApp
from tui.ui.screens import library as library_screen
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.library_reader import LibraryReaderScreen
from tui.ui.screens.library_search import SearchScreen
from tui.ui.screens.problems import ProblemsScreen
from tui.ui.screens.speakers import SpeakersScreen
from tui.ui.screens.tag_picker import TagPicker
from tui.ui.widgets.filter_line import FilterLine

GLACIER = "Glacier survey finds faster melting"
MARKET = "Farmers return to the market square"
RAIL = "Rail strike ends after a week"
HARBOUR = "Port authority signs the harbour deal"
NEWEST_FIRST = [GLACIER, MARKET, RAIL, HARBOUR, "broken-indent.yaml"]


@asynccontextmanager
async def open_library(
    size: tuple[int, int] = (120, 40),
    positions: PositionStore | None = None,
    paths: tuple[Path, ...] = (LIBRARY_PATH,),
    library: Library | None = None,
) -> AsyncIterator[tuple[Pilot[None], LibraryScreen]]:
    """The library app on ``paths`` (or ``library``), its files read."""
    app = BriefingApp(None, positions=positions, library=library or library_of(*paths))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert not screen.reading
        yield pilot, screen


async def settle(pilot: Pilot[None]) -> None:
    """Let the workers (reading, opening, searching) finish and the screen catch up. A
    worker that a newer one of its group cancelled (a search's count, as letters are typed
    into its line) is waited for too, without taking its cancellation for a failure."""
    for _ in range(3):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()


def titles(screen: LibraryScreen) -> list[str]:
    return [screen.table.rows[index].entry.title for index in screen.table.order]


def cursor_title(screen: LibraryScreen) -> str:
    row = screen.table.current_row
    assert row is not None
    return row.entry.title


async def test_the_table_lists_every_briefing_newest_first_with_the_broken_one_marked() -> None:
    async with open_library() as (pilot, screen):
        assert titles(screen) == NEWEST_FIRST
        lines = screen_lines(pilot.app)
        assert "Library · 5 briefings (1 does not load) · library_screen/" in lines[0]
        header = lines[1]
        for heading in ("Title", "Published▼", "Location", "Source", "Tags", "Pts", "Qts", "Read"):
            assert heading in header
        glacier = lines[2]
        for cell in (GLACIER, "2023-06-01", "Tromso, Norway", "Polar Notes", "unread"):
            assert cell in glacier
        broken = next(line for line in lines if "broken-indent.yaml" in line)
        assert "✗ broken-indent.yaml — 8:1: tab character in indentation" in broken


async def test_80_columns_leave_out_location_and_source_not_the_title() -> None:
    async with open_library(size=(80, 24)) as (pilot, _):
        header = screen_lines(pilot.app)[1]
        assert "Title" in header and "Read" in header and "Published" in header
        assert "Location" not in header and "Source" not in header


async def test_number_keys_sort_by_a_column_and_again_the_other_way() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("1")  # a file that does not load is named by its file name
        assert titles(screen) == ["broken-indent.yaml", MARKET, GLACIER, HARBOUR, RAIL]
        assert "Title▲" in screen_lines(pilot.app)[1]
        await pilot.press("1")
        assert titles(screen) == [RAIL, HARBOUR, GLACIER, MARKET, "broken-indent.yaml"]
        await pilot.press("6")  # points: most first; blanks (the broken file) last either way
        assert titles(screen)[-2:] == [MARKET, "broken-indent.yaml"]
        await pilot.press("2")  # dates: the newest first
        assert titles(screen) == NEWEST_FIRST
        await pilot.press("2")
        assert titles(screen) == [HARBOUR, RAIL, MARKET, GLACIER, "broken-indent.yaml"]


async def test_once_the_library_is_read_its_columns_are_sorted_already(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The loading thread sorts every column but Read each way: a key only re-orders."""
    from tui.ui.widgets import library_table

    async with open_library() as (pilot, screen):

        def no_sorting(*args: object) -> list[int]:
            raise AssertionError("sorted on the key")

        monkeypatch.setattr(library_table, "sorted_by", no_sorting)
        await pilot.press("1")
        assert titles(screen) == ["broken-indent.yaml", MARKET, GLACIER, HARBOUR, RAIL]
        await pilot.press("1", "3", "3", "4", "4", "5", "5", "6", "6", "7", "7", "2", "2")
        assert titles(screen) == [HARBOUR, RAIL, MARKET, GLACIER, "broken-indent.yaml"]


async def test_a_click_on_a_heading_sorts_by_its_column() -> None:
    async with open_library() as (pilot, screen):
        header = screen_lines(pilot.app)[1]
        await pilot.click("#library-table", offset=(header.index("Location") + 1, 0))
        assert screen.table.sort_key == "location"
        assert titles(screen)[:4] == [MARKET, RAIL, GLACIER, HARBOUR]


async def test_the_cursor_stays_on_its_briefing_when_the_order_changes() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("j", "j")
        assert cursor_title(screen) == RAIL
        await pilot.press("1")
        assert cursor_title(screen) == RAIL


async def test_a_cursor_on_the_first_row_stays_on_the_first_row_when_sorted() -> None:
    """After moving about and back to the top, ``1`` showed the first briefing's new place,
    down the new order, not the order's start."""
    async with open_library() as (pilot, screen):
        await pilot.press("j", "k")
        first = cursor_title(screen)
        await pilot.press("1")
        await settle(pilot)
        assert screen.table.cursor == 0 and cursor_title(screen) == titles(screen)[0]
        assert cursor_title(screen) != first


async def test_the_cursor_highlight_moves_with_j_and_k_and_leaves_no_trace() -> None:
    """Only the rows the cursor leaves and reaches are drawn again: the others stay."""

    def lit(pilot: Pilot[None]) -> list[int]:
        """The first five rows drawn in a colour of their own (the cursor's)."""
        strips = screen_strips(pilot.app)[2:7]
        backgrounds = [next(iter(strip)).style.bgcolor for strip in strips]
        return [n for n, bg in enumerate(backgrounds) if backgrounds.count(bg) == 1]

    async with open_library() as (pilot, screen):
        assert lit(pilot) == [0]
        await pilot.press("j", "j")
        assert lit(pilot) == [2]
        assert cursor_title(screen) == RAIL
        await pilot.press("k")
        assert lit(pilot) == [1]


async def test_the_cursor_row_dims_while_the_filter_line_has_the_keys() -> None:
    """The cursor's colour says where keys go: the table's own while it has them, a dimmer
    one while a filter is typed; the other rows stay as they were drawn."""

    def styles(pilot: Pilot[None]) -> list[object]:
        return [next(iter(strip)).style for strip in screen_strips(pilot.app)[2:7]]

    async with open_library() as (pilot, _screen):
        focused = styles(pilot)
        await pilot.press("f")
        dimmed = styles(pilot)
        assert dimmed[0] != focused[0]
        assert dimmed[1:] == focused[1:]
        await pilot.press("enter")
        assert styles(pilot) == focused


async def test_typing_filters_the_table_and_escape_clears_it() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press(*"night")  # no key of the table: the words go to the filter line
        assert titles(screen) == []
        await pilot.press("escape")
        await pilot.press(*"peru")
        assert titles(screen) == [MARKET]
        assert "1 shown" in screen_lines(pilot.app)[0]
        await pilot.press("enter")  # back to the table, the filter kept
        assert screen.focused is screen.table
        await pilot.press("escape")
        assert titles(screen) == NEWEST_FIRST


async def test_a_word_typed_in_a_burst_all_goes_into_the_filter_line() -> None:
    async with open_library() as (pilot, screen):
        for key in "peru":  # all queued before the first has moved the focus
            pilot.app.simulate_key(key)
        await settle(pilot)
        assert screen.query_one(FilterLine).value == "peru"
        assert titles(screen) == [MARKET]


async def test_a_word_typed_in_a_burst_after_f_goes_into_the_filter_line_keys_and_all() -> None:
    """``f`` then ``strike`` at once: s (speakers) and t (tags) are letters of the filter,
    not the screens they open, though they were on their way to the table."""
    async with open_library() as (pilot, screen):
        for key in "fstrike":
            pilot.app.simulate_key(key)
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.query_one(FilterLine).value == "strike"
        assert titles(screen) == [RAIL]


async def test_keys_after_q_and_a_resize_to_a_narrow_terminal_are_the_librarys() -> None:
    """``q ftrade`` with the terminal made 80x24 before the reader had gone. (In tmux it once
    crashed: the pane tabs were mounted on the closing screen and lost their tabs; the
    timing has not come again here, nor in tmux since.)"""
    async with open_library() as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryReaderScreen)
        for key in ["j", "q", "f", *"trade"]:  # (the keys of the tmux burst it crashed on)
            pilot.app.simulate_key(key)
        await pilot.resize_terminal(80, 24)  # (before the keys ahead of q have come back)
        await settle(pilot)
        assert pilot.app.screen is screen and pilot.app.return_code is None
        assert screen.query_one(FilterLine).value == "trade"
        await pilot.press("enter", "enter")  # to the table, and a briefing opens with its tabs
        await settle(pilot)
        assert "Talking points" in "\n".join(screen_lines(pilot.app)[:6])


@pytest.mark.parametrize("closing", ["q", "escape"])
async def test_keys_typed_in_a_burst_after_closing_a_briefing_are_the_librarys(
    closing: str,
) -> None:
    """``q / trade`` and ``q f trade`` sent at once from a briefing: the keys after q reached
    the reader before q came back up to its binding. The / searched in the closing reader
    and t opened the tags; f went to the filter line and "trade" was lost."""
    async with open_library() as (pilot, screen):
        for burst, seen in (["slash", *"trade"], "search"), (["f", *"trade"], "filter"):
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(pilot.app.screen, LibraryReaderScreen)
            for key in [closing, *burst]:  # all queued before any is handled
                pilot.app.simulate_key(key)
            await settle(pilot)
            if seen == "search":
                assert isinstance(pilot.app.screen, SearchScreen)
                assert pilot.app.screen.query_one("#search-query", Input).value == "trade"
                await pilot.press("escape")
                await settle(pilot)
            else:
                assert pilot.app.screen is screen
                assert screen.query_one(FilterLine).value == "trade"


async def test_the_tag_filter_lists_tags_with_counts() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TagPicker)
        text = "\n".join(screen_lines(pilot.app))
        assert "trade  2" in text and "climate  1" in text
        await pilot.press(*"trade", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert titles(screen) == [MARKET, HARBOUR]
        assert "tag: trade" in screen_lines(pilot.app)[0]
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("up", "enter")  # from the tag in force to the first option: all
        await pilot.pause()
        assert titles(screen) == NEWEST_FIRST


async def test_enter_opens_the_reader_and_q_returns_at_the_same_row() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        assert reader.briefing.title == RAIL
        assert "q Library" in " ".join(screen_lines(pilot.app)[-1:])
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.screen is screen and cursor_title(screen) == RAIL
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # no highlight to clear: back
        await pilot.pause()
        assert pilot.app.screen is screen and cursor_title(screen) == RAIL


async def test_braces_go_to_the_next_and_previous_briefing_in_the_tables_order(notes) -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("1", "g", "j", "enter")  # by title: (broken), market, glacier, …
        await settle(pilot)
        assert pilot.app.screen.briefing.title == MARKET  # type: ignore[attr-defined]
        await pilot.press("left_curly_bracket")  # the broken file before it is skipped
        await settle(pilot)
        assert pilot.app.screen.briefing.title == MARKET  # type: ignore[attr-defined]
        assert notes[-1] == "This is the first briefing of the library."
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert pilot.app.screen.briefing.title == GLACIER  # type: ignore[attr-defined]
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await settle(pilot)
        assert pilot.app.screen.briefing.title == RAIL  # type: ignore[attr-defined]
        await pilot.press("right_curly_bracket")  # the last one
        await settle(pilot)
        assert pilot.app.screen.briefing.title == RAIL  # type: ignore[attr-defined]
        assert notes[-1] == "This is the last briefing of the library."
        await pilot.press("left_curly_bracket")
        await settle(pilot)
        assert pilot.app.screen.briefing.title == HARBOUR  # type: ignore[attr-defined]
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.screen is screen and cursor_title(screen) == HARBOUR
        assert len(pilot.app.screen_stack) == 1


async def test_a_briefing_from_the_library_follows_its_file_as_it_is_saved(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY_PATH, folder)
    async with open_library(paths=(folder,)) as (pilot, _):
        await pilot.press("enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen) and reader.live_reload is not None
        path = Path(reader.briefing.path)
        title = reader.briefing.title
        path.write_text(
            path.read_text(encoding="utf-8").replace(title, "Edited while open", 1),
            encoding="utf-8",
        )
        reader.live_reload.poll()
        await settle(pilot)
        assert pilot.app.screen is reader and reader.briefing.title == "Edited while open"
        assert any("Edited while open" in line for line in screen_lines(pilot.app))


async def test_braces_typed_in_a_burst_each_go_one_briefing_on() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        # Both keys queued before the first briefing is read: the second goes on from it.
        pilot.app.simulate_key("right_curly_bracket")
        pilot.app.simulate_key("right_curly_bracket")
        await settle(pilot)
        assert pilot.app.screen.briefing.title == RAIL  # type: ignore[attr-defined]
        assert len(pilot.app.screen_stack) == 2
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.screen is screen and cursor_title(screen) == RAIL


async def test_how_far_each_briefing_was_read_shows_and_follows_the_reader(
    tmp_path: Path,
) -> None:
    positions = PositionStore(tmp_path / "positions.json")
    glacier = str(LIBRARY_PATH / "glacier-survey.yaml")
    harbour = str(LIBRARY_PATH / "2021" / "harbour-deal.yaml")
    positions.put(glacier, Position(1, 0))  # of 3 blocks
    positions.put(harbour, Position(4, 0))  # of 5: the last
    async with open_library(positions=positions) as (pilot, _):
        lines = screen_lines(pilot.app)
        assert "67% read" in next(line for line in lines if GLACIER in line)
        assert "finished" in next(line for line in lines if HARBOUR in line)
        assert "unread" in next(line for line in lines if MARKET in line)
        await pilot.press("j", "enter")  # the market briefing, read to its last block
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        reader.body.start_at((len(reader.document) - 1, 0))
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert "finished" in next(line for line in screen_lines(pilot.app) if MARKET in line)


async def test_a_briefing_read_to_its_end_with_g_is_finished_and_resumes_there(
    tmp_path: Path, notes: list[str]
) -> None:
    """``G`` saved the top of the last page: "33% read", never "finished", and the resume
    named an earlier section than the border showed."""
    content = Path(__file__).parent.parent / "content"
    positions = PositionStore(tmp_path / "positions.json")
    async with open_library((80, 24), positions, paths=(content,)) as (pilot, screen):
        await pilot.press("enter", "G")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        last = len(reader.briefing.sections)
        assert reader.body.border_subtitle == "End"
        await pilot.press("q")
        await pilot.pause()
        row = screen.table.current_row
        assert row is not None and row.cells["read"] == "finished"
        await pilot.press("enter")
        await settle(pilot)
        again = pilot.app.screen
        assert isinstance(again, LibraryReaderScreen)
        assert again.body.border_subtitle == "End"
        assert f"Back where you left off, in section {last} of {last}." in notes[-1]


async def test_a_broken_file_shows_all_its_errors_and_the_library_stays() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("G", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ProblemsScreen)
        text = "\n".join(screen_lines(pilot.app))
        assert "broken-indent.yaml does not load" in text
        assert "8:1: error: tab character in indentation" in text
        assert "8:1: hint: replace the tab with spaces" in text
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen and cursor_title(screen) == "broken-indent.yaml"


async def test_a_file_gone_since_the_scan_is_a_row_that_does_not_stop_the_library(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "library"
    shutil.copytree(LIBRARY_PATH, copy)
    async with open_library(paths=(copy,)) as (pilot, _):
        (copy / "glacier-survey.yaml").unlink()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ProblemsScreen)
        assert "no such file" in "\n".join(screen_lines(pilot.app))


async def test_search_results_open_the_reader_at_the_passage_and_come_back(notes) -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        text = "\n".join(screen_lines(pilot.app))
        assert HARBOUR in text and "article · Reactions" in text
        assert "Shipping lines said the new cranes would cut waiting times by half." in text
        (hit,) = search.hits
        assert hit.snippet[slice(*hit.marks[0])] == "cranes"
        await pilot.press("enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        assert reader.briefing.title == HARBOUR
        assert reader.body.current_section == 1  # Reactions
        highlight = reader.body.highlight
        assert highlight is not None
        assert reader.document.texts[highlight.block][highlight.start : highlight.end] == "cranes"
        assert "q Results" in screen_lines(pilot.app)[-1]  # where q goes back to
        await pilot.press("escape")  # the highlight first
        assert pilot.app.screen is reader
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is search
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert cursor_title(screen) == HARBOUR


@pytest.mark.parametrize("burst", [False, True])
async def test_down_in_the_search_line_goes_to_the_results_and_enter_opens_one(
    burst: bool,
) -> None:
    """↓ scrolled the one-line query box (nothing to scroll) and never reached the results;
    then, as the screen's key, it ran after an Enter sent with it (tmux ``Down Enter``)."""
    async with open_library() as (pilot, _):
        await pilot.press("slash", *"cranes")
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        for _ in range(100):  # until the query typed has been asked (after a pause)
            await pilot.pause(0.02)
            await pilot.app.workers.wait_for_complete()
            if search.hits:
                break
        assert len(search.hits) == 1
        if burst:
            for key in ("down", "enter"):
                pilot.app.simulate_key(key)
        else:
            await pilot.press("down")
            assert search.focused is search.results
            await pilot.press("enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen) and reader.briefing.title == HARBOUR


async def test_down_and_enter_typed_before_the_query_is_asked_open_its_first_result() -> None:
    """``/cranes`` ↓ Enter at once: ↓ came before the query was asked (a pause after the
    last letter), found no results to go to, and Enter only asked the query."""
    async with open_library() as (pilot, _):
        for key in ("slash", *"market", "down", "enter"):
            pilot.app.simulate_key(key)
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen) and reader.briefing.title == MARKET


async def test_down_while_an_older_query_is_shown_goes_to_the_new_querys_results() -> None:
    async with open_library() as (pilot, _):
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen) and search.hits[0].title == HARBOUR
        await pilot.press("slash", *"market", "down", "enter")  # (before it is asked)
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen) and reader.briefing.title == MARKET


async def test_up_in_the_query_line_brings_back_earlier_queries_kept_between_runs(
    tmp_path: Path,
) -> None:
    """After Esc and /, the query line was empty and ↑ brought back nothing."""
    positions = PositionStore(tmp_path / "positions.json")
    async with open_library(positions=positions) as (pilot, _screen):
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        await pilot.press("escape", "slash", *"tag:energy", "enter")
        await settle(pilot)
        await pilot.press("escape", "slash")
        search = pilot.app.screen
        assert isinstance(search, SearchScreen) and search.query_line.value == ""
        await pilot.press("up")
        assert search.query_line.value == "tag:energy"
        await pilot.press("up")
        assert search.query_line.value == "cranes"
        await pilot.press("down", "down")
        assert search.query_line.value == ""  # back to what was typed
        await pilot.press("down")
        await settle(pilot)
        assert search.query_line.value == "" and pilot.app.screen is search
    async with open_library(positions=positions) as (pilot, _screen):  # the next run
        await pilot.press("slash")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press("up", "up")
        assert search.query_line.value == "cranes"
        await pilot.press("down")
        await settle(pilot)
        assert search.query_line.value == "tag:energy"  # (↓ while recalling: a later one)


async def test_a_filter_that_is_not_one_is_said_beside_the_results(tmp_path: Path) -> None:
    """``after:soon`` was dropped in silence: the reader believed the dates were applied."""
    from tui.library.sqlite_index import SqliteIndex

    found = scan([str(LIBRARY_PATH)])
    index = SqliteIndex(tmp_path / "index.sqlite")
    library = Library("library_screen/", found.paths, index, found.notices)
    async with open_library(library=library) as (pilot, _):
        await pilot.press("slash", *"cranes after:soon", "enter")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen) and len(search.hits) == 1
        status = screen_lines(pilot.app)[2]
        assert "1 result, best first · after: wants a date like 2021-01-01, not 'soon'" in status
    index.close()


async def test_a_query_typed_right_after_the_slash_all_goes_into_the_search_line() -> None:
    async with open_library() as (pilot, _):
        for key in ["slash", *"cranes", "enter"]:  # all queued before the search screen opens
            pilot.app.simulate_key(key)
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        assert search.query_text == "cranes" and len(search.hits) == 1


async def test_typing_in_the_search_results_edits_the_query() -> None:
    """Letters and Backspace typed in the results go to the query line; ↑ ↓ move the list."""
    from textual.widgets import Input

    async with open_library() as (pilot, _):
        await pilot.press("slash", *"rail", "enter")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        line = search.query_one("#search-query", Input)
        assert search.focused is search.results and len(search.hits) == 2
        await pilot.press("down")
        assert search.results.highlighted == 1
        await pilot.press("k")  # j and k move, as in the table ("railk" found nothing)
        assert search.results.highlighted == 0 and line.value == "rail"
        await pilot.press("j")
        assert search.results.highlighted == 1 and search.focused is search.results
        await pilot.press(*" strike")  # (the k of strike: in the line by then, typed)
        await settle(pilot)
        assert search.focused is line and line.value == "rail strike"
        await pilot.press("enter")
        await settle(pilot)
        assert search.query_text == "rail strike" and search.focused is search.results
        await pilot.press("backspace")
        await settle(pilot)
        assert search.focused is line and line.value == "rail strik"
        await pilot.press("e", "enter")
        await settle(pilot)
        assert search.focused is search.results
        await pilot.press("ctrl+w")  # the line's own editing keys too
        await settle(pilot)
        assert search.focused is line and line.value == "rail "
        await pilot.press("enter", "ctrl+u")
        await settle(pilot)
        assert search.focused is line and line.value == ""
        await pilot.press(*"rail", "enter")
        await settle(pilot)
        assert search.focused is search.results
        await pilot.press("slash", *"port")  # / still goes back with the query selected
        assert search.focused is line and line.value == "port"


async def test_keys_typed_in_the_search_results_in_a_burst_all_edit_the_query() -> None:
    from textual.widgets import Input

    async with open_library() as (pilot, _):
        await pilot.press("slash", *"rail", "enter")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen) and search.focused is search.results
        for key in ("q", "backspace", "w", "a", "y"):  # q types, it does not quit
            pilot.app.simulate_key(key)
        await settle(pilot)
        assert pilot.app.is_running and pilot.app.screen is search
        line = search.query_one("#search-query", Input)
        assert search.focused is line and line.value == "railway"


async def test_a_quote_found_by_search_opens_with_its_passage_lit(
    tmp_path: Path, notes: list[str]
) -> None:
    positions = PositionStore(tmp_path / "positions.json")
    glacier = str((LIBRARY_PATH / "glacier-survey.yaml").resolve())
    positions.put(glacier, Position(2, 0))  # left at the end: not where the quote opens
    async with open_library(positions=positions) as (pilot, _):
        await pilot.press("slash", *"lars", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        highlight = reader.body.highlight
        assert highlight is not None
        shown = reader.document.texts[highlight.block][highlight.start : highlight.end]
        assert shown == "retreated twice as fast"
        assert not any("where you left off" in note for note in notes)


async def test_speakers_list_counts_and_each_quote_opens_its_briefing() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SpeakersScreen)
        text = "\n".join(screen_lines(pilot.app))
        assert "Ana Ruiz  2 quotes in 2 briefings" in text
        assert "Lars Berg  1 quote in 1 briefing" in text
        await pilot.press("enter")
        await settle(pilot)
        text = "\n".join(screen_lines(pilot.app))
        assert "Quotes of Ana Ruiz: 2" in text and "raised night pay" in text
        await pilot.press("down", "enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        assert reader.briefing.title == HARBOUR
        highlight = reader.body.highlight
        assert highlight is not None
        shown = reader.document.texts[highlight.block][highlight.start : highlight.end]
        assert shown == "keeps the night shifts"
        await pilot.press("q", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SpeakersScreen)
        assert "Speakers: 2" in screen_lines(pilot.app)[0]
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_the_speakers_list_moves_with_j_and_k() -> None:
    async with open_library() as (pilot, _):
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert "Quotes of Lars Berg: 1" in screen_lines(pilot.app)[0]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k", "enter")
        await settle(pilot)
        assert "Quotes of Ana Ruiz: 2" in screen_lines(pilot.app)[0]


async def test_the_speakers_are_filtered_by_name() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("f", *"LARS")  # (a q or an s typed is a letter of the name)
        await pilot.pause()
        lines = screen_lines(pilot.app)
        assert "Speakers: 1 of 2 with 'LARS' in their name" in lines[0]
        assert "Ana Ruiz" not in "\n".join(lines)
        await pilot.press("enter")
        await settle(pilot)
        assert "Quotes of Lars Berg: 1" in screen_lines(pilot.app)[0]
        await pilot.press("escape")  # back to the speakers the filter left
        await pilot.pause()
        assert "Speakers: 1 of 2" in screen_lines(pilot.app)[0]
        await pilot.press("f", "backspace", "backspace", "backspace", "backspace", *"ruíz")
        await pilot.pause()
        assert "Speakers: 1 of 2 with 'ruíz'" in screen_lines(pilot.app)[0]
        await pilot.press("escape")  # the filter away: every speaker
        await pilot.pause()
        assert "Speakers: 2, most quoted first" in screen_lines(pilot.app)[0]
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen


@pytest.mark.parametrize("burst", [False, True])
async def test_q_goes_back_step_by_step_from_a_filtered_speakers_quotes(burst: bool) -> None:
    """After a speaker's quotes, q typed "q" into the filter line instead of going back; and
    ↓ typed at once with a name moved the list before the name was in the line."""
    async with open_library() as (pilot, screen):
        await pilot.press("s")
        await settle(pilot)
        keys = ["a", "down", "j", "enter"]  # ↓: from the line to the list
        if burst:
            for key in keys:  # all queued before any is handled
                pilot.app.simulate_key(key)
        else:
            await pilot.press(*keys)
        await settle(pilot)
        assert "Quotes of Lars Berg: 1" in screen_lines(pilot.app)[0]
        await pilot.press("q")
        await pilot.pause()
        assert "Speakers: 2 of 2 with 'a' in their name" in screen_lines(pilot.app)[0]
        await pilot.press("q")  # the filter away
        await pilot.pause()
        assert "Speakers: 2, most quoted first" in screen_lines(pilot.app)[0]
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.screen is screen


@pytest.mark.parametrize("typed", ["flars", "lars"])
async def test_a_name_typed_in_a_burst_on_the_speakers_filters_them(typed: str) -> None:
    async with open_library() as (pilot, _):
        await pilot.press("s")
        await settle(pilot)
        for key in typed:  # all queued before any is handled
            pilot.app.simulate_key(key)
        await settle(pilot)
        assert "Speakers: 1 of 2 with 'lars' in their name" in screen_lines(pilot.app)[0]


async def test_the_palette_opens_a_briefing_or_shows_a_tag() -> None:
    async with open_library() as (pilot, screen):
        await pilot.press("ctrl+p", *"open rail")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CommandPalette)
        assert f"Open: {RAIL}" in "\n".join(screen_lines(pilot.app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryReaderScreen)
        assert pilot.app.screen.briefing.title == RAIL
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("ctrl+p", *"sort by")
        await settle(pilot)
        commands = "\n".join(screen_lines(pilot.app))
        assert "Sort by column 1 title … 8 read (again: reversed)" in commands
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p", *"tag trade")
        await settle(pilot)
        assert "Tag: trade (2)" in "\n".join(screen_lines(pilot.app))
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen and titles(screen) == [MARKET, HARBOUR]


async def test_search_results_and_a_speakers_quotes_say_when_each_briefing_was_published() -> None:
    async with open_library() as (pilot, _):
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        assert f"{HARBOUR}  2021-03-04 · article · Reactions" in "\n".join(screen_lines(pilot.app))
        await pilot.press("escape", "s", "enter")
        await settle(pilot)
        text = "\n".join(screen_lines(pilot.app))
        assert f"{RAIL}  2021-11-20 · quote" in text
        assert f"{HARBOUR}  2021-03-04 · quote · The signing" in text


async def test_help_and_the_key_line_show_the_library_keys_only_with_a_library(
    reader, seed
) -> None:
    async with open_library() as (pilot, _):
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(screen_lines(pilot.app))
        assert "Library" in text and "Search the library" in text
        assert "Next briefing in the library's order" in text
    async with reader(seed) as (pilot, _):
        assert "Briefing" not in screen_lines(pilot.app)[-1]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "library" not in "\n".join(screen_lines(pilot.app))


async def test_help_from_the_search_screen_starts_with_its_keys_and_says_letters_are_typed() -> (
    None
):
    """Help from the results listed "Anywhere: q Quit, ? Help", which are typed into the
    query there, and nothing of the search screen itself."""
    async with open_library() as (pilot, _):
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        pilot.app.action_help()
        await pilot.pause()
        text = "\n".join(screen_lines(pilot.app))
        assert "Library search: other keys, q and ? too, edit the query" in text
        assert text.index("Open the result at its passage") < text.index("Filter: type words")


async def test_a_long_key_description_wraps_in_its_own_column_in_help() -> None:
    """A description too long for the help box went on at column 0, under the keys."""
    async with open_library(size=(80, 24)) as (pilot, _):
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_lines(pilot.app)
        (first,) = [line for line in lines if "Sort by column 1 title" in line]
        (rest,) = [line for line in lines if "reversed)" in line]
        assert rest.index("reversed)") == first.index("Sort by")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_q_in_the_library_quits(size: tuple[int, int]) -> None:
    async with open_library(size=size) as (pilot, _):
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.return_code == 0 and not pilot.app.is_running


async def test_an_index_that_cannot_be_read_is_a_message_not_a_crash(
    tmp_path: Path, notes: list[str]
) -> None:
    from tui.library.sqlite_index import SqliteIndex

    file = tmp_path / "index.sqlite"
    found = scan([str(LIBRARY_PATH)])
    library = Library("library_screen/", found.paths, SqliteIndex(file), found.notices)
    app = BriefingApp(None, library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert titles(app.screen) == NEWEST_FIRST  # type: ignore[arg-type]
        garbage = tmp_path / "garbage"
        garbage.write_bytes(b"not a database at all " * 500)
        garbage.replace(file)  # another process replaced it with something else
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, SearchScreen)
        assert app.screen.hits == []
        damaged = "the library's index is damaged; it is built again at the next refresh"
        # Not "Nothing found": the index did not answer (an archive's timeout, too).
        assert f"Could not search: {damaged}" in "\n".join(screen_lines(app))
        assert notes[-1] == damaged
    library.index.close()


@pytest.mark.parametrize(
    ("opening", "burst", "expected"),
    [
        (("slash", *"zzq"), ("ctrl+u", *"cranes"), "cranes"),  # the search line
        (("slash", *"the"), ("backspace", "y"), "thy"),
        (("f", *"rail"), ("ctrl+w", *"port"), "port"),  # the filter line
        (("t", *"tra"), ("home", "x"), "xtra"),  # the tag picker's filter
    ],
)
async def test_a_lines_own_keys_act_at_their_turn_in_a_burst(
    opening: tuple[str, ...], burst: tuple[str, ...], expected: str
) -> None:
    """Keys sent at once (a fast typist, a paste, tmux's send-keys) keep their order:
    Textual runs an input's bindings only after the keys behind them were typed in."""
    from textual.widgets import Input

    async with open_library() as (pilot, _screen):
        await pilot.press(*opening)
        await settle(pilot)
        for key in burst:
            pilot.app.simulate_key(key)
        await settle(pilot)
        focused = pilot.app.focused
        assert isinstance(focused, Input)
        assert focused.value == expected


class NewestOnly(MemoryIndex):
    """The in-memory index listing only its newest ``listed`` rows, as a large archive does."""

    def __init__(self, listed: int) -> None:
        super().__init__()
        self.listed = listed

    def entries(self, limit: int | None = None) -> Listing:
        rows = super().entries()
        return Listing(rows[: min(self.listed, limit or self.listed)], held=len(rows))


async def test_the_header_counts_every_briefing_held_and_every_failure_not_only_those_listed(
    notes: list[str],
) -> None:
    # broken-indent.yaml, undated, is the last row: outside the newest 3 listed.
    found = scan([str(LIBRARY_PATH)])
    library = Library("library_screen/", found.paths, NewestOnly(3), found.notices)
    async with open_library(library=library) as (pilot, screen):
        assert titles(screen) == NEWEST_FIRST[:3]
        header = screen_lines(pilot.app)[0]
        assert "Library · 3 of 5 briefings (1 does not load) · library_screen/" in header
        await pilot.press(*"rail")
        await settle(pilot)
        header = screen_lines(pilot.app)[0]
        assert "Library · 3 of 5 briefings (1 does not load) · 1 shown · library_screen/" in header
    assert "1 file does not load" in notes[-1]


async def test_the_rows_listed_are_a_quiet_moment_the_command_is_told_of() -> None:
    """briefing-tui collects, then freezes, the thousands of rows then (tui.cli.collector):
    left to the collector, each full collection walked them all again, stalling keys. The
    last moment comes with the rows' sort orders made (ten lists as long as the library)."""
    moments: list[int] = []

    def listed() -> None:
        assert isinstance(app.screen, LibraryScreen)
        moments.append(len(app.screen.table._sorted))  # orders kept, each column each way

    app = BriefingApp(None, library=library_of(LIBRARY_PATH), after_layout=listed)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen) and titles(app.screen) == NEWEST_FIRST
        assert len(moments) == 2  # the index's rows, then the refreshed ones
        assert moments[-1] >= 14  # (7 columns each way; read is sorted when asked)


class SlowToList(MemoryIndex):
    """An index whose whole listing waits for :attr:`go` (a large library's, taking time)."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def entries(self, limit: int | None = None) -> Listing:
        if limit is None:
            assert self.go.wait(10)
        return super().entries(limit)


class WaitingForAnotherWriter(MemoryIndex):
    """An index whose refresh waits for another process writing it (until :attr:`go`)."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        if progress is not None:
            progress(0, 0)
        assert self.go.wait(10)
        return super().refresh(paths, progress)


async def test_a_library_waiting_for_another_writer_of_its_index_says_so() -> None:
    from tui.library.index import WAITING_FOR_WRITER

    index = WaitingForAnotherWriter()
    found = scan([str(LIBRARY_PATH)])
    app = BriefingApp(None, library=Library("library/", found.paths, index, []))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if WAITING_FOR_WRITER in screen_lines(app)[0]:
                break
        assert WAITING_FOR_WRITER in screen_lines(app)[0]
        index.go.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and titles(screen) == NEWEST_FIRST
        assert WAITING_FOR_WRITER not in screen_lines(app)[0]


class WritingWhileWaited(MemoryIndex):
    """An index that another process is building: some rows written while its refresh waits
    (and says so again), the rest once :attr:`go` is set."""

    def __init__(self, written: Sequence[str]) -> None:
        super().__init__()
        self.written = written
        self.go = threading.Event()

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        assert progress is not None
        progress(0, 0)
        super().refresh(self.written)  # (by the other process, meanwhile)
        progress(0, 0)
        assert self.go.wait(10)
        return super().refresh(paths, progress)


async def test_a_library_waiting_for_another_writer_lists_the_rows_it_wrote_meanwhile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second reader showed an empty table until the first reader's build was through."""
    from tui.library.index import WAITING_FOR_WRITER

    monkeypatch.setattr(library_screen, "LIST_EVERY", 0.0)
    found = scan([str(LIBRARY_PATH)])
    written = [path for path in found.paths if "glacier" in path or "market" in path]
    index = WritingWhileWaited(written)
    app = BriefingApp(None, library=Library("library/", found.paths, index, []))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, LibraryScreen) and titles(app.screen):
                break
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and titles(screen) == [GLACIER, MARKET]
        assert WAITING_FOR_WRITER in screen_lines(app)[0]
        index.go.set()
        await settle(pilot)
        assert titles(screen) == NEWEST_FIRST


async def test_the_newest_rows_show_at_once_and_the_whole_listing_follows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A library of 10,000 showed nothing until every row was read and made (~0.3 s)."""
    monkeypatch.setattr(library_screen, "FIRST_ROWS", 2)
    index = SlowToList()
    found = scan([str(LIBRARY_PATH)])
    index.refresh(found.paths)
    library = Library("library/", found.paths, index, [])
    app = BriefingApp(None, library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(20):  # until the first screenful is on screen
            await pilot.pause()
            if isinstance(app.screen, LibraryScreen) and titles(app.screen):
                break
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert titles(screen) == NEWEST_FIRST[:2]
        assert "Library · listing…" in screen_lines(app)[0]
        index.go.set()
        await settle(pilot)
        assert titles(screen) == NEWEST_FIRST
        assert "Library · 5 briefings (1 does not load)" in screen_lines(app)[0]


async def test_the_rows_the_index_holds_show_while_the_folder_is_still_walked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The folder was walked before the first frame: 10,000 files, 20 ms of blank screen
    (seconds on a network folder). What the walk finds is read next; what it could not
    walk is said then."""
    from tui.library import scan as scan_module

    folder = tmp_path / "library"
    shutil.copytree(LIBRARY_PATH, folder)
    (folder / "loop").symlink_to(folder)  # walked once, with a notice
    index = MemoryIndex()
    index.refresh(scan([str(LIBRARY_PATH)]).paths[:2])  # what the index held from last time
    walking = threading.Event()
    walk = scan_module.scan

    def slow_scan(arguments: list[str]) -> scan_module.Scan:
        assert walking.wait(10)
        return walk(arguments)

    monkeypatch.setattr(scan_module, "scan", slow_scan)
    notes: list[str] = []
    app = BriefingApp(None, library=Library("library/", [], index, [], folders=[str(folder)]))
    monkeypatch.setattr(app, "notify", lambda message, **_: notes.append(message))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(20):  # until the rows the index holds are on screen
            await pilot.pause()
            if isinstance(app.screen, LibraryScreen) and titles(app.screen):
                break
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and len(titles(screen)) == 2
        walking.set()
        await settle(pilot)
        assert sorted(titles(screen)) == sorted(NEWEST_FIRST)
        assert any("a link back to a folder already read" in note for note in notes)


class SlowToRefresh(MemoryIndex):
    """An index whose refresh waits for :attr:`go` (files being read)."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()
        self.go.set()

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        assert self.go.wait(10)
        return super().refresh(paths, progress)


async def test_rows_drawn_before_the_refresh_are_not_shown_for_the_rows_after_it() -> None:
    """A file added since the index was last read moves every row down one: the table drew
    the old rows where the new ones were (a click or Enter then opened another briefing)."""
    paths = scan([str(LIBRARY_PATH)]).paths
    index = SlowToRefresh()
    index.refresh([path for path in paths if "glacier" not in path])  # the newest is new
    index.go.clear()
    app = BriefingApp(None, library=Library("library/", paths, index, []))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(20):  # until the rows the index held are drawn
            await pilot.pause()
            if MARKET in "".join(screen_lines(app)):
                break
        assert MARKET in "".join(screen_lines(app)) and GLACIER not in "".join(screen_lines(app))
        index.go.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and titles(screen) == NEWEST_FIRST
        shown = screen_lines(app)[2 : 2 + len(NEWEST_FIRST)]
        for line, title in zip(shown, NEWEST_FIRST, strict=True):
            assert title in line


class Unreadable(MemoryIndex):
    """An index whose rows cannot be read (a damaged cache, a server gone)."""

    def entries(self, limit: int | None = None) -> Listing:
        raise IndexUnavailable("the index cannot be read")


async def test_an_index_that_cannot_list_says_so_once_at_the_start(notes: list[str]) -> None:
    """Not once for the first screenful and again for the whole listing."""
    found = scan([str(LIBRARY_PATH)])
    app = BriefingApp(None, library=Library("library/", found.paths, Unreadable(), []))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.is_running and titles(app.screen) == []  # type: ignore[arg-type]
    # once at the start, once after the refresh (which read the files, and may have mended it)
    assert notes.count("the index cannot be read") == 2


@asynccontextmanager
async def library_being_read(index: LibraryIndex) -> AsyncIterator[tuple[Pilot[None], BriefingApp]]:
    """The library app on an index that reads its files slowly, once its first rows show."""
    found = scan([str(LIBRARY_PATH)])
    app = BriefingApp(None, library=Library("library/", found.paths, index, []))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):  # until the rows written so far are on screen
            await pilot.pause()
            if isinstance(app.screen, LibraryScreen) and titles(app.screen):
                break
        yield pilot, app


async def search_found_nothing_yet(pilot: Pilot[None], query: str) -> SearchScreen:
    """``/query`` Enter, while the files are read: the search, once it says it found nothing."""
    await pilot.press("slash", *query, "enter")
    search = pilot.app.screen
    assert isinstance(search, SearchScreen)
    for _ in range(50):  # until the query's answer is on screen
        await pilot.pause(0.02)
        if "Nothing found" in screen_lines(pilot.app)[2]:
            break
    assert f"Nothing found for {query} · still reading the library" in screen_lines(pilot.app)[2]
    return search


class SlowToRead(MemoryIndex):
    """An index whose refresh writes the first two files, then waits for :attr:`go` (a
    first build of thousands of files, taking seconds)."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()
        self.finishing = threading.Event()
        """Set (with :attr:`next`): it says every file is read, then waits for :attr:`go`."""
        self.next = threading.Event()
        """Set by :attr:`go` or :attr:`finishing` (see :meth:`finish`)."""

    def finish(self) -> None:
        """Say every file is read (and wait for :attr:`go` still)."""
        self.finishing.set()
        self.next.set()

    def let_go(self) -> None:
        """Write every file and end the refresh."""
        self.next.set()
        self.go.set()

    def refresh(self, paths, progress=None):  # type: ignore[no-untyped-def]
        super().refresh(paths[:2])
        if progress is not None:
            progress(2, len(paths))
        self.next.wait(10)
        if self.finishing.is_set() and progress is not None:
            progress(len(paths), len(paths))
        assert self.go.wait(10)
        return super().refresh(paths)


async def test_the_rows_read_so_far_show_while_the_first_build_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A first build of 10,000 files showed "Reading the library…" for eight seconds."""
    index = SlowToRead()
    async with library_being_read(index) as (pilot, app):
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and screen.reading
        assert len(titles(screen)) == 2
        top = screen_lines(app)[0]
        assert "Library · 2 briefings" in top and "reading 2 of 5 files" in top
        await pilot.press("j")
        kept = cursor_title(screen)
        index.finish()  # every file read, the index's own work still going on
        for _ in range(50):
            await pilot.pause()
            if "finishing the index" in screen_lines(app)[0]:
                break
        assert "finishing the index" in screen_lines(app)[0]
        index.let_go()
        await settle(pilot)
        assert titles(screen) == NEWEST_FIRST and not screen.reading
        assert cursor_title(screen) == kept  # the rows that came did not move the cursor
        assert "Library · 5 briefings (1 does not load)" in screen_lines(app)[0]


async def test_a_search_asked_while_the_library_is_read_is_asked_again_once_it_is() -> None:
    """Results typed at 1.5 s into a first build stayed those of the files read so far."""
    index = SlowToRead()
    async with library_being_read(index) as (pilot, app):
        search = await search_found_nothing_yet(pilot, "glacier")
        index.let_go()
        await settle(pilot)
        assert search.hits and {hit.title for hit in search.hits} == {GLACIER}
        assert "results, best first" in screen_lines(app)[2]
        assert "still reading" not in screen_lines(app)[2]


class ReadInTwoSteps(MemoryIndex):
    """A first build that writes one file, then (at :attr:`second`) the glacier's too, then
    (at :attr:`rest`) all of them."""

    def __init__(self) -> None:
        super().__init__()
        self.second, self.rest = threading.Event(), threading.Event()

    def refresh(self, paths, progress=None):  # type: ignore[no-untyped-def]
        first = [path for path in paths if "glacier" not in path][:1]
        glacier = [path for path in paths if "glacier" in path]
        super().refresh(first)
        if progress is not None:
            progress(1, len(paths))
        assert self.second.wait(10)
        super().refresh(first + glacier)
        if progress is not None:
            progress(2, len(paths))
        assert self.rest.wait(10)
        return super().refresh(paths)


async def test_a_search_that_found_nothing_is_asked_again_as_more_files_are_read() -> None:
    """Falling back to the local index reads 200,000 files: a search said "Nothing found"
    for minutes, though the files read so far held its words."""
    index = ReadInTwoSteps()
    async with library_being_read(index) as (pilot, app):
        library = app.screen
        assert isinstance(library, LibraryScreen)
        search = await search_found_nothing_yet(pilot, "glacier")
        library._next_listing = 0.0  # (the next progress lists the rows again at once)
        index.second.set()
        for _ in range(50):  # until the query is asked again, the files still being read
            await pilot.pause(0.02)
            if search.hits:
                break
        assert {hit.title for hit in search.hits} == {GLACIER} and library.reading
        assert "results, best first · still reading the library" in screen_lines(app)[2]
        index.rest.set()
        await settle(pilot)
        assert screen_lines(app)[2].strip() == "2 results, best first"
        assert not library.reading


async def test_a_briefing_edited_while_open_shows_its_new_title_back_in_the_library(
    tmp_path: Path,
) -> None:
    """After ``e`` changed a title, the table (and the search) still had the old one."""
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY_PATH, folder)
    harbour = folder / "2021" / "harbour-deal.yaml"
    async with open_library(paths=(folder,)) as (pilot, screen):
        screen.table.move_to(str(harbour))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryReaderScreen)
        text = harbour.read_text(encoding="utf-8")
        harbour.write_text(text.replace(HARBOUR, "Harbour deal signed at last"), "utf-8")
        await pilot.press("q")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert titles(screen) == [*NEWEST_FIRST[:3], "Harbour deal signed at last", NEWEST_FIRST[4]]
        assert cursor_title(screen) == "Harbour deal signed at last"


def walked_library(folder: Path, index: LibraryIndex | None = None) -> Library:
    """A library of ``folder`` as the command opens it: walked once its rows are shown."""
    return Library("library/", [], index or MemoryIndex(), folders=[str(folder)])


async def test_a_file_renamed_while_a_briefing_is_open_is_listed_back_in_the_library(
    tmp_path: Path,
) -> None:
    """The folders were walked once: a file renamed meanwhile left the table (and the
    search) until the next start. (SQLite's index counts a rename as unchanged: its row
    keeps its file, under its new path.)"""
    from tui.library.sqlite_index import SqliteIndex

    folder = tmp_path / "library"
    shutil.copytree(LIBRARY_PATH, folder)
    index = SqliteIndex(tmp_path / "index.sqlite")
    async with open_library(library=walked_library(folder, index)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryReaderScreen)
        (folder / "market-day.yaml").rename(folder / "2021" / "market-day-renamed.yaml")
        await pilot.press("q")
        await settle(pilot)
        assert titles(screen) == NEWEST_FIRST
        shown = {screen.table.rows[index].entry.path for index in screen.table.order}
        assert str(folder / "2021" / "market-day-renamed.yaml") in shown
        assert str(folder / "market-day.yaml") not in shown
        assert any(hit.title == MARKET for hit in screen.library.index.search("market"))


async def test_ctrl_r_looks_again_for_the_files_and_says_what_it_found(
    tmp_path: Path, notes: list[str]
) -> None:
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY_PATH, folder)
    async with open_library(library=walked_library(folder)) as (pilot, screen):
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notes[-1] == "No file added, changed or deleted."
        text = (folder / "glacier-survey.yaml").read_text(encoding="utf-8")
        (folder / "ice.yaml").write_text(text.replace(GLACIER, "Ice shelf breaks away"), "utf-8")
        (folder / "2021" / "harbour-deal.yaml").unlink()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notes[-1] == "1 file added, 1 deleted."
        assert "Ice shelf breaks away" in titles(screen) and HARBOUR not in titles(screen)


@pytest.mark.parametrize("archive", [False, True])
async def test_ctrl_r_lists_again_what_another_instance_brought_into_the_index(
    tmp_path: Path, notes: list[str], archive: bool
) -> None:
    """Two instances on one folder: the other read the changed file first, so this one's
    refresh has nothing to read again; its table must still show the new title, and say
    what changed in it (it said "No file added, changed or deleted." over a new title).
    SQLite says another wrote (``others``); a team archive does not, and Ctrl+R, asked
    for, lists the rows again whatever its refresh found."""
    import dataclasses

    from tui.library.sqlite_index import SqliteIndex

    class Archive(SqliteIndex):
        def refresh(self, paths, progress=None):  # type: ignore[no-untyped-def]
            return dataclasses.replace(super().refresh(paths, progress), others=False)

    folder = tmp_path / "library"
    shutil.copytree(LIBRARY_PATH, folder)
    ours = (Archive if archive else SqliteIndex)(tmp_path / "index.sqlite")
    theirs = SqliteIndex(tmp_path / "index.sqlite")
    try:
        async with open_library(library=walked_library(folder, ours)) as (pilot, screen):
            paths = [entry.path for entry in ours.entries()]
            theirs.refresh(paths)
            glacier = folder / "glacier-survey.yaml"
            glacier.write_text(
                glacier.read_text(encoding="utf-8").replace(GLACIER, "Ice shelf breaks away"),
                "utf-8",
            )
            assert theirs.refresh(paths).changed == 1
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert notes[-1] == "Another briefing-tui had read the files: 1 row changed."
            assert "Ice shelf breaks away" in titles(screen) and GLACIER not in titles(screen)
            (folder / "2021" / "harbour-deal.yaml").unlink()
            copy = folder / "copy.yaml"
            copy.write_text(glacier.read_text(encoding="utf-8").replace("Ice", "Sea"), "utf-8")
            theirs.refresh([*paths, str(copy)])
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert notes[-1] == "Another briefing-tui had read the files: 1 row new, 1 gone."
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert notes[-1] == "No file added, changed or deleted."
    finally:
        ours.close()
        theirs.close()


async def test_ctrl_r_says_a_file_renamed_is_renamed(tmp_path: Path, notes: list[str]) -> None:
    """A rename is read as a file deleted and one added: said as one file renamed."""
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY_PATH, folder)
    async with open_library(library=walked_library(folder)) as (pilot, screen):
        (folder / "market-day.yaml").rename(folder / "market-day-2.yaml")
        glacier = folder / "glacier-survey.yaml"
        glacier.write_text(
            glacier.read_text(encoding="utf-8").replace(GLACIER, "Ice shelf breaks away"), "utf-8"
        )
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notes[-1] == "1 file changed, 1 renamed."
        assert "Ice shelf breaks away" in titles(screen)
        (folder / "market-day-2.yaml").rename(folder / "market-day-3.yaml")
        shutil.copy(glacier, folder / "copy.yaml")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notes[-1] == "1 file added, 1 renamed."  # (the rename was left unsaid)


def test_row_changes_tell_new_changed_gone_and_renamed_rows() -> None:
    from tui.library.entry import Entry
    from tui.ui.screens.library import RowChanges

    a, b, c = (Entry(f"/l/{name}.yaml", name.upper()) for name in "abc")
    before = {entry.path: entry for entry in (a, b, c)}
    after = [
        Entry("/l/a-moved.yaml", "A"),  # renamed
        Entry("/l/b.yaml", "B again"),  # changed
        Entry("/l/d.yaml", "D"),  # new; c is gone
    ]
    assert RowChanges.between(before, after) == RowChanges(new=1, changed=1, gone=1, renamed=1)
    assert RowChanges.between(before, [a, b, c]) == RowChanges()


async def test_braces_from_a_briefing_the_table_does_not_show_say_so(notes: list[str]) -> None:
    """From a search result filtered out of the table, } opened the table's second row."""
    async with open_library() as (pilot, screen):
        await pilot.press("f", *"glacier", "enter")
        await settle(pilot)
        assert titles(screen) == [GLACIER]
        await pilot.press("slash", *"cranes", "enter", "enter")
        await settle(pilot)
        assert pilot.app.screen.briefing.title == HARBOUR  # type: ignore[attr-defined]
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert pilot.app.screen.briefing.title == HARBOUR  # type: ignore[attr-defined]
        assert notes[-1].startswith("This briefing is not among the table's rows")


async def test_the_library_reads_the_users_config_as_the_reader_does(private_config: Path) -> None:
    """``briefing-tui DIR`` made its app without the config file: keys moved there (and the
    reading width) were ignored in the library and in the briefings it opens."""
    from tui.cli import library as command

    private_config.mkdir(parents=True)
    (private_config / "config.toml").write_text('[keys]\n"library.speakers" = "S"\n')
    app = command.library_app(library_of(LIBRARY_PATH), resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SpeakersScreen)


async def test_a_sort_by_a_column_the_screen_has_no_room_for_is_said_in_the_title() -> None:
    """At 80 columns Location, Source, Pts and Qts are left out: sorting by one reordered
    the rows with no sign of why."""
    async with open_library(size=(80, 24)) as (pilot, screen):
        assert "Location" not in screen_lines(pilot.app)[1]
        await pilot.press("3")  # location
        await settle(pilot)
        assert screen.table.sort_key == "location"
        assert "sorted by location ▲" in screen_lines(pilot.app)[0]
        await pilot.press("2")  # published: a column shown, with its arrow
        await settle(pilot)
        assert "sorted by" not in screen_lines(pilot.app)[0]


async def test_a_word_typed_at_the_table_whose_first_letter_is_a_key_says_so() -> None:
    """``blinken`` typed at the table: ``b`` pages up, the filter is ``linken``, and
    "No briefing matches." said nothing of why."""
    async with open_library() as (pilot, screen):
        await pilot.press(*"blinken")
        await settle(pilot)
        assert screen.query_one(FilterLine).value == "linken"
        shown = screen_lines(pilot.app)[2]
        assert "No briefing matches. A word starting with b f g j k q s t: press f first." in shown
        await pilot.press("escape", "f", *"blinken")  # (f first: the word whole, no hint)
        await settle(pilot)
        assert screen.query_one(FilterLine).value == "blinken"
        assert screen_lines(pilot.app)[2].strip() == "No briefing matches."


async def test_an_empty_folder_says_it_holds_no_briefing(tmp_path: Path) -> None:
    """It said "No briefing matches." with no filter set."""
    async with open_library(paths=(tmp_path,)) as (pilot, _):
        assert "No briefing here" in "".join(screen_lines(pilot.app))


async def test_the_next_briefing_does_not_show_the_last_ones_messages(
    tmp_path: Path, notes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After ``}`` the next briefing showed "Back where you left off, in section 3 of 5",
    said of the one before: its toasts are taken down as it goes."""
    folder = tmp_path / "library"
    folder.mkdir()
    bundled = Path(__file__).parent.parent / "content" / "blinken-colombia.yaml"
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(bundled, folder / name)
    positions = PositionStore(tmp_path / "positions.json")
    first = str(folder / "a.yaml")
    positions.put(first, Position(8, 0))
    cleared: list[int] = []
    clear = BriefingApp.clear_notifications

    def clearing(app: BriefingApp) -> None:
        cleared.append(len(notes))
        clear(app)

    monkeypatch.setattr(BriefingApp, "clear_notifications", clearing)
    async with open_library((80, 24), positions, paths=(folder,)) as (pilot, screen):
        screen.table.move_to(first)
        await pilot.press("enter")
        await settle(pilot)
        assert notes[-1].startswith("Back where you left off")
        told = len(notes)
        step = "right_curly_bracket" if screen.table.cursor == 0 else "left_curly_bracket"
        await pilot.press(step)
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen) and reader.briefing.path != first
        assert told in cleared  # taken down before the next briefing said anything
        cleared.clear()
        await pilot.press("q")  # back to the library: "Back where you left off" goes too
        await settle(pilot)
        assert pilot.app.screen is screen and cleared


@pytest.mark.parametrize(("kind", "said", "at"), [("quote", "impunity", 3), ("point", "Haiti", 1)])
async def test_a_quote_or_point_found_opens_with_its_pane_on_it(
    kind: str, said: str, at: int
) -> None:
    """The article showed the passage of the fourth quote, but the Quotes pane stayed on the
    first (``y`` copied another speaker's words)."""
    from tui.format.loader import default_briefing_path

    async with open_library(paths=(default_briefing_path(),)) as (pilot, screen):
        [hit] = [hit for hit in screen.library.index.search(said) if hit.kind == kind]
        screen.open_hit(hit)
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        points, quotes = reader.side_panes()
        assert (points if kind == "point" else quotes).highlighted == at


@pytest.mark.parametrize(("size", "shown"), [((120, 40), "body"), ((80, 24), "points")])
async def test_a_point_found_on_a_narrow_terminal_opens_on_the_points(
    size: tuple[int, int], shown: str
) -> None:
    """One pane at a time (80x24): the point's supporting passage, in the article, does not
    hold the words found; the point does. Wide, both show, the passage lit in the article."""
    from tui.format.loader import default_briefing_path

    async with open_library(size=size, paths=(default_briefing_path(),)) as (pilot, screen):
        [hit] = [hit for hit in screen.library.index.search("Haiti") if hit.kind == "point"]
        screen.open_hit(hit)
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        assert (reader.narrow, reader.active_pane) == (size[0] < 100, shown)
        assert reader.side_panes()[0].highlighted == 1
        assert "Haiti" in "\n".join(screen_lines(pilot.app))


async def test_a_passage_near_the_end_found_is_the_current_match() -> None:
    """The bundled briefing's list item "…a 2016 peace deal…" is near the article's end,
    which cannot scroll to the top of the view: the search lit up the first "peace deal"
    below the view's top instead (another paragraph), as match 1/3."""
    from tui.format.loader import default_briefing_path

    async with open_library(paths=(default_briefing_path(),)) as (pilot, screen):
        hits = screen.library.index.search('"peace deal"')
        [hit] = [hit for hit in hits if hit.kind == "body" and "guerrillas" in hit.snippet]
        screen.open_hit(hit)
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        match = reader.searcher.current
        assert match is not None and match.pane == 0
        found = reader.document.texts[match.unit]
        assert "guerrillas" in found and found[match.start : match.end] == "peace deal"
        assert "match 2/3" in str(reader.body.border_subtitle)


async def test_a_long_note_under_the_query_wraps_instead_of_being_cut() -> None:
    async with open_library(size=(80, 24)) as (pilot, _screen):
        await pilot.press("slash", *"harbour after:2025-13 speaker:", "enter")
        await settle(pilot)
        text = " ".join(line.strip() for line in screen_lines(pilot.app))
        assert "not '2025-13'; speaker: needs a word after it, like speaker:blinken" in text


class ServerGone(MemoryIndex):
    """An archive whose server went away after the rows were listed."""

    def speakers(self) -> list[Speaker]:
        raise IndexUnavailable("the archive cannot be reached")


async def test_speakers_an_index_cannot_list_are_not_zero_speakers(notes: list[str]) -> None:
    """An archive out of reach read "Speakers: 0, most quoted first", as if it had none."""
    async with open_library(library=library_of(LIBRARY_PATH, index=ServerGone())) as (pilot, _):
        await pilot.press("s")
        await settle(pilot)
        title = screen_lines(pilot.app)[0]
        assert "Speakers: the index could not answer" in title and "0" not in title
        assert "the archive cannot be reached" in notes


async def test_every_search_result_shows_its_snippet_when_its_heading_wraps_at_80_columns(
    tmp_path: Path,
) -> None:
    # Headings of every length around the width where the scroll bar makes one wrap.
    for n in range(16):
        title = f"Result {n:02} " + "x" * (40 + n)
        (tmp_path / f"b{n:02}.yaml").write_text(
            f"format: briefing/1\ntitle: {title}\npublished: 2021-01-{n + 1:02}\n"
            f"sections:\n  - id: s\n    heading: H\n    body: marker{n:02} of the zebra count.\n",
            encoding="utf-8",
        )
    async with open_library((80, 24), paths=(tmp_path,)) as (pilot, _):
        await pilot.press("slash", *"zebra", "enter")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen) and len(search.hits) == 16
        await pilot.press("down")
        seen = set()
        for _ in range(16):
            text = "\n".join(screen_lines(pilot.app))
            seen |= {n for n in range(16) if f"marker{n:02} of the zebra" in text}
            await pilot.press("down")
            await pilot.pause()
        assert seen == set(range(16))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (("slash", *"cranes", "enter"), SearchScreen),  # in its results
        (("slash", *"cr"), SearchScreen),  # in its query line
        (("s",), SpeakersScreen),
    ],
)
async def test_esc_q_sent_at_once_from_a_full_screen_goes_back_and_quits(
    typed: tuple[str, ...], shown: type
) -> None:
    """The q was on its way to the search screen (or the speakers) when the Esc before it
    closed it: it is the library's, and quits (it was typed into the closed screen's query,
    or dropped)."""
    async with open_library() as (pilot, _screen):
        await pilot.press(*typed)
        await settle(pilot)
        assert isinstance(pilot.app.screen, shown)
        for key in ("escape", "q"):
            pilot.app.simulate_key(key)
        await settle(pilot)
        assert not pilot.app.is_running


async def test_a_briefing_opened_from_the_library_says_its_warnings(
    tmp_path: Path, notes: list[str]
) -> None:
    shutil.copy(Path(__file__).parent / "data" / "hostile" / "emoji-invisible.yaml", tmp_path)
    async with open_library(paths=(tmp_path,)) as (pilot, _screen):
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryReaderScreen)
        assert notes and notes[-1].startswith(
            "4:8: title: contains invisible characters (U+200B); they are not shown\n…and"
        )


async def test_an_archive_gone_during_the_first_reading_gives_way_once(
    notes: list[str],
) -> None:
    """The archive stops answering while the library is first read: the local index takes
    over, the files are read into it once, and the library ends listed, not reading."""
    from tui.library.fallback import FallbackIndex
    from tui.library.index import ArchiveUnreachable

    class Gone(MemoryIndex):
        def refresh(self, paths, progress=None):  # type: ignore[no-untyped-def]
            raise ArchiveUnreachable("the archive cannot be reached")

    local = MemoryIndex()
    index = FallbackIndex(Gone(), lambda: local, lambda: scan([str(LIBRARY_PATH)]).paths)
    library = Library("library/", [], index, folders=[str(LIBRARY_PATH)], archive="the archive")
    async with open_library(library=library) as (pilot, screen):
        await settle(pilot)
        assert not screen.reading and not index.on_archive
        assert titles(screen) == NEWEST_FIRST
        header = screen_lines(pilot.app)[0]
        assert "archive" not in header and "reading" not in header
        assert notes.count("the archive cannot be reached; the local index is used instead") == 1


async def test_the_archives_rows_stay_until_the_local_index_has_some() -> None:
    """When the archive gave way, the table went empty ("0 briefings") until the files
    began to come into the local index."""
    from tui.library.fallback import FallbackIndex
    from tui.library.index import ArchiveUnreachable

    class Gone(MemoryIndex):
        def search(self, query, limit=100, per_briefing=3):  # type: ignore[no-untyped-def]
            raise ArchiveUnreachable("the archive cannot be reached")

    class Blocked(MemoryIndex):
        def __init__(self) -> None:
            super().__init__()
            self.go = threading.Event()

        def refresh(self, paths, progress=None):  # type: ignore[no-untyped-def]
            assert self.go.wait(10)
            return super().refresh(paths, progress)

    paths = scan([str(LIBRARY_PATH)]).paths
    archive, local = MemoryIndex(), Blocked()
    archive.refresh(paths)
    index = FallbackIndex(archive, lambda: local, lambda: paths)
    library = Library("library/", paths, index, archive="the archive")
    async with open_library(library=library) as (pilot, screen):
        index.archive = Gone()
        await pilot.press("slash", *"cranes", "enter")
        for _ in range(50):  # until the local index is being read
            await pilot.pause(0.02)
            if screen.reading:
                break
        assert screen.reading and titles(screen) == NEWEST_FIRST
        local.go.set()
        await settle(pilot)
        assert not screen.reading and titles(screen) == NEWEST_FIRST
