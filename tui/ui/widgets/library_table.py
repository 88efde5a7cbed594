"""The library's table of briefings, drawn with the Line API: only the rows on screen.

At 10,000 rows a sort or a filter is a Python sort of row numbers, and a frame
draws forty lines; Textual's ``DataTable`` would measure and re-add every row.
The heading is the first line, kept at the top; a click on it sorts by its column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import attrgetter, is_
from typing import Any

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

from tui.library.rows import (
    Column,
    Row,
    WordStarts,
    column_widths,
    filter_words,
    fit,
    fitting_columns,
    narrows,
    sort_values,
    sorted_by,
    with_tag,
    with_words,
)
from tui.ui.held_keys import CHOSEN, hold_keys
from tui.ui.widgets.styles import overlay_style

GAP = 1
"""Columns between cells."""
DESCENDING = frozenset({"published", "points", "quotes", "read"})
"""Columns sorted with the highest first (the newest, the most) at the first key press."""


class LibraryTable(ScrollView, can_focus=True):
    """Briefings in rows: a cursor, sorting by any column, a filter by words and by tag."""

    DEFAULT_CSS = """
    LibraryTable {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .library-table--header { text-style: bold; color: $text-accent; }
        & > .library-table--failed { color: $text-error; }
        & > .library-table--finished { color: $text-muted; }
        & > .library-table--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .library-table--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    COMPONENT_CLASSES = {
        "library-table--header",
        "library-table--failed",
        "library-table--finished",
        "library-table--cursor",
    }

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Next briefing", show=False, id="table.down"),
        Binding("up,k", "cursor(-1)", "Previous briefing", show=False, id="table.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("home,g", "first", "First briefing", show=False, id="table.first"),
        Binding("end,G", "last", "Last briefing", show=False, id="table.last"),
        Binding(
            "enter,ctrl+j",  # (Enter typed while the app starts comes as Ctrl+J)
            "select",
            "Open the briefing",
            show=False,
            key_display="Enter",
            id="table.open",
        ),
    ]

    EMPTY = "No briefing matches."

    cursor: reactive[int] = reactive(0, init=False, repaint=False)
    """The row under the cursor, counted in the shown order."""

    class Selected(Message):
        """A row was chosen (Enter or a click)."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    class SortChanged(Message):
        """The user sorted by another column (a click on its heading)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.order: list[int] = []
        """The rows shown, as indexes into :attr:`rows`, in the order shown."""
        self.sort_key = "published"
        self.descending = True
        self.filter_text = ""
        self.tag: str | None = None
        self.empty = self.EMPTY
        """What the table says when no row is shown."""
        self._sorted: dict[tuple[str, bool], list[int]] = {}
        """Every row sorted by a column, each way, as first asked for (until the rows change)."""
        self._values: dict[str, list[Any]] = {}
        """What each row sorts by in a column, as first asked for (until the rows change)."""
        self._row_of_path: dict[str, int] = {}
        self._words: list[str] = []
        """Each row's :attr:`Row.words`, by row."""
        self._starts: WordStarts | None = None
        """Which rows have a word starting with each letter (made in a thread, with the orders)."""
        self._shown: tuple[tuple[str, bool], list[str], str | None] | None = None
        """The order, filter words and tag that :attr:`order` shows (None: rows changed)."""
        self._columns: list[Column] = []
        self._widths: list[int] = []
        self._laid_out = -1
        """The width the columns were laid out for."""
        self._cache: LRUCache[tuple[int, bool, bool], Strip] = LRUCache(256)
        self._styles: dict[tuple[int, str], Style] = {}
        self._placed = False
        """True once the reader put the cursor on a row (a key, a click, a briefing opened):
        it then stays on that briefing as rows come, go and are sorted. Until then it stays on
        the first row: rows listed during a first build, or a new file newer than the
        rest, would otherwise push it down, and Enter would open another briefing than the
        newest."""

    # -- what is shown --------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show these rows (filtered and sorted as before); the cursor stays on its briefing
        (once placed: see :attr:`_placed`)."""
        keep = self._cursor_path()
        self.rows = list(rows)
        self._sorted, self._values = {}, {}
        self._row_of_path = {row.entry.path: index for index, row in enumerate(self.rows)}
        self._words = [row.words for row in self.rows]
        self._starts = None
        self._shown = None
        self._cache.clear()  # (drawn rows are kept by their index in the rows)
        self._reorder(keep)

    def add_orders(
        self,
        rows: Sequence[Row],
        orders: Mapping[tuple[str, bool], list[int]],
        starts: WordStarts | None = None,
    ) -> None:
        """Keep ``orders`` (each way of sorting ``rows``, made in a thread) for the sort keys,
        and ``starts`` (their words' first letters) for the filter, if the table still shows
        those briefings in that order."""
        if len(rows) == len(self.rows) and all(
            map(is_, map(attrgetter("entry"), rows), map(attrgetter("entry"), self.rows))
        ):
            self._sorted.update((way, order) for way, order in orders.items() if way[0] != "read")
            if starts is not None and all(map(is_, map(attrgetter("words"), rows), self._words)):
                self._starts = starts

    def replace_row(self, row: Row) -> None:
        """Show ``row`` in place of the row of the same file (how far it was read changed)."""
        index = self._row_of_path.get(row.entry.path)
        if index is None:
            return
        self.rows[index] = row
        if row.words != self._words[index]:
            self._starts = None  # (the row's words are the same unless its file changed)
        self._words[index] = row.words
        self._shown = None
        self._sorted = {way: order for way, order in self._sorted.items() if way[0] != "read"}
        self._values.pop("read", None)
        if self.sort_key == "read":
            self._reorder(self._cursor_path())
        else:
            self._cache.clear()
            self.refresh()

    def sort_by(self, key: str, descending: bool | None = None) -> None:
        """Sort by a column; the same column again reverses the order. The cursor stays on
        its briefing, or on the first row if it was there (``6`` sorted by points, and the
        screen showed the briefing of 1 point that had been first, far down the new order)."""
        if descending is None:
            descending = not self.descending if key == self.sort_key else key in DESCENDING
        self.sort_key, self.descending = key, descending
        self._reorder(self._cursor_path() if self.cursor else None)

    def filter(self, text: str, tag: str | None) -> None:
        """Show only the rows with every word of ``text`` (and ``tag``, if given)."""
        keep = self._cursor_path()
        self.filter_text, self.tag = text, tag
        before = self.order
        self.order = self._ordered()
        if self.order != before:  # (the same rows: a space typed, a letter all of them have)
            self._show_order(keep)

    def _cursor_path(self) -> str | None:
        """The briefing the cursor stays on (None: the first row, until it is placed)."""
        row = self.current_row if self._placed else None
        return row.entry.path if row is not None else None

    def _reorder(self, keep: str | None) -> None:
        self.order = self._ordered()
        self._show_order(keep)

    def _ordered(self) -> list[int]:
        """The rows to show, in order: sorted (each way once), then filtered. A filter that
        narrows the one shown (a letter typed) looks among the rows shown only."""
        way = (self.sort_key, self.descending)
        every = self._sorted.get(way)
        if every is None:
            values = self._values.get(self.sort_key)
            if values is None:
                values = self._values[self.sort_key] = sort_values(self.rows, self.sort_key)
            other = self._sorted.get((self.sort_key, not self.descending))
            every = self._sorted[way] = sorted_by(values, self.descending, other)
        words, tag, shown = filter_words(self.filter_text), self.tag, self._shown
        self._shown = (way, words, tag)
        if not words and tag is None:
            return list(every)
        if shown is not None and shown[0] == way and shown[2] == tag and narrows(words, shown[1]):
            added = [w for w in words if w not in shown[1]]
            return with_words(self.order, self._words, added, self._starts)
        among = every if tag is None else with_tag(every, self.rows, tag)
        return with_words(among, self._words, words, self._starts)

    def _show_order(self, keep: str | None) -> None:
        """Show :attr:`order` from its first row, the cursor on ``keep``'s row if shown."""
        self._sync_size()
        self._place(keep)
        self.refresh()

    def move_to(self, path: str | None) -> bool:
        """Put the cursor on the row of ``path`` (the first row if it is not shown), where
        it then stays."""
        self._placed = True
        return self._place(path)

    def _place(self, path: str | None) -> bool:
        row = self._row_of_path.get(path) if path is not None else None
        try:
            index: int | None = self.order.index(row) if row is not None else None
        except ValueError:
            index = None
        self.set_reactive(LibraryTable.cursor, 0)
        self.cursor = index if index is not None else 0
        self._scroll_to_cursor()
        self.refresh()
        return index is not None

    @property
    def current_row(self) -> Row | None:
        """The row under the cursor (None when nothing is shown)."""
        if not self.order:
            return None
        return self.rows[self.order[min(self.cursor, len(self.order) - 1)]]

    @property
    def shown_paths(self) -> list[str]:
        """The files of the rows shown, in order."""
        return [self.rows[index].entry.path for index in self.order]

    # -- layout -----------------------------------------------------------------------

    def _sync_size(self) -> None:
        width = self.scrollable_content_region.width
        size = Size(width, len(self.order) + 1)
        if self.virtual_size == size:
            return
        if self.show_vertical_scrollbar and size.height > self.container_size.height:
            self.set_reactive(LibraryTable.virtual_size, size)
            self.vertical_scrollbar.window_virtual_size = size.height
            if self.scroll_y > self.max_scroll_y:
                self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)
        else:
            self.virtual_size = size

    def on_resize(self) -> None:
        self._lay_out_columns()
        self._sync_size()
        self._scroll_to_cursor()

    def _lay_out_columns(self) -> None:
        self._laid_out = self.scrollable_content_region.width
        width = self._laid_out - 1  # a column of margin on the left
        self._columns = fitting_columns(width, GAP)
        self._widths = column_widths(self._columns, width, GAP)
        self._cache.clear()

    @property
    def columns(self) -> list[Column]:
        """The columns shown at the present width."""
        return self._columns

    def _scroll_to_cursor(self) -> None:
        """Scroll as little as shows the cursor's row under the heading."""
        rows = max(1, self.scrollable_content_region.height - 1)
        y = round(self.scroll_y)
        if self.cursor < y:
            y = self.cursor
        elif self.cursor >= y + rows:
            y = self.cursor - rows + 1
        else:
            return
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    # -- drawing ----------------------------------------------------------------------

    def _style(self, cursor: bool, component: str = "") -> Style:
        """The table's style with a component's over it, and the cursor's (cached)."""
        key = ((2 if self.has_focus else 1) if cursor else 0, component)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            if component:
                style += overlay_style(self, component)
            if cursor:
                style += overlay_style(self, "library-table--cursor")
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._laid_out:  # (a scroll bar came or went: the table kept its size)
            self._lay_out_columns()
        if y == 0:
            return self._header(width)
        at = round(self.scroll_y) + y - 1
        if not self.order:
            if at == 0 and width:
                empty = Segment(f" {self.empty}", self._style(False, "library-table--finished"))
                return Strip([empty]).adjust_cell_length(width, self._style(False))
            return Strip.blank(width, self._style(False))
        if at >= len(self.order):
            return Strip.blank(width, self._style(False))
        cursor = at == self.cursor
        key = (self.order[at], cursor, cursor and self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._draw_row(self.rows[self.order[at]], cursor, width)
            self._cache[key] = strip
        return strip

    def _header(self, width: int) -> Strip:
        style = self._style(False, "library-table--header")
        parts = [" "]
        for column, cell_width in zip(self._columns, self._widths, strict=True):
            arrow = ("▼" if self.descending else "▲") if column.key == self.sort_key else ""
            heading = column.heading + arrow
            parts.append(fit(heading, cell_width, column.right and not arrow))
        text = (" " * GAP).join(parts[1:])
        return Strip([Segment(" " + text, style)]).adjust_cell_length(width, style)

    def _draw_row(self, row: Row, cursor: bool, width: int) -> Strip:
        component = ""
        if row.entry.failed:
            component = "library-table--failed"
        elif row.cells.get("read") == "finished":
            component = "library-table--finished"
        style = self._style(cursor, component)
        if row.entry.failed:
            text = fit(row.cells["title"], max(1, width - 1))
        else:
            text = (" " * GAP).join(
                fit(row.cells.get(column.key, ""), cell_width, column.right)
                for column, cell_width in zip(self._columns, self._widths, strict=True)
            )
        return Strip([Segment(" " + text, style)]).adjust_cell_length(width, style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    # -- the cursor ---------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(len(self.order) - 1, cursor)) if self.order else 0

    def watch_cursor(self, old: int, new: int) -> None:
        top = round(self.scroll_y)
        self._scroll_to_cursor()
        if round(self.scroll_y) == top:  # only the two rows change (lines 1… under the heading)
            self.refresh_line(old + 1)
            self.refresh_line(new + 1)
        else:
            self.refresh()

    def on_focus(self) -> None:
        self.refresh_line(self.cursor + 1)  # (its colours say where the keys go; rows stay)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor + 1)

    def action_cursor(self, step: int) -> None:
        """Move the cursor by ``step`` rows."""
        self._placed = True
        self.cursor += step

    def action_page(self, pages: int) -> None:
        """Move the cursor by a screen of rows."""
        self._placed = True
        self.cursor += pages * max(1, self.scrollable_content_region.height - 2)

    def action_first(self) -> None:
        """Move to the first row."""
        self._placed = True
        self.cursor = 0

    def action_last(self) -> None:
        """Move to the last row."""
        self._placed = True
        self.cursor = len(self.order) - 1

    def action_select(self) -> None:
        """Open the row under the cursor."""
        row = self.current_row
        if row is not None:
            hold_keys(self, CHOSEN)  # (the keys after Enter are for what opens)
            self.post_message(self.Selected(row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            self._sort_at(offset.x)
            return
        at = round(self.scroll_y) + offset.y - 1
        if 0 <= at < len(self.order):
            self._placed = True
            self.cursor = at
            self.action_select()

    def _sort_at(self, x: int) -> None:
        """Sort by the column under column ``x`` of the heading."""
        left = 1
        for column, cell_width in zip(self._columns, self._widths, strict=True):
            if left <= x < left + cell_width + GAP:
                self.sort_by(column.key)
                self.post_message(self.SortChanged())
                return
            left += cell_width + GAP
