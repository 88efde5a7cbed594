"""The article body as a flat run of blocks, and its layout at a given width.

A block is a section heading, a paragraph, a block quote's text or its
credit line, or one item of a list. Keeping them in flat lists
(rather than a widget each) lets the body pane lay out and draw 20,000
paragraphs by rendering only the lines on screen. Both the inline parsing of
a block and its wrapping are done on demand: opening a large briefing costs
only what the first screen shows, and the rest is laid out in small steps.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar, overload

from tui.document.inline import Span, parse_inline
from tui.document.wrap import line_starts
from tui.model import BlockQuote, Briefing, ListBlock, block_texts

HEADING = 0
PARAGRAPH = 1
QUOTE = 2
"""The text of a block quote."""
CREDIT = 3
"""The line under a block quote that says who said it."""
ITEM = 4
"""One item of a list."""
TEXT_KINDS = frozenset({PARAGRAPH, QUOTE, ITEM})
"""The blocks of the article's own text: what talking points and quotes link to."""

QUOTE_BAR = "  ┃ "
"""Drawn before every line of a block quote and its credit."""
CREDIT_DASH = "— "
BULLET = "•"

T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """A place in the body: a block, and optionally a span of its shown text."""

    block: int
    section: int
    start: int = 0
    end: int | None = None
    """End of the highlighted span; None highlights the whole block."""
    exact: bool = True
    """False when the link fell back to a section heading."""


class _Blocks:
    """Each block's source, and its shown text and spans once parsed (on first access)."""

    def __init__(self, sources: list[str]) -> None:
        self.sources = sources
        self.parsed: list[tuple[str, tuple[Span, ...]] | None] = [None] * len(sources)

    def get(self, block: int) -> tuple[str, tuple[Span, ...]]:
        found = self.parsed[block]
        if found is None:
            found = self.parsed[block] = parse_inline(self.sources[block])  # (plain, spans)
        return found


class _Parsed(Sequence[T], Generic[T]):
    """One field (shown text or spans) of every block, parsed on first access.

    It holds the blocks, not the document: no reference cycle, so an old
    version of a briefing is freed as soon as it is dropped (a frozen cycle
    would wait for a full collection).
    """

    def __init__(self, blocks: _Blocks, field: int) -> None:
        self._blocks = blocks
        self._field = field

    def __len__(self) -> int:
        return len(self._blocks.sources)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._blocks.get(index)[self._field]  # type: ignore[return-value]


class BodyDocument:
    """Headings, paragraphs, block quotes and list items of a briefing, in reading order."""

    def __init__(self, briefing: Briefing) -> None:
        self.sources: list[str] = []
        """Each block as written (inline Markdown included)."""
        self.kinds: list[int] = []
        self.section_of: list[int] = []
        self.section_blocks: list[int] = []
        """The block index of each section's heading."""
        self.leads: list[str] = []
        """Drawn before a block's first line: a bullet, a number, a quote's bar."""
        self.hangs: list[str] = []
        """Drawn before its other lines (as wide as the lead)."""
        self.gaps: list[int] = []
        """Lines after a block before the next: 2 under a heading (its rule, a blank), 0
        between list items and between a quote and its credit, else 1."""
        for index, section in enumerate(briefing.sections):
            self.section_blocks.append(len(self.sources))
            self._add(index, HEADING, section.heading, gap=2)
            for block in section.blocks:
                if isinstance(block, str):
                    self._add(index, PARAGRAPH, block)
                elif isinstance(block, BlockQuote):
                    credit = block.credit
                    self._add(index, QUOTE, block.text, QUOTE_BAR, gap=0 if credit else 1)
                    if credit:
                        self._add(index, CREDIT, credit, QUOTE_BAR + CREDIT_DASH, QUOTE_BAR + "  ")
                else:
                    self._add_list(index, block)
        self.source_chars = sum(map(len, self.sources))
        """The length of all the blocks as written (for a layout's estimate of its height)."""
        self._blocks = _Blocks(self.sources)
        self.texts: Sequence[str] = _Parsed(self._blocks, 0)
        """The text shown for each block (inline markers removed)."""
        self.spans: Sequence[tuple[Span, ...]] = _Parsed(self._blocks, 1)
        """The styled spans of each block's shown text."""

    def _add(
        self,
        section: int,
        kind: int,
        source: str,
        lead: str = "",
        hang: str | None = None,
        gap: int = 1,
    ) -> None:
        self.sources.append(source)
        self.kinds.append(kind)
        self.section_of.append(section)
        self.leads.append(lead)
        self.hangs.append(lead if hang is None else hang)
        self.gaps.append(gap)

    def _add_list(self, section: int, listed: ListBlock) -> None:
        """A list's items: a bullet or a number each, the text hanging under it, no gaps."""
        count = len(listed.items)
        width = len(f"{count}.") if listed.numbered else 1
        for number, item in enumerate(listed.items, start=1):
            marker = f"{number}." if listed.numbered else BULLET
            lead = f"  {marker:>{width}} "
            self._add(section, ITEM, item, lead, " " * len(lead), gap=int(number == count))

    def parsed(self, block: int) -> tuple[str, tuple[Span, ...]]:
        """A block's shown text and spans, parsed once."""
        return self._blocks.get(block)

    def __len__(self) -> int:
        return len(self.sources)

    def paragraph_block(self, section: int, paragraph: int) -> int:
        """The block index of the ``paragraph``-th block under the heading of ``section``."""
        return self.section_blocks[section] + 1 + paragraph


def block_count(briefing: Briefing) -> int:
    """How many blocks :class:`BodyDocument` makes of ``briefing`` (a heading per section and
    each text of :func:`~tui.model.block_texts`), without making them: what a library's row
    counts for every file it indexes."""
    return sum(
        1 + sum(len(block_texts(block)) for block in section.blocks)
        for section in briefing.sections
    )


class BodyLayout:
    """Where each block's lines fall when the body is wrapped to ``width`` cells.

    A heading takes its wrapped lines plus a rule under it; every block is
    followed by one blank line. The layout grows from the top as needed
    (:meth:`extend`); until it is :attr:`complete`, :attr:`estimated_height`
    guesses the lines still to come from their length.
    """

    def __init__(self, document: BodyDocument, width: int) -> None:
        self.document = document
        self.width = width
        self.tops: list[int] = []
        self.starts: list[list[int]] = []
        self.height = 0
        """Lines laid out so far."""
        self._unlaid_chars = document.source_chars

    @property
    def complete(self) -> bool:
        """True once every block is laid out."""
        return len(self.tops) == len(self.document)

    @property
    def estimated_height(self) -> int:
        """The exact height when complete; before that, laid-out lines plus a guess for the rest."""
        if self.complete:
            return self.height
        remaining = len(self.document) - len(self.tops)
        return self.height + self._unlaid_chars // max(1, self.width - 8) + 2 * remaining

    def extend(
        self,
        *,
        through_block: int | None = None,
        lines: int | None = None,
        blocks: int | None = None,
    ) -> None:
        """Lay out more blocks: through a block, until a line count, a number more, or all."""
        document = self.document
        total = len(document)
        stop = total
        if through_block is not None:
            stop = min(total, through_block + 1)
        if blocks is not None:
            stop = min(stop, len(self.tops) + blocks)
        leads, gaps, width = document.leads, document.gaps, self.width
        tops, starts = self.tops, self.starts
        y = self.height
        unlaid = self._unlaid_chars
        for block in range(len(tops), stop):
            if lines is not None and y >= lines:
                break
            block_starts = line_starts(document.parsed(block)[0], max(4, width - len(leads[block])))
            tops.append(y)
            starts.append(block_starts)
            y += len(block_starts) + gaps[block]
            unlaid -= len(document.sources[block])
        self.height = y
        self._unlaid_chars = unlaid

    def locate(self, y: int) -> tuple[int, int]:
        """The block at line ``y`` and the row within it (rows past its text are spacing)."""
        block = max(0, bisect_right(self.tops, y) - 1)
        return block, y - self.tops[block]

    def row_of(self, block: int, offset: int) -> int:
        """The row within ``block`` holding character ``offset``."""
        return max(0, bisect_right(self.starts[block], offset) - 1)
