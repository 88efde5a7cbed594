"""Selecting text with the mouse, and copying it with Ctrl+C."""

from __future__ import annotations

import pytest
from snapshot_apps import strip_text
from textual.pilot import Pilot
from textual.strip import Strip

from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.body import BodyView

WIDE = (120, 40)
NARROW = (80, 24)


async def drag(pilot: Pilot[None], widget: object, start: tuple[int, int], end: tuple[int, int]):
    """Press the mouse at ``start``, move it to ``end`` and let go (offsets in ``widget``)."""
    await pilot.mouse_down(widget, offset=start)
    await pilot.hover(widget, offset=end)
    await pilot.mouse_up(widget, offset=end)
    await pilot.pause()


def at(body: BodyView, x: int, y: int) -> tuple[int, int]:
    """The offset in the pane (border included) of cell ``x`` of row ``y`` of its text area."""
    return body.content_region.x - body.region.x + x, body.content_region.y - body.region.y + y


def body_row(body: BodyView, y: int) -> str:
    """The characters of row ``y`` of the body pane (its content area, margin included)."""
    return strip_text(body.render_line(y))


def selected_cells(body: BodyView, strip: Strip) -> str:
    """The characters of a rendered line drawn in the screen's selection colours."""
    selection = body.screen.get_component_rich_style("screen--selection")
    return "".join(
        segment.text
        for segment in strip
        if segment.style is not None and segment.style.bgcolor == selection.bgcolor
    )


def text_rows(body: BodyView) -> list[int]:
    """The rows of the body pane that show words, top to bottom."""
    rows = range(body.scrollable_content_region.height)
    return [y for y in rows if body_row(body, y).strip(" ─")]


@pytest.mark.parametrize("pane", ["points", "quotes"])
async def test_dragging_over_a_list_then_ctrl_c_does_not_crash(seed, reader, pane):
    async with reader(seed, WIDE) as (pilot, screen):
        widget = screen.pane_widget(pane)
        await drag(pilot, widget, (3, 1), (20, 4))
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert pilot.app.is_running
        assert pilot.app.screen is screen
        # The list still works as before: the drag was a click on an item.
        assert widget.has_focus
        before = widget.highlighted
        assert before is not None
        await pilot.press("j")
        assert widget.highlighted == before + 1


async def test_a_drag_in_the_article_selects_the_words_under_it(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        body = screen.body
        rows = text_rows(body)
        first, last = rows[2], rows[4]
        first_text, last_text = body_row(body, first), body_row(body, last)
        margin = len(first_text) - len(first_text.lstrip())
        assert margin > 0, "the article is centred: there is a margin to leave out"
        # From the start of the first line's third word to the end of the last line's second.
        start_x = first_text.index(first_text.split()[2], margin)
        words = last_text.split()
        end_x = last_text.index(words[1], margin) + len(words[1]) - 1
        await drag(pilot, body, at(body, start_x, first), at(body, end_x, last))

        shown = [first_text[start_x:].strip()]
        shown += [body_row(body, y).strip() for y in rows if first < y < last]
        shown.append(last_text[: end_x + 1].strip())
        selected = screen.get_selected_text()
        assert selected is not None
        assert selected.split() == " ".join(shown).split()
        assert selected.startswith(first_text.split()[2])
        assert selected.endswith(words[1])
        assert not selected.startswith(" ")

        # The selected cells, and only those, are drawn in the selection colours.
        for y in range(body.scrollable_content_region.height):
            expected = ""
            if y == first:
                expected = first_text[start_x:].rstrip()
            elif first < y < last:
                expected = body_row(body, y).strip()
            elif y == last:
                expected = last_text[margin : end_x + 1]
            assert selected_cells(body, body.render_line(y)) == expected, y

        # Ctrl+C copies exactly that.
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert pilot.app.clipboard == selected


async def test_a_selection_across_paragraphs_keeps_them_apart(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        body = screen.body
        rows = text_rows(body)
        # The heading, then the first paragraph's first line.
        heading, paragraph = rows[0], rows[1]
        width = body.content_region.width
        await drag(pilot, body, at(body, 0, heading), at(body, width - 1, paragraph))
        selected = screen.get_selected_text()
        assert selected is not None
        title, rest = selected.split("\n\n")
        assert title == body_row(body, heading).strip()
        assert "─" not in selected
        assert rest == body_row(body, paragraph).strip()


async def test_a_click_clears_the_selection(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        body = screen.body
        y = text_rows(body)[2]
        await drag(pilot, body, at(body, 20, y), at(body, 40, y))
        assert screen.get_selected_text()
        await pilot.click(body, offset=at(body, 20, y))
        await pilot.pause()
        assert not screen.get_selected_text()
        assert all(not selected_cells(body, body.render_line(y)) for y in range(10))


async def test_a_resize_drops_the_selection(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        body = screen.body
        y = text_rows(body)[2]
        await drag(pilot, body, at(body, 20, y), at(body, 40, y))
        assert screen.get_selected_text()
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        assert not screen.get_selected_text()


async def test_a_double_click_in_the_article_copies_all_of_it(seed, reader):
    async with reader(seed, WIDE) as (pilot, screen):
        body = screen.body
        await pilot.double_click(body, offset=at(body, 20, text_rows(body)[2]))
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        document = screen.document
        assert pilot.app.clipboard == "\n\n".join(document.texts)
        assert selected_cells(body, body.render_line(text_rows(body)[2]))


@pytest.mark.parametrize("pane", ["body", "points"])
async def test_a_triple_click_then_ctrl_c_does_not_crash(seed, reader, pane):
    async with reader(seed, WIDE) as (pilot, screen):
        widget = screen.pane_widget(pane)
        await pilot.triple_click(widget, offset=(5, 3))
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert pilot.app.is_running
        assert pilot.app.screen is screen


async def test_ctrl_c_with_nothing_selected_says_what_it_does(seed, reader, notes):
    async with reader(seed) as (pilot, screen):
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert (
            notes[-1] == "Ctrl+C copies text selected with the mouse; nothing is selected. q quits."
        )
        assert pilot.app.screen is screen  # still reading


async def test_ctrl_c_in_a_librarys_reader_names_the_key_that_quits(notes):
    """There q goes back to the library: the note named no key, or q."""
    from test_library_screen import open_library, settle

    async with open_library() as (pilot, _):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert notes[-1].endswith("nothing is selected. ^q quits."), notes[-1]
