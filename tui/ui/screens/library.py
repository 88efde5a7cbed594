"""The library screen: a table of every briefing of a folder, opened one by one in the reader.

The files are read by the library's index in a thread (a progress bar shows how
far, and the rows written so far are listed every :data:`LIST_EVERY` seconds, so a
first build is a library to read from the start); the screen speaks to the index only
through :class:`LibraryIndex`.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from tui.format.problems import BriefingError, Problem, UnreadableFileError
from tui.library.entry import Entry
from tui.library.index import (
    FINISHING,
    WAITING_FOR_WRITER,
    Hit,
    IndexUnavailable,
    LibraryIndex,
    Listing,
    Refreshed,
)
from tui.library.opened import Library
from tui.library.rows import COLUMNS, Row, WordStarts, read_fraction, row_of, sorted_orders
from tui.storage.positions import Position
from tui.text import sanitize_line
from tui.ui.held_keys import CHOSEN, hold_keys, holding_keys, release_keys, run_at_its_turn
from tui.ui.index_calls import ask_index
from tui.ui.widgets.filter_line import FilterLine
from tui.ui.widgets.key_hints import Hint, KeyHints
from tui.ui.widgets.library_table import LibraryTable

if TYPE_CHECKING:
    from textual.binding import BindingType

    from tui.model import Loaded
    from tui.storage.positions import PositionStore
    from tui.ui.screens.help import HelpGroup
    from tui.ui.screens.library_reader import LibraryReaderScreen
    from tui.ui.search_history import SearchMemory

OPENERS = frozenset({"library.search", "library.tags", "library.speakers", "app.help"})
"""Keys that open a screen over the library: what is typed after them is for that screen."""

AT_THEIR_TURN = frozenset({"library.filter", "library.clear"})
"""Keys that act at their turn among keys typed at once, before the keys behind them reach
the table (a binding runs after them): ``f`` gives the filter line the keys typed after it;
Esc, run after the ``l`` of Esc and ``l`` sent at once, cleared the filter the l began."""

NO_BRIEFINGS = "No briefing here: a library is the .yaml and .yml files of its folders."
"""What the table says when the library holds no briefing file at all."""
FIRST_ROWS = 100
"""Rows listed first, before the whole library: more than a screenful, shown at once."""

PROGRESS_EVERY = 0.05
"""Seconds between two updates of the progress bar while the files are read."""
LIST_EVERY = 1.0
"""Seconds between two listings of the rows written so far while the files are read (at
least; more if a listing takes more than a tenth of that: the reading comes first)."""

HINTS = (
    Hint(("app.help",), "Help"),
    Hint(("app.quit",), "Quit"),
    Hint(("table.open",), "Open"),
    Hint(("library.search",), "Search"),
    Hint(("library.filter",), "Filter"),
    Hint(("library.tags",), "Tags"),
    Hint(("library.sort",), "Sort"),
    Hint(("library.speakers",), "Speakers"),
    Hint(("app.palette",), "Palette"),
)

FILTER_HINTS = (
    Hint(("filter.done",), "Table"),
    Hint(("filter.clear",), "Clear"),
    Hint(("app.palette",), "Palette"),
)
"""The key line while the filter line is in use."""

SORT_BINDINGS = [
    Binding(
        str(number),
        f"sort('{column.key}')",
        "Sort by column 1 title … 8 read (again: reversed)" if number == 1 else "",
        show=False,
        key_display="1-8" if number == 1 else None,
        id="library.sort" if number == 1 else f"library.sort_{column.key}",
    )
    for number, column in enumerate(COLUMNS, 1)
]


class LibraryScreen(Screen[None]):
    """Every briefing of a library in a table: sort, filter, open."""

    class Listed(Message):
        """The table holds the library's rows: a large, long-lived structure (thousands)."""

    DEFAULT_CSS = """
    LibraryScreen {
        layout: vertical;
    }
    #library-title {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #library-progress {
        height: 1;
        padding: 0 1;
    }
    #library-progress Bar {
        width: 1fr;
    }
    """

    AUTO_FOCUS = "LibraryTable"

    BINDINGS = [
        Binding("slash", "search", "Search the library", key_display="/", id="library.search"),
        Binding("f", "filter", "Filter: type words (Esc clears)", id="library.filter"),
        Binding("t", "tags", "Only the briefings with a tag", id="library.tags"),
        Binding("s", "speakers", "Speakers and their quotes", id="library.speakers"),
        Binding("escape", "clear", "Clear the filter and the tag", show=False, id="library.clear"),
        Binding(
            "ctrl+r",
            "reload",
            "Look again for files added, changed, renamed or deleted",
            show=False,
            id="library.reload",
        ),
        *SORT_BINDINGS,
    ]

    def __init__(self, library: Library, positions: PositionStore | None = None) -> None:
        super().__init__()
        self.library = library
        self.positions = positions
        self.queries: SearchMemory | None = None
        """The library search's queries, for ↑ in its query line (read after the rows)."""
        self.entries: list[Entry] = []
        """The rows the index lists (a large archive: its newest)."""
        self.held = 0
        """How many briefings the index holds (more than it lists, for a large archive)."""
        self.failed = 0
        """How many of the index's files do not load (listed or not)."""
        self._entry_of: dict[str, Entry] = {}
        self.read: dict[str, Position] = {}
        """Where each briefing read since the library opened was left (the others' rows
        say what the positions file said when they were made)."""
        self.listed_all = False
        """False while only the first screenful is listed (the count is not known yet)."""
        self.reading = True
        """True while the files are read (the progress bar shows)."""
        self.refreshed: Refreshed | None = None
        self.tag: str | None = None
        self._last_progress = 0.0
        self._next_listing = 0.0
        self._waited = False
        """True once the refresh said it waits for another process (or has nothing to read)."""
        self._reading_note = ""
        """How far the files are read, for the title."""
        self._letter_keys = ""
        """The letters that were keys when a letter typed at the table began the filter
        ("" once ``f`` began it): said if nothing matches."""
        folders = library.folders or []
        self._root = folders[0] if len(folders) == 1 and os.path.isdir(folders[0]) else None
        """The library's one folder, which a file that does not load is named under."""
        self._positions: dict[str, Position] = {}
        """The positions file as the loading thread read it."""
        self._opening = False
        """True from a key that opens a screen until the library is back on top."""

    def compose(self) -> ComposeResult:
        yield Static(id="library-title", markup=False)
        yield ProgressBar(id="library-progress", show_eta=False)
        yield LibraryTable(id="library-table")
        yield FilterLine(id="library-filter", changed=self._filter_typed)
        yield KeyHints(id="library-hints")

    @property
    def table(self) -> LibraryTable:
        """The table of briefings."""
        return self.query_one(LibraryTable)

    def on_mount(self) -> None:
        self.table.empty = "Reading the library…"
        self.query_one(KeyHints).show(HINTS)
        self.query_one(ProgressBar).update(total=len(self.library.paths) or None, progress=0)
        self._show_title()
        self._show_notices(self.library.notices)
        hold_keys(self, "rows")  # Enter, j, / typed as it starts: once the rows are there
        self._load()
        from tui.library.fallback import FallbackIndex

        if isinstance(self.library.index, FallbackIndex):  # read here, the progress shown
            self.library.index.turned = self._turned_to_local

    def on_unmount(self) -> None:
        from tui.library.fallback import FallbackIndex

        if isinstance(self.library.index, FallbackIndex):
            self.library.index.turned = None

    def _turned_to_local(self) -> None:
        """The archive stopped answering and the local index took over (from the thread that
        asked): read the library's files into it, as when a library opens, the rows and a
        search listed and asked again once they are read."""
        with contextlib.suppress(RuntimeError):  # (the app is ending: nothing to show)
            self.app.call_from_thread(self._read_again)

    def _read_again(self) -> None:
        """Read the library's files into the index again, walked again, as at the start."""
        self.reading = True
        self._reading_note = "reading the files into the local index"
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self._show_title()
        self._load(again=True)

    def _show_notices(self, notices: Sequence[str]) -> None:
        """Say what could not be walked or indexed (the first few), if anything."""
        if notices:
            shown = notices[:5]
            more = len(notices) - len(shown)
            self.app.notify(
                "\n".join(shown) + (f"\n…and {more} more." if more else ""),
                title="About this library",
                severity="warning",
                markup=False,
                timeout=10,
            )

    # -- reading the library -------------------------------------------------------

    @work(thread=True, exclusive=True, group="library-load")
    def _load(self, again: bool = False) -> None:
        """Read the positions and the index's rows (if it has them: the newest screenful at
        once, then all of them), then refresh it (``again``: the folders walked again). The
        rows are made here, off the UI."""
        index = self.library.index
        read = self._positions = self.positions.all() if self.positions is not None else {}
        first = ask_index(self.app, index, lambda: index.entries(FIRST_ROWS), lambda: None)
        if first is None:  # the index cannot answer (said once): the refresh may mend it
            listed, failed = Listing(), 0
        else:
            if len(first) == FIRST_ROWS:  # (fewer: that is all of them, listed next at once)
                self.app.call_from_thread(self._show_entries, first, None, self._rows(first, read))
            listed, failed = ask_index(
                self.app, index, lambda: _counted(index), lambda: (Listing(), 0)
            )
        if listed or not again:  # (a local index still empty: the archive's rows stay)
            self.app.call_from_thread(self._show_entries, listed, failed, self._rows(listed, read))
        paths = self._find(again)  # (the rows the index holds are on screen meanwhile)
        refreshed = ask_index(
            self.app, index, lambda: index.refresh(paths, self._progress), Refreshed
        )
        last, failed = ask_index(self.app, index, lambda: _counted(index), lambda: (listed, failed))
        if get_current_worker().is_cancelled:
            return  # (a load started since: the archive gave way to the local index meanwhile)
        rows = self._rows(last, read)
        self.app.call_from_thread(self._loaded, last, failed, refreshed, rows, not again)
        starts = WordStarts([row.words for row in rows])
        self.app.call_from_thread(self._add_orders, rows, sorted_orders(rows), starts)

    def _find(self, again: bool = False) -> list[str]:
        """The library's files, its folders walked (``again``: for files added or renamed
        since); what could not be walked, said (from a worker thread)."""
        known = len(self.library.notices)
        paths = self.library.find(again)
        if len(self.library.notices) > known:
            self.app.call_from_thread(self._show_notices, self.library.notices[known:])
        return paths

    def _rows(self, entries: Sequence[Entry], read: dict[str, Position]) -> list[Row]:
        """The table's rows of ``entries`` (from the loading thread): see :meth:`_row`."""
        return [self._row(entry, read) for entry in entries]

    def _add_orders(
        self, rows: list[Row], orders: dict[tuple[str, bool], list[int]], starts: WordStarts
    ) -> None:
        """Give the table the orders of its rows and their words' first letters, made in the
        loading thread (on the UI's): the last of the library's long-lived structures (it is
        then :class:`Listed`)."""
        self.table.add_orders(rows, orders, starts)
        self.post_message(self.Listed())

    def _progress(self, done: int, total: int) -> None:
        """Called from the loading thread: move the progress bar, a few times a second."""
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_EVERY:
            return
        self._last_progress = now
        self.app.call_from_thread(self._show_progress, done, total)
        waiting = not total  # (for another process's build: list what it wrote so far)
        if waiting and not self._waited:  # (or nothing to read: no listing for that)
            self._waited, self._next_listing = True, now + LIST_EVERY
        elif (waiting or 0 < done < total) and now >= self._next_listing:
            self._list_again()
            self._next_listing = now + max(LIST_EVERY, 10 * (time.monotonic() - now))
            self.app.call_from_thread(self._ask_searches_again, growing=True)

    def _list_again(self) -> RowChanges:
        """From a worker thread: show the rows the index holds now (those read so far in a
        first build of 10,000 files, which takes seconds; or after a reader closed); how
        they differ from the rows shown before."""
        before = self._entry_of
        try:
            entries, failed = _counted(self.library.index)
        except IndexUnavailable:
            return RowChanges()  # (the listing after the refresh says why)
        rows = self._rows(entries, self._positions)
        self.app.call_from_thread(self._show_entries, entries, failed, rows, announce=False)
        return RowChanges.between(before, entries)

    def _show_progress(self, done: int, total: int) -> None:
        if self.reading:
            if not total:  # another process is writing the index: this one waits its turn
                self._reading_note = WAITING_FOR_WRITER
            else:
                self.query_one(ProgressBar).update(total=total, progress=done)
                self._reading_note = (
                    f"reading {done:,} of {total:,} files" if done < total else FINISHING
                )
            self._show_title()

    def _show_entries(
        self, entries: Listing, failed: int | None, rows: list[Row], announce: bool = True
    ) -> None:
        """Show the index's rows (``failed`` None: the first screenful, not yet counted);
        ``announce``: tell the app when they are all listed (not those listed while the
        files are read: the app then sets the rows it holds aside for good)."""
        self.entries = list(entries)
        self.held = entries.held
        self.failed = failed or 0
        self.listed_all = failed is not None
        self._entry_of = {entry.path: entry for entry in entries}
        self.table.set_rows(rows)
        for path in self.read.keys() & self._entry_of.keys():  # read while the rows were made
            self.table.replace_row(self._row(self._entry_of[path]))
        self._show_title()
        release_keys(self, "rows")
        if self.listed_all and announce:
            self.post_message(self.Listed())

    def _loaded(
        self,
        entries: Listing,
        failed: int,
        refreshed: Refreshed,
        rows: list[Row],
        first: bool = True,
    ) -> None:
        """The files are read (``first``: as the library opened; else read again into the
        local index, whose files that do not load were said then, and are counted above)."""
        self.reading = False
        self.refreshed = refreshed
        self.table.empty = LibraryTable.EMPTY if entries else NO_BRIEFINGS
        self.query_one(ProgressBar).display = False
        self._show_entries(entries, failed, rows, announce=False)  # (with the orders, next)
        self._ask_searches_again()
        if refreshed.failed and first:
            self.app.notify(
                f"{refreshed.failed} file{'s do' if refreshed.failed > 1 else ' does'} not load:"
                " marked ✗ in the table, with the first error. Enter shows them all.",
                severity="warning",
                markup=False,
            )

    def _ask_searches_again(self, growing: bool = False) -> None:
        """Ask again a search asked while the files are read (``growing``: only one that found
        nothing, as more are read; else any, once they are all read)."""
        from tui.ui.screens.library_search import SearchScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.index_changed(growing)

    def _row(self, entry: Entry, read: dict[str, Position] | None = None) -> Row:
        """The table's row of ``entry``: how far it was read, as noted here since the library
        opened, else as ``read`` (the positions file) says."""
        position = self.read.get(entry.path)
        if position is None and read is not None:
            position = read.get(entry.path)
        return row_of(entry, read_fraction(position, entry.blocks), self._root)

    def _show_title(self) -> None:
        table = self.table
        count = len(self.entries)
        held = max(self.held, count)
        failed = self.failed
        # The folder last: a long path cut at the screen's edge takes nothing else with it.
        if not self.listed_all:
            parts = ["Library · listing…"] if count else ["Library"]
        else:
            listed = f"{count:,} of {held:,}" if held > count else f"{count:,}"
            parts = [f"Library · {listed} briefing{'' if held == 1 else 's'}"]
            if failed:
                parts[-1] += f" ({failed} {'does' if failed == 1 else 'do'} not load)"
        if table.filter_text or self.tag:
            parts.append(f"{len(table.order):,} shown")
        if self.tag:
            parts.append(f"tag: {sanitize_line(self.tag)}")
        shown = table.columns
        if shown and table.sort_key not in {column.key for column in shown}:  # (a narrow screen)
            parts.append(f"sorted by {table.sort_key} {'▼' if table.descending else '▲'}")
        if self.reading and self._reading_note:
            parts.append(self._reading_note)
        if self.library.archive_searched:
            parts.append(f"archive {sanitize_line(self.library.archive_searched)}")
        parts.append(sanitize_line(self.library.name))
        # One line, cut at its end: a new title needs no new layout (typing a filter).
        self.query_one("#library-title", Static).update(Content(" · ".join(parts)), layout=False)

    # -- the table ---------------------------------------------------------------------

    def action_sort(self, key: str) -> None:
        """Sort by a column (again: the other way)."""
        self.table.sort_by(key)
        self._show_title()

    def on_library_table_sort_changed(self) -> None:
        self._show_title()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_title)  # (once the table has fitted its columns)

    def action_filter(self) -> None:
        """Go to the filter line."""
        self._letter_keys = ""
        self.set_focus(self.query_one(FilterLine))

    def _filter_typed(self, value: str) -> None:
        self.table.filter(value, self.tag)
        if self.entries:
            self.table.empty = LibraryTable.EMPTY
            if value and self._letter_keys:  # typed at the table, no f first
                keys = " ".join(self._letter_keys)
                self.table.empty += f" A word starting with {keys}: press f first."
        self._show_title()

    def on_filter_line_done(self) -> None:
        self.set_focus(self.table)
        release_keys(self, CHOSEN)

    def on_descendant_focus(self) -> None:
        filtering = isinstance(self.focused, FilterLine)
        self.query_one(KeyHints).show(FILTER_HINTS if filtering else HINTS)

    def action_clear(self) -> None:
        """Clear the filter and the tag."""
        self.app.clear_notifications()
        self.tag = None
        line = self.query_one(FilterLine)
        if line.value:
            line.value = ""  # filters again (the line calls back)
        else:
            self.table.filter("", None)
        self._show_title()

    async def on_key(self, event: events.Key) -> None:
        """Type to filter: a character with no key of its own goes into the filter line.

        So do the characters typed after it in the same burst: they were on their way to
        the table before the filter line had the focus. Those typed after a key that opens
        a screen (``/duque``, ``/formal``) are left to the app, which sends them to that
        screen. ``f`` gives the filter line the focus at once (the app would run its
        binding after the keys behind it reached this screen): a character reaching the
        screen while the line has the focus was typed in that burst (the line takes its
        own), and goes into the line, even one bound here (``fstrike``: s and t are
        letters, not screens); a key of the line's own (Enter, Esc) acts at its turn too,
        so that the keys after it go back to the table (``ftrade`` Enter ``j``).
        """
        if holding_keys(self):
            return  # (for what is on its way: the app holds it)
        line = self.query_one(FilterLine)
        if self.focused is line:
            active = self.active_bindings.get(event.key)
            if event.is_printable and event.character:
                self._type_in_filter(event)
            elif active is not None and active.node is line and active.enabled:
                await run_at_its_turn(event, active)
            return
        if self._opening or not self.is_active:
            return  # typed after a key that opens a screen: that screen's (f too)
        active = self.active_bindings.get(event.key)
        if active is not None and active.binding.id in AT_THEIR_TURN:
            await run_at_its_turn(event, active)
            return
        if active is not None:
            if active.binding.id in OPENERS or (
                active.binding.id == "table.open" and self.table.current_row is not None
            ):
                self._opening = True
            return
        if event.is_printable and event.character:
            self._letter_keys = "".join(
                sorted(key for key in self.active_bindings if len(key) == 1 and key.islower())
            )  # (what a word starting with one of them loses: its first letter acts)
            self._type_in_filter(event)

    def _type_in_filter(self, event: events.Key) -> None:
        """Type ``event``'s character into the filter line (giving it the focus), not here."""
        event.stop()
        event.prevent_default()
        line = self.query_one(FilterLine)
        if self.focused is not line:
            self.set_focus(line)
        line.insert_text_at_cursor(event.character or "")

    def on_screen_resume(self) -> None:
        self._opening = False
        self._show_title()  # (the archive may have stopped answering meanwhile)

    def action_tags(self) -> None:
        """Pick a tag: only the briefings with it are shown."""
        from tui.library.rows import tag_counts
        from tui.ui.screens.tag_picker import TagPicker

        def picked(tag: str | None) -> None:
            if tag is not None:
                self.show_tag(tag or None)

        self.app.push_screen(TagPicker(tag_counts(self.entries), self.tag), picked)

    def show_tag(self, tag: str | None) -> None:
        """Show only the briefings with ``tag`` (None: every briefing)."""
        self.tag = tag
        self.table.filter(self.table.filter_text, self.tag)
        self._show_title()

    # -- opening briefings --------------------------------------------------------------

    @on(LibraryTable.Selected)
    def _selected(self, event: LibraryTable.Selected) -> None:
        self.open_path(event.row.entry.path)
        release_keys(self, CHOSEN)

    def open_path(
        self, path: str, hit: Hit | None = None, replace: LibraryReaderScreen | None = None
    ) -> None:
        """Open a briefing in the reader (at a search hit); a file that fails shows its errors.

        The keys typed meanwhile are the reader's (``Enter q`` opens and closes it).
        """
        hold_keys(self, "open")
        self._open(path, hit, replace)

    @work(thread=True, exclusive=True, group="library-open")
    def _open(self, path: str, hit: Hit | None, replace: LibraryReaderScreen | None) -> None:
        from tui.format.loader import load_path

        try:
            loaded = load_path(path, limits=self.library.limits, strict=self.library.strict)
        except BriefingError as error:
            self.app.call_from_thread(self._show_problems, path, error.problems)
            return
        except UnreadableFileError as error:
            problem = Problem(1, 1, "error", error.reason, path)
            self.app.call_from_thread(self._show_problems, path, [problem])
            return
        if not get_current_worker().is_cancelled:  # else another briefing was asked for since
            self.app.call_from_thread(self._show_reader, loaded, hit, replace)

    def _show_problems(self, path: str, problems: list[Problem]) -> None:
        from tui.ui.screens.problems import ProblemsScreen

        problems_screen = ProblemsScreen(path, problems)
        self.app.push_screen(problems_screen)
        release_keys(self, "open", ready=problems_screen)

    def _show_reader(
        self, loaded: Loaded, hit: Hit | None, replace: LibraryReaderScreen | None
    ) -> None:
        from tui.format.watch import BriefingFile

        briefing = loaded.briefing
        source = BriefingFile(briefing.path, self.library.limits, self.library.strict)
        from tui.ui.screens.library_reader import LibraryReaderScreen  # (not at start-up)

        if replace is not None:
            back = replace.back
        else:  # (q goes back to the screen on top: the table, or a search's results)
            back = "Library" if self.app.screen is self else "Results"
        reader = LibraryReaderScreen(
            briefing,
            self.positions,
            step=self.step,
            closed=self._reader_closed,
            source=source,
            back=back,
        )
        if hit is not None:
            from tui.ui.hits import open_at_hit

            open_at_hit(reader, hit)
        if replace is not None and isinstance(self.app.screen, LibraryReaderScreen):
            self.app.switch_screen(reader)  # in place of the reader on top
        else:
            self.app.push_screen(reader)
        release_keys(self, "open", ready=reader)
        show_warnings = getattr(self.app, "show_file_warnings", None)
        if show_warnings is not None:
            show_warnings(loaded.warnings)  # (as the reader of one file says them)

    def _reader_closed(self, reader: LibraryReaderScreen) -> None:
        """A reader was closed: note how far it was read, with the cursor on its row."""
        path = reader.briefing.path
        self.remember(path, reader.position)
        self.table.move_to(path)
        if not self.reading:
            self._catch_up()

    def action_reload(self) -> None:
        """Look again for the files added, changed, renamed or deleted (Ctrl+R)."""
        if self.reading:
            self.notify("The files are being read; the table follows them.", timeout=3)
            return
        self._catch_up(say=True)

    @work(thread=True, exclusive=True, group="library-catch-up")
    def _catch_up(self, say: bool = False) -> None:
        """Bring the index in step once a reader is closed (its file may have been edited with
        ``e``, or others changed or deleted meanwhile), and show the rows again if anything
        changed: only the files changed are read again. The folders are walked again, for
        the files added or renamed meanwhile."""
        before = self.library.paths
        paths = self._find(again=True)
        try:
            refreshed = self.library.index.refresh(paths)
        except IndexUnavailable as error:
            if say:
                self.app.call_from_thread(self.notify, str(error), severity="warning")
            return  # (else said when the library opened, or at the next search)
        renamed = paths != before  # (a rename counts as unchanged: its row keeps its file)
        changes = refreshed.added or refreshed.changed or refreshed.removed or renamed
        rows = RowChanges()
        if changes or refreshed.others or say:
            # (others: another briefing-tui brought the index in step; say: Ctrl+R, asked
            # for, lists again whatever it found: a team archive does not tell who wrote)
            rows = self._list_again()
        if say:
            self.app.call_from_thread(self.notify, _changes(refreshed, renamed, rows), timeout=3)

    def remember(self, path: str, position: Position) -> None:
        """Note where ``path`` was left (its row shows how far)."""
        self.read[path] = position
        entry = self._entry_of.get(path)
        if entry is not None:
            self.table.replace_row(self._row(entry))

    def step(self, reader: LibraryReaderScreen, step: int) -> None:
        """Open the briefing after (or before) the cursor's in the table's order.

        The cursor is on the briefing in the reader, or on the one being opened: a quick
        ``}}`` goes two briefings on.
        """
        self.remember(reader.briefing.path, reader.position)
        table = self.table
        rows = [row for row in table.order if not table.rows[row].entry.failed]
        paths = [table.rows[row].entry.path for row in rows]
        current = table.current_row
        path = current.entry.path if current is not None else reader.briefing.path
        if not paths:
            return
        if reader.briefing.path not in paths:  # opened from a search, not from the rows shown
            reader.notify(
                "This briefing is not among the table's rows (filtered out, or beyond the"
                " newest listed): } and { go through the table's rows.",
                timeout=4,
            )
            return
        here = paths.index(path) if path in paths else -1
        there = here + step
        if not 0 <= there < len(paths):
            word = "last" if step > 0 else "first"
            reader.notify(f"This is the {word} briefing of the library.", timeout=2)
            return
        self.table.move_to(paths[there])
        self.open_path(paths[there], replace=reader)

    # -- search and speakers ------------------------------------------------------------

    def action_search(self) -> None:
        """Search every briefing of the library."""
        from tui.storage.history import LIBRARY_FILE_NAME
        from tui.ui.screens.library_search import SearchScreen
        from tui.ui.search_history import SearchMemory

        if self.queries is None:
            self.queries = SearchMemory(self, self.positions, LIBRARY_FILE_NAME)
            self.queries.load()
        self.app.push_screen(
            SearchScreen(
                self.library.index,
                self.open_hit,
                reading=lambda: self.reading,
                queries=self.queries,
            )
        )

    def action_speakers(self) -> None:
        """List every speaker, then a speaker's quotes."""
        from tui.ui.screens.speakers import SpeakersScreen

        self.app.push_screen(SpeakersScreen(self.library.index, self.open_hit))

    def open_hit(self, hit: Hit) -> None:
        """Open the briefing of a search result at its passage."""
        self.table.move_to(hit.path)
        self.open_path(hit.path, hit)


@dataclass(frozen=True)
class RowChanges:
    """How the rows listed again differ from those shown before: briefings new to the table,
    changed (title, date, tags, counts…), gone from it, and renamed (a row gone and a new
    one the same but for its path)."""

    new: int = 0
    changed: int = 0
    gone: int = 0
    renamed: int = 0

    @classmethod
    def between(cls, before: Mapping[str, Entry], after: Sequence[Entry]) -> RowChanges:
        """The changes from the rows ``before`` (by path) to the rows ``after``."""
        changed = 0
        arrived: list[Entry] = []
        for entry in after:
            was = before.get(entry.path)
            if was is None:
                arrived.append(entry)
            elif was != entry:
                changed += 1
        still = {entry.path for entry in after}
        left = Counter(
            replace(entry, path="") for path, entry in before.items() if path not in still
        )
        renamed = 0
        for entry in arrived:
            unnamed = replace(entry, path="")
            if left[unnamed] > 0:
                left[unnamed] -= 1
                renamed += 1
        gone = len(before) - (len(after) - len(arrived))
        return cls(len(arrived) - renamed, changed, gone - renamed, renamed)


def _counts(counts: Sequence[tuple[int, str]], noun: str) -> str:
    """``2 files added, 1 changed`` of (count, word) pairs; "" if every count is 0."""
    said = [(count, word) for count, word in counts if count]
    if not said:
        return ""
    (count, word), *rest = said
    first = f"{count:,} {noun}{'s' if count != 1 else ''} {word}"
    return ", ".join([first, *(f"{count:,} {word}" for count, word in rest)])


def _changes(refreshed: Refreshed, renamed: bool, rows: RowChanges = RowChanges()) -> str:
    """What a reload found, in a line (``2 files added, 1 changed.``); when it read nothing
    again itself, how the rows listed again differ (another briefing-tui read the files)."""
    # A rename is a row gone and a new one the same: an index that reads it as a file
    # deleted and one added (not SQLite's, which follows the file) counts it in both.
    moved = min(rows.renamed, refreshed.added, refreshed.removed)
    if refreshed.added or refreshed.changed or refreshed.removed:
        return (
            _counts(
                [
                    (refreshed.added - moved, "added"),
                    (refreshed.changed, "changed"),
                    (refreshed.removed - moved, "deleted"),
                    (rows.renamed, "renamed"),
                ],
                "file",
            )
            + "."
        )
    listed = _counts([(rows.new, "new"), (rows.changed, "changed"), (rows.gone, "gone")], "row")
    renames = _counts([(rows.renamed, "renamed")], "file")
    if listed:
        listed = ", ".join(filter(None, [listed, renames]))
        return f"Another briefing-tui had read the files: {listed}."
    if renames:
        return renames + "."
    if renamed:
        return "Files renamed."
    if refreshed.others:
        return "Listed again: another briefing-tui had brought the index up to date."
    return "No file added, changed or deleted."


def _counted(index: LibraryIndex) -> tuple[Listing, int]:
    """The index's rows and how many of its files do not load (from a worker thread)."""
    return index.entries(), index.failures()


def library_help(
    app_keys: Sequence[BindingType],
    reader: list[HelpGroup],
    *,
    reading: bool,
    searching: bool = False,
) -> list[HelpGroup]:
    """The help's groups with a library: its table's keys, its search's, and the reader's
    from the library (first, those of the screen the help was opened from)."""
    from tui.ui.screens import library_reader
    from tui.ui.screens.library_search import QueryLine, SearchScreen

    table = ("Library", [*app_keys, *LibraryScreen.BINDINGS, *LibraryTable.BINDINGS])
    opened = (
        "In a briefing opened from the library",
        [*library_reader.BINDINGS, library_reader.ESCAPE],
    )
    search = (
        "Library search: other keys, q and ? too, edit the query",
        [*QueryLine.BINDINGS, *SearchScreen.BINDINGS],
    )
    if searching:
        return [search, table, opened, *reader]
    return [opened, *reader, table, search] if reading else [table, opened, search, *reader]
