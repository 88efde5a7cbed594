"""Problems found in a briefing file, reported gcc-style as ``FILE:LINE:COL``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.text import sanitize_line

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning at a 1-based line and column of a file."""

    line: int
    column: int
    severity: Severity
    message: str
    path: str = ""

    def __str__(self) -> str:
        """``FILE:LINE:COL: severity: message``, always on one line, safe to print."""
        return (
            f"{sanitize_line(self.path)}:{self.line}:{self.column}:"
            f" {self.severity}: {sanitize_line(self.message)}"
        )

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
        super().__init__("\n".join(str(problem) for problem in self.problems))

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
