"""The base of every modal screen (section picker, help, briefing details): it closes once."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

from tui.ui.widgets.key_hints import Hint, KeyHints

ResultType = TypeVar("ResultType")


class Modal(ModalScreen[ResultType]):
    """A modal screen that a second Enter, Esc or click while it closes leaves alone.

    Keys typed quickly all reach the screen before it has closed: without
    this, each would dismiss "the top screen" again, popping the reader (an
    error) or whatever is under it.

    It shows its own key line (:attr:`HINTS`) over the reader's, whose keys
    do not work while it is open.
    """

    HINTS: ClassVar[tuple[Hint, ...]] = ()
    """The keys shown at the bottom while this screen is open."""
    KEYS_GO_ON: ClassVar[bool] = False
    """Whether keys on their way to it when it closed go on to the screen under it: not
    for a box (:func:`~tui.ui.held_keys.not_on_top`)."""

    def on_mount(self) -> None:
        hints = KeyHints()
        self.mount(hints)
        hints.show(self.shown_hints())

    def shown_hints(self) -> tuple[Hint, ...]:
        """The keys the key line offers: :attr:`HINTS` (less, where some have nothing to
        act on)."""
        return self.HINTS

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Close with ``result``, unless this screen is already closing (or was never shown)."""
        if not self.is_active:  # popped already: the top screen is another one
            return AwaitComplete()
        return super().dismiss(result)
