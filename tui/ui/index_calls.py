"""Calling the library's index from a worker thread, so that its failures and notices reach
the reader as messages: an index that cannot be read (a damaged cache, an archive server
gone) is a message and an empty answer, never a crash; a reconnection is said once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import App

from tui.library.index import IndexUnavailable, LibraryIndex
from tui.text import sanitize_line

T = TypeVar("T")


def ask_index(
    app: App[object], index: LibraryIndex, call: Callable[[], T], empty: Callable[[], T]
) -> T:
    """``call()`` (a question to ``index``), from a worker thread; ``empty()`` if the index
    cannot answer, with the reason shown. Notices the index made meanwhile are shown too."""
    try:
        answer = call()
    except IndexUnavailable as error:
        _say(app, str(error), "error")
        return empty()
    while index.notices:
        _say(app, index.notices.pop(0), "warning")
    return answer


def _say(app: App[object], message: str, severity: str) -> None:
    app.call_from_thread(
        app.notify, sanitize_line(message), severity=severity, markup=False, timeout=8
    )
