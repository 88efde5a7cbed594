"""Apps for the UI tests and snapshots, and helpers that read what is on the screen.

Everything here is deterministic: briefings are loaded under fixed names (so no
absolute path of this machine reaches the screen, e.g. in a warning toast),
animations are off and the text cursor does not blink.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

from textual import events, fuzzy
from textual.app import App
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Input

from tui.format.loader import Loaded, default_briefing_path, load_bytes
from tui.library.memory_index import MemoryIndex
from tui.library.opened import Library
from tui.library.scan import scan
from tui.model import Briefing
from tui.ui.app import BriefingApp
from tui.ui.widgets.body import BodyView

T = TypeVar("T")

HOSTILE_PATH = Path(__file__).parent / "data" / "hostile" / "hostile-markup.yaml"
EVERY_KEY_PATH = Path(__file__).parent / "data" / "good" / "every-key.yaml"


@cache
def seed_loaded() -> Loaded:
    """The bundled Blinken briefing."""
    return load_bytes(default_briefing_path().read_bytes(), "blinken-colombia.yaml")


@cache
def hostile_loaded() -> Loaded:
    """The hostile-markup briefing (markup, escapes, bidi, wide text), with its warnings."""
    return load_bytes(HOSTILE_PATH.read_bytes(), "hostile-markup.yaml")


@cache
def every_key_loaded() -> Loaded:
    """A briefing with every key: a source with a URL, a link, a block quote, a numbered list."""
    return load_bytes(EVERY_KEY_PATH.read_bytes(), "every-key.yaml")


def seed_briefing() -> Briefing:
    """The bundled briefing's model."""
    return seed_loaded().briefing


class SnapshotApp(BriefingApp):
    """The reader with nothing that changes by itself or with the machine.

    No animation, no blinking cursor, a warning toast that outlasts any slow
    start-up, and the default theme even if ``TEXTUAL_THEME`` is set.
    """

    NOTIFICATION_TIMEOUT = 3600

    def __init__(self, loaded: Loaded) -> None:
        super().__init__(loaded.briefing, loaded.warnings)
        self.animation_level = "none"
        self.theme = "textual-dark"

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False


def seed_app() -> SnapshotApp:
    """The bundled briefing, ready for a snapshot."""
    return SnapshotApp(seed_loaded())


def every_key_app() -> SnapshotApp:
    """The every-key briefing (source, links), ready for a snapshot."""
    return SnapshotApp(every_key_loaded())


def hostile_app() -> SnapshotApp:
    """The hostile briefing (and its warning toast), ready for a snapshot."""
    return SnapshotApp(hostile_loaded())


# -- measuring the command palette's matcher ----------------------------------------


ALIGNMENT_BUDGET = 10_000
"""Most alignments Textual's fuzzy matcher may score while a test types into the palette."""


class TooManyAlignments(Exception):
    """Textual's fuzzy matcher scored more alignments than the test's budget."""


def count_fuzzy_alignments(monkeypatch, budget: int = ALIGNMENT_BUDGET) -> Callable[[], int]:
    """Count the alignments Textual's fuzzy matcher scores (its cost, machine-independent).

    Past ``budget`` the count raises :class:`TooManyAlignments`, so an exponential
    matcher fails the test quickly instead of running for minutes. (Textual lists
    every alignment of an entry before scoring any: the test's entries, at most
    :data:`~tui.ui.palette.ENTRY_LENGTH` characters, keep that list short.)
    """
    count = 0
    score = fuzzy.FuzzySearch.score

    def counting(self: fuzzy.FuzzySearch, candidate: str, positions: Sequence[int]) -> float:
        nonlocal count
        count += 1
        if count > budget:
            raise TooManyAlignments(f"more than {budget} alignments scored")
        return score(self, candidate, positions)

    monkeypatch.setattr(fuzzy.FuzzySearch, "score", counting)
    return lambda: count


def textual_match(query: str, candidate: str) -> tuple[float, list[int]]:
    """:func:`tui.ui.palette.match` done with Textual's fuzzy matcher, as its providers do.

    What the palette must not go back to: a test puts it in place to prove that
    the palette's cost check would catch it.
    """
    matcher = fuzzy.Matcher(query)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    return score, list(offsets)


async def collect(hits: AsyncIterator[T]) -> list[T]:
    """Every item of an async iterator (a command provider's hits)."""
    return [hit async for hit in hits]


# -- reading the screen -----------------------------------------------------------


def strip_text(strip: Strip) -> str:
    """The characters of a rendered line."""
    return "".join(segment.text for segment in strip)


def screen_strips(app: App[object]) -> list[Strip]:
    """Every line of the screen as the terminal would get it (modal screens included)."""
    # Private, but no public API gives the composed lines: export_screenshot reads it too.
    return app.screen._compositor.render_strips()


def screen_lines(app: App[object]) -> list[str]:
    """The text of every line on the screen."""
    return [strip_text(strip) for strip in screen_strips(app)]


def body_lines(body: BodyView) -> list[str]:
    """The text of every line the body pane shows."""
    return [strip_text(body.render_line(y)) for y in range(body.scrollable_content_region.height)]


def line_visible(body: BodyView, line: int) -> bool:
    """True if document line ``line`` is on screen in the body pane."""
    top = round(body.scroll_y)
    return top <= line < top + body.scrollable_content_region.height


# -- the library ---------------------------------------------------------------------

LIBRARY_PATH = Path(__file__).parent / "data" / "library_screen"


def library_of(
    *paths: Path, name: str = "library_screen/", index: MemoryIndex | None = None
) -> Library:
    """A library of ``paths`` (folders or files) read through the in-memory index (or
    ``index``, one made to fail)."""
    found = scan([str(path) for path in paths])
    return Library(name, found.paths, index or MemoryIndex(), found.notices)


class LibrarySnapshotApp(BriefingApp):
    """The library of tests/data/library_screen, with nothing that changes by itself."""

    NOTIFICATION_TIMEOUT = 3600

    def __init__(self) -> None:
        super().__init__(None, library=library_of(LIBRARY_PATH))
        self.animation_level = "none"
        self.theme = "textual-dark"

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False


async def library_loaded(pilot: Pilot[None]) -> None:
    """Wait until the library's files are read and the table drawn."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
