"""A briefing file read for the index: its row and its passages (no SQL, no Textual).

This is what the parsing processes run, so it returns plain, cheaply pickled values.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple

from tui.library.entry import Entry, entry_of, failed_entry
from tui.model import Briefing, block_texts
from tui.text import sanitize_line

PassageRow = tuple[str, str, str, str, str, str | None, str | None, int | None]
"""A searchable piece of a briefing: ``(kind, title, quote, speaker, text, section,
heading, line)``. ``kind`` is ``title``, ``body``, ``point`` or ``quote``; ``title`` is
set for a ``title`` only, ``text`` is a body text, a point, or a title's subtitle and
summary. A plain tuple: the parsing processes send them by the hundred thousand, and a
NamedTuple's pickling and unpickling cost a Python call each (4x the time of a tuple's,
most of it in the process that writes the index)."""


def passage(
    kind: str,
    *,
    title: str = "",
    quote: str = "",
    speaker: str = "",
    text: str = "",
    section: str | None = None,
    heading: str | None = None,
    line: int | None = None,
) -> PassageRow:
    """A :data:`PassageRow`, by the names of its fields."""
    return (kind, title, quote, speaker, text, section, heading, line)


class Record(NamedTuple):
    """One file as read: its row and its passages (none for a file that does not load)."""

    path: str
    entry: Entry
    passages: list[PassageRow]


def plain(text: str) -> str:
    """Body text as the reader shows it: inline Markdown markers removed."""
    if "*" not in text and "[" not in text:
        return text
    from tui.document.inline import parse_inline

    return parse_inline(text).plain


def passages_of(briefing: Briefing) -> list[PassageRow]:
    """Every passage of a briefing, in reading order: title, body, points, quotes."""
    about = " ".join(part for part in (briefing.subtitle, briefing.summary) if part)
    found = [passage("title", title=briefing.title, text=about, line=briefing.title_line or None)]
    headings = {section.id: section.heading for section in briefing.sections}
    for section in briefing.sections:
        # The heading first, a passage of its own (a search for its words opens the section).
        found.append(
            passage(
                "body",
                text=section.heading,
                section=section.id,
                heading=section.heading,
                line=section.heading_line or None,
            )
        )
        texts = [text for block in section.blocks for text in block_texts(block)]
        lines: Sequence[int | None] = section.lines or [None] * len(texts)
        for text, line in zip(texts, lines, strict=False):
            found.append(
                passage(
                    "body", text=plain(text), section=section.id, heading=section.heading, line=line
                )
            )
    for point in briefing.talking_points:
        found.append(
            passage(
                "point",
                text=plain(point.text),
                section=point.section,
                heading=headings.get(point.section or ""),
                line=point.line or None,
            )
        )
    for quote in briefing.quotes:
        line = quote.position[0] or None
        found.append(
            passage(
                "quote",
                quote=quote.text,
                speaker=quote.speaker,
                section=quote.section,
                heading=headings.get(quote.section or ""),
                line=line,
            )
        )
    return found


def read_record(path: str) -> Record:
    """Load ``path`` as the reader would; a file that does not load is a failed row. Never raises
    (but for an interrupt): one bad file must not stop a library."""
    from tui.format.loader import load_path
    from tui.format.problems import BriefingError, Problem, UnreadableFileError

    name = sanitize_line(os.path.basename(path))
    try:
        briefing = load_path(path).briefing
    except BriefingError as error:
        return Record(path, failed_entry(path, name, error.problems), [])
    except UnreadableFileError as error:
        problem = Problem(1, 1, "error", error.reason, path)
        return Record(path, failed_entry(path, name, [problem]), [])
    except (Exception, RecursionError, MemoryError) as error:
        problem = Problem(1, 1, "error", f"cannot be read ({type(error).__name__})", path)
        return Record(path, failed_entry(path, name, [problem]), [])
    return Record(path, entry_of(path, briefing), passages_of(briefing))


def read_records(paths: Sequence[str]) -> list[Record]:
    """:func:`read_record` of each path: one batch, as a parsing process runs it."""
    return [read_record(path) for path in paths]
