"""The inline Markdown subset of body text: ``*emphasis*``, ``**strong**``, ``[text](url)``.

Parsing gives the text a reader sees (markers removed) and the spans to
style; nothing else in a paragraph is special, and nothing here is markup
for Rich or Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["strong", "emphasis", "link"]

_INLINE = re.compile(
    r"\*\*(?P<strong>[^*\s](?:[^*]*?[^*\s])?)\*\*"
    r"|\*(?P<emphasis>[^*\s](?:[^*]*?[^*\s])?)\*"
    r"|\[(?P<label>[^\]]+)\]\((?P<url>https?://[^\s()]+)\)"
)


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
    """Split ``source`` into the text shown and its emphasis, strong and link spans."""
    if "*" not in source and "[" not in source:
        return Inline(source)
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    position = 0
    for match in _INLINE.finditer(source):
        before = source[position : match.start()]
        parts.append(before)
        length += len(before)
        kind: SpanKind
        if match.group("strong") is not None:
            inner, kind, url = match.group("strong"), "strong", None
        elif match.group("emphasis") is not None:
            inner, kind, url = match.group("emphasis"), "emphasis", None
        else:
            inner, kind, url = match.group("label"), "link", match.group("url")
        parts.append(inner)
        spans.append(Span(length, length + len(inner), kind, url))
        length += len(inner)
        position = match.end()
    parts.append(source[position:])
    return Inline("".join(parts), tuple(spans))
