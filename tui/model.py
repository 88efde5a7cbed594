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
class Section:
    """One navigable part of the article body."""

    id: str
    heading: str
    paragraphs: tuple[str, ...]
    """Paragraph texts, whitespace-normalised, with inline Markdown as written."""


@dataclass(frozen=True)
class TalkingPoint:
    """One talking point, optionally tied to the section that supports it."""

    text: str
    section: str | None = None


@dataclass(frozen=True)
class Quote:
    """A quoted passage and who said it."""

    speaker: str
    text: str
    role: str | None = None
    section: str | None = None

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
    source: Source | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    talking_points: tuple[TalkingPoint, ...] = ()
    quotes: tuple[Quote, ...] = ()
    path: str = field(default="", compare=False)
    """Where the briefing was read from (for messages and state), not its content."""

    def section_index(self, section_id: str) -> int | None:
        """The position of the section with ``section_id``, or None."""
        for index, section in enumerate(self.sections):
            if section.id == section_id:
                return index
        return None

    @property
    def paragraph_count(self) -> int:
        """How many paragraphs the body holds."""
        return sum(len(section.paragraphs) for section in self.sections)


@dataclass
class Loaded:
    """A briefing that loaded, with any warnings about it.

    It lives here, not in :mod:`tui.format.loader`, so that receiving one from the
    background load (see :mod:`tui.cli.preload`) does not import the YAML parser.
    """

    briefing: Briefing
    warnings: list[Problem] = field(default_factory=list)
