"""What the reader said instead of opening, shown in the browser that asked for it.

In a terminal, a briefing that cannot be opened is a few lines on stderr. A browser
served by ``briefing-tui serve`` has no stderr to show: this small app shows those
lines there instead, until a key is pressed.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from tui.text import sanitize


class RefusalApp(App[None]):
    """Shows ``said`` (the reader's stderr: plain text, untrusted) under a heading."""

    CSS = """
    #heading { padding: 1 2 0 2; text-style: bold; }
    #said { padding: 1 2; }
    """
    BINDINGS = [Binding("q,escape,enter", "quit", "Close")]

    def __init__(self, said: str) -> None:
        super().__init__()
        self.said = said

    def compose(self) -> ComposeResult:
        yield Static("briefing-tui could not open the briefing:", id="heading")
        with VerticalScroll():
            yield Static(Content(sanitize(self.said.rstrip())), id="said")
        yield Footer()
