"""The library table's rows without a screen: read state, filter words, columns, order."""

from __future__ import annotations

import pytest

from tui.library.entry import Entry
from tui.library.rows import (
    WordStarts,
    filter_words,
    fitting_columns,
    matching,
    read_fraction,
    read_label,
    row_of,
    sorted_indexes,
    tag_counts,
    with_words,
)
from tui.storage.positions import Position


@pytest.mark.parametrize(
    ("position", "blocks", "label"),
    [
        (None, 10, "unread"),
        (Position(0, 0), 10, "unread"),  # opened, never moved: what the reader does not save
        (Position(0, 5), 10, "10% read"),
        (Position(4, 0), 10, "50% read"),
        (Position(8, 0), 10, "90% read"),
        (Position(9, 0), 10, "finished"),
        (Position(30, 0), 10, "finished"),  # the file got shorter
    ],
)
def test_how_far_a_briefing_was_read(position: Position | None, blocks: int, label: str) -> None:
    assert read_label(read_fraction(position, blocks)) == label


def test_a_filter_word_matches_the_start_of_a_word() -> None:
    rows = [
        row_of(Entry("a", "Trade talks in Caracas", tags=("climate", "Peru")), None),
        row_of(Entry("b", "Talks in Lima (Peru)", location="Lima, Peru"), None),
    ]
    assert matching(rows, "lima", None) == [1]  # not "climate"
    assert matching(rows, "CLIM", None) == [0]
    assert matching(rows, "peru talks", None) == [0, 1]
    assert matching(rows, "(lima,", None) == [1]
    assert matching(rows, "  ", None) is None
    assert matching(rows, "", "peru") == [0]  # the tag, not the words
    assert matching(rows, "", "PERU") == [0]


def test_a_first_letter_looked_up_finds_the_rows_reading_them_finds() -> None:
    titles = ["Trade talks", "Élan vital", "tariffs", "Lima, Peru", "ßtraße", "東京 talks", ""]
    rows = [row_of(Entry(str(n), titles[n % len(titles)]), None) for n in range(1_400)]
    words = [row.words for row in rows]
    starts = WordStarts(words)
    among = list(range(len(rows) - 1, -1, -1))  # (a sorted order: the result keeps it)
    for typed in ["t", "T", "é", "e", "l", "x", "東", "ß", "s", "t p", "ta"]:
        wanted = filter_words(typed)
        read = with_words(among, words, wanted)
        assert with_words(among, words, wanted, starts) == read, typed
    assert len(with_words(among, words, filter_words("e"), starts)) == 200  # "Élan", folded
    assert with_words(among[:5], words, filter_words("t"), starts) == [1398, 1395]


def test_columns_are_left_out_from_the_least_needed() -> None:
    def keys(width: int) -> list[str]:
        return [column.key for column in fitting_columns(width)]

    assert keys(120) == [
        "title", "published", "location", "source", "tags", "points", "quotes", "read"
    ]  # fmt: skip
    assert keys(78) == ["title", "published", "tags", "read"]
    assert keys(40) == ["title", "published"]


def test_sorting_puts_blanks_last_both_ways_and_keeps_ties_in_order() -> None:
    rows = [
        row_of(Entry("a", "A", published="2021-01-01", points=2), None),
        row_of(Entry("b", "B", points=2), None),
        row_of(Entry("c", "C", published="2023-01-01", points=5), None),
        row_of(Entry("d", "d.yaml", problem="1:1: empty file"), None),
    ]
    assert sorted_indexes(rows, "published", True) == [2, 0, 1, 3]
    assert sorted_indexes(rows, "published", False) == [0, 2, 1, 3]
    assert sorted_indexes(rows, "points", True) == [2, 0, 1, 3]
    assert sorted_indexes(rows, "title", False) == [0, 1, 2, 3]


def test_tags_are_counted_once_a_briefing_whatever_their_case() -> None:
    entries = [
        Entry("a", "A", tags=("Peru", "trade")),
        Entry("b", "B", tags=("peru", "Peru")),
        Entry("c", "C", tags=("climate",)),
    ]
    assert tag_counts(entries) == [("Peru", 2), ("climate", 1), ("trade", 1)]


def test_a_sort_the_other_way_from_a_sorted_order_is_a_fresh_sort() -> None:
    """Sorting the rows as sorted the other way (quicker) keeps ties in the rows' order."""
    from test_library_scale import generated_rows

    from tui.library.rows import COLUMNS, sort_values, sorted_by

    rows = generated_rows(3_000)  # many ties: 9 point counts, 13 sources, 4 places
    rows[7] = row_of(Entry("x", "x.yaml", problem="1:1: empty file"), None)  # blank everywhere
    for column in COLUMNS:
        values = sort_values(rows, column.key)
        for descending in (False, True):
            fresh = sorted_by(values, descending)
            assert sorted_by(values, descending, sorted_by(values, not descending)) == fresh
            assert fresh[-1] == 7 or column.key == "title"


def test_the_filter_minds_no_accents_as_the_search_does() -> None:
    """``bogotá`` found nothing in a table of "Bogota" (and the other way round)."""
    rows = [
        row_of(Entry("a", "Talks in Bogota"), None),
        row_of(Entry("b", "Visit to Bogotá"), None),
        row_of(Entry("c", "Lima"), None),
    ]
    assert matching(rows, "bogotá", None) == matching(rows, "BOGOTA", None) == [0, 1]


def test_a_file_that_does_not_load_is_named_by_its_path_in_the_library() -> None:
    """Two ``list.yaml`` in two folders, both broken, showed as the same row."""
    first = Entry("/lib/adv/list.yaml", "list.yaml", problem="1:1: not a mapping")
    second = Entry("/lib/bad/list.yaml", "list.yaml", problem="1:1: not a mapping")
    shown = [row_of(entry, None, "/lib").cells["title"] for entry in (first, second)]
    assert shown == ["✗ adv/list.yaml — 1:1: not a mapping", "✗ bad/list.yaml — 1:1: not a mapping"]
    assert row_of(first, None).cells["title"] == "✗ list.yaml — 1:1: not a mapping"
    outside = row_of(first, None, "/elsewhere", located=True).cells["title"]
    assert outside == "✗ /lib/adv/list.yaml:1:1: not a mapping"  # (a pipe, from elsewhere)
