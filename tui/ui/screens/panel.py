"""A box of text over the reader (help, briefing details): scrolls like the article, Esc closes."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll

from tui.ui.screens.modal import Modal
from tui.ui.widgets.key_hints import Hint


class Panel(Modal[None]):
    """A modal box in the middle of the screen; subclasses compose a ``VerticalScroll`` in it."""

    DEFAULT_CSS = """
    Panel {
        align: center middle;
    }
    Panel > VerticalScroll {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    Panel .panel-group {
        margin-top: 1;
    }
    """

    HINTS = (Hint(("panel.close",), "Close"), Hint(("panel.down", "panel.up"), "Scroll"))
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="panel.close"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="panel.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="panel.up"),
        Binding("space,pagedown", "scroll(10)", "Page down", show=False),
        Binding("b,pageup", "scroll(-10)", "Page up", show=False),
        Binding("g,home", "scroll(-1000)", "Top", show=False),
        Binding("G,end", "scroll(1000)", "Bottom", show=False),
    ]

    def action_scroll(self, lines: int) -> None:
        """Scroll the box, with the same keys as the article."""
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_to(y=scroller.scroll_y + lines, animate=False)
