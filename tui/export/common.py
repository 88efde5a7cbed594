"""What the export formats share: the metadata line and where points and quotes link to."""

from __future__ import annotations

from dataclasses import dataclass

from tui.dates import readable_date
from tui.document import HEADING, BodyDocument, Target
from tui.linking import Linker
from tui.model import Briefing
from tui.text import normalize_space

TALKING_POINTS = "Talking points"
QUOTES = "Quotes"


def one_line(text: str) -> str:
    """A field on one line: runs of spaces, tabs and line breaks as one space."""
    return normalize_space(text)


def metadata(briefing: Briefing) -> list[str]:
    """Source, date, location, authors and tags, as the reader's header shows them."""
    fields = [
        briefing.source.name if briefing.source else "",
        readable_date(briefing.published) if briefing.published else "",
        briefing.location or "",
        ", ".join(briefing.authors),
        " ".join(f"#{tag}" for tag in briefing.tags),
    ]
    return [field for field in map(one_line, fields) if field]


@dataclass(frozen=True)
class Links:
    """Where each talking point and quote links to, as the reader's jumps go."""

    document: BodyDocument
    points: list[Target | None]
    quotes: list[Target | None]


def links(briefing: Briefing, document: BodyDocument | None = None) -> Links:
    """The body's blocks and the targets of the briefing's talking points and quotes."""
    document = document or BodyDocument(briefing)
    linker = Linker(briefing, document)
    return Links(document, linker.points(briefing.talking_points), linker.quotes(briefing.quotes))


def is_heading(document: BodyDocument, target: Target) -> bool:
    """True when ``target`` fell back to a section's heading."""
    return not target.exact or document.kinds[target.block] == HEADING
