"""Where each briefing was left, remembered between runs.

One small JSON file, ``positions.json``, in the user's state folder
(``$XDG_STATE_HOME/briefing-tui``, by default ``~/.local/state/briefing-tui``;
``BRIEFING_TUI_STATE_DIR`` chooses another). Each write goes whole to a
temporary file in the same folder, is flushed to the disk, and is renamed over
the old file: a crash mid-write leaves the old file or the new one, never a
mix. A file that does not read as positions is renamed aside
(``positions.json.corrupt-YYYYMMDD-HHMMSS``) with a warning, and reading starts
afresh; the state is a convenience, never a reason not to open a briefing.
Briefing files themselves are never written.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tui.storage.atomic import write_atomically
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
    valid = (
        isinstance(block, int)
        and isinstance(offset, int)
        and not isinstance(block, bool)
        and not isinstance(offset, bool)
        and block >= 0
        and offset >= 0
    )
    return Position(block, offset) if valid else None


class PositionStore:
    """Reading positions by briefing file, kept in one JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else state_dir() / FILE_NAME
        self.warnings: list[str] = []
        """Problems met (a corrupt file set aside, a failed write), for the reader to show."""
        self._lock = threading.Lock()  # one write at a time (the app saves from a thread too)

    @staticmethod
    def key(briefing_path: str) -> str:
        """The name a briefing is remembered by: its absolute path."""
        return os.path.abspath(briefing_path)

    def _read(self) -> dict[str, dict[str, object]]:
        """Every entry; a file that is not positions is set aside (with a warning)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as error:
            if isinstance(error, UnicodeDecodeError):
                return self._set_aside("it is not UTF-8 text")
            self.warnings.append(f"Could not read {self.path}: {error.strerror or error}")
            return {}
        import json  # here: a first run, with no file, never needs it

        try:
            data = json.loads(text)
        except ValueError:
            return self._set_aside("it is not valid JSON")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return self._set_aside(f"it does not say format {FORMAT!r}")
        positions = data.get("positions")
        if not isinstance(positions, dict):
            return self._set_aside("it holds no positions")
        return {key: value for key, value in positions.items() if _entry_position(value)}

    def _set_aside(self, why: str) -> dict[str, dict[str, object]]:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, aside)
        except OSError as error:
            self.warnings.append(
                f"Saved reading positions ignored ({why}); could not set {self.path} aside:"
                f" {error.strerror or error}"
            )
        else:
            self.warnings.append(
                f"Saved reading positions could not be read ({why}): the file was set aside"
                f" as {aside.name}, and reading starts afresh."
            )
        return {}

    def get(self, briefing_path: str) -> Position | None:
        """Where ``briefing_path`` was left, if it was."""
        return _entry_position(self._read().get(self.key(briefing_path)))

    def put(self, briefing_path: str, position: Position) -> bool:
        """Remember ``position`` for ``briefing_path``; False (and a warning) if not saved.

        The file is read again first, so that two readers open at once keep
        each other's entries.
        """
        with self._lock:
            return self._put(briefing_path, position)

    def _put(self, briefing_path: str, position: Position) -> bool:
        entries = self._read()
        key = self.key(briefing_path)
        entries.pop(key, None)
        entries[key] = {"block": position.block, "offset": position.offset, "at": int(time.time())}
        if len(entries) > MAX_ENTRIES:
            newest = sorted(entries.items(), key=lambda item: _when(item[1]))[-MAX_ENTRIES:]
            entries = dict(newest)
        import json

        try:
            write_atomically(self.path, json.dumps({"format": FORMAT, "positions": entries}))
        except OSError as error:
            self.warnings.append(
                f"Could not save the reading position to {self.path}: {error.strerror or error}"
            )
            return False
        return True


def _when(entry: dict[str, object]) -> float:
    at = entry.get("at")
    return at if isinstance(at, (int, float)) and not isinstance(at, bool) else 0
