"""The quotes pane: each quote's text, then "— Speaker, Role"."""

from __future__ import annotations

from tui.model import Quote
from tui.ui.widgets.item_list import Part
from tui.ui.widgets.link_list import LinkList


class QuotesList(LinkList):
    """The briefing's speaker quotes."""

    EMPTY = "This briefing has no quotes."
    GAP = 1  # a blank line between quotes: each is a paragraph and a speaker

    def __init__(self, quotes: tuple[Quote, ...], *, id: str | None = None) -> None:
        self.quotes = quotes
        super().__init__(len(quotes), id=id)

    def item_parts(self, index: int) -> list[Part]:
        quote = self.quotes[index]
        return [
            Part(f"“{quote.text}”"),
            Part(quote.attribution, lead="— ", component="item-list--note"),
        ]
