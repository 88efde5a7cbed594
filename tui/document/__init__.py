"""The article body laid out as lines: blocks, inline spans, wrapping (no Textual)."""

from tui.document.layout import HEADING, PARAGRAPH, BodyDocument, BodyLayout, Target

__all__ = ["HEADING", "PARAGRAPH", "BodyDocument", "BodyLayout", "Target"]
