"""The library's filter line: words typed here narrow the table as they are typed."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.message import Message

from tui.ui.held_keys import CHOSEN, hold_keys
from tui.ui.widgets.typed_input import TypedInput


class FilterLine(TypedInput):
    """A one-line box over the key line; Enter or ↓ goes back to the table, Esc clears it."""

    DEFAULT_CSS = """
    FilterLine {
        dock: bottom;
        height: 1;
        padding: 0 1;
        margin-bottom: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "clear", "Clear the filter", show=False, id="filter.clear"),
        Binding("enter,down,ctrl+j", "done", "Back to the table", show=False, id="filter.done"),
    ]

    class Done(Message):
        """Back to the table (the filter stays). The keys typed after it wait until the screen
        has given the table the focus and releases :data:`~tui.ui.held_keys.CHOSEN` (``ftrade``
        Enter ``j``, typed at once, put the j in the filter)."""

    def __init__(
        self, *, id: str | None = None, changed: Callable[[str], None] | None = None
    ) -> None:
        self._on_change = changed
        super().__init__(
            placeholder="Filter: press f, then type words of a title, place, source or tag",
            id=id,
            compact=True,
            # Typed keys go on after the first (which opened it), never replace it.
            select_on_focus=False,
        )

    def watch_value(self, value: str) -> None:
        if self._on_change is not None:
            self._on_change(value)

    def action_clear(self) -> None:
        """Clear the filter and go back to the table."""
        self.value = ""
        self.action_done()

    def action_done(self) -> None:
        """Go back to the table."""
        hold_keys(self, CHOSEN)
        self.post_message(self.Done())
