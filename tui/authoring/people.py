"""Who is who in an article: attribution lines, and people named with their titles.

Everything here is a heuristic; the import marks what it finds as a guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

CONNECTORS = frozenset(
    "of the for and on to at in de del della la le los las von van der den da di du al el"
    " bin".split()
)
"""Small words a title or a name may hold in lower case (``Secretary of State``)."""

MAX_ATTRIBUTION_WORDS = 10
MAX_PEOPLE = 50
"""People remembered per article: the name search stays linear in the text's length."""

_DASHES = "—–-―‒ \t"
_TITLES = (
    r"Vice[- ]President|President|Prime Minister|Foreign Minister|Minister|"
    r"Secretary of State|Secretary|Senator|Sen\.|Representative|Rep\.|Governor|Gov\.|Mayor|"
    r"Chancellor|Ambassador|General|Gen\.|Spokesperson|Spokesman|Spokeswoman|Chief|Judge|"
    r"Justice|Commissioner|Director|Chairman|Chairwoman|Chair|Leader|King|Queen|Pope|"
    r"Dr\.|Professor|Prof\."
)
_NAME_WORD = r"[^\W\d_][\w’'.-]*"
_TITLED = re.compile(rf"\b({_TITLES})\s+((?:{_NAME_WORD}\s+){{1,2}}{_NAME_WORD})")
_SAYING = r"(?:said|says|added|adds|told|tells|asked|explained|wrote|noted|recalled|insisted)"
_NAMED = rf"({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
_SAID_BY = re.compile(
    rf"[”\"]\s*(?:{_SAYING}\s+((?:[a-z][\w-]*\s+){{0,3}}){_NAMED}|{_NAMED}\s+{_SAYING}\b)"
)
"""A quotation's speaker named with a word of saying just after it: ``”, said John Smith``,
``”, said union leader John Smith`` (the lower-case words are the role), ``” Smith said``."""
_NOT_NAMES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday".split()
)
"""Capitalised words that end a speaker's name in ``said John Smith Tuesday``, not in it."""
_LEADING_TITLE = re.compile(rf"((?:\w+\s+)?(?:{_TITLES}))\s+")
"""A title before a name said to speak (``Foreign Minister`` Ana Torres): the role."""
_SENTENCE_END = re.compile(r"[.!?…][”\"’)\]]*\s+")
_POSSESSIVE = ("’s", "'s", "’", "'")


def capitalised(word: str) -> bool:
    """Whether the word's first letter is a capital (``US``, ``Vice-President``, ``Blinken``)."""
    for character in word:
        if character.isalpha():
            return character.isupper()
    return False


def _name_like(words: list[str]) -> bool:
    return bool(words) and all(capitalised(word) or word in CONNECTORS for word in words)


def split_attribution(line: str, strict: bool = True) -> tuple[str, str] | None:
    """``(speaker, role)`` from a credit line, or None if the line does not read as one.

    ``US Secretary of State Antony Blinken`` gives ``("Antony Blinken", "US Secretary of
    State")``: the name is the last two capitalised words, the role the words before.
    ``Antony Blinken, US Secretary of State`` gives the same; the role may have lower-case
    words (``UN envoy Mark Stone``). ``strict`` (for a line that only its place marks as a
    credit) also wants its first word capitalised.
    """
    text = line.strip().lstrip(_DASHES)
    words = text.split()
    if not 2 <= len(words) <= MAX_ATTRIBUTION_WORDS or (strict and not capitalised(words[0])):
        return None
    name, comma, role = text.partition(",")
    if comma and 2 <= len(name.split()) <= 3 and _name_like(name.split()) and role.strip():
        return " ".join(name.split()), " ".join(role.split())
    if not (capitalised(words[-1]) and capitalised(words[-2])):
        return None
    if words[-1] in CONNECTORS or words[-2] in CONNECTORS:
        return None
    return " ".join(words[-2:]), " ".join(words[:-2]).rstrip(",")


def _strip_possessive(name: str) -> str:
    for ending in _POSSESSIVE:
        if name.endswith(ending):
            return name[: -len(ending)]
    return name.rstrip(".")


@dataclass
class People:
    """The people an article names: from credit lines, and titled names in its text."""

    roles: dict[str, str] = field(default_factory=dict)
    """Full name to role ("" when unknown), in the order first met."""
    _pattern: re.Pattern[str] | None = None
    _by_word: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, role: str) -> None:
        """Remember a person (the first role given wins; at most :data:`MAX_PEOPLE`)."""
        if name not in self.roles and len(self.roles) < MAX_PEOPLE:
            self.roles[name] = role
            self._pattern = None

    def add_titled(self, text: str) -> None:
        """Remember the people named with a title in ``text`` (``President Joe Biden``)."""
        for match in _TITLED.finditer(text):
            words = _strip_possessive(match.group(2)).split()
            while words and not capitalised(words[-1]):
                words.pop()
            if len(words) >= 2 and _name_like(words):
                self.add(" ".join(words), match.group(1))

    def add_quoted(self, text: str) -> None:
        """Remember the people ``text`` names as saying a quotation (``”, said John Smith``)."""
        for match in _SAID_BY.finditer(text):
            name, role = match.group(2) or match.group(3), (match.group(1) or "").split()
            titled = _LEADING_TITLE.match(name)
            if titled:
                role.append(titled.group(1))
                name = name[titled.end() :]
            words = [_strip_possessive(word.rstrip(",;:")) for word in name.split()]
            while words and (words[-1] in _NOT_NAMES or not capitalised(words[-1])):
                words.pop()
            if len(words) >= 2 and _name_like(words):
                self.add(" ".join(words), " ".join(role))

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.roles:
            self._by_word = {}
            for name in self.roles:
                self._by_word.setdefault(name, name)
                self._by_word.setdefault(name.split()[-1], name)
            names = sorted(self._by_word, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)"
            )
        return self._pattern

    def mentions(self, text: str) -> list[tuple[int, str]]:
        """Where known people are named in ``text`` (by full name or surname), in order."""
        pattern = self._compiled()
        if pattern is None:
            return []
        return [(match.start(), self._by_word[match.group()]) for match in pattern.finditer(text)]


class Speakers:
    """Who is named around a place in one text: built once per text, asked once per quote."""

    def __init__(self, text: str, mentions: list[tuple[int, str]]) -> None:
        self.text_length = len(text)
        self.ends = [match.end() for match in _SENTENCE_END.finditer(text)] if mentions else []
        self.positions = [at for at, _ in mentions]
        self.names = [name for _, name in mentions]

    def near(self, start: int, end: int) -> str | None:
        """The person named in the sentence of ``[start, end)``: nearest before, else after."""
        if not self.names:
            return None
        index = bisect.bisect_right(self.ends, start)
        sentence_start = self.ends[index - 1] if index else 0
        sentence_end = self.ends[index] if index < len(self.ends) else self.text_length
        before = bisect.bisect_left(self.positions, start) - 1
        if before >= 0 and self.positions[before] >= sentence_start:
            return self.names[before]
        after = bisect.bisect_left(self.positions, end)
        if after < len(self.positions) and self.positions[after] < sentence_end:
            return self.names[after]
        return None
