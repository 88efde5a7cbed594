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

Both go through indexes, within budgets that only a crafted file exceeds
(:data:`POSTINGS_BUDGET`, :mod:`tui.findmany`); past them a point's commonest
words are left out, or a quote with no inner word is not found.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence

from tui.document import TEXT_KINDS, BodyDocument, Target
from tui.findmany import ManyFinder
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


def straighten(text: str) -> str:
    """``text`` with curly and angled quote marks made straight (the same length)."""
    return text if text.isascii() else text.translate(_QUOTE_MARKS)


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


POSTINGS_BUDGET = 4_000_000
"""Paragraph hits counted for all talking points together (about a second of work)."""
POSTINGS_PER_POINT = 2_000
"""Hits each point may count however many points there are."""


def _best_block(
    wanted: set[str],
    postings: dict[str, list[int]],
    span: tuple[int, int] | None,
    allowance: int,
) -> int | None:
    """The block sharing most of ``wanted`` (the earliest of equals), within ``span`` if given.

    Words are taken rarest first; a word held by more paragraphs than the
    ``allowance`` has left is skipped, with every commoner one.
    """
    hits: list[tuple[int, int, list[int]]] = []  # (first, end, blocks): blocks[first:end]
    for word in wanted:
        blocks = postings.get(word)
        if not blocks:
            continue
        if span is None:
            hits.append((0, len(blocks), blocks))
        else:
            first, end = bisect_left(blocks, span[0]), bisect_left(blocks, span[1])
            if first < end:
                hits.append((first, end, blocks))
    hits.sort(key=lambda hit: hit[1] - hit[0])
    scores: dict[int, int] = {}
    for first, end, blocks in hits:
        if end - first > allowance:
            break
        allowance -= end - first
        for block in blocks[first:end]:
            scores[block] = scores.get(block, 0) + 1
    if not scores:
        return None
    return min(scores, key=lambda block: (-scores[block], block))


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
        return (block for block in range(len(document)) if document.kinds[block] in TEXT_KINDS)

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
        # One folded text of all paragraphs, NUL-separated (no quote can hold a NUL):
        # few quotes cost a C-level find each, many share one pass (ManyFinder).
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
        needles = [_strip_marks(fold(quote.text)) for quote in quotes]
        finder = ManyFinder(body, needles, self.cancelled)
        targets: list[Target | None] = []
        for index, (quote, needle) in enumerate(zip(quotes, needles, strict=True)):
            if self.cancelled():  # a find may read the whole body: poll every quote
                return [None] * len(quotes)
            found = finder.find(index)
            if found == -1:
                targets.append(self._heading(quote.section))
                continue
            paragraph = bisect_right(offsets, found) - 1
            block, start = blocks[paragraph], found - offsets[paragraph]
            targets.append(Target(block, document.section_of[block], start, start + len(needle)))
        return targets

    def points(self, points: Sequence[TalkingPoint]) -> list[Target | None]:
        """The paragraph that best supports each point (see the module rules).

        Each point is scored through an index of the paragraphs holding each
        word, its rarest words first: the cost grows with the briefing's size,
        not with points x paragraphs. Only a briefing too large for that
        (beyond :data:`POSTINGS_BUDGET`) leaves a point's commonest words out.
        """
        document = self.document
        wanted = [words(point.text) for point in points]
        postings = self._postings(set().union(*wanted))
        if postings is None:
            return [None] * len(points)
        allowance = max(POSTINGS_BUDGET // max(len(points), 1), POSTINGS_PER_POINT)
        ends = [*document.section_blocks[1:], len(document)]
        targets: list[Target | None] = []
        for index, point in enumerate(points):
            if index % 100 == 0 and self.cancelled():
                return [None] * len(points)
            section = self._section_index.get(point.section) if point.section else None
            span = None if section is None else (document.section_blocks[section], ends[section])
            block = _best_block(wanted[index], postings, span, allowance)
            if block is not None:
                targets.append(Target(block, document.section_of[block]))
            else:
                targets.append(self._heading(point.section))
        return targets

    def _postings(self, needed: set[str]) -> dict[str, list[int]] | None:
        """The paragraphs (in order) that hold each word in ``needed``; None if cancelled."""
        texts = self.document.texts
        postings: dict[str, list[int]] = {}
        if not needed:
            return postings
        for count, block in enumerate(self._paragraphs()):
            if count % 1000 == 0 and self.cancelled():
                return None
            for word in words(texts[block]) & needed:
                found = postings.get(word)
                if found is None:
                    postings[word] = [block]
                else:
                    found.append(block)
        return postings

    def quote(self, quote: Quote) -> Target | None:
        """Where one quote links to."""
        return self.quotes([quote])[0]

    def point(self, point: TalkingPoint) -> Target | None:
        """Where one talking point links to."""
        return self.points([point])[0]
