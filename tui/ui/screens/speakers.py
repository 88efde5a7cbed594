"""Everyone quoted across the library, with how often; a speaker's quotes open the reader."""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.library.index import Hit, LibraryIndex, Speaker
from tui.text import clip, sanitize_line
from tui.ui.held_keys import CHOSEN, hold_keys, release_keys, screens_own_key
from tui.ui.hits import hit_content
from tui.ui.index_calls import ask_index
from tui.ui.screens.modal import Modal
from tui.ui.widgets.key_hints import Hint
from tui.ui.widgets.result_list import ResultList

HINTS = (Hint(("select", "speakers.open"), "Open"), Hint(("speakers.back",), "Back"))


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

    def compose(self) -> ComposeResult:
        yield Static(Content("Speakers: reading the library…"), id="speakers-title")
        yield ResultList(id="speakers-list")

    async def on_key(self, event: events.Key) -> None:
        """Keys on their way when Esc closed the screen are the library's (``Esc q`` quits);
        the screen's own keys act at their turn, so that the keys behind them go on."""
        await screens_own_key(self, event)

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
        self.speakers, self.speaker = speakers, None
        listing.clear_options()
        listing.add_options(
            Option(speaker_content(speaker), id=str(n)) for n, speaker in enumerate(speakers)
        )
        if listed is None:  # (not "0 speakers": an archive out of reach is not an empty one)
            self._title(f"Speakers: {UNANSWERED}")
        else:
            self._title(f"Speakers: {len(speakers)}, most quoted first · Enter lists their quotes")
        if speakers:
            listing.highlighted = min(self._speaker_at, len(speakers) - 1)
        release_keys(self, "speakers")

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
            if at < len(self.speakers):
                self._speaker_at = at
                hold_keys(self, "speakers")
                self._load_quotes(self.speakers[at])
        elif at < len(self.quotes):
            self.open_hit(self.quotes[at])

    def action_back(self) -> None:
        """Back to the speakers from a speaker's quotes; from the speakers, to the library."""
        if self.speaker is not None:
            self._show_speakers(self.speakers)
        elif self.is_active:
            self.dismiss()
