"""Exporting a loaded briefing: Markdown, HTML, plain text and JSON (no Textual).

Each format is a module with a ``render(briefing, width)`` that returns the
whole document as text; :data:`FORMATS` names them for the command line.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from tui.model import Briefing

FORMATS = {"md": "markdown", "html": "html", "txt": "plain", "json": "json"}
"""Each ``--format`` and the module of :mod:`tui.export` that writes it."""

DEFAULT_WIDTH = 80
"""Columns plain text is wrapped to."""


def renderer(name: str) -> Callable[[Briefing, int], str]:
    """The ``render`` function of format ``name`` (a key of :data:`FORMATS`)."""
    module = importlib.import_module(f"tui.export.{FORMATS[name]}")
    render: Callable[[Briefing, int], str] = module.render
    return render
