"""Load a briefing in a child process while this one imports the UI.

Opening the reader costs two things that do not depend on each other:
importing Textual (a few hundred milliseconds) and reading the briefing
(PyYAML's import, parsing and checking: tens of milliseconds for a small
file, several hundred for a 10 MB one). On systems with ``fork`` the child
does the second while the parent does the first, on another core, and hands
back the checked briefing, pickled, through a pipe. Nothing changes for the
user but the wait: a bad file still prints its errors and exits before any
screen is drawn.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

from tui.limits import Limits
from tui.problems import BriefingError, UnreadableFileError

Outcome = tuple[str, object]


def _load(path: str | Path, limits: Limits, strict: bool) -> Outcome:
    from tui.loader import load_path

    try:
        return ("loaded", load_path(path, limits=limits, strict=strict))
    except BriefingError as error:
        return ("invalid", error.problems)
    except UnreadableFileError as error:
        return ("unreadable", (error.path, error.reason))


def _result(outcome: Outcome) -> object:
    kind, value = outcome
    if kind == "invalid":
        raise BriefingError(value)  # type: ignore[arg-type]
    if kind == "unreadable":
        path, reason = value  # type: ignore[misc]
        raise UnreadableFileError(path, reason)
    if kind == "crashed":
        raise RuntimeError(f"loading failed in the background: {value}")
    return value


def load_in_background(path: str | Path, limits: Limits, strict: bool) -> Callable[[], object]:
    """Start loading ``path``; the returned function waits and gives the ``Loaded`` briefing.

    It raises what :func:`tui.loader.load_path` would. Where ``fork`` is
    missing the load happens in the call itself.
    """
    if not hasattr(os, "fork"):
        return lambda: _result(_load(path, limits, strict))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: load, send, leave without running the parent's clean-up
        os.close(read_end)
        try:
            try:
                outcome: Outcome = _load(path, limits, strict)
            except BaseException as error:
                outcome = ("crashed", f"{type(error).__name__}: {error}")
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write_end)

    def wait() -> object:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        if not data:
            raise RuntimeError("the background load ended without a result")
        return _result(pickle.loads(data))

    return wait
