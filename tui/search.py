"""Finding text in the article body: case, curly quotes and inline markers ignored."""

from __future__ import annotations

from tui.document import BodyDocument, Target
from tui.linking import fold


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
