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
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat

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
_NOT_LETTERS = {code: " " for code in range(128) if not "a" <= chr(code) <= "z"}
"""Every ASCII character but the lower-case letters, made a space: an ASCII text's words, lowered
and translated with this, are its ``split()`` (with words of one or two letters)."""
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


_LOWER_LETTERS = bytes(
    code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 or code == 0 else 32
    for code in range(256)
)
"""A byte table: ASCII letters lowered, NUL kept, every other byte made a space."""


def _spaced_ascii(texts: list[str]) -> Iterator[str]:
    """Each of the ASCII ``texts`` lowered, with everything but letters a space.

    They go through one ``bytes.translate`` together, joined by NULs; a text
    that holds a NUL itself makes them go one by one (the same result).
    """
    spaced = "\0".join(texts).encode("ascii").translate(_LOWER_LETTERS).decode("ascii")
    pieces = spaced.split("\0")
    if len(pieces) == len(texts) or not texts:
        return iter(pieces)
    return (text.lower().translate(_NOT_LETTERS) for text in texts)


POSTINGS_BUDGET = 4_000_000
"""Paragraph hits counted for all talking points together (about a second of work)."""
POSTINGS_PER_POINT = 2_000
"""Hits each point may count however many points there are."""


VECTOR_SPAN = 1024
"""Blocks a point's candidates must span before its scores are summed as byte vectors."""
DENSE = 64
"""A word held by at least one block in this many of a span is counted as a vector."""


class _Vectors:
    """Each word's blocks as an integer with byte ``b`` set to 1 for block ``b``, made on demand.

    Adding such integers counts, in each byte, how many of the words a block
    holds (up to 255): one C-level addition per word instead of a step per block.
    """

    def __init__(self, postings: dict[str, list[int]], blocks: int) -> None:
        self.postings = postings
        self.blocks = blocks
        self._made: dict[str, int] = {}

    def __getitem__(self, word: str) -> int:
        made = self._made.get(word)
        if made is None:
            flags = bytearray(self.blocks)
            for block in self.postings[word]:
                flags[block] = 1
            made = self._made[word] = int.from_bytes(flags, "little")
        return made


_Hit = tuple[int, int, list[int], str]
"""A word's blocks within a span, ``blocks[first:end]``, as ``(first, end, blocks, word)``."""


def _counted(
    wanted: set[str], postings: dict[str, list[int]], span: tuple[int, int] | None, allowance: int
) -> list[_Hit]:
    """The words of ``wanted`` that score the blocks (within ``span`` if given), rarest first:
    a word held by more paragraphs than the ``allowance`` has left is skipped, with every
    commoner one."""
    hits: list[_Hit] = []
    for word in wanted:
        blocks = postings.get(word)
        if not blocks:
            continue
        if span is None:
            hits.append((0, len(blocks), blocks, word))
        else:
            first, end = bisect_left(blocks, span[0]), bisect_left(blocks, span[1])
            if first < end:
                hits.append((first, end, blocks, word))
    hits.sort(key=lambda hit: hit[1] - hit[0])
    counted: list[_Hit] = []
    for hit in hits:
        first, end = hit[0], hit[1]
        if end - first > allowance:
            break
        allowance -= end - first
        counted.append(hit)
    return counted


def _scores(counted: list[_Hit]) -> dict[int, int]:
    """How many of the counted words each block holds."""
    scores: dict[int, int] = {}
    for first, end, blocks, _ in counted:
        for block in blocks[first:end]:
            scores[block] = scores.get(block, 0) + 1
    return scores


def _best_block(
    wanted: set[str],
    postings: dict[str, list[int]],
    span: tuple[int, int] | None,
    allowance: int,
    vectors: _Vectors | None = None,
) -> int | None:
    """The block sharing most of ``wanted`` (the earliest of equals), within ``span`` if given.

    Words are taken rarest first; a word held by more paragraphs than the
    ``allowance`` has left is skipped, with every commoner one. Over a wide
    span, words held by many of its blocks are counted as byte vectors
    (:class:`_Vectors`); the scores are the same.
    """
    counted = _counted(wanted, postings, span, allowance)
    if not counted:
        return None
    low, high = span or (0, vectors.blocks if vectors else 0)
    if vectors is not None and high - low >= VECTOR_SPAN and len(counted) < 256:
        return _best_by_vectors(counted, vectors, low, high)
    scores = _scores(counted)
    return min(scores, key=lambda block: (-scores[block], block))


def _nearly_best_blocks(
    wanted: set[str], postings: dict[str, list[int]], allowance: int, most: int
) -> list[int]:
    """The blocks sharing most of ``wanted``, and those sharing one word fewer: at most
    ``most``, by score then in order (for a quote not found, each is worth aligning: the
    count of shared words does not see their order). Words are counted as
    :func:`_best_block` counts them."""
    scores = _scores(_counted(wanted, postings, None, allowance))
    if not scores:
        return []
    best = max(scores.values())
    near = sorted(
        (block for block, score in scores.items() if score >= best - 1),
        key=lambda block: (-scores[block], block),
    )
    return near[:most]


def _best_by_vectors(counted: list[_Hit], vectors: _Vectors, low: int, high: int) -> int:
    """:func:`_best_block`'s choice among blocks ``low`` to ``high``, with the words of dense
    hits added as vectors and the others block by block (fewer than 256 words: a byte each)."""
    summed = 0
    sparse: list[_Hit] = []
    for hit in counted:
        if (hit[1] - hit[0]) * DENSE >= high - low:
            summed += vectors[hit[3]]
        else:
            sparse.append(hit)
    scores = bytearray(summed.to_bytes(vectors.blocks, "little")[low:high])
    for first, end, blocks, _ in sparse:
        for block in blocks[first:end]:
            scores[block - low] += 1
    for score in range(len(counted), 0, -1):
        found = scores.find(score)
        if found != -1:
            return low + found
    raise AssertionError("a counted word holds no block of the span")


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
            texts.append(document.parsed(block)[0])
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
        vectors = _Vectors(postings, len(document))
        allowance = max(POSTINGS_BUDGET // max(len(points), 1), POSTINGS_PER_POINT)
        ends = [*document.section_blocks[1:], len(document)]
        targets: list[Target | None] = []
        for index, point in enumerate(points):
            if index % 100 == 0 and self.cancelled():
                return [None] * len(points)
            section = self._section_index.get(point.section) if point.section else None
            span = None if section is None else (document.section_blocks[section], ends[section])
            block = _best_block(wanted[index], postings, span, allowance, vectors)
            if block is not None:
                targets.append(Target(block, document.section_of[block]))
            else:
                targets.append(self._heading(point.section))
        return targets

    def nearly_best(self, texts: Sequence[str], most: int) -> list[list[int]]:
        """For each text, the blocks sharing most of its words or one fewer (at most
        ``most``, the best first): where a quote that is not in the article may come from."""
        wanted = [words(text) for text in texts]
        postings = self._postings(set().union(*wanted))
        if postings is None:
            return [[] for _ in texts]
        allowance = max(POSTINGS_BUDGET // max(len(texts), 1), POSTINGS_PER_POINT)
        return [_nearly_best_blocks(each, postings, allowance, most) for each in wanted]

    def _postings(self, needed: set[str]) -> dict[str, list[int]] | None:
        """The paragraphs (in order) that hold each word in ``needed``; None if cancelled.

        An ASCII paragraph's words are its runs of letters once everything else
        is made a space: the ASCII paragraphs, joined by NULs, are lowered and
        spaced by one ``bytes.translate`` (at C speed, no per-paragraph call),
        then each one is ``split``. These are the same words as :func:`words`
        gives, but for the short ones and the common ones, which no point wants.
        Each paragraph's words are appended to their lists by C-level ``map``.
        """
        if not needed:
            return {}
        parsed = self.document.parsed
        blocks: list[int] = []
        texts: list[str] = []
        for count, block in enumerate(self._paragraphs()):
            if count % 1000 == 0 and self.cancelled():
                return None
            blocks.append(block)
            texts.append(parsed(block)[0])
        spaced = _spaced_ascii([text for text in texts if text.isascii()])
        lists: dict[str, list[int]] = {word: [] for word in needed}
        list_of, append, intersection = lists.__getitem__, list.append, needed.intersection
        for count, (block, text) in enumerate(zip(blocks, texts, strict=True)):
            if count % 1000 == 0 and self.cancelled():
                return None
            found = intersection(next(spaced).split()) if text.isascii() else words(text) & needed
            deque(map(append, map(list_of, found), repeat(block)), 0)
        return {word: found_in for word, found_in in lists.items() if found_in}

    def quote(self, quote: Quote) -> Target | None:
        """Where one quote links to."""
        return self.quotes([quote])[0]

    def point(self, point: TalkingPoint) -> Target | None:
        """Where one talking point links to."""
        return self.points([point])[0]
