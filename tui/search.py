"""Finding text in a briefing: every match of a query, counted, lit up and stepped through.

What is searched is what the panes show, in reading order: the article body
(headings, paragraphs, quotes and list items, inline Markdown markers
removed), then the talking points, then the quotes (each quote's words and
the line that says who said it). Each pane is a :class:`Corpus` of units, a
block of the body or a part of a list item each.

The rules, as in less and vim:

* the query is literal text (no pattern characters), its runs of spaces
  collapsed into one; curly and angled quote marks match straight ones;
* smart case: a query without a capital letter matches any case, one with a
  capital matches case exactly;
* matches do not overlap: the next one is looked for after the end of the last.

Counting stays linear however common the query: each pane's units are folded
and joined into one string once (:meth:`Corpus.build`, NUL between units, which
no query holds), and counted by ``str.count`` in chunks of about :data:`CHUNK` characters
(ending where no match can span the end), noting the count at each chunk's
start (:class:`Count`), so that a match's number is the count at its chunk
plus one short count. Nothing here
imports Textual; the counting runs in a worker thread of the reader and can be
cancelled between chunks.
"""

from __future__ import annotations

import threading
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tui.linking import fold as _fold_case
from tui.linking import straighten as _straighten

MAX_QUERY = 1000
"""Characters a query may hold (as less caps its search line); the rest is left out."""
CHUNK = 1 << 18
"""Characters counted in one step (about a millisecond): cancelling waits no longer."""
SEPARATOR = "\0"
"""Between the units of a joined corpus: never in a query, so no match spans two units."""

Cancelled = Callable[[], bool]


class _Unaccented(dict[int, int]):
    """``str.translate``'s table of a letter with accents to the letter alone (``é`` to
    ``e``, ``ñ`` to ``n``), one character to one, made as each character is first met;
    anything else, itself."""

    def __missing__(self, code: int) -> int:
        parts = unicodedata.normalize("NFD", chr(code))
        base = parts[0]
        if len(parts) > 1 and all(unicodedata.combining(mark) for mark in parts[1:]):
            self[code] = ord(base)
        else:
            self[code] = code
        return self[code]


_UNACCENTED = _Unaccented()


def straighten(text: str) -> str:
    """``text`` as a query with a capital compares it: quote marks straight, accents off
    (``Bogota`` finds ``Bogotá``, as the library's search does); the same length."""
    return text if text.isascii() else _straighten(text).translate(_UNACCENTED)


def fold(text: str) -> str:
    """``text`` as a query in lower case compares it: :func:`straighten`, in lower case;
    the same length, so that a match's offsets are the text's."""
    return text.lower() if text.isascii() else _fold_case(text.translate(_UNACCENTED))


def _never() -> bool:
    return False


@dataclass(frozen=True)
class Query:
    """What to look for: the text typed, and the needle matched against folded text."""

    text: str
    needle: str
    case_sensitive: bool

    @classmethod
    def parse(cls, text: str) -> Query | None:
        """The query for ``text`` (None if it has nothing but spaces)."""
        collapsed = " ".join(text.replace(SEPARATOR, " ").split())[:MAX_QUERY]
        if not collapsed:
            return None
        sensitive = any(char.isupper() for char in collapsed)  # smart case
        return cls(text, straighten(collapsed) if sensitive else fold(collapsed), sensitive)

    @property
    def key(self) -> tuple[str, bool]:
        """What decides the matches: two queries with the same key match the same text."""
        return self.needle, self.case_sensitive

    def fold(self, text: str) -> str:
        """``text`` as this query compares it (same length, so offsets carry over)."""
        return straighten(text) if self.case_sensitive else fold(text)


class Joined(NamedTuple):
    """A corpus folded one way, its units joined by :data:`SEPARATOR`."""

    text: str
    starts: array[int]
    """Where each unit starts in :attr:`text`."""

    def end(self, unit: int) -> int:
        """Where unit ``unit`` ends (its separator)."""
        return self.starts[unit + 1] - 1 if unit + 1 < len(self.starts) else len(self.text)

    def position(self, unit: int, offset: int) -> int:
        """The place of ``offset`` in ``unit`` (at most its end; past the last unit, the end)."""
        if unit >= len(self.starts):
            return len(self.text)
        return min(self.starts[unit] + offset, self.end(unit))

    def unit_at(self, position: int) -> tuple[int, int]:
        """The unit and offset of a place in :attr:`text`."""
        unit = bisect_right(self.starts, position) - 1
        return unit, position - self.starts[unit]


class Corpus:
    """The texts of one pane, a unit each, as the reader shows them.

    Until :meth:`build` has joined them (in a worker), finding goes unit by
    unit, folding each as it goes (what a first search typed straight after
    start-up needs).
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._joined: dict[bool, Joined] = {}
        self._lock = threading.Lock()  # one build at a time (a new query's worker waits)

    def __len__(self) -> int:
        return len(self.texts)

    def joined(self, case_sensitive: bool) -> Joined | None:
        """The units folded for a query of that case and joined, if :meth:`build` made them."""
        return self._joined.get(case_sensitive)

    def build(self, case_sensitive: bool, cancelled: Cancelled = _never) -> Joined | None:
        """Fold and join the units (once for each way of folding); None if cancelled first."""
        with self._lock:
            found = self._joined.get(case_sensitive)
            if found is not None:
                return found
            way = straighten if case_sensitive else fold
            folded: list[str] = []
            starts = array("q")
            position = 0
            for unit in range(len(self.texts)):
                if unit % 1000 == 0 and cancelled():
                    return None
                text = way(self.texts[unit])
                if SEPARATOR in text:  # (shown text never holds one: C0 shows as pictures)
                    text = text.replace(SEPARATOR, " ")
                folded.append(text)
                starts.append(position)
                position += len(text) + 1
            found = self._joined[case_sensitive] = Joined(SEPARATOR.join(folded), starts)
            return found

    def folded(self, unit: int, case_sensitive: bool) -> str:
        """One unit's text folded for a query of that case."""
        joined = self._joined.get(case_sensitive)
        if joined is None:
            return (straighten if case_sensitive else fold)(self.texts[unit])
        return joined.text[joined.starts[unit] : joined.end(unit)]

    def find(
        self, query: Query, unit: int, offset: int, *, backward: bool = False
    ) -> tuple[int, int] | None:
        """The unit and offset of the next match from ``offset`` in ``unit`` (no wrapping).

        Backward, the match must end at ``offset`` or before. A ``unit`` past
        the last stands for the corpus's end.
        """
        needle = query.needle
        joined = self._joined.get(query.case_sensitive)
        if joined is not None:
            position = joined.position(unit, offset)
            if backward:
                found = joined.text.rfind(needle, 0, position)
            else:
                found = joined.text.find(needle, position)
            return None if found == -1 else joined.unit_at(found)
        count = len(self.texts)
        if backward:
            if unit >= count:
                unit, offset = count - 1, -1
            for index in range(unit, -1, -1):
                text = query.fold(self.texts[index])
                end = len(text) if index != unit or offset < 0 else min(offset, len(text))
                found = text.rfind(needle, 0, end)
                if found != -1:
                    return index, found
            return None
        for index in range(unit, count):
            text = query.fold(self.texts[index])
            found = text.find(needle, offset if index == unit else 0)
            if found != -1:
                return index, found
        return None


class Match(NamedTuple):
    """A match: its pane (by position in reading order), unit and span of the unit's text."""

    pane: int
    unit: int
    start: int
    end: int


class Found(NamedTuple):
    """A match, and whether the search went round the end (or start) of the briefing to it."""

    match: Match
    wrapped: bool


Position = tuple[int, int, int]
"""A pane, a unit and an offset in it."""


def find_next(
    corpora: Sequence[Corpus], query: Query, start: Position, *, backward: bool = False
) -> Found | None:
    """The next (or previous) match from ``start``, pane after pane, wrapping round.

    Forward from the body the search goes on into the points, then the quotes,
    then round to the top of the body; backward the other way.
    """
    pane, unit, offset = start
    panes = len(corpora)
    for step in range(panes + 1):  # the last step comes back to the first pane's other part
        index = (pane - step if backward else pane + step) % panes
        if step == 0:
            at = unit, offset
        elif backward:
            at = len(corpora[index]), 0  # from its end
        else:
            at = 0, 0
        found = corpora[index].find(query, *at, backward=backward)
        if found is not None:
            match = Match(index, found[0], found[1], found[1] + len(query.needle))
            where = (match.pane, match.unit, match.start)
            return Found(match, where > start if backward else where < start)
    return None


@dataclass(frozen=True)
class Count:
    """How many matches a query has in each pane, with checkpoints to number any one of them."""

    query: Query
    totals: tuple[int, ...]
    checkpoints: tuple[tuple[array[int], array[int]], ...]
    """For each pane: places in its joined text, and the matches before each."""

    @property
    def total(self) -> int:
        """Matches in all panes."""
        return sum(self.totals)

    def ordinal(self, corpora: Sequence[Corpus], match: Match) -> int:
        """The number of ``match`` in reading order, from 1 (in the corpora counted)."""
        joined = corpora[match.pane].joined(self.query.case_sensitive)
        if joined is None:  # (never counted there)
            return 0
        places, before = self.checkpoints[match.pane]
        position = joined.position(match.unit, match.start)
        index = bisect_right(places, position) - 1
        within = joined.text.count(self.query.needle, places[index], position)
        return sum(self.totals[: match.pane]) + before[index] + within + 1


BOUNDARY_TRIES = 64
"""Places tried for a chunk's end inside a long unit before going on to the unit's end."""


def _boundary(joined: Joined, needle: str, at: int) -> int:
    """A place at or after ``at`` that no occurrence of ``needle`` spans (a chunk's end).

    The next unit's start, where it comes soon; inside a long unit, the first
    place that no occurrence straddles, so that counting on from it finds the
    same matches as counting on from the unit's start (matches do not overlap).
    """
    text, starts = joined
    if at >= len(text):
        return len(text)
    unit = bisect_right(starts, at) - 1
    unit_end = joined.end(unit) + 1  # (the next unit's start)
    if unit_end - at <= CHUNK // 4:
        return min(unit_end, len(text))
    size = len(needle)
    for _ in range(BOUNDARY_TRIES):
        straddling = text.find(needle, at - size + 1, at + size - 1)
        if straddling == -1 or straddling >= at:
            return at
        at = straddling + size
    return min(unit_end, len(text))


def count_matches(
    corpora: Sequence[Corpus], query: Query, cancelled: Cancelled = _never
) -> Count | None:
    """Count every match of ``query``, pane by pane, a chunk at a time; None if cancelled."""
    needle = query.needle
    totals: list[int] = []
    checkpoints: list[tuple[array[int], array[int]]] = []
    for corpus in corpora:
        joined = corpus.build(query.case_sensitive, cancelled)
        if joined is None:
            return None
        text = joined.text
        places, before = array("q", [0]), array("q", [0])
        total = position = 0
        while position < len(text):
            if cancelled():
                return None
            end = _boundary(joined, needle, position + CHUNK)
            total += text.count(needle, position, end)
            position = end
            places.append(position)
            before.append(total)
        totals.append(total)
        checkpoints.append((places, before))
    return Count(query, tuple(totals), tuple(checkpoints))


Span = tuple[int, int, bool]
"""A span of a unit's text to light up, and whether it is the current match."""


class Highlights:
    """The matches of a query in the lines of one pane being drawn (and which is current).

    Only the characters of the line asked about are searched (and a needle's
    length around them), so drawing costs the same however many matches the
    whole briefing has.
    """

    CACHED_UNITS = 64

    def __init__(self, corpus: Corpus, query: Query, current: Match | None = None) -> None:
        self.corpus = corpus
        self.query = query
        self.current = current
        """The current match, if it is in this pane."""
        self._folded: dict[int, str] = {}

    def spans(self, unit: int, start: int, end: int) -> list[Span]:
        """The matches in ``unit`` that overlap its characters ``start`` to ``end``."""
        if not 0 <= unit < len(self.corpus):
            return []
        text = self._folded.get(unit)
        if text is None:
            if len(self._folded) >= self.CACHED_UNITS:
                self._folded.clear()
            text = self._folded[unit] = self.corpus.folded(unit, self.query.case_sensitive)
        needle = self.query.needle
        size = len(needle)
        current = self.current
        current_start = current.start if current is not None and current.unit == unit else -1
        found: list[Span] = []
        limit = end + size - 1  # a match that starts before the line's end
        at = text.find(needle, max(0, start - size + 1), limit)
        while at != -1:
            found.append((at, at + size, at == current_start))
            at = text.find(needle, at + size, limit)
        shown = current_start >= 0 and current_start < end and current_start + size > start
        if shown and not any(span[2] for span in found):  # (overlapping needles: out of step)
            found.append((current_start, current_start + size, True))
        return found
