"""The library table's rows as text, how far each briefing was read, and their order.

Nothing here imports Textual: the table widget draws what these functions give.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains, is_, is_not, itemgetter
from typing import Any

from rich.cells import cell_len, set_cell_size

from tui.library.entry import Entry
from tui.library.query import fold  # accents aside, as the search compares
from tui.storage.positions import Position
from tui.text import sanitize_line

_NOT_WORD = re.compile(r"\W+")

UNREAD = "unread"
FINISHED = "finished"


def read_fraction(position: Position | None, blocks: int) -> float | None:
    """How far a briefing was read (0 to 1) from its saved position; None if never."""
    if position is None or blocks <= 0 or position == Position(0, 0):
        return None
    return min(1.0, (position.block + 1) / blocks)


def read_label(fraction: float | None) -> str:
    """``unread``, ``NN% read`` or ``finished``."""
    if fraction is None:
        return UNREAD
    if fraction >= 1.0:
        return FINISHED
    return f"{min(99, max(1, round(fraction * 100)))}% read"


@dataclass(frozen=True)
class Column:
    """A column of the table: its heading, width (0: the rest) and how soon it is left out."""

    key: str
    heading: str
    width: int
    drop: int
    """Columns with a higher number are left out first on narrow terminals (0: never)."""
    right: bool = False


COLUMNS = (
    Column("title", "Title", 0, 0),
    Column("published", "Published", 10, 1),
    Column("location", "Location", 16, 4),
    Column("source", "Source", 14, 5),
    Column("tags", "Tags", 18, 3),
    Column("points", "Pts", 4, 6, right=True),
    Column("quotes", "Qts", 4, 6, right=True),
    Column("read", "Read", 8, 2),
)
MIN_TITLE = 28


def fitting_columns(width: int, gap: int = 1) -> list[Column]:
    """The columns that fit ``width`` with a title column of at least a quarter of it."""
    shown = list(COLUMNS)
    least = max(MIN_TITLE, width // 4)
    while True:
        fixed = sum(column.width + gap for column in shown if column.width)
        if width - fixed >= least or len(shown) == 1:
            return shown
        worst = max(shown, key=lambda column: column.drop)
        if worst.drop == 0:
            return shown
        shown = [column for column in shown if column.drop != worst.drop]


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` terminal cells: cut with "…", or padded."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return text.rjust(width) if right else set_cell_size(text, width)


def column_widths(columns: Sequence[Column], width: int, gap: int = 1) -> list[int]:
    """Each column's width in ``width`` cells (the title takes what the others leave)."""
    fixed = sum(column.width + gap for column in columns if column.width)
    return [column.width or max(1, width - fixed) for column in columns]


def table_lines(rows: Sequence[Row], width: int, gap: int = 1) -> list[str]:
    """The table as plain text ``width`` columns wide: a heading, then a line a row."""
    columns = fitting_columns(width, gap)
    widths = column_widths(columns, width, gap)
    space = " " * gap

    def line(cells: Sequence[str]) -> str:
        return space.join(
            fit(cell, size, column.right)
            for cell, size, column in zip(cells, widths, columns, strict=True)
        ).rstrip()

    lines = [line([column.heading for column in columns])]
    for row in rows:
        if row.entry.failed:
            lines.append(fit(row.cells["title"], width).rstrip())
        else:
            lines.append(line([row.cells.get(column.key, "") for column in columns]))
    return lines


@dataclass(frozen=True)
class Row:
    """What one row shows, cell by column key, and what it is sorted and filtered by."""

    entry: Entry
    cells: Mapping[str, str]
    read: float | None
    words: str
    """Title, location, source and tags, folded, each word after a space: what the filter
    line looks in (a word typed matches the start of a word: ``lima`` is not in ``climate``)."""
    tag_keys: frozenset[str] = frozenset()
    """The tags, case folded."""


def path_from(root: str, path: str) -> str:
    """``path`` relative to ``root`` when it is under it (as typed from there), else whole."""
    relative = os.path.relpath(path, root)
    return path if relative.startswith("..") else relative


def row_of(entry: Entry, read: float | None, root: str | None = None, located: bool = False) -> Row:
    """The row of ``entry``, read as far as ``read``. A file that does not load is named by
    its path from ``root`` (:func:`path_from`: the library's folder, or the current one;
    None: its file name), and its first error: ``✗ bad/list.yaml — 1:1: …``, so that two of
    one name in two folders differ (``located``: ``✗ bad/list.yaml:1:1: …``, as
    ``validate`` and compilers say where)."""
    if entry.failed:
        name = entry.title if root is None else path_from(root, entry.path)
        shown = f"✗ {name}{':' if located else ' — '}{entry.problem}"
        cells = {"title": sanitize_line(shown), "read": "error"}
    else:
        cells = {
            "title": sanitize_line(entry.title),
            "published": sanitize_line(entry.published or "")[:10],
            "location": sanitize_line(entry.location or ""),
            "source": sanitize_line(entry.source or ""),
            "tags": sanitize_line(", ".join(entry.tags)),
            "points": str(entry.points),
            "quotes": str(entry.quotes),
            "read": read_label(read),
        }
    fields = [entry.title, entry.location or "", entry.source or "", *entry.tags]
    words = " " + " ".join(_NOT_WORD.split(fold(" ".join(fields))))
    return Row(entry, cells, read, words, frozenset(tag.casefold() for tag in entry.tags))


SORT_VALUES: dict[str, Callable[[Row], object]] = {
    "title": lambda row: row.entry.title.casefold(),
    "published": lambda row: row.entry.published or None,
    "location": lambda row: (row.entry.location or "").casefold() or None,
    "source": lambda row: (row.entry.source or "").casefold() or None,
    "tags": lambda row: row.cells.get("tags", "").casefold() or None,
    "points": lambda row: None if row.entry.problem is not None else row.entry.points,
    "quotes": lambda row: None if row.entry.problem is not None else row.entry.quotes,
    "read": lambda row: None if row.entry.problem is not None else (row.read or 0.0),
}
"""What each column sorts by (None: blank, always last)."""


def sort_values(rows: Sequence[Row], key: str) -> list[Any]:
    """What each row sorts by in column ``key`` (of one type per column; None: blank)."""
    return list(map(SORT_VALUES[key], rows))


def sorted_by(
    values: Sequence[Any], descending: bool, other: Sequence[int] | None = None
) -> list[int]:
    """Every row's index, sorted by its value (ties in the rows' order; blanks last).

    ``other``: the rows sorted by the same values the other way, if known: sorting that
    again takes a fraction of the time (its ties are in the rows' order too).
    """
    if other is None:
        present = list(compress(range(len(values)), map(is_not, values, repeat(None))))
    else:
        present = list(other[: len(other) - values.count(None)])
    blank = list(compress(range(len(values)), map(is_, values, repeat(None))))
    present.sort(key=values.__getitem__, reverse=descending)
    return present + blank


def sorted_orders(rows: Sequence[Row]) -> dict[tuple[str, bool], list[int]]:
    """Every row sorted by each column but Read (which changes as briefings are read), each
    way: made ahead of the keys that sort, off the screen's thread."""
    orders = {}
    for column in COLUMNS:
        if column.key != "read":
            values = sort_values(rows, column.key)
            ascending = orders[column.key, False] = sorted_by(values, False)
            orders[column.key, True] = sorted_by(values, True, ascending)
    return orders


def sorted_indexes(rows: Sequence[Row], key: str, descending: bool) -> list[int]:
    """Every row's index, sorted by a column (ties in the rows' order; blanks last)."""
    return sorted_by(sort_values(rows, key), descending)


def filter_words(text: str) -> list[str]:
    """The words of a filter as :attr:`Row.words` holds them (each after a space)."""
    return [" " + word for word in _NOT_WORD.split(fold(text)) if word]


def narrows(words: Sequence[str], before: Sequence[str]) -> bool:
    """True if every row with all of ``words`` also has all of ``before``: each word of
    ``before`` is the start of one of ``words`` (a letter typed, a word added)."""
    return all(any(word.startswith(old) for word in words) for old in before)


class WordStarts:
    """Which rows have a word starting with each character: a filter's first letter looks
    its rows up instead of reading every row's words (10,000 rows: a third of the time)."""

    LOOKED_UP_FROM = 1_000
    """Rows to narrow from which a one-letter word is looked up (fewer are read)."""

    def __init__(self, row_words: Sequence[str]) -> None:
        rows: dict[str, list[int]] = {}
        first = itemgetter(0)
        for index, words in enumerate(row_words):
            for start in set(map(first, words.split())):
                rows.setdefault(start, []).append(index)
        self._rows = rows
        self._sets: dict[str, frozenset[int]] = {}

    def rows_with(self, start: str) -> frozenset[int]:
        """The rows with a word starting with the character ``start``."""
        found = self._sets.get(start)
        if found is None:
            if len(self._sets) >= 8:  # (a few letters kept: a set of 10,000 rows is ~0.5 MB)
                self._sets.clear()
            found = self._sets[start] = frozenset(self._rows.get(start, ()))
        return found


def with_words(
    among: Iterable[int],
    row_words: Sequence[str],
    words: Sequence[str],
    starts: WordStarts | None = None,
) -> list[int]:
    """The rows of ``among`` (in its order) whose :attr:`Row.words` (``row_words``, by row)
    have a word starting with each of ``words``; ``starts``: the rows' :class:`WordStarts`,
    if known."""
    found = list(among)
    for word in sorted(words, key=len, reverse=True):  # the longest first: the fewest rows
        if starts is not None and len(word) == 2 and len(found) >= starts.LOOKED_UP_FROM:
            has_word = map(starts.rows_with(word[1]).__contains__, found)
        else:
            has_word = map(contains, map(row_words.__getitem__, found), repeat(word))
        found = list(compress(found, has_word))
    return found


def with_tag(among: Iterable[int], rows: Sequence[Row], tag: str) -> list[int]:
    """The rows of ``among`` (in its order) with ``tag``, whatever its case."""
    key = tag.casefold()
    return [index for index in among if key in rows[index].tag_keys]


def matching(rows: Sequence[Row], text: str, tag: str | None) -> list[int] | None:
    """The rows with words starting with every word of ``text`` (and ``tag``, if given);
    None: every row."""
    wanted = filter_words(text)
    if not wanted and tag is None:
        return None
    found: Iterable[int] = range(len(rows))
    if tag is not None:
        found = with_tag(found, rows, tag)
    return with_words(found, [row.words for row in rows], wanted)


def tag_counts(entries: Sequence[Entry]) -> list[tuple[str, int]]:
    """Every tag with how many briefings have it, commonest first (then by name)."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for entry in entries:
        for key, tag in {tag.casefold(): tag for tag in reversed(entry.tags)}.items():
            names.setdefault(key, tag)
            counts[key] = counts.get(key, 0) + 1
    return sorted(
        ((names[k], n) for k, n in counts.items()), key=lambda t: (-t[1], t[0].casefold())
    )
