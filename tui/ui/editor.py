"""The command that opens the user's editor on a file at a line."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping


def editor_command(environment: Mapping[str, str], path: str, line: int | None) -> list[str] | None:
    """``$VISUAL`` (else ``$EDITOR``) with ``+LINE`` and the path, as vi, vim, nano, emacs and
    micro take it; None if neither is set (or set to nothing usable)."""
    editor = environment.get("VISUAL") or environment.get("EDITOR")
    if not editor:
        return None
    try:
        words = shlex.split(editor)
    except ValueError:  # an unclosed quote in the variable
        return None
    if not words:
        return None
    return [*words, *([f"+{line}"] if line else []), os.fspath(path)]
