"""The search line: ``/`` opens it at the bottom, Enter searches, Esc closes it.

The query goes on the left, the count of its matches on the right; Up and
Down bring back earlier searches (kept between runs by the reader).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from tui.search import MAX_QUERY
from tui.text import sanitize_line
from tui.ui.widgets.recalling_input import RecallingInput


class SearchBar(RecallingInput):
    """A one-line search box (with the history of searches on Up and Down)."""

    DEFAULT_CSS = """
    SearchBar {
        width: 1fr;
        height: 1;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding(
            "enter",
            "submit",
            "Search: the first match from the view",
            show=False,
            id="search.submit",
        ),
        Binding("escape", "cancel", "Close the search line", show=False, id="search.close"),
        # Enter typed while briefing-tui starts, before the terminal leaves its
        # cooked mode, arrives as a newline: Ctrl+J.
        Binding("ctrl+j", "submit", show=False),
        Binding(
            "up",
            "recall(-1)",
            "Earlier search (kept between runs)",
            show=False,
            id="search.earlier",
        ),
        Binding("down", "recall(1)", "Later search", show=False, id="search.later"),
    ]

    def __init__(self, submitted: Callable[[str], object], closed: Callable[[], object]) -> None:
        super().__init__(
            placeholder="Search the article, points and quotes (Enter finds, Esc closes)",
            id="search",
            compact=True,  # one line, no border (a bordered Input hides its text in one line)
        )
        self.submitted = submitted
        """Called with the query on Enter, at once (see :meth:`on_key`)."""
        self.closed = closed
        """Called on Esc."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Put ``text`` in place of the characters ``start`` to ``end``, made safe to show.

        Control characters (a paste may hold them) show as their pictures, as
        the briefing's own do, and the line holds at most :data:`MAX_QUERY`
        characters: a longer paste is cut there.
        """
        text = sanitize_line(text)
        start, end = sorted((max(0, start), min(len(self.value), end)))
        room = MAX_QUERY - (len(self.value) - (end - start))
        super().replace(text[: max(0, room)], start, end)

    async def on_key(self, event: events.Key) -> None:
        """Every key acts at its turn among the keys typed; keys typed after Enter go to the reader.

        Textual runs a focused widget's bindings (Backspace, arrows, Enter) once
        the key has gone up to the app, after the keys typed behind it have
        reached the widget: ``/duque`` Enter ``n``, typed quickly, would search
        for "duquen", and ``the`` Backspace Enter for "the". Here the line's
        own bindings run as their key's turn comes, and keys that reached the
        line after an Enter that closed it are sent again, in order, to the reader.
        """
        if self.screen.focused is not self:  # typed after an Enter that has closed the line
            # (``has_focus`` follows only once the Blur event, queued behind these keys, is in)
            event.prevent_default()
            event.stop()
            self.app.post_message(events.Key(event.key, event.character))
            return
        await super().on_key(event)

    def submit_now(self) -> None:
        """Search for what the line holds."""
        self.submitted(self.value)

    async def action_submit(self) -> None:
        """Search for what the line holds (a remapped key, or a click's turn)."""
        self.submit_now()

    def action_cancel(self) -> None:
        """Close the box without searching."""
        self.closed()


class SearchLine(Horizontal):
    """The search box, and on its right how many matches what it holds has."""

    DEFAULT_CSS = """
    SearchLine {
        dock: bottom;
        height: 1;
        & > #search-count {
            width: 23;  /* "1,234,567/1,234,567" and a margin: a new count needs no new layout */
            padding: 0 1;
            text-align: right;
            color: $text-muted;
        }
    }
    """

    def __init__(self, submitted: Callable[[str], object], closed: Callable[[], object]) -> None:
        super().__init__(id="search-line")
        self.bar = SearchBar(submitted, closed)
        self.count = Label(id="search-count", markup=False)

    def compose(self) -> ComposeResult:
        yield self.bar
        yield self.count

    @property
    def is_open(self) -> bool:
        """True while the line shows."""
        return self.display

    def open(self, value: str) -> None:
        """Show the line with ``value`` in it."""
        self.bar.start(value)
        self.display = self.bar.display = True

    def close(self) -> None:
        """Hide the line (what it holds stays, for the next ``/``)."""
        self.display = self.bar.display = False

    def show_count(self, text: str) -> None:
        """Say how many matches there are (``3/17``, ``17 matches``), or nothing."""
        self.count.update(Content(text), layout=False)
