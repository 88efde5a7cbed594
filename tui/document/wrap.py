"""Word wrapping by terminal cells, fast enough for 20,000 paragraphs.

:func:`line_starts` returns where each wrapped line begins, so a body can be
laid out once and any line rendered later from a slice. Text whose every
character takes one cell (ASCII, and most European text with its curly quotes
and dashes: the common case) is wrapped with ``str.rfind`` jumps at C speed;
other text is measured cell by cell (wide CJK characters, combining marks,
emoji).
"""

from __future__ import annotations

from rich.cells import get_character_cell_size

_ONE_CELL_RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xAC),  # Latin-1 (not the soft hyphen, which takes no cell)
    (0xAE, 0x2FF),  # Latin-1, Latin Extended, IPA, spacing modifiers
    (0x370, 0x482),  # Greek, Cyrillic
    (0x2010, 0x2027),  # dashes, curly quotes, bullets, ellipsis
    (0x2030, 0x205E),  # per mille, primes, guillemets, ...
)
ONE_CELL = frozenset(chr(code) for start, end in _ONE_CELL_RANGES for code in range(start, end + 1))
"""Characters that take exactly one terminal cell (checked against Rich's table by the tests)."""


def line_starts(text: str, width: int) -> list[int]:
    """Offsets of the first character of each line when ``text`` is wrapped to ``width`` cells.

    ``text`` is one line with single spaces (see :func:`tui.text.normalize_space`).
    Lines break at spaces, and a word wider than the line is cut. A wrapped
    line's text is ``text[start:next_start].rstrip(" ")``.
    """
    width = max(1, width)
    if text.isascii() or ONE_CELL.issuperset(text):
        return _narrow_starts(text, width)
    return _cell_starts(text, width)


def _narrow_starts(text: str, width: int) -> list[int]:
    starts = [0]
    length = len(text)
    start = 0
    while length - start > width:
        space = text.rfind(" ", start + 1, start + width + 1)
        if space == -1:
            start += width  # a word longer than the line: cut it
        else:
            start = space + 1
        starts.append(start)
    return starts


def _cell_starts(text: str, width: int) -> list[int]:
    starts = [0]
    line_cells = 0
    word_start = 0  # where the word being measured began
    word_cells = 0
    for index, char in enumerate(text):
        if char == " ":
            line_cells += word_cells + 1
            word_start, word_cells = index + 1, 0
            continue
        size = get_character_cell_size(char)
        if line_cells + word_cells + size <= width:
            word_cells += size
            continue
        if line_cells and word_cells + size <= width:
            # the word moves to the next line whole
            starts.append(word_start)
            line_cells = 0
            word_cells += size
        else:
            # the word fills a line by itself: cut it here
            starts.append(index)
            line_cells, word_start, word_cells = 0, index, size
    return starts


def line_text(text: str, starts: list[int], row: int) -> tuple[int, int]:
    """The ``(start, end)`` of wrapped line ``row``, trailing spaces excluded."""
    start = starts[row]
    end = starts[row + 1] if row + 1 < len(starts) else len(text)
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end
