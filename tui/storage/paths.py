"""The folders briefing-tui keeps its own files in (created only when something is saved)."""

from __future__ import annotations

import os
from pathlib import Path

STATE_DIR_VARIABLE = "BRIEFING_TUI_STATE_DIR"
CACHE_DIR_VARIABLE = "BRIEFING_TUI_CACHE_DIR"
CONFIG_DIR_VARIABLE = "BRIEFING_TUI_CONFIG_DIR"


def _folder(chosen_by: str, xdg_variable: str, *default: str) -> Path:
    """``$chosen_by`` if set, else ``$xdg_variable/briefing-tui`` (``~/DEFAULT/briefing-tui``)."""
    chosen = os.environ.get(chosen_by)
    if chosen:
        return Path(chosen)
    base = os.environ.get(xdg_variable) or os.path.join(Path.home(), *default)
    return Path(base) / "briefing-tui"


def state_dir() -> Path:
    """The folder the state lives in (not created until something is saved)."""
    return _folder(STATE_DIR_VARIABLE, "XDG_STATE_HOME", ".local", "state")


def cache_dir() -> Path:
    """The folder caches live in (the library's search index): deleting it loses nothing."""
    return _folder(CACHE_DIR_VARIABLE, "XDG_CACHE_HOME", ".cache")


def config_dir() -> Path:
    """The folder the user's ``config.toml`` is read from (briefing-tui never writes there)."""
    return _folder(CONFIG_DIR_VARIABLE, "XDG_CONFIG_HOME", ".config")
