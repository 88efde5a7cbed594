"""Which panes show at a terminal width: side by side, with the outline, or one at a time."""

from __future__ import annotations

from dataclasses import dataclass

NARROW_BELOW = 100
"""Terminals narrower than this show one pane at a time, with tabs."""
OUTLINE_FROM = 150
"""Terminals at least this wide show the outline unless it was toggled off."""


@dataclass(frozen=True)
class Arrangement:
    """How the reader's panes are laid out."""

    narrow: bool
    """One pane at a time, chosen with tabs."""
    outline: bool
    """The section outline shows."""


def arrangement(width: int, outline_choice: bool | None) -> Arrangement:
    """The arrangement for a terminal ``width`` columns wide.

    ``outline_choice`` is the reader's own toggle of the outline (``o``);
    None follows the width.
    """
    outline = outline_choice if outline_choice is not None else width >= OUTLINE_FROM
    return Arrangement(narrow=width < NARROW_BELOW, outline=outline)
