"""Markdown (CommonMark): headings, paragraphs, block quotes, lists; the inline markup kept.

Briefing text is text, not Markdown: every character a renderer would take as
markup is escaped with a backslash, so the page shows what the reader shows.
Only the body's own inline spans (``*emphasis*``, ``**strong**``,
``[label](url)``, see :mod:`tui.document.inline`) are written as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.document.inline import parse_inline
from tui.export.common import QUOTES, TALKING_POINTS, metadata, one_line
from tui.model import BlockQuote, Briefing

_ANYWHERE = re.compile(r"[\\`*_\[\]<>|~#]")
"""Markup wherever it stands: escapes, code, emphasis, links, HTML, tables, strikes,
headings' closing hashes."""
_ENTITY = re.compile(r"&(?=#?\w+;)")
"""An ampersand that begins an entity (``&amp;``, ``&#169;``)."""
_LINE_START = re.compile(r"^(?:[-+=>]|\d+(?=[.)]))")
"""Markup only at the start of a line: list markers, setext rules, quotes, numbered items."""
_URL = re.compile(r"[\\&()]")


def escape(text: str) -> str:
    """``text`` (one line) written so that a Markdown renderer shows it literally."""
    return _at_line_start(_escape_inner(text))


def inline(source: str) -> str:
    """Body text with its inline spans as Markdown and everything else escaped."""
    parsed = parse_inline(source)
    plain = parsed.plain
    if _is_literal(plain) and "\\" not in source and "&" not in source and "![" not in source:
        # Nothing to escape, and the spans written back are the source's own: strong and
        # emphasis markers, and links whose URLs hold nothing to escape (no ( or ) ever).
        return _at_line_start(source)
    parts: list[str] = []
    position = 0
    for span in parsed.spans:
        parts.append(_escape_inner(plain[position : span.start]))
        inner = _escape_inner(plain[span.start : span.end])
        if span.kind == "strong":
            parts.append(f"**{inner}**")
        elif span.kind == "emphasis":
            parts.append(f"*{inner}*")
        else:
            if parts[-1].endswith("!"):  # "![label](url)" would be an image
                parts[-1] = parts[-1][:-1] + "\\!"
            parts.append(f"[{inner}]({_url(span.url or '')})")
        position = span.end
    parts.append(_escape_inner(plain[position:]))
    return _at_line_start("".join(parts))


def _backslashed(match: re.Match[str]) -> str:
    """A match after a backslash (a call per match is faster than a template)."""
    return "\\" + match.group()


def _url(url: str) -> str:
    """A link's target, its backslashes, ampersands and parentheses taken literally."""
    return _URL.sub(_backslashed, url)


def _is_literal(text: str) -> bool:
    """True when ``text`` holds nothing :func:`_escape_inner` escapes: a find per character of
    :data:`_ANYWHERE` (and ``&``), at C speed, where the expression steps through every
    character."""
    return not (
        "\\" in text
        or "`" in text
        or "*" in text
        or "_" in text
        or "[" in text
        or "]" in text
        or "<" in text
        or ">" in text
        or "|" in text
        or "~" in text
        or "#" in text
        or "&" in text
    )


def _escape_inner(text: str) -> str:
    """Markup escaped wherever it stands in ``text``."""
    if _is_literal(text):
        return text
    text = _ANYWHERE.sub(_backslashed, text)
    return _ENTITY.sub("\\\\&", text) if "&" in text else text


def _at_line_start(text: str) -> str:
    """``text`` escaped where it would start a list, a quote or a rule."""
    found = _LINE_START.match(text)
    if found is None:
        return text
    if found.group()[0].isdigit():  # "1." and "1)" start a numbered list: escape the dot
        return text[: found.end()] + "\\" + text[found.end() :]
    return "\\" + text


def blocks(briefing: Briefing) -> Iterator[str]:
    """The document's blocks, each one or more lines, to be separated by blank lines."""
    yield f"# {escape(one_line(briefing.title))}"
    subtitle = one_line(briefing.subtitle or "")
    if subtitle:
        yield escape(subtitle)
    fields = [escape(field) for field in metadata(briefing)]
    if briefing.source and briefing.source.url:  # the first field: the source's name
        fields[0] = f"[{fields[0]}]({_url(briefing.source.url)})"
    if fields:
        yield " · ".join(fields)
    summary = one_line(briefing.summary or "")
    if summary:
        yield escape(summary)
    for section in briefing.sections:
        yield f"## {escape(section.heading)}"
        for block in section.blocks:
            if isinstance(block, str):
                yield inline(block)
            elif isinstance(block, BlockQuote):
                credit = f"\n>\n> — {escape(block.credit)}" if block.credit else ""
                yield f"> {inline(block.text)}{credit}"
            else:
                yield "\n".join(
                    f"{f'{number}.' if block.numbered else '-'} {inline(item)}"
                    for number, item in enumerate(block.items, start=1)
                )
    if briefing.talking_points:
        yield f"## {TALKING_POINTS}"
        yield "\n".join(f"- {escape(point.text)}" for point in briefing.talking_points)
    if briefing.quotes:
        yield f"## {QUOTES}"
        for quote in briefing.quotes:
            yield f"> {escape(quote.text)}\n>\n> — {escape(quote.attribution)}"


def render(briefing: Briefing, width: int = 80) -> str:
    """The briefing as a Markdown document (``width`` is not used: renderers wrap)."""
    return "\n\n".join(blocks(briefing)) + "\n"
