"""Where each briefing was left, remembered between runs.

One small JSON file, ``positions.json``, in the user's state folder
(``$XDG_STATE_HOME/briefing-tui``, by default ``~/.local/state/briefing-tui``;
``BRIEFING_TUI_STATE_DIR`` chooses another), read and saved as every state file
is (see :mod:`tui.storage.jsonstate`): atomic writes, a read-merge-write under a
lock so two readers keep each other's positions, a corrupt file set aside with a
warning, and a file that cannot be read never replaced. The state is a
convenience, never a reason not to open a briefing. Briefing files themselves
are never written.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from tui.storage.jsonstate import Entries, JsonStateFile, JsonStore
from tui.storage.paths import state_dir

FILE_NAME = "positions.json"
FORMAT = "briefing-tui positions/1"
MAX_ENTRIES = 500
"""Briefings remembered; the ones left longest ago are forgotten first."""


@dataclass(frozen=True)
class Position:
    """A place in a briefing's body: a block and a character offset in it."""

    block: int
    offset: int


def _entry_position(entry: object) -> Position | None:
    if not isinstance(entry, dict):
        return None
    block, offset = entry.get("block"), entry.get("offset")
    if not isinstance(block, int) or not isinstance(offset, int):
        return None
    if isinstance(block, bool) or isinstance(offset, bool) or block < 0 or offset < 0:
        return None
    return Position(block, offset)


def _clean_entry(entry: object) -> dict[str, object] | None:
    """The entry's known fields, or None if it is not a position."""
    position = _entry_position(entry)
    if position is None:
        return None
    assert isinstance(entry, dict)
    return {"block": position.block, "offset": position.offset, "at": _when(entry)}


def _when(entry: object) -> float:
    at = entry.get("at") if isinstance(entry, dict) else None
    return at if isinstance(at, (int, float)) and not isinstance(at, bool) else 0


class PositionStore(JsonStore):
    """Reading positions by briefing file, kept in one JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            JsonStateFile(
                path if path is not None else state_dir() / FILE_NAME,
                FORMAT,
                "positions",
                "Saved reading positions",
                _clean_entry,
            )
        )

    @staticmethod
    def key(briefing_path: str) -> str:
        """The name a briefing is remembered by: its absolute path."""
        return os.path.abspath(briefing_path)

    def get(self, briefing_path: str) -> Position | None:
        """Where ``briefing_path`` was left, if it was."""
        return _entry_position(self.file.read().get(self.key(briefing_path)))

    def all(self) -> dict[str, Position]:
        """Every remembered position, by the briefing's absolute path (one read of the file)."""
        found = {}
        for key, entry in self.file.read().items():
            position = _entry_position(entry)
            if position is not None:
                found[key] = position
        return found

    def put(self, briefing_path: str, position: Position) -> bool:
        """Remember ``position`` for ``briefing_path``; False (and a warning) if not saved.

        The entries of other briefings are kept as the file holds them now, so
        that two readers open at once keep each other's positions.
        """
        key = self.key(briefing_path)
        entry = {"block": position.block, "offset": position.offset, "at": int(time.time())}

        def change(entries: Entries) -> Entries:
            entries.pop(key, None)
            entries[key] = entry
            if len(entries) > MAX_ENTRIES:
                newest = sorted(entries.items(), key=lambda item: _when(item[1]))[-MAX_ENTRIES:]
                entries = dict(newest)
            return entries

        return self.file.update(change)
