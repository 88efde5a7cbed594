"""The section picker: type to filter the headings, Enter jumps."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.model import Section
from tui.text import clip
from tui.ui.screens.filter_dialog import FilterDialog, matches
from tui.ui.widgets.key_hints import Hint
from tui.ui.widgets.typed_input import TypedInput

SHOWN = 300
"""Most characters of a heading shown (five lines of the picker): a heading of megabytes
would take seconds to wrap before the picker could open."""


class SectionPicker(FilterDialog[int | None]):
    """Pick a section by typing part of its heading; dismisses with its index."""

    HINTS = (
        Hint(("submit",), "Go"),
        Hint(("picker.up", "picker.down"), "Move"),
        Hint(("picker.cancel",), "Cancel"),
    )
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel"),
        # Priority: at their turn among keys typed in a burst (before those behind them).
        Binding("down", "move(1)", "Next match", show=False, id="picker.down", priority=True),
        Binding("up", "move(-1)", "Previous match", show=False, id="picker.up", priority=True),
    ]

    def __init__(
        self,
        sections: tuple[Section, ...],
        current: int = 0,
        changed: set[int] | frozenset[int] = frozenset(),
    ) -> None:
        super().__init__()
        self.sections = sections
        self.current = current
        self.changed = changed
        """Sections changed in the file since they were last read (marked)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Static("Go to section", id="picker-title", classes="dialog-title")
            yield TypedInput(placeholder="type to filter headings", id="picker-filter")
            yield OptionList(id="picker-options", classes="dialog-options")

    def on_mount(self) -> None:
        self.fill("")
        options = self.query_one(OptionList)
        options.highlighted = min(self.current, options.option_count - 1)

    def fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(
                Content(f"{index + 1}. ")
                + Content(clip(section.heading, SHOWN))
                + (
                    Content.styled("  ↻ changed", "italic $text-muted")
                    if index in self.changed
                    else ""
                ),
                id=str(index),
            )
            for index, section in enumerate(self.sections)
            if matches(section.heading, query)
        )
        if options.option_count:
            options.highlighted = 0
        else:
            options.add_option(
                Option(Content.styled("No heading matches.", "$text-muted"), disabled=True)
            )

    def pick(self, option: Option) -> None:
        if option.id is not None:  # not the "no match" line
            self.dismiss(int(option.id))
