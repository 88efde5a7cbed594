"""Finding many short texts in one long text, in time near-linear in their sizes.

``str.find`` reads the whole text for each needle that is not there: thousands
of quotes found nowhere in a large body cost quotes x body. :class:`ManyFinder`
reads the text once, noting where the words that needles hold occur; each
needle is then checked only where its rarest *inner* word stands (a word with
a non-word character on both sides inside the needle, so that wherever the
needle occurs, that word stands there whole).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence

_TOKEN = re.compile(r"\w+")

DIRECT_LIMIT = 400
"""Needles up to which each is looked for with ``str.find`` (C, about 2 GB/s) rather than
through the index (words read in Python, a few MB/s): their costs cross near 400."""
FIND_BUDGET = 400_000_000
"""Characters that whole-text finds may read in all, for needles with no inner word."""
CHECK_BUDGET = 4_000_000
"""Candidate places checked in all, one per 256 characters of needle (about a second)."""


def _inner_words(needle: str) -> list[tuple[str, int]]:
    """Each word of ``needle`` with non-word characters on both sides, and its offset."""
    end = len(needle)
    return [
        (match.group(), match.start())
        for match in _TOKEN.finditer(needle)
        if match.start() > 0 and match.end() < end
    ]


class ManyFinder:
    """The first place of each of many needles in ``text``, or -1.

    Exact, except past the budgets, which only a crafted file reaches: then a
    needle that would need a whole-text search is reported as not found.
    """

    def __init__(
        self,
        text: str,
        needles: Sequence[str],
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self.text = text
        self.needles = needles
        self.cancelled = cancelled
        self._direct = len(needles) <= DIRECT_LIMIT
        self._inner: list[list[tuple[str, int]]] = []
        self._places: dict[str, array[int]] = {}
        self._find_budget = FIND_BUDGET
        self._check_budget = CHECK_BUDGET
        if not self._direct:
            self._index()

    def _index(self) -> None:
        """Note every place of every word that some needle holds inside it."""
        wanted: set[str] = set()
        for needle in self.needles:
            inner = _inner_words(needle)
            self._inner.append(inner)
            wanted.update(word for word, _ in inner)
        places = self._places
        for count, match in enumerate(_TOKEN.finditer(self.text)):
            if count % 100_000 == 0 and self.cancelled():
                return
            word = match.group()
            if word in wanted:
                found = places.get(word)
                if found is None:
                    places[word] = found = array("q")
                found.append(match.start())

    def find(self, index: int) -> int:
        """Where needle ``index`` first occurs in the text, or -1."""
        needle = self.needles[index]
        if not needle:
            return -1
        if self._direct:
            return self.text.find(needle)
        inner = self._inner[index]
        if not inner:
            return self._find_whole(needle)
        word, offset = min(inner, key=lambda item: len(self._places.get(item[0], ())))
        places = self._places.get(word, ())
        cost = len(places) * (1 + len(needle) // 256)  # a check may compare the whole needle
        if cost > self._check_budget:
            return self._find_whole(needle)
        self._check_budget -= cost
        text = self.text
        for place in places:
            start = place - offset
            if start >= 0 and text.startswith(needle, start):
                return start
        return -1

    def _find_whole(self, needle: str) -> int:
        """``str.find`` over the whole text, while the budget lasts."""
        if self._find_budget < len(self.text):
            return -1
        self._find_budget -= len(self.text)
        return self.text.find(needle)
