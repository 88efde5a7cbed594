"""The quotes pane: each quote, "— Speaker, Role" under it, and a warning if not in the article."""

from __future__ import annotations

from collections.abc import Iterable

from tui.model import Quote
from tui.ui.widgets.item_list import Part
from tui.ui.widgets.link_list import LinkList

NOT_FOUND = "⚠ not in the article as quoted"
"""The line under a quote that the article does not hold as quoted."""


def quote_texts(quote: Quote) -> tuple[str, str]:
    """What a quote's item shows: its words in quote marks, and who said them."""
    return f"“{quote.text}”", quote.attribution


class QuotesList(LinkList):
    """The briefing's speaker quotes."""

    EMPTY = "This briefing has no quotes."
    GAP = 1  # a blank line between quotes: each is a paragraph and a speaker

    DEFAULT_CSS = """
    QuotesList > .quotes-list--not-found { color: $text-warning; text-style: bold; }
    """

    COMPONENT_CLASSES = {"quotes-list--not-found"}

    SEARCHED_PARTS = 2  # the quote and who said it, not the warning under it

    def __init__(self, quotes: tuple[Quote, ...], *, id: str | None = None) -> None:
        self.quotes = quotes
        self.not_found: frozenset[int] = frozenset()
        """The quotes the article does not hold word for word (known once linked)."""
        super().__init__(len(quotes), id=id)

    def set_not_found(self, indices: Iterable[int]) -> None:
        """Mark the quotes that are not in the article (the check runs after the first frame)."""
        not_found = frozenset(indices)
        if not_found != self.not_found:
            self.not_found = not_found
            self.items_changed()

    def set_quotes(self, quotes: tuple[Quote, ...], not_found: Iterable[int] = ()) -> None:
        """Show another version of the quotes, ``not_found`` marked as not in the article."""
        self.quotes = quotes
        self.not_found = frozenset(not_found)
        self.reset(len(quotes))

    def item_parts(self, index: int) -> list[Part]:
        words, attribution = quote_texts(self.quotes[index])
        parts = [Part(words), Part(attribution, lead="— ", component="item-list--note")]
        if index in self.not_found:
            parts.append(Part(NOT_FOUND, component="quotes-list--not-found"))
        return parts
