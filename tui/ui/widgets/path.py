"""A file path or URL that wraps after a ``/``, not in the middle of a name."""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from tui.text import sanitize_line

_PARTS = re.compile(r"[^/]*/+|[^/]+")
"""A name and the slashes after it (``//`` of a URL stays with its scheme)."""


def wrap_path(path: str, width: int) -> list[str]:
    """``path`` in lines of at most ``width`` cells, broken after a ``/`` where one fits.

    A name longer than a whole line is cut where the line ends.
    """
    if width < 1:
        return [path]
    lines: list[str] = []
    line = ""
    for part in _PARTS.findall(path):
        if line and cell_len(line + part) > width:
            lines.append(line)
            line = ""
        if cell_len(part) > width:  # longer than a line: fold it
            *whole, line = chop_cells(line + part, width)
            lines.extend(whole)
        else:
            line += part
    return [*lines, line]


class PathText(Widget):
    """A path on as many lines as it needs at the widget's width."""

    DEFAULT_CSS = """
    PathText {
        height: auto;
    }
    """

    def __init__(self, path: str, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.path = sanitize_line(path)
        """The path as shown: control characters made visible (it may come from outside)."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(wrap_path(self.path, width))

    def render(self) -> Content:
        return Content("\n".join(wrap_path(self.path, self.size.width)))
