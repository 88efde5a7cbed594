"""``y``: copy the talking point, quote or passage in use to the clipboard, and say what was copied.

The text is built by :mod:`tui.citation`; Textual's ``App.copy_to_clipboard``
sends it to the terminal as OSC 52 (base64: nothing in it reaches the
terminal as a control sequence).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.citation import Copied, block_copy, point_copy, preview, quote_copy
from tui.ui.widgets.points import PointsList
from tui.ui.widgets.quotes import QuotesList

if TYPE_CHECKING:
    from tui.ui.screens.reader import ReaderScreen

MAX_COPY = 100_000
"""The most characters ``y`` sends. Terminals take a clipboard of about 100 KB through
OSC 52 (hterm, some tmux set-ups) and may hang on more: a longer text is not sent."""


def what_to_copy(screen: ReaderScreen) -> Copied | str:
    """The copy for the focused pane: its list's item, else the article's block in view.

    In the article that is the highlighted passage (a jump's) while it is in
    view, else the block at the reading position. A string says why there is
    nothing to copy.
    """
    briefing = screen.briefing
    focused = screen.focused
    if isinstance(focused, PointsList):
        index = focused.highlighted
        return "No talking point to copy." if index is None else point_copy(briefing, index)
    if isinstance(focused, QuotesList):
        index = focused.highlighted
        return "No quote to copy." if index is None else quote_copy(briefing, index)
    body = screen.body
    highlight = body.highlight
    if highlight is not None and body.shows(highlight):
        position = (highlight.block, highlight.start)
    else:
        position = body.reading_position()
    copied = block_copy(briefing, screen.document, position)
    return "The article has no text to copy." if copied is None else copied


def copy_in_view(screen: ReaderScreen) -> None:
    """Copy what is in use to the clipboard, with a notice of what was copied."""
    copied = what_to_copy(screen)
    if isinstance(copied, str):
        screen.notify(copied, markup=False)
        return
    if len(copied.text) > MAX_COPY:
        screen.notify(
            f"Not copied: the {copied.kind} is {len(copied.text):,} characters, more than a"
            f" terminal's clipboard takes ({MAX_COPY:,}). briefing-tui export writes it whole.",
            severity="warning",
            markup=False,
        )
        return
    screen.app.copy_to_clipboard(copied.text)
    source = " and its source" if copied.cited else ""
    screen.notify(
        f"Copied the {copied.kind}{source}: {preview(copied)}",
        markup=False,
        timeout=3,
    )
