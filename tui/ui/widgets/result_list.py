"""A list of speakers: Textual's OptionList with the reader's keys."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

from tui.ui.held_keys import CHOSEN, hold_keys


class ResultList(OptionList):
    """j k, g G and Space b move as in the reader's lists; Enter opens."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next", show=False),
        Binding("k", "cursor_up", "Previous", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
    ]

    def action_select(self) -> None:
        """Choose the highlighted option; the keys typed after Enter wait for what it opens."""
        if self.highlighted is not None:
            hold_keys(self, CHOSEN)
        super().action_select()
