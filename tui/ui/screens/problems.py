"""Why a file of the library does not load: every problem, as ``validate`` words them."""

from __future__ import annotations

import os

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.format.problems import Problem
from tui.text import sanitize_line
from tui.ui.screens.panel import Panel

SHOWN = 200
"""Most problems listed (a broken file can have thousands)."""


def problem_lines(problems: list[Problem]) -> list[str]:
    """Each problem (and its hint) as ``LINE:COL: severity: message``, without the file name."""
    lines = []
    for problem in problems[:SHOWN]:
        where = f"{problem.line}:{problem.column}"
        lines.append(f"{where}: {problem.severity}: {sanitize_line(problem.message)}")
        if problem.hint is not None:
            hint = problem.hint
            lines.append(f"  {hint.line}:{hint.column}: hint: {sanitize_line(hint.text)}")
    if len(problems) > SHOWN:
        lines.append(f"…and {len(problems) - SHOWN} more: briefing-tui validate lists them all.")
    return lines


class ProblemsScreen(Panel):
    """A file that does not load, and why; the library stays as it was."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        name = sanitize_line(os.path.basename(self.path))
        errors = sum(problem.is_error for problem in self.problems)
        with VerticalScroll(id="problems"):
            yield Static(Content.styled(f"{name} does not load", "bold $text-error"))
            yield Static(
                Content.styled(
                    f"{errors} error{'s' if errors != 1 else ''} · {sanitize_line(self.path)}",
                    "$text-muted",
                )
            )
            yield Static(Content("\n".join(problem_lines(self.problems))), classes="panel-group")
            yield Static(
                Content.styled("Esc or q closes this screen.", "$text-muted"),
                classes="panel-group",
            )
