"""Text selected on the laid-out body, by line and column, as the words it covers.

A place on screen is ``(x, y)``: ``y`` a line of the layout and ``x`` a
character of that line's text (negative in the margin to its left, past its
end in the space to its right). The text copied is the briefing's own, not
the wrapped lines: a paragraph copies as one line, and paragraphs (headings
included) are kept apart by a blank line. Rules under headings and blank
lines are not text.
"""

from __future__ import annotations

from tui.document.layout import BodyLayout
from tui.document.wrap import line_text

Place = tuple[int, int]
"""``(x, y)``: a character of line ``y`` (see the module's docstring)."""

PARAGRAPH_BREAK = "\n\n"


def line_span(layout: BodyLayout, y: int, start: int, end: int | None) -> tuple[int, int] | None:
    """The characters ``start`` to ``end`` (None: to the end) of line ``y``, within its text.

    None when that leaves nothing (a blank line, or a span past the text).
    """
    if y >= layout.height:
        return None
    block, row = layout.locate(y)
    starts = layout.starts[block]
    if row >= len(starts):
        return None
    first, last = line_text(layout.document.texts[block], starts, row)
    length = last - first
    start = max(0, start)
    end = length if end is None else min(end, length)
    return (start, end) if start < end else None


def text_position(layout: BodyLayout, place: Place, *, end: bool) -> tuple[int, int]:
    """The block and character offset at ``place``, as the start or the ``end`` of a selection.

    A place on a blank line or a rule starts a selection at the next block's
    text, or ends one at the end of the block above it.
    """
    document = layout.document
    x, y = place
    if y >= layout.height and not layout.complete:
        layout.extend(lines=y + 1)
    if y >= layout.height:
        last = len(document) - 1
        return last, len(document.texts[last])
    block, row = layout.locate(max(0, y))
    text = document.texts[block]
    starts = layout.starts[block]
    if row >= len(starts):
        if end or block + 1 == len(document):
            return block, len(text)
        return block + 1, 0
    first, last = line_text(text, starts, row)
    return block, first + max(0, min(x, last - first))


def selected_text(layout: BodyLayout, start: Place | None, end: Place | None) -> str:
    """The text from ``start`` up to ``end`` (None: from the first block, to the last)."""
    document = layout.document
    if not len(document):
        return ""
    first = (0, 0) if start is None else text_position(layout, start, end=False)
    if end is None:
        last = len(document) - 1, len(document.texts[len(document) - 1])
    else:
        last = text_position(layout, end, end=True)
    # A selection starting past a block's end, or ending at a block's start, leaves it out.
    if first[0] < last[0] and first[1] >= len(document.texts[first[0]]):
        first = first[0] + 1, 0
    if last[0] > first[0] and last[1] == 0:
        last = last[0] - 1, len(document.texts[last[0] - 1])
    if last <= first:
        return ""
    pieces = []
    for block in range(first[0], last[0] + 1):
        text = document.texts[block]
        pieces.append(
            text[first[1] if block == first[0] else 0 : last[1] if block == last[0] else len(text)]
        )
    return PARAGRAPH_BREAK.join(pieces)
