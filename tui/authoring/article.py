"""An article, as text or Markdown, to a briefing draft: the import's entry point."""

from __future__ import annotations

import re

from tui.authoring.draft import Draft
from tui.authoring.enrich import finish
from tui.text import sanitize

FORMATS = ("text", "markdown", "html")
"""The kinds of article ``import`` reads (``html`` with the ``import`` extra)."""

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # controls, but tab and line ends
    r"\u202a-\u202e\u2066-\u2069\ud800-\udfff]"  # bidi controls, lone surrogates
)
"""Controls, bidi overrides and lone surrogates: what :func:`sanitize` would show as marks."""
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, clearing
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS…
    r"|\x1b[ -/]*[0-~]?"  # any other escape
)
"""Terminal escape sequences, whole: their payload is no text either (an OSC 52 left
``]52;c;aGk=`` in the draft's title once its controls were removed). An unterminated
string ends at the line's end; each match stops at the next escape, so it is linear."""
_LINE_END = re.compile(r"\r\n?|[\u2028\u2029]")


def format_of(name: str) -> str:
    """The format an article's file name suggests: ``markdown`` for ``.md`` files, ``html``
    for ``.html`` and ``.htm`` files, else text."""
    from tui.authoring.webpage import SUFFIXES

    lowered = name.lower()
    if lowered.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return "html" if lowered.endswith(SUFFIXES) else "text"


def without_controls(text: str) -> tuple[str, int]:
    """``text`` with ``\\n`` line ends and nothing the reader would not show, and how many
    characters were removed.

    Controls and the invisible characters :func:`sanitize` removes go here, so
    that the draft holds what the reader shows: a line of only invisible
    characters is a blank line, not a paragraph that reads "(no visible text)".
    """
    text = _LINE_END.sub("\n", text.removeprefix("\ufeff"))
    cleaned = sanitize(_CONTROL.sub("", _ESCAPE.sub("", text)))
    return cleaned.expandtabs(4), len(text) - len(cleaned)


def import_article(text: str, kind: str) -> Draft:
    """A draft of the article ``text``, read as ``kind`` (one of :data:`FORMATS`).

    ``html`` raises :class:`~tui.authoring.webpage.MissingExtraError` without the
    ``import`` extra, and :class:`~tui.authoring.webpage.NoArticleError` for a page
    with no article in it.
    """
    text, removed = without_controls(text)
    if kind == "html":
        from tui.authoring.webpage import parse_html

        draft, more = parse_html(text)
        removed += more
    elif kind == "markdown":
        from tui.authoring.markdown import parse_markdown

        draft = parse_markdown(text)
    else:
        from tui.authoring.plaintext import parse_text

        draft = parse_text(text)
    if removed:
        draft.notes.append(
            f"{removed:,} control or invisible characters were removed from the article"
        )
    finish(draft)
    return draft
