"""A one-line input whose own keys act at their turn among keys typed quickly."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from tui.ui.held_keys import holding_keys, not_on_top, run_at_its_turn

NOTHING_TO_SCROLL = frozenset({"scroll_up", "scroll_down", "page_up", "page_down"})
"""The vertical scrolling actions a one-line input inherits and leaves to its screen."""


class TypedInput(Input):
    """An :class:`~textual.widgets.Input` whose bindings (Backspace, the arrows, Ctrl+U,
    Ctrl+W, Enter…), and its screen's, run as their key's turn comes.

    Textual runs a focused widget's bindings once the key has gone up to the app, after
    the keys typed behind it have reached the widget: ``zzq`` Ctrl+U ``cranes``, typed
    quickly (or pasted, or sent by tmux in one burst), would insert "cranes" first and
    then delete everything left of the cursor, leaving the line empty; ``the``
    Backspace ``y`` would give "the" instead of "thy".
    """

    BINDINGS = [
        # A shell's word moves: Esc and a letter sent at once arrive as Alt and the letter,
        # which the app reads as the two keys, but for these (see BriefingApp).
        Binding("alt+b", "cursor_left_word", "Move a word left", show=False),
        Binding("alt+f", "cursor_right_word", "Move a word right", show=False),
        Binding("alt+d", "delete_right_word", "Delete the word right", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Not the scrolling up and down Input has from ScrollView: one line has nothing to
        scroll, and ↑ ↓ PgUp PgDn then go on to the screen's bindings (the search
        screen's ↓ to the results was never reached)."""
        if action in NOTHING_TO_SCROLL:
            return False
        return super().check_action(action, parameters)

    @property
    def content_width(self) -> int:
        """At least the line's width: Input sizes its scrollable area to the text, and a new
        size lays out the whole screen again, at every key typed. A text shorter than the
        line keeps one size (and a longer one scrolls as before)."""
        return max(super().content_width, self.scrollable_content_region.width)

    async def on_key(self, event: events.Key) -> None:
        if not_on_top(self, event):  # its screen closed (or was covered) after it was typed
            return
        if holding_keys(self):  # typed after an Enter whose screen is on its way: it is
            event.prevent_default()  # that screen's key; the app holds it until then
            return
        active = self.screen.active_bindings.get(event.key)
        if event.is_printable and (active is None or active.node is not self):
            return  # typed in, at once, by Input (Alt+B is printable, and the line's own)
        if active is not None and active.node in (self, self.screen) and active.enabled:
            await run_at_its_turn(event, active)  # (its screen's too: Esc closing the search
            # screen would run after the keys behind it were typed into the line: Esc q)
