"""Bookmarks by briefing file, kept between runs.

Their own small file, ``bookmarks.json``, beside ``positions.json`` in the
state folder, read and saved as every state file is (see
:mod:`tui.storage.jsonstate`): atomic writes, a read-merge-write under a lock —
each change is applied to what the file holds at that moment, so two readers
adding bookmarks at once keep both —, a corrupt file set aside with a warning,
and a file that cannot be read never replaced. Unlike positions, bookmarks are
never forgotten to make room, short of :data:`MAX_PER_BRIEFING`.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.bookmarks import BOOKMARK_PANES, TEXT_LIMIT, Bookmark
from tui.storage.jsonstate import Entries, JsonStateFile, JsonStore
from tui.storage.paths import state_dir

FILE_NAME = "bookmarks.json"
FORMAT = "briefing-tui bookmarks/1"
MAX_PER_BRIEFING = 1000
"""Bookmarks kept for one briefing; past it the oldest go."""


def _bookmark(entry: object) -> Bookmark | None:
    if not isinstance(entry, dict):
        return None
    pane, text, section, at = (entry.get(key) for key in ("pane", "text", "section", "at"))
    if pane not in BOOKMARK_PANES or not isinstance(text, str) or not text:
        return None
    if section is not None and not isinstance(section, str):
        return None
    if not isinstance(at, (int, float)) or isinstance(at, bool):
        at = 0.0
    return Bookmark(pane, text[:TEXT_LIMIT], section, float(at))


def _entry(bookmark: Bookmark) -> dict[str, object]:
    return {
        "pane": bookmark.pane,
        "text": bookmark.text,
        "section": bookmark.section,
        "at": bookmark.at,
    }


def _clean(entry: object) -> list[dict[str, object]] | None:
    """A briefing's bookmarks as they will be kept (bad ones dropped), or None for none."""
    if not isinstance(entry, list):
        return None
    kept = [_entry(mark) for mark in map(_bookmark, entry) if mark is not None]
    return kept[-MAX_PER_BRIEFING:] or None


class BookmarkStore(JsonStore):
    """Bookmarks by briefing file, kept in one JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            JsonStateFile(
                path if path is not None else state_dir() / FILE_NAME,
                FORMAT,
                "bookmarks",
                "Saved bookmarks",
                _clean,
            )
        )

    @staticmethod
    def key(briefing_path: str) -> str:
        """The name a briefing's bookmarks are kept under: its absolute path."""
        return os.path.abspath(briefing_path)

    def get(self, briefing_path: str) -> list[Bookmark]:
        """The bookmarks of ``briefing_path``, oldest first."""
        entry = self.file.read().get(self.key(briefing_path))
        marks = entry if isinstance(entry, list) else []
        return [mark for mark in map(_bookmark, marks) if mark is not None]

    def add(self, briefing_path: str, bookmark: Bookmark) -> bool:
        """Mark ``bookmark``'s passage (kept as it is if another reader marked it since);
        False (and a warning) if not saved.

        There is no toggle: whether a reader's ``m`` adds or removes is decided by what
        that reader shows (a toggle of the file removed a second reader's bookmark)."""
        return self._change(briefing_path, bookmark, add=True)

    def remove(self, briefing_path: str, bookmark: Bookmark) -> bool:
        """Remove the bookmark on ``bookmark``'s passage; False (and a warning) if not saved."""
        return self._change(briefing_path, bookmark, add=False)

    def _change(self, briefing_path: str, bookmark: Bookmark, *, add: bool) -> bool:
        key = self.key(briefing_path)

        def change(entries: Entries) -> Entries:
            old = entries.get(key)
            marks = [m for m in map(_bookmark, old if isinstance(old, list) else []) if m]
            if not add:
                kept = [mark for mark in marks if not mark.same_passage(bookmark)]
            elif any(mark.same_passage(bookmark) for mark in marks):
                kept = marks  # (marked meanwhile by another reader: kept as it is)
            else:
                kept = [*marks, bookmark]
            if kept:
                entries[key] = [_entry(mark) for mark in kept[-MAX_PER_BRIEFING:]]
            else:
                entries.pop(key, None)
            return entries

        return self.file.update(change)
