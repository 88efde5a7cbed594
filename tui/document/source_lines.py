"""Between blocks of the body and lines of the file they were read from (``e``, ``--line``)."""

from __future__ import annotations

from bisect import bisect_right

from tui.document.layout import BodyDocument
from tui.model import Briefing


def _text_blocks(briefing: Briefing, document: BodyDocument) -> list[tuple[int, int]]:
    """(file line, block) of every body text read from a file, in order."""
    found = []
    for section, block in zip(briefing.sections, document.section_blocks, strict=True):
        found += [(line, block + 1 + index) for index, line in enumerate(section.lines)]
    return found


def line_of_block(briefing: Briefing, document: BodyDocument, block: int) -> int | None:
    """The file line where ``block`` starts (a heading: its section's first text), or None."""
    section = document.section_of[block]
    lines = briefing.sections[section].lines
    index = block - document.section_blocks[section] - 1
    if not lines:
        return None
    return lines[min(max(index, 0), len(lines) - 1)]


def block_of_line(briefing: Briefing, document: BodyDocument, line: int) -> int:
    """The block whose text holds file line ``line`` (the last starting at or before it)."""
    texts = _text_blocks(briefing, document)
    found = bisect_right([each for each, _ in texts], line) - 1
    return texts[found][1] if found >= 0 else 0
