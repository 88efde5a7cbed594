"""The briefing header: title, then a line of whatever metadata the file has."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.model import Briefing
from tui.text import normalize_space

SEPARATOR = "  ·  "


def metadata_line(briefing: Briefing) -> str:
    """Subtitle, source, date, location and tags, as one line of plain text."""
    parts = [
        briefing.source.name if briefing.source else None,
        briefing.published,
        briefing.location,
        ", ".join(briefing.authors) if briefing.authors else None,
        " ".join(f"#{tag}" for tag in briefing.tags) if briefing.tags else None,
    ]
    return SEPARATOR.join(normalize_space(part) for part in parts if part)


class BriefingHeader(Vertical):
    """The title in bold, the subtitle, and the metadata line, all as literal text."""

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        briefing = self.briefing
        # The model keeps text as written; the header shows each field on one line.
        yield Static(Content.styled(normalize_space(briefing.title), "bold"), id="header-title")
        if briefing.subtitle:
            subtitle = normalize_space(briefing.subtitle)
            yield Static(Content.styled(subtitle, "italic"), id="header-subtitle")
        meta = metadata_line(briefing)
        if meta:
            yield Static(Content.styled(meta, "$text-muted"), id="header-meta")
