"""Everything the briefing file says about itself: the ``i`` screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.model import Briefing
from tui.text import clip, normalize_space, sanitize_line
from tui.ui.screens.panel import Panel
from tui.ui.widgets.path import PathText
from tui.ui.widgets.styles import accent_text

WRAPPED_AT_SLASHES = frozenset({"Link", "File"})
"""Fields that break lines after a ``/`` rather than in the middle of a name."""
SHOWN = 5000
"""Most characters of a field shown (a long summary is a few hundred): a field of megabytes
would take seconds to wrap before the screen could open."""


def shown(text: str) -> str:
    """A field on one line, cut short past :data:`SHOWN` characters."""
    return clip(normalize_space(text), SHOWN)


def details(briefing: Briefing, not_found: int = 0) -> list[tuple[str, str]]:
    """(label, text) for each field the briefing has, in reading order.

    ``not_found`` is how many quotes the article does not hold word for word.
    """
    source = briefing.source
    count = len(briefing.quotes)
    checked = (
        f"{not_found} of {count} not in the article word for word (marked ⚠ in the Quotes pane)"
        if not_found
        else None
    )
    rows = [
        ("Summary", briefing.summary),
        ("Source", source.name if source else None),
        ("Link", source.url if source else None),
        ("Published", briefing.published),
        ("Location", briefing.location),
        ("Language", briefing.language),
        ("Authors", ", ".join(briefing.authors)),
        ("Tags", " ".join(f"#{tag}" for tag in briefing.tags)),
        ("Contents", briefing.contents),
        ("Quotes", checked),
        ("File", sanitize_line(briefing.path)),  # the only field not sanitised at load
    ]
    return [(label, shown(text)) for label, text in rows if text]


class InfoScreen(Panel):
    """The title, subtitle, summary, source and the rest of the briefing's metadata."""

    BINDINGS = [Binding("i", "dismiss", "Close", id="info.close")]

    def __init__(self, briefing: Briefing, not_found: int = 0) -> None:
        super().__init__()
        self.briefing = briefing
        self.not_found = not_found
        """How many quotes the article does not hold word for word."""

    def compose(self) -> ComposeResult:
        briefing = self.briefing
        heading = f"bold {accent_text(self)}"
        with VerticalScroll(id="info"):
            yield Static(Content.styled(shown(briefing.title), "bold"))
            if briefing.subtitle:
                yield Static(Content.styled(shown(briefing.subtitle), "italic"))
            for label, text in details(briefing, self.not_found):
                if label in WRAPPED_AT_SLASHES:
                    yield Static(Content.styled(label, heading), classes="panel-group")
                    yield PathText(text)
                    continue
                yield Static(Content.assemble((label, heading), "\n", text), classes="panel-group")
            yield Static(
                Content.styled("Esc, q or i closes this screen.", "$text-muted"),
                classes="panel-group",
            )
