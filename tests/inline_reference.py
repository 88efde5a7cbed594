"""The inline parser as it was before the export speed work (2026-11-30): the reference that
``tests/test_inline_reference.py`` compares :func:`tui.document.inline.parse_inline` with.

A verbatim copy of ``tui/document/inline.py`` at that time (a marker-by-marker scanner, frozen
dataclasses), kept here unchanged so that the comparison does not move with the code it checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["strong", "emphasis", "link"]

_MARKER = re.compile(r"[*\[]")
"""Where a span can begin."""
_URL = re.compile(r"https?://[^\s()]+\)")
"""A link's target and its closing parenthesis, matched just after ``](``."""


@dataclass(frozen=True, slots=True)
class Span:
    """A styled range of the plain text."""

    start: int
    end: int
    kind: SpanKind
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Inline:
    """A paragraph as shown: plain text and its styled spans."""

    plain: str
    spans: tuple[Span, ...] = ()


def parse_inline(source: str) -> Inline:
    """Split ``source`` into the text shown and its emphasis, strong and link spans.

    Spans are found left to right, the first that fits at each marker winning
    in this order: ``**strong**``, ``*emphasis*``, ``[label](url)``. Strong and
    emphasis text neither starts nor ends with a space and holds no ``*``; a
    label holds no ``]``; a URL is ``http(s)://`` and then no space or
    parenthesis. The scan is linear: each ``*`` looks ahead only to the next
    ``*``, and every ``[`` before the same ``]`` shares one look-ahead.
    """
    if "*" not in source and "[" not in source:
        return Inline(source)
    scanner = _Scanner(source)
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    position = 0
    found = _MARKER.search(source)
    while found is not None:
        start = found.start()
        span = scanner.star(start) if source[start] == "*" else scanner.link(start)
        if span is None:
            found = _MARKER.search(source, start + 1)
            continue
        end, inner_start, inner_end, kind, url = span
        before = source[position:start]
        parts.append(before)
        length += len(before)
        parts.append(source[inner_start:inner_end])
        spans.append(Span(length, length + inner_end - inner_start, kind, url))
        length += inner_end - inner_start
        position = end
        found = _MARKER.search(source, end)
    parts.append(source[position:])
    return Inline("".join(parts), tuple(spans))


_Found = tuple[int, int, int, SpanKind, str | None]
"""A span found at a marker: where it ends in the source, its inner text's bounds, kind, URL."""


class _Scanner:
    """The span starting at a marker, if any, looking ahead no more than the scan needs."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.bracket = -2
        """The last ``]`` found (-1: none to the end; -2: not looked for yet)."""
        self.url_at = -1
        """The ``]`` whose link target was last matched, and the match."""
        self.url: re.Match[str] | None = None

    def star(self, start: int) -> _Found | None:
        """``**strong**`` or ``*emphasis*`` at ``start`` (a ``*``)."""
        source = self.source
        if source.startswith("**", start):
            first = start + 2
            if first < len(source) and _may_edge(source[first]):
                close = source.find("*", first + 1)
                if (
                    close != -1
                    and _may_edge(source[close - 1])
                    and source[close + 1 : close + 2] == "*"
                ):
                    return close + 2, first, close, "strong", None
            return None  # a second * cannot begin emphasis
        first = start + 1
        if first < len(source) and _may_edge(source[first]):
            close = source.find("*", first + 1)
            if close != -1 and _may_edge(source[close - 1]):
                return close + 1, first, close, "emphasis", None
        return None

    def link(self, start: int) -> _Found | None:
        """``[label](url)`` at ``start`` (a ``[``)."""
        source = self.source
        if self.bracket == -2 or (self.bracket != -1 and self.bracket <= start):
            self.bracket = source.find("]", start + 1)
        close = self.bracket
        if close <= start + 1 or source[close + 1 : close + 2] != "(":
            return None  # no ], an empty label, or no ( after it
        if self.url_at != close:
            self.url_at, self.url = close, _URL.match(source, close + 2)
        if self.url is None:
            return None
        end = self.url.end()
        return end, start + 1, close, "link", source[close + 2 : end - 1]


def _may_edge(char: str) -> bool:
    """Whether ``char`` may begin or end strong or emphasis text."""
    return char != "*" and not char.isspace()
