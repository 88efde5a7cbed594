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
        return Option(self.item_content(index, self.is_marked(index)), id=f"item-{index}")

    def set_sections(self, sections: list[int | None]) -> None:
        """Tell the list which section each item is tied to."""
        changed = [index for index, tied in enumerate(sections) if tied != self._sections[index]]
        self._sections = list(sections)
        for index in changed:
            if self._marked_section is not None:
                self._replace(index)

    def mark_section(self, section: int | None) -> None:
        """Mark the items tied to ``section`` (the one in view)."""
        previous = self._marked_section
        if section == previous:
            return
        self._marked_section = section
        # Only the items whose mark changes are redrawn: re-measuring every
        # option on each section change is what makes long lists slow.
        for index, tied in enumerate(self._sections):
            if tied is not None and tied in (previous, section):
                self._replace(index)

    def is_marked(self, index: int) -> bool:
        """True if item ``index`` is tied to the section in view."""
        return self._marked_section is not None and self._sections[index] == self._marked_section

    def _replace(self, index: int) -> None:
        self.replace_option_prompt_at_index(index, self.item_content(index, self.is_marked(index)))
