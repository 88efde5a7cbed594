"""The briefing model: plain frozen dataclasses, free of any UI code.

Every string here has already been sanitised by the loader (see
:mod:`tui.text`), so any part of the program may display it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.format.problems import Problem


@dataclass(frozen=True)
class Source:
    """Where the briefing comes from."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class BlockQuote:
    """Words quoted at length in the article, set apart from the reporting, and who said them."""

    text: str
    speaker: str | None = None
    role: str | None = None
    attribution: str | None = None
    """The attribution as the article words it ("US Secretary of State Antony Blinken")."""

    @property
    def credit(self) -> str | None:
        """The line under the quote: the attribution as written, else ``Speaker, Role``."""
        if self.attribution:
            return self.attribution
        if self.speaker:
            return f"{self.speaker}, {self.role}" if self.role else self.speaker
        return self.role


@dataclass(frozen=True)
class ListBlock:
    """A list in the article: bulleted, or numbered from 1."""

    items: tuple[str, ...]
    numbered: bool = False


Block = str | BlockQuote | ListBlock
"""One block of a section's body: a paragraph (its text), a block quote or a list."""


def block_texts(block: Block) -> tuple[str, ...]:
    """Every text a block shows: a paragraph's, a quote's and its credit, a list's items."""
    if isinstance(block, str):
        return (block,)
    if isinstance(block, BlockQuote):
        credit = block.credit
        return (block.text, credit) if credit else (block.text,)
    return block.items


@dataclass(frozen=True)
class Section:
    """One navigable part of the article body."""

    id: str
    heading: str
    blocks: tuple[Block, ...]
    """Paragraphs, block quotes and lists in order; every text whitespace-normalised,
    with inline Markdown as written."""
    lines: tuple[int, ...] = field(default=(), compare=False)
    """The line of the file where each text of the body starts, one per text of
    :func:`block_texts` over :attr:`blocks` in order (empty when not read from a file)."""
    heading_line: int = field(default=0, compare=False)
    """The line of the file where the heading is written (0 when not read from a file)."""


@dataclass(frozen=True)
class TalkingPoint:
    """One talking point, optionally tied to the section that supports it."""

    text: str
    section: str | None = None
    line: int = field(default=0, compare=False)
    """The line of the file where its text starts (0 when not read from a file)."""


@dataclass(frozen=True)
class Quote:
    """A quoted passage and who said it."""

    speaker: str
    text: str
    role: str | None = None
    section: str | None = None
    position: tuple[int, int] = field(default=(0, 0), compare=False)
    """The line and column of its text in the file ((0, 0) when not read from a file)."""

    @property
    def attribution(self) -> str:
        """``Speaker, Role`` or just ``Speaker``."""
        return f"{self.speaker}, {self.role}" if self.role else self.speaker


@dataclass(frozen=True)
class Briefing:
    """A whole briefing, as loaded from one file."""

    title: str
    sections: tuple[Section, ...]
    subtitle: str | None = None
    summary: str | None = None
    location: str | None = None
    language: str | None = None
    """The language it is written in, a BCP 47 tag (``en``, ``es-CO``), or None if not said."""
    source: Source | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    talking_points: tuple[TalkingPoint, ...] = ()
    quotes: tuple[Quote, ...] = ()
    path: str = field(default="", compare=False)
    """Where the briefing was read from (for messages and state), not its content."""
    title_line: int = field(default=0, compare=False)
    """The line of the file where the title is written (0 when not read from a file)."""

    def section_index(self, section_id: str) -> int | None:
        """The position of the section with ``section_id``, or None."""
        for index, section in enumerate(self.sections):
            if section.id == section_id:
                return index
        return None

    @property
    def paragraph_count(self) -> int:
        """How many paragraphs the body holds (not counting block quotes and lists)."""
        return sum(isinstance(block, str) for section in self.sections for block in section.blocks)

    @property
    def contents(self) -> str:
        """What the briefing holds: ``5 sections, 7 paragraphs, 1 list, 7 talking points, …``."""
        blocks = [block for section in self.sections for block in section.blocks]
        counts = [
            (len(self.sections), "section"),
            (self.paragraph_count, "paragraph"),
            (sum(isinstance(block, BlockQuote) for block in blocks), "block quote"),
            (sum(isinstance(block, ListBlock) for block in blocks), "list"),
            (len(self.talking_points), "talking point"),
            (len(self.quotes), "quote"),
        ]
        return ", ".join(
            f"{count:,} {noun}{'' if count == 1 else 's'}"
            for count, noun in counts
            if count or noun not in ("block quote", "list")
        )


@dataclass
class Loaded:
    """A briefing that loaded, with any warnings about it.

    It lives here, not in :mod:`tui.format.loader`, so that receiving one from the
    background load (see :mod:`tui.cli.preload`) does not import the YAML parser.
    """

    briefing: Briefing
    warnings: list[Problem] = field(default_factory=list)
