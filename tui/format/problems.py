"""Problems found in a briefing file, reported gcc-style as ``FILE:LINE:COL``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tui.text import sanitize_line

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Hint:
    """What to do about a problem, said in the author's terms, at the place to change.

    The place may differ from the problem's: the YAML parser often notices a
    mistake lines after it (a dedented line in a ``|`` block, an unclosed quote).
    """

    line: int
    column: int
    text: str


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning at a 1-based line and column of a file, perhaps with a hint."""

    line: int
    column: int
    severity: Severity
    message: str
    path: str = ""
    hint: Hint | None = field(default=None, compare=False)
    """How to fix it, if known (not compared: the problem is the same with or without)."""

    def __str__(self) -> str:
        """``FILE:LINE:COL: severity: message``, always on one line, safe to print."""
        return (
            f"{sanitize_line(self.path)}:{self.line}:{self.column}:"
            f" {self.severity}: {sanitize_line(self.message)}"
        )

    def lines(self) -> list[str]:
        """The problem's line, then its hint's as a compiler's note: ``FILE:LINE:COL: hint: …``."""
        if self.hint is None:
            return [str(self)]
        hint = self.hint
        where = f"{sanitize_line(self.path)}:{hint.line}:{hint.column}"
        return [str(self), f"{where}: hint: {sanitize_line(hint.text)}"]

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"


def preview(text: str, limit: int = 40) -> str:
    """``text`` made safe and short for a message: one line, cut to ``limit`` characters with …

    What a message quotes from a file (a key, an id, a date) may be megabytes long.
    """
    text = sanitize_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BriefingError(Exception):
    """A briefing file that cannot be read as a briefing; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(line for problem in self.problems for line in problem.lines()))

    @property
    def errors(self) -> list[Problem]:
        """Only the errors (warnings promoted by ``--strict`` count as errors)."""
        return [problem for problem in self.problems if problem.is_error]


class UnreadableFileError(Exception):
    """The path cannot be read at all (missing, a directory, no permission)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{sanitize_line(path)}: {reason}")


class BackgroundLoadFailed(RuntimeError):
    """The process loading a briefing failed, or ended without handing over a result."""
