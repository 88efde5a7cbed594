"""What ``y`` copies: a talking point, a quote with its speaker, or a block of the article.

The copy is plain text as the reader shows it: sanitised (no control
character, nothing that is markup anywhere), inline Markdown marks removed
from the article's text, one line per paragraph, quote or list item. With a
source in the briefing, a last line cites it: ``Source: name, date, URL``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.dates import readable_date
from tui.document import HEADING, BodyDocument
from tui.model import Block, BlockQuote, Briefing, ListBlock, block_texts
from tui.text import normalize_space, sanitize
from tui.urls import is_web_url

OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
DASH = " — "
BULLET = "•"


@dataclass(frozen=True)
class Copied:
    """Text for the clipboard and what it is."""

    kind: str
    """``talking point``, ``quote``, ``paragraph``, ``block quote`` or ``list``."""
    text: str
    """The text, then (with a source) the line that cites it."""
    cited: bool = False
    """True when the last line cites the briefing's source."""


def one_line(text: str) -> str:
    """``text`` sanitised (again: harmless if it was) and on one line with single spaces."""
    return normalize_space(sanitize(text))


def source_line(briefing: Briefing) -> str | None:
    """``Source: name, date, URL`` (the fields there are), or None without a source."""
    source = briefing.source
    if source is None:
        return None
    fields = [
        one_line(source.name),
        one_line(readable_date(briefing.published)) if briefing.published else "",
        one_line(source.url) if source.url and is_web_url(source.url) else "",
    ]
    shown = [field for field in fields if field]
    return "Source: " + ", ".join(shown) if shown else None


def quoted(text: str, credit: str | None) -> str:
    """``“text” — credit`` (or just ``“text”``)."""
    words = f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"
    return f"{words}{DASH}{credit}" if credit else words


def _copied(briefing: Briefing, kind: str, text: str) -> Copied:
    cite = source_line(briefing)
    return Copied(kind, f"{text}\n{cite}" if cite else text, cited=cite is not None)


def point_copy(briefing: Briefing, index: int) -> Copied:
    """Talking point ``index``, as written."""
    return _copied(briefing, "talking point", one_line(briefing.talking_points[index].text))


def quote_copy(briefing: Briefing, index: int) -> Copied:
    """Quote ``index`` in quotation marks, with who said it."""
    quote = briefing.quotes[index]
    return _copied(briefing, "quote", quoted(one_line(quote.text), one_line(quote.attribution)))


def text_block(document: BodyDocument, position: tuple[int, int]) -> int | None:
    """The block of the article's text at ``position`` (a block and a character offset).

    A heading, or the spacing under a block, gives the next block of text
    (the last one, at the very end); None when the article has no text.
    """
    block, offset = position
    kinds = document.kinds
    if kinds[block] != HEADING and offset <= len(document.texts[block]):
        return block
    for later in range(block + 1, len(document)):
        if kinds[later] != HEADING:
            return later
    for earlier in range(min(block, len(document) - 1), -1, -1):
        if kinds[earlier] != HEADING:
            return earlier
    return None


def model_block(briefing: Briefing, document: BodyDocument, block: int) -> tuple[Block, int]:
    """The paragraph, block quote or list that document ``block`` belongs to, and its first block.

    ``block`` is not a heading.
    """
    section = document.section_of[block]
    first = document.section_blocks[section] + 1
    for found in briefing.sections[section].blocks:
        size = len(block_texts(found))
        if block < first + size:
            return found, first
        first += size
    raise ValueError(f"block {block} is not in the article's text")


def block_copy(
    briefing: Briefing, document: BodyDocument, position: tuple[int, int]
) -> Copied | None:
    """The paragraph, block quote (with its credit) or whole list at ``position``.

    None when the article has no text to copy.
    """
    block = text_block(document, position)
    if block is None:
        return None
    found, first = model_block(briefing, document, block)
    texts = document.texts  # as shown: inline Markdown marks removed
    if isinstance(found, str):
        return _copied(briefing, "paragraph", one_line(texts[first]))
    if isinstance(found, BlockQuote):
        credit = one_line(texts[first + 1]) if found.credit else None
        return _copied(briefing, "block quote", quoted(one_line(texts[first]), credit))
    return _copied(
        briefing, "list", list_text(found, [texts[first + i] for i in range(len(found.items))])
    )


def list_text(listed: ListBlock, items: list[str]) -> str:
    """A list's items (as shown), one a line: ``• item``, or ``1. item`` numbered."""
    return "\n".join(
        f"{f'{number}.' if listed.numbered else BULLET} {one_line(item)}"
        for number, item in enumerate(items, start=1)
    )


def preview(copied: Copied, limit: int = 60) -> str:
    """The copied text's first line, cut to ``limit`` characters with "…"."""
    first, _, rest = copied.text.partition("\n")
    more = bool(rest) and not (copied.cited and "\n" not in rest)
    if len(first) > limit or more:
        return first[: limit - 1].rstrip() + "…"
    return first
