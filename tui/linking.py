"""Links from talking points and quotes to the passages of the body that support them.

Rules (documented in the README):

* A **quote** links to the first place its text occurs in the body, compared
  ignoring case, curly versus straight quote marks and spacing. If it does not
  occur, it links to its ``section`` (the heading); else to nothing.
* A **talking point** links to the paragraph that shares the most distinct
  words with it (words of three or more letters, ignoring case and a short
  list of common words; ties go to the earlier paragraph). With a
  ``section``, only that section's paragraphs compete, and the heading is the
  fallback; without one, every paragraph competes, and a point that shares no
  word with any paragraph links to nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.document import PARAGRAPH, BodyDocument
from tui.model import Briefing, Quote, TalkingPoint

_QUOTE_MARKS = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
    }
)
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOPWORDS = frozenset(
    "the and for with from that this those these was were are has have had not but its "
    "his her their our your they them who whom which what when where will would can could "
    "into onto over under about after before between than then there also all any some such".split()
)


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


def fold(text: str) -> str:
    """Text for matching: quote marks straightened, lower case, same length as ``text``."""
    text = text.translate(_QUOTE_MARKS)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _strip_marks(text: str) -> str:
    return text.strip(" '\"")


def words(text: str) -> set[str]:
    """The distinct content words of ``text`` used for matching talking points."""
    return {word for word in _WORD.findall(text.lower()) if word not in _STOPWORDS}


class Linker:
    """Finds targets for the talking points and quotes of one briefing."""

    def __init__(self, briefing: Briefing, document: BodyDocument) -> None:
        self.briefing = briefing
        self.document = document
        self._folded: dict[int, str] = {}
        self._words: dict[int, set[str]] = {}

    def _folded_text(self, block: int) -> str:
        folded = self._folded.get(block)
        if folded is None:
            folded = self._folded[block] = fold(self.document.texts[block])
        return folded

    def _block_words(self, block: int) -> set[str]:
        found = self._words.get(block)
        if found is None:
            found = self._words[block] = words(self.document.texts[block])
        return found

    def _heading(self, section_id: str | None) -> Target | None:
        if section_id is None:
            return None
        section = self.briefing.section_index(section_id)
        if section is None:
            return None
        return Target(self.document.section_blocks[section], section, exact=False)

    def quote(self, quote: Quote) -> Target | None:
        """Where ``quote`` occurs in the body, else its section, else None."""
        needle = _strip_marks(fold(quote.text))
        if needle:
            document = self.document
            for block in range(len(document)):
                if document.kinds[block] != PARAGRAPH:
                    continue
                found = self._folded_text(block).find(needle)
                if found != -1:
                    return Target(block, document.section_of[block], found, found + len(needle))
        return self._heading(quote.section)

    def point(self, point: TalkingPoint) -> Target | None:
        """The paragraph that best supports ``point`` (see the module rules)."""
        document = self.document
        wanted = words(point.text)
        if point.section is not None:
            section = self.briefing.section_index(point.section)
            candidates = document.blocks_of(section) if section is not None else range(0)
        else:
            candidates = range(len(document))
        best_block, best_score = -1, 0
        for block in candidates:
            if document.kinds[block] != PARAGRAPH:
                continue
            score = len(wanted & self._block_words(block))
            if score > best_score:
                best_block, best_score = block, score
        if best_block >= 0:
            return Target(best_block, document.section_of[best_block])
        return self._heading(point.section)
