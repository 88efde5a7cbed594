"""The ``?`` help screen: every key, grouped by where it works, with its description."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.ui.screens.panel import Panel

KEY_NAMES = {
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "enter": "Enter",
    "escape": "Esc",
    "backspace": "Backspace",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
}

HelpGroup = tuple[str, Sequence[BindingType]]


def key_label(keys: str) -> str:
    """``"j,down"`` as ``"j / ↓"``, ``"ctrl+f"`` as ``"Ctrl+F"``."""
    return " / ".join(_key_name(key) for key in keys.split(","))


def _key_name(key: str) -> str:
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    return key


def help_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) for each binding that has a description."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            rows.append((key_label(binding.key), binding.description))
    return rows


class HelpScreen(Panel):
    """Lists every binding the reader has, built from the bindings themselves."""

    BINDINGS = [Binding("question_mark", "dismiss", "Close help", id="help.close")]

    def __init__(self, groups: Sequence[HelpGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        key_width = max(
            (len(keys) for _, bindings in self.groups for keys, _ in help_rows(bindings)),
            default=10,
        )
        with VerticalScroll(id="help"):
            yield Static(Content.styled("Keys", "bold"), id="help-title")
            yield Static(
                Content.styled(
                    "Esc, q or ? closes this screen; j k ↑ ↓ Space b g G scroll it.",
                    "$text-muted",
                ),
                id="help-hint",
            )
            for title, bindings in self.groups:
                lines = [Content.styled(title, "bold $accent")]
                for keys, description in help_rows(bindings):
                    lines.append(
                        Content.assemble(("  " + keys.ljust(key_width + 2), "bold"), description)
                    )
                yield Static(Content("\n").join(lines), classes="panel-group")
