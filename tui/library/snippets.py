"""Snippets of search results: one line of plain, safe text and where the matches are in it."""

from __future__ import annotations

from tui.text import sanitize_line

BEGIN = "\x01"
"""Put before a matched word by the index (sanitised text never holds a control character)."""
END = "\x02"
"""Put after a matched word."""
LONGEST = 240
"""Characters a snippet is cut to (a word of the index may be megabytes long)."""

Marked = tuple[str, tuple[tuple[int, int], ...]]
"""A snippet and the (start, end) offsets of its matched words."""


def _one_line(text: str) -> str:
    return sanitize_line(text).replace("\u2028", " ").replace("\u2029", " ")


def marked(snippet: str) -> Marked:
    """A snippet with :data:`BEGIN` / :data:`END` around its matches, as text and marks.

    Every piece is sanitised (no control characters, one line) and the whole cut to
    :data:`LONGEST` characters; marks past the cut are dropped, one across it is shortened.
    """
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for index, piece in enumerate(snippet.replace(END, BEGIN).split(BEGIN)):
        inside = index % 2 == 1
        if inside:
            start = length
        shown = _one_line(piece)
        text.append(shown)
        length += len(shown)
        if inside and start is not None and length > start:
            marks.append((start, length))
    joined = "".join(text)
    if len(joined) > LONGEST:
        joined = joined[: LONGEST - 1] + "…"
        marks = [(a, min(b, LONGEST - 1)) for a, b in marks if a < LONGEST - 1]
    return joined, tuple(marks)


def opening(text: str | None) -> Marked:
    """The start of a passage, for a result that matched no word (a filter alone)."""
    shown = _one_line(text or "")
    if len(shown) > LONGEST:
        shown = shown[: LONGEST - 1] + "…"
    return shown, ()
