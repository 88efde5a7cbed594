"""The Textual application: one reader screen, global keys and palette commands."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Input

from tui.config.file import NOTIFICATION_SECONDS, Config
from tui.format.problems import Problem
from tui.text import sanitize, sanitize_line
from tui.ui.held_keys import HOLD_LIMIT, HeldKeys
from tui.ui.keys import keys_of, remapped
from tui.ui.typeahead import TypeAhead

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.format.watch import BriefingFile
    from tui.library.opened import Library
    from tui.model import Briefing
    from tui.storage.positions import PositionStore
    from tui.storage.settings import SettingsStore
    from tui.ui.screens.help import HelpGroup


UNWANTED_SYSTEM_COMMANDS = frozenset({"Keys", "Screenshot"})
RELOADED = "Reloaded: the file changed."
"""The toast of a live reload."""
RELOADED_SECONDS = 2.0
"""How long it shows (at the default ``notification_seconds``)."""
INPUT_PAUSE = 0.05
"""Seconds with no key nor mouse event after which input counts as paused: longer than
the gap between auto-repeated keys (30-50 ms) or a burst's (tmux, a paste), shorter than
between keys typed (100 ms and more)."""


def _briefing_commands() -> type[Provider]:
    """The palette provider, imported when the palette first opens (not at start-up)."""
    from tui.ui.palette import BriefingCommands

    return BriefingCommands


def screen_bindings(screen: Screen[object]) -> list[BindingType]:
    """The keys a screen of briefing-tui binds, its base classes' included (not Textual's)."""
    found: list[BindingType] = []
    for cls in reversed(type(screen).__mro__):
        if cls.__module__.startswith("tui.") and "BINDINGS" in vars(cls):
            found += vars(cls)["BINDINGS"]
    return found


OPTION_DIGITS = {
    "¡": "1", "™": "2", "£": "3", "¢": "4", "∞": "5", "§": "6", "¶": "7", "•": "8",
    "ª": "9", "º": "0",
}  # fmt: skip
"""What Textual's key parser makes of Esc and a digit sent at once (the characters of
Option and that digit on a Mac's keyboard, as WezTerm sends them): the digit, by character."""


class BriefingApp(App[None]):
    """Reads one briefing, or a library of them (a table first, each briefing opened from it)."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "briefing-tui"
    COMMANDS = App.COMMANDS | {_briefing_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        # Textual's own palette binding has no id, so a keymap could not move it.
        Binding(
            "ctrl+p",
            "command_palette",
            "Command palette",
            show=False,
            priority=True,
            id="app.palette",
        ),
    ]

    def __init__(
        self,
        briefing: Briefing | None,
        warnings: Iterable[Problem] = (),
        positions: PositionStore | None = None,
        settings: SettingsStore | None = None,
        *,
        source: BriefingFile | None = None,
        section: int | None = None,
        line: int | None = None,
        after_first_frame: Callable[[], object] | None = None,
        after_layout: Callable[[], object] | None = None,
        after_screen_closed: Callable[[], object] | None = None,
        after_reload: Callable[[], object] | None = None,
        input_paused: Callable[[], object] | None = None,
        library: Library | None = None,
        config: Config | None = None,
        config_problems: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.config = config if config is not None else Config()
        """The user's settings (``config.toml``); the defaults when there is none (as in tests)."""
        self.config_problems = list(config_problems)
        """What is wrong with the config file (``FILE:LINE: message``), said at start."""
        self.briefing = briefing
        """The briefing of the first reader (None when a library opens first)."""
        self.library = library
        """The library shown first, instead of one briefing's reader."""
        self.warnings = list(warnings)
        self.positions = positions
        """Where briefings were left; None (as in tests) reads and writes no state."""
        self.settings = settings
        """Choices kept between runs (the theme); None (as in tests) reads and writes none."""
        self.source = source
        """The file to follow as it is edited (live reload); None: the briefing never changes."""
        self.section = section
        """The section to open at (``--section``), instead of where the briefing was left."""
        self.line = line
        """The line of the file whose passage to open at (``--line``)."""
        self._saved_theme: tuple[str, str] | None = None
        self._theme_lock = threading.Lock()
        self._start_theme(settings)
        self.keymap: dict[str, str] = {}
        """The keymap in force (binding id → keys), as given to :meth:`set_keymap`."""
        self._toasts_shown: dict[tuple[str, str, str], float] = {}
        """Each toast on screen (text, title, severity) and when it goes (``time.monotonic``)."""
        if self.config.keys:
            self.set_keymap(dict(self.config.keys))
        self.type_ahead = TypeAhead()
        """Sends keys typed ahead of a modal screen's opening or closing where they were meant."""
        self.held_keys = HeldKeys(self.post_message)
        """Keys typed while the screen they are meant for is on its way (:meth:`hold_keys`)."""
        self.arriving_key: events.Key | None = None
        """The key the app is taking in, while its priority binding runs (``/``)."""
        self._hold_limit: Timer | None = None
        # Quiet moments, after much long-lived data was made: the command that
        # runs the app tunes the garbage collector there (tui.cli.collector).
        self.after_first_frame = after_first_frame
        """Called once the first frame is drawn."""
        self.after_layout = after_layout
        """Called each time a large, long-lived structure is complete: the body's layout (at
        start, after a resize), a library's rows."""
        self.after_screen_closed = after_screen_closed
        """Called once a screen has been closed and taken apart."""
        self.after_reload = after_reload
        """Called once a new version of the briefing is shown (the old one is garbage)."""
        self.input_paused = input_paused
        """Called when keys and the mouse have been still for :data:`INPUT_PAUSE` seconds and
        the frame they asked for is drawn (the user reads it): a moment to tidy up."""
        self._input_pause: Timer | None = None
        self._stack_depth = 0
        self._reloaded_until = float("-inf")
        """When the last reload's toast goes (``time.monotonic``)."""

    def set_keymap(self, keymap: dict[str, str]) -> None:  # type: ignore[override]
        self.keymap = dict(keymap)
        super().set_keymap(keymap)

    def update_keymap(self, keymap: dict[str, str]) -> None:  # type: ignore[override]
        self.keymap = {**self.keymap, **keymap}
        super().update_keymap(keymap)

    def get_default_screen(self) -> Screen[None]:
        """The reader is the first screen (pushing it from ``on_mount`` costs a frame)."""
        if self.library is not None:
            from tui.ui.screens.library import LibraryScreen

            return LibraryScreen(self.library, self.positions)
        from tui.ui.screens.reader import ReaderScreen  # (a library imports it when it opens one)

        assert self.briefing is not None
        reader = ReaderScreen(self.briefing, self.positions, source=self.source)
        if self.section is not None:
            reader.start = (reader.document.section_blocks[self.section], 0)
        elif self.line is not None:
            from tui.document.source_lines import block_of_line

            reader.start = (block_of_line(self.briefing, reader.document, self.line), 0)
        return reader

    def reloaded(self, briefing: Briefing) -> None:
        """The reader shows a new version of the file (live reload): say so."""
        self.briefing = briefing
        now = time.monotonic()
        if now < self._reloaded_until:
            # The last save's toast is still up: it makes way, so that saves in quick
            # succession show one toast, not a stack (the other toasts go with it).
            self.clear_notifications()
        self.notify(RELOADED, timeout=RELOADED_SECONDS)
        self._reloaded_until = now + self.toast_seconds(RELOADED_SECONDS)
        if self.after_reload is not None:  # once the new version is on screen
            self.set_timer(0.1, self.after_reload)

    def on_mount(self) -> None:
        if self.input_paused is not None:
            self._input_pause = self.set_interval(INPUT_PAUSE, self._input_stopped, pause=True)
        self.screen_change_signal.subscribe(self, self.type_ahead.screen_changed, immediate=True)
        self.screen_change_signal.subscribe(self, self._screen_changed)
        if self.after_first_frame is not None:
            self.call_after_refresh(self.after_first_frame)
        if self.settings is not None:
            self.watch(self, "theme", self._theme_changed, init=False)
            self._show_settings_warnings()
        if self.config_problems:
            self._show_config_problems()
        self.show_file_warnings(self.warnings)

    def show_file_warnings(self, warnings: Sequence[Problem]) -> None:
        """Say what the loader warned of in the briefing opened (text removed from it, keys
        it does not know), if anything: the first, and how many more."""
        if not warnings:
            return
        count = len(warnings)
        first = warnings[0]
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

    def _show_config_problems(self) -> None:
        count, shown = len(self.config_problems), self.config_problems[:3]
        more = f"\n…and {count - len(shown)} more." if count > len(shown) else ""
        self.notify(
            "\n".join(shown) + more + "\nThe rest of the file applies (briefing-tui config).",
            title=f"{count} problem{'s' if count > 1 else ''} in the config file",
            severity="warning",
            markup=False,
            timeout=10,
        )

    # -- the theme, kept between runs ------------------------------------------------

    def _start_theme(self, settings: SettingsStore | None) -> None:
        """Start (before the first frame) in the config file's theme or the one chosen last time.

        Of the two, the later choice wins (see
        :func:`tui.storage.settings.theme_at_start`); a theme that no longer
        exists is passed over.
        """
        from tui.storage.settings import THEME, THEME_OVER, theme_at_start

        saved = settings.get(THEME) if settings is not None else None
        over = settings.get(THEME_OVER) if settings is not None else None
        theme = theme_at_start(self.config.theme, saved, over)
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        if isinstance(saved, str):
            self._saved_theme = (saved, over if isinstance(over, str) else "")

    def _theme_changed(self) -> None:
        self._save_theme()

    @work(thread=True, group="settings")
    def _save_theme(self) -> None:
        """Save the theme off the UI thread; when saves overlap, the newest theme wins."""
        from tui.storage.settings import THEME, THEME_OVER

        assert self.settings is not None
        with self._theme_lock:
            chosen = (self.theme, self.config.theme or "")
            if chosen == self._saved_theme:
                return
            if self.settings.put_all({THEME: chosen[0], THEME_OVER: chosen[1]}):
                self._saved_theme = chosen
                return
        self.call_from_thread(self._show_settings_warnings)

    def _show_settings_warnings(self) -> None:
        assert self.settings is not None
        for warning in self.settings.take_warnings():
            self.notify(warning, title="Settings", severity="warning", markup=False)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast, from any screen: text from outside (paths, briefings) is sanitised.

        It stays as long as the config file's ``notification_seconds`` says (short
        messages and warnings in proportion to the default five seconds). The same toast
        asked for again while it shows (``]`` pressed twice at the last section) is not
        shown twice: a second copy would only cover more of the screen.
        """
        text, heading = sanitize(message), sanitize_line(title)
        seconds = self.toast_seconds(self.NOTIFICATION_TIMEOUT if timeout is None else timeout)
        now = time.monotonic()
        key = (text, heading, severity)
        if self._toasts_shown.get(key, 0.0) > now:
            return
        self._toasts_shown = {shown: end for shown, end in self._toasts_shown.items() if end > now}
        self._toasts_shown[key] = now + seconds
        super().notify(text, title=heading, severity=severity, timeout=seconds, markup=markup)

    def clear_notifications(self) -> None:
        """Every toast away (and none counted as showing, for :meth:`notify`)."""
        self._toasts_shown.clear()
        super().clear_notifications()

    def toast_seconds(self, timeout: float) -> float:
        """How long a toast asked to show ``timeout`` seconds shows, with the user's config."""
        return timeout * self.config.notification_seconds / NOTIFICATION_SECONDS

    async def on_event(self, event: events.Event) -> None:
        if self._input_pause is not None and isinstance(event, (events.Key, events.MouseEvent)):
            self._input_pause.reset()
            self._input_pause.resume()
        if isinstance(event, events.Key):
            if event.key == "ctrl+j" and not event.is_forwarded:
                # Enter typed while the terminal was still in line mode (the app starting)
                # arrives as a line feed: Ctrl+J. It is Enter everywhere here.
                event = events.Key("enter", "\r")
            elif self._escape_then_key(event):
                return
            if self.held_keys.take(event):
                return
            if not event.is_forwarded:
                self.arriving_key = event
        await super().on_event(event)

    def _escape_then_key(self, event: events.Key) -> bool:
        """Esc and a key sent at once (tmux's ``send-keys Escape q``, a fast typist) reach
        the app as one key, Alt and that key, which nothing here binds: it is taken as the two
        keys typed (as vim and less take them). True if ``event`` was (posted again as two).

        In a line of text too (Esc ``j`` in the filter line clears it and moves down the
        table; Esc ``q`` in the search's query goes back and quits; Textual typed the j or
        the q into the line): there, the word moves a shell's line has (Alt+B, Alt+F,
        Alt+D) are the line's own keys and stay Alt keys.

        Esc and a digit come as the character macOS types with Option and that digit
        (:data:`OPTION_DIGITS`): outside a line of text, where nobody types them, they are
        Esc and the digit (``Escape 1`` sorts the library by title)."""
        if event.is_forwarded or not event.character:
            return False
        digit = OPTION_DIGITS.get(event.character)
        if digit is not None and not isinstance(self.focused, Input):
            self.held_keys.post_again([events.Key("escape", "\x1b"), events.Key(digit, digit)])
            return True
        if not event.key.startswith("alt+"):
            return False
        if event.key in self.screen.active_bindings:
            return False  # (a key of the user's own: config.toml may bind Alt keys)
        key = event.key.removeprefix("alt+")
        if key.startswith("shift+") and len(event.character) == 1:
            key = event.character  # (Alt+Shift+Q: Q)
        self.held_keys.post_again([events.Key("escape", "\x1b"), events.Key(key, event.character)])
        return True

    def hold_keys(self, reason: str, after: events.Key | None = None) -> None:
        """Hold the keys typed from now on until :meth:`release_keys` of ``reason``: what they
        are meant for (a briefing being read, a search's results) is on its way. ``after``:
        the key that asks for it, on its way to its binding, is not held."""
        self.held_keys.hold(reason, after)
        if self._hold_limit is not None:
            self._hold_limit.stop()
        self._hold_limit = self.set_timer(HOLD_LIMIT, self.held_keys.release_all)

    def release_keys(self, reason: str, ready: Screen[Any] | None = None) -> None:
        """``reason`` has come: the keys held go on (once ``ready`` is drawn, if given: a
        screen just opened, whose widgets the keys are meant for).

        They are posted again from the app's own turn: a key made while a screen handles a
        message is that screen's, and stops there on its way back up, before the app runs
        its binding (``ftrade`` Enter ``j``: the j reached the table and did nothing)."""
        if ready is not None:
            ready.call_after_refresh(self.release_keys, reason)
        else:
            self.call_next(self._release_keys, reason)

    def _release_keys(self, reason: str) -> None:
        self.held_keys.release(reason)
        if not self.held_keys.holding and self._hold_limit is not None:
            self._hold_limit.stop()
            self._hold_limit = None

    def _input_stopped(self) -> None:
        if self._input_pause is not None and self.input_paused is not None:
            self._input_pause.pause()
            self.call_after_refresh(self.input_paused)  # once the last key's frame is out

    def on_key(self, event: events.Key) -> None:
        self.type_ahead.route(event, self.screen)

    def _screen_changed(self, _screen: Screen[object]) -> None:
        depth, self._stack_depth = self._stack_depth, len(self.screen_stack)
        if self.after_screen_closed is not None and self._stack_depth < depth:
            # After the closed screen's removal has run its course.
            self.set_timer(0.05, self.after_screen_closed)

    def on_body_view_laid_out(self) -> None:
        if self.after_layout is not None:
            self.after_layout()

    def on_library_screen_listed(self) -> None:
        if self.after_layout is not None:
            self.after_layout()

    def help_groups(self) -> list[HelpGroup]:
        """Every binding by where it works, with the keymap applied, for the help screen."""
        from tui.ui.screens.reader import ReaderScreen
        from tui.ui.widgets.body import BodyView
        from tui.ui.widgets.item_list import ItemList
        from tui.ui.widgets.link_list import LinkList
        from tui.ui.widgets.outline import Outline
        from tui.ui.widgets.search_bar import SearchBar

        # Enter says what it does in each list; the other keys are the same in all.
        list_moves = [
            binding
            for binding in ItemList.BINDINGS
            if isinstance(binding, Binding) and binding.action != "select"
        ]
        groups: list[HelpGroup] = [
            ("Anywhere", [*self.BINDINGS, *ReaderScreen.BINDINGS]),
            ("Article body", list(BodyView.BINDINGS)),
            ("Talking points and quotes", [*list_moves, *LinkList.BINDINGS]),
            ("Outline", [*list_moves, *Outline.BINDINGS]),
            ("Search line", list(SearchBar.BINDINGS)),
        ]
        if self.library is not None:
            from tui.ui.screens.library import library_help
            from tui.ui.screens.library_search import SearchScreen

            searching = isinstance(self.screen, SearchScreen)
            groups = library_help(
                self.BINDINGS,
                groups,
                reading=len(self.screen_stack) > 1 and not searching,
                searching=searching,
            )
        return [(title, remapped(bindings, self.keymap)) for title, bindings in groups]

    def action_help(self) -> None:
        """Show every key."""
        from tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_groups()))

    def action_help_quit(self) -> None:
        """Ctrl+C with nothing selected: say what it does here (copy), and how to quit."""
        quit_keys = sorted(
            (
                self.get_key_display(active.binding)
                for active in self.active_bindings.values()
                if active.binding.action in ("quit", "app.quit")
            ),
            key=len,
        )  # (in a library's reader q goes back to the library: Ctrl+Q still quits)
        self.notify(
            "Ctrl+C copies text selected with the mouse; nothing is selected."
            + (f" {quit_keys[0]} quits." if quit_keys else ""),
            markup=False,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            # "Keys" duplicates the help screen; "Screenshot" writes files where it chooses.
            if command.title not in UNWANTED_SYSTEM_COMMANDS:
                yield command
        yield SystemCommand("Help: keys", "Show every key and what it does", self.action_help)
        if not isinstance(screen, ModalScreen):
            for binding in remapped(screen_bindings(screen), self.keymap):
                if not binding.description:
                    continue  # shown by another binding (the sort keys 2-8 by 1's)
                yield SystemCommand(
                    binding.description,
                    f"Key: {keys_of(binding)}",
                    lambda action=binding.action: screen.run_action(action),
                )
