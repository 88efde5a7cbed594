"""The link list: the briefing's source and the article's links; Enter opens one in the browser."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.text import clip
from tui.ui.screens.option_dialog import OptionDialog
from tui.ui.widgets.key_hints import Hint
from tui.weblinks import WebLink

SHOWN_TEXT = 200
"""Most characters of a link's text shown (a label of megabytes would freeze the list)."""
SHOWN_URL = 300
"""Most characters of a URL shown."""
REFUSED = "refused: only http and https links are opened"
EMPTY = "This briefing has no links."


def link_prompt(link: WebLink) -> Content:
    """A link as listed: its text, then where it is and its URL (and, if refused, why)."""
    lines = [
        Content.styled(clip(link.text, SHOWN_TEXT), "bold"),
        Content.styled(f"{link.where} · {clip(link.url, SHOWN_URL)}", "$text-muted"),
    ]
    if not link.allowed:
        lines.append(Content.styled(REFUSED, "$text-error"))
    return Content("\n").join(lines)


class LinksScreen(OptionDialog[None]):
    """Lists the briefing's links; Enter opens the chosen one with ``App.open_url``."""

    DEFAULT_CSS = """
    LinksScreen > .dialog {
        width: 76;
    }
    LinksScreen .dialog-options {
        max-height: 24;
    }
    """

    HINTS = (
        Hint(("select",), "Open"),
        Hint(("links.down", "links.up"), "Move"),
        Hint(("links.close",), "Close"),
    )
    BINDINGS = [
        Binding("escape,q,L", "dismiss", "Close", id="links.close"),
        Binding("j", "move(1)", "Next link", show=False, id="links.down"),
        Binding("k", "move(-1)", "Previous link", show=False, id="links.up"),
    ]

    def __init__(self, links: list[WebLink]) -> None:
        super().__init__()
        self.links = links

    def shown_hints(self) -> tuple[Hint, ...]:
        """Without links, only the key that closes the box (Enter and j k do nothing)."""
        return self.HINTS if self.links else self.HINTS[-1:]

    def compose(self) -> ComposeResult:
        count = len(self.links)
        with Vertical(id="links", classes="dialog"):
            title = f"Links ({count})" if count else "Links"
            yield Static(title, id="links-title", classes="dialog-title")
            options: list[Option | None] = []
            for index, link in enumerate(self.links):
                if index:
                    options.append(None)  # a rule between links
                options.append(Option(link_prompt(link), id=str(index)))
            if not options:
                options = [Option(Content.styled(EMPTY, "$text-muted"), disabled=True)]
            yield OptionList(*options, id="links-options", classes="dialog-options")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:  # not the "no links" line
            self.open_link(self.links[int(event.option.id)])

    def open_link(self, link: WebLink) -> None:
        """Open ``link`` in the browser and close, or say why it is not opened."""
        if not link.allowed:
            self.notify(
                f"Not opened: {clip(link.url, SHOWN_URL)}\n{REFUSED}.",
                severity="warning",
                markup=False,
            )
            return
        self.app.open_url(link.url)
        self.notify(f"Opening in the browser: {clip(link.url, SHOWN_URL)}", markup=False, timeout=3)
        self.dismiss()
