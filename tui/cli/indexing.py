"""``briefing-tui index DIR``: build or bring up to date the search index of a library."""

from __future__ import annotations

import argparse
import sys

from tui.cli.archive import add_db_option
from tui.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.library_index import NotALibrary, add_library_argument, note, open_library
from tui.cli.options import CommandParser, manual

DESCRIPTION = """Build the search index of a library (a folder of briefings, its subfolders
included; hidden files are skipped), or bring it up to date: only files whose size,
modification time or inode changed are read again, and files that are gone leave the
index. The reader and 'briefing-tui search' do the same on their own; this builds it
ahead of time. A progress line shows on stderr when it is a terminal; a summary is
printed at the end. The index is a cache (in $XDG_CACHE_HOME/briefing-tui, or
$BRIEFING_TUI_CACHE_DIR): deleting it loses nothing.

With --db (or $BRIEFING_TUI_DB, or db in config.toml), the folder is loaded into a team's
shared archive on PostgreSQL instead (made on first use; a file is read again only if its
content changed), for everyone to search; one indexer at a time, others wait their turn.
If a thousand files or more, and half of the archive's under the folders given, are not
found (a folder unmounted for a while?), they are kept, with a notice; --prune removes
them."""


def _help_sections() -> str:
    """The examples and exit status of ``index``, for ``--help``."""
    return manual(
        (
            "examples",
            [
                ("briefing-tui index content/", "index the shipped folder"),
                ("briefing-tui index ~/briefings", "build ahead of the first search"),
                (
                    "briefing-tui index /srv/archive --db postgresql://db.example.org/briefings",
                    "load a folder into the team's archive",
                ),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "the index is up to date (files that do not load are listed)"),
                (
                    str(EXIT_INVALID),
                    "the index cannot be kept (a read-only cache folder; an archive that"
                    " cannot be reached)",
                ),
                (str(EXIT_USAGE), "a usage error; a path that does not exist"),
                (str(EXIT_INTERNAL), "briefing-tui itself failed (a bug; --debug shows where)"),
                (str(EXIT_INTERRUPTED), "interrupted (Ctrl+C); the files written so far stay"),
            ],
        ),
    )


def parser() -> CommandParser:
    """The parser of ``index``."""
    command = CommandParser("briefing-tui index", DESCRIPTION, _help_sections)
    add_library_argument(command)
    add_db_option(command)
    command.add_argument(
        "--prune",
        action="store_true",
        help="with --db: remove the archive's briefings whose files are not found, even many",
    )
    command.add_argument(
        "--debug", action="store_true", help="show a traceback on an internal error"
    )
    return command


def run(args: argparse.Namespace) -> int:
    """Refresh the index and print what was done."""
    from tui.library.index import IndexUnavailable

    try:
        index, done = open_library(args, fallback=False)
    except NotALibrary as error:
        note(str(error))
        return EXIT_USAGE
    except IndexUnavailable as error:
        note(str(error))
        return EXIT_INVALID
    try:
        total = done.added + done.changed + done.unchanged
        failed = index.failures()
    finally:
        index.close()
    print(
        f"{total:,} briefing{'' if total == 1 else 's'}: {done.added:,} added,"
        f" {done.changed:,} changed, {done.removed:,} removed, {done.unchanged:,} unchanged;"
        f" {failed:,} {'does' if failed == 1 else 'do'} not load; {done.seconds:.2f} s"
    )
    sys.stdout.flush()
    return EXIT_OK
