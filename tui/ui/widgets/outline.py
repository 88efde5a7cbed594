"""The section outline (table of contents), following the section in view."""

from __future__ import annotations

from rich.cells import cell_len
from textual.binding import Binding
from textual.geometry import Size

from tui.model import Section
from tui.text import normalize_space
from tui.ui.widgets.item_list import ItemList, Part

MAX_TEXT_WIDTH = 36
"""Columns of heading at most: the outline is then 40 columns wide with its border."""


class Outline(ItemList):
    """Section headings; the one in view is highlighted, Enter jumps to one."""

    BINDINGS = [Binding("enter", "select", "Go to the section", show=False, id="outline.select")]

    EMPTY = "No sections."

    CHANGED = "↻ changed"
    """The note under a section whose text changed in the file, until it is read."""

    def __init__(
        self,
        sections: tuple[Section, ...],
        changed: set[int] | frozenset[int] = frozenset(),
        *,
        id: str | None = None,
    ) -> None:
        self.sections = sections
        self.changed = set(changed)
        """Sections changed by the last reloads and not yet in view."""
        super().__init__(len(sections), id=id)

    def set_sections(
        self, sections: tuple[Section, ...], changed: set[int] | frozenset[int]
    ) -> None:
        """Show another version of the headings, ``changed`` marked (redrawn if they differ)."""
        same = [each.heading for each in sections] == [each.heading for each in self.sections]
        self.sections = sections
        if same and set(changed) == self.changed:
            return
        self.changed = set(changed)
        if same:
            self.items_changed()
        else:
            self.reset(len(sections))
            self.refresh(layout=True)  # its width follows the longest heading

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The longest heading, its mark's column and a column of margin (``width: auto``).

        Never more than :data:`MAX_TEXT_WIDTH` columns of heading: longer ones wrap.
        The stylesheet caps it further, relative to the screen.
        """
        longest = max((cell_len(normalize_space(s.heading)) for s in self.sections), default=0)
        return min(longest, MAX_TEXT_WIDTH) + 2

    def item_parts(self, index: int) -> list[Part]:
        heading = Part(self.sections[index].heading)
        if index in self.changed:
            return [heading, Part(self.CHANGED, component="item-list--note")]
        return [heading]

    def visited(self, section: int) -> None:
        """``section`` is in view: it no longer shows as changed."""
        if section in self.changed:
            self.changed.discard(section)
            self.items_changed()

    def follow(self, section: int) -> None:
        """Highlight ``section`` (the one in view) unless the reader is using the outline."""
        if not self.has_focus:
            self.highlighted = section
