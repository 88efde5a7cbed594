"""Keeping one briefing's bookmarks: toggling, saving at once, and the marks on screen."""

from __future__ import annotations

import time
from dataclasses import dataclass

from tui.bookmarks import Bookmark, BookmarkFinder
from tui.document import BodyDocument
from tui.model import Briefing
from tui.storage.bookmarks import BookmarkStore


@dataclass(frozen=True)
class Marked:
    """Where the bookmarks are in this version of the briefing, pane by pane."""

    blocks: frozenset[int]
    sections: frozenset[int]
    points: frozenset[int]
    quotes: frozenset[int]


class BookmarkKeeper:
    """A briefing's bookmarks, saved in a store as soon as they change (None: kept in memory).

    Each change is a read-merge-write of the store's file, and the list is read
    back after it: bookmarks another reader added meanwhile show up too.
    """

    def __init__(self, store: BookmarkStore | None, briefing: Briefing, document: BodyDocument):
        self.store = store
        self.briefing_path = briefing.path
        self.marks: list[Bookmark] = store.get(briefing.path) if store is not None else []
        self._version = (briefing, document)
        self._finder: BookmarkFinder | None = None

    def new_version(self, briefing: Briefing, document: BodyDocument) -> None:
        """The file changed: find the bookmarks' passages in the new version."""
        self._version = (briefing, document)
        self._finder = None

    @property
    def finder(self) -> BookmarkFinder:
        """Finds the passages in this version; built when first needed, as it reads every
        block's text (a briefing with no bookmarks never pays for it, at start-up or reload)."""
        if self._finder is None:
            self._finder = BookmarkFinder(*self._version)
        return self._finder

    def toggle(self, bookmark: Bookmark) -> bool:
        """Add ``bookmark``, or remove the one on its passage; True if it was added.

        Which of the two is decided by what this reader shows, not by the file: with a
        second reader marking the same passage meanwhile, a toggle of the file removed the
        other's bookmark while saying "Bookmarked". A change that cannot be saved (a warning
        says why) is kept for this session."""
        added = not any(mark.same_passage(bookmark) for mark in self.marks)
        saved = False
        if self.store is not None:
            path = self.briefing_path
            change = self.store.add if added else self.store.remove
            saved = change(path, bookmark)
        if saved and self.store is not None:
            self.marks = self.store.get(self.briefing_path)  # (with the others' meanwhile)
        else:
            kept = [mark for mark in self.marks if not mark.same_passage(bookmark)]
            self.marks = [*kept, bookmark] if added else kept
        return added

    def remove(self, bookmark: Bookmark) -> None:
        """Remove the bookmark on ``bookmark``'s passage (a gone one, say)."""
        if any(mark.same_passage(bookmark) for mark in self.marks):
            self.toggle(bookmark)  # (shown: removed)

    def take_warnings(self) -> list[str]:
        """The store's problems since last asked (a corrupt file set aside, a failed save)."""
        return self.store.take_warnings() if self.store is not None else []

    def marked(self) -> Marked:
        """The blocks, sections, points and quotes that hold a bookmark now."""
        if not self.marks:
            return Marked(frozenset(), frozenset(), frozenset(), frozenset())
        blocks = frozenset(self.finder.marked_blocks(self.marks))
        return Marked(
            blocks,
            frozenset(self._version[1].section_of[block] for block in blocks),
            frozenset(self.finder.marked_items(self.marks, "points")),
            frozenset(self.finder.marked_items(self.marks, "quotes")),
        )

    @staticmethod
    def now() -> float:
        """The time a new bookmark is stamped with."""
        return time.time()
