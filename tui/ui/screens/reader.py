"""The reader screen: composes the panes and routes the messages between them."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.document import BodyDocument, Target
from tui.format.watch import BriefingFile
from tui.model import Briefing, Loaded
from tui.storage.positions import Position, PositionStore
from tui.ui.config import config_of
from tui.ui.history import PANES, JumpHistory, Pane, Place
from tui.ui.live_reload import LiveReload, ReloadBar
from tui.ui.position_keeper import PositionKeeper
from tui.ui.responsive import arrangement
from tui.ui.widgets.body import BodyView
from tui.ui.widgets.header import BriefingHeader
from tui.ui.widgets.item_list import ItemList
from tui.ui.widgets.key_hints import Hint, KeyHints
from tui.ui.widgets.link_list import LinkList
from tui.ui.widgets.points import PointsList
from tui.ui.widgets.quotes import QuotesList

if TYPE_CHECKING:
    from textual.widgets import Input, Tabs

    from tui.linking import Linker
    from tui.ui.widgets.search_bar import SearchBar

PANE_TITLES = {"body": "Article", "points": "Talking points", "quotes": "Quotes"}

HELP_HINT = Hint(("app.help",), "Help")
QUIT_HINT = Hint(("app.quit",), "Quit")
JUMP_HINT = Hint(("list.select",), "Jump")
BACK_HINT = Hint(("reader.back",), "Back")
MATCH_HINT = Hint(("reader.next_match", "reader.prev_match"), "Match")
GENERAL_HINTS = (
    Hint(("reader.next_pane",), "Pane"),
    Hint(("reader.prev_section", "reader.next_section"), "Section"),
    Hint(("reader.search",), "Search"),
    Hint(("app.palette",), "Palette"),
    Hint(("reader.pick_section",), "Sections"),
)
"""The key line, most needed first (narrow terminals leave out the last ones)."""


class ReaderScreen(Screen[None]):
    """The article body, talking points and quotes of one briefing."""

    AUTO_FOCUS = "#body"

    BINDINGS = [
        Binding("tab", "cycle_pane(1)", "Next pane", id="reader.next_pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="reader.prev_pane"),
        Binding("1", "show_pane('body')", "Article body", show=False, id="reader.body"),
        Binding("2", "show_pane('points')", "Talking points", show=False, id="reader.points"),
        Binding("3", "show_pane('quotes')", "Quotes", show=False, id="reader.quotes"),
        Binding(
            "right_square_bracket",
            "section(1)",
            "Next section",
            key_display="]",
            id="reader.next_section",
        ),
        Binding(
            "left_square_bracket",
            "section(-1)",
            "Previous section",
            key_display="[",
            id="reader.prev_section",
        ),
        Binding(
            "t",
            "pick_section",
            "Sections",
            tooltip="Section picker: type to filter, Enter jumps",
            id="reader.pick_section",
        ),
        Binding(
            "o",
            "toggle_outline",
            "Outline (show and go to it, or hide)",
            show=False,
            id="reader.outline",
        ),
        Binding("backspace", "back", "Back to before the last jump", show=False, id="reader.back"),
        # A priority binding acts as the key arrives, before the keys typed after it
        # are handed on: a fast "/duque" all goes into the search line.
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            priority=True,
            id="reader.search",
        ),
        Binding(
            "i", "info", "About this briefing (summary, source…)", show=False, id="reader.info"
        ),
        Binding(
            "e", "edit", "Edit the briefing at the passage in view", show=False, id="reader.edit"
        ),
        Binding("n", "search_again(1)", "Next match", show=False, id="reader.next_match"),
        Binding("N", "search_again(-1)", "Previous match", show=False, id="reader.prev_match"),
        Binding(
            "escape",
            "clear",
            "Dismiss messages and the highlight",
            show=False,
            id="reader.dismiss",
        ),
    ]

    active_pane: reactive[Pane] = reactive[Pane]("body", init=False)
    """The pane in use: focused on wide terminals, the only one shown on narrow ones."""

    narrow: reactive[bool] = reactive(False, init=False)
    """True on terminals too narrow for side-by-side panes."""

    show_outline: reactive[bool | None] = reactive[bool | None](None, init=False)
    """The outline's visibility as toggled by the reader; None follows the width."""

    def __init__(
        self,
        briefing: Briefing,
        positions: PositionStore | None = None,
        *,
        source: BriefingFile | None = None,
        start: tuple[int, int] | None = None,
        pane: Pane | None = None,
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.document = BodyDocument(briefing)
        self.positions = positions
        self.source = source
        """The file to follow as it is edited (None: the briefing never changes)."""
        self.start = start
        """Where to open (a place carried over from the last version), instead of resuming."""
        self._start_pane = pane
        """The pane in use in the last version of the file, used again once the lists are in."""
        self._reload_waiting: Loaded | None = None
        self.changed: set[int] = set()
        """Sections whose text changed in the file since the reader last had them in view."""
        self.live_reload: LiveReload | None = None
        """Follows the file (from mount, when there is a file to follow)."""
        self.keeper = (
            PositionKeeper(self, positions, briefing.path, self.body.reading_position)
            if positions is not None
            else None
        )
        """Resumes and saves the reading position (None: start at the top, remember nothing)."""
        self.point_targets: list[Target | None] | None = None
        self.quote_targets: list[Target | None] | None = None
        self.history: JumpHistory[tuple[int, int]] = JumpHistory()
        self._side_panes: tuple[PointsList, QuotesList] | None = None
        self.search_query: str | None = None
        self.search_found = False
        """True when the last search found a match (n and N are then worth showing)."""

    # -- composition ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The tabs (narrow terminals) and the outline are mounted when first needed.
        yield BriefingHeader(self.briefing, id="header")
        with Horizontal(id="main"):
            yield self.body
            yield Vertical(id="side")  # the lists follow the first frame: see side_panes()
        yield KeyHints(id="key-hints")

    @cached_property
    def body(self) -> BodyView:
        """The article body pane (kept at hand: it outlives the screen's unmounting)."""
        return BodyView(self.document, id="body")

    def pane_widget(self, pane: Pane) -> BodyView | PointsList | QuotesList:
        """The widget of a pane."""
        if pane == "body":
            return self.body
        points, quotes = self.side_panes()
        return points if pane == "points" else quotes

    def side_panes(self) -> tuple[PointsList, QuotesList]:
        """The talking points and quotes lists, mounted on first use.

        That is right after the first frame, unless a key asks for them
        sooner: the article is what the reader looks at first, and leaving
        the lists out of the first frame makes it a tenth cheaper.
        """
        if self._side_panes is None:
            points = PointsList(self.briefing.talking_points, id="points")
            points.border_title = f"Talking points ({len(self.briefing.talking_points)})"
            quotes = QuotesList(self.briefing.quotes, id="quotes")
            quotes.border_title = f"Quotes ({len(self.briefing.quotes)})"
            self._mount_into("#side", points, quotes)
            self._side_panes = (points, quotes)
        return self._side_panes

    def _mount_into(self, parent: str, *widgets: Widget, before: int | None = None) -> None:
        """Mount ``widgets`` in a container, once it is mounted itself.

        Keys typed while the reader starts (``o``, ``2``) can ask for a pane
        before the containers composed with the screen are ready for children.
        """
        if not self.is_attached:
            return  # the screen is closing (q typed as the reader starts): nothing to add to
        container = self.query_one(parent)
        if container.is_mounted:
            if container.is_attached:
                container.mount(*widgets, before=before)
        else:
            self.call_after_refresh(self._mount_into, parent, *widgets, before=before)

    def on_mount(self) -> None:
        # A watcher runs in the same tick as the scroll, so the border title and
        # the marks change in the same frame as the text (a message would take
        # a second frame).
        self.watch(self.body, "current_section", self._section_changed, init=False)
        self._title_body(0)
        self._update_layout(self.size.width)
        self._update_hints()
        if self.start is not None:
            self.body.start_at(self.start)
        if self.keeper is not None:
            self._resume(self.keeper)
        if self.source is not None:
            self.live_reload = LiveReload(self, self.source, self._reloaded, self._reload_failed)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        if not self.is_attached:
            return  # closed at once (q typed as the reader starts)
        self.side_panes()
        if self.live_reload is not None:  # after the first frame: it imports the loader
            self.live_reload.start()
        self.changed.discard(self.body.current_section)  # the one in view is being read
        if self._start_pane is not None:  # a new version of the file, read from a list
            self.active_pane = self._start_pane
        self.search_bar  # noqa: B018 - mounted now, so that "/" can focus it at once
        # Linking reads the whole body: it starts once the article is on screen.
        self._compute_links()

    # -- where the briefing was left ---------------------------------------------

    def _resume(self, keeper: PositionKeeper) -> None:
        """Open where this briefing was left last time, and remember where it is left now."""
        self.watch(self.body, "scroll_y", keeper.moved, init=False)
        if self.start is not None:
            return  # a new version of the file: its place is carried over, not resumed
        saved = keeper.saved_position()
        if saved is None or saved.block >= len(self.document) or saved == Position(0, 0):
            return  # nowhere remembered, the top, or the briefing changed
        self.body.start_at((saved.block, saved.offset))
        section = self.document.section_of[saved.block]
        self.notify(
            f"Back where you left off, in section {section + 1} of"
            f" {len(self.briefing.sections)}. g goes to the top.",
            markup=False,
            timeout=4,
        )

    # -- editing -------------------------------------------------------------------

    def action_edit(self) -> None:
        """Open the file in $VISUAL or $EDITOR at the passage in view; it reloads on return."""
        from tui.ui.editor import editor_command

        if self.source is None:
            self.notify("The bundled briefing is not edited here: open a copy of it.")
            return
        from tui.document.source_lines import line_of_block

        line = line_of_block(self.briefing, self.document, self.body.top_block())
        command = editor_command(os.environ, self.source.path, line)
        if command is None:
            self.notify("Set $VISUAL or $EDITOR to edit the briefing from here.", markup=False)
            return
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except (OSError, SuspendNotSupported) as error:
            self.notify(f"Could not run the editor: {error}", severity="error", markup=False)
            return
        if self.live_reload is not None:
            self.live_reload.poll()  # the new version at once

    # -- live reload -------------------------------------------------------------

    def _reloaded(self, loaded: Loaded) -> None:
        """A new good version of the file: a new reader in this one's place, at the same passage."""
        if not self.is_attached:
            return
        if not self.is_current:  # a box is open over the reader: once it closes
            self._reload_waiting = loaded
            return
        from tui.document.carry import carry_position, changed_sections

        new = ReaderScreen(
            loaded.briefing, self.positions, source=self.source, pane=self.active_pane
        )
        new.start = carry_position(
            (self.briefing, self.document),
            (new.briefing, new.document),
            self.body.reading_position(),
        )
        unvisited = {self.briefing.sections[index].id for index in self.changed}
        new.changed = changed_sections(self.briefing, new.briefing, unvisited)
        self.app.replace_reader(new)  # type: ignore[attr-defined] # (BriefingApp)

    def on_screen_resume(self) -> None:
        waiting, self._reload_waiting = self._reload_waiting, None
        if waiting is not None:
            self._reloaded(waiting)

    def _reload_failed(self, problems: Sequence[str]) -> None:
        """A bad version (or no file): keep this one, and say why in a bar until a good one."""
        if not self.is_attached:
            return
        bars = self.query(ReloadBar)
        bar = bars.first() if bars else ReloadBar()
        if not bars:
            self.mount(bar)
        bar.show_problems(self.briefing.path, problems)

    def on_unmount(self) -> None:
        if self.keeper is not None:
            self.keeper.save_now()  # now: the screen is closing

    # -- links ------------------------------------------------------------------

    @cached_property
    def linker(self) -> Linker:
        """Finds the passage of one point or quote (until all are found in the background)."""
        from tui.linking import Linker

        return Linker(self.briefing, self.document)

    @work(thread=True, exclusive=True, group="links")
    def _compute_links(self) -> None:
        """Find every point's and quote's passage off the UI thread (large bodies take a while)."""
        from tui.linking import Linker

        worker = get_current_worker()
        linker = Linker(self.briefing, self.document, cancelled=lambda: worker.is_cancelled)
        points = linker.points(self.briefing.talking_points)
        quotes = linker.quotes(self.briefing.quotes)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._links_ready, points, quotes)

    def _links_ready(self, points: list[Target | None], quotes: list[Target | None]) -> None:
        from tui.verify import not_found

        if not self.is_attached:  # the app closed while linking
            return
        self.point_targets, self.quote_targets = points, quotes
        points_list, quotes_list = self.side_panes()
        points_list.set_sections([t.section if t else None for t in points])
        quotes_list.set_sections([t.section if t else None for t in quotes])
        quotes_list.set_not_found(not_found(quotes))
        self._mark(self.body.current_section)

    def point_target(self, index: int) -> Target | None:
        """Where talking point ``index`` links to."""
        if self.point_targets is not None:
            return self.point_targets[index]
        return self.linker.point(self.briefing.talking_points[index])

    def quote_target(self, index: int) -> Target | None:
        """Where quote ``index`` links to."""
        if self.quote_targets is not None:
            return self.quote_targets[index]
        return self.linker.quote(self.briefing.quotes[index])

    # -- layout -----------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._update_layout(event.size.width)

    def _update_layout(self, width: int) -> None:
        choice = self.show_outline
        arranged = arrangement(width, config_of(self).outline_choice if choice is None else choice)
        self.narrow = arranged.narrow
        outline = arranged.outline
        if outline and not self.query("#outline"):
            from tui.ui.widgets.outline import Outline

            widget = Outline(self.briefing.sections, self.changed, id="outline")
            widget.border_title = "Outline"
            self._mount_into("#main", widget, before=0)
            widget.follow(self.body.current_section)
        self.set_class(outline, "-outline")

    def watch_narrow(self, narrow: bool) -> None:
        if narrow and self.is_attached and not self.query("#pane-tabs"):
            from textual.widgets import Tab, Tabs

            tabs = [Tab(PANE_TITLES[pane], id=f"tab-{pane}") for pane in PANES]
            self.mount(
                Tabs(*tabs, active=f"tab-{self.active_pane}", id="pane-tabs"), before="#main"
            )
        self.set_class(narrow, "-narrow")
        # The search line is there in either layout: what is typed in it stays there.
        self._show_active(focus=self.focused is None or self.focused.id != "search")

    def watch_show_outline(self) -> None:
        self._update_layout(self.size.width)

    def watch_active_pane(self) -> None:
        self._show_active()

    def _show_active(self, focus: bool = True) -> None:
        pane = self.active_pane
        for name in PANES:
            self.set_class(name == pane, f"-show-{name}")
        if self.query("#pane-tabs"):
            from textual.widgets import Tabs  # imported when they were mounted

            tabs = self.query_one("#pane-tabs", Tabs)
            if tabs.tab_count:  # a newly mounted Tabs starts on the active pane already
                # Without prevent(), the TabActivated this posts arrives after any
                # quicker pane change and switches back: panes would ping-pong.
                with tabs.prevent(tabs.TabActivated):
                    tabs.active = f"tab-{pane}"
        widget = self.pane_widget(pane)
        if focus and self.focused is not widget:
            # At once, not after the queued messages as ``focus()`` does: keys
            # typed right after "2" go to the points, not the pane before.
            self.set_focus(widget)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id:
            self.active_pane = event.tab.id.removeprefix("tab-")  # type: ignore[assignment]

    def on_descendant_focus(self) -> None:
        focused = self.focused
        if focused is not None and focused.id in PANES:
            self.active_pane = focused.id
        self._update_hints()

    def _update_hints(self) -> None:
        """Show the keys of the moment: Enter on a list, Backspace to go back, n N to search on."""
        focused = self.focused
        on_list = isinstance(focused, LinkList) and focused.item_count > 0
        context = [
            *([JUMP_HINT] if on_list else []),
            *([BACK_HINT] if on_list or len(self.history) else []),
            *([MATCH_HINT] if self.search_query and self.search_found else []),
        ]
        self.query_one(KeyHints).show([HELP_HINT, QUIT_HINT, *context, *GENERAL_HINTS])

    # -- following the body ---------------------------------------------------------

    def _section_changed(self, section: int) -> None:
        self._title_body(section)
        self._mark(section)
        self.changed.discard(section)
        if self.query("#outline"):
            from tui.ui.widgets.outline import Outline  # imported when it was mounted

            outline = self.query_one("#outline", Outline)
            outline.follow(section)
            outline.visited(section)

    def _title_body(self, section: int) -> None:
        heading = self.briefing.sections[section].heading
        total = len(self.briefing.sections)
        self.body.border_title = Content(f"Article · {section + 1}/{total} · {heading}")

    def _mark(self, section: int) -> None:
        for listing in self.side_panes():
            listing.mark_section(section)

    # -- jumps ------------------------------------------------------------------

    def _remember(self) -> None:
        self.history.push(Place(self.body.reading_position(), self.active_pane))
        self._update_hints()

    def jump_to(self, target: Target) -> None:
        """Show ``target`` in the body, remembering where the reader was.

        A jump to the passage already shown is not remembered again: Backspace
        then goes back to where the reader was before it, at once.
        """
        if not (self.body.highlight == target and self.body.shows(target)):
            self._remember()
        if self.narrow and self.active_pane != "body":
            # The body is hidden: show it first, so it is laid out at its real size.
            self.active_pane = "body"
            self.call_after_refresh(self.body.show_target, target)
        else:
            self.body.show_target(target)

    def jump_to_section(self, section: int) -> None:
        """Bring a section's heading to the top, remembering where the reader was."""
        block = self.document.section_blocks[section]
        self.jump_to(Target(block, section, end=0))

    def jump_to_point(self, index: int) -> None:
        """Jump to the passage supporting talking point ``index``."""
        target = self.point_target(index)
        if target is None:
            self.notify("This talking point has no supporting passage in the article.")
            return
        self.jump_to(target)

    def jump_to_quote(self, index: int) -> None:
        """Jump to where quote ``index`` occurs in the article (else say why it is not there)."""
        target = self.quote_target(index)
        if target is None or not target.exact:
            self._explain_not_found(index, names_section=target is not None)
        if target is not None:
            self.jump_to(target)

    @work(thread=True, group="why")
    def _explain_not_found(self, index: int, *, names_section: bool) -> None:
        """Say that quote ``index`` is not in the article, with the closest passage.

        Looking for that passage reads the whole body: off the UI thread.
        """
        from tui.verify import QuoteChecker

        worker = get_current_worker()
        checker = QuoteChecker(self.briefing, self.document, cancelled=lambda: worker.is_cancelled)
        reason = checker.closest([self.briefing.quotes[index]])[0]
        if worker.is_cancelled:
            return
        why = str(reason)
        showing = "; showing its section." if names_section else ", and names no section."
        message = (
            f"This quote does not occur in the article word for word{showing}\n"
            f"{why[0].upper()}{why[1:]}."
        )
        self.app.call_from_thread(
            self.notify, message, severity="warning", markup=False, timeout=10
        )

    def not_found_count(self) -> int:
        """How many quotes the article does not hold word for word."""
        from tui.verify import not_found

        targets = self.quote_targets
        if targets is None:
            targets = self.linker.quotes(self.briefing.quotes)
        return len(not_found(targets))

    @on(ItemList.Selected, "#points")
    def _point_selected(self, event: ItemList.Selected) -> None:
        self.jump_to_point(event.index)

    @on(ItemList.Selected, "#quotes")
    def _quote_selected(self, event: ItemList.Selected) -> None:
        self.jump_to_quote(event.index)

    @on(ItemList.Selected, "#outline")
    def _outline_selected(self, event: ItemList.Selected) -> None:
        self.jump_to_section(event.index)
        self.body.focus()

    # -- actions ------------------------------------------------------------------

    def action_cycle_pane(self, step: int) -> None:
        """Move to the next (or previous) pane."""
        index = PANES.index(self.active_pane)
        self.active_pane = PANES[(index + step) % len(PANES)]

    def action_show_pane(self, pane: Pane) -> None:
        """Move to a pane by name."""
        self.active_pane = pane

    def action_section(self, step: int) -> None:
        """Bring the next (or previous) section's heading to the top."""
        # From where the view is then: a quick "]]" typed at start-up goes two sections on.
        self.body.when_sized(lambda: self._step_section(step))

    def _step_section(self, step: int) -> None:
        body = self.body
        target = body.section_after(step)
        if target == body.current_section and step > 0:
            self.notify("This is the last section.", timeout=2)  # and stay: not back up to it
            return
        if target == body.current_section == 0 and body.scroll_y == 0:
            self.notify("This is the first section.", timeout=2)
            return
        body.show_section(target)
        if self.narrow:
            self.active_pane = "body"  # the only pane that shows sections

    def action_pick_section(self) -> None:
        """Open the section picker."""
        from tui.ui.screens.section_picker import SectionPicker

        def picked(section: int | None) -> None:
            if section is not None:
                self.jump_to_section(section)
                self.active_pane = "body"

        self.app.push_screen(
            SectionPicker(self.briefing.sections, self.body.current_section, self.changed),
            picked,
        )

    def action_info(self) -> None:
        """Show what the briefing says about itself: summary, source, authors, contents."""
        from tui.ui.screens.info import InfoScreen

        self.app.push_screen(InfoScreen(self.briefing, self.not_found_count()))

    def action_toggle_outline(self) -> None:
        """Show the section outline and move to it, or hide it."""
        self.show_outline = not self.has_class("-outline")
        outline = self.query("#outline").first() if self.show_outline else None
        if outline is not None:
            self.call_after_refresh(outline.focus)  # once a newly mounted outline is ready
        elif not isinstance(self.focused, (BodyView, PointsList, QuotesList)):
            self.pane_widget(self.active_pane).focus()

    @cached_property
    def search_bar(self) -> SearchBar:
        """The search line, mounted hidden (right after the first frame) and shown by ``/``."""
        from tui.ui.widgets.search_bar import SearchBar

        bar = SearchBar()
        bar.display = False
        if self.is_attached:  # not when the screen is closing
            self.mount(bar)
        return bar

    def action_search(self) -> None:
        """Open the search line (with the last search in it, selected)."""
        bar = self.search_bar
        if self.focused is bar:
            raise SkipAction()  # typed in the search line: a "/" to find, in its turn
        if not bar.display:
            bar.value = self.search_query or ""
            bar.display = True
        # At once, not after the queued keys as focus() would: what is typed
        # right after "/" (a paste, a fast typist) goes into the search line.
        self.set_focus(bar)

    def _close_search(self) -> None:
        self.search_bar.display = False
        self.set_focus(self.pane_widget(self.active_pane))

    def on_input_submitted(self, event: Input.Submitted) -> None:  # the search line
        event.stop()
        self._close_search()
        if event.value.strip():
            self.search_query = event.value
            self._update_hints()
            self._search(1, from_match=False)  # a new search starts at the view

    def on_search_bar_closed(self) -> None:
        self._close_search()

    def action_search_again(self, step: int) -> None:
        """Find the next (or previous) match of the last search."""
        if not self.search_query:
            self.notify("Nothing searched yet: press / to search.")
            return
        self._search(step, from_match=True)

    def _search(self, step: int, *, from_match: bool) -> None:
        """Find the last search's next match from the match in view, or from the top of the view."""
        self.body.when_sized(lambda: self._search_now(step, from_match=from_match))

    def _search_now(self, step: int, *, from_match: bool) -> None:
        from tui.search import find_next

        assert self.search_query is not None
        body = self.body
        current = body.highlight
        if from_match and current is not None and current.end and body.shows(current):
            start = (current.block, current.end if step > 0 else current.start)
        else:  # from the top of the view, as in less and vim
            start = (body.top_block(), 0)
        found = find_next(self.document, self.search_query, start, backward=step < 0)
        if self.search_found != (found is not None):
            self.search_found = found is not None
            self._update_hints()
        if found is None:
            body.highlight = None  # an older search's match is not this one's
            self.notify(f"Not found: {self.search_query}", markup=False)
            return
        if found.wrapped:
            where = "top" if step > 0 else "end"
            self.notify(f"Search went on from the {where} of the article.", timeout=2)
        self.jump_to(found.target)

    def action_clear(self) -> None:
        """Dismiss the messages (toasts) and the highlight of the last jump."""
        self.app.clear_notifications()
        self.body.highlight = None

    def action_back(self) -> None:
        """Return to where the reader was before the last jump."""
        place = self.history.pop()
        if place is None:
            self.notify("Nothing to go back to.")
            return
        self.body.highlight = None
        self.body.restore_position(place.position)
        self.active_pane = place.pane
        self._update_hints()
