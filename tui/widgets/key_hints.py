"""A one-line footer of the main keys, built once from the bindings; each is clickable.

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

Hint = tuple[str, BindingType]
"""A binding and the namespace its action runs in (``screen`` or ``app``)."""


def hints(bindings: Iterable[Hint]) -> Content:
    """``key description`` for each binding marked to show; a click runs its action."""
    parts: list[Content] = []
    for namespace, binding in bindings:
        if isinstance(binding, Binding) and binding.show and binding.description:
            keys = binding.key_display or key_label(binding.key)
            part = Content.assemble((f" {keys} ", "bold $accent"), binding.description)
            parts.append(part.stylize(f"@click={namespace}.{binding.action}"))
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

    def __init__(self, bindings: Iterable[Hint], *, id: str | None = None) -> None:
        super().__init__(hints(bindings), id=id)
