"""Plain text, wrapped as the reader shows the body: quotes with a bar, lists with bullets.

Every string was sanitised when the briefing was loaded; fields that may hold
line breaks (the title, the summary) are put on one line before wrapping, so
the text holds no control character but the newlines that end its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.document import HEADING, BodyDocument
from tui.document.inline import shown_text
from tui.document.layout import CREDIT_DASH, QUOTE_BAR
from tui.document.wrap import ONE_CELL, line_starts
from tui.export.common import QUOTES, TALKING_POINTS, metadata, one_line
from tui.model import Briefing

RULE = "─"
"""Under each heading, across the width, as in the reader."""
SEPARATOR = "  ·  "
"""Between the fields of the metadata line, as in the reader's header."""


def wrap(text: str, width: int, lead: str = "", hang: str | None = None) -> list[str]:
    """``text`` (one line, single spaces) wrapped to ``width`` cells after ``lead``.

    The first line starts with ``lead``, the others with ``hang`` (``lead`` by default).
    """
    hang = lead if hang is None else hang
    starts = line_starts(text, max(4, width - len(lead)))
    ends = [*starts[1:], len(text)]
    wrapped = [lead + text[: ends[0]].rstrip(" ")]
    pairs = zip(starts[1:], ends[1:], strict=True)
    wrapped += [hang + text[start:end].rstrip(" ") for start, end in pairs]
    return wrapped


_LINE_PATTERNS: dict[int, re.Pattern[str]] = {}


def _line_pattern(cells: int) -> re.Pattern[str]:
    """One wrapped line of one-cell text and the space it breaks at: the longest run of up to
    ``cells`` characters before a space or the end, else ``cells`` characters (a word cut) —
    where :func:`tui.document.wrap.line_starts` breaks."""
    found = _LINE_PATTERNS.get(cells)  # group 1: the line, without the space it breaks at
    if found is None:
        found = re.compile(rf"(.{{1,{cells}}}(?= |\Z)|.{{{cells}}}) ?", re.DOTALL)
        _LINE_PATTERNS[cells] = found
    return found


def wrapped(text: str, width: int, lead: str = "", hang: str | None = None) -> str:
    """:func:`wrap`'s lines joined by newlines.

    Text whose every character takes one cell, with single spaces and none at
    its end (nearly every paragraph), has its lines found by one regular
    expression: the same lines, at C speed.
    """
    hang = lead if hang is None else hang
    if (
        text
        and text[-1] != " "
        and "  " not in text
        and (text.isascii() or ONE_CELL.issuperset(text))
    ):
        lines = _line_pattern(max(4, width - len(lead))).findall(text)
        return lead + ("\n" + hang).join(lines)
    return "\n".join(wrap(text, width, lead, hang))


def heading(text: str, width: int) -> Iterator[str]:
    """A heading's lines, the rule under it and a blank line."""
    yield wrapped(text, width)
    yield RULE * width
    yield ""


def lines(briefing: Briefing, width: int) -> Iterator[str]:
    """The plain-text rendering, without line ends: a wrapped block (lines joined by newlines)
    or an empty line at a time."""
    yield wrapped(one_line(briefing.title), width)
    subtitle = one_line(briefing.subtitle or "")
    if subtitle:
        yield wrapped(subtitle, width)
    fields = metadata(briefing)
    if fields:
        yield wrapped(SEPARATOR.join(fields), width)
    yield ""
    summary = one_line(briefing.summary or "")
    if summary:
        yield wrapped(summary, width)
        yield ""
    document = BodyDocument(briefing)
    for block, source in enumerate(document.sources):
        text = shown_text(source)  # no spans: plain text has no styles
        if document.kinds[block] == HEADING:
            yield from heading(text, width)
            continue
        yield wrapped(text, width, document.leads[block], document.hangs[block])
        yield from [""] * document.gaps[block]
    if briefing.talking_points:
        yield from heading(TALKING_POINTS, width)
        count = len(briefing.talking_points)
        for number, point in enumerate(briefing.talking_points, start=1):
            lead = f"  {number:>{len(str(count))}}. "
            yield wrapped(point.text, width, lead, " " * len(lead))
        yield ""
    if briefing.quotes:
        yield from heading(QUOTES, width)
        for quote in briefing.quotes:
            yield wrapped(quote.text, width, QUOTE_BAR)
            yield wrapped(quote.attribution, width, QUOTE_BAR + CREDIT_DASH, QUOTE_BAR + "  ")
            yield ""


def render(briefing: Briefing, width: int = 80) -> str:
    """The briefing as plain text wrapped to ``width`` columns, ending in a newline."""
    rendered = list(lines(briefing, width))
    while rendered and not rendered[-1]:
        rendered.pop()
    return "\n".join(rendered) + "\n"
