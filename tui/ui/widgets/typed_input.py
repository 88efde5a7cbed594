"""A one-line input whose own keys act at their turn among keys typed quickly."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TypedInput(Input):
    """An :class:`~textual.widgets.Input` whose bindings (Backspace, the arrows, Ctrl+U,
    Ctrl+W, Enter…) run as their key's turn comes.

    Textual runs a focused widget's bindings once the key has gone up to the app, after
    the keys typed behind it have reached the widget: ``zzq`` Ctrl+U ``cranes``, typed
    quickly (or pasted, or sent by tmux in one burst), would insert "cranes" first and
    then delete everything left of the cursor, leaving the line empty; ``the``
    Backspace ``y`` would give "the" instead of "thy".
    """

    @property
    def content_width(self) -> int:
        """At least the line's width: Input sizes its scrollable area to the text, and a new
        size lays out the whole screen again, at every key typed. A text shorter than the
        line keeps one size (and a longer one scrolls as before)."""
        return max(super().content_width, self.scrollable_content_region.width)

    async def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # typed in, at once, by Input
        active = self.screen.active_bindings.get(event.key)
        if active is not None and active.node is self and active.enabled:
            event.prevent_default()
            event.stop()
            await self.run_action(active.binding.action)
