"""The reader screen: composes the panes and routes the messages between them."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from textual import events, on, work
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

from tui.bookmarks import Bookmark
from tui.document import TEXT_KINDS, BodyDocument, Target
from tui.format.watch import BriefingFile
from tui.model import Briefing, Loaded
from tui.storage.bookmarks import FILE_NAME as BOOKMARKS_FILE
from tui.storage.bookmarks import BookmarkStore
from tui.storage.positions import Position, PositionStore
from tui.ui.bookmark_keeper import BookmarkKeeper
from tui.ui.config import config_of
from tui.ui.held_keys import after_keys_ahead, hold_keys, pass_on, release_keys
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

    from tui.document.carry import Carrier, Version
    from tui.linking import Linker
    from tui.ui.search_controller import Searcher
    from tui.ui.search_history import SearchMemory
    from tui.ui.widgets.outline import Outline
    from tui.ui.widgets.search_bar import SearchBar, SearchLine

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
    Hint(("reader.copy",), "Copy"),
    Hint(("reader.links",), "Links"),
)
"""The key line, most needed first (narrow terminals leave out the last ones)."""


SEARCH_LINE = "search line"
"""What the keys typed after ``/`` wait for: the keys typed before it, to act first."""


class ReaderScreen(Screen[None]):
    """The article body, talking points and quotes of one briefing."""

    AUTO_FOCUS = "#body"

    EXTRA_HINTS: tuple[Hint, ...] = ()
    """Keys of a reader opened from elsewhere (the library), shown after Help and Quit."""
    closing = False
    """On its way out: asked to close (``q``), the keys typed before that still coming back."""

    @property
    def leaving(self) -> bool:
        """Closing, or closed: nothing is mounted on it any more (tabs mounted as a resize
        made the terminal narrow, while the screen went, lost their tabs and crashed)."""
        return self.closing or not self.is_attached

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
            "Search the article, points and quotes",
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
        Binding(
            "m",
            "toggle_bookmark",
            "Bookmark the passage or item in view",
            show=False,
            id="reader.bookmark",
        ),
        Binding(
            "apostrophe",
            "bookmarks",
            "Bookmarks",
            key_display="'",
            show=False,
            id="reader.bookmarks",
        ),
        Binding(
            "n",
            "search_again(1)",
            "Next match (article, points, quotes)",
            show=False,
            id="reader.next_match",
        ),
        Binding("N", "search_again(-1)", "Previous match", show=False, id="reader.prev_match"),
        Binding(
            "y",
            "copy",
            "Copy what is in use, with its source",
            show=False,
            id="reader.copy",
        ),
        Binding(
            "L",
            "links",
            "Links (Enter opens one in the browser)",
            show=False,
            id="reader.links",
        ),
        Binding(
            "escape",
            "clear",
            "Dismiss messages and highlights",
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
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.document = BodyDocument(briefing)
        self.positions = positions
        self.source = source
        """The file to follow as it is edited (None: the briefing never changes)."""
        self.start = start
        """Where to open (``--section``, ``--line``), instead of where the briefing was left."""
        self._reload_waiting: Version | None = None
        self.changed: set[int] = set()
        """Sections whose text changed in the file since the reader last had them in view."""
        self.live_reload: LiveReload[Version] | None = None
        """Follows the file (from mount, when there is a file to follow)."""
        self.keeper = (
            PositionKeeper(self, positions, briefing.path, self.body.place_to_keep)
            if positions is not None
            else None
        )
        """Resumes and saves the reading position (None: start at the top, remember nothing)."""
        self.bookmarks = BookmarkKeeper(
            BookmarkStore(positions.path.parent / BOOKMARKS_FILE) if positions else None,
            briefing,
            self.document,
        )
        """This briefing's bookmarks, kept beside the positions (in memory only without)."""
        self.point_targets: list[Target | None] | None = None
        self.quote_targets: list[Target | None] | None = None
        self.history: JumpHistory[tuple[int, int]] = JumpHistory()
        self._side_panes: tuple[PointsList, QuotesList] | None = None
        self._searcher: Searcher | None = None
        self.memory: SearchMemory | None = None
        """The searches made, for Up and Down in the search line (once it is mounted)."""

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
            quotes = QuotesList(self.briefing.quotes, id="quotes")
            _title_lists(points, quotes, self.briefing)
            self._mount_into("#side", points, quotes)
            self._side_panes = (points, quotes)
        return self._side_panes

    def _outline(self) -> Outline | None:
        """The outline, if it was ever shown."""
        if not self.query("#outline"):
            return None
        from tui.ui.widgets.outline import Outline  # imported when it was mounted

        return self.query_one("#outline", Outline)

    def _mount_into(self, parent: str, *widgets: Widget, before: int | None = None) -> None:
        """Mount ``widgets`` in a container, once it is mounted itself.

        Keys typed while the reader starts (``o``, ``2``) can ask for a pane
        before the containers composed with the screen are ready for children.
        """
        if self.leaving:
            return  # (q typed as the reader starts): nothing to add to
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
            self.live_reload = LiveReload(
                self, self.source, self.ready_version, self._reloaded, self._reload_failed
            )
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        if not self.is_attached:
            return  # closed at once (q typed as the reader starts)
        self.side_panes()
        if self.live_reload is not None:  # after the first frame: it imports the loader
            self.live_reload.start()
        self.search_bar  # noqa: B018 - mounted now, so that "/" can focus it at once
        self._show_bookmarks()
        # Linking reads the whole body: it starts once the article is on screen.
        self._compute_links()

    # -- where the briefing was left ---------------------------------------------

    @property
    def opens_elsewhere(self) -> bool:
        """True if asked to open at a place (not where the briefing was left)."""
        return self.start is not None

    def _resume(self, keeper: PositionKeeper) -> None:
        """Open where this briefing was left last time, and remember where it is left now."""
        self.watch(self.body, "scroll_y", keeper.moved, init=False)
        if self.opens_elsewhere:
            return
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

    def ready_version(self, loaded: Loaded) -> Version:
        """Ready a new version of the file to be shown (in the loading thread)."""
        from tui.document.carry import Version

        return Version.of(loaded.briefing, self.briefing)

    def _reloaded(self, version: Version) -> None:
        """A new good version of the file: shown in place, at the same passage."""
        if not self.is_attached:
            return
        if self.app.screen is not self:  # a box is open over the reader: once it closes
            self._reload_waiting = version
            return
        self.show_version(version)
        for bar in self.query(ReloadBar):
            bar.remove()
        self.app.reloaded(version.briefing)  # type: ignore[attr-defined] # (BriefingApp)

    def show_version(self, version: Version) -> None:
        """Show another version of the briefing on the same widgets, as it is read.

        The place in the article, the pane in use and its focus, the lists'
        cursors and scroll, the search, the jump history and the last jump's
        highlight are carried over to the new text (:class:`Carrier`);
        sections whose text changed are marked until read. Widgets whose
        part of the briefing is unchanged are left alone (not redrawn).
        """
        from tui.document.carry import Carrier, changed_sections

        old_briefing, briefing, document = self.briefing, version.briefing, version.document
        carrier = Carrier((old_briefing, self.document), (briefing, document))
        position = carrier.position(self.body.reading_position())
        highlight = self.body.highlight
        highlight = carrier.target(highlight) if highlight is not None else None
        unvisited = {old_briefing.sections[index].id for index in self.changed}
        if version.base is old_briefing:  # (else a version came between: compared again)
            self.changed = set(version.changed)
            self.changed |= {i for i, s in enumerate(briefing.sections) if s.id in unvisited}
        else:
            self.changed = changed_sections(old_briefing, briefing, unvisited)
        self.history.carry(carrier.position)
        points, quotes = self.point_targets, self.quote_targets
        self.briefing, self.document = briefing, document
        linker = self.__dict__.pop("linker", None)  # (a cached property) linked the old text
        self.point_targets = self.quote_targets = None
        self.query_one(BriefingHeader).show(briefing)
        if self._side_panes is not None:
            # Until the new links are found: the old ones, where the text is unchanged.
            self._show_lists(old_briefing, carrier, points, quotes)
        self.body.show_document(document, position, highlight)
        section = self.body.current_section
        self._title_body(section)
        self.changed.discard(section)  # the one in view is being read
        outline = self._outline()
        if outline is not None:
            outline.set_sections(briefing.sections, self.changed)
            outline.follow(section)
        self._mark(section)
        self.bookmarks.new_version(briefing, document)
        if self._side_panes is not None:
            self._show_bookmarks()
        self._update_hints()
        # Once the new text is on screen: linking a large body holds the interpreter,
        # and freeing the old version takes a while too.
        self.call_after_refresh(self._compute_links)
        self.call_after_refresh(_release, old_briefing, carrier, points, quotes, linker)

    def _show_lists(
        self,
        old: Briefing,
        carrier: Carrier,
        points: list[Target | None] | None,
        quotes: list[Target | None] | None,
    ) -> None:
        """The talking points and quotes of a new version, with the old version's links
        (``points``, ``quotes``: their sections) where unchanged, until the new ones."""
        briefing = self.briefing
        points_list, quotes_list = self.side_panes()
        if briefing.talking_points != old.talking_points:
            points_list.set_points(briefing.talking_points)
        if briefing.quotes != old.quotes:
            not_found = {old.quotes[index] for index in quotes_list.not_found}
            quotes_list.set_quotes(
                briefing.quotes,
                [index for index, quote in enumerate(briefing.quotes) if quote in not_found],
            )
        _title_lists(points_list, quotes_list, briefing)
        if points is not None:
            sections = [target.section if target else None for target in points]
            points_list.set_sections(
                carrier.link_sections(old.talking_points, briefing.talking_points, sections)
            )
        if quotes is not None:
            sections = [target.section if target else None for target in quotes]
            quotes_list.set_sections(carrier.link_sections(old.quotes, briefing.quotes, sections))

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
        briefing = self.briefing
        linker = Linker(briefing, self.document, cancelled=lambda: worker.is_cancelled)
        points = linker.points(self.briefing.talking_points)
        quotes = linker.quotes(self.briefing.quotes)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._links_ready, briefing, points, quotes)

    def _links_ready(
        self, briefing: Briefing, points: list[Target | None], quotes: list[Target | None]
    ) -> None:
        from tui.verify import not_found

        if not self.is_attached or briefing is not self.briefing:
            return  # the app closed while linking, or a newer version came
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
            widget.bookmarked = self.bookmarks.marked().sections
            widget.border_title = "Outline"
            self._mount_into("#main", widget, before=0)
            widget.follow(self.body.current_section)
        self.set_class(outline, "-outline")

    def watch_narrow(self, narrow: bool) -> None:
        if narrow and not self.leaving and not self.query("#pane-tabs"):
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
            *([MATCH_HINT] if self._searcher is not None and self._searcher.found else []),
        ]
        hints = [HELP_HINT, QUIT_HINT, *self.EXTRA_HINTS, *context, *GENERAL_HINTS]
        self.query_one(KeyHints).show(hints)

    # -- following the body ---------------------------------------------------------

    def _section_changed(self, section: int) -> None:
        self._title_body(section)
        self._mark(section)
        self.changed.discard(section)
        outline = self._outline()
        if outline is not None:
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

    def action_copy(self) -> None:
        """Copy the talking point, quote or passage in use, citing the source."""
        from tui.ui.copying import copy_in_view

        copy_in_view(self)

    def action_links(self) -> None:
        """List the briefing's links; Enter opens one in the browser."""
        from tui.ui.screens.links import LinksScreen
        from tui.weblinks import web_links

        self.app.push_screen(LinksScreen(web_links(self.briefing, self.document)))

    def action_toggle_outline(self) -> None:
        """Show the section outline and move to it, or hide it."""
        self.show_outline = not self.has_class("-outline")
        outline = self.query("#outline").first() if self.show_outline else None
        if outline is not None:
            self.call_after_refresh(outline.focus)  # once a newly mounted outline is ready
        elif not isinstance(self.focused, (BodyView, PointsList, QuotesList)):
            self.pane_widget(self.active_pane).focus()

    # -- search (the workings are in tui.ui.search_controller) ------------------------

    @property
    def searcher(self) -> Searcher:
        """The search: matches lit up and counted, n and N (made on first use)."""
        if self._searcher is None:
            from tui.ui.search_controller import Searcher

            self._searcher = Searcher(self, self._update_hints)
        return self._searcher

    @cached_property
    def search_line(self) -> SearchLine:
        """The search line, mounted hidden (right after the first frame) and shown by ``/``."""
        from tui.ui.search_history import SearchMemory
        from tui.ui.widgets.search_bar import SearchLine

        line = SearchLine(self._search_submitted, self._search_closed)
        line.close()
        self.memory = SearchMemory(self, self.positions)
        line.bar.history = self.memory.queries
        self.searcher.line = line
        if self.is_attached:  # not when the screen is closing
            self.mount(line)
            self.memory.load()
        return line

    @property
    def search_bar(self) -> SearchBar:
        """The search box of the search line."""
        return self.search_line.bar

    def action_search(self) -> None:
        """Open the search line (with the last search in it, selected)."""
        line = self.search_line
        if self.focused is line.bar:
            raise SkipAction()  # typed in the search line: a "/" to find, in its turn
        if not line.is_open:
            query = self.searcher.query
            line.open(query.text if query is not None else "")
        # "/" acts as it arrives (a priority binding), before the keys typed ahead of it
        # have come back up to their bindings (] ] /duque Enter searched from where ] ]
        # started): the keys typed after it wait, and the line takes the focus (and them)
        # once those have acted, on their way up from the widget they went to.
        asked_by = getattr(self.app, "arriving_key", None)
        hold_keys(self, SEARCH_LINE, after=asked_by)
        went_to = self.focused or self
        after_keys_ahead(went_to.ancestors_with_self, lambda: self._search_line_ready(asked_by))

    def _search_line_ready(self, asked_by: events.Key | None) -> None:
        """The keys typed before ``/`` have acted: the search line takes the keys after it;
        unless they closed this screen (``q /``, in the library) or opened one over it: the
        ``/`` is then for the screen on top, and goes there first."""
        if not self.is_active or self.closing:
            if self.search_line.is_open:
                self.search_line.close()
            pass_on(self, asked_by)
        elif self.search_line.is_open:
            self.set_focus(self.search_line.bar)  # (at once, not after queued keys as focus())
        release_keys(self, SEARCH_LINE)

    def _close_search(self) -> None:
        self.search_line.close()
        self.set_focus(self.pane_widget(self.active_pane))

    def on_input_changed(self, event: Input.Changed) -> None:  # the search line
        event.stop()
        if self.search_line.is_open:
            self.searcher.typed(event.value)

    def _search_submitted(self, value: str) -> None:
        self._close_search()
        self.searcher.submitted(value)  # a new search starts at the view

    def _search_closed(self) -> None:
        self._close_search()
        self.searcher.closed()

    def action_search_again(self, step: int) -> None:
        """Find the next (or previous) match of the last search."""
        if self.searcher.query is None:
            self.notify("Nothing searched yet: press / to search.")
            return
        self.searcher.search(step, from_match=True)

    def show_item(self, pane: Pane, index: int) -> None:
        """Put a list's cursor on item ``index`` and show the list, remembering where it was."""
        self._remember()
        self.active_pane = pane
        listing = self.pane_widget(pane)
        if isinstance(listing, ItemList):
            listing.highlighted = index

    # -- bookmarks ---------------------------------------------------------------

    def _show_bookmarks(self) -> None:
        """Mark the bookmarked passages: the article's margin, the outline, the lists."""
        marked = self.bookmarks.marked()
        self.body.set_bookmarked(marked.blocks)
        points, quotes = self.side_panes()
        points.set_bookmarked(marked.points)
        quotes.set_bookmarked(marked.quotes)
        for outline in self.query("#outline").results(ItemList):
            outline.set_bookmarked(marked.sections)
        for warning in self.bookmarks.take_warnings():
            self.notify(warning, severity="warning", markup=False, timeout=8)

    def _passage_in_view(self) -> int | None:
        """The block of the article a bookmark goes on: the first text at or below the last
        jump's passage while it is lit in view (a short last section cannot reach the top),
        else at or below the top."""
        document, body = self.document, self.body
        jumped = body.highlight
        if jumped is not None and body.shows(jumped):
            block = jumped.block
        else:
            block = body.reading_position()[0]
        section_end = len(document)
        while block < section_end and document.kinds[block] not in TEXT_KINDS:
            block += 1
        return block if block < section_end else None

    def action_toggle_bookmark(self) -> None:
        """Bookmark the passage in view (the article) or the item under the cursor, or unmark it."""
        from tui.bookmarks import body_bookmark, item_bookmark

        now = self.bookmarks.now()
        pane = self.active_pane
        if pane == "body":
            block = self._passage_in_view()
            if block is None:
                self.notify("No passage in view to bookmark.")
                return
            mark = body_bookmark(self.briefing, self.document, block, now)
        else:
            listing = self.pane_widget(pane)
            index = listing.highlighted if isinstance(listing, ItemList) else None
            if index is None:
                self.notify("Nothing here to bookmark.")
                return
            items = self.briefing.talking_points if pane == "points" else self.briefing.quotes
            mark = item_bookmark(pane, items[index].text, now)
        added = self.bookmarks.toggle(mark)
        self._show_bookmarks()
        what = {"body": "passage", "points": "talking point", "quotes": "quote"}[pane]
        said = f"Bookmarked this {what} (' lists bookmarks)." if added else "Bookmark removed."
        if self.bookmarks.store is None:  # (--no-resume, or a briefing read from stdin)
            said += " Nothing is saved in this run: it lasts until you quit." if added else ""
        self.notify(said, timeout=2 if self.bookmarks.store is not None else 4)

    def action_bookmarks(self) -> None:
        """List this briefing's bookmarks; Enter goes to one."""
        from tui.ui.screens.bookmark_list import BookmarkList, Listed

        finder = self.bookmarks.finder
        listed: list[Listed] = []
        for mark in self.bookmarks.marks:
            place = finder.find(mark)
            if mark.pane == "body":
                where = "Article"
                if place is not None:
                    section = self.briefing.sections[self.document.section_of[place]]
                    where = f"Article · {section.heading}"
            else:
                kind = "Talking point" if mark.pane == "points" else "Quote"
                where = f"{kind} {place + 1}" if place is not None else kind
            listed.append(Listed(mark, where, place))
        order = {"body": 0, "points": 1, "quotes": 2}
        listed.sort(key=lambda e: (e.place is None, order[e.bookmark.pane], e.place or 0))

        def removed(mark: Bookmark) -> None:
            self.bookmarks.remove(mark)
            self._show_bookmarks()

        def chosen(entry: Listed | None) -> None:
            if entry is None or entry.place is None:
                return
            if entry.bookmark.pane == "body":
                block = entry.place
                self.jump_to(Target(block, self.document.section_of[block]))
                self.active_pane = "body"
            else:
                pane: Pane = entry.bookmark.pane
                self.active_pane = pane
                listing = self.pane_widget(pane)
                if isinstance(listing, ItemList):
                    listing.highlighted = entry.place

        self.app.push_screen(BookmarkList(listed, removed), chosen)

    def action_clear(self) -> None:
        """Dismiss the messages (toasts), the highlight of the last jump and the search's."""
        self.app.clear_notifications()
        self.body.highlight = None
        if self._searcher is not None:
            self._searcher.dismiss()

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


def _title_lists(points: PointsList, quotes: QuotesList, briefing: Briefing) -> None:
    titles = (
        (points, f"Talking points ({len(briefing.talking_points)})"),
        (quotes, f"Quotes ({len(briefing.quotes)})"),
    )
    for pane, title in titles:
        if str(pane.border_title) != title:  # (each title set is parsed and redrawn)
            pane.border_title = title


def _release(*_: object) -> None:
    """Drop what it was given: called after a frame, so that freeing it does not delay it."""
