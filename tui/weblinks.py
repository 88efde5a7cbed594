"""The briefing's links, for the link list: its source's URL and the links in the article.

Only ``http`` and ``https`` URLs with a host are ever opened; any other
(``javascript:``, ``file:``, a URL with spaces or controls) is listed as
refused (:func:`tui.urls.is_web_url`). The loader and the inline parser already
take no other, but a model may be built by other code: the check is here too, where a
link is opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.document import BodyDocument
from tui.model import Briefing
from tui.text import normalize_space, sanitize
from tui.urls import is_web_url

SOURCE = "Source"
"""Where the source's URL is listed (in place of a section's heading)."""


@dataclass(frozen=True)
class WebLink:
    """One link of the briefing."""

    text: str
    """The link's text (the source's name, for the source)."""
    url: str
    where: str
    """The heading of its section, or :data:`SOURCE`."""
    allowed: bool
    """True if the link may be opened (``http`` or ``https``: :func:`is_web_url`)."""


def web_links(briefing: Briefing, document: BodyDocument | None = None) -> list[WebLink]:
    """The source's URL, then each link of the article in reading order, each URL once."""
    document = document or BodyDocument(briefing)
    found: list[WebLink] = []
    seen: set[str] = set()

    def add(text: str, url: str, where: str) -> None:
        if url not in seen:
            seen.add(url)
            # Checked as written; shown sanitised (a refused URL may hold anything).
            shown = WebLink(_one_line(text), sanitize(url), _one_line(where), is_web_url(url))
            found.append(shown)

    source = briefing.source
    if source is not None and source.url:
        add(source.name, source.url, SOURCE)
    sources = document.sources
    for block in range(len(document)):
        if "](" not in sources[block]:  # no link can be there: no need to parse it
            continue
        text = document.texts[block]
        heading = briefing.sections[document.section_of[block]].heading
        for span in document.spans[block]:
            if span.kind == "link" and span.url is not None:
                add(text[span.start : span.end], span.url, heading)
    return found


def _one_line(text: str) -> str:
    return normalize_space(sanitize(text))
