"""The ``?`` help screen: every key, grouped by where it works, with its description."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.ui.keys import keys_of
from tui.ui.screens.panel import Panel
from tui.ui.widgets.item_list import MARK
from tui.ui.widgets.styles import accent_text

HelpGroup = tuple[str, Sequence[BindingType]]


def help_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) for each binding that has a description."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            rows.append((keys_of(binding), binding.description))
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
        heading = f"bold {accent_text(self)}"
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
                lines = [Content.styled(title, heading)]
                for keys, description in help_rows(bindings):
                    lines.append(
                        Content.assemble(("  " + keys.ljust(key_width + 2), "bold"), description)
                    )
                yield Static(Content("\n").join(lines), classes="panel-group")
            yield Static(
                Content.assemble(
                    ("Marks in the talking points and quotes", heading),
                    "\n",
                    ("  " + MARK.ljust(key_width + 2), "bold"),
                    "tied to the section in view",
                ),
                classes="panel-group",
            )
