"""Command-palette entries for the briefing: sections, talking points and quotes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.linking import fold
from tui.text import sanitize_line

MATCH_STYLE = "bold underline"


def match(query: str, candidate: str) -> tuple[float, list[int]]:
    """How well ``query`` matches ``candidate`` (0 to 1) and which characters matched.

    Linear in the candidate's length, whatever the text: Textual's fuzzy
    matcher tries every alignment, which a crafted entry ("ha ha ha …")
    makes exponential. Case and curly quotes are ignored. A substring match
    scores highest (more at the start of a word), then the query's words in
    order; otherwise its letters must occur in order, and a tighter match
    scores higher.
    """
    words = fold(query).split()
    wanted = "".join(words)
    if not wanted:
        return 0.0, []
    text = fold(candidate)
    phrase = " ".join(words)
    found = text.find(phrase)
    if found != -1:
        at_word = found == 0 or not text[found - 1].isalnum()
        return (0.9 if at_word else 0.7), list(range(found, found + len(phrase)))
    offsets: list[int] = []
    position = 0
    for word in words:  # every word, in order
        position = text.find(word, position)
        if position == -1:
            break
        offsets.extend(range(position, position + len(word)))
        position += len(word)
    else:
        return 0.6, offsets
    offsets = []
    position = 0
    for char in wanted:
        position = text.find(char, position)
        if position == -1:
            return 0.0, []
        offsets.append(position)
        position += 1
    span = offsets[-1] - offsets[0] + 1
    return 0.5 * len(wanted) / span, offsets


def highlighted(candidate: str, offsets: list[int]) -> Content:
    """The candidate as literal text (never markup) with the matched characters styled."""
    content = Content(candidate)
    for offset in offsets:
        content = content.stylize(MATCH_STYLE, offset, offset + 1)
    return content


ENTRY_LENGTH = 72
"""Longest palette entry; the rest of a long quote would only crowd the list."""


def entry(prefix: str, text: str) -> str:
    """``prefix: text``, cut to :data:`ENTRY_LENGTH` characters with an ellipsis."""
    full = f"{prefix}: {text}"
    return full if len(full) <= ENTRY_LENGTH else full[: ENTRY_LENGTH - 1].rstrip() + "…"


def library_entries(screen: object) -> Iterator[tuple[str, Callable[[], None]]]:
    """ "Open: …" for each briefing of the library and "Tag: …" for each tag, on its screen."""
    from tui.library.rows import tag_counts
    from tui.ui.screens.library import LibraryScreen

    if not isinstance(screen, LibraryScreen):
        return
    for each in screen.entries:
        if not each.failed:
            yield entry("Open", sanitize_line(each.title)), partial(screen.open_path, each.path)
    for tag, count in tag_counts(screen.entries):
        yield entry("Tag", f"{sanitize_line(tag)} ({count})"), partial(screen.show_tag, tag)


class BriefingCommands(Provider):
    """ "Go to section: …", "Talking point: …" and "Quote: …" entries (in the library:
    "Open: …" and "Tag: …")."""

    def _entries(self) -> Iterator[tuple[str, Callable[[], None]]]:
        from tui.ui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            yield from library_entries(screen)
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
            if text.startswith(("Go to section", "Tag")):
                yield DiscoveryHit(Content(text), callback, text=text)

    async def search(self, query: str) -> Hits:
        for text, callback in self._entries():
            score, offsets = match(query, text)
            if score > 0:
                yield Hit(score, highlighted(text, offsets), callback, text=text)
