"""Reading the briefing a command was given: a file, the bundled one, or standard input."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui.cli.options import limits

if TYPE_CHECKING:
    from tui.model import Loaded

STDIN_NAME = "-"
"""The file name that means standard input."""
STDIN_SHOWN = "<stdin>"
"""How standard input is named in messages."""


def load_briefing(args: argparse.Namespace, path: str | None) -> Loaded:
    """Load ``path`` (None: the bundled briefing; ``-``: standard input, within the size
    limit); raises what :func:`tui.format.loader.load_path` raises."""
    from tui.format.loader import default_briefing_path, load_bytes, load_path
    from tui.format.problems import UnreadableFileError

    bounds = limits(args)
    if path == STDIN_NAME:
        data = sys.stdin.buffer.read(bounds.max_bytes + 1)
        if len(data) > bounds.max_bytes:
            raise UnreadableFileError(
                STDIN_SHOWN, f"more than the {bounds.max_bytes:,}-byte limit (see --max-size)"
            )
        return load_bytes(data, STDIN_SHOWN, limits=bounds, strict=args.strict)
    found = default_briefing_path() if path is None else path
    return load_path(found, limits=bounds, strict=args.strict)
