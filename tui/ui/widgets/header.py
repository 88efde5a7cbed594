"""The briefing header: title, then a line of whatever metadata the file has."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.dates import readable_date
from tui.model import Briefing
from tui.text import clip, normalize_space

SEPARATOR = "  ·  "
"""Between the fields of the metadata line (a tag and the next are a space apart)."""
MORE = "…"
"""Ends a metadata line that left some items out."""
SHOWN = 1000
"""Most characters of a field the header takes: more than two lines of the widest terminal
show, so that a title of megabytes is not wrapped whole to show two lines of it."""


def shown(text: str) -> str:
    """``text`` on one line, cut short (with "…") past what the header could ever show."""
    return clip(normalize_space(text), SHOWN)


def metadata_items(briefing: Briefing) -> list[list[str]]:
    """Source, date, location, authors and tags: the fields the file has, each a list of items.

    An item is shown whole or not at all; the tags are one field of many items.
    """
    fields = [
        [briefing.source.name] if briefing.source else [],
        [readable_date(briefing.published)] if briefing.published else [],
        [briefing.location] if briefing.location else [],
        [", ".join(briefing.authors)] if briefing.authors else [],
        [f"#{tag}" for tag in briefing.tags],
    ]
    return [[shown(item) for item in field] for field in fields if field]


def fit_line(fields: Sequence[Sequence[str]], width: int) -> str:
    """The fields on one line of ``width`` cells, leaving out whole items that do not fit.

    Items are kept in order up to the first one that does not fit, and the line
    then ends in "…". A first item wider than the whole line is cut short.
    """
    pieces = [
        (SEPARATOR if number and not index else " " if index else "", item)
        for number, field in enumerate(fields)
        for index, item in enumerate(field)
    ]
    line = ""
    for count, (gap, item) in enumerate(pieces):
        candidate = line + gap + item
        last = count == len(pieces) - 1
        if cell_len(candidate) > (width if last else width - cell_len(" " + MORE)):
            if not line:  # not even the first item fits: cut it
                return set_cell_size(item, width - 1) + MORE if width > 0 else ""
            return line + " " + MORE
        line = candidate
    return line


class MetadataLine(Widget):
    """One line of metadata fitted to its width, whole items at a time."""

    DEFAULT_CSS = """
    MetadataLine {
        height: 1;
        color: $text-muted;
    }
    """

    def __init__(self, fields: list[list[str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fields = fields

    def render(self) -> Content:
        return Content(fit_line(self.fields, self.size.width))


class BriefingHeader(Vertical):
    """The title in bold, the subtitle, and the metadata line, all as literal text."""

    DEFAULT_CSS = """
    BriefingHeader {
        height: auto;
        padding: 0 1;
        background: $panel;
        & > Static {
            height: auto;
            max-height: 2;
        }
    }
    """

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        briefing = self.briefing
        # The model keeps text as written; the header shows each field on one line.
        yield Static(_title(briefing), id="header-title")
        if briefing.subtitle:
            yield Static(_subtitle(briefing.subtitle), id="header-subtitle")
        fields = metadata_items(briefing)
        if fields:
            yield MetadataLine(fields, id="header-meta")

    def show(self, briefing: Briefing) -> None:
        """Show another version of the briefing's header in place (if it differs)."""
        old, self.briefing = self.briefing, briefing
        if (old.title, old.subtitle, metadata_items(old)) == (
            briefing.title,
            briefing.subtitle,
            metadata_items(briefing),
        ):
            return
        title = self.query_one("#header-title", Static)
        title.update(_title(briefing))
        subtitles = self.query("#header-subtitle").results(Static)
        subtitle = next(subtitles, None)
        if subtitle is not None and briefing.subtitle:
            subtitle.update(_subtitle(briefing.subtitle))
        elif subtitle is not None:
            subtitle.remove()
        elif briefing.subtitle:
            self.mount(Static(_subtitle(briefing.subtitle), id="header-subtitle"), after=title)
        fields = metadata_items(briefing)
        metas = self.query("#header-meta").results(MetadataLine)
        meta = next(metas, None)
        if meta is not None and fields:
            meta.fields = fields
            meta.refresh()
        elif meta is not None:
            meta.remove()
        elif fields:
            self.mount(MetadataLine(fields, id="header-meta"))


def _title(briefing: Briefing) -> Content:
    return Content.styled(shown(briefing.title), "bold")


def _subtitle(subtitle: str) -> Content:
    return Content.styled(shown(subtitle), "italic")
