"""A team archive with the local index to turn to if its server stops answering mid-session.

At the start, an archive that cannot be reached is replaced by the local index at once
(:func:`tui.cli.library.open_index`). Once the library is open, a server that goes away
(restarted, its network gone) would otherwise fail every search until the reader starts
again: this index then turns to the SQLite index of the library's folders, brought in step
with their files (walked again: files added since the library opened are searched too), and
says so once. It stays there for the session. A screen that shows its own reading of the
files (the library's progress bar) sets :attr:`FallbackIndex.turned` and brings the local
index in step itself: the question asked at the turn is answered at once, from the files
read so far (a local index of 200,000 files takes minutes to build), not minutes later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from tui.library.index import (
    PER_BRIEFING,
    ArchiveUnreachable,
    Hit,
    LibraryIndex,
    Listing,
    Progress,
    Refreshed,
    Speaker,
)

T = TypeVar("T")


class FallbackIndex:
    """``archive`` while its server answers, then the index ``local()`` opens, brought in
    step with the files ``find()`` lists (see above)."""

    def __init__(
        self,
        archive: LibraryIndex,
        local: Callable[[], LibraryIndex],
        find: Callable[[], Sequence[str]],
    ) -> None:
        self.archive = archive
        self._open_local = local
        self._find = find
        """The library's files, found again at the turn (files added since it opened too)."""
        self._local: LibraryIndex | None = None
        self._turning = threading.Lock()
        self.notices: list[str] = []
        self.turned: Callable[[], None] | None = None
        """Called once, from the thread that asked, when the local index takes over: then
        it is brought in step by whoever set this (else here, before the question)."""

    @property
    def url(self) -> str | None:
        """The archive's connection string while it is searched (None after the turn)."""
        url = getattr(self.archive, "url", None)
        return url if self._local is None and isinstance(url, str) else None

    @property
    def on_archive(self) -> bool:
        """True until the server stopped answering."""
        return self._local is None

    def _ask(self, question: Callable[[LibraryIndex], T]) -> T:
        """``question`` asked of the archive, or of the local index once it stopped answering."""
        try:
            return question(self._local or self.archive)
        except ArchiveUnreachable as error:
            return question(self._turn_to_local(str(error)))
        finally:
            self._take_notices()

    def _turn_to_local(self, reason: str) -> LibraryIndex:
        """The local index, opened and brought in step with the library's files (once)."""
        with self._turning:
            if self._local is None:
                local = self._open_local()
                self.notices.append(f"{reason}; the local index is used instead")
                turned = self.turned
                if turned is None:
                    local.refresh(self._find())
                self._local = local
                if turned is not None:
                    turned()
            return self._local

    def _take_notices(self) -> None:
        """The archive's notices and the local index's, as this index's own."""
        for index in (self.archive, self._local):
            if index is not None and index.notices:
                self.notices += index.notices
                index.notices.clear()

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        return self._ask(lambda index: index.refresh(paths, progress))

    def entries(self, limit: int | None = None) -> Listing:
        return self._ask(lambda index: index.entries(limit))

    def failures(self) -> int:
        return self._ask(lambda index: index.failures())

    def search(self, query: str, limit: int = 100, per_briefing: int = PER_BRIEFING) -> list[Hit]:
        return self._ask(lambda index: index.search(query, limit, per_briefing))

    def speakers(self) -> list[Speaker]:
        return self._ask(lambda index: index.speakers())

    def quotes_by(self, speaker: str) -> list[Hit]:
        return self._ask(lambda index: index.quotes_by(speaker))

    def close(self) -> None:
        self.archive.close()
        if self._local is not None:
            self._local.close()
