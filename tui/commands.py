"""Command-palette entries for the briefing: sections, talking points and quotes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content


def safe_highlight(matcher: Matcher, candidate: str) -> Content:
    """The candidate with the matched letters styled, never parsed as markup.

    (``Matcher.highlight`` parses its argument as Textual markup, which must
    not happen to text from a briefing file.)
    """
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


ENTRY_LENGTH = 72
"""Longest palette entry: the fuzzy matcher's cost grows steeply with length."""


def entry(prefix: str, text: str) -> str:
    """``prefix: text``, cut to :data:`ENTRY_LENGTH` characters with an ellipsis."""
    full = f"{prefix}: {text}"
    return full if len(full) <= ENTRY_LENGTH else full[: ENTRY_LENGTH - 1].rstrip() + "…"


class BriefingCommands(Provider):
    """ "Go to section: …", "Talking point: …" and "Quote: …" entries."""

    def _entries(self) -> Iterator[tuple[str, Callable[[], None]]]:
        from tui.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        briefing = screen.briefing
        for index, section in enumerate(briefing.sections):
            yield entry("Go to section", section.heading), partial(screen.jump_to_section, index)
        for index, point in enumerate(briefing.talking_points):
            yield entry("Talking point", point.text), partial(screen.jump_to_point, index)
        for index, quote in enumerate(briefing.quotes):
            yield entry("Quote", quote.text), partial(screen.jump_to_quote, index)

    async def discover(self) -> Hits:
        for text, callback in self._entries():
            if text.startswith("Go to section"):
                yield DiscoveryHit(Content(text), callback, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, safe_highlight(matcher, text), callback, text=text)
