"""Everyone quoted across the library, with how often; a speaker's quotes open the reader."""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.library.index import Hit, LibraryIndex, Speaker
from tui.library.query import fold
from tui.text import clip, sanitize_line
from tui.ui.held_keys import CHOSEN, hold_keys, release_keys, screens_own_key
from tui.ui.hits import hit_content
from tui.ui.index_calls import ask_index
from tui.ui.screens.modal import Modal
from tui.ui.widgets.key_hints import Hint
from tui.ui.widgets.result_list import ResultList
from tui.ui.widgets.typed_input import TypedInput

HINTS = (
    Hint(("select", "speakers.open"), "Open"),
    Hint(("speakers.filter",), "Filter"),
    Hint(("speakers.back",), "Back"),
)


def speaker_content(speaker: Speaker) -> Content:
    """``Name  12 quotes in 3 briefings``."""
    quotes = f"{speaker.quotes} quote{'s' if speaker.quotes != 1 else ''}"
    briefings = f"{speaker.briefings} briefing{'s' if speaker.briefings != 1 else ''}"
    return Content.assemble(
        (clip(sanitize_line(speaker.name), 80), "bold"),
        (f"  {quotes} in {briefings}", "$text-muted"),
    )


UNANSWERED = "the index could not answer (the message says why); Esc, then s, asks again"
"""What the title says when the index (an archive out of reach) could not list them."""


class SpeakersScreen(Modal[None]):
    """Speakers, most quoted first; Enter lists a speaker's quotes, Enter on one opens it."""

    DEFAULT_CSS = """
    SpeakersScreen {
        layout: vertical;
        background: $background;
    }
    #speakers-title {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    #speakers-filter {
        display: none;
        border: none;
        height: 1;
        padding: 0 1;
    }
    #speakers-list {
        height: 1fr;
        border: none;
        scrollbar-gutter: stable;  /* (as the search results: a quote's heading may wrap) */
    }
    """

    HINTS = HINTS
    AUTO_FOCUS = "#speakers-list"
    KEYS_GO_ON = True
    """A screen, not a box: keys typed after the Esc that closed it are the library's."""

    BINDINGS = [
        Binding("escape,q", "back", "Back (to the speakers, then the library)", id="speakers.back"),
        Binding("enter", "open", "Open", show=False, id="speakers.open"),
        Binding("f,slash", "filter", "Filter the speakers by name", id="speakers.filter"),
        # The filter line's (the list has its own ↓): at its turn among keys typed at once.
        Binding("down", "to_list", "To the speakers", show=False, id="speakers.down"),
    ]

    def __init__(
        self,
        index: LibraryIndex,
        open_hit: Callable[[Hit], None],
    ) -> None:
        super().__init__()
        self.index = index
        self.open_hit = open_hit
        self.speakers: list[Speaker] = []
        self.speaker: Speaker | None = None
        """The speaker whose quotes are listed (None: the speakers are)."""
        self.quotes: list[Hit] = []
        self._speaker_at = 0
        self.shown: list[int] = []
        """The speakers listed (their places in :attr:`speakers`): those the filter leaves."""
        self.filtering = False
        """The filter line is in use (``f``), until Esc puts it away."""
        self._names: list[str] = []
        """Each speaker's name as the filter compares it (folded once, not at every key)."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Speakers: reading the library…"), id="speakers-title")
        yield TypedInput(
            placeholder="type part of a name", id="speakers-filter", select_on_focus=False
        )
        yield ResultList(id="speakers-list")

    @property
    def filter_line(self) -> Input:
        return self.query_one("#speakers-filter", Input)

    async def on_key(self, event: events.Key) -> None:
        """Keys on their way when Esc closed the screen are the library's (``Esc q`` quits);
        the screen's own keys act at their turn, so that the keys behind them go on. A
        letter no key is bound to, typed on the speakers, goes into the filter line (also
        one typed right after ``f``, in a burst, before the line had the keys)."""
        if await screens_own_key(self, event):
            return
        line = self.filter_line
        if (
            self.speaker is None
            and event.is_printable
            and event.character
            and self.active_bindings.get(event.key) is None
        ):
            event.stop()
            event.prevent_default()
            self.filtering = line.display = True
            line.cursor_position = len(line.value)  # (typed on: the filter goes on)
            line.insert_text_at_cursor(event.character)
            self.set_focus(line)

    def on_mount(self) -> None:
        hold_keys(self, "speakers")  # (s Enter: the first speaker's quotes, once listed)
        self._load_speakers()

    @property
    def listing(self) -> OptionList:
        """The list on screen (speakers, or one speaker's quotes)."""
        return self.query_one(OptionList)

    def _open_listing(self) -> OptionList | None:
        """The list, or None if the screen was closed while the index answered (the app
        ending): the answer is then dropped."""
        try:
            return self.listing
        except NoMatches:
            return None

    def _title(self, text: str) -> None:
        self.query_one("#speakers-title", Static).update(Content(text))

    @work(thread=True, exclusive=True, group="speakers")
    def _load_speakers(self) -> None:
        speakers = ask_index(self.app, self.index, self.index.speakers, lambda: None)
        self.app.call_from_thread(self._show_speakers, speakers)

    def _show_speakers(self, listed: list[Speaker] | None) -> None:
        """Show the speakers (None: the index could not answer, and said why)."""
        speakers = listed or []
        listing = self._open_listing()
        if listing is None:
            return
        if speakers is not self.speakers:
            self._names = [fold(speaker.name) for speaker in speakers]
        self.speakers, self.speaker = speakers, None
        self.filter_line.display = self.filtering  # (at once: it may be focused next)
        self._list_speakers(listing)
        if listed is None:  # (not "0 speakers": an archive out of reach is not an empty one)
            self._title(f"Speakers: {UNANSWERED}")
        release_keys(self, "speakers")

    def _list_speakers(self, listing: OptionList) -> None:
        """List the speakers whose names hold every word of the filter line."""
        words = fold(self.filter_line.value).split()
        self.shown = [
            n for n, name in enumerate(self._names) if all(word in name for word in words)
        ]
        listing.clear_options()
        listing.add_options(
            Option(speaker_content(self.speakers[n]), id=str(n)) for n in self.shown
        )
        if words:
            self._title(
                f"Speakers: {len(self.shown)} of {len(self.speakers)} with"
                f" {clip(sanitize_line(self.filter_line.value), 40)!r} in their name"
            )
        else:
            self._title(
                f"Speakers: {len(self.speakers)}, most quoted first · Enter lists their quotes"
            )
        if self.shown:
            listing.highlighted = next(
                (at for at, n in enumerate(self.shown) if n >= self._speaker_at), 0
            )

    @on(Input.Changed, "#speakers-filter")
    def _narrow(self) -> None:
        if self.speaker is None:
            self._speaker_at = 0
            self._list_speakers(self.listing)

    @on(Input.Submitted, "#speakers-filter")
    def _submitted(self) -> None:
        self.action_open()

    def action_filter(self) -> None:
        """Show the filter line and type into it (the speakers only, not one's quotes)."""
        if self.speaker is None:
            self.filtering = self.filter_line.display = True  # (at once: focused next)
            self.set_focus(self.filter_line)

    def action_to_list(self) -> None:
        """↓ in the filter line: to the list (as the library's filter line goes to the
        table)."""
        self.set_focus(self.listing)

    @work(thread=True, exclusive=True, group="speakers")
    def _load_quotes(self, speaker: Speaker) -> None:
        quotes = ask_index(
            self.app, self.index, lambda: self.index.quotes_by(speaker.name), lambda: None
        )
        self.app.call_from_thread(self._show_quotes, speaker, quotes)

    def _show_quotes(self, speaker: Speaker, listed: list[Hit] | None) -> None:
        """Show a speaker's quotes (None: the index could not answer, and said why)."""
        quotes = listed or []
        listing = self._open_listing()
        if listing is None:
            return
        self.speaker, self.quotes = speaker, quotes
        self.filter_line.display = False  # (a speaker's quotes are not filtered)
        self.set_focus(listing)
        listing.clear_options()
        listing.add_options(Option(hit_content(hit), id=str(n)) for n, hit in enumerate(quotes))
        name = clip(sanitize_line(speaker.name), 60)
        if listed is None:
            self._title(f"Quotes of {name}: {UNANSWERED}")
        else:
            self._title(
                f"Quotes of {name}: {len(quotes)}, newest first"
                " · Enter opens the briefing at the quote"
            )
        if quotes:
            listing.highlighted = 0
        release_keys(self, "speakers")

    def action_open(self) -> None:
        """Open the highlighted speaker or quote."""
        at = self.listing.highlighted
        if at is not None:
            self._choose(at)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)
        release_keys(self, CHOSEN)

    def _choose(self, at: int) -> None:
        if self.speaker is None:
            if at < len(self.shown):
                self._speaker_at = self.shown[at]
                hold_keys(self, "speakers")
                self._load_quotes(self.speakers[self._speaker_at])
        elif at < len(self.quotes):
            self.open_hit(self.quotes[at])

    def action_back(self) -> None:
        """Back to the speakers from a speaker's quotes; from a filter, to every speaker;
        from the speakers, to the library."""
        line = self.filter_line
        if self.speaker is not None:
            self._show_speakers(self.speakers)  # (the list keeps the keys: q goes on back)
        elif self.filtering:
            self.filtering = line.display = False
            line.value = ""  # (lists every speaker again)
            self.set_focus(self.listing)
        elif self.is_active:
            self.dismiss()
