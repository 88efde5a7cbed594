"""A briefing draft: what an import recovers from an article, each guess marked."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """A paragraph of the article, its text with inline Markdown."""

    text: str
    note: str = ""
    """Why it was guessed to be a paragraph, if it might be something else ("" for none)."""


@dataclass
class BlockQuote:
    """Words quoted at length, and who said them as far as the article says."""

    text: str
    speaker: str = ""
    role: str = ""
    attribution: str = ""
    note: str = ""


@dataclass
class ListBlock:
    """A bulleted or numbered list."""

    items: list[str]
    numbered: bool = False
    note: str = ""


Block = Paragraph | BlockQuote | ListBlock


@dataclass
class Section:
    """A heading and the blocks under it."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    note: str = ""
    """Why the heading is a guess ("" when the article marks it as a heading)."""
    id: str = ""
    """Filled in by :func:`assign_ids`."""


@dataclass
class Point:
    """A talking point, tied to a section."""

    text: str
    section: str


@dataclass
class Quote:
    """A quoted passage, who said it and the section it is in."""

    text: str
    speaker: str
    section: str
    role: str = ""
    note: str = ""


@dataclass
class Draft:
    """A whole briefing draft."""

    title: str
    title_note: str = ""
    sections: list[Section] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    authors_note: str = ""
    source: str = ""
    """The publication's name ("" for none)."""
    source_url: str = ""
    """The article's http(s) address ("" for none; only with a ``source``)."""
    source_note: str = ""
    published: str = ""
    """A ``YYYY-MM-DD`` date or ISO 8601 date-time ("" for none)."""
    published_note: str = ""
    talking_points: list[Point] = field(default_factory=list)
    points_note: str = ""
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Said at the top of the file: what the import did that the author should know."""


def assign_ids(sections: list[Section]) -> None:
    """Give each section a unique slug of its heading (``talks``, ``talks-2``, …)."""
    from tui.text import slugify

    taken: set[str] = set()
    next_suffix: dict[str, int] = {}  # per slug, the suffix to try next: no rescans from 2
    for section in sections:
        base = slugify(section.heading)[:60].strip("-") or "section"
        slug, suffix = base, next_suffix.get(base, 2)
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        next_suffix[base] = suffix
        taken.add(slug)
        section.id = slug
