"""The article body as a flat run of blocks, and its layout at a given width.

A block is a section heading or a paragraph. Keeping them in flat lists
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
from tui.model import Briefing

HEADING = 0
PARAGRAPH = 1

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


class _Parsed(Sequence[T], Generic[T]):
    """One field (shown text or spans) of every block, parsed on first access."""

    def __init__(self, document: BodyDocument, field: int) -> None:
        self._document = document
        self._field = field

    def __len__(self) -> int:
        return len(self._document)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._document.parsed(index)[self._field]  # type: ignore[return-value]


class BodyDocument:
    """Headings and paragraphs of a briefing, in reading order."""

    def __init__(self, briefing: Briefing) -> None:
        self.sources: list[str] = []
        """Each block as written (inline Markdown included)."""
        self.kinds: list[int] = []
        self.section_of: list[int] = []
        self.section_blocks: list[int] = []
        """The block index of each section's heading."""
        for index, section in enumerate(briefing.sections):
            self.section_blocks.append(len(self.sources))
            self.sources.append(section.heading)
            self.sources.extend(section.paragraphs)
            self.kinds.append(HEADING)
            self.kinds.extend([PARAGRAPH] * len(section.paragraphs))
            self.section_of.extend([index] * (len(section.paragraphs) + 1))
        self._parsed: list[tuple[str, tuple[Span, ...]] | None] = [None] * len(self.sources)
        self.texts: Sequence[str] = _Parsed(self, 0)
        """The text shown for each block (inline markers removed)."""
        self.spans: Sequence[tuple[Span, ...]] = _Parsed(self, 1)
        """The styled spans of each block's shown text."""

    def parsed(self, block: int) -> tuple[str, tuple[Span, ...]]:
        """A block's shown text and spans, parsed once."""
        found = self._parsed[block]
        if found is None:
            inline = parse_inline(self.sources[block])
            found = self._parsed[block] = (inline.plain, inline.spans)
        return found

    def __len__(self) -> int:
        return len(self.sources)

    def paragraph_block(self, section: int, paragraph: int) -> int:
        """The block index of paragraph ``paragraph`` of section ``section``."""
        return self.section_blocks[section] + 1 + paragraph


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
        self._unlaid_chars = sum(map(len, document.sources))

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
        kinds, width = document.kinds, self.width
        tops, starts = self.tops, self.starts
        y = self.height
        unlaid = self._unlaid_chars
        for block in range(len(tops), stop):
            if lines is not None and y >= lines:
                break
            block_starts = line_starts(document.parsed(block)[0], width)
            tops.append(y)
            starts.append(block_starts)
            y += len(block_starts) + (2 if kinds[block] == HEADING else 1)
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
