"""What ``index`` and ``search`` share: the library's files found, its index opened and
brought up to date, with a progress line on a terminal and notices on stderr."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING

from tui.cli.options import CommandParser
from tui.text import sanitize_line

if TYPE_CHECKING:
    from tui.library.index import LibraryIndex, Refreshed


class NotALibrary(Exception):
    """A path given does not exist: a usage error."""


def add_library_argument(parser: CommandParser) -> None:
    """The ``DIR...`` of a library command."""
    parser.add_argument(
        "library",
        nargs="+",
        metavar="DIR",
        help="a folder of briefings (subfolders included), or briefing files",
    )


def note(message: str) -> None:
    """A notice on stderr, one line."""
    print(f"briefing-tui: {sanitize_line(message)}", file=sys.stderr)


class ProgressLine:
    """``indexing 1,234 of 10,000 files`` on stderr, rewritten in place, when it is a terminal
    (and before it what is being done: a million files take seconds to find and compare)."""

    def __init__(self) -> None:
        self.shown = False
        self.last = 0.0
        self.on_terminal = os.isatty(2)

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.on_terminal and total == 0:
            from tui.library.index import WAITING_FOR_WRITER

            self.say(f"{WAITING_FOR_WRITER}…")
            return
        if not self.on_terminal or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        self.say(f"indexing {done:,} of {total:,} files ({100 * done // total}%)")
        if done == total:  # what comes after the last file can take minutes (an archive's
            # search indexes, made after a first load): not a line standing still at 100%
            from tui.library.index import FINISHING

            self.say(f"{FINISHING} (all {total:,} files read)…")

    def say(self, text: str) -> None:
        """Show ``text`` on the line."""
        if self.on_terminal:
            sys.stderr.write(f"\r{text}\x1b[K")
            sys.stderr.flush()
            self.shown = True

    def clear(self) -> None:
        """Remove the line (before the summary is printed)."""
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def open_library(
    args: argparse.Namespace, *, fallback: bool, writing: bool = True
) -> tuple[LibraryIndex, Refreshed]:
    """Find the library's files, open its index and refresh it; notices go to stderr.

    With an archive (``--db``): ``writing`` (``index``) brings the archive's part under the
    library's folders in step with them; else (``search``) the archive is only read, all of
    it when no folder is given, and if it cannot be reached the local index of the folders
    is used, with a notice (if there are folders, and ``fallback``).

    Raises :class:`NotALibrary` for a path that does not exist (or no path and no archive),
    and :class:`~tui.library.index.IndexUnavailable` if the index cannot be kept or reached
    (and ``fallback`` is off).
    """
    from tui.cli.archive import archive_url, open_archive, roots_of
    from tui.library.index import IndexUnavailable
    from tui.library.scan import scan
    from tui.library.sqlite_index import open_index

    library: list[str] = args.library or []
    for path in library:
        if not os.path.exists(path):
            raise NotALibrary(f"{sanitize_line(path)}: no such file or folder")
    url = archive_url(args)
    if url is None and not library:
        raise NotALibrary("no library given: name a folder (or --db URL, a team's archive)")
    index: LibraryIndex | None = None
    if url is not None:
        try:
            index = open_archive(
                url,
                roots_of(library),
                read_only=not writing,
                prune=bool(getattr(args, "prune", False)),
            )
        except IndexUnavailable as error:
            if writing or not fallback or not library:
                raise
            note(f"{error}; the local index is used instead")
    if index is not None and not writing:
        _note_notices(index)
        return index, index.refresh([])  # read-only: writes nothing, counts the rows
    progress = ProgressLine()
    progress.say("finding the briefing files…")
    found = scan(library)
    progress.clear()
    for notice in found.notices:
        note(notice)
    if index is None:
        index = open_index(library, fallback=fallback)
    _note_notices(index)
    progress.say(f"comparing {len(found.paths):,} files with the index…")
    try:
        refreshed = index.refresh(found.paths, progress)
    except BaseException:
        progress.clear()
        index.close()
        raise
    progress.clear()
    _note_notices(index)  # those of the refresh (another indexer waited for)
    return index, refreshed


def _note_notices(index: LibraryIndex) -> None:
    """The index's notices on stderr, taken out of it."""
    while index.notices:
        note(index.notices.pop(0))
