"""The library's tag filter: pick a tag (with how many briefings have it), type to narrow."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.text import clip
from tui.ui.screens.filter_dialog import FilterDialog, matches
from tui.ui.widgets.key_hints import Hint
from tui.ui.widgets.typed_input import TypedInput

ALL = "\x00all"
"""The id of the option that shows every tag."""
SHOWN = 2000
"""Most tags listed at once (type to find the others)."""


class TagPicker(FilterDialog[str | None]):
    """Dismisses with the tag chosen, ``""`` for every briefing, or None if cancelled."""

    DEFAULT_CSS = """
    TagPicker > .dialog {
        width: 56;
    }
    """

    HINTS = (
        Hint(("submit",), "Show"),
        Hint(("tags.up", "tags.down"), "Move"),
        Hint(("tags.cancel",), "Cancel"),
    )
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="tags.cancel"),
        Binding("down", "move(1)", "Next tag", show=False, id="tags.down", priority=True),
        Binding("up", "move(-1)", "Previous tag", show=False, id="tags.up", priority=True),
    ]

    def __init__(self, tags: Sequence[tuple[str, int]], current: str | None = None) -> None:
        super().__init__()
        self.tags = tags
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="tags", classes="dialog"):
            yield Static("Show the briefings with the tag", id="tags-title", classes="dialog-title")
            yield TypedInput(placeholder="type to filter tags", id="tags-filter")
            yield OptionList(id="tags-options", classes="dialog-options")

    def on_mount(self) -> None:
        self.fill("")

    def fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        if not query:
            options.add_option(Option(Content.styled("All briefings (no tag)", "italic"), id=ALL))
        shown = [(tag, count) for tag, count in self.tags if matches(tag, query)][:SHOWN]
        options.add_options(
            Option(Content.assemble(clip(tag, 60), (f"  {count}", "$text-muted")), id=tag)
            for tag, count in shown
        )
        if not options.option_count:
            options.add_option(
                Option(Content.styled("No tag matches.", "$text-muted"), disabled=True)
            )
            return
        ids = [tag for tag, _ in shown]
        at = ids.index(self.current) + (0 if query else 1) if self.current in ids else 0
        options.highlighted = at

    def pick(self, option: Option) -> None:
        if option.id is not None and not option.disabled:
            self.dismiss("" if option.id == ALL else option.id)
