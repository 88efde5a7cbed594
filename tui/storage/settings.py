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

from collections.abc import Mapping
from pathlib import Path

from tui.storage.jsonstate import Entries, JsonStateFile, JsonStore
from tui.storage.paths import state_dir

FILE_NAME = "settings.json"
FORMAT = "briefing-tui settings/1"
THEME = "theme"
THEME_OVER = "theme_over"
"""The theme ``config.toml`` gave when the reader's theme was chosen ("" for none).

``config.toml``'s theme is the default; a theme chosen in the reader wins
over it, until the file's theme changes (see :func:`theme_at_start`).
"""

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
        return self.put_all({name: value})

    def put_all(self, values: Mapping[str, Value]) -> bool:
        """Remember these values together, in one write (other settings kept)."""

        def change(entries: Entries) -> Entries:
            entries.update(values)
            return entries

        return self.file.update(change)


def theme_at_start(
    config_theme: str | None, saved: Value | None, saved_over: Value | None
) -> str | None:
    """The theme to start in: the later choice of the config file's and the reader's.

    ``saved`` is the theme last chosen in the reader, ``saved_over`` the theme
    the config file gave then: while the file still gives the same, the reader's
    choice wins; once the file's theme changes, the file's.
    """
    if isinstance(saved, str) and (saved_over or "") == (config_theme or ""):
        return saved
    return config_theme
