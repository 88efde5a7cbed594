"""The section outline (table of contents), following the section in view."""

from __future__ import annotations

from textual.binding import Binding

from tui.model import Section
from tui.ui.widgets.item_list import ItemList, Part


class Outline(ItemList):
    """Section headings; the one in view is highlighted, Enter jumps to one."""

    BINDINGS = [Binding("enter", "select", "Go to the section", show=False, id="outline.select")]

    EMPTY = "No sections."

    def __init__(self, sections: tuple[Section, ...], *, id: str | None = None) -> None:
        self.sections = sections
        super().__init__(len(sections), id=id)

    def item_parts(self, index: int) -> list[Part]:
        return [Part(self.sections[index].heading)]

    def follow(self, section: int) -> None:
        """Highlight ``section`` (the one in view) unless the reader is using the outline."""
        if not self.has_focus:
            self.highlighted = section
