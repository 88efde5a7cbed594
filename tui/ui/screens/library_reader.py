"""The reader opened from the library: q and Esc go back to it, } and { to the next briefing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from tui.storage.positions import Position
from tui.ui.held_keys import after_keys_ahead, hold_keys, release_keys
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.key_hints import Hint

if TYPE_CHECKING:
    from tui.format.watch import BriefingFile
    from tui.model import Briefing
    from tui.storage.positions import PositionStore

Step = Callable[["LibraryReaderScreen", int], None]
"""Called with the reader and +1 or -1 to open the next or previous briefing of the library."""
Closed = Callable[["LibraryReaderScreen"], None]
"""Called with the reader as it closes (back to the library or the search results)."""

BACK_HINT = Hint(("library.back",), "Library")
STEP_HINT = Hint(("library.previous", "library.next"), "Briefing")

BINDINGS: list[BindingType] = [
    Binding("q", "library", "Back to the library (or the results)", id="library.back"),
    Binding(
        "right_curly_bracket",
        "step(1)",
        "Next briefing in the library's order",
        key_display="}",
        id="library.next",
    ),
    Binding(
        "left_curly_bracket",
        "step(-1)",
        "Previous briefing in the library's order",
        key_display="{",
        id="library.previous",
    ),
]

ESCAPE = Binding(
    "escape", "clear", "Clear the highlight; without one, back to the library", id="reader.dismiss"
)
"""What Esc does in a reader opened from the library (for help: the reader binds Esc)."""


CLOSING = "closing"
"""What the keys typed after ``q`` wait for: the screen below the reader, on top again."""
CLOSE_LIMIT = 0.5
"""Seconds after ``q`` by which the reader closes, even if the keys typed before it never
came back (a widget they went to removed on the way): it is never left half closed."""


class LibraryReaderScreen(ReaderScreen):
    """A briefing of the library; closing it (q, or Esc without a highlight) goes back."""

    BINDINGS = BINDINGS
    EXTRA_HINTS = (BACK_HINT, STEP_HINT)

    def __init__(
        self,
        briefing: Briefing,
        positions: PositionStore | None = None,
        *,
        step: Step | None = None,
        closed: Closed | None = None,
        start: tuple[int, int] | None = None,
        source: BriefingFile | None = None,
        back: str = "Library",
    ) -> None:
        super().__init__(briefing, positions, start=start, source=source)
        self.back = back
        """What q goes back to, as the key line says it (``Library``, ``Results``)."""
        self.EXTRA_HINTS = (Hint(BACK_HINT.names, back), STEP_HINT)
        self.step = step
        self.when_closed = closed
        self.open_quote: int | None = None
        """A quote whose passage to show (and light up) once the reader is on screen."""
        self.open_point: int | None = None
        """A talking point whose passage to show once the reader is on screen."""
        self.find: str | None = None
        """Words to find (and light up) from the place opened at, as ``/`` would."""
        self.was_closed = False
        """Dismissed (see :meth:`_close_now`)."""

    @property
    def opens_elsewhere(self) -> bool:
        """True if asked to open at a place: a line, a quote or a point (a search's result):
        it does not resume where the briefing was left, nor say so."""
        return super().opens_elsewhere or self.open_quote is not None or self.open_point is not None

    def on_mount(self) -> None:
        # Textual runs this before ReaderScreen.on_mount: the jump waits for the first frame.
        self.call_after_refresh(self._open_at)

    def _open_at(self) -> None:
        if not self.is_attached:
            return
        if self.open_quote is not None:
            self.side_panes()[1].highlighted = self.open_quote  # (what y copies, Enter opens)
            self.jump_to_quote(self.open_quote)
        elif self.open_point is not None:
            self.side_panes()[0].highlighted = self.open_point
            if self.narrow:  # one pane at a time: the one with the words found, not the
                self.active_pane = "points"  # article's passage (Enter on the point goes there)
            else:
                self.jump_to_point(self.open_point)
        elif self.find:
            from tui.search import Query

            query = Query.parse(self.find)
            if query is not None:  # found and lit up as "/" would, not kept in the history
                self.searcher.query = query
                block = self.start[0] if self.start is not None else None
                self.searcher.search(1, from_match=False, block=block)

    @property
    def position(self) -> Position:
        """Where the reader is now (what is saved as where the briefing was left)."""
        return Position(*self.body.place_to_keep())

    def action_library(self) -> None:
        """Back to the library (or the search results) at the same row."""
        self._close()

    def _close(self) -> None:
        if not self.is_active or self.closing:
            return  # closing already (a quick second q or Esc)
        if self.when_closed is not None:
            self.when_closed(self)
        # The keys typed after q (``q f trade``, in one burst) went to this screen's
        # widgets before q came back up to its binding: held as they come back up, the
        # screen closes once they have, and they are typed again for the one below.
        self.closing = True
        hold_keys(self, CLOSING)
        went_to = self.focused or self
        after_keys_ahead(went_to.ancestors_with_self, self._close_now)
        self.set_timer(CLOSE_LIMIT, self._close_now)  # (should a widget on the way go first)

    def _close_now(self) -> None:
        """Close, once (whichever of the keys ahead and :data:`CLOSE_LIMIT` comes first)."""
        if self.was_closed:
            return
        self.was_closed = True
        self.app.clear_notifications()  # (this briefing's, those of keys before q too)
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if self.is_active:
            self.dismiss()
        release_keys(self, CLOSING, ready=below)

    def action_clear(self) -> None:
        """Esc: clear the highlight of a jump or a search; without one, back to the library."""
        searcher = self._searcher
        searched = searcher is not None and searcher.lit and searcher.shown is not None
        if self.body.highlight is not None or searched:
            super().action_clear()
        else:
            self._close()

    def action_step(self, step: int) -> None:
        """Open the next (or previous) briefing of the library in this one's place."""
        if self.step is not None:
            self.app.clear_notifications()  # (this briefing's: where it resumed, …)
            self.step(self, step)
