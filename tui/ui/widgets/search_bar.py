"""The search line: ``/`` opens it at the bottom, Enter searches, Esc closes it."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """A one-line search box over the key hints."""

    DEFAULT_CSS = """
    SearchBar {
        dock: bottom;
        height: 1;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close search", show=False),
        # Enter typed while briefing-tui starts, before the terminal leaves its
        # cooked mode, arrives as a newline: Ctrl+J.
        Binding("ctrl+j", "submit", "Search", show=False),
    ]

    class Closed(Message):
        """The search box was closed without searching."""

    def __init__(self, value: str = "") -> None:
        super().__init__(
            value=value,
            placeholder="Search the article (Enter finds, Esc closes)",
            id="search",
            compact=True,  # one line, no border (a bordered Input hides its text in one line)
        )

    def action_cancel(self) -> None:
        """Close the box without searching."""
        self.post_message(self.Closed())
