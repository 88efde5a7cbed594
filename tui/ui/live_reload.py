"""Live reload: the reader follows its file as an editor saves it.

An honest poll (a ``stat`` every :data:`POLL_SECONDS`, no busy loop) sees a
save in place or a new file renamed over the old one, as editors write. A
change is loaded at once, off the UI thread; errors in a file that changed
again meanwhile (caught half written) are not shown: the next poll loads it.
A good version is readied there too (``prepare``: what the owner needs that
does not touch the screen) and handed to the owner, which shows it in place,
keeping its place; a bad one leaves the last good version on screen with the
errors in a bar (:class:`ReloadBar`) until the file is good again.
Nothing is ever written to the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.format.problems import BriefingError, Problem, UnreadableFileError
from tui.format.watch import BriefingFile, Signature
from tui.model import Loaded
from tui.text import sanitize_line

if TYPE_CHECKING:
    from textual.dom import DOMNode

POLL_SECONDS = 0.05
"""How often the file is looked at: a change shows within a poll, a load and a frame."""
SHOWN_PROBLEMS = 3
"""Errors listed in the bar; the rest are counted."""

V = TypeVar("V")


class LiveReload(Generic[V]):
    """Polls one briefing file for ``owner`` and hands over each new version, good or bad."""

    def __init__(
        self,
        owner: DOMNode,
        source: BriefingFile,
        prepare: Callable[[Loaded], V],
        loaded: Callable[[V], None],
        failed: Callable[[Sequence[str]], None],
    ) -> None:
        self.owner = owner
        self.source = source
        self.prepare = prepare
        """Readies a new good version for the owner (in the loading thread)."""
        self.loaded = loaded
        """Called with a new good version, as readied (on the UI thread)."""
        self.failed = failed
        """Called with the one-line problems of a bad version (on the UI thread)."""
        self._seen: Signature | None = source.signature()

    def start(self) -> None:
        """Look at the file from now on, for as long as the owner is mounted."""
        self.owner.set_interval(POLL_SECONDS, self.poll, name="live-reload")
        # The first load was done in another process: import the loader now,
        # off the UI thread, not when the first change comes (a tenth of a second).
        self.owner.run_worker(_import_loader, thread=True, group="live-reload-import")

    def poll(self) -> None:
        """Load the file if it changed since it was last loaded."""
        signature = self.source.signature()
        if signature == self._seen:
            return
        self._seen = signature
        self.owner.run_worker(
            lambda: self._load(signature), thread=True, exclusive=True, group="live-reload"
        )

    def _load(self, signature: Signature | None) -> None:
        worker = get_current_worker()
        problems: list[str] = []
        version: V | None = None
        if signature is None:  # deleted, or moved away: no problems, it is not there
            self.owner.app.call_from_thread(self.failed, [])
            return
        try:
            version = self.prepare(self.source.load())
        except BriefingError as error:
            problems = [_problem_line(problem) for problem in error.problems]
        except UnreadableFileError as error:
            problems = [sanitize_line(str(error))]
        if worker.is_cancelled:
            return  # the reader closed while loading, or a newer version came
        if version is not None:
            self.owner.app.call_from_thread(self.loaded, version)
        elif self.source.signature() == signature:  # not caught half written
            self.owner.app.call_from_thread(self.failed, problems)


def _import_loader() -> None:
    import tui.format.loader  # noqa: F401 - imported for later


def _problem_line(problem: Problem) -> str:
    return f"{problem.line}:{problem.column}: {problem.severity}: {problem.message}"


class ReloadBar(Static):
    """Why the file on disk is not what the reader shows: stays until a good version loads."""

    DEFAULT_CSS = """
    ReloadBar {
        dock: top;
        height: auto;
        max-height: 5;
        padding: 0 1;
        background: $error 25%;
        color: $text;
    }
    """

    def show_problems(self, name: str, problems: Sequence[str]) -> None:
        """List the first problems of the file named ``name`` (none: it is gone)."""
        shown = sanitize_line(os.path.basename(name))
        head = f"{shown} was not reloaded; the last good version is shown."
        if not problems:
            head = f"{shown} was deleted or moved away; the last version read is shown."
        lines = [Content.styled(head, "bold")]
        lines += [Content(line) for line in problems[:SHOWN_PROBLEMS]]
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(Content(f"…and {len(problems) - SHOWN_PROBLEMS} more."))
        self.update(Content("\n").join(lines))
