"""A list of items that each link to a passage of the body (talking points, quotes)."""

from __future__ import annotations

from textual.binding import Binding

from tui.ui.widgets.item_list import ItemList


class LinkList(ItemList):
    """A list whose items are marked while the section they link to is in view.

    Enter (or a click) posts :class:`ItemList.Selected`; the screen does the jump.
    """

    BINDINGS = [
        Binding("enter", "select", "Jump to the supporting passage", show=False, id="list.select"),
    ]

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(count, id=id)
        self._sections: list[int | None] = [None] * count
        self._marked_section: int | None = None

    def reset(self, count: int) -> None:
        """Hold ``count`` items, tied to no section until :meth:`set_sections` says."""
        self._sections = [None] * count
        self._marked_section = None
        super().reset(count)

    def set_sections(self, sections: list[int | None]) -> None:
        """Tell the list which section each item is tied to."""
        if sections != self._sections:
            self._sections = list(sections)
            self.refresh()

    def mark_section(self, section: int | None) -> None:
        """Mark the items tied to ``section`` (the one in view); only their lines are redrawn."""
        previous = self._marked_section
        if section == previous:
            return
        self._marked_section = section
        for index, tied in enumerate(self._sections):
            if tied is not None and tied in (previous, section):
                self.refresh_item(index)

    def is_marked(self, index: int) -> bool:
        """True if item ``index`` is tied to the section in view."""
        return self._marked_section is not None and self._sections[index] == self._marked_section
