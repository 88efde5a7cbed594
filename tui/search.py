"""Finding text in the article body: case, curly quotes and inline markers ignored."""

from __future__ import annotations

from typing import NamedTuple

from tui.document import BodyDocument, Target
from tui.linking import fold


class Found(NamedTuple):
    """A match, and whether the search went round the end (or start) of the article to it."""

    target: Target
    wrapped: bool


def find_next(
    document: BodyDocument, query: str, start: tuple[int, int], *, backward: bool = False
) -> Found | None:
    """The next (or previous) match of ``query`` from ``start`` (a block and an offset)."""
    block, offset = start
    target = find(document, query, block, offset, backward=backward)
    if target is None:
        return None
    found = (target.block, target.start)
    return Found(target, found < start if not backward else found > start)


def find(
    document: BodyDocument, query: str, block: int, offset: int, *, backward: bool = False
) -> Target | None:
    """The next match of ``query`` from ``offset`` in ``block`` (or before it), wrapping round.

    Headings and paragraphs are searched as shown (inline Markdown markers
    removed). Returns the match as a highlighted span, or None.
    """
    needle = fold(" ".join(query.split()))
    count = len(document)
    if not needle or not count:
        return None
    for step in range(count + 1):
        index = (block - step if backward else block + step) % count
        text = fold(document.texts[index])
        if backward:
            end = offset if step == 0 else len(text)
            found = text.rfind(needle, 0, max(0, end))
        else:
            found = text.find(needle, offset if step == 0 else 0)
        if found != -1:
            return Target(index, document.section_of[index], found, found + len(needle))
    return None
