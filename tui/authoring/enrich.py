"""What a parsed article gives besides its body: section ids, talking points and quotes.

Shared by every input format: the lists become talking points; block quotes, and
passages in quotation marks (“…”), become quotes, each attributed to the person
named nearest to it in its sentence (else the person last named before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.authoring.draft import BlockQuote, Draft, ListBlock, Paragraph, Point, Quote, Section
from tui.authoring.people import People, Speakers
from tui.document.inline import parse_inline
from tui.text import has_visible_text

UNKNOWN_SPEAKER = "Unknown"
_QUOTED = re.compile(r"“([^“”]+)”|(?<![\w\"])\"([^\"\n]+)\"")
_OPENING, _CLOSING = "“\"‘'", "”\"’'"


def clean(text: str) -> str:
    """``text`` with its runs of whitespace made single spaces, as the reader shows it."""
    return " ".join(text.split())


def plain(text: str) -> str:
    """The text a reader sees of ``text``: its inline Markdown markers left out."""
    return parse_inline(text).plain


def unquoted(text: str) -> str:
    """``text`` without the quotation marks around the whole of it, if it has them."""
    if len(text) > 2 and text[0] in _OPENING and text[-1] in _CLOSING:
        inner = text[1:-1].strip()
        if inner and not any(mark in inner for mark in '“”"'):
            return inner
    return text


def _texts(section: Section) -> Iterator[str]:
    """Each text of a section where quotations are looked for, in order."""
    for block in section.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, ListBlock):
            yield from block.items


def _people(draft: Draft) -> People:
    people = People()
    for section in draft.sections:
        for block in section.blocks:
            if isinstance(block, BlockQuote) and block.speaker:
                people.add(block.speaker, block.role)
    people.add_titled(draft.title)
    for section in draft.sections:
        people.add_titled(section.heading)
        for text in map(plain, _texts(section)):
            people.add_titled(text)
            people.add_quoted(text)
    return people


def _quotations(draft: Draft, people: People) -> list[Quote]:
    quotes: list[Quote] = []
    last: str | None = None  # the person named last, for a quotation whose sentence names none
    for section in draft.sections:
        mentioned = people.mentions(section.heading)
        last = mentioned[-1][1] if mentioned else last
        for block in section.blocks:
            if isinstance(block, BlockQuote):
                speaker = block.speaker or last or UNKNOWN_SPEAKER
                note = "" if block.speaker else "speaker (the block quote names nobody)"
                role = block.role if block.speaker else people.roles.get(speaker, "")
                quotes.append(Quote(plain(block.text), speaker, section.id, role, note))
                last = block.speaker or last
                continue
            texts = [block.text] if isinstance(block, Paragraph) else block.items
            for text in map(plain, texts):
                mentions = people.mentions(text)
                speakers = Speakers(text, mentions)
                for match in _QUOTED.finditer(text):
                    words = clean(match.group(1) or match.group(2)).rstrip(",")
                    if len(words.split()) < 2:
                        continue  # a word in quotation marks is rarely a quotation
                    near = speakers.near(match.start(), match.end())
                    speaker = near or last or UNKNOWN_SPEAKER
                    if near:
                        note = "a quotation; its speaker is the person named in its sentence"
                    elif last:
                        note = "a quotation; its sentence names nobody: the person named last"
                    else:
                        note = "a quotation; nobody is named before it: who said it?"
                    quotes.append(
                        Quote(words, speaker, section.id, people.roles.get(speaker, ""), note)
                    )
                if mentions:
                    last = mentions[-1][1]
    return quotes


def _shown(block: Paragraph | ListBlock | BlockQuote) -> bool:
    """Whether the reader shows something of ``block`` (Hangul fillers alone, kept by the
    import's sanitising, read "(no visible text)"): a list keeps its items that show."""
    if isinstance(block, ListBlock):
        block.items = [item for item in block.items if has_visible_text(plain(item))]
        return bool(block.items)
    return has_visible_text(plain(block.text))


def finish(draft: Draft) -> None:
    """Give the draft's sections ids, and find its talking points and quotes."""
    from tui.authoring.draft import assign_ids

    for section in draft.sections:
        section.blocks = [block for block in section.blocks if _shown(block)]
    draft.sections = [section for section in draft.sections if section.blocks]
    if not draft.sections:
        draft.sections = [Section("Article", [Paragraph(draft.title)], "heading (no text)")]
    assign_ids(draft.sections)
    draft.talking_points = [
        Point(plain(item), section.id)
        for section in draft.sections
        for block in section.blocks
        if isinstance(block, ListBlock)
        for item in block.items
    ]
    if draft.talking_points:
        draft.points_note = "talking points: the items of the article's lists"
    draft.quotes = _quotations(draft, _people(draft))
