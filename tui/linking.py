"""Links from talking points and quotes to the passages of the body that support them.

Rules (documented in the README):

* A **quote** links to the first place its text occurs in the body, compared
  ignoring case, curly versus straight quote marks and spacing. If it does not
  occur, it links to its ``section`` (the heading); else to nothing.
* A **talking point** links to the paragraph that shares the most distinct
  words with it (words of three or more letters, ignoring case and a short
  list of common words; in Chinese, Japanese and Korean, written without
  spaces, pairs of characters; ties go to the earlier paragraph). With a
  ``section``, only that section's paragraphs compete, and the heading is the
  fallback; without one, every paragraph competes, and a point that shares no
  word with any paragraph links to nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence

from tui.document import PARAGRAPH, BodyDocument, Target
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
_ASCII_WORD = re.compile(r"[a-z]{3,}")  # the same, for lower-case ASCII text, 3x faster
_UNSPACED = re.compile(r"[\u2e80-\u2fff\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")
"""Runs of CJK and Hangul, written without spaces between words: matched by pairs of characters."""
_STOPWORDS = frozenset(
    "the and for with from that this those these was were are has have had not but its "
    "his her their our your they them who whom which what when where will would can could "
    "into onto over under about after before between than then there also all any some such".split()
)


def fold(text: str) -> str:
    """Text for matching: quote marks straightened, lower case, same length as ``text``."""
    if text.isascii():  # no curly quotes, and lower() keeps the length
        return text.lower()
    text = text.translate(_QUOTE_MARKS)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _strip_marks(text: str) -> str:
    return text.strip(" '\"")


def words(text: str) -> set[str]:
    """The distinct content words of ``text`` used for matching talking points."""
    lowered = text.lower()
    if lowered.isascii():
        return set(_ASCII_WORD.findall(lowered)) - _STOPWORDS
    found = set(_WORD.findall(lowered)) - _STOPWORDS
    for run in _UNSPACED.findall(lowered):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


class Linker:
    """Finds the targets of talking points and quotes in one pass over the body each.

    It keeps no per-paragraph state of its own (word sets, folded text) between
    calls; linking a 20,000-paragraph briefing costs time once, in a worker.
    """

    def __init__(
        self,
        briefing: Briefing,
        document: BodyDocument,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self.briefing = briefing
        self.document = document
        self.cancelled = cancelled
        """Polled during long passes; True stops them early (the app is closing)."""
        self._section_index: dict[str, int] = {}
        """Each section id's position, as ``Briefing.section_index`` gives it, found in O(1)."""
        for index, section in enumerate(briefing.sections):
            self._section_index.setdefault(section.id, index)

    def _paragraphs(self) -> Iterator[int]:
        document = self.document
        return (block for block in range(len(document)) if document.kinds[block] == PARAGRAPH)

    def _heading(self, section_id: str | None) -> Target | None:
        if section_id is None:
            return None
        section = self._section_index.get(section_id)
        if section is None:
            return None
        return Target(self.document.section_blocks[section], section, exact=False)

    def quotes(self, quotes: Sequence[Quote]) -> list[Target | None]:
        """Where each quote occurs in the body, else its section, else None."""
        document = self.document
        blocks = list(self._paragraphs())
        # One folded text of all paragraphs, NUL-separated (no quote can hold a NUL),
        # so each quote costs one C-level find however long the body is.
        offsets: list[int] = []
        texts: list[str] = []
        position = 0
        for count, block in enumerate(blocks):
            if count % 1000 == 0 and self.cancelled():
                return [None] * len(quotes)
            offsets.append(position)
            texts.append(document.texts[block])
            position += len(texts[-1]) + 1
        body = fold("\0".join(texts))
        targets: list[Target | None] = []
        for quote in quotes:
            if self.cancelled():  # each find may read the whole body: poll every quote
                return [None] * len(quotes)
            needle = _strip_marks(fold(quote.text))
            found = body.find(needle) if needle else -1
            if found == -1:
                targets.append(self._heading(quote.section))
                continue
            index = bisect_right(offsets, found) - 1
            block, start = blocks[index], found - offsets[index]
            targets.append(Target(block, document.section_of[block], start, start + len(needle)))
        return targets

    def points(self, points: Sequence[TalkingPoint]) -> list[Target | None]:
        """The paragraph that best supports each point (see the module rules)."""
        document = self.document
        wanted = [words(point.text) for point in points]
        sections = [
            self._section_index.get(point.section) if point.section else None for point in points
        ]
        free = [index for index, section in enumerate(sections) if section is None]
        by_section: dict[int, list[int]] = {}
        for index, section in enumerate(sections):
            if section is not None:
                by_section.setdefault(section, []).append(index)
        best: list[tuple[int, int]] = [(-1, 0)] * len(points)
        for block in self._paragraphs():
            if block % 1000 == 0 and self.cancelled():
                break
            candidates = free + by_section.get(document.section_of[block], [])
            if not candidates:
                continue
            have = words(document.texts[block])
            for index in candidates:
                score = len(wanted[index] & have)
                if score > best[index][1]:
                    best[index] = (block, score)
        targets: list[Target | None] = []
        for (block, _), point in zip(best, points, strict=True):
            if block >= 0:
                targets.append(Target(block, document.section_of[block]))
            else:
                targets.append(self._heading(point.section))
        return targets

    def quote(self, quote: Quote) -> Target | None:
        """Where one quote links to."""
        return self.quotes([quote])[0]

    def point(self, point: TalkingPoint) -> Target | None:
        """Where one talking point links to."""
        return self.points([point])[0]
