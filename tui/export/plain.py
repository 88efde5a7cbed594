"""Plain text, wrapped as the reader shows the body: quotes with a bar, lists with bullets.

Every string was sanitised when the briefing was loaded; fields that may hold
line breaks (the title, the summary) are put on one line before wrapping, so
the text holds no control character but the newlines that end its lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from tui.document import HEADING, BodyDocument
from tui.document.layout import CREDIT_DASH, QUOTE_BAR
from tui.document.wrap import line_starts
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


def heading(text: str, width: int) -> Iterator[str]:
    """A heading's lines, the rule under it and a blank line."""
    yield from wrap(text, width)
    yield RULE * width
    yield ""


def lines(briefing: Briefing, width: int) -> Iterator[str]:
    """Every line of the plain-text rendering, without line ends."""
    yield from wrap(one_line(briefing.title), width)
    subtitle = one_line(briefing.subtitle or "")
    if subtitle:
        yield from wrap(subtitle, width)
    fields = metadata(briefing)
    if fields:
        yield from wrap(SEPARATOR.join(fields), width)
    yield ""
    summary = one_line(briefing.summary or "")
    if summary:
        yield from wrap(summary, width)
        yield ""
    document = BodyDocument(briefing)
    for block in range(len(document)):
        text = document.parsed(block)[0]
        if document.kinds[block] == HEADING:
            yield from heading(text, width)
            continue
        yield from wrap(text, width, document.leads[block], document.hangs[block])
        yield from [""] * document.gaps[block]
    if briefing.talking_points:
        yield from heading(TALKING_POINTS, width)
        count = len(briefing.talking_points)
        for number, point in enumerate(briefing.talking_points, start=1):
            lead = f"  {number:>{len(str(count))}}. "
            yield from wrap(point.text, width, lead, " " * len(lead))
        yield ""
    if briefing.quotes:
        yield from heading(QUOTES, width)
        for quote in briefing.quotes:
            yield from wrap(quote.text, width, QUOTE_BAR)
            yield from wrap(quote.attribution, width, QUOTE_BAR + CREDIT_DASH, QUOTE_BAR + "  ")
            yield ""


def render(briefing: Briefing, width: int = 80) -> str:
    """The briefing as plain text wrapped to ``width`` columns, ending in a newline."""
    rendered = list(lines(briefing, width))
    while rendered and not rendered[-1]:
        rendered.pop()
    return "\n".join(rendered) + "\n"
