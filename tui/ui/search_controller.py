"""The reader's search: what is lit up, how many matches, and ``n``/``N`` across the panes.

The panes are searched in reading order: the article, then the talking
points, then the quotes, and round to the article (see :mod:`tui.search`).
Typing in the search line lights up the matches of what it holds and counts
them; Enter goes to the first match from the view. The counting runs in a
worker thread (a new query cancels the last one's), so that typing stays
quick on a briefing of 20,000 paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, overload

from textual.worker import get_current_worker

from tui.document import Target
from tui.search import (
    Corpus,
    Count,
    Found,
    Highlights,
    Match,
    Position,
    Query,
    count_matches,
    find_next,
)
from tui.text import clip, normalize_space
from tui.ui.history import PANES
from tui.ui.widgets.quotes import QuotesList, quote_texts

if TYPE_CHECKING:
    from tui.ui.screens.reader import ReaderScreen
    from tui.ui.widgets.search_bar import SearchLine

COUNTS_KEPT = 16
"""Counts kept for queries typed again (Backspace over a letter, the last search restored)."""
SHOWN_QUERY = 60
"""Characters of a query repeated in a message."""


class _Texts(Sequence[str]):
    """The text of each unit of a list pane, made as it is read (by the counting thread)."""

    def __init__(self, units: int, text_of: Callable[[int], str]) -> None:
        self._units = units
        self._text_of = text_of

    def __len__(self) -> int:
        return self._units

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._units))]
        if not 0 <= index < self._units:
            raise IndexError(index)
        return normalize_space(self._text_of(index))  # as the list draws it


def counted(count: Count | None, ordinal: int | None = None) -> str:
    """``3/17``, ``17 matches``, ``No match``, or ``…`` while counting."""
    if count is None:
        return "…"
    if count.total == 0:
        return "No match"
    if ordinal:
        return f"{ordinal:,}/{count.total:,}"
    return f"{count.total:,} match{'es' if count.total > 1 else ''}"


class Searcher:
    """The search of one reader screen."""

    def __init__(self, screen: ReaderScreen, changed: Callable[[], object]) -> None:
        self.screen = screen
        self.changed = changed
        """Called when whether there is a match to go on from changes (the key line)."""
        self.line: SearchLine | None = None
        """The search line, once mounted."""
        self.query: Query | None = None
        """The last search made (Enter)."""
        self.current: Match | None = None
        """Its match the reader was last taken to."""
        self.went_on_from = ""
        """Where the search went on from to reach :attr:`current` (``the top``, ``the end``)
        if it passed the end of the briefing or its start; said beside the count, where a
        notice would cover it."""
        self.shown: Query | None = None
        """The query whose matches are lit up: the one being typed, else the last search."""
        self.lit = True
        """False once Esc has put the lights out (until the next search, n or N)."""
        self._counts: dict[tuple[str, bool], Count] = {}
        self._counting: tuple[str, bool] | None = None
        self._waiting: list[tuple[int, bool]] | None = None
        """While a search runs in a worker: the n and N pressed meanwhile (step, from the match)."""
        self._corpora: list[Corpus] | None = None
        self._document: object = None

    @property
    def found(self) -> bool:
        """True when the last search found a match (n and N are worth showing)."""
        return self.query is not None and self.current is not None

    def corpora(self) -> list[Corpus]:
        """The panes' texts in reading order (made anew for a new version of the briefing)."""
        screen = self.screen
        if self._corpora is None or self._document is not screen.document:
            points, quotes = screen.briefing.talking_points, screen.briefing.quotes
            parts = QuotesList.SEARCHED_PARTS
            self._corpora = [
                Corpus(screen.document.texts),
                Corpus(_Texts(len(points), lambda unit: points[unit].text)),
                Corpus(
                    _Texts(
                        len(quotes) * parts,
                        lambda unit: quote_texts(quotes[unit // parts])[unit % parts],
                    )
                ),
            ]
            self._document = screen.document
            self._counts.clear()
            self.current = None  # a place in another version of the text
        return self._corpora

    # -- the search line ----------------------------------------------------------

    def typed(self, text: str) -> None:
        """The search line holds ``text``: light up its matches and count them."""
        query = Query.parse(text)
        if query is not None and self.query is not None and query.key == self.query.key:
            query = self.query  # the last search again: its current match stays
        self.shown = query
        self.lit = True
        self._update()

    def closed(self) -> None:
        """The search line was closed without searching: the last search's matches again."""
        self.shown = self.query
        self._update()

    def submitted(self, text: str) -> None:
        """Enter in the search line: search for ``text`` from the view."""
        query = Query.parse(text)
        if query is None:
            self.closed()
            return
        if self.screen.memory is not None:
            self.screen.memory.add(text)
        self.query = query
        self.search(1, from_match=False)

    # -- going to a match ---------------------------------------------------------

    def search(self, step: int, *, from_match: bool, block: int | None = None) -> None:
        """Go to the next (step 1) or previous (-1) match of the last search.

        From the match the reader was taken to, if it is still in view, else
        from the view (the top of the article's, or the item under a list's cursor);
        from the start of the article's ``block`` if given (a search result's passage,
        which the view may not have at its top: the article's last lines cannot scroll
        there).
        """
        start = None if block is None else (0, block, 0)
        self.screen.body.when_sized(
            lambda: self._search_now(step, from_match=from_match, start=start)
        )

    def _search_now(self, step: int, *, from_match: bool, start: Position | None = None) -> None:
        if self._waiting is not None:  # a search in a worker: this one goes on from its match
            self._waiting.append((step, from_match))
            return
        query = self.query
        assert query is not None
        corpora = self.corpora()  # (first: a new version of the text forgets the current match)
        if start is None:
            start = (self._from_current(step) if from_match else None) or self._from_view()
        if all(corpus.joined(query.case_sensitive) is not None for corpus in corpora):
            self._arrived(corpora, query, step, find_next(corpora, query, start, backward=step < 0))
            return
        # The panes' texts are not joined yet (the first search of a run, its count still
        # going): finding the next match could read every paragraph. In a worker, as the
        # count; n and N pressed meanwhile wait for it, to go on from its match.
        self._waiting = []
        self.shown, self.lit = query, True
        self._update()
        work = partial(self._find_in_thread, corpora, query, start, step)
        self.screen.run_worker(work, thread=True, group="search-find")

    def _find_in_thread(
        self, corpora: list[Corpus], query: Query, start: Position, step: int
    ) -> None:
        worker = get_current_worker()
        for corpus in corpora:  # (joined once: a count running meanwhile shares the work)
            if corpus.build(query.case_sensitive, lambda: worker.is_cancelled) is None:
                return
        found = find_next(corpora, query, start, backward=step < 0)
        if not worker.is_cancelled:
            self.screen.app.call_from_thread(self._arrived, corpora, query, step, found, True)

    def _arrived(
        self,
        corpora: list[Corpus],
        query: Query,
        step: int,
        found: Found | None,
        in_worker: bool = False,
    ) -> None:
        """Go to ``found``, the match of a search (or say there is none); then to the
        matches of n and N pressed while it was looked for in a worker."""
        waiting: list[tuple[int, bool]] = []
        if in_worker:
            waiting, self._waiting = self._waiting or [], None
        if corpora is self._corpora and query is self.query and self.screen.is_attached:
            self._show_found(query, step, found)
        for later_step, from_match in waiting:
            if self.query is not None and self.screen.is_attached:
                self._search_now(later_step, from_match=from_match)

    def _show_found(self, query: Query, step: int, found: Found | None) -> None:
        screen = self.screen
        was_found = self.found
        if self.line is None or not self.line.is_open:  # (not while a new query is typed)
            self.shown, self.lit = query, True
        self.went_on_from = ""
        if found is None:
            self.current = None
            screen.body.highlight = None  # an older search's match is not this one's
            screen.notify(f"Not found: {clip(query.text, SHOWN_QUERY)}", markup=False)
        else:
            if found.wrapped:
                self.went_on_from = "the top" if step > 0 else "the end"
            self.current = found.match
            self._go_to(found.match)
        self._update()
        if self.found != was_found:
            self.changed()

    def _target(self, match: Match) -> Target:
        section = self.screen.document.section_of[match.unit]
        return Target(match.unit, section, match.start, match.end)

    def _from_current(self, step: int) -> Position | None:
        """Just after (or before) the current match, if the reader still has it in view."""
        current, screen = self.current, self.screen
        if current is None:
            return None
        pane = PANES[current.pane]
        if pane == "body":
            if not screen.body.shows(self._target(current)):
                return None
        else:
            listing = screen.side_panes()[current.pane - 1]
            item = current.unit // listing.SEARCHED_PARTS
            if screen.active_pane != pane or listing.highlighted != item:
                return None
        return current.pane, current.unit, current.end if step > 0 else current.start

    def _from_view(self) -> Position:
        """The top of the article's view, or the item under the cursor of the list in use."""
        screen = self.screen
        pane = screen.active_pane
        if pane == "body":
            return 0, screen.body.top_block(), 0
        listing = screen.side_panes()[PANES.index(pane) - 1]
        return PANES.index(pane), (listing.highlighted or 0) * listing.SEARCHED_PARTS, 0

    def _go_to(self, match: Match) -> None:
        screen = self.screen
        if match.pane == 0:
            screen.jump_to(self._target(match))
            screen.active_pane = "body"  # the pane of the match is the one in use, as for a list's
            return
        screen.body.highlight = None
        listing = screen.side_panes()[match.pane - 1]
        screen.show_item(PANES[match.pane], match.unit // listing.SEARCHED_PARTS)

    def dismiss(self) -> None:
        """Put the lights out (Esc) until the next search, n or N."""
        if self.lit:
            self.lit = False
            self._update()

    # -- what is shown ---------------------------------------------------------------

    def _update(self) -> None:
        """Light up the shown query's matches in every pane, and say how many there are."""
        screen = self.screen
        corpora = self.corpora()
        shown = self.shown if self.lit else None
        current = self.current if shown is not None and shown is self.query else None
        lists = screen.side_panes()
        for index, corpus in enumerate(corpora):
            here = current if current is not None and current.pane == index else None
            marks = None if shown is None else Highlights(corpus, shown, here)
            if index == 0:
                screen.body.set_marks(marks, screen.body.search_status)
            else:
                lists[index - 1].set_marks(marks)
        self._show_count()

    def _show_count(self) -> None:
        shown = self.shown
        count = None if shown is None else self._counts.get(shown.key)
        if shown is not None and count is None:
            self._count(shown)
        ordinal = None
        current = self.current
        if count is not None and current is not None and shown is self.query:
            ordinal = count.ordinal(self.corpora(), current)
        text = "" if shown is None else counted(count, ordinal)
        if self.line is not None:
            self.line.show_count(text)
        status = ""
        if self.lit and count is not None and count.total:
            status = f"match {text}" if ordinal else text
            if ordinal and self.went_on_from:
                status += f", from {self.went_on_from}"
        self.screen.body.set_marks(self.screen.body.marks, status)

    # -- counting ------------------------------------------------------------------

    def _count(self, query: Query) -> None:
        """Count the matches of ``query`` in a worker (the last count asked for wins)."""
        if self._counting == query.key:
            return
        self._counting = query.key
        work = partial(self._count_in_thread, self.corpora(), query)
        self.screen.run_worker(work, thread=True, exclusive=True, group="search")

    def _count_in_thread(self, corpora: list[Corpus], query: Query) -> None:
        worker = get_current_worker()
        count = count_matches(corpora, query, lambda: worker.is_cancelled)
        if count is not None and not worker.is_cancelled:
            self.screen.app.call_from_thread(self._counted, corpora, count)

    def _counted(self, corpora: list[Corpus], count: Count) -> None:
        key = count.query.key
        if self._counting == key:
            self._counting = None
        if corpora is not self._corpora or not self.screen.is_attached:
            return  # a count of another version of the briefing
        self._counts.pop(key, None)
        self._counts[key] = count
        while len(self._counts) > COUNTS_KEPT:
            del self._counts[next(iter(self._counts))]
        self._show_count()
