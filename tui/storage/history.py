"""The searches made, kept between runs for Up and Down in the search line.

One small JSON file, ``history.json``, beside ``positions.json`` in the state
folder, read and saved as every state file is (see :mod:`tui.storage.jsonstate`):
atomic writes, a read-merge-write under a lock so that two readers keep each
other's searches, a corrupt file set aside with a warning. Each search is kept
once, with the time it was last made; the :data:`MAX_ENTRIES` most recent are
kept, none longer than :data:`MAX_LENGTH` characters.
"""

from __future__ import annotations

import time
from pathlib import Path

from tui.storage.jsonstate import Entries, JsonStateFile, JsonStore
from tui.storage.paths import state_dir

FILE_NAME = "history.json"
LIBRARY_FILE_NAME = "library-history.json"
"""The library search's queries (words and filters: another kind of search)."""
FORMAT = "briefing-tui history/1"
MAX_ENTRIES = 100
"""Searches remembered; the ones made longest ago are forgotten first."""
MAX_LENGTH = 1000
"""The longest search kept (the search line holds no more)."""


def _when(entry: object) -> float | None:
    """The time a search was last made, if the entry is one."""
    if isinstance(entry, (int, float)) and not isinstance(entry, bool) and entry >= 0:
        return float(entry)
    return None


def _keepable(query: str) -> bool:
    return bool(query.strip()) and len(query) <= MAX_LENGTH


class SearchHistory(JsonStore):
    """Searches made, oldest first, kept in one JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            JsonStateFile(
                path if path is not None else state_dir() / FILE_NAME,
                FORMAT,
                "searches",
                "Saved search history",
                _when,
            )
        )

    def queries(self) -> list[str]:
        """The searches kept, oldest first."""
        entries = self.file.read()
        kept = [(_when(at) or 0.0, query) for query, at in entries.items() if _keepable(query)]
        kept.sort(key=lambda item: item[0])  # (stable: equal times keep the file's order)
        return [query for _, query in kept[-MAX_ENTRIES:]]

    def add(self, query: str, at: float | None = None) -> bool:
        """Remember ``query`` as made at ``at`` (now); False (and a warning) if not saved.

        The searches of other readers are kept as the file holds them now.
        """
        if not _keepable(query):
            return True  # nothing to keep
        when = time.time() if at is None else at

        def change(entries: Entries) -> Entries:
            entries.pop(query, None)
            entries[query] = when
            if len(entries) > MAX_ENTRIES:
                newest = sorted(entries.items(), key=lambda item: _when(item[1]) or 0)
                entries = dict(newest[-MAX_ENTRIES:])
            return entries

        return self.file.update(change)
