"""Names known to a file, and "did you mean" suggestions for misspelt ones, in bounded time.

:func:`difflib.get_close_matches` compares a word with every candidate in
Python, about 50 µs a pair for short ids: a crafted file with 2,000 misspelt
references among 2,000 sections took minutes. :class:`Names` gives the same
suggestion as that call would, once per distinct word, until a budget of
comparison work is spent; after that, misspelt names are still reported, only
without a suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

SUGGESTION_BUDGET = 500_000
"""Comparison work allowed per file, in characters of word × characters of candidates.

About 0.15 s at worst on a slow machine; an ordinary file (tens of sections,
a few misspellings) spends a few percent of it.
"""


class Names:
    """A set of names that can suggest the closest one to a name not in it."""

    def __init__(self, names: Iterable[str], budget: int = SUGGESTION_BUDGET) -> None:
        self._names = set(names)
        self._sorted = sorted(self._names)
        self._chars = sum(map(len, self._sorted))
        self._budget = budget
        self._cache: dict[str, str | None] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def suggest(self, word: str) -> str | None:
        """The name closest to ``word`` (as ``difflib.get_close_matches`` picks it), or None.

        None too once the budget is spent: the search is skipped, not cut short,
        so a suggestion given is always the one difflib would give.
        """
        if word in self._cache:
            return self._cache[word]
        cost = max(1, len(word)) * max(1, self._chars)
        if cost > self._budget:
            return None
        self._budget -= cost
        close = difflib.get_close_matches(word, self._sorted, n=1, cutoff=0.6)
        found = self._cache[word] = close[0] if close else None
        return found
