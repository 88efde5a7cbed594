"""The folders briefing-tui keeps its own files in (created only when something is saved)."""

from __future__ import annotations

import os
from pathlib import Path

STATE_DIR_VARIABLE = "BRIEFING_TUI_STATE_DIR"


def state_dir() -> Path:
    """The folder the state lives in (not created until something is saved)."""
    chosen = os.environ.get(STATE_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    return Path(base) / "briefing-tui"


CACHE_DIR_VARIABLE = "BRIEFING_TUI_CACHE_DIR"


def cache_dir() -> Path:
    """The folder caches live in (the library's search index): deleting it loses nothing."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "briefing-tui"


CONFIG_DIR_VARIABLE = "BRIEFING_TUI_CONFIG_DIR"


def config_dir() -> Path:
    """The folder the user's ``config.toml`` is read from (briefing-tui never writes there)."""
    chosen = os.environ.get(CONFIG_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    return Path(base) / "briefing-tui"
