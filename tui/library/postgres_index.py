"""The library's index in a PostgreSQL database: a team's shared archive of briefings.

A second :class:`~tui.library.index.LibraryIndex` beside the SQLite one, for an archive
that many people search at once. Needs the optional ``psycopg`` (``briefing-tui[postgres]``).
The database is the archive: ``roots`` say which part of it a refresh brings in step with
the files (rows elsewhere are left alone) and which part the reads see (all when empty).
Nothing here ever shows a password: errors name the server through
:func:`tui.library.dsn.redact`.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.library.entry import Entry
from tui.library.index import Hit, IndexUnavailable, Progress, Refreshed, Speaker
from tui.library.parsing import PARALLEL_FROM


class PostgresIndex:
    """A :class:`~tui.library.index.LibraryIndex` in a PostgreSQL database.

    ``read_only``: a reader's index; :meth:`refresh` writes nothing (it reports the rows
    in scope as unchanged) and every transaction is read-only. Raises
    :class:`IndexUnavailable` (one line, no password) when the server cannot be reached.
    """

    def __init__(
        self,
        url: str,
        *,
        roots: Sequence[str] = (),
        read_only: bool = False,
        workers: int | None = None,
        parallel_from: int = PARALLEL_FROM,
    ) -> None:
        self.url = url
        self.roots = tuple(roots)
        self.read_only = read_only
        self.workers = workers
        self.parallel_from = parallel_from
        self.notices: list[str] = []
        """One line each: a schema migrated, a wait for another indexer, a reconnection."""
        raise IndexUnavailable("the PostgreSQL index is not written yet")

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        raise NotImplementedError

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def search(self, query: str, limit: int = 100) -> list[Hit]:
        raise NotImplementedError

    def speakers(self) -> list[Speaker]:
        raise NotImplementedError

    def quotes_by(self, speaker: str) -> list[Hit]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError
