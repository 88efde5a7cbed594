"""Search results on screen: a hit as styled text (never markup), and where it opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from tui.document.source_lines import block_of_line
from tui.library.index import Hit
from tui.text import clip, normalize_space, sanitize_line

if TYPE_CHECKING:
    from tui.ui.screens.library_reader import LibraryReaderScreen

MARK_STYLE = "bold reverse"
KINDS = {"title": "title", "body": "article", "point": "talking point", "quote": "quote"}
SHOWN = 300
"""Most characters of a snippet shown."""


def hit_content(hit: Hit, with_title: bool = True) -> Content:
    """The briefing's title, the day it was published and the section on one line, the
    snippet with its marks under it."""
    where = [KINDS.get(hit.part, hit.part)]
    if hit.heading:
        where.append(hit.heading)
    if hit.published:
        where.insert(0, sanitize_line(hit.published))
    head = Content.styled(clip(hit.title, 120), "bold") if with_title else Content("")
    place = Content.styled(" · ".join(where), "$text-muted")
    snippet = Content(clip(hit.snippet, SHOWN))
    for start, end in hit.marks:
        if 0 <= start < end <= len(snippet.plain):
            snippet = snippet.stylize(MARK_STYLE, start, end)
    top = Content.assemble(head, "  ", place) if with_title else place
    return Content.assemble(top, "\n", snippet)


def open_at_hit(reader: LibraryReaderScreen, hit: Hit) -> None:
    """Set ``reader`` to open at the passage of ``hit`` (a quote's or point's, or a line's);
    in the article, with its first marked words (a phrase's, all of them) found from there."""
    briefing = reader.briefing
    if hit.kind == "quote":
        for index, quote in enumerate(briefing.quotes):
            if hit.line is not None and quote.position[0] == hit.line:
                reader.open_quote = index
                return
        said = normalize_space(hit.snippet).strip("…")
        for index, quote in enumerate(briefing.quotes):
            if said and said in normalize_space(quote.text):
                reader.open_quote = index
                return
    if hit.kind == "point":
        said = normalize_space(hit.snippet).strip("…")
        for index, point in enumerate(briefing.talking_points):
            if said and said in normalize_space(point.text):
                reader.open_point = index
                return
    if hit.line is not None and hit.kind == "body":
        reader.start = (block_of_line(briefing, reader.document, hit.line), 0)
    if hit.marks and hit.kind == "body":
        start, end = hit.marks[0]
        for after, last in hit.marks[1:]:  # words marked one after the other: a phrase
            if after < end or hit.snippet[end:after].strip():
                break
            end = last
        reader.find = hit.snippet[start:end]
