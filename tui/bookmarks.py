"""Bookmarks: passages a reader marked, tied to their text so that edits elsewhere keep them.

A bookmark remembers which pane it is in and the start of the passage's text
(:data:`TEXT_LIMIT` characters, spaces folded), not a line or block number:
after an edit to another part of the file it still finds its passage, and so it
does after an edit inside the passage that leaves either end of its text as it
was (:data:`EDGE`); when its own passage is edited away it is shown as gone
rather than moved to whatever now stands at its old place.
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
EDGE = 40
"""Characters at each end of a bookmark's text that, if another passage's text starts (or
ends) with them alone, still find it there: an edit inside a passage (a typo fixed, a word
changed) keeps its bookmark; an edit to both of its ends, or its removal, does not."""


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
        self._edges: dict[BookmarkPane, tuple[dict[str, list[int]], dict[str, list[int]]]] = {}
        """Each pane's passages by the start and by the end of their text (made when first
        asked for: a bookmark not found as it is)."""

    def find(self, bookmark: Bookmark) -> int | None:
        """The block (body) or item index (points, quotes) ``bookmark`` marks, or None if gone."""
        if bookmark.pane != "body":
            found = self._items[bookmark.pane].get(bookmark.text)
            return found if found is not None else self._by_edges(bookmark)
        blocks = self._blocks.get(bookmark.text)
        if not blocks:
            return self._by_edges(bookmark)
        return self._in_its_section(blocks, bookmark)

    def _in_its_section(self, blocks: list[int], bookmark: Bookmark) -> int:
        for block in blocks:  # the same text in its own section first
            if self._section_ids[self._section_of[block]] == bookmark.section:
                return block
        return blocks[0]

    def _by_edges(self, bookmark: Bookmark) -> int | None:
        """The passage whose text starts or ends as ``bookmark``'s does (edited inside)."""
        if len(bookmark.text) < EDGE:
            return None
        starts, ends = self._edges_of(bookmark.pane)
        found = starts.get(bookmark.text[:EDGE]) or ends.get(bookmark.text[-EDGE:])
        if not found:
            return None
        return self._in_its_section(found, bookmark) if bookmark.pane == "body" else found[0]

    def _edges_of(self, pane: BookmarkPane) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        edges = self._edges.get(pane)
        if edges is None:
            items = self._items.get(pane, {})
            keys = self._blocks if pane == "body" else {key: [at] for key, at in items.items()}
            starts: dict[str, list[int]] = {}
            ends: dict[str, list[int]] = {}
            for key, places in keys.items():
                if len(key) >= EDGE:
                    starts.setdefault(key[:EDGE], []).extend(places)
                    ends.setdefault(key[-EDGE:], []).extend(places)
            edges = self._edges[pane] = (starts, ends)
        return edges

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
