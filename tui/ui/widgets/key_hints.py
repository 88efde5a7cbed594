"""A one-line footer of the keys that matter now, read from the bindings in force.

Textual's ``Footer`` rebuilds a widget per key on every focus change, which
costs a noticeable part of start-up; this draws one line of text. The screen
says which hints it wants (:meth:`KeyHints.show`); the keys come from the
screen's active bindings, so a key remapped by the user's keymap shows as
remapped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from tui.ui.keys import short_label
from tui.ui.widgets.styles import accent_text


class Hint(NamedTuple):
    """Keys shown together (``[ ]``) and what they do."""

    names: tuple[str, ...]
    """Binding ids (or, for bindings without one, actions)."""
    label: str


SEPARATOR = Content("  ")


def bound_keys(screen: Screen[object]) -> dict[str, str]:
    """The first key of each active binding, by binding id (or action), as the key line shows it."""
    keys: dict[str, str] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        name = binding.id or binding.action
        if name not in keys:
            keys[name] = binding.key_display or short_label(key)
    return keys


class KeyHints(Widget):
    """The keys that matter now on one line; where they do not all fit, the last are left out."""

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $panel;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hints: tuple[Hint, ...] = ()
        self._parts: list[Content] = []

    def on_mount(self) -> None:
        # Focus changes and keymap changes refresh the screen's bindings.
        self.screen.bindings_updated_signal.subscribe(self, lambda _: self._build())
        self.app.theme_changed_signal.subscribe(self, lambda _: self._build(restyle=True))

    def show(self, hints: Sequence[Hint]) -> None:
        """Show these hints (those whose keys are bound now), most needed first."""
        if tuple(hints) != self._hints:
            self._hints = tuple(hints)
            self._build()

    @property
    def shown_text(self) -> str:
        """The hints as plain text (all of them, whether or not they fit)."""
        return SEPARATOR.join(self._parts).plain

    def _build(self, restyle: bool = False) -> None:
        if restyle:  # the same text, to draw in the new theme's colours
            self._parts = []
        keys = bound_keys(self.screen)
        parts = []
        style = f"bold {accent_text(self)}"
        for hint in self._hints:
            shown = [keys[name] for name in hint.names if name in keys]
            if shown:
                parts.append(Content.assemble((f" {' '.join(shown)} ", style), hint.label))
        if parts != self._parts:
            self._parts = parts
            self.refresh()

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
