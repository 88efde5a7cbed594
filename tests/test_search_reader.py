"""Search in the reader: every match lit up and counted, n and N through the panes in
reading order, smart case, searches kept between runs, and queries that try to break it."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import overload

import pytest
from snapshot_apps import screen_lines
from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.document import BodyDocument
from tui.format.loader import load_text
from tui.model import Briefing
from tui.search import Corpus
from tui.storage.positions import PositionStore
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.body import BodyView
from tui.ui.widgets.item_list import ItemList

HARBOUR = """\
title: Talks at the port
sections:
  - heading: Trade
    body:
      - The harbour deal was signed.
      - Harbour fees fall; the harbour grows.
talking_points:
  - The harbour reopens
  - Nothing here
quotes:
  - speaker: Ana Harbour
    text: We built the harbour together
"""
"""``harbour``: three times in the article, once in the points, twice in the quotes."""


@pytest.fixture
def harbour() -> Briefing:
    return load_text(HARBOUR, "harbour.yaml").briefing


def lit(widget: BodyView | ItemList) -> list[tuple[str, bool]]:
    """What the widget's view draws as matches (underlined), and which as the current one."""
    spans = []
    for y in range(widget.scrollable_content_region.height):
        for segment in widget.render_line(y):
            style = segment.style
            if style is not None and (style.underline or style.reverse):
                spans.append((segment.text, bool(style.reverse)))
    return spans


async def settle(pilot: Pilot[None]) -> None:
    """Let the count (a worker thread) finish and its result be shown.

    The counts a newer query cancelled are waited for too (their threads end at
    their next chunk), without taking their cancellation for a failure.
    """
    for worker in list(pilot.app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()
    await pilot.pause()


def counts(screen: ReaderScreen) -> tuple[str, str]:
    """What the search line and the article's bottom border say."""
    return str(screen.search_line.count.content), str(screen.body.border_subtitle)


async def search(pilot: Pilot[None], query: str) -> None:
    await pilot.press("slash", *query, "enter")
    await settle(pilot)


async def test_every_match_in_view_is_lit_and_counted(harbour, reader):
    async with reader(harbour, (120, 40)) as (pilot, screen):
        await search(pilot, "harbour")
        points, quotes = screen.side_panes()
        assert lit(screen.body) == [("harbour", True), ("Harbour", False), ("harbour", False)]
        assert lit(points) == [("harbour", False)]
        assert lit(quotes) == [("harbour", False), ("Harbour", False)]  # the words, who said them
        line, border = counts(screen)
        assert line == "1/6"
        assert border.startswith("match 1/6 · ")
        await pilot.press("n")
        await settle(pilot)
        assert lit(screen.body) == [("harbour", False), ("Harbour", True), ("harbour", False)]
        assert counts(screen)[1].startswith("match 2/6 · ")
        await pilot.press("slash")  # the line comes back with the search and its count
        await settle(pilot)
        assert counts(screen)[0] == "2/6"
        assert screen.search_bar.value == "harbour"


async def test_the_count_follows_what_is_typed(harbour, reader):
    async with reader(harbour, (120, 40)) as (pilot, screen):
        await pilot.press("slash", *"fee")
        await settle(pilot)
        assert counts(screen)[0] == "1 match"
        assert lit(screen.body) == [("fee", False)]  # lit up while typing
        await pilot.press(*"sss")
        await settle(pilot)
        assert counts(screen)[0] == "No match"
        assert lit(screen.body) == []
        await pilot.press("home", "shift+end", *"the")
        await settle(pilot)
        assert counts(screen)[0] == "5 matches"  # “The”, “the”, “together”: any case
        assert counts(screen)[1].startswith("5 matches · ")


async def test_n_and_N_go_through_the_panes_in_reading_order(harbour, reader, notes):
    async with reader(harbour, (120, 40)) as (pilot, screen):
        points, quotes = screen.side_panes()
        await search(pilot, "harbour")
        visits = [(screen.active_pane, counts(screen)[0])]
        for _ in range(6):
            await pilot.press("n")
            await settle(pilot)
            visits.append((screen.active_pane, counts(screen)[0]))
        assert [pane for pane, _ in visits] == [
            "body",
            "body",
            "body",
            "points",
            "quotes",
            "quotes",
            "body",  # round again
        ]
        assert str(screen.body.border_subtitle).startswith("match 1/6, from the top")
        await pilot.press("N", "N")  # back into the quotes: who said it, then the words
        await settle(pilot)
        assert screen.active_pane == "quotes" and quotes.highlighted == 0
        assert lit(quotes) == [("harbour", True), ("Harbour", False)]
        assert pilot.app.focused is quotes
        await pilot.press("N")
        await settle(pilot)
        assert screen.active_pane == "points" and points.highlighted == 0
        assert lit(points) == [("harbour", True)]
        assert lit(quotes) == [("harbour", False), ("Harbour", False)]
        assert counts(screen)[1].startswith("match 4/6")
        await pilot.press("N")
        assert screen.active_pane == "body"
        assert lit(screen.body)[2] == ("harbour", True)


async def test_n_shows_a_list_match_on_a_narrow_terminal(harbour, reader):
    async with reader(harbour, (80, 24)) as (pilot, screen):
        await search(pilot, "reopens")
        points, _ = screen.side_panes()
        assert screen.active_pane == "points"
        assert points.region.width > 0 and not screen.body.region.width
        assert lit(points) == [("reopens", True)]
        await pilot.press("n")  # the only match: round to it again
        assert screen.active_pane == "points"


async def test_a_capital_makes_the_search_case_sensitive(harbour, reader, notes):
    async with reader(harbour) as (pilot, screen):
        await search(pilot, "Harbour")
        assert counts(screen)[0] == "1/2"
        assert lit(screen.body) == [("Harbour", True)]
        await search(pilot, "HARBOUR")
        assert any(note == "Not found: HARBOUR" for note in notes)
        assert "Match" not in screen_lines(pilot.app)[-1]  # n and N would find nothing
        assert lit(screen.body) == []


async def test_escape_puts_the_lights_out_until_n(harbour, reader):
    async with reader(harbour) as (pilot, screen):
        await search(pilot, "harbour")
        await pilot.press("escape")
        assert lit(screen.body) == []
        assert "match" not in counts(screen)[1]
        await pilot.press("n")
        await settle(pilot)
        assert lit(screen.body) == [("harbour", False), ("Harbour", True), ("harbour", False)]
        await pilot.press("slash", *"zzz", "escape")  # typed, then not searched:
        await settle(pilot)
        assert ("Harbour", True) in lit(screen.body)  # the last search's matches again


# -- the history of searches -------------------------------------------------------------


async def test_up_and_down_bring_back_searches_of_earlier_runs(harbour, reader, tmp_path):
    state = tmp_path / "state"
    async with reader(harbour, positions=PositionStore(state / "positions.json")) as (
        pilot,
        screen,
    ):
        await search(pilot, "deal")
        await search(pilot, "fees")
        await search(pilot, "deal")  # made again: now the newest
    assert (state / "history.json").is_file()
    async with reader(harbour, positions=PositionStore(state / "positions.json")) as (
        pilot,
        screen,
    ):
        bar = screen.search_bar
        await pilot.press("slash", *"gr")
        await pilot.press("up")
        assert bar.value == "deal"
        await pilot.press("up")
        assert bar.value == "fees"
        await pilot.press("up")  # the oldest: stays
        assert bar.value == "fees"
        await pilot.press("down")
        assert bar.value == "deal"
        await pilot.press("down")  # past the newest: what was typed
        assert bar.value == "gr"
        await pilot.press("up", "enter")
        await settle(pilot)
        assert counts(screen)[0] == "1/1"


async def test_a_corrupt_history_is_set_aside_with_a_warning(harbour, reader, tmp_path, notes):
    state = tmp_path / "state"
    state.mkdir()
    (state / "history.json").write_text("{not json", encoding="utf-8")
    async with reader(harbour, positions=PositionStore(state / "positions.json")) as (
        pilot,
        screen,
    ):
        await settle(pilot)
        assert any("Saved search history could not be read" in note for note in notes)
        assert list(state.glob("history.json.corrupt-*"))
        await pilot.press("slash", "up")
        assert screen.search_bar.value == ""  # nothing to bring back
        await pilot.press(*"fees", "enter")
        await settle(pilot)
    assert "fees" in (state / "history.json").read_text(encoding="utf-8")


async def test_without_a_state_folder_nothing_is_written(harbour, reader, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_TUI_STATE_DIR", str(tmp_path / "state"))
    async with reader(harbour) as (pilot, screen):  # no positions: --no-resume, stdin
        await search(pilot, "deal")
        await pilot.press("slash", "up")
        assert screen.search_bar.value == "deal"  # this run's searches are still there
    assert not (tmp_path / "state").exists()


# -- hostile queries ------------------------------------------------------------------------


async def test_queries_with_pattern_characters_are_literal(reader):
    briefing = load_text(
        "title: T\nsections:\n  - heading: H\n    body: ['Costs rose (a lot) by 3.5%* [sic].']\n",
        "t.yaml",
    ).briefing
    async with reader(briefing) as (pilot, screen):
        await search(pilot, "(a lot)")
        assert lit(screen.body) == [("(a lot)", True)]
        await search(pilot, "3.5%* [sic]")
        assert lit(screen.body) == [("3.5%* [sic]", True)]
        await search(pilot, ".*")
        assert lit(screen.body) == []


async def test_control_characters_in_a_query_never_reach_the_terminal(harbour, reader):
    async with reader(harbour) as (pilot, screen):
        await pilot.press("slash")
        screen.search_bar.post_message(events.Paste("\x1b[2J\x07harbour\x9b"))
        await pilot.pause()
        value = screen.search_bar.value
        assert "\x1b" not in value and "\x07" not in value and "\x9b" not in value
        assert value.startswith("␛[2J␇")
        for line in screen_lines(pilot.app):
            assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in line), line
        await pilot.press("enter")
        await settle(pilot)


async def test_a_query_of_ten_thousand_characters_is_cut_and_searched(harbour, reader, notes):
    async with reader(harbour) as (pilot, screen):
        await pilot.press("slash")
        screen.search_bar.post_message(events.Paste("harbour " * 1250))
        await pilot.pause()
        assert len(screen.search_bar.value) == 1000
        await pilot.press("enter")
        await settle(pilot)
        assert any(note.startswith("Not found: harbour harbour") for note in notes)
        assert all(len(note) < 200 for note in notes)


async def test_a_one_letter_query_counts_everything_and_lights_only_the_view(reader):
    paragraphs = "\n".join(f"      - {'e ' * 200}" for _ in range(2000))
    briefing = load_text(
        f"title: T\nsections:\n  - heading: H\n    body:\n{paragraphs}\n", "t.yaml"
    ).briefing
    async with reader(briefing, (80, 24)) as (pilot, screen):
        await search(pilot, "e")
        assert counts(screen)[0] == "1/400,000"
        assert 0 < len(lit(screen.body)) < 24 * 40


async def test_keys_typed_in_a_burst_after_enter_act_on_the_reader(harbour, reader):
    """``/harbour`` Enter ``n n N`` all arrive before the first is handled (tmux send-keys)."""
    async with reader(harbour) as (pilot, screen):
        keys = ["slash", *"harbour", "enter", "n", "n", "N"]
        for key in keys:
            character = "/" if key == "slash" else None if key == "enter" else key
            pilot.app.post_message(events.Key(key, character))
        await settle(pilot)
        await settle(pilot)
        assert screen.search_bar.value == "harbour"  # not "harbournnN"
        assert not screen.search_line.is_open
        assert counts(screen)[1].startswith("match 2/6")
        pilot.app.post_message(events.Key("slash", "/"))
        for key in [*"fees", "escape", "n"]:
            pilot.app.post_message(events.Key(key, None if key == "escape" else key))
        await settle(pilot)
        assert counts(screen)[1].startswith("match 3/6")  # Esc, then n: the last search


@pytest.mark.parametrize(
    ("moves", "section", "match"),
    [
        (["right_square_bracket", "right_square_bracket"], 2, "match 3/4"),
        (["G"], 2, "match 3/4"),  # (the view at the end: the next match is the third)
        (["G", "left_square_bracket", "left_square_bracket"], 2, "match 3/4"),
    ],
)
async def test_a_search_typed_in_a_burst_after_moves_starts_where_they_went(
    seed, reader, moves: list[str], section: int, match: str
):
    """``] ] /duque Enter`` sent at once: ``/`` (which acts as it arrives, so that what is
    typed after it goes into the line) searched before the ] ] had come back up to their
    bindings, from the top: match 1/4, and then ] ] moved on from there."""
    async with reader(seed, (120, 40)) as (pilot, screen):
        keys = [(key, None) for key in moves]
        keys += [("slash", "/"), *[(c, c) for c in "duque"], ("enter", None)]
        for key, character in keys:  # all queued before any is handled
            pilot.app.post_message(events.Key(key, character))
        await settle(pilot)
        await settle(pilot)
        assert screen.search_bar.value == "duque"
        assert counts(screen)[1].startswith(match)
        assert screen.body.current_section == section


async def test_editing_keys_typed_quickly_act_in_order_with_enter(harbour, reader):
    async with reader(harbour) as (pilot, screen):
        keys = [("slash", "/"), *[(c, c) for c in "feesx"], ("backspace", None), ("enter", None)]
        for key, character in keys:  # all queued before any is handled
            pilot.app.post_message(events.Key(key, character))
        await settle(pilot)
        assert counts(screen)[0] == "1/1"  # "fees", not "feesx"
        assert screen.search_bar.value == "fees"


async def test_a_new_version_of_the_text_forgets_the_current_match(harbour, reader):
    async with reader(harbour) as (pilot, screen):
        await search(pilot, "harbour")
        await pilot.press("n", "n")  # the current match is in the last paragraph
        shorter = load_text(HARBOUR.replace("      - Harbour fees fall;", "      #"), "h.yaml")
        # As a reload in place would: the screen's briefing and document replaced.
        screen.briefing, screen.document = shorter.briefing, BodyDocument(shorter.briefing)
        await pilot.press("n")
        await settle(pilot)
        assert screen.searcher.current is not None
        assert screen.searcher.current.unit < len(screen.document)


# -- a large briefing: work bounded by what is in view ------------------------------------


def big_briefing(paragraphs: int) -> Briefing:
    """Sections of long paragraphs, ``harbour`` a few times in each paragraph."""
    sentence = "The harbour board met at dawn and the fees were argued over again. "
    words = "Quay cranes rust slowly while ferries wait beyond the breakwater walls. "
    body = "\n".join(f"      - {sentence}{words * 3}{sentence}{words * 2}" for _ in range(100))
    sections = "\n".join(
        f"  - heading: Part {number}\n    body:\n{body}" for number in range(paragraphs // 100)
    )
    return load_text(f"title: Big\nsections:\n{sections}\n", "big.yaml").briefing


async def test_n_draws_anew_only_the_lines_whose_look_changes(reader, monkeypatch):
    """``n`` on a large briefing: the lines of the two matches (and any scrolled into view),
    not every line in view again, as when each ``n`` threw every drawn line away."""
    async with reader(big_briefing(2000), (120, 40)) as (pilot, screen):
        await search(pilot, "harbour")
        body = screen.body
        drawn = drawn_lines(body, monkeypatch)
        height = body.scrollable_content_region.height
        for step in range(2, 8):
            drawn.clear()
            top = body.scroll_y
            await pilot.press("n")
            await settle(pilot)
            scrolled = round(abs(body.scroll_y - top))  # lines that came into view
            assert len(drawn) <= scrolled + 4  # and the lines of the old and new match
            assert scrolled + 4 < height
            assert counts(screen)[1].startswith(f"match {step}/4,000 · ")
            assert ("harbour", True) in lit(body)  # the current match is in view, reversed


class Reads(Sequence[str]):
    """The article's texts, counting how many are read on the UI thread."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.on_ui_thread = 0

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if threading.current_thread() is threading.main_thread():
            self.on_ui_thread += 1
        return self.texts[index]


@pytest.fixture
def held_joining(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds up the joining of the panes' texts in workers (the first search of a run, on a
    slow machine) until the event is set: what the reader shows meanwhile can be checked."""
    gate = threading.Event()
    build = Corpus.build

    def held(self: Corpus, *args: object, **kwargs: object) -> object:
        if threading.current_thread() is not threading.main_thread():
            gate.wait(60)
        return build(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Corpus, "build", held)
    yield gate
    gate.set()


async def test_typing_shows_each_key_and_its_matches_before_the_count_is_done(reader, held_joining):
    async with reader(big_briefing(2000), (120, 40)) as (pilot, screen):
        reads = screen.document.texts = Reads(screen.document.texts)
        await pilot.press("slash", *"fees")
        assert screen.search_bar.value == "fees"
        assert counts(screen)[0] == "…"  # still counting
        assert lit(screen.body)  # the matches in view are lit up already
        await pilot.press(*["backspace"] * 4, *"harbou")  # the count of "fees" is dropped
        reads.on_ui_thread = 0
        await pilot.press("r")
        assert reads.on_ui_thread < 300  # a key reads the lines in view, not 2,000 paragraphs
        assert screen.search_bar.value == "harbour"
        assert counts(screen)[0] == "…"
        assert ("harbour", False) in lit(screen.body)
        held_joining.set()
        await settle(pilot)
        assert counts(screen)[0] == "4,000 matches"
        assert counts(screen)[1].startswith("4,000 matches · ")


async def test_enter_and_n_before_the_texts_are_joined_search_off_the_ui_thread(
    reader, held_joining, notes
):
    async with reader(big_briefing(2000), (120, 40)) as (pilot, screen):
        reads = screen.document.texts = Reads(screen.document.texts)
        await pilot.press("slash", *"zephyr", "enter")  # in no paragraph
        await pilot.pause()
        assert not screen.search_line.is_open  # Enter is taken at once
        await pilot.press("j")  # and the reader goes on answering keys
        assert reads.on_ui_thread < 1000  # the lines in view, not every paragraph
        held_joining.set()
        await settle(pilot)
        assert "Not found: zephyr" in notes
        held_joining.clear()  # a capital: the texts joined again, as they are (smart case)
        reads.on_ui_thread = 0
        await pilot.press("slash", *"The harbour", "enter", "n", "n")
        assert reads.on_ui_thread < 1000
        held_joining.set()
        await settle(pilot)
        await settle(pilot)
        assert counts(screen)[1].startswith("match 3/4,000 · ")  # n and n from Enter's match
        assert ("The harbour", True) in lit(screen.body)


def drawn_lines(body: BodyView, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one for each line the article draws from scratch (not cached)."""
    drawn: list[int] = []
    render = body._render_line

    def counted(*args: object, **kwargs: object) -> object:
        drawn.append(1)
        return render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(body, "_render_line", counted)
    return drawn


async def test_focus_moving_to_the_article_keeps_its_drawn_lines(reader, monkeypatch):
    """Enter in the search line moves the focus to the article: its border changes colour,
    its text does not, and no line of it is drawn from scratch for that (a theme is)."""
    async with reader(big_briefing(2000), (120, 40)) as (pilot, screen):
        await search(pilot, "harbour")
        body = screen.body
        drawn = drawn_lines(body, monkeypatch)
        await pilot.press("slash")
        await settle(pilot)
        assert pilot.app.focused is screen.search_bar
        await pilot.press("escape")  # the focus back to the article
        await settle(pilot)
        assert pilot.app.focused is body
        assert drawn == []
        pilot.app.theme = "textual-light"
        await settle(pilot)
        assert len(drawn) >= body.scrollable_content_region.height - 2


async def test_typing_a_short_query_keeps_the_search_line_s_size_and_a_long_one_scrolls(
    harbour, reader
):
    """A new size for the line's scrollable text lays out the whole screen again at every
    key; a query shorter than the line needs none. A long one still shows its end, and a
    short one typed over it its start."""
    async with reader(harbour, (120, 40)) as (pilot, screen):
        bar = screen.search_bar
        await pilot.press("slash", "h")
        size = bar.virtual_size
        await pilot.press(*"arbour")
        assert bar.virtual_size == size
        await pilot.press(*("x" * 150))
        assert bar.scroll_x > 0
        line = screen_lines(pilot.app)[bar.region.y]
        assert "harbour" not in line and "x" * 90 in line  # its end, where the cursor is
        await pilot.press("home", "shift+end", "a")
        await pilot.pause()
        assert bar.value == "a" and bar.scroll_x == 0
        assert screen_lines(pilot.app)[bar.region.y].startswith("a ")


async def test_a_search_found_in_a_worker_leaves_the_query_being_typed_lit(reader, held_joining):
    async with reader(big_briefing(2000), (120, 40)) as (pilot, screen):
        await pilot.press("slash", *"harbour", "enter", "slash", *"fees")
        held_joining.set()  # the match of "harbour" arrives while "fees" is typed
        await settle(pilot)
        assert screen.search_line.is_open and screen.search_bar.value == "fees"
        assert screen.searcher.current is not None  # the reader went to harbour's match
        shown = {text for text, _ in lit(screen.body)}
        assert shown == {"fees"}
