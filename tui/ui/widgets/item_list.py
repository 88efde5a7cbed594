"""A keyboard list of wrapped text items, drawn with the Line API.

Textual's ``OptionList`` measures every option through ``Content`` before it
draws the first one, and styles every line it renders the same way: on a
long list that is the slowest part of opening a briefing. This list wraps its
items with :mod:`tui.document.wrap` (``str.rfind`` jumps for ASCII) into a flat table
of lines, and draws only the lines on screen, as segments, from a cache.
Items may have several parts (a quote and its speaker), and a part may have a
lead (a number) with its text hanging under it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from tui.document.wrap import line_starts, line_text
from tui.text import normalize_space
from tui.ui.widgets.styles import LitInView, Marks, Span, overlay_style

LAYOUT_STEP = 500
"""Items laid out in each step after the first screen (a few milliseconds)."""
MARK = "▍"
"""Drawn in the first column of a marked item's first line."""


class Part(NamedTuple):
    """A paragraph of an item: an optional lead (a number, say), then text hanging under it."""

    text: str
    lead: str = ""
    component: str = ""
    """The component class that styles the text ("" for the list's own style)."""


BOOKMARKED = Part("▌ bookmarked", component="item-list--bookmark")
"""The line under a bookmarked item."""


class Line(NamedTuple):
    """One drawn line: which item and part, and the slice of the part's text."""

    item: int
    part: int
    start: int
    end: int
    first: bool
    """The part's first line (the one that shows its lead)."""


class ItemsLayout:
    """Every item's lines at one width (a gap of blank lines between items).

    The lines are laid out from the top as they are asked for (:meth:`extend`,
    or any method that needs an item or line further down); until the layout
    is :attr:`complete`, :attr:`estimated_height` guesses the lines to come.
    A list of 20,000 items shows its first screen without wrapping them all.
    """

    def __init__(self, items: Sequence[Sequence[Part]], width: int, gap: int = 0) -> None:
        self.items = items
        self.width = width
        self.gap = gap
        self.tops: list[int] = []
        self.lines: list[Line | None] = []  # None: a gap line
        self._unlaid_cells = sum(
            len(part.text) + len(part.lead) for parts in items for part in parts
        )
        self._unlaid_parts = sum(map(len, items))

    @property
    def complete(self) -> bool:
        """True once every item is laid out."""
        return len(self.tops) == len(self.items)

    @property
    def height(self) -> int:
        """Lines laid out so far (all of them once :attr:`complete`)."""
        return len(self.lines)

    @property
    def estimated_height(self) -> int:
        """The height when complete; before that, laid-out lines plus a guess for the rest."""
        if self.complete:
            return len(self.lines)
        remaining = len(self.items) - len(self.tops)
        guess = self._unlaid_cells // max(1, self.width) + self._unlaid_parts
        return len(self.lines) + guess + self.gap * remaining

    def extend(
        self,
        *,
        through_item: int | None = None,
        lines: int | None = None,
        items: int | None = None,
    ) -> None:
        """Lay out more items: through an item, until a line count, a number more, or all."""
        stop = len(self.items)
        if through_item is not None:
            stop = min(stop, through_item + 1)
        if items is not None:
            stop = min(stop, len(self.tops) + items)
        gap, width, drawn, tops = self.gap, self.width, self.lines, self.tops
        for index in range(len(tops), stop):
            if lines is not None and len(drawn) >= lines:
                break
            if index and gap:
                drawn.extend([None] * gap)
            tops.append(len(drawn))
            parts = self.items[index]
            for number, part in enumerate(parts):
                text_width = max(8, width - cell_len(part.lead))
                starts = line_starts(part.text, text_width)
                for row in range(len(starts)):
                    start, end = line_text(part.text, starts, row)
                    drawn.append(Line(index, number, start, end, row == 0))
                self._unlaid_cells -= len(part.text) + len(part.lead)
            self._unlaid_parts -= len(parts)

    def line(self, y: int) -> Line | None:
        """What line ``y`` shows: a part of an item, or None (a gap, or past the end)."""
        if y >= len(self.lines):
            self.extend(lines=y + 1)
        return self.lines[y] if 0 <= y < len(self.lines) else None

    def span(self, index: int) -> tuple[int, int]:
        """The first line of item ``index`` and the line after its last."""
        self.extend(through_item=index + 1)
        top = self.tops[index]
        if index + 1 < len(self.tops):
            return top, self.tops[index + 1] - self.gap
        return top, len(self.lines)

    def item_at(self, line: int) -> int | None:
        """The item drawn on ``line``, or None (a gap, or past the end)."""
        found = self.line(line)
        return found.item if found is not None else None

    def item_near(self, line: int) -> int:
        """The item on or just above ``line`` (the last one past the end)."""
        self.extend(lines=line + 1)
        return max(0, bisect_right(self.tops, line) - 1)


class ItemList(ScrollView, can_focus=True):
    """A list with a cursor: arrows or j/k move it, Enter or a click selects.

    Subclasses give each item's parts (:meth:`item_parts`) and may mark items
    (:meth:`is_marked`); :class:`ItemList.Selected` goes up on Enter or a click.
    """

    DEFAULT_CSS = """
    ItemList {
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        border-subtitle-color: $text-muted;
        & > .item-list--lead { text-style: bold; }
        & > .item-list--note { color: $text-muted; text-style: italic; }
        & > .item-list--empty { color: $text-muted; }
        & > .item-list--mark { color: $accent; text-style: bold; }
        & > .item-list--bookmark { color: $warning; text-style: bold; }
        &:light > .item-list--mark { color: $text-accent; }
        & > .item-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .item-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        /* Search matches, as in the article: underlined, the current one reversed. */
        & > .item-list--match { background: $warning 30%; text-style: underline; }
        & > .item-list--match-current {
            color: $warning;
            background: $background;
            text-style: bold reverse;
        }
        /* NO_COLOR: Textual draws in greys; the cursor of the pane in use stands out. */
        &:nocolor:focus > .item-list--cursor { text-style: reverse bold; }
    }
    """

    COMPONENT_CLASSES = {
        "item-list--lead",
        "item-list--note",
        "item-list--empty",
        "item-list--mark",
        "item-list--bookmark",
        "item-list--cursor",
        "item-list--match",
        "item-list--match-current",
    }

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Next item", show=False, id="list.down"),
        Binding("up,k", "cursor(-1)", "Previous item", show=False, id="list.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "first", "First item", show=False, id="list.first"),
        Binding("end,G", "last", "Last item", show=False, id="list.last"),
        Binding("enter", "select", "Open the item", show=False, id="list.select"),
    ]

    ALLOW_SELECT = False
    """No text selection with the mouse: a click (or a drag) on an item opens it."""

    GAP = 0
    """Blank lines between items."""

    EMPTY = "Nothing here."
    """Shown, greyed out, when the list has no items."""

    SEARCHED_PARTS = 1
    """The parts of each item that a search reads (the first ones): its units are
    ``item * SEARCHED_PARTS + part`` (see :meth:`set_marks`)."""

    highlighted: reactive[int | None] = reactive(None, init=False)
    """The item under the cursor (None only when the list is empty)."""

    class Selected(Message):
        """An item was chosen with Enter or a click."""

        def __init__(self, item_list: ItemList, index: int) -> None:
            super().__init__()
            self.item_list = item_list
            self.index = index

        @property
        def control(self) -> ItemList:
            """The list (so ``@on(ItemList.Selected, "#id")`` works)."""
            return self.item_list

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = count
        self._items: list[tuple[Part, ...]] | None = None
        self._layout: ItemsLayout | None = None
        self._layout_timer: Timer | None = None
        self._cache: LRUCache[tuple[int, int, bool, tuple[Span, ...]], Strip] = LRUCache(256)
        """Lines drawn, by line, cursor, mark and the search's matches on them: lighting up
        other matches needs no clearing, only the lines whose look changes are drawn anew."""
        self._styles: dict[tuple[bool | str, ...], Style] = {}
        self.bookmarked: frozenset[int] = frozenset()
        """Items with a bookmark: each shows :data:`BOOKMARKED` under its text."""
        self.marks: Marks | None = None
        """Spans lit up in the items' searched parts (a search's matches)."""
        self._lit_in_view = LitInView()
        if count:
            self.set_reactive(ItemList.highlighted, 0)

    @property
    def item_count(self) -> int:
        """How many items the list holds."""
        return self._count

    def item_parts(self, index: int) -> Sequence[Part]:
        """What item ``index`` shows (text with single spaces, see :func:`normalize_space`)."""
        raise NotImplementedError

    def is_marked(self, index: int) -> bool:
        """True if item ``index`` shows the mark."""
        return False

    # -- layout ---------------------------------------------------------------

    @property
    def items_layout(self) -> ItemsLayout | None:
        """The lines at the current width (None until the list has a width)."""
        width = self.scrollable_content_region.width
        if not width:
            return self._layout
        text_width = max(1, width - 2)  # the mark's column, and a column of margin
        if self._layout is None or self._layout.width != text_width:
            if self._items is None:
                self._items = [
                    tuple(part._replace(text=normalize_space(part.text)) for part in parts)
                    + ((BOOKMARKED,) if index in self.bookmarked else ())
                    for index, parts in enumerate(map(self.item_parts, range(self._count)))
                ]
            self._layout = ItemsLayout(self._items, text_width, self.GAP)
            self._layout.extend(lines=self._lines_ahead())
            self._cache.clear()
            self._sync_size()
            self._lay_out_later()
            # Once Textual has taken in the new scroll range (a cursor moved before
            # the list had a size, or a rewrap, would otherwise be left off screen).
            self.call_after_refresh(self._scroll_to_item_at_cursor)
        return self._layout

    def on_resize(self) -> None:
        self.items_layout  # noqa: B018 - lay out for the new width

    def _lines_ahead(self) -> int:
        """Lines laid out beyond the view at once: a couple of screens."""
        return round(self.scroll_y) + 3 * max(self.size.height, 24)

    def _sync_size(self) -> None:
        """Size the scrollable area to the layout (its estimate, until complete)."""
        layout = self._layout
        if layout is None:
            return
        size = Size(self.scrollable_content_region.width, max(1, layout.estimated_height))
        if self.virtual_size != size:
            self.virtual_size = size

    def _lay_out_later(self) -> None:
        """Lay out the next items in a moment (after this frame), until all are done.

        Each step takes a few milliseconds, so keys stay responsive while a
        long list's layout completes after the first screen is shown.
        """
        if self._layout_timer is not None:
            self._layout_timer.stop()  # one chain of steps, even across resizes
        self._layout_timer = self.set_timer(0.005, self._lay_out_more)

    def _lay_out_more(self) -> None:
        layout = self._layout
        if layout is None or layout.complete:
            return
        layout.extend(items=LAYOUT_STEP)
        self._sync_size()
        if not layout.complete:
            self._lay_out_later()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        layout = self._layout
        if layout is not None and not layout.complete and layout.height < self._lines_ahead():
            layout.extend(lines=self._lines_ahead())
            self._sync_size()

    def _scroll_to_item_at_cursor(self) -> None:
        self._scroll_to_item(self.highlighted)

    def _scroll_to_item(self, index: int | None) -> None:
        """Scroll as little as shows the whole item (its top if it is taller than the view)."""
        layout = self.items_layout
        if index is None or layout is None:
            return
        top, bottom = layout.span(index)
        height = self.scrollable_content_region.height
        y = round(self.scroll_y)
        if top < y or bottom - top > height:
            y = top
        elif bottom > y + height:
            y = bottom - height
        else:
            return
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def set_bookmarked(self, indices: frozenset[int]) -> None:
        """Show the bookmark line under the items ``indices`` (and no other)."""
        if indices != self.bookmarked:
            self.bookmarked = indices
            self.items_changed()

    def items_changed(self) -> None:
        """Read every item's parts again (they changed) and lay them out anew."""
        self._items = None
        self._layout = None
        self._cache.clear()
        self.refresh()
        if self.is_mounted:
            self.items_layout  # noqa: B018 - lay out at once, as after a resize

    def set_marks(self, marks: Marks | None) -> None:
        """Light up ``marks`` in the searched parts (None: nothing); see SEARCHED_PARTS.

        Only the lines in view whose matches change are drawn again.
        """
        if marks is not self.marks:

            def switch() -> None:
                self.marks = marks

            self._lit_in_view.relight(self, self._layout, self._marks_in_view, switch)

    def _marks_in_view(self) -> list[list[Span]]:
        """What :attr:`marks` lights up on each line in view, from the top."""
        layout = self._layout
        if layout is None or self.marks is None:
            return []
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        return [self._lit_on(layout.line(y)) for y in range(top, top + height)]

    def _lit_on(self, line: Line | None) -> list[Span]:
        """The matches of the search on ``line`` (if it is of a searched part)."""
        marks = self.marks
        if marks is None or line is None or line.part >= self.SEARCHED_PARTS:
            return []
        return marks.spans(line.item * self.SEARCHED_PARTS + line.part, line.start, line.end)

    def reset(self, count: int) -> None:
        """Hold ``count`` items, read anew (another version of the list).

        The cursor stays on the same row (the last, if the list got shorter),
        and the scroll where it was, as far as it still shows the cursor.
        """
        cursor = self.highlighted
        self._count = count
        self.items_changed()
        self.highlighted = (cursor or 0) if count else None
        self._show_position()

    def refresh_item(self, index: int | None) -> None:
        """Redraw the lines of one item (only those on screen are drawn)."""
        layout = self._layout
        if index is None or layout is None or not 0 <= index < self._count:
            return
        top, bottom = layout.span(index)
        self.refresh_lines(top, bottom - top)

    # -- rendering --------------------------------------------------------------

    def _style(self, *components: str) -> Style:
        """The list's style with the given components' styles over it (cached).

        The cursor's style follows focus (``:focus`` in the CSS), so focus is
        part of the key.
        """
        key: tuple[bool | str, ...] = (self.has_focus, *components)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            for component in components:
                if component:
                    style += overlay_style(self, component)
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self.items_layout
        line = round(self.scroll_y) + y
        if layout is None or not self._count:
            if line == 0 and width:
                text = Segment(f" {self.EMPTY}", self._style("item-list--empty"))
                return Strip([text]).extend_cell_length(width, self._style()).crop(0, width)
            return Strip.blank(width, self._style())
        if line >= layout.height and not layout.complete:  # before the steps got there
            self.call_after_refresh(self._sync_size)
        found = layout.line(line)
        if found is None:
            return Strip.blank(width, self._style())
        # The cursor's colours differ with focus: a focused cursor is another key.
        cursor = (2 if self.has_focus else 1) if found.item == self.highlighted else 0
        marked = found.first and found.part == 0 and self.is_marked(found.item)
        lit = self._lit_on(found)
        key = (line, cursor, marked, tuple(lit))
        strip = self._cache.get(key)
        if strip is None:
            strip = self._draw_line(found, bool(cursor), marked, width, lit)
            self._cache[key] = strip
        return strip

    def _draw_line(
        self, line: Line, cursor: bool, marked: bool, width: int, lit: Sequence[Span] = ()
    ) -> Strip:
        """One line of an item, from scratch (:meth:`render_line` caches it)."""
        assert self._items is not None
        part = self._items[line.item][line.part]
        over = "item-list--cursor" if cursor else ""
        segments = [
            Segment(MARK, self._style(over, "item-list--mark"))
            if marked
            else Segment(" ", self._style(over)),
            Segment(part.lead, self._style(part.component, "item-list--lead", over))
            if line.first
            else Segment(" " * cell_len(part.lead), self._style(over)),
            *self._text_segments(line, part, over, lit),
        ]
        return Strip(segments).extend_cell_length(width, self._style(over)).crop(0, width)

    def _text_segments(
        self, line: Line, part: Part, over: str, spans: Sequence[Span] = ()
    ) -> list[Segment]:
        """The text of ``line``, ``spans`` of it (search matches) lit up."""
        text, start, end = part.text, line.start, line.end
        style = self._style(part.component, over)
        if not spans:
            return [Segment(text[start:end], style)]
        segments = []
        at = start
        for span_start, span_end, current in sorted(spans):
            span_start, span_end = max(span_start, at), min(span_end, end)
            if span_start >= span_end:
                continue
            if at < span_start:
                segments.append(Segment(text[at:span_start], style))
            lit = (
                ("item-list--match", "item-list--match-current")
                if current
                else ("item-list--match",)
            )
            segments.append(
                Segment(text[span_start:span_end], self._style(part.component, over, *lit))
            )
            at = span_end
        if at < end or not segments:
            segments.append(Segment(text[at:end], style))
        return segments

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    # -- the cursor ---------------------------------------------------------------

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self._count:
            return None
        return max(0, min(self._count - 1, index))

    def watch_highlighted(self, previous: int | None, index: int | None) -> None:
        self.refresh_item(previous)
        self.refresh_item(index)
        self._scroll_to_item(index)
        self._show_position()

    def on_mount(self) -> None:
        self._show_position()

    def _show_position(self) -> None:
        """``3/250`` in the bottom border: which item the cursor is on."""
        index = self.highlighted
        self.border_subtitle = f"{index + 1}/{self._count}" if index is not None else ""

    def action_cursor(self, step: int) -> None:
        """Move the cursor by ``step`` items."""
        if self.highlighted is not None:
            self.highlighted += step

    def action_page(self, pages: int) -> None:
        """Move the cursor by about a page."""
        layout = self.items_layout
        if layout is None or self.highlighted is None:
            return
        step = max(1, self.scrollable_content_region.height - 1)
        top, _ = layout.span(self.highlighted)
        target = layout.item_near(top + pages * step)
        if target == self.highlighted:
            target += pages
        self.highlighted = target

    def action_first(self) -> None:
        """Move the cursor to the first item."""
        self.highlighted = 0

    def action_last(self) -> None:
        """Move the cursor to the last item."""
        self.highlighted = self._count - 1

    def action_select(self) -> None:
        """Choose the item under the cursor."""
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        layout = self.items_layout
        if offset is None or layout is None:
            return
        index = layout.item_at(round(self.scroll_y) + offset.y)
        if index is not None:
            self.highlighted = index
            self.post_message(self.Selected(self, index))
