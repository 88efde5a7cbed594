"""A one-line input that brings back earlier entries (a search's queries) on Up and Down."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.ui.widgets.typed_input import TypedInput


class RecallingInput(TypedInput):
    """A :class:`TypedInput` with a history: :meth:`action_recall` steps through it."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.history: Sequence[str] = ()
        """Earlier entries, oldest first (kept by whoever owns the line)."""
        self._recalled: int | None = None
        """The entry of :attr:`history` in the line, while Up and Down go through them."""
        self._draft = ""
        """What was typed before Up was first pressed, given back by Down past the newest."""

    @property
    def recalling(self) -> bool:
        """True while the line holds an earlier entry brought back by Up."""
        return self._recalled is not None

    def start(self, value: str) -> None:
        """Hold ``value`` (selected, so that typing replaces it), at the newest of the history."""
        self._recalled = None
        self.value = value
        self.select_all()

    def action_recall(self, step: int) -> None:
        """Bring back the entry before (-1) or after (1) the one in the line."""
        history = self.history
        if not history:
            return
        index = len(history) if self._recalled is None else self._recalled
        index = max(0, index + step)
        if self._recalled is None:
            if step > 0:
                return  # at the newest already
            self._draft = self.value
        if index >= len(history):
            self._recalled = None
            self.value = self._draft
        else:
            self._recalled = index
            self.value = history[index]
        self.cursor_position = len(self.value)
