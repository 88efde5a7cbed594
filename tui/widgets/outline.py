"""The section outline (table of contents), following the section in view."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model import Section


class Outline(OptionList):
    """Section headings; the one in view is highlighted, Enter jumps to one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next section", show=False, id="outline.down"),
        Binding("k", "cursor_up", "Previous section", show=False, id="outline.up"),
        Binding("g", "first", "First section", show=False, id="outline.first"),
        Binding("G", "last", "Last section", show=False, id="outline.last"),
    ]

    def __init__(self, sections: tuple[Section, ...], *, id: str | None = None) -> None:
        super().__init__(
            *[Option(Content(section.heading), id=section.id) for section in sections], id=id
        )

    def follow(self, section: int) -> None:
        """Highlight ``section`` (the one in view) unless the reader is using the outline."""
        if not self.has_focus:
            self.highlighted = section
