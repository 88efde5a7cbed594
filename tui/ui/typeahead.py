"""Keys typed ahead of a modal screen's opening or closing go to the screen they were meant for.

Textual sends each key on to the widget focused when the key arrives, and
looks its binding up on the screen on top when the key's turn comes. Typed
quickly (a fast typist, a paste, a held key), ``t youth`` reaches the article,
not the section picker that ``t`` opens, and the letters are lost; and the
second ``q`` of ``i q q`` reaches the reader once the first has closed the
details, and quits.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Input


def now() -> float:
    """The time, on the clock Textual stamps keys with (``Message.time``)."""
    return Message().time


class TypeAhead:
    """Follows the modal screens (:meth:`screen_changed`) and routes the keys (:meth:`route`)."""

    def __init__(self) -> None:
        self.modal_open = False
        self.opened_at = float("-inf")
        """When the screen on top last became a modal one."""
        self.closed_at = float("-inf")
        """When the last modal screen closed (back to a full screen)."""

    def screen_changed(self, screen: Screen[object]) -> None:
        """Note the time a modal screen opens, or the last one closes."""
        if isinstance(screen, ModalScreen):
            self.modal_open = True
            self.opened_at = now()
        elif self.modal_open:
            self.modal_open = False
            self.closed_at = now()

    def route(self, event: events.Key, screen: Screen[object]) -> None:
        """Called with each key that reaches the app, before its bindings are looked up.

        A key typed while a modal screen was open does nothing on the screen
        under it; a character typed just before a modal screen opened goes
        into the screen's text box.
        """
        if isinstance(screen, ModalScreen):
            focused = screen.focused
            if (
                event.time < self.opened_at
                and event.is_printable
                and event.character
                and isinstance(focused, Input)
            ):
                focused.insert_text_at_cursor(event.character)
                event.prevent_default()
        elif event.time < self.closed_at:
            event.prevent_default()
