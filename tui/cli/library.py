"""``briefing-tui DIR`` (or several files): the library, a table of briefings opened one by one.

Into a pipe (or with ``--plain``) the table is printed as plain text instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli import collector, terminal
from tui.cli.exits import EXIT_INTERNAL, EXIT_USAGE
from tui.cli.loading import STDIN_NAME
from tui.cli.options import limits, table_width
from tui.library.index import LibraryIndex
from tui.library.opened import Library
from tui.text import sanitize_line

if TYPE_CHECKING:
    from tui.ui.app import BriefingApp


def is_library(files: Sequence[str]) -> bool:
    """True when the arguments name a library: several files, or one folder."""
    return len(files) > 1 or (len(files) == 1 and os.path.isdir(files[0]))


def library_name(files: Sequence[str]) -> str:
    """What a library is called on screen: its folder, or how many files were given."""
    if len(files) == 1:
        return files[0].rstrip(os.sep) + os.sep
    return f"{len(files)} files"


def open_index(args: argparse.Namespace, files: list[str]) -> tuple[LibraryIndex, list[str]]:
    """The index the library reads its files through, and notices about it: a team's archive
    (``--db``) read-only, else (or if it cannot be reached) the library's SQLite index in the
    cache folder, or without one (nowhere to keep it) every file read."""
    from tui.cli.archive import archive_url, open_archive, roots_of
    from tui.library.index import IndexUnavailable

    notices: list[str] = []
    url = archive_url(args)
    if url is not None:
        try:
            archive = open_archive(url, roots_of(files), read_only=True)
        except IndexUnavailable as error:
            notices.append(f"{error}; the local index is used instead")
        else:
            from tui.library.fallback import FallbackIndex
            from tui.library.scan import scan

            # (if its server stops answering later, the local index takes over)
            fallback = FallbackIndex(
                archive, lambda: local_index(args, files), lambda: scan(files).paths
            )
            return fallback, _taken(archive)
    index = local_index(args, files)
    return index, [*notices, *_taken(index)]


def local_index(args: argparse.Namespace, files: list[str]) -> LibraryIndex:
    """The library's SQLite index in the cache folder, or without one (nowhere to keep it)
    every file read, with a notice saying so among its notices."""
    from tui.library.index import IndexUnavailable
    from tui.library.sqlite_index import open_index as open_sqlite_index

    try:
        return open_sqlite_index(files)
    except IndexUnavailable as error:
        from tui.library.memory_index import MemoryIndex

        index = MemoryIndex(limits(args), args.strict)
        index.notices.append(f"no search index ({error}): every file is read each time")
        return index


def _archive_shown(index: LibraryIndex) -> str | None:
    """The archive ``index`` is, as shown (password blanked); None for a local index."""
    url = getattr(index, "url", None)
    if not isinstance(url, str):
        return None
    from tui.library.dsn import redact

    return redact(url)


def _taken(index: LibraryIndex) -> list[str]:
    """The index's notices so far, taken from it (the library shows them once, at the start;
    later ones are shown as they come)."""
    taken = list(index.notices)
    index.notices.clear()
    return taken


def run_library(args: argparse.Namespace, files: list[str], *, in_browser: bool = False) -> int:
    """Open the library of ``files``, or print its table into a pipe (``in_browser``: for
    textual-serve, see :func:`tui.cli.reader.run`)."""
    refused = _refused(args, files)
    if refused:
        print(f"briefing-tui: {refused}", file=sys.stderr)
        return EXIT_USAGE
    index, notices = open_index(args, files)
    library = Library(
        library_name(files),
        [],
        index,
        notices,
        limits(args),
        args.strict,
        archive=_archive_shown(index),
        folders=files,  # (walked once the first rows are on screen)
    )
    try:
        if in_browser:
            with collector.off_while_starting():
                return _show(args, library, in_browser=True)
        if args.plain or not terminal.output_is_terminal():
            return _print_table(args, library)
        with terminal.keys_as_typed(), collector.off_while_starting():
            return _show(args, library)
    except Exception:
        if args.debug:
            raise
        import traceback

        from tui.cli import crash

        print(crash.report(traceback.format_exc()), file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        library.index.close()


def _refused(args: argparse.Namespace, files: list[str]) -> str | None:
    """Why the options do not go with a library, if they do not."""
    if STDIN_NAME in files:
        return "- (standard input) is one briefing: it cannot be part of a library"
    if args.section is not None or args.line is not None:
        return "--section and --line open one briefing, not a library"
    for path in files:  # (as index and search say it: each file given is meant)
        if not os.path.lexists(path):
            return f"{sanitize_line(path)}: no such file or folder"
    return None


def _print_table(args: argparse.Namespace, library: Library) -> int:
    """The library's table as plain text on stdout; what could not be read on stderr."""
    from tui.cli.output import print_out
    from tui.library.rows import read_fraction, row_of, table_lines

    paths = library.find()
    for notice in library.notices:
        print(f"briefing-tui: {notice}", file=sys.stderr)
    library.index.refresh(paths)
    read = {}
    if not args.no_resume:
        from tui.storage.positions import PositionStore

        store = PositionStore()
        read = store.all()
        for warning in store.take_warnings():  # (a corrupt file set aside, say)
            print(f"briefing-tui: {warning}", file=sys.stderr)
    rows = [
        row_of(entry, read_fraction(read.get(entry.path), entry.blocks), os.curdir, located=True)
        for entry in library.index.entries()
    ]  # (a file that does not load: its path from here, as validate names it)
    return print_out("\n".join(table_lines(rows, table_width(args))) + "\n")


def _show(args: argparse.Namespace, library: Library, *, in_browser: bool = False) -> int:
    """Run the app on the library until it quits; the exit code."""
    from tui.cli.reader import prepare_textual, run_app

    prepare_textual()
    if not in_browser and not terminal.keys_from_terminal():
        print("briefing-tui: no terminal to read keys from", file=sys.stderr)
        return EXIT_USAGE
    return run_app(args, library_app(library, resume=not args.no_resume), in_browser=in_browser)


def library_app(library: Library, *, resume: bool = True) -> BriefingApp:
    """The app on ``library`` as ``briefing-tui DIR`` runs it: the user's config, reading places
    and settings kept (unless not ``resume``), the garbage collector told of its quiet
    moments."""
    from tui.cli.reader import user_config
    from tui.ui.app import BriefingApp

    positions, settings = None, None
    if resume:
        from tui.storage.positions import PositionStore
        from tui.storage.settings import SettingsStore

        positions, settings = PositionStore(), SettingsStore()
    config = user_config()
    return BriefingApp(
        None,
        positions=positions,
        settings=settings,
        library=library,
        after_first_frame=collector.after_first_frame,
        after_layout=collector.after_layout,
        after_screen_closed=collector.after_screen_closed,
        input_paused=collector.input_paused,
        config=config.config,
        config_problems=config.messages(),
    )
