"""The ``?`` help screen: every key, grouped by where it works, with its description."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
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

    DEFAULT_CSS = """
    HelpScreen .help-group {
        height: auto;
    }
    HelpScreen .help-table {
        grid-size: 2;
        grid-rows: auto;
        height: auto;
    }
    HelpScreen .help-keys {
        padding-left: 2;
    }
    """

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
                yield self._group(title, help_rows(bindings), heading, key_width)
            yield self._group(
                "Marks in the talking points and quotes",
                [(MARK, "tied to the section in view")],
                heading,
                key_width,
            )

    @staticmethod
    def _group(
        title: str, rows: Sequence[tuple[str, str]], heading: str, key_width: int
    ) -> Vertical:
        """A group's title, then its keys and descriptions in two columns: a description too
        long for the box wraps in its own column, under its first line."""
        cells: list[Static] = []
        for keys, description in rows:
            cells.append(Static(Content.styled(keys, "bold"), classes="help-keys"))
            cells.append(Static(Content(description), classes="help-description"))
        table = Grid(*cells, classes="help-table")
        table.styles.grid_columns = f"{key_width + 4} 1fr"
        return Vertical(
            Static(Content.styled(title, heading)), table, classes="panel-group help-group"
        )
