"""Remembering where a briefing is left: resume on opening, save soon after each move."""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

from tui.storage.positions import Position, PositionStore

SAVE_AFTER = 0.5
"""Seconds the view must stay put before its position is saved (and always on closing)."""


class PositionKeeper:
    """Saves one briefing's reading position in a store, for the screen that shows it.

    ``where`` gives the position now. Saves run off the UI thread, one at a
    time; warnings from the store (a file set aside, a failed write) are
    shown as notifications on ``host``.
    """

    def __init__(
        self,
        host: Widget,
        store: PositionStore,
        briefing_path: str,
        where: Callable[[], tuple[int, int]],
    ) -> None:
        self.host = host
        self.store = store
        self.briefing_path = briefing_path
        self.where = where
        self._saved = Position(0, 0)
        self._timer: Timer | None = None

    def saved_position(self) -> Position | None:
        """Where the briefing was left last time (None if nowhere remembered)."""
        saved = self.store.get(self.briefing_path)
        self._show_warnings()
        if saved is not None:
            self._saved = saved
        return saved

    def moved(self) -> None:
        """The view moved: save once it has stayed put for :data:`SAVE_AFTER` seconds."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.host.set_timer(SAVE_AFTER, self._save_in_background)

    def _unsaved(self) -> Position | None:
        position = Position(*self.where())
        return None if position == self._saved else position

    def _save_in_background(self) -> None:
        position = self._unsaved()
        if position is not None:
            self.host.run_worker(
                lambda: self._save(position, from_thread=True),
                thread=True,
                exclusive=True,
                group="save-position",
            )

    def _save(self, position: Position, *, from_thread: bool = False) -> None:
        if self.store.put(self.briefing_path, position):
            self._saved = position
        elif from_thread and self.host.is_attached:
            self.host.app.call_from_thread(self._show_warnings)

    def save_now(self) -> None:
        """Save at once, in this thread, if the view moved since the last save (on closing)."""
        if self._timer is not None:
            self._timer.stop()
        position = self._unsaved()
        if position is not None:
            self._save(position)

    def _show_warnings(self) -> None:
        for warning in self.store.take_warnings():
            self.host.notify(warning, title="Positions", severity="warning", markup=False)
