"""The article body laid out as lines: blocks, inline spans, wrapping (no Textual)."""

from tui.document.layout import (
    CREDIT,
    HEADING,
    ITEM,
    PARAGRAPH,
    QUOTE,
    TEXT_KINDS,
    BodyDocument,
    BodyLayout,
    Target,
)

__all__ = [
    "CREDIT",
    "HEADING",
    "ITEM",
    "PARAGRAPH",
    "QUOTE",
    "TEXT_KINDS",
    "BodyDocument",
    "BodyLayout",
    "Target",
]
