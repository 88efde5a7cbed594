"""Component styles laid over other styles (theme's translucent colours kept), and marked spans."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from rich.style import Style
from textual.dom import DOMNode
from textual.scroll_view import ScrollView
from textual.widget import Widget

Span = tuple[int, int, bool]
"""A span of a text to light up, and whether it is the current match."""

Lit = tuple[tuple[int, int, str], ...]
"""What is lit on a drawn line: spans of its text and the component class of each
(part of the key of a cached line, so that only lines whose look changes are drawn anew)."""


class Marks(Protocol):
    """Spans of a pane's text to light up (a search's matches), one of them perhaps current."""

    def spans(self, unit: int, start: int, end: int) -> list[Span]:
        """The spans of ``unit``'s text that overlap ``start`` to ``end``; True: the current one."""
        ...


class LitInView:
    """What a pane's marks lit up on the lines in view, to redraw only the lines that change
    (typing a query mostly changes lines elsewhere, ``n`` the lines of two matches)."""

    def __init__(self) -> None:
        self._last: tuple[tuple[object, ...], list[list[Span]]] | None = None
        """Where the view was (top, size, layout) when marks were last set, and what they lit."""

    def changes(
        self,
        where: tuple[object, ...],
        in_view: Callable[[], list[list[Span]]],
        switch: Callable[[], object],
    ) -> list[int]:
        """The lines in view (from the top, 0) that ``switch`` (new marks) lights otherwise.

        ``in_view`` gives what is lit on each line in view, from the top.
        """
        last = self._last
        before = last[1] if last is not None and last[0] == where else in_view()
        switch()
        after = in_view()
        self._last = (where, after)
        none: list[Span] = []
        return [
            row
            for row in range(max(len(before), len(after)))
            if (before[row] if row < len(before) else none)
            != (after[row] if row < len(after) else none)
        ]

    def relight(
        self,
        view: ScrollView,
        layout: object,
        in_view: Callable[[], list[list[Span]]],
        switch: Callable[[], object],
    ) -> None:
        """``switch`` to new marks, and draw again the lines of ``view`` (laid out as
        ``layout``) whose lit spans that changes."""
        top = round(view.scroll_y)
        where = (top, view.size.width, view.size.height, layout)
        for row in self.changes(where, in_view, switch):
            view.refresh_lines(top + row)


def accent_text(node: DOMNode) -> str:
    """The colour for text in the accent colour: ``$accent``, or in light themes the darker
    ``$text-accent`` (Textual's accent for text), as orange on light grey is hard to read."""
    return "$accent" if node.app.current_theme.dark else "$text-accent"


def overlay_style(widget: Widget, component: str) -> Style:
    """What a component class's CSS sets, to add over another style.

    Textual's partial component style (only what the CSS sets) drops the alpha
    of its colours: ``$text-muted`` comes out white and ``$warning 30%`` full
    orange. The full style has them blended over the widget's background, so
    its colours are taken wherever the CSS sets one.
    """
    partial = widget.get_component_rich_style(component, partial=True)
    if partial.color is None and partial.bgcolor is None:
        return partial
    full = widget.get_component_rich_style(component, partial=False)
    blended = Style(
        color=full.color if partial.color is not None else None,
        bgcolor=full.bgcolor if partial.bgcolor is not None else None,
    )
    return partial.without_color + blended
