"""The baseline for the start-up benchmarks: the least a Textual reader could do.

A Header, one Static holding the briefing's first paragraph, and a Footer.
It does not read or parse any file; the text comes on the command line (by
default the first paragraph of the bundled briefing), so its start-up is
Python + Textual + one frame and nothing else.

    python benchmarks/bare_app.py [--title TITLE] [--text TEXT]
"""

from __future__ import annotations

import argparse

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

FIRST_PARAGRAPH = (
    "US Secretary of State Antony Blinken stressed the need to “deepen our cooperation”"
    " with Colombia at the end of a two-day visit to the South American country."
)


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self._text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._text, markup=False)
        yield Footer()


def main() -> None:
    parser = argparse.ArgumentParser(description="A minimal Textual app, for comparison.")
    parser.add_argument("--title", default="Briefing")
    parser.add_argument("--text", default=FIRST_PARAGRAPH)
    args = parser.parse_args()
    BareApp(args.title, args.text).run()


if __name__ == "__main__":
    main()
