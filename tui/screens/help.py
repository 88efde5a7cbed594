"""The ``?`` help screen: every key, grouped by where it works, with its description."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

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


class HelpScreen(ModalScreen[None]):
    """Lists every binding the reader has, built from the bindings themselves."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    #help {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    .help-group {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False),
        Binding("space,pagedown", "scroll(10)", "Page down", show=False),
        Binding("b,pageup", "scroll(-10)", "Page up", show=False),
        Binding("g,home", "scroll(-1000)", "Top", show=False),
        Binding("G,end", "scroll(1000)", "Bottom", show=False),
    ]

    def __init__(self, groups: Sequence[HelpGroup]) -> None:
        super().__init__()
        self.groups = groups

    def action_scroll(self, lines: int) -> None:
        """Scroll the list of keys, with the same keys as the article."""
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_to(y=scroller.scroll_y + lines, animate=False)

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
                yield Static(Content("\n").join(lines), classes="help-group")
