"""Where the bundled briefing is, without importing the loader."""

from __future__ import annotations

from pathlib import Path

from tui.format.problems import UnreadableFileError

DEFAULT_BRIEFING = "blinken-colombia.yaml"


def default_briefing_path() -> Path:
    """The bundled briefing: inside the installed package, or in a source checkout."""
    here = Path(__file__).resolve().parent.parent  # tui/
    for folder in (here / "content", here.parent / "content"):
        candidate = folder / DEFAULT_BRIEFING
        if candidate.is_file():
            return candidate
    raise UnreadableFileError(DEFAULT_BRIEFING, "the bundled briefing is missing")
