"""A list of items that each link to a passage of the body (talking points, quotes)."""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

FIRST_ITEMS = 40
"""Items put in the list before the first frame; the rest follow right after."""

MARK = "▍"
"""Drawn in the first column of items tied to the section in view."""


class LinkList(OptionList):
    """An option list whose items are marked when their section is in view.

    Subclasses say how an item looks (:meth:`item_content`), leaving its first
    column blank for the mark; Enter posts :class:`OptionList.OptionSelected`
    as usual and the screen does the jump. Marks are drawn over the rendered
    lines, so moving them never re-measures the options (which is slow on
    long lists).
    """

    COMPONENT_CLASSES = {"link-list--mark"}

    BINDINGS = [
        Binding("j", "cursor_down", "Next item", show=False, id="list.down"),
        Binding("k", "cursor_up", "Previous item", show=False, id="list.up"),
        Binding("g", "first", "First item", show=False, id="list.first"),
        Binding("G", "last", "Last item", show=False, id="list.last"),
    ]

    EMPTY = "Nothing here."
    """Shown, greyed out, when the list has no items."""

    def __init__(self, count: int, *, id: str | None = None) -> None:
        self._sections: list[int | None] = [None] * count
        self._marked_section: int | None = None
        self._count = count
        # The first screenful now; the rest once the first frame is drawn (OptionList
        # measures every option it holds before drawing any).
        options = [self._option(index) for index in range(min(count, FIRST_ITEMS))]
        if not options:
            options = [Option(Content.styled(self.EMPTY, "$text-muted"), disabled=True)]
        super().__init__(*options, id=id)

    def _option(self, index: int) -> Option:
        return Option(self.item_content(index), id=f"item-{index}")

    def on_mount(self) -> None:
        if self._count > FIRST_ITEMS:
            self.call_after_refresh(self._add_the_rest)

    def _add_the_rest(self) -> None:
        self.add_options(self._option(index) for index in range(FIRST_ITEMS, self._count))

    def item_content(self, index: int) -> Content:
        """What item ``index`` shows, its first column left blank for the mark."""
        raise NotImplementedError

    def set_sections(self, sections: list[int | None]) -> None:
        """Tell the list which section each item is tied to."""
        self._sections = list(sections)
        self.refresh()

    def mark_section(self, section: int | None) -> None:
        """Mark the items tied to ``section`` (the one in view); only changed lines are redrawn."""
        previous = self._marked_section
        if section == previous:
            return
        self._marked_section = section
        if not self.is_mounted or not self.options:
            return
        top, bottom = self.scroll_offset.y, self.scroll_offset.y + self.size.height
        for index, tied in enumerate(self._sections):
            if tied is not None and tied in (previous, section):
                line = self._index_to_line.get(index)
                if line is not None and top <= line < bottom:
                    self.refresh_lines(line)

    def is_marked(self, index: int) -> bool:
        """True if item ``index`` is tied to the section in view."""
        return self._marked_section is not None and self._sections[index] == self._marked_section

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if self._marked_section is None or not self._sections:
            return strip
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return strip
        if line_offset or not self.is_marked(index) or not strip.cell_length:
            return strip
        under = next(iter(strip)).style
        style = self.get_component_rich_style("link-list--mark", partial=True)
        mark = Strip([Segment(MARK, under + style if under else style)], 1)
        return Strip.join([mark, strip.crop(1)])
