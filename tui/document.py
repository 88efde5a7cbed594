"""The article body as a flat run of blocks, and its layout at a given width.

A block is a section heading or a paragraph. Keeping them in flat lists
(rather than a widget each) lets the body pane lay out and draw 20,000
paragraphs by rendering only the lines on screen.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from tui.inline import Span, parse_inline
from tui.model import Briefing
from tui.wrap import line_starts

HEADING = 0
PARAGRAPH = 1


class BodyDocument:
    """Headings and paragraphs of a briefing, in reading order, as shown text and spans."""

    def __init__(self, briefing: Briefing) -> None:
        self.texts: list[str] = []
        self.spans: list[tuple[Span, ...]] = []
        self.kinds: list[int] = []
        self.section_of: list[int] = []
        self.section_blocks: list[int] = []
        """The block index of each section's heading."""
        for index, section in enumerate(briefing.sections):
            self.section_blocks.append(len(self.texts))
            self._add(section.heading, HEADING, index)
            for paragraph in section.paragraphs:
                self._add(paragraph, PARAGRAPH, index)

    def _add(self, source: str, kind: int, section: int) -> None:
        inline = parse_inline(source)
        self.texts.append(inline.plain)
        self.spans.append(inline.spans)
        self.kinds.append(kind)
        self.section_of.append(section)

    def __len__(self) -> int:
        return len(self.texts)

    def paragraph_block(self, section: int, paragraph: int) -> int:
        """The block index of paragraph ``paragraph`` of section ``section``."""
        return self.section_blocks[section] + 1 + paragraph

    def blocks_of(self, section: int) -> range:
        """The block indexes of a section, heading included."""
        start = self.section_blocks[section]
        end = (
            self.section_blocks[section + 1]
            if section + 1 < len(self.section_blocks)
            else len(self.texts)
        )
        return range(start, end)


@dataclass
class BodyLayout:
    """Where every block's lines fall when the body is wrapped to ``width`` cells.

    A heading takes its wrapped lines plus a rule under it; every block is
    followed by one blank line.
    """

    width: int
    tops: list[int]
    starts: list[list[int]]
    height: int

    @classmethod
    def build(cls, document: BodyDocument, width: int) -> BodyLayout:
        """Wrap every block of ``document`` to ``width`` cells."""
        tops: list[int] = []
        starts: list[list[int]] = []
        y = 0
        for text, kind in zip(document.texts, document.kinds, strict=True):
            block_starts = line_starts(text, width)
            tops.append(y)
            starts.append(block_starts)
            y += len(block_starts) + (2 if kind == HEADING else 1)
        return cls(width, tops, starts, y)

    def locate(self, y: int) -> tuple[int, int]:
        """The block at line ``y`` and the row within it (rows past its text are spacing)."""
        block = max(0, bisect_right(self.tops, y) - 1)
        return block, y - self.tops[block]

    def row_of(self, block: int, offset: int) -> int:
        """The row within ``block`` holding character ``offset``."""
        return max(0, bisect_right(self.starts[block], offset) - 1)
