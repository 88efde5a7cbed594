"""An article, as text or Markdown, to a briefing draft: the import's entry point."""

from __future__ import annotations

import re

from tui.authoring.draft import Draft
from tui.authoring.enrich import finish

FORMATS = ("text", "markdown")
"""The kinds of article ``import`` reads."""

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_END = re.compile(r"\r\n?|[\u2028\u2029]")


def format_of(name: str) -> str:
    """The format an article's file name suggests: ``markdown`` for ``.md`` files, else text."""
    return "markdown" if name.lower().endswith(MARKDOWN_SUFFIXES) else "text"


def without_controls(text: str) -> tuple[str, int]:
    """``text`` with ``\\n`` line ends and no control characters, and how many were removed."""
    text = _LINE_END.sub("\n", text.removeprefix("\ufeff"))
    cleaned, removed = _CONTROL.subn("", text)
    return cleaned.expandtabs(4), removed


def import_article(text: str, kind: str) -> Draft:
    """A draft of the article ``text``, read as ``kind`` (one of :data:`FORMATS`)."""
    text, removed = without_controls(text)
    if kind == "markdown":
        from tui.authoring.markdown import parse_markdown

        draft = parse_markdown(text)
    else:
        from tui.authoring.plaintext import parse_text

        draft = parse_text(text)
    if removed:
        draft.notes.append(f"{removed:,} control characters were removed from the article")
    finish(draft)
    return draft
