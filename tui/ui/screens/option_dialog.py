"""The base of the list boxes (section picker, links, bookmarks): a title over a list of options."""

from __future__ import annotations

from textual.widgets import OptionList

from tui.ui.screens.modal import Modal, ResultType


class OptionDialog(Modal[ResultType]):
    """A box in the middle of the screen with a title (``.dialog-title``), perhaps a filter
    line, and an :class:`OptionList` (``.dialog-options``); subclasses set its width."""

    DEFAULT_CSS = """
    OptionDialog {
        align: center middle;
    }
    OptionDialog > .dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 80%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    OptionDialog .dialog-title {
        text-style: bold;
    }
    OptionDialog .dialog-options {
        height: auto;
        max-height: 20;
    }
    """

    def action_move(self, step: int) -> None:
        """Move the cursor ``step`` options, as ↓ and ↑ do (j and k, or arrows while typing)."""
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))
