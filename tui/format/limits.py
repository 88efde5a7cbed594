"""Bounds on what a briefing file may ask of the reader; each has a command-line flag.

Kept apart from the YAML code so the command line can use it without
importing PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds on what a file may ask of the reader; each has a command-line flag."""

    max_bytes: int = 32 * 1024 * 1024
    """Largest file read at all (``--max-size``); checked before parsing."""
    max_depth: int = 64
    """Deepest nesting of lists and mappings (``--max-depth``)."""
    max_aliases: int = 0
    """Aliases allowed (``--max-aliases``); they may only name text, never a list or mapping."""
