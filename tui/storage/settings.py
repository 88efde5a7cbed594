"""Choices made in the app and kept between runs (so far: the theme).

They live in their own small file, ``settings.json``, beside ``positions.json``
in the state folder (see :mod:`tui.storage.positions`), rather than in a
section of it: each file stays small, and a problem with one (set aside when
corrupt, left alone when unreadable) never costs the other. Both are read and
saved by the same code (:mod:`tui.storage.jsonstate`): atomic writes, a
read-merge-write under a lock, a corrupt file set aside with a warning. Only
plain values (text, numbers, true/false) are kept.
"""

from __future__ import annotations

from pathlib import Path

from tui.storage.jsonstate import Entries, JsonStateFile, JsonStore
from tui.storage.paths import state_dir

FILE_NAME = "settings.json"
FORMAT = "briefing-tui settings/1"
THEME = "theme"

Value = str | int | float | bool


def _plain(value: object) -> Value | None:
    return value if isinstance(value, (str, int, float, bool)) else None


class SettingsStore(JsonStore):
    """Named settings, kept in one JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            JsonStateFile(
                path if path is not None else state_dir() / FILE_NAME,
                FORMAT,
                "settings",
                "Saved settings",
                _plain,
            )
        )

    def get(self, name: str) -> Value | None:
        """The saved value of ``name``, if there is one."""
        return _plain(self.file.read().get(name))

    def put(self, name: str, value: Value) -> bool:
        """Remember ``value`` for ``name`` (other settings kept); False (and a warning) if not."""

        def change(entries: Entries) -> Entries:
            entries[name] = value
            return entries

        return self.file.update(change)
