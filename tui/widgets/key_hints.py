"""A one-line footer of the main keys, built once from the screen's bindings.

Textual's ``Footer`` rebuilds a widget per key on every focus change, which
costs a noticeable part of start-up; the reader's main keys do not change
with focus, so one line of text serves (every key is in the ``?`` screen).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from tui.screens.help import key_label


def hints(bindings: Iterable[BindingType]) -> Content:
    """``key description`` pairs for the bindings marked to show."""
    parts: list[Content] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.show and binding.description:
            keys = binding.key_display or key_label(binding.key)
            parts.append(Content.assemble((f" {keys} ", "bold $accent"), binding.description))
    return Content("  ").join(parts)


class KeyHints(Static):
    """The main keys, one line, cut with an ellipsis on narrow terminals."""

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, bindings: Iterable[BindingType], *, id: str | None = None) -> None:
        super().__init__(hints(bindings), id=id)
