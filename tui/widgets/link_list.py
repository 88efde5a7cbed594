"""A list of items that each link to a passage of the body (talking points, quotes)."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MARK = "▍"
"""Shown beside items tied to the section in view."""


class LinkList(OptionList):
    """An option list whose items are marked when their section is in view.

    Subclasses say how an item looks (:meth:`item_content`); Enter posts
    :class:`OptionList.OptionSelected` as usual and the screen does the jump.
    """

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
        options = [self._option(index) for index in range(count)]
        if not options:
            options = [Option(Content.styled(self.EMPTY, "$text-muted"), disabled=True)]
        super().__init__(*options, id=id)

    def item_content(self, index: int, marked: bool) -> Content:
        """What item ``index`` shows; ``marked`` when its section is in view."""
        raise NotImplementedError

    def _option(self, index: int) -> Option:
        marked = self._marked_section is not None and self._sections[index] == self._marked_section
        return Option(self.item_content(index, marked), id=f"item-{index}")

    def set_sections(self, sections: list[int | None]) -> None:
        """Tell the list which section each item is tied to."""
        self._sections = list(sections)
        self._refresh_marks(force=True)

    def mark_section(self, section: int | None) -> None:
        """Mark the items tied to ``section`` (the one in view)."""
        if section != self._marked_section:
            self._marked_section = section
            self._refresh_marks()

    def is_marked(self, index: int) -> bool:
        """True if item ``index`` is tied to the section in view."""
        return self._marked_section is not None and self._sections[index] == self._marked_section

    def _refresh_marks(self, force: bool = False) -> None:
        for index in range(len(self._sections)):
            self.replace_option_prompt_at_index(
                index, self.item_content(index, self.is_marked(index))
            )
