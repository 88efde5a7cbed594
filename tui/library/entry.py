"""One briefing of a library as its table row shows it: a small summary of the file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.format.problems import Problem

if TYPE_CHECKING:  # (a library lists its rows without the model of a briefing)
    from tui.model import Briefing


@dataclass(frozen=True)
class Entry:
    """A briefing file's row: what it is about and how much it holds, or why it does not load."""

    path: str
    """The file, as found by the scan (absolute)."""
    title: str
    """The briefing's title; for a file that does not load, its file name."""
    published: str | None = None
    """As written in the file (``YYYY-MM-DD`` or an ISO 8601 date-time)."""
    location: str | None = None
    language: str | None = None
    """A BCP 47 tag (``en``, ``es-CO``) if the file says; what a team archive stems by."""
    source: str | None = None
    """The source's name."""
    tags: tuple[str, ...] = ()
    points: int = 0
    quotes: int = 0
    blocks: int = 0
    """How many blocks the reader's body has: what a saved position's block counts, so
    ``position.block / blocks`` is how far it was read."""
    problem: str | None = None
    """For a file that does not load: its first error, ``LINE:COL: message``."""

    @property
    def day(self) -> str:
        """The day it was published, ``YYYY-MM-DD`` ("" if it does not say): what the
        indexes sort and filter by, and what results are dated with."""
        return (self.published or "")[:10]

    @property
    def failed(self) -> bool:
        """True for a file that does not load."""
        return self.problem is not None


def entry_of(path: str, briefing: Briefing) -> Entry:
    """The row of a briefing that loaded from ``path``."""
    from tui.document.layout import block_count

    return Entry(
        path=path,
        title=briefing.title,
        published=briefing.published,
        location=briefing.location,
        language=briefing.language,
        source=briefing.source.name if briefing.source else None,
        tags=briefing.tags,
        points=len(briefing.talking_points),
        quotes=len(briefing.quotes),
        blocks=block_count(briefing),
    )


def failed_entry(path: str, name: str, problems: list[Problem]) -> Entry:
    """The row of a file that does not load: named ``name``, with its first error."""
    errors = [problem for problem in problems if problem.is_error] or problems
    first = min(errors) if errors else None
    problem = f"{first.line}:{first.column}: {first.message}" if first else "cannot be read"
    return Entry(path=path, title=name, problem=problem)
