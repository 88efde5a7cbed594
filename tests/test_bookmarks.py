"""Bookmarks: kept between runs like positions, tied to their passage's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.bookmarks import TEXT_LIMIT, BookmarkFinder, body_bookmark, item_bookmark
from tui.document import BodyDocument
from tui.format.loader import load_text
from tui.model import Briefing
from tui.storage.bookmarks import BookmarkStore
from tui.ui.bookmark_keeper import BookmarkKeeper

BRIEFING = """\
format: briefing/1
title: Bookmarks
sections:
  - id: first
    heading: First
    body:
      - One paragraph about the harbour.
      - Repeated words.
  - id: second
    heading: Second
    body:
      - Repeated words.
      - Another paragraph, about the railway.
talking_points:
  - The harbour matters.
  - The railway matters.
quotes:
  - text: One paragraph
    speaker: Somebody
"""


def version(text: str = BRIEFING) -> tuple[Briefing, BodyDocument]:
    briefing = load_text(text, "b.yaml").briefing
    return briefing, BodyDocument(briefing)


def block_with(document: BodyDocument, text: str, after: int = 0) -> int:
    return next(b for b in range(after, len(document)) if document.texts[b] == text)


@pytest.fixture
def store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "bookmarks.json")


def test_a_bookmark_is_kept_and_removed(store: BookmarkStore) -> None:
    briefing, document = version()
    mark = body_bookmark(briefing, document, block_with(document, "Repeated words."), at=1)
    assert store.add("b.yaml", mark)
    assert BookmarkStore(store.path).get("b.yaml") == [mark]
    assert store.add("b.yaml", mark)  # the same passage again: still one
    assert BookmarkStore(store.path).get("b.yaml") == [mark]
    assert store.remove("b.yaml", mark)
    assert store.get("b.yaml") == []
    assert "b.yaml" not in store.path.read_text(encoding="utf-8")


def test_two_readers_keep_each_others_bookmarks(store: BookmarkStore) -> None:
    briefing, document = version()
    other = BookmarkStore(store.path)
    first = item_bookmark("points", briefing.talking_points[0].text, at=1)
    second = body_bookmark(briefing, document, 1, at=2)
    store.add("b.yaml", first)
    other.add("b.yaml", second)  # made without reading the first store's change first
    assert store.get("b.yaml") == [first, second]


def test_two_readers_marking_one_passage_keep_it_and_say_what_they_did(
    store: BookmarkStore,
) -> None:
    """B's m, on the passage A had just marked, removed A's bookmark from the file while B
    said "Bookmarked"; A's m then "removed" it and put it back. Each reader adds or removes
    by what it shows."""
    briefing, document = version()
    a = BookmarkKeeper(store, briefing, document)
    b = BookmarkKeeper(BookmarkStore(store.path), briefing, document)
    mark = body_bookmark(briefing, document, block_with(document, "Repeated words."), at=1)
    assert a.toggle(mark) is True
    assert b.toggle(mark) is True  # B did not show it: B adds, and the file keeps one
    assert BookmarkStore(store.path).get("b.yaml") == [mark]
    assert a.toggle(mark) is False  # A shows it: A removes it
    assert BookmarkStore(store.path).get("b.yaml") == []


def test_a_bookmark_that_cannot_be_saved_is_kept_for_the_session(tmp_path: Path) -> None:
    """ "Bookmarked" was said, the save failed, and the list was empty."""
    (tmp_path / "bookmarks.json").mkdir()  # not a file: never replaced, nothing saved
    store = BookmarkStore(tmp_path / "bookmarks.json")
    briefing, document = version()
    keeper = BookmarkKeeper(store, briefing, document)
    mark = item_bookmark("points", "The harbour matters.", at=1)
    assert keeper.toggle(mark) is True
    assert keeper.marks == [mark]
    assert any("bookmarks" in warning.lower() for warning in keeper.take_warnings())


def test_a_bookmark_survives_an_edit_elsewhere_and_is_gone_with_its_passage() -> None:
    briefing, document = version()
    railway = block_with(document, "Another paragraph, about the railway.")
    mark = body_bookmark(briefing, document, railway, at=1)
    edited = BRIEFING.replace("      - One paragraph about the harbour.\n", "")
    edited = edited.replace("heading: First", "heading: The first part, renamed")
    briefing2, document2 = version(edited)
    found = BookmarkFinder(briefing2, document2).find(mark)
    assert found is not None and document2.texts[found] == "Another paragraph, about the railway."
    assert found != railway  # it moved up a block: found by its text, not its place
    gone = version(BRIEFING.replace("about the railway", "about the canal"))
    assert BookmarkFinder(*gone).find(mark) is None


def test_a_bookmark_survives_an_edit_inside_its_passage_but_not_at_both_ends() -> None:
    """A typo fixed in a bookmarked paragraph lost its bookmark ("gone: no longer in the
    file"): whoever writes briefings by hand fixes typos all the time."""
    long = "Blinken sought to reassert American influence in Bogota by stressing the ties"
    text = BRIEFING.replace("One paragraph about the harbour.", long)
    text = text.replace("The railway matters.", f"{long}, a point")
    briefing, document = version(text)
    mark = body_bookmark(briefing, document, block_with(document, long), at=1)
    point = item_bookmark("points", f"{long}, a point", at=1)
    edited = text.replace("American influence", "US influence")  # inside both
    briefing2, document2 = version(edited)
    finder = BookmarkFinder(briefing2, document2)
    found = finder.find(mark)
    assert found is not None and document2.texts[found] == long.replace("American", "US")
    assert finder.find(point) == 1
    both_ends = text.replace("Blinken sought", "He sought").replace("the ties", "ties")
    assert BookmarkFinder(*version(both_ends)).find(mark) is None  # another passage now


def test_repeated_text_finds_the_passage_in_its_own_section() -> None:
    briefing, document = version()
    second = block_with(document, "Repeated words.", block_with(document, "Repeated words.") + 1)
    mark = body_bookmark(briefing, document, second, at=1)
    assert mark.section == "second"
    assert BookmarkFinder(briefing, document).find(mark) == second


def test_points_and_quotes_are_found_by_their_text() -> None:
    briefing, document = version()
    finder = BookmarkFinder(briefing, document)
    point = item_bookmark("points", "The railway matters.", at=1)
    quote = item_bookmark("quotes", "One paragraph", at=1)
    assert finder.find(point) == 1 and finder.find(quote) == 0
    assert finder.marked_items([point, quote], "points") == {1}


def test_a_long_passage_keeps_only_its_start(store: BookmarkStore) -> None:
    mark = item_bookmark("quotes", "word " * 1000, at=1)
    assert len(mark.text) == TEXT_LIMIT
    store.add("b.yaml", mark)
    assert store.path.stat().st_size < 2 * TEXT_LIMIT + 200


@pytest.mark.parametrize("content", ["{not json", '{"format": "something else"}', "[]"])
def test_a_corrupt_file_is_set_aside_with_a_warning(
    store: BookmarkStore, tmp_path: Path, content: str
) -> None:
    store.path.write_text(content, encoding="utf-8")
    assert store.get("b.yaml") == []
    assert any("bookmarks" in warning.lower() for warning in store.take_warnings())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("bookmarks.json.")]
    mark = item_bookmark("points", "The harbour matters.", at=1)
    assert store.add("b.yaml", mark)
    assert store.get("b.yaml") == [mark]


def test_entries_of_the_wrong_shape_are_skipped(store: BookmarkStore) -> None:
    key = store.key("b.yaml")
    good = {"pane": "points", "text": "The harbour matters.", "section": None, "at": 5}
    bad = [{"pane": "elsewhere", "text": "x"}, {"pane": "body", "text": 3}, "text", None]
    store.path.write_text(
        json.dumps({"format": "briefing-tui bookmarks/1", "bookmarks": {key: [*bad, good]}}),
        encoding="utf-8",
    )
    assert [mark.text for mark in store.get("b.yaml")] == ["The harbour matters."]
