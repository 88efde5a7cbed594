"""A plain-text article read into a draft: headline, paragraphs, headings, lists, quotes.

The heuristics, each marked as a guess in the draft:

- Paragraphs are lines; in a text whose paragraphs are separated by blank lines and
  whose lines are short (wrapped), they are the runs of lines between blank lines.
- A *short line* (at most 16 words, no full stop or other closing punctuation) is,
  also as the last line of a wrapped paragraph whose line before ends a sentence:
  an attribution, when it follows a paragraph that reads as quoted speech (quotation
  marks, or "I", "we", "our"…) and reads as a title and a name
  (``US Secretary of State Antony Blinken``): the paragraph becomes a block quote;
  else the headline, the first one that is not followed by a list;
  else a section heading, when text follows it.
- ``- ``, ``* ``, ``•`` and ``1.`` lines are list items.
- ``By Name`` near the top is the byline.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from tui.authoring.draft import Block, BlockQuote, Draft, ListBlock, Paragraph, Section
from tui.authoring.enrich import clean, unquoted
from tui.authoring.people import split_attribution

MAX_SHORT_WORDS = 16
MAX_SHORT_CHARACTERS = 120
WRAPPED_UNDER = 100
"""A text with blank lines whose median line is shorter than this is wrapped: lines join."""
LEAD_HEADING = "Introduction"

_BULLET = re.compile(r"\s*(?:[-*•‣◦▪–]|(\d{1,3})[.)])\s+(?=\S)")
_CLOSED = re.compile(r"[.!?:;,…]['\"”’)\]]*$")
_SPEECH = re.compile(r"^[“\"‘]|\b(?:I|I’m|I'm|we|We|our|Our|my|My|me|us)\b")
_BYLINE = re.compile(r"(?i:by)\s+(.+)")


@dataclass
class _Unit:
    """A paragraph, list item or short line of the article, before it is classified."""

    text: str
    line: int
    bullet: bool = False
    numbered: bool = False


def _short(unit: _Unit) -> bool:
    text = unit.text
    return (
        not unit.bullet
        and len(text) <= MAX_SHORT_CHARACTERS
        and len(text.split()) <= MAX_SHORT_WORDS
        and not _CLOSED.search(text)
        and any(character.isalpha() for character in text)
    )


def _closing_line(lines: list[str], index: int) -> bool:
    """Whether a wrapped paragraph's line at ``index`` stands alone: a short line without a
    full stop, last before a blank line, after a line that ends a sentence (a credit)."""
    last = index + 1 == len(lines) or not lines[index + 1].strip()
    return (
        last
        and bool(_CLOSED.search(lines[index - 1].rstrip()))
        and _short(_Unit(clean(lines[index]), index + 1))
    )


def _heading_line(lines: list[str], median: float) -> bool:
    """Whether a unit's lines so far are one short line, far shorter than the text's lines
    (a wrapped paragraph's first line fills the width): a heading, with text right under
    it and no blank line between."""
    return (
        len(lines) == 1
        and len(lines[0].strip()) < median / 2
        and _short(_Unit(clean(lines[0]), 0))
        and not lines[0].startswith((" ", "\t"))
    )


def _units(text: str) -> list[_Unit]:
    """The article's paragraphs and list items, each with the line it starts on."""
    lines = text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    median = statistics.median(len(lines[index]) for index in filled) if filled else 0
    wrapped = (
        bool(filled)
        and len(filled) < filled[-1] - filled[0] + 1  # a blank line between two with text
        and median < WRAPPED_UNDER
    )
    units: list[_Unit] = []
    parts: list[list[str]] = []  # each unit's lines, joined at the end (no quadratic +=)
    joinable = False  # whether the next line may continue the last unit
    for number, line in enumerate(lines, 1):
        if not line.strip():
            joinable = False
            continue
        bullet = _BULLET.match(line)
        if bullet:
            units.append(_Unit("", number, True, bool(bullet.group(1))))
            parts.append([line[bullet.end() :]])
        elif (
            wrapped
            and joinable
            and not _closing_line(lines, number - 1)
            and not _heading_line(parts[-1], median)
        ):
            parts[-1].append(line)
        else:
            units.append(_Unit("", number))
            parts.append([line])
        joinable = wrapped
    for unit, lines_of_unit in zip(units, parts, strict=True):
        unit.text = clean(" ".join(lines_of_unit))
    return units


def _attribution(units: list[_Unit], index: int) -> tuple[str, str] | None:
    """``(speaker, role)`` if the short line at ``index`` credits the paragraph before it."""
    if index == 0:
        return None
    before = units[index - 1]
    if before.bullet or _short(before) or not _SPEECH.search(before.text):
        return None
    return split_attribution(units[index].text)


def parse_text(text: str) -> Draft:
    """A draft of the plain-text article ``text`` (control characters already removed)."""
    units = _units(text)
    kinds: list[str] = []
    credits: dict[int, tuple[str, str]] = {}
    headline: int | None = None
    authors: list[str] = []
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        credit = _attribution(units, index) if _short(unit) else None
        byline = _BYLINE.fullmatch(unit.text) if index < 5 and _short(unit) else None
        if unit.bullet:
            kinds.append("item")
        elif credit:
            credits[index] = credit
            kinds.append("credit")
        elif byline and split_attribution(byline.group(1)) is not None and not authors:
            authors = [byline.group(1)]
            kinds.append("byline")
        elif _short(unit) and headline is None and not (following and following.bullet):
            headline = index
            kinds.append("headline")
        elif _short(unit) and following is not None and not _short(following):
            kinds.append("heading")
        else:
            kinds.append("paragraph")
    draft = Draft(title="")
    if headline is not None:
        draft.title = units[headline].text
        draft.title_note = (
            f"headline (line {units[headline].line}: a short line without a full stop)"
        )
    draft.authors = authors
    if authors:
        draft.notes.append("the byline 'By …' is the list of authors")
    current = Section(LEAD_HEADING, note="heading (the article has none here: name this part)")
    draft.sections.append(current)
    for index, (unit, kind) in enumerate(zip(units, kinds, strict=True)):
        blocks: list[Block] = current.blocks
        if kind == "heading":
            current = Section(unit.text, note=f"heading (line {unit.line}: a short line)")
            draft.sections.append(current)
        elif kind == "item":
            last = blocks[-1] if blocks else None
            if isinstance(last, ListBlock) and last.numbered == unit.numbered:
                last.items.append(unit.text)
            else:
                blocks.append(ListBlock([unit.text], unit.numbered))
        elif kind == "credit" and blocks and isinstance(blocks[-1], Paragraph):
            speaker, role = credits[index]
            blocks[-1] = BlockQuote(
                unquoted(blocks[-1].text),
                speaker,
                role,
                unit.text.lstrip("—–-―‒ "),
                f"block quote (the paragraph before the credit on line {unit.line})",
            )
        elif kind == "paragraph" or kind == "credit":
            note = "paragraph (a short line, with no text under it)" if _short(unit) else ""
            blocks.append(Paragraph(unit.text, note))
    if not draft.title:
        first = next((unit.text for unit in units), "")
        draft.title = " ".join(first.split()[:12]) or "Untitled"
        draft.title_note = "headline (none found: the first words of the article)"
    return draft
