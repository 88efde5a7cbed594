"""The quotes pane: each quote's text, then "— Speaker, Role"."""

from __future__ import annotations

from textual.content import Content

from tui.model import Quote
from tui.widgets.link_list import LinkList


class QuotesList(LinkList):
    """The briefing's speaker quotes."""

    EMPTY = "This briefing has no quotes."

    def __init__(self, quotes: tuple[Quote, ...], *, id: str | None = None) -> None:
        self.quotes = quotes
        super().__init__(len(quotes), id=id)

    def item_content(self, index: int) -> Content:
        quote = self.quotes[index]
        return Content.assemble(
            " ",
            Content(f"“{quote.text}”"),
            "\n ",
            (f"— {quote.attribution}", "italic $text-muted"),
        )
