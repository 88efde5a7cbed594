"""The searches made, for Up and Down in the search line: loaded and saved off the UI thread."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from textual.widget import Widget

from tui.storage.history import FILE_NAME, MAX_ENTRIES, SearchHistory

if TYPE_CHECKING:
    from tui.storage.positions import PositionStore


class SearchMemory:
    """The searches made, oldest first, kept in ``history.json`` beside the positions.

    Without a position store (``--no-resume``, standard input, tests) nothing
    is read or saved: the searches of this run are still there for Up and Down.
    """

    def __init__(
        self, host: Widget, positions: PositionStore | None, file_name: str = FILE_NAME
    ) -> None:
        self.host = host
        self.store = (
            SearchHistory(positions.path.with_name(file_name)) if positions is not None else None
        )
        self.queries: list[str] = []
        """Oldest first; the search line reads it (changed in place)."""

    def load(self) -> None:
        """Read the searches of earlier runs, in a worker."""
        if self.store is not None:
            self.host.run_worker(self._load, thread=True, group="search-history")

    def _load(self) -> None:
        assert self.store is not None
        earlier = self.store.queries()
        self.host.app.call_from_thread(self._loaded, earlier)

    def _loaded(self, earlier: list[str]) -> None:
        made = set(self.queries)  # searches made while it loaded come after
        self.queries[:0] = [query for query in earlier if query not in made]
        del self.queries[:-MAX_ENTRIES]
        self._show_warnings()

    def add(self, query: str) -> None:
        """Remember a search made now (saved in a worker)."""
        if query in self.queries:
            self.queries.remove(query)
        self.queries.append(query)
        del self.queries[:-MAX_ENTRIES]
        if self.store is not None:
            save = partial(self._save, query, time.time())
            self.host.run_worker(save, thread=True, group="search-history")

    def _save(self, query: str, at: float) -> None:
        assert self.store is not None
        if not self.store.add(query, at):
            self.host.app.call_from_thread(self._show_warnings)

    def _show_warnings(self) -> None:
        if self.store is None or not self.host.is_attached:
            return
        for warning in self.store.take_warnings():
            self.host.notify(warning, title="Search history", severity="warning", markup=False)
