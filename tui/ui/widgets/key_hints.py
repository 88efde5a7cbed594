"""A one-line footer of the main keys, built once from the screen's bindings.

Textual's ``Footer`` rebuilds a widget per key on every focus change, which
costs a noticeable part of start-up; the reader's main keys do not change
with focus, so one line of text serves (every key is in the ``?`` screen).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from tui.ui.screens.help import key_label


def hints(bindings: Iterable[BindingType]) -> list[Content]:
    """A ``key description`` piece for each binding marked to show."""
    parts: list[Content] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.show and binding.description:
            keys = binding.key_display or key_label(binding.key)
            parts.append(Content.assemble((f" {keys} ", "bold $accent"), binding.description))
    return parts


SEPARATOR = Content("  ")


class KeyHints(Widget):
    """The main keys on one line; where they do not all fit, the last ones are left out whole."""

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, bindings: Iterable[BindingType], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts = hints(bindings)

    def on_resize(self) -> None:
        self.refresh()  # render again: which hints fit depends on the width

    def render(self) -> Content:
        width = self.size.width
        shown: list[Content] = []
        used = 0
        for part in self._parts:
            needed = part.cell_length + (SEPARATOR.cell_length if shown else 0)
            if shown and used + needed >= width:  # a full line would be cut with "…"
                break
            shown.append(part)
            used += needed
        # Spaces to the end: after the terminal shrinks, a shorter line left the
        # end of the old one on screen in some terminals (tmux).
        return SEPARATOR.join(shown) + Content(" " * max(0, width - 1 - used))
