"""Pilot tests of the reader: every key, every cross-link, both layouts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import pytest
from snapshot_apps import (
    ALIGNMENT_BUDGET,
    TooManyAlignments,
    body_lines,
    collect,
    count_fuzzy_alignments,
    line_visible,
    screen_lines,
    screen_strips,
    textual_match,
)
from textual import events
from textual.app import App
from textual.command import CommandList, CommandPalette, Hit
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList, Static, Tabs

from tui.document import ITEM, PARAGRAPH, QUOTE, Target
from tui.format.loader import load_text
from tui.model import Briefing, Quote
from tui.ui import palette
from tui.ui.app import BriefingApp
from tui.ui.palette import BriefingCommands
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.screens.section_picker import SectionPicker
from tui.ui.widgets.body import BodyView
from tui.ui.widgets.item_list import MARK
from tui.ui.widgets.outline import Outline
from tui.ui.widgets.points import PointsList
from tui.ui.widgets.quotes import QuotesList

W = TypeVar("W", bound=Widget)

WIDE = (120, 40)
NARROW = (80, 24)
SIZES = [pytest.param(WIDE, id="120x40"), pytest.param(NARROW, id="80x24")]
PANE_NAMES = ("body", "points", "quotes")

HEADINGS = [
    "The visit",
    "Strained relations",
    "US priorities",
    "Blinken’s main talking points",
    "Meeting youth representatives",
]


# -- helpers ------------------------------------------------------------------------


def heading_top(screen: ReaderScreen, section: int) -> int:
    """The document line of a section's heading."""
    return screen.body.lay_out().tops[screen.document.section_blocks[section]]


def top_line(body: BodyView) -> int:
    return round(body.scroll_y)


def page(body: BodyView) -> int:
    """How far one page scrolls: the pane's height less one line of overlap."""
    return body.scrollable_content_region.height - 1


def shown(widget: object) -> bool:
    """True if the widget takes up room on the screen (None: not even mounted)."""
    if widget is None:
        return False
    region = widget.region  # type: ignore[attr-defined]
    return bool(widget.display and region.width > 0 and region.height > 0)  # type: ignore[attr-defined]


def highlighted_text(body: BodyView) -> str:
    target = body.highlight
    assert target is not None, "nothing is highlighted"
    text = body.document.texts[target.block]
    return text[target.start : len(text) if target.end is None else target.end]


def first_highlighted_line(body: BodyView) -> int:
    target = body.highlight
    assert target is not None
    layout = body.lay_out()
    return layout.tops[target.block] + layout.row_of(target.block, target.start)


def highlighted_on_screen(body: BodyView) -> str:
    """The characters drawn with the highlight background in the body pane, line by line."""
    background = body.get_component_rich_style("body--highlight", partial=False).bgcolor
    assert background is not None
    lines = []
    for y in range(body.scrollable_content_region.height):
        marked = "".join(
            segment.text
            for segment in body.render_line(y)
            if segment.style is not None and segment.style.bgcolor == background
        )
        if marked:
            lines.append(marked)
    return " ".join(lines)


def optional(screen: ReaderScreen, widget_type: type[W]) -> W | None:
    """The screen's widget of a type that may be mounted only when first needed."""
    found = screen.query(widget_type)
    return found.first() if found else None


def marked_lines(app, widget) -> tuple[set[str], set[str]]:
    """The items drawn in ``widget`` with and without the mark, by their first word."""
    marked, unmarked = set(), set()
    region = widget.region
    for line in screen_lines(app)[region.y + 1 : region.bottom - 1]:
        inside = line[region.x + 1 : region.right - 1]
        content = inside.lstrip(" ")
        if content.startswith(MARK):
            marked.add(content[1:].split()[0])
        elif content[:1].isdigit() or content[:1] == "“":
            unmarked.add(content.split()[0])
    return marked, unmarked


# -- start-up ---------------------------------------------------------------------


async def test_starts_at_the_top_of_the_article(seed, reader):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        assert body.scroll_y == 0
        assert body.current_section == 0
        assert str(body.border_title) == "Article · 1/5 · The visit"
        assert pilot.app.focused is body
        assert screen.active_pane == "body"
        assert body_lines(body)[0].strip() == "The visit"
        lines = screen_lines(pilot.app)
        assert seed.title in lines[0]
        assert any("Talking points (7)" in line for line in lines)
        assert any("Quotes (5)" in line for line in lines)
        assert any("US Secretary of State Antony Blinken stressed" in line for line in lines)
        _assert_fits(screen, 120)


# -- body keys ------------------------------------------------------------------


async def test_line_keys(seed, reader):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        before = body_lines(body)
        for down, up in [("j", "k"), ("down", "up")]:
            await pilot.press(down)
            assert body.scroll_y == 1, down
            assert body_lines(body)[0] == before[1]  # the text moved up one line
            await pilot.press(down, down)
            assert body.scroll_y == 3
            await pilot.press(up)
            assert body.scroll_y == 2, up
            await pilot.press(up, up, up)
            assert body.scroll_y == 0  # stops at the top
            assert body_lines(body) == before


async def test_page_keys(seed, reader):
    async with reader(seed, (120, 30)) as (pilot, screen):  # the article is three pages long
        body = screen.body
        before = body_lines(body)
        for down, up in [("space", "b"), ("pagedown", "pageup")]:
            await pilot.press(down)
            assert body.scroll_y == page(body), down
            assert body_lines(body)[0] == before[-1]  # the old last line stays in view
            await pilot.press(down)
            assert body.scroll_y == min(2 * page(body), body.max_scroll_y)
            await pilot.press("G", up)
            assert body.scroll_y == body.max_scroll_y - page(body), up
            await pilot.press(up)
            assert body.scroll_y == 0


async def test_bottom_and_top_keys(seed, reader):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        last_word = seed.sections[-1].blocks[-1].split()[-1]
        for bottom, top in [("G", "g"), ("end", "home")]:
            await pilot.press(bottom)
            assert body.max_scroll_y > 0
            assert body.scroll_y == body.max_scroll_y, bottom
            assert last_word in " ".join(body_lines(body))  # the end of the article is shown
            await pilot.press(top)
            assert body.scroll_y == 0, top
            assert body.current_section == 0
            assert body_lines(body)[0].strip() == HEADINGS[0]


def bottom_border(app) -> str:
    """The screen line with the body's bottom border (the last line drawn with ╯)."""
    return next(line for line in reversed(screen_lines(app)) if "╰" in line)


async def test_the_bottom_border_says_how_far_through_the_article(seed, reader):
    async with reader(seed, NARROW) as (pilot, screen):
        assert bottom_border(pilot.app).rstrip().endswith("Top ─╯")
        await pilot.press("space")
        percent = int(bottom_border(pilot.app).split("%")[0].split()[-1])
        expected = 100 * round(screen.body.scroll_y) // round(screen.body.max_scroll_y)
        assert 0 < percent == expected < 100
        await pilot.press("G")
        assert bottom_border(pilot.app).rstrip().endswith("End ─╯")


async def test_a_short_article_is_all_in_view(reader):
    briefing = load_text(
        "title: Short\nsections:\n  - heading: Only\n    body: [Brief.]\n", "s.yaml"
    )
    async with reader(briefing.briefing) as (pilot, _screen):
        assert "All ─╯" in bottom_border(pilot.app)


async def test_the_mouse_wheel_scrolls_the_article(seed, reader):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        for _ in range(3):  # as the terminal reports a turn of the wheel over the body
            body.post_message(events.MouseScrollDown(body, 10, 10, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert body.scroll_y > 0


# -- sections -------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_next_section_brings_heading_to_top(seed, reader, size):
    async with reader(seed, size) as (pilot, screen):
        body = screen.body
        section = 1
        while heading_top(screen, section) <= body.max_scroll_y:
            await pilot.press("right_square_bracket")
            assert heading_top(screen, section) == top_line(body)
            assert body.current_section == section
            assert str(body.border_title) == f"Article · {section + 1}/5 · {HEADINGS[section]}"
            assert body_lines(body)[0].strip() == HEADINGS[section]
            section += 1
        assert section >= 3
        # The remaining headings lie on the last page: they cannot reach the top
        # line, but ] brings them into view.
        await pilot.press("right_square_bracket")
        assert body.scroll_y == body.max_scroll_y
        for later in range(section, 5):
            assert line_visible(body, heading_top(screen, later))
            assert HEADINGS[later] in [line.strip() for line in body_lines(body)]


async def test_next_section_reaches_every_section(seed, reader):
    """Headings on the last page cannot reach the top, but ] and [ still step through them.

    (Regression: ] used to stay on "3/5 · US priorities" at 120x40.)
    """
    async with reader(seed) as (pilot, screen):
        body = screen.body
        points = screen.query_one(PointsList)
        for section in range(1, 5):
            await pilot.press("right_square_bracket")
            assert body.current_section == section
            assert str(body.border_title) == f"Article · {section + 1}/5 · {HEADINGS[section]}"
            assert line_visible(body, heading_top(screen, section))
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("right_square_bracket")  # nothing after the last section
        assert body.current_section == 4
        await pilot.press("left_square_bracket")
        assert str(body.border_title) == f"Article · 4/5 · {HEADINGS[3]}"
        assert [points.is_marked(i) for i in range(7)] == [True] * 4 + [False] * 2 + [True]


async def test_previous_section(seed, reader):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert top_line(body) == heading_top(screen, 2)
        await pilot.press("left_square_bracket")
        assert top_line(body) == heading_top(screen, 1)
        assert str(body.border_title) == f"Article · 2/5 · {HEADINGS[1]}"
        # inside a section, [ first goes back to its own heading (as in less)
        await pilot.press("j", "j")
        assert body.current_section == 1
        await pilot.press("left_square_bracket")
        assert top_line(body) == heading_top(screen, 1)
        await pilot.press("left_square_bracket")
        assert top_line(body) == heading_top(screen, 0)
        await pilot.press("left_square_bracket")
        assert body.scroll_y == 0  # stays at the first section
        assert str(body.border_title) == f"Article · 1/5 · {HEADINGS[0]}"


async def test_marks_follow_the_section_in_view(seed, reader):
    async with reader(seed) as (pilot, screen):
        points = screen.query_one(PointsList)
        quotes = screen.query_one(QuotesList)
        # The visit: only the "deepen our cooperation" quote belongs here
        assert [quotes.is_marked(i) for i in range(5)] == [False, True, False, False, False]
        assert not any(points.is_marked(i) for i in range(7))
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert str(screen.body.border_title).endswith("US priorities")
        assert [points.is_marked(i) for i in range(7)] == [False] * 4 + [True] * 2 + [False]
        assert [quotes.is_marked(i) for i in range(5)] == [True, False, False, False, False]
        # on screen, the mark is drawn beside points 5, 6 and 7 only (as far as the
        # pane shows them), and beside the first quote only
        await pilot.press("2", "G")  # bring the last points into view
        marked, unmarked = marked_lines(pilot.app, points)
        assert marked and marked <= {"5.", "6."}, marked
        assert not unmarked & {"5.", "6."}, unmarked
        marked, unmarked = marked_lines(pilot.app, quotes)
        assert marked == {"“We"}, marked
        assert "“deepen" in unmarked


# -- panes ----------------------------------------------------------------------


async def test_pane_keys(seed, reader):
    """tab / shift+tab cycle the panes, 1/2/3 pick one, j/k/g/G move in the lists."""
    async with reader(seed) as (pilot, screen):
        app = pilot.app
        for key, pane in [
            *[("tab", pane) for pane in ("points", "quotes", "body")],
            *[("shift+tab", pane) for pane in ("quotes", "points", "body")],
            ("2", "points"),
            ("3", "quotes"),
            ("1", "body"),
        ]:
            await pilot.press(key)
            assert screen.active_pane == pane, key
            assert app.focused is screen.pane_widget(pane), key
        points = screen.query_one(PointsList)
        await pilot.press("2")
        assert isinstance(app.focused, PointsList)
        assert points.highlighted == 0
        await pilot.press("j", "j")
        assert points.highlighted == 2
        await pilot.press("k")
        assert points.highlighted == 1
        await pilot.press("G")
        assert points.highlighted == 6
        await pilot.press("g")
        assert points.highlighted == 0
        quotes = screen.query_one(QuotesList)
        await pilot.press("3", "G", "k")
        assert isinstance(app.focused, QuotesList)
        assert quotes.highlighted == 3
        assert screen.body.scroll_y == 0  # list keys do not scroll the body


# -- outline ----------------------------------------------------------------------


async def test_o_toggles_the_outline(seed, reader):
    async with reader(seed) as (pilot, screen):
        assert not shown(optional(screen, Outline))  # 120 columns: no room by default
        await pilot.press("o")
        outline = optional(screen, Outline)
        assert shown(outline)
        assert any(HEADINGS[1] in line[: outline.region.right] for line in screen_lines(pilot.app))
        await pilot.press("o")
        assert not shown(outline)


async def test_outline_on_wide_terminals_follows_and_jumps(seed, reader):
    async with reader(seed, (160, 40)) as (pilot, screen):
        outline = screen.query_one(Outline)
        assert shown(outline)
        assert outline.highlighted == 0
        await pilot.press("right_square_bracket")
        assert outline.highlighted == 1
        await pilot.press("g")
        # clicking entry 3 (US priorities, third line inside the border) jumps there
        await pilot.click(Outline, offset=(3, 3))
        await pilot.pause()
        assert top_line(screen.body) == heading_top(screen, 2)
        assert pilot.app.focused is screen.body
        assert outline.highlighted == 2
        await pilot.press("backspace")
        assert screen.body.scroll_y == 0
        await pilot.press("o")
        assert not shown(outline)


# -- cross-links --------------------------------------------------------------------

# (talking point index, how the linked block starts, words it must contain)
POINT_LINKS = [
    (0, "Joint approach to Covid-19 pandemic", "public health capacity", ITEM),
    (1, "Joint approach to mass migration", "Haiti and Venezuela", ITEM),
    (2, "US support for Colombian environmental", "initiatives", ITEM),
    (3, "US support for counternarcotics", "root causes", ITEM),
    (4, "The state secretary additionally stressed", "2016 peace deal", PARAGRAPH),
    (5, "The state secretary additionally stressed", "human rights violations", PARAGRAPH),
    (6, "Improving economic ties", "between the two countries", ITEM),
]

# (quote index, how the linked block starts, the exact span highlighted)
QUOTE_LINKS = [
    (
        0,
        "We see a massive opportunity",
        "We see a massive opportunity for deeper collaboration and broad-based growth, from "
        "cloud computing to health technology to agriculture. And the Build Back Better World "
        "partnership will offer a chance to seize on these and other areas of complementary "
        "strength in the months and years ahead.",
    ),
    (1, "US Secretary of State Antony Blinken stressed", "deepen our cooperation"),
    (2, "US support for counternarcotics", "root causes"),
    (3, "US support for counternarcotics", "inequity, corruption, impunity"),
    (
        4,
        "Apart from meeting with Duque",
        "who will safeguard our almost 200-year-old bilateral relationship into the future.",
    ),
]


async def _select(pilot, pane_key: str, index: int) -> None:
    """Press enter on item ``index`` of the points (2) or quotes (3) list."""
    await pilot.press(pane_key)
    items = pilot.app.focused
    assert isinstance(items, (PointsList, QuotesList))
    items.highlighted = index  # (j/k/g/G are tested in test_list_keys)
    await pilot.press("enter")


def _assert_passage_on_screen(screen: ReaderScreen, passage: str) -> None:
    """The passage's first line is in view, and what is drawn highlighted is its start."""
    body = screen.body
    assert shown(body)
    line = first_highlighted_line(body)
    assert line_visible(body, line), f"line {line} is off screen (top {body.scroll_y})"
    first_word = passage.split()[0]
    assert first_word in body_lines(body)[line - top_line(body)]
    drawn = " ".join(highlighted_on_screen(body).split())
    assert drawn and " ".join(passage.split()).startswith(drawn), drawn


async def _check_points(screen: ReaderScreen, pilot) -> None:
    body = screen.body
    for index, starts, words, kind in POINT_LINKS:
        await _select(pilot, "2", index)
        target = body.highlight
        assert isinstance(target, Target), index
        block_text = body.document.texts[target.block]
        assert block_text.startswith(starts), (index, block_text)
        assert words in block_text
        assert highlighted_text(body) == block_text  # the whole paragraph, or list item
        assert body.document.kinds[target.block] == kind
        _assert_passage_on_screen(screen, block_text)
        assert str(body.border_title).endswith(HEADINGS[target.section])
        # backspace: back where the reader was, highlight gone, list in use again
        await pilot.press("backspace")
        assert body.scroll_y == 0, index
        assert str(body.border_title) == f"Article · 1/5 · {HEADINGS[0]}"
        assert body.highlight is None
        assert screen.active_pane == "points"


async def _check_quotes(screen: ReaderScreen, pilot) -> None:
    body = screen.body
    for index, starts, span in QUOTE_LINKS:
        await _select(pilot, "3", index)
        target = body.highlight
        assert isinstance(target, Target) and target.exact, index
        assert body.document.texts[target.block].startswith(starts), index
        assert highlighted_text(body) == span
        if index == 0:  # the words of the article's block quote
            assert body.document.kinds[target.block] == QUOTE
        _assert_passage_on_screen(screen, span)
        assert str(body.border_title).endswith(HEADINGS[target.section])
        if index == 1:  # exactly the words quoted, not the quote marks around them
            assert target.block == screen.document.paragraph_block(0, 0)
            assert highlighted_on_screen(body) == "deepen our cooperation"
        await pilot.press("backspace")
        assert body.scroll_y == 0, index
        assert body.highlight is None
        assert screen.active_pane == "quotes"


async def test_every_talking_point_jumps_to_its_paragraph(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        await _check_points(screen, pilot)


async def test_every_quote_jumps_to_its_span(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        await _check_quotes(screen, pilot)


@pytest.mark.parametrize("kind", ["points", "quotes"])
async def test_every_link_jumps_into_view_on_a_narrow_terminal(seed, reader, kind):
    """From the points or quotes tab the body is hidden; the jump must wait until it is
    laid out at its real width (regression: it used to land on the last page)."""
    async with reader(seed, NARROW) as (pilot, screen):
        await (_check_points if kind == "points" else _check_quotes)(screen, pilot)


async def test_backspace_returns_to_the_previous_scroll_position(seed, reader, notes):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        await pilot.press("backspace")
        await pilot.pause()
        assert "Nothing to go back to." in notes
        await pilot.press("j", "j", "j")
        before = body_lines(body)
        await _select(pilot, "3", 4)
        assert body.scroll_y != 3
        await _select(pilot, "2", 0)  # a second jump stacks
        await pilot.press("backspace")
        assert body.highlight is None
        assert screen.active_pane == "points"
        await pilot.press("backspace")
        assert screen.active_pane == "quotes"
        assert body.scroll_y == 3
        assert body_lines(body) == before
        assert len(screen.history) == 0


# -- section picker ------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_section_picker_filters_and_jumps(seed, reader, size):
    async with reader(seed, size) as (pilot, screen):
        app = pilot.app
        await pilot.press("t")
        picker = app.screen
        assert isinstance(picker, SectionPicker)
        assert isinstance(app.focused, Input)
        await pilot.press(*"strain")
        options = picker.query_one(OptionList)
        assert options.option_count == 1
        assert "Strained relations" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert top_line(screen.body) == heading_top(screen, 1)
        assert str(screen.body.border_title) == f"Article · 2/5 · {HEADINGS[1]}"
        await pilot.press("backspace")  # the picker's jump can be undone
        assert screen.body.scroll_y == 0
        if size != WIDE:
            return
        # arrow keys move through the matches; escape cancels; no match, no jump
        await pilot.press("t", "down", "down", "enter")
        await pilot.pause()
        assert top_line(screen.body) == heading_top(screen, 2)
        await pilot.press("t", "up", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert top_line(screen.body) == heading_top(screen, 2)
        await pilot.press("t", "z", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionPicker)  # nothing to pick: stays open
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert top_line(screen.body) == heading_top(screen, 2)


async def test_narrow_section_picker_from_the_points_pane(seed, reader):
    async with reader(seed, NARROW) as (pilot, screen):
        await pilot.press("2", "t", *"str", "enter")
        await pilot.pause()
        assert screen.active_pane == "body"
        assert top_line(screen.body) == heading_top(screen, 1)


# -- help and quit ------------------------------------------------------------------


HELP_DESCRIPTION_WIDTH = 42
"""Columns left for a description in the help box at 80x24: a longer one wraps to column 0."""


def test_every_key_description_fits_on_its_line_in_help():
    bindings = [*ReaderScreen.BINDINGS, *BodyView.BINDINGS]
    long = [b.description for b in bindings if len(b.description) > HELP_DESCRIPTION_WIDTH]
    assert not long


async def test_help_lists_every_key(seed, reader):
    async with reader(seed) as (pilot, screen):
        app = pilot.app
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = "\n".join(str(static.render()) for static in help_screen.query(Static))
        descriptions = [b.description for b in [*ReaderScreen.BINDINGS, *BodyView.BINDINGS]]
        for description in descriptions:
            assert description in text
        for keys in ["j / ↓", "Space / PgDn", "G / End", "Shift+Tab", "]", "Backspace", "?"]:
            assert keys in text
        on_screen = "\n".join(screen_lines(app))  # drawn, not just in the widgets
        assert "Next section" in on_screen and "Page down" in on_screen
        await pilot.press("escape")
        assert app.screen is screen
        for key in ["question_mark", "q"]:
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            assert app.screen is screen
            assert app.is_running  # q closed the help, it did not quit


async def test_q_quits(seed, reader):
    async with reader(seed) as (pilot, _screen):
        app = pilot.app
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
        assert app.return_code == 0


# -- command palette ----------------------------------------------------------------


async def _palette(pilot, query: str, *, type_it: bool = True) -> list[str]:
    """Open the palette and search; ``type_it=False`` pastes the query in one go."""
    app = pilot.app
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    if type_it:
        await pilot.press(*query)
    else:
        app.screen.query_one(Input).value = query
    await app.workers.wait_for_complete()
    await pilot.pause()
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


LAUGH = Quote(speaker="Someone", text="ha " * 30)
"""A quote that fits the letters of "hahaha" in hundreds of thousands of ways."""


def type_into_palette(briefing: Briefing, query: str) -> list[str]:
    """Search the palette's entries for each prefix of ``query``; the last search's hits."""
    provider = BriefingCommands(ReaderScreen(briefing))
    hits: list[Hit] = []
    for end in range(1, len(query) + 1):
        hits = asyncio.run(collect(provider.search(query[:end])))
    return [str(hit.text) for hit in hits]


def check_palette_typing_is_cheap(seed: Briefing, monkeypatch: pytest.MonkeyPatch) -> None:
    """Type two queries, letter by letter, within :data:`ALIGNMENT_BUDGET` alignments."""
    scored = count_fuzzy_alignments(monkeypatch)  # raises past the budget
    laughing = replace(seed, quotes=(*seed.quotes, LAUGH))
    found = type_into_palette(laughing, "Go to section: strained")
    assert "Go to section: Strained relations" in found
    found = type_into_palette(laughing, "Quote: hahaha")
    assert any(text.startswith("Quote: ha ha ha") for text in found)
    assert scored() <= ALIGNMENT_BUDGET


def test_palette_search_stays_cheap(seed, monkeypatch):
    """Typing into the palette scores few alignments, whatever the entries say.

    Textual's fuzzy matcher scores every way the query's letters fit the entry, which
    grows exponentially with the entry's length: with the full ~300-character quotes
    as entries, typing "Go to section: strained" took tens of seconds (regression),
    and a quote of "ha ha ha …" still costs it hundreds of thousands of alignments.
    """
    check_palette_typing_is_cheap(seed, monkeypatch)


def test_palette_cost_check_catches_textuals_matcher(seed, monkeypatch):
    """The check above fails, quickly, if the palette goes back to Textual's matcher."""
    monkeypatch.setattr(palette, "match", textual_match)
    with pytest.raises(TooManyAlignments):
        check_palette_typing_is_cheap(seed, monkeypatch)


async def test_palette_jumps(seed, reader):
    async with reader(seed) as (pilot, screen):
        hits = await _palette(pilot, "Quote: root")  # typed, letter by letter
        assert hits[0].startswith("Quote: root causes")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert highlighted_text(screen.body) == "root causes"
        _assert_passage_on_screen(screen, "root causes")
        # (pasted: typing "Go to section: strained" letter by letter takes seconds,
        # see test_palette_search_stays_cheap)
        hits = await _palette(pilot, "Go to section: strained", type_it=False)
        assert hits[0].startswith("Go to section: Strained relations")
        await pilot.press("enter")
        await pilot.pause()
        assert top_line(screen.body) == heading_top(screen, 1)
        hits = await _palette(pilot, "Talking point: improving", type_it=False)
        assert hits[0].startswith("Talking point: Improving economic ties")
        await pilot.press("enter")
        await pilot.pause()
        assert highlighted_text(screen.body) == "Improving economic ties between the two countries"
        _assert_passage_on_screen(screen, "Improving economic ties between the two countries")
        await pilot.press("backspace", "backspace", "backspace")
        assert screen.body.scroll_y == 0


# -- narrow layout ------------------------------------------------------------------


def _panes_shown(screen: ReaderScreen) -> dict[str, bool]:
    return {pane: shown(screen.pane_widget(pane)) for pane in ("body", "points", "quotes")}


def _assert_fits(screen: ReaderScreen, width: int) -> None:
    """No widget reaches past the right edge, and every line is exactly ``width`` cells."""
    footers = list(screen.query(Footer))  # (Textual's footer scrolls its keys inside)
    for widget in screen.query("*"):
        if any(footer in widget.ancestors for footer in footers):
            continue
        if widget.display and widget.region.width:
            assert widget.region.right <= width, widget
    assert all(strip.cell_length == width for strip in screen_strips(screen.app))


async def test_narrow_shows_one_pane_with_tabs(seed, reader):
    async with reader(seed, NARROW) as (pilot, screen):
        assert screen.narrow
        tabs = optional(screen, Tabs)
        assert shown(tabs)
        assert "Article  Talking points  Quotes" in screen_lines(pilot.app)[tabs.region.y]
        assert _panes_shown(screen) == {"body": True, "points": False, "quotes": False}
        _assert_fits(screen, 80)
        for pane in ["points", "quotes", "body"]:
            await pilot.press("tab")
            assert screen.active_pane == pane
            assert _panes_shown(screen) == {name: name == pane for name in PANE_NAMES}
            assert tabs.active == f"tab-{pane}"
            assert pilot.app.focused is screen.pane_widget(pane)
            if pane == "points":
                _assert_fits(screen, 80)
        await pilot.press("3")
        assert _panes_shown(screen) == {"body": False, "points": False, "quotes": True}
        await pilot.press("shift+tab")
        assert _panes_shown(screen) == {"body": False, "points": True, "quotes": False}
        await pilot.click("#tab-body")
        await pilot.pause()
        assert screen.active_pane == "body"
        assert _panes_shown(screen) == {"body": True, "points": False, "quotes": False}


async def test_resize_switches_layout_live(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        assert not screen.narrow
        assert _panes_shown(screen) == {"body": True, "points": True, "quotes": True}
        assert not shown(optional(screen, Tabs))
        await pilot.press("2")
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert screen.narrow
        assert shown(optional(screen, Tabs))
        assert _panes_shown(screen) == {"body": False, "points": True, "quotes": False}
        assert screen.query_one(PointsList).region.width == 80
        _assert_fits(screen, 80)
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert not screen.narrow
        assert not shown(optional(screen, Tabs))
        assert _panes_shown(screen) == {"body": True, "points": True, "quotes": True}
        assert pilot.app.focused is screen.pane_widget("points")
        _assert_fits(screen, 120)


async def test_narrow_jump_from_the_body_via_palette(seed, reader):
    """From the body tab (already laid out) a jump works on a narrow terminal."""
    async with reader(seed, NARROW) as (pilot, screen):
        await _palette(pilot, "Quote: dee")
        await pilot.press("enter")
        await pilot.pause()
        assert highlighted_text(screen.body) == "deepen our cooperation"
        _assert_passage_on_screen(screen, "deepen our cooperation")


async def test_resize_keeps_the_top_paragraph(seed, reader):
    """Rewrapping keeps the paragraph at the top line (regression: it used to drift)."""
    async with reader(seed, WIDE) as (pilot, screen):
        body = screen.body
        tops = body.lay_out().tops
        for new_size in [(100, 40), NARROW]:
            await pilot.resize_terminal(*WIDE)
            await pilot.pause()
            body.scroll_to_block(4)  # "Duque’s increasingly violent rule…"
            await pilot.pause()
            assert top_line(body) == tops[4]
            await pilot.resize_terminal(*new_size)
            await pilot.pause()
            assert body.lay_out().locate(top_line(body)) == (4, 0), new_size


# -- keys and behaviour added after trying the reader as a new user ---------------------


async def test_half_page_keys(seed, reader):
    async with reader(seed, (120, 30)) as (pilot, screen):  # the article is three pages long
        body = screen.body
        half = round(page(body) / 2)
        for down, up in [("d", "u"), ("ctrl+d", "ctrl+u")]:
            await pilot.press(down)
            assert body.scroll_y == half, down
            await pilot.press(up)
            assert body.scroll_y == 0, up
        await pilot.press("ctrl+f")
        assert body.scroll_y == page(body)
        await pilot.press("ctrl+b")
        assert body.scroll_y == 0


async def test_the_end_of_the_text_is_titled_with_its_last_heading(seed, reader):
    async with reader(seed) as (pilot, screen):
        await pilot.press("G")
        # the last section is too short to reach the top, but it is what is read
        assert str(screen.body.border_title) == f"Article · 5/5 · {HEADINGS[4]}"


async def test_section_keys_on_a_narrow_list_show_the_article(seed, reader):
    async with reader(seed, (80, 24)) as (pilot, screen):
        await pilot.press("2")
        assert screen.active_pane == "points"
        await pilot.press("right_square_bracket")
        assert screen.active_pane == "body"
        assert shown(screen.body)
        assert str(screen.body.border_title) == f"Article · 2/5 · {HEADINGS[1]}"


async def test_section_picker_says_when_nothing_matches(seed, reader):
    async with reader(seed) as (pilot, _screen):
        await pilot.press("t", *"zzz")
        picker = pilot.app.screen
        assert isinstance(picker, SectionPicker)
        options = picker.query_one(OptionList)
        assert options.option_count == 1
        assert "No heading matches." in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")  # nothing to pick: the picker stays
        assert pilot.app.screen is picker


async def test_help_scrolls_with_reading_keys(seed, reader):
    async with reader(seed, (80, 24)) as (pilot, _screen):
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        scroller = help_screen.query_one("#help")
        assert scroller.max_scroll_y > 0  # taller than the terminal
        await pilot.press("j", "j")
        assert scroller.scroll_y == 2
        await pilot.press("G")
        assert scroller.scroll_y == scroller.max_scroll_y
        await pilot.press("g")
        assert scroller.scroll_y == 0


async def test_palette_has_no_commands_that_do_not_fit(seed, reader):
    async with reader(seed) as (pilot, screen):
        titles = [command.title for command in pilot.app.get_system_commands(screen)]
        assert "Keys" not in titles and "Screenshot" not in titles
        assert "Help: keys" in titles and "Next section" in titles


async def test_search_finds_highlights_and_repeats(seed, reader):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        await pilot.press("slash")
        assert pilot.app.focused is screen.query_one("#search")
        await pilot.press(*"colombia", "enter")  # all in lower case: any case matches
        assert pilot.app.focused is body
        first = body.highlight
        assert first is not None
        assert highlighted_text(body) == "Colombia"
        assert first.block == 1  # "… with Colombia at the end of a two-day visit"
        await pilot.press("n")
        second = body.highlight
        assert second is not None and (second.block, second.start) > (first.block, first.start)
        assert highlighted_text(body) == "Colombia"
        await pilot.press("N")
        assert body.highlight == first
        await pilot.press("slash", *"root causes", "enter")  # curly quotes around it in the text
        assert highlighted_text(body) == "root causes"
        assert body.shows(body.highlight)  # type: ignore[arg-type]
        current = [
            segment.text
            for y in range(body.scrollable_content_region.height)
            for segment in body.render_line(y)
            if segment.style is not None and segment.style.reverse
        ]
        assert current == ["root causes"]  # drawn as the current match


async def test_enter_typed_before_the_reader_took_the_terminal_still_searches(seed, reader):
    """Typed before the terminal left its cooked mode, Enter arrives as a newline (Ctrl+J)."""
    async with reader(seed) as (pilot, screen):
        await pilot.press("slash", *"colombia", "ctrl+j")
        assert not screen.query_one("#search").display
        assert highlighted_text(screen.body) == "Colombia"


async def test_the_search_line_keeps_what_is_typed_when_the_layout_turns_narrow(seed, reader):
    """As when ``/`` is typed before the reader's first frame on an 80-column terminal."""
    async with reader(seed, (120, 40)) as (pilot, screen):
        await pilot.press("slash", *"colom")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press(*"bia", "enter")
        assert highlighted_text(screen.body) == "Colombia"


async def test_search_says_when_nothing_is_found(seed, reader, notes):
    async with reader(seed) as (pilot, screen):
        await pilot.press("n")
        assert any("Nothing searched yet" in note for note in notes)
        await pilot.press("slash", *"Colombia", "enter")
        await pilot.pause()
        assert "n N Match" in key_line(pilot.app)
        await pilot.press("slash", *"[bold]zzz", "enter")
        await pilot.pause()
        assert screen.body.highlight is None
        assert any("Not found: [bold]zzz" in note for note in notes)
        assert "Match" not in key_line(pilot.app)  # n and N would find nothing
        await pilot.press("slash", "escape")
        assert not screen.query_one("#search").display
        assert pilot.app.focused is screen.body


# -- found in review ---------------------------------------------------------------------


async def test_quick_pane_changes_on_a_narrow_terminal_settle(seed, reader):
    async with reader(seed, (80, 24)) as (pilot, screen):
        changes: list[str] = []

        def changed(pane: str) -> None:
            changes.append(pane)

        screen.watch(screen, "active_pane", changed, init=False)
        screen.action_show_pane("points")
        screen.action_show_pane("quotes")  # before the tabs have caught up
        for _ in range(5):
            await pilot.pause()
        assert changes == ["points", "quotes"]  # no ping-pong between the two
        assert screen.active_pane == "quotes"


async def test_back_after_a_resize_returns_to_the_same_text(seed, reader):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        await pilot.press("right_square_bracket", "j", "j", "j")
        before = body_lines(body)[0]
        assert before.strip().startswith("The visit sought")
        screen.jump_to_section(3)
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        await pilot.press("backspace")
        # the same paragraph is back at the top, though it now wraps differently
        assert body_lines(body)[0].strip().startswith("The visit sought")


async def test_search_line_comes_back_into_focus(seed, reader):
    async with reader(seed) as (pilot, screen):
        await pilot.press("slash", "tab")  # focus wanders off the open search line
        await pilot.press("slash")
        search = screen.query_one("#search")
        assert pilot.app.focused is search
        await pilot.press(*"youth", "enter")
        assert highlighted_text(screen.body).lower() == "youth"


def many_points(count: int) -> tuple[Briefing, Callable[[int], str]]:
    """A briefing with ``count`` one-paragraph sections and a talking point on each."""

    def word(i: int) -> str:  # a distinct word of letters for each item
        return "topic" + chr(97 + i // 26) + chr(97 + i % 26)

    source = (
        "title: Many points\nsections:\n"
        + "".join(f"  - heading: Part {i}\n    body: [On {word(i)}.]\n" for i in range(count))
        + "talking_points:\n"
        + "".join(f"  - A point about {word(i)}\n" for i in range(count))
    )
    return load_text(source, "many.yaml").briefing, word


async def test_long_lists_keep_the_cursor_in_view(reader):
    briefing, word = many_points(60)
    async with reader(briefing) as (pilot, screen):
        listing = screen.query_one(PointsList)
        assert listing.item_count == 60
        assert listing.border_subtitle == "1/60"
        await pilot.press("2", "G")
        assert listing.highlighted == 59
        assert any(f"60. A point about {word(59)}" in line for line in screen_lines(pilot.app))
        assert any("60/60" in line for line in screen_lines(pilot.app))  # in its bottom border
        assert not any(" 1. A point about" in line for line in screen_lines(pilot.app))
        await pilot.press("pageup")
        assert 40 <= listing.highlighted < 59  # about a page: the list is 14 lines high
        await pilot.press("g")
        assert any(" 1. A point about" in line for line in screen_lines(pilot.app))
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown", "pagedown")
        assert listing.highlighted == 59
        await pilot.press("enter")
        assert highlighted_text(screen.body) == f"On {word(59)}."


async def test_clicking_an_item_jumps_to_its_passage(seed, reader):
    async with reader(seed) as (pilot, screen):
        points = screen.query_one(PointsList)
        layout = points.items_layout
        assert layout is not None
        clicked = layout.item_at(3)  # the fourth line inside the border
        assert clicked is not None and clicked > 0
        await pilot.click(PointsList, offset=(5, 4))
        await pilot.pause()
        assert points.highlighted == clicked
        target = screen.point_target(clicked)
        assert target is not None and screen.body.highlight == target


async def test_keys_typed_right_after_a_pane_key_go_to_that_pane(seed, reader):
    async with reader(seed) as (pilot, screen):
        # Both keys are queued before either is handled, as when typed quickly.
        pilot.app.post_message(events.Key("2", "2"))
        pilot.app.post_message(events.Key("G", "G"))
        await pilot.pause()
        assert screen.query_one(PointsList).highlighted == 6
        assert screen.body.scroll_y == 0  # G moved in the list, not to the end of the article


async def test_keys_before_the_lists_are_mounted_still_work(seed, monkeypatch):
    """Keys typed while the reader starts, before the lists follow the first frame."""
    # Our own private step: no public way to hold the lists back as a slow first frame does.
    monkeypatch.setattr(ReaderScreen, "_after_first_frame", lambda self: None)
    app = BriefingApp(seed)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("2", "j", "enter")
        points = screen.query_one(PointsList)
        assert app.focused is points and points.highlighted == 1
        assert screen.body.highlight == screen.point_target(1)
        await pilot.press("o", "slash", *"youth", "enter")
        assert highlighted_text(screen.body).lower() == "youth"


async def test_a_cursor_moved_before_the_list_is_laid_out_is_in_view(reader):
    briefing, word = many_points(60)
    async with reader(briefing, NARROW) as (pilot, screen):
        # Both keys queued at once: G lands before the list has its first size.
        pilot.app.post_message(events.Key("2", "2"))
        pilot.app.post_message(events.Key("G", "G"))
        for _ in range(3):
            await pilot.pause()
        assert screen.query_one(PointsList).highlighted == 59
        assert any(f"60. A point about {word(59)}" in line for line in screen_lines(pilot.app))


async def test_typing_right_after_slash_goes_into_the_search_line(seed, reader):
    async with reader(seed) as (pilot, screen):
        for key, char in [("slash", "/"), *[(c, c) for c in "quit"]]:
            pilot.app.post_message(events.Key(key, char))  # as a paste or a fast typist sends them
        await pilot.pause()
        assert pilot.app.is_running  # the q did not quit
        assert screen.query_one("#search").value == "quit"
        await pilot.press("slash")  # a / typed in the search line is text
        assert screen.query_one("#search").value == "quit/"


def test_garbage_is_collected_before_what_is_alive_is_frozen():
    import gc
    import weakref

    from tui.cli import collector

    class Node:
        pass

    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]
    alive = weakref.ref(cycle)
    del cycle
    gc.disable()
    try:
        collector.after_layout()
    finally:
        gc.enable()
    assert alive() is None  # collected, not frozen for ever


async def test_the_app_reports_its_quiet_moments_to_whoever_runs_it(seed):
    """The command tunes the garbage collector at these moments (tui.cli.collector)."""
    moments: list[str] = []
    app = BriefingApp(
        seed,
        after_first_frame=lambda: moments.append("first frame"),
        after_layout=lambda: moments.append("layout"),
    )

    async def wait_for(layouts: int) -> None:
        for _ in range(100):
            await pilot.pause()
            if moments.count("layout") >= layouts:
                break

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(1)
        assert sorted(moments) == ["first frame", "layout"]
        await pilot.resize_terminal(100, 30)  # a new width: a new layout
        await wait_for(2)
        assert sorted(moments) == ["first frame", "layout", "layout"]


def test_a_pause_in_the_input_collects_what_the_keys_left():
    import gc
    import weakref

    from tui.cli import collector

    class Node:
        pass

    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]
    alive = weakref.ref(cycle)
    gc.collect(0)  # (a collection ran since the last full one: the cycle moved on)
    del cycle
    gc.disable()  # the app is starting: nothing is collected yet
    try:
        collector.input_paused()
        assert alive() is not None
    finally:
        gc.enable()
    gc.collect(0)
    collector.input_paused()
    assert alive() is None


async def test_the_app_says_when_keys_pause_once_a_burst_is_over(seed, monkeypatch):
    """Whoever runs the app tidies up then (tui.cli.collector), not in the middle of keys."""
    from tui.ui import app as app_module

    monkeypatch.setattr(app_module, "INPUT_PAUSE", 0.3)  # (a loaded test machine's burst)
    pauses: list[int] = []
    app = BriefingApp(seed, input_paused=lambda: pauses.append(len(pauses)))

    async def wait_for(count: int) -> None:
        for _ in range(100):
            await pilot.pause(0.01)
            if len(pauses) >= count:
                break

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert pauses == []  # no input, nothing to tidy
        await pilot.press("]", "]", "]")
        await wait_for(1)
        assert len(pauses) == 1
        await pilot.press("tab")
        await wait_for(2)
        assert len(pauses) == 2


def test_the_ui_never_touches_the_garbage_collector():
    """GC tuning is process-wide: only the command that starts the app does it."""
    import ast
    from pathlib import Path

    ui = Path(__file__).resolve().parent.parent / "tui" / "ui"
    for path in ui.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert "gc" not in names, f"{path} imports gc"


async def test_the_key_line_keeps_search_and_palette_at_80_columns(seed, reader):
    async with reader(seed, NARROW) as (pilot, _screen):
        line = screen_lines(pilot.app)[-1]
        for hint in ("? Help", "q Quit", "[ ] Section", "/ Search", "^p Palette"):
            assert hint in line, line
        for width in (60, 40, 150):  # hints left out whole, never cut
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            line = screen_lines(pilot.app)[-1]
            assert "…" not in line and line.rstrip().endswith(
                (
                    "Help",
                    "Quit",
                    "Pane",
                    "Section",
                    "Search",
                    "Palette",
                    "Sections",
                    "Copy",
                    "Links",
                )
            )


async def test_i_shows_the_summary_source_and_contents(reader):
    briefing = load_text(
        "title: Ministers meet\n"
        "summary: 'Talks on [bold]trade[/bold] and ports.'\n"
        "source: {name: Wire, url: 'https://example.com/a'}\n"
        "authors: [A. Writer]\n"
        "sections:\n  - heading: Talks\n    body: [They talked.]\n",
        "m.yaml",
    ).briefing
    async with reader(briefing) as (pilot, _screen):
        await pilot.press("i")
        shown = "\n".join(screen_lines(pilot.app))
        for text in (
            "Talks on [bold]trade[/bold] and ports.",  # literal, not markup
            "Wire",
            "https://example.com/a",
            "A. Writer",
            "1 section, 1 paragraph, 0 talking points, 0 quotes",
            "m.yaml",
        ):
            assert text in shown, text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_a_section_too_near_the_end_to_reach_the_top_is_lit_up(seed, reader):
    async with reader(seed) as (pilot, screen):
        body = screen.body
        await pilot.press(*["right_square_bracket"] * 4)
        assert body.current_section == 4
        last_heading = screen.document.section_blocks[4]
        assert top_line(body) < heading_top(screen, 4)  # the end of the text stops it
        assert body.highlight is not None and body.highlight.block == last_heading
        assert highlighted_on_screen(body).strip() == HEADINGS[4]
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert top_line(body) == heading_top(screen, 1)
        assert body.highlight is None  # reached the top: nothing to light up


async def test_the_outline_leaves_the_article_a_readable_width(seed, reader):
    async with reader(seed) as (pilot, screen):
        await pilot.press("o")
        await pilot.pause()
        assert shown(optional(screen, Outline))
        assert screen.body.lay_out().width >= 50  # text columns at 120 wide


async def test_a_slash_typed_quickly_inside_a_search_is_kept(reader):
    briefing = load_text(
        "title: T\nsections:\n  - heading: H\n    body: [Help is there 24/7 and/or on call.]\n",
        "t.yaml",
    ).briefing
    async with reader(briefing) as (pilot, screen):
        keys = [("slash", "/"), *[(c if c != "/" else "slash", c) for c in "and/or"]]
        for key, char in keys:  # all queued before any is handled
            pilot.app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.press("enter")
        assert highlighted_text(screen.body) == "and/or"


async def test_next_section_in_the_last_one_stays_put(seed, reader, notes):
    async with reader(seed) as (pilot, screen):
        await pilot.press("G")
        bottom = screen.body.scroll_y
        await pilot.press("right_square_bracket")
        assert screen.body.scroll_y == bottom  # not back up to the last heading
        assert any("last section" in note for note in notes)


async def test_a_toast_asked_for_again_while_it_shows_is_shown_once(seed, reader, monkeypatch):
    shown: list[str] = []
    toast = App.notify  # (Textual's own: what puts a toast on screen)

    def recording(self: App, message: str, **options: Any) -> None:
        shown.append(message)
        toast(self, message, **options)

    monkeypatch.setattr(App, "notify", recording)
    async with reader(seed) as (pilot, _screen):
        await pilot.press("G", *["right_square_bracket"] * 3)
        assert shown == ["This is the last section."]
        pilot.app.clear_notifications()
        await pilot.press("right_square_bracket")  # (cleared: shown again)
        assert shown == ["This is the last section."] * 2


async def test_search_says_when_it_wraps_and_drops_an_old_match(seed, reader, notes):
    async with reader(seed) as (pilot, screen):
        await pilot.press("slash", *"Duque", "enter")
        first = screen.body.highlight
        for _ in range(10):
            await pilot.press("n")
            if screen.body.highlight == first:
                break
        assert screen.body.highlight == first  # round again
        # Said beside the count, not in a notice over it (bottom right, where the count is).
        assert "match 1/" in str(screen.body.border_subtitle)
        assert ", from the top" in str(screen.body.border_subtitle)
        assert not any("from the top" in note for note in notes)
        await pilot.press("n")
        assert "match 2/" in str(screen.body.border_subtitle)
        assert "from the top" not in str(screen.body.border_subtitle)
        await pilot.press("N", "N")
        assert ", from the end" in str(screen.body.border_subtitle)
        await pilot.press("slash", *"zzz", "enter")
        assert screen.body.highlight is None


async def test_the_speaker_line_is_muted_as_the_theme_says(seed, reader):
    async with reader(seed) as (_pilot, screen):
        quotes = screen.query_one(QuotesList)
        muted = quotes.get_component_rich_style("item-list--note", partial=False).color
        assert muted is not None and muted != quotes.rich_style.color
        strips = [quotes.render_line(y) for y in range(quotes.scrollable_content_region.height)]
        speakers = [s for s in strips if "Antony Blinken" in "".join(seg.text for seg in s)]
        speaker = speakers[1]  # the second quote's (the first has the cursor's colours)
        colours = {seg.style.color for seg in speaker if "Blinken" in seg.text and seg.style}
        assert colours == {muted}


# -- the keys shown are the keys bound -----------------------------------------------------


def key_line(app) -> str:
    return screen_lines(app)[-1]


async def test_the_key_line_offers_what_fits_the_moment(seed, reader):
    async with reader(seed) as (pilot, _screen):
        assert "Enter Jump" not in key_line(pilot.app)
        assert "Bksp Back" not in key_line(pilot.app)
        assert "n N Match" not in key_line(pilot.app)
        await pilot.press("2")  # the talking points
        assert "Enter Jump" in key_line(pilot.app)
        assert "Bksp Back" in key_line(pilot.app)
        await pilot.press("1", "slash", *"duque", "enter")
        line = key_line(pilot.app)
        assert "n N Match" in line  # after a search
        assert "Bksp Back" in line  # the search jumped: there is a place to go back to
        assert "Enter Jump" not in line


async def test_a_remapped_key_shows_as_remapped_everywhere(seed, reader):
    async with reader(seed) as (pilot, screen):
        pilot.app.set_keymap({"reader.next_section": "J", "app.palette": "ctrl+o"})
        await pilot.pause()
        line = key_line(pilot.app)
        assert "[ J Section" in line and "] " not in line, line
        assert "^o Palette" in line, line
        await pilot.press("J")  # it works, too
        assert screen.body.current_section == 1
        await pilot.press("question_mark")
        help_text = "\n".join(screen_lines(pilot.app))
        assert "J   " in help_text and "Next section" in help_text
        next_section_row = next(line for line in screen_lines(pilot.app) if "Next section" in line)
        assert "J" in next_section_row and "]" not in next_section_row
        await pilot.press("escape")
        commands = list(pilot.app.get_system_commands(screen))
        described = {command.title: command.help for command in commands}
        assert described["Next section"] == "Key: J"


async def test_help_explains_the_mark(seed, reader):
    async with reader(seed) as (pilot, _screen):
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        text = "\n".join(str(static.render()) for static in help_screen.query(Static))
        assert MARK in text and "tied to the section in view" in text


async def test_jumping_again_to_the_passage_in_view_is_not_remembered_twice(seed, reader):
    async with reader(seed) as (pilot, screen):
        await pilot.press("2", "j", "j", "enter")
        jumped_to = screen.body.reading_position()
        await pilot.press("enter", "enter")  # the same point again: already there
        await pilot.press("backspace")
        assert screen.body.reading_position() != jumped_to
        assert screen.body.reading_position() == (0, 0)  # where the reader was before


async def test_an_empty_list_does_not_offer_to_jump(reader):
    briefing = load_text(
        "title: T\nsections:\n  - heading: H\n    body: Text.\ntalking_points: [A point]\n",
        "empty-quotes.yaml",
    ).briefing
    async with reader(briefing) as (pilot, _screen):
        await pilot.press("3")  # no quotes
        assert "Enter Jump" not in key_line(pilot.app)
        await pilot.press("2")
        assert "Enter Jump" in key_line(pilot.app)


async def test_keys_and_quitting_do_not_wait_for_the_linking(seed, monkeypatch):
    """With 20,000 talking points and quotes, keys took up to 1 s while their passages were
    found, and quitting waited 8.8 s for it: the linking runs beside the keys, and quitting
    stops it. Here it runs until it is stopped (polling as the real one does)."""
    import threading
    import time

    from tui.linking import Linker

    linking = threading.Event()
    stopped: list[bool] = []
    poll = threading.Event()  # never set: its wait is the pause between two polls

    def endless(self: Linker, quotes: list[Quote]) -> list[Target | None]:
        linking.set()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not self.cancelled():
            poll.wait(0.005)
        stopped.append(self.cancelled())
        return [None] * len(quotes)

    monkeypatch.setattr(Linker, "quotes", endless)
    app = BriefingApp(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        assert await asyncio.to_thread(linking.wait, 10)  # (the app goes on meanwhile)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        section = screen.body.current_section
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.body.current_section == section + 1  # while the linking runs
        asked = time.monotonic()
        await pilot.press("q")
    assert stopped == [True]
    assert time.monotonic() - asked < 5
