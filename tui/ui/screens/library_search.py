"""Search across the library: a query line, and results that open the reader at their passage."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.library.index import Hit, IndexUnavailable, LibraryIndex
from tui.library.query import parse
from tui.text import sanitize_line
from tui.ui.held_keys import CHOSEN, hold_keys, release_keys, screens_own_key
from tui.ui.hits import hit_content
from tui.ui.index_calls import ask_index
from tui.ui.screens.modal import Modal
from tui.ui.widgets.key_hints import Hint
from tui.ui.widgets.recalling_input import RecallingInput

if TYPE_CHECKING:
    from tui.ui.search_history import SearchMemory

LIMIT = 100
"""Results shown for a query."""
TYPING_PAUSE = 0.15
"""Seconds after the last key before the query is run."""

HINTS = (
    Hint(("select", "search.open"), "Open"),
    Hint(("search.results",), "Results"),
    Hint(("search.close",), "Library"),
)


LINE_EDITS = {"ctrl+u": "delete_left_all", "ctrl+w": "delete_left_word"}
"""The query line's keys that edit it from the results too, as Backspace does."""


class QueryLine(RecallingInput):
    """The query line: ↓ goes to the results, at its turn among keys typed in a burst (a
    binding of the screen would run after the keys behind it: ↓ Enter, sent at once,
    reached the line as ↓ then Enter, and Enter only went to the results again); ↑ brings
    back earlier queries (↓ then the later ones, and past the newest, the results)."""

    BINDINGS = [
        Binding(
            "down",
            "later",
            "To the results (after ↑: a later query)",
            show=False,
            id="search.results",
        ),
        Binding(
            "up",
            "recall(-1)",
            "Earlier query (kept between runs)",
            show=False,
            id="library.search.earlier",
        ),
    ]

    async def action_later(self) -> None:
        """A later query, while ↑ brought back an earlier one; else the results."""
        if self.recalling:
            self.action_recall(1)
        else:
            await self.run_action("screen.results")

    async def action_submit(self) -> None:
        """Ask the query (Enter): the keys typed behind it are for its results."""
        hold_keys(self, CHOSEN)
        await super().action_submit()


class SearchResults(OptionList):
    """The results: ``j`` and ``k`` move, as in the table and the reader's lists; the other
    letters (``g``, ``G``, ``b`` too) and Space edit the query (:meth:`SearchScreen.on_key`)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next result", show=False, id="search.down"),
        Binding("k", "cursor_up", "Previous result", show=False, id="search.up"),
    ]


class SearchScreen(Modal[None]):
    """Type a query; Enter or ↓ goes to the results, Enter opens one, Esc goes back.

    In the results, ↑ ↓ (and j k) move, Enter opens and Esc goes back; any other
    character, and Backspace, goes back to the query line and edits the query.
    """

    DEFAULT_CSS = """
    SearchScreen {
        layout: vertical;
        background: $background;
    }
    #search-title {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    #search-query {
        margin: 0 1;
    }
    #search-results {
        height: 1fr;
        border: none;
        /* (a scroll bar that comes after the results were measured would cut a result
           whose heading it wraps: the gutter is kept) */
        scrollbar-gutter: stable;
    }
    #search-status {
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $text-muted;
    }
    """

    HINTS = HINTS
    AUTO_FOCUS = "#search-query"
    KEYS_GO_ON = True
    """A screen, not a box: keys typed after the Esc that closed it are the library's."""

    BINDINGS = [
        Binding("escape", "close", "Back to the library", id="search.close"),
        Binding("enter", "open", "Open the result at its passage", show=False, id="search.open"),
        Binding("slash", "query", "Edit the query", key_display="/", show=False),
    ]

    def __init__(
        self,
        index: LibraryIndex,
        open_hit: Callable[[Hit], None],
        reading: Callable[[], bool] = lambda: False,
        queries: SearchMemory | None = None,
    ) -> None:
        super().__init__()
        self.queries = queries
        """The queries asked before (in this run, and earlier ones if kept), for ↑."""
        self.index = index
        self.open_hit = open_hit
        self.reading = reading
        """True while the library's files are still being read into the index."""
        self.hits: list[Hit] = []
        self.hits_of: str | None = None
        """The query :attr:`hits` answer (None: none asked yet)."""
        self.query_text = ""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Content("Search the library: titles, articles, talking points, quotes, speakers"),
            id="search-title",
        )
        line = QueryLine(
            placeholder='words, "a phrase", prefix*; ↑ earlier queries',
            id="search-query",
            compact=True,
            # Keys typed in the results go on after the query (``/`` selects it all).
            select_on_focus=False,
        )
        if self.queries is not None:
            line.history = self.queries.queries  # (the list itself: it fills as it loads)
        yield line
        yield Static(id="search-status", markup=False)
        yield SearchResults(id="search-results")

    @property
    def results(self) -> OptionList:
        """The list of results."""
        return self.query_one("#search-results", OptionList)

    @property
    def query_line(self) -> Input:
        """The line the query is typed in."""
        return self.query_one("#search-query", Input)

    async def on_key(self, event: events.Key) -> None:
        """A character, Backspace, Ctrl+U or Ctrl+W typed in the results edits the query, on
        the query line.

        The query line takes its own keys first, so the keys that come up here were
        typed in the results (or were on their way there, in the same burst, when an
        earlier one moved the focus). The screen's own keys (``/``, ↓, Esc) keep their
        meaning, and act at their turn: the keys behind ↓ from the query are the results'
        (↓ ↓ Enter at once opened the first result, not the second); the app's letters
        (``q``, ``?``) are typed like the others. Keys typed after Enter on a result,
        while it opens, are the reader's. Keys on their way here when Esc closed the screen
        are the library's (``Esc q`` quits).
        """
        if await screens_own_key(self, event):
            return
        active = self.active_bindings.get(event.key)
        if active is not None and active.node is self.results:
            if active.binding.action == "select" and self.results.highlighted is not None:
                hold_keys(self, CHOSEN, after=event)  # (its binding runs after the keys behind)
            return  # (Enter, j, k: the results' own)
        line = self.query_line
        if event.key == "backspace":
            line.action_delete_left()
        elif event.key in LINE_EDITS:
            getattr(line, f"action_{LINE_EDITS[event.key]}")()
        elif event.is_printable and event.character:
            line.insert_text_at_cursor(event.character)
        else:
            return
        event.stop()
        event.prevent_default()
        if self.focused is not line:
            self.set_focus(line)

    @on(Input.Changed, "#search-query")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPING_PAUSE, lambda: self.run_query(event.value))

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._remember(event.value)
        if event.value != self.query_text or not self.hits:
            self._ask_now(event.value)
        else:
            self.action_results()
        release_keys(self, CHOSEN)

    def _remember(self, query: str) -> None:
        """Keep ``query`` for ↑ (asked with Enter, or a result of it opened)."""
        if self.queries is not None and query.strip():
            self.queries.add(query.strip())

    def _ask_now(self, query: str) -> None:
        """Ask ``query`` now, and go to its results when they come: the keys typed after
        are theirs (``/duque`` ↓ Enter at once opens the first result)."""
        if self._timer is not None:
            self._timer.stop()
        hold_keys(self, "results")
        self.run_query(query, focus=True)

    def run_query(self, query: str, focus: bool = False) -> None:
        """Search for ``query`` in a thread; the results replace the list when found."""
        self.query_text = query
        if not query.strip():
            self._show([], query, focus=False)
            return
        self._search(query, focus)

    @work(thread=True, exclusive=True, group="library-search")
    def _search(self, query: str, focus: bool) -> None:
        failures: list[str] = []

        def asked() -> list[Hit]:
            try:
                return self.index.search(query, LIMIT)
            except IndexUnavailable as error:
                failures.append(str(error))
                raise

        hits = ask_index(self.app, self.index, asked, list)
        failure = failures[0] if failures else ""
        note = parse(query).message
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, hits, query, focus, failure, note)

    def _show(
        self, hits: list[Hit], query: str, focus: bool, failure: str = "", note: str = ""
    ) -> None:
        """Show the results of ``query``; ``failure``: why there are none (the index did not
        answer); ``note``: what of the query was not used (a filter that is not one)."""
        if query != self.query_text:
            return  # an older query's answer
        try:
            results = self.results
        except NoMatches:
            return  # (the screen was closed meanwhile: the app is ending)
        self.hits, self.hits_of = hits, query
        results.clear_options()
        results.add_options(Option(hit_content(hit), id=str(n)) for n, hit in enumerate(hits))
        status = self.query_one("#search-status", Static)
        if not query.strip():
            said = ""
        elif failure:
            said = f"Could not search: {failure}"
        elif not hits:
            said = f"Nothing found for {query}"
        else:
            more = "+" if len(hits) >= LIMIT else ""
            said = f"{len(hits)}{more} result{'' if len(hits) == 1 else 's'}, best first"
        if note:
            said = f"{said} · {note}" if said else note
        if said and self.reading():
            said += " · still reading the library"  # (asked again once it is read)
        status.update(Content(sanitize_line(said)))
        if hits:
            results.highlighted = 0
            if focus:
                self.set_focus(results)
        release_keys(self, "results")

    def index_changed(self, growing: bool = False) -> None:
        """The library has been read into the index: ask the query again (its results were of
        the files read so far). ``growing``: more files were read, not all yet; asked again
        only if nothing was found (results being read do not move under the cursor)."""
        if self.query_text.strip() and not (growing and self.hits):
            self.run_query(self.query_text)

    def action_results(self) -> None:
        """Go to the results; those of the query typed, if it is not asked yet (or still
        being asked), once they come."""
        typed = self.query_line.value
        if typed != self.hits_of and typed.strip():
            self._ask_now(typed)
        elif self.hits:
            self.set_focus(self.results)

    def action_query(self) -> None:
        """Back to the query line, all of it selected (typing replaces it)."""
        line = self.query_line
        self.set_focus(line)
        line.select_all()

    def action_open(self) -> None:
        """Open the highlighted result."""
        results = self.results
        if self.focused is results and results.highlighted is not None:
            self._remember(self.query_text)
            self.open_hit(self.hits[results.highlighted])

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._remember(self.query_text)
            self.open_hit(self.hits[int(event.option.id)])
        release_keys(self, CHOSEN)

    def action_close(self) -> None:
        """Back to the library."""
        if self.is_active:
            self.dismiss()
