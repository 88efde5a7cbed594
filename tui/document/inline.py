"""The inline Markdown subset of body text: ``*emphasis*``, ``**strong**``, ``[text](url)``.

Parsing gives the text a reader sees (markers removed) and the spans to
style; nothing else in a paragraph is special, and nothing here is markup
for Rich or Textual.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

SpanKind = Literal["strong", "emphasis", "link"]

_STAR = re.compile(r"\*\*([^*\s][^*]*+)(?<!\s)\*\*|\*([^*\s][^*]*+)(?<!\s)\*")
"""Strong (group 1) or emphasis (group 2) at a ``*``: it looks ahead to the next ``*`` only."""
_LINK = re.compile(r"\[([^\]]++)\]\((https?://[^\s()]++)\)")
"""A link at a ``[``: its label (group 1) and URL (group 2). It looks ahead to the next ``]``."""


class Span(NamedTuple):
    """A styled range of the plain text (a named tuple: made four times faster than a frozen
    dataclass, which counts when every paragraph of a large briefing is parsed)."""

    start: int
    end: int
    kind: SpanKind
    url: str | None = None


class Inline(NamedTuple):
    """A paragraph as shown: plain text and its styled spans."""

    plain: str
    spans: tuple[Span, ...] = ()


def parse_inline(source: str) -> Inline:
    """Split ``source`` into the text shown and its emphasis, strong and link spans.

    Spans are found left to right, the first that fits at each marker winning
    in this order: ``**strong**``, ``*emphasis*``, ``[label](url)``. Strong and
    emphasis text neither starts nor ends with a space and holds no ``*``; a
    label holds no ``]``; a URL is ``http(s)://`` and then no space or
    parenthesis. Markers are found with ``str.find`` and each is matched with
    one regular expression. The scan is linear: each ``*`` looks ahead only to
    the next ``*``, and once a ``[`` is no link, neither is any other ``[``
    before the same ``]``.
    """
    find = source.find
    star = find("*")
    bracket = find("[")
    if star == -1 and bracket == -1:
        return Inline(source)
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    position = 0  # where the text not yet in a span begins
    at = 0  # where the next marker is looked for
    while True:
        if star != -1 and star < at:
            star = find("*", at)
        if bracket != -1 and bracket < at:
            bracket = find("[", at)
        if star != -1 and (bracket == -1 or star < bracket):
            found = _STAR.match(source, star)
            if found is None:
                at = star + 1
                continue
            group = found.lastindex or 0
            kind: SpanKind = "strong" if group == 1 else "emphasis"
            url = None
        elif bracket != -1:
            found = _LINK.match(source, bracket)
            if found is None:
                # Every [ before the next ] has the same ] and the same (url) after it.
                close = find("]", bracket + 1)
                at = bracket + 1
                bracket = -1 if close == -1 else find("[", close + 1)
                continue
            group, kind, url = 1, "link", found.group(2)
        else:
            break
        start, end = found.span(group)
        if found.start() > position:
            before = source[position : found.start()]
            parts.append(before)
            length += len(before)
        parts.append(source[start:end])
        spans.append(Span(length, length + end - start, kind, url))
        length += end - start
        position = at = found.end()
    if not spans:
        return Inline(source)
    parts.append(source[position:])
    return Inline("".join(parts), tuple(spans))


def shown_text(source: str) -> str:
    """``parse_inline(source).plain``, faster when only the text is wanted (the plain-text
    export): text without ``[`` has its strong and emphasis markers removed by one
    substitution, which skips from ``*`` to ``*`` at C speed and makes no spans."""
    if "[" in source:
        return parse_inline(source).plain
    if "*" not in source:
        return source
    return _STAR.sub(_inner_text, source)


def _inner_text(found: re.Match[str]) -> str:
    return found.group(found.lastindex or 0)
