"""The library's search index, as the rest of the program sees it: a small interface.

One implementation keeps a SQLite FTS5 file in the user's cache folder; a server-backed
one (PostgreSQL, for a team's shared archive) can take its place. The index is a cache:
deleting it loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from tui.library.entry import Entry

Progress = Callable[[int, int], None]
"""Called with (files done, files in all) while an index is refreshed; with (0, 0) while it
waits for another process writing the same index (:data:`WAITING_FOR_WRITER`)."""

PER_BRIEFING = 3
"""Passages of one briefing among a search's results at most (its best): a long briefing
(a transcript of 2,000 sections) whose every paragraph holds the words filled all 100
results, and no other briefing could be reached. In the reader, ``/`` finds the rest."""
WAITING_FOR_WRITER = "waiting for another briefing-tui writing this index"
"""What a library says while its refresh waits its turn (a progress of ``(0, 0)``)."""
FINISHING = "finishing the index"
"""What a progress line says once every file is read: the index's own work goes on (an
archive's search indexes, made after a first load, take minutes at a million)."""


def storable_paths(given: Sequence[str], notices: list[str], kept_in: str) -> list[str]:
    """The paths an index can keep, each once (all of them, found at once, unless one is
    not): valid UTF-8 without NUL. A file name of undecodable bytes (an old archive, a
    Windows zip) is left out, with one notice in ``notices`` naming how many and ``kept_in``
    (the index, the archive); one such file never stops the library."""
    paths = list(dict.fromkeys(given))
    joined = "\n".join(paths)
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        if "\x00" not in joined:
            return paths
    storable = [path for path in paths if _storable(path)]
    left_out = len(paths) - len(storable)
    if left_out:
        names = "name is" if left_out == 1 else "names are"
        notices.append(f"{left_out} file {names} not valid UTF-8 and left out of {kept_in}")
    return storable


def _storable(path: str) -> bool:
    """A path an index can keep: valid UTF-8 (a name of undecodable bytes cannot be)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in path


class IndexUnavailable(Exception):
    """The index cannot be kept or reached (a read-only cache folder, a full disk, a database
    server that does not answer): the library works without it. The message is one line,
    safe to show (never a password)."""


class ArchiveUnreachable(IndexUnavailable):
    """An archive's server stopped answering (its connection lost and not made again): the
    library may turn to its local index (:class:`~tui.library.fallback.FallbackIndex`)."""


@dataclass(frozen=True)
class Hit:
    """One search result: a passage of a briefing and why it matched."""

    path: str
    title: str
    """The briefing's title."""
    kind: str
    """What matched: ``title``, ``body``, ``point``, ``quote`` (or ``speaker``)."""
    snippet: str
    """Plain text around the match (sanitised, no markup), one line."""
    marks: tuple[tuple[int, int], ...]
    """Where the matched words are in ``snippet``: (start, end) character offsets."""
    score: float
    """Higher is better; only comparable within one search."""
    section: str | None = None
    """The section's id, for a passage of the body (or the section a point or quote links to)."""
    heading: str | None = None
    """That section's heading."""
    line: int | None = None
    """The passage's line in the file: the reader opens there (``--line``)."""
    published: str | None = None
    """The day the briefing was published (``YYYY-MM-DD``), if it says: results are dated."""

    @property
    def part(self) -> str:
        """What matched, as said to a reader: :attr:`kind`, but ``subtitle or summary`` for a
        title's passage whose snippet is not the title (the passage holds them too)."""
        if self.kind == "title" and self.snippet.strip("…") not in self.title:
            return "subtitle or summary"
        return self.kind


def hit_of(
    path: str,
    title: str,
    kind: str,
    section: str | None,
    heading: str | None,
    line: int | None,
    snippet: tuple[str, tuple[tuple[int, int], ...]],
    score: float,
    published: str | None = None,
) -> Hit:
    """The :class:`Hit` of a passage found, its snippet marked (:mod:`tui.library.snippets`),
    dated by its briefing's ``published`` (as written: its day is kept)."""
    text, marks = snippet
    day = published[:10] if published else None
    return Hit(path, title, kind, text, marks, float(score), section, heading, line, day)


QuoteRow = tuple[str, str, str | None, str | None, int | None, str, str | None]
"""A speaker's quote as an index reads it: its briefing's path and title, its section,
heading and line, the quote, and the briefing's ``published``."""


def quote_hits(rows: Sequence[QuoteRow]) -> list[Hit]:
    """The hits of a speaker's quotes, scored in the order of ``rows`` (the first best)."""
    from tui.library.snippets import opening

    count = len(rows)
    return [
        hit_of(path, title, "quote", section, heading, line, opening(said), count - n, published)
        for n, (path, title, section, heading, line, said, published) in enumerate(rows)
    ]


@dataclass(frozen=True)
class Speaker:
    """A speaker across the library: how many quotes, in how many briefings."""

    name: str
    quotes: int
    briefings: int


@dataclass(frozen=True)
class Refreshed:
    """What a refresh did: files read again, added, removed, and files that do not load."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    others: bool = False
    """Another process wrote to the index since this one last refreshed it: rows listed
    before may be out of date, though this refresh found nothing to read again."""


class Listing(list[Entry]):
    """The rows :meth:`LibraryIndex.entries` lists, newest first, and how many briefings the
    index holds: as many, unless it lists only the newest (a server's large archive)."""

    held: int

    def __init__(self, rows: Iterable[Entry] = (), held: int | None = None) -> None:
        super().__init__(rows)
        self.held = len(self) if held is None else max(held, len(self))


class LibraryIndex(Protocol):
    """What the library screen, ``search`` and ``index`` need of an index."""

    notices: list[str]
    """Lines to show the reader, one each (an index set aside and rebuilt, a reconnection);
    whoever shows one takes it out of the list."""

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        """Bring the index in step with ``paths`` (the whole library): read new and changed
        files, forget the ones not listed."""
        ...

    def entries(self, limit: int | None = None) -> Listing:
        """Every briefing's row, newest first (a server's archive: the newest many, with a
        notice saying how many it holds, and that number as the listing's ``held``); with
        ``limit``, the newest ``limit`` only (a first screenful: nothing counted, no notice)."""
        ...

    def failures(self) -> int:
        """How many of the index's files do not load."""
        ...

    def search(self, query: str, limit: int = 100, per_briefing: int = PER_BRIEFING) -> list[Hit]:
        """The best ``limit`` hits for ``query`` (the library's query language), best first;
        of a query of words, at most ``per_briefing`` passages of one briefing (0: all).

        A malformed query never raises: it is read as plain words.
        """
        ...

    def speakers(self) -> list[Speaker]:
        """Every speaker with a quote, most quoted first."""
        ...

    def quotes_by(self, speaker: str) -> list[Hit]:
        """The quotes of ``speaker`` across the library, newest briefing first."""
        ...

    def close(self) -> None:
        """Let go of the index (connections, files)."""
        ...
