"""Keys sent at once (tmux's ``send-keys Enter q``, a fast typist) while the screen they are
meant for is still on its way: they wait for it, in the order typed.

Each key here is posted to the app as a terminal's are, all of them before the first is
handled (``simulate_key``); opening a briefing is held up by :class:`SlowOpen` where the
test needs the keys to arrive while the file is still being read.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from snapshot_apps import LIBRARY_PATH
from test_library_screen import (
    GLACIER,
    HARBOUR,
    MARKET,
    NEWEST_FIRST,
    RAIL,
    SlowToList,
    cursor_title,
    open_library,
    settle,
    titles,
)
from textual import events
from textual.worker import get_current_worker

from tui.format import loader
from tui.library.opened import Library
from tui.library.scan import scan
from tui.ui.app import BriefingApp
from tui.ui.screens.library_reader import LibraryReaderScreen
from tui.ui.screens.library_search import SearchScreen
from tui.ui.screens.speakers import SpeakersScreen
from tui.ui.widgets.filter_line import FilterLine


class SlowOpen:
    """The library's opening of a briefing waits for :attr:`go` (a slow disk); reading the
    library into its index does not."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.go = threading.Event()
        self.opened: list[str] = []
        load = loader.load_path

        def slow_load(path: str | Path, **options: object) -> loader.Loaded:
            if get_current_worker().group == "library-open":
                assert self.go.wait(10)
                self.opened.append(str(path))
            return load(path, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(loader, "load_path", slow_load)


def send(app: BriefingApp, *keys: str) -> None:
    """Post ``keys`` at once, as a terminal does with keys that arrive together."""
    for key in keys:
        app.simulate_key(key)


async def test_enter_q_opens_the_briefing_and_closes_it_instead_of_quitting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``q`` reached the library, still on top while the file was read: the app quit."""
    slow = SlowOpen(monkeypatch)
    async with open_library() as (pilot, screen):
        send(pilot.app, "enter", "q")
        for _ in range(5):
            await pilot.pause()
        assert pilot.app.return_code is None  # q waits for the reader
        assert pilot.app.screen is screen
        slow.go.set()
        await settle(pilot)
        assert pilot.app.return_code is None
        assert pilot.app.screen is screen
        assert [Path(path).name for path in slow.opened] == ["glacier-survey.yaml"]
        assert screen.read  # the briefing was opened, read, and closed


async def test_enter_q_at_full_speed_opens_and_closes_the_briefing() -> None:
    async with open_library() as (pilot, screen):
        send(pilot.app, "enter", "q")
        await settle(pilot)
        assert pilot.app.return_code is None
        assert pilot.app.screen is screen
        assert screen.read


async def test_keys_after_enter_move_in_the_briefing_opened(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``Enter }`` opened the first briefing and lost the ``}`` (the next briefing)."""
    slow = SlowOpen(monkeypatch)
    async with open_library() as (pilot, _screen):
        send(pilot.app, "enter", "right_curly_bracket")
        await pilot.pause()
        slow.go.set()
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        assert reader.briefing.title == MARKET


async def test_a_burst_through_two_briefings_ends_back_in_the_library_at_the_second() -> None:
    async with open_library() as (pilot, screen):
        send(pilot.app, "enter", "right_curly_bracket", "q")
        await settle(pilot)
        assert pilot.app.return_code is None
        assert pilot.app.screen is screen
        assert cursor_title(screen) == MARKET


async def test_enter_typed_while_the_library_lists_opens_the_first_briefing() -> None:
    index = SlowToList()
    found = scan([str(LIBRARY_PATH)])
    index.refresh(found.paths)
    app = BriefingApp(None, library=Library("library/", found.paths, index, []))
    async with app.run_test(size=(120, 40)) as pilot:
        send(app, "enter")
        await pilot.pause()
        index.go.set()
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, LibraryReaderScreen)
        assert reader.briefing.title == GLACIER == NEWEST_FIRST[0]


async def test_s_enter_lists_the_first_speakers_quotes() -> None:
    async with open_library() as (pilot, _screen):
        send(pilot.app, "s", "enter")
        await settle(pilot)
        speakers = pilot.app.screen
        assert isinstance(speakers, SpeakersScreen)
        assert speakers.speaker is not None and speakers.speaker.name == "Ana Ruiz"


async def test_a_results_enter_q_comes_back_to_the_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow = SlowOpen(monkeypatch)
    slow.go.set()  # (the query's results first)
    async with open_library() as (pilot, screen):
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen) and search.focused is search.results
        slow.go.clear()
        send(pilot.app, "enter", "q")
        for _ in range(5):
            await pilot.pause()
        assert pilot.app.screen is search
        slow.go.set()
        await settle(pilot)
        assert pilot.app.return_code is None
        assert pilot.app.screen is search and search.focused is search.results
        assert len(slow.opened) == 1
        assert titles(screen) == NEWEST_FIRST


async def test_a_query_and_the_keys_for_its_results_in_one_burst(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``delegation Enter Down Enter q`` at once: the q was typed into the query (the
    results were not there yet for Down and Enter)."""
    opening = SlowOpen(monkeypatch)
    opening.go.set()
    async with open_library() as (pilot, _screen):
        await pilot.press("slash")
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        send(pilot.app, *"cranes", "enter", "down", "enter", "q")
        await settle(pilot)
        assert pilot.app.return_code is None
        assert pilot.app.screen is search
        assert search.query_line.value == "cranes"
        assert search.focused is search.results
        assert len(opening.opened) == 1  # the result was opened, and closed by q


# -- an f in a burst ----------------------------------------------------------------------
# ``f`` gives the library's filter line the focus at its own turn; typed in a burst after a
# key that opens a screen it went to the filter instead ("/formal": the search opened empty
# and the library showed "0 shown", "ormal" in its filter).


async def test_a_search_typed_in_one_burst_keeps_its_f() -> None:
    async with open_library() as (pilot, screen):
        send(pilot.app, "slash", *"farmers")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        assert search.query_line.value == "farmers"
        assert screen.table.filter_text == ""


async def test_an_f_after_enter_reaches_the_briefing_opened() -> None:
    async with open_library() as (pilot, screen):
        send(pilot.app, "enter", "slash", *"farm")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        assert reader.briefing.title == GLACIER
        assert screen.table.filter_text == ""
        assert pilot.app.focused is not None and getattr(pilot.app.focused, "value", "") == "farm"


async def test_keys_after_the_filter_lines_enter_go_to_the_table() -> None:
    """``ftrade`` Enter ``j``: the j went into the filter ("tradej": nothing shown)."""
    async with open_library() as (pilot, screen):
        send(pilot.app, "f", *"trade", "enter", "j")
        await settle(pilot)
        assert screen.table.filter_text == "trade"
        assert titles(screen) == [MARKET, HARBOUR]
        assert pilot.app.focused is screen.table
        assert cursor_title(screen) == HARBOUR


async def test_down_down_enter_in_one_burst_opens_the_second_result() -> None:
    """The first ↓ takes the focus from the query to the results: the keys behind it went to
    the query line still, and its Enter opened the first result."""
    async with open_library() as (pilot, _screen):
        await pilot.press("slash", *"ana")
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        search.run_query(search.query_line.value)  # (as the pause after typing does)
        await settle(pilot)
        assert [hit.title for hit in search.hits] == [RAIL, HARBOUR]
        assert search.focused is search.query_line
        send(pilot.app, "down", "down", "enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, LibraryReaderScreen)
        assert reader.briefing.title == HARBOUR


async def test_escape_and_a_key_sent_at_once_are_both_typed() -> None:
    """tmux's ``send-keys Escape j`` reaches the app as Alt+J, which did nothing, and in a
    line of text typed the j: it is Esc, then j, there too (but for a shell's word moves)."""
    async with open_library() as (pilot, screen):
        pilot.app.post_message(events.Key("alt+j", "j"))  # as the terminal's parser makes it
        await settle(pilot)
        assert cursor_title(screen) == MARKET  # Esc (nothing to clear), then j: one row down
        await pilot.press("f", *"ra")
        await settle(pilot)
        assert screen.table.filter_text == "ra"
        pilot.app.post_message(events.Key("alt+j", "j"))
        await settle(pilot)
        assert screen.table.filter_text == "" and screen.focused is screen.table
        assert cursor_title(screen) == HARBOUR  # the filter cleared (on Rail), one row down
        await pilot.press("slash", *"ana b")
        await settle(pilot)
        search = pilot.app.screen
        assert isinstance(search, SearchScreen) and search.focused is search.query_line
        pilot.app.post_message(events.Key("alt+b", "b"))  # a shell's word left: the line's
        await settle(pilot)
        assert search.query_line.value == "ana b" and search.query_line.cursor_position == 4
        pilot.app.post_message(events.Key("alt+q", "q"))  # Esc closes the search, q quits
        await settle(pilot)
        assert not pilot.app.is_running


async def test_escape_and_a_letter_sent_at_once_at_the_table_filter_by_the_letter() -> None:
    """``send-keys Escape lima`` did nothing: the Esc's clearing ran after the l had begun
    the filter, and cleared it; ``Escape f`` did not open the filter line."""
    async with open_library() as (pilot, screen):
        line = screen.query_one(FilterLine)
        pilot.app.post_message(events.Key("alt+l", "l"))
        send(pilot.app, *"ima")
        await settle(pilot)
        assert line.value == "lima" and screen.focused is line
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert line.value == "" and screen.focused is screen.table
        pilot.app.post_message(events.Key("alt+f", "f"))
        send(pilot.app, *"rail")
        await settle(pilot)
        assert line.value == "rail" and screen.focused is line


async def test_escape_and_a_digit_sent_at_once_are_both_typed_outside_a_line() -> None:
    """Textual reads Esc and 1 sent at once as "¡" (what Option+1 types on a Mac): in the
    table it is Esc, then 1 (sort by title); in a line of text it is the character."""
    async with open_library() as (pilot, screen):
        pilot.app.post_message(events.Key("inverted_exclamation_mark", "¡"))
        await settle(pilot)
        assert screen.table.sort_key == "title"
        await pilot.press("f")
        await settle(pilot)
        pilot.app.post_message(events.Key("inverted_exclamation_mark", "¡"))
        await settle(pilot)
        assert screen.table.filter_text == "¡"
