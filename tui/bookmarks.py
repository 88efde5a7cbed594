"""Bookmarks: passages a reader marked, tied to their text so that edits elsewhere keep them.

A bookmark remembers which pane it is in and the start of the passage's text
(:data:`TEXT_LIMIT` characters, spaces folded), not a line or block number:
after an edit to another part of the file it still finds its passage, and when
its own passage is edited away it is shown as gone rather than moved to
whatever now stands at its old place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from tui.document import HEADING, BodyDocument
from tui.model import Briefing
from tui.text import normalize_space

BookmarkPane = Literal["body", "points", "quotes"]
BOOKMARK_PANES: tuple[BookmarkPane, ...] = ("body", "points", "quotes")

TEXT_LIMIT = 200
"""Characters of a passage a bookmark keeps: enough to tell passages apart, small to save."""


@dataclass(frozen=True)
class Bookmark:
    """A marked passage: a block of the article, a talking point or a quote."""

    pane: BookmarkPane
    text: str
    """The start of the passage's text as shown (spaces folded), at most :data:`TEXT_LIMIT`."""
    section: str | None = None
    """The id of the section the passage was in (for the body): preferred when text repeats."""
    at: float = 0.0
    """When it was made (seconds since the epoch), for the list's order."""

    def same_passage(self, other: Bookmark) -> bool:
        """True when ``other`` marks the same passage (whenever it was made)."""
        return (self.pane, self.text, self.section) == (other.pane, other.text, other.section)


def passage_key(text: str) -> str:
    """What a bookmark keeps of a passage's ``text``."""
    return normalize_space(text)[:TEXT_LIMIT]


def body_bookmark(briefing: Briefing, document: BodyDocument, block: int, at: float) -> Bookmark:
    """A bookmark on ``block`` of the article."""
    section = briefing.sections[document.section_of[block]].id
    return Bookmark("body", passage_key(document.texts[block]), section, at)


def item_bookmark(pane: BookmarkPane, text: str, at: float) -> Bookmark:
    """A bookmark on a talking point or quote whose text is ``text``."""
    return Bookmark(pane, passage_key(text), None, at)


class BookmarkFinder:
    """Finds where each bookmark's passage is in one version of a briefing, in O(1) each."""

    def __init__(self, briefing: Briefing, document: BodyDocument) -> None:
        self._blocks: dict[str, list[int]] = {}
        for block, kind in enumerate(document.kinds):
            if kind != HEADING:
                self._blocks.setdefault(passage_key(document.texts[block]), []).append(block)
        self._section_ids = [section.id for section in briefing.sections]
        self._section_of = document.section_of
        self._items: dict[BookmarkPane, dict[str, int]] = {
            "points": _first_of(point.text for point in briefing.talking_points),
            "quotes": _first_of(quote.text for quote in briefing.quotes),
        }

    def find(self, bookmark: Bookmark) -> int | None:
        """The block (body) or item index (points, quotes) ``bookmark`` marks, or None if gone."""
        if bookmark.pane != "body":
            return self._items[bookmark.pane].get(bookmark.text)
        blocks = self._blocks.get(bookmark.text)
        if not blocks:
            return None
        for block in blocks:  # the same text in its own section first
            if self._section_ids[self._section_of[block]] == bookmark.section:
                return block
        return blocks[0]

    def marked_blocks(self, bookmarks: Sequence[Bookmark]) -> set[int]:
        """The blocks of the article that hold a bookmark."""
        found = (self.find(mark) for mark in bookmarks if mark.pane == "body")
        return {block for block in found if block is not None}

    def marked_items(self, bookmarks: Sequence[Bookmark], pane: BookmarkPane) -> set[int]:
        """The talking points or quotes (by index) that hold a bookmark."""
        found = (self.find(mark) for mark in bookmarks if mark.pane == pane)
        return {index for index in found if index is not None}


def _first_of(texts: Iterable[str]) -> dict[str, int]:
    """Each text's key and the index of the first item with it."""
    found: dict[str, int] = {}
    for index, text in enumerate(texts):
        found.setdefault(passage_key(text), index)
    return found
