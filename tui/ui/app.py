"""The Textual application: one reader screen, global keys and palette commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.format.problems import Problem
from tui.model import Briefing
from tui.ui.screens.help import key_label
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.body import BodyView
from tui.ui.widgets.item_list import ItemList
from tui.ui.widgets.link_list import LinkList

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.storage.positions import PositionStore
    from tui.ui.screens.help import HelpGroup


UNWANTED_SYSTEM_COMMANDS = frozenset({"Keys", "Screenshot"})


def _briefing_commands() -> type[Provider]:
    """The palette provider, imported when the palette first opens (not at start-up)."""
    from tui.ui.palette import BriefingCommands

    return BriefingCommands


class BriefingApp(App[None]):
    """Reads one briefing."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "briefing-tui"
    COMMANDS = App.COMMANDS | {_briefing_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    def __init__(
        self,
        briefing: Briefing,
        warnings: Iterable[Problem] = (),
        positions: PositionStore | None = None,
        *,
        after_first_frame: Callable[[], object] | None = None,
        after_layout: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.warnings = list(warnings)
        self.positions = positions
        """Where briefings were left; None (as in tests) reads and writes no state."""
        # Quiet moments, after much long-lived data was made: the command that
        # runs the app tunes the garbage collector there (tui.cli.collector).
        self.after_first_frame = after_first_frame
        """Called once the first frame is drawn."""
        self.after_layout = after_layout
        """Called each time the body's layout is complete (at start, after a resize)."""

    def get_default_screen(self) -> Screen:
        """The reader is the first screen (pushing it from ``on_mount`` costs a frame)."""
        return ReaderScreen(self.briefing, self.positions)

    def on_mount(self) -> None:
        if self.after_first_frame is not None:
            self.call_after_refresh(self.after_first_frame)
        if self.warnings:
            count = len(self.warnings)
            first = self.warnings[0]
            message = f"{first.line}:{first.column}: {first.message}"
            if count > 1:
                message += f"\n…and {count - 1} more: briefing-tui validate lists them all."
            self.notify(
                message,
                title=f"{count} warning{'s' if count > 1 else ''} in this file",
                severity="warning",
                markup=False,
                timeout=10,
            )

    def on_body_view_laid_out(self) -> None:
        if self.after_layout is not None:
            self.after_layout()

    def help_groups(self) -> list[HelpGroup]:
        """Every binding, grouped by where it works, for the help screen."""
        from tui.ui.widgets.outline import Outline

        # Enter says what it does in each list; the other keys are the same in all.
        list_moves = [
            binding
            for binding in ItemList.BINDINGS
            if isinstance(binding, Binding) and binding.action != "select"
        ]
        return [
            (
                "Anywhere",
                [*self.BINDINGS, *ReaderScreen.BINDINGS, Binding("ctrl+p", "", "Command palette")],
            ),
            ("Article body", BodyView.BINDINGS),
            (
                "Talking points and quotes",
                [
                    *list_moves,
                    *LinkList.BINDINGS,
                    Binding("backspace", "", "Back to where you were reading"),
                ],
            ),
            ("Outline", [*list_moves, *Outline.BINDINGS]),
        ]

    def action_help(self) -> None:
        """Show every key."""
        from tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_groups()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            # "Keys" duplicates the help screen; "Screenshot" writes files where it chooses.
            if command.title not in UNWANTED_SYSTEM_COMMANDS:
                yield command
        yield SystemCommand("Help: keys", "Show every key and what it does", self.action_help)
        if isinstance(screen, ReaderScreen):
            for binding in ReaderScreen.BINDINGS:
                assert isinstance(binding, Binding)
                yield SystemCommand(
                    binding.description,
                    f"Key: {binding.key_display or key_label(binding.key)}",
                    lambda action=binding.action: screen.run_action(action),
                )
