"""``--db``: a team's shared archive on PostgreSQL in place of the library's local index.

The connection string comes from ``--db``, else ``$BRIEFING_TUI_DB``, else the config
file's ``db``. It is shown only through :func:`tui.library.dsn.redact`: never a password.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.library.dsn import DATABASE_VARIABLE, database_from

if TYPE_CHECKING:  # (the reader's parser adds --db: no index is imported to start it)
    from tui.library.index import LibraryIndex

DB_HELP = (
    "use a team's shared archive on PostgreSQL (postgresql://HOST/DB) instead of the local"
    f" index; also ${DATABASE_VARIABLE} or db in config.toml. A password is best kept in"
    " ~/.pgpass"
)


def add_db_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """The ``--db URL`` option of a library command."""
    parser.add_argument("--db", metavar="URL", help=DB_HELP)


def archive_url(args: argparse.Namespace) -> str | None:
    """The archive's connection string to use, or None for the local index."""
    option = getattr(args, "db", None)
    if option is not None and not option.strip():
        return None  # --db "": the local index, whatever the environment says
    configured = None
    if option is None and not os.environ.get(DATABASE_VARIABLE):
        from tui.config.file import read_config

        configured = read_config().config.db
    return database_from(option, configured)


def roots_of(library: Sequence[str]) -> list[str]:
    """The library's folders and files as absolute paths: the part of the archive meant."""
    return [os.path.abspath(path) for path in library]


def open_archive(
    url: str, roots: Sequence[str], *, read_only: bool, prune: bool = False
) -> LibraryIndex:
    """The archive at ``url`` (its part under ``roots``; all of it for none); ``prune``: a
    refresh removes the rows of missing files even when they are many.

    Raises :class:`~tui.library.index.IndexUnavailable` (one line, no password).
    """
    from tui.library.postgres_index import PostgresIndex

    return PostgresIndex(url, roots=roots, read_only=read_only, prune=prune)
