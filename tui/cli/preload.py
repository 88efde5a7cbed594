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

import mmap
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import cast

from tui.format.limits import Limits
from tui.format.problems import (
    BackgroundLoadFailed,
    BriefingError,
    Problem,
    UnreadableFileError,
)

Outcome = tuple[str, object]


def _load(path: str | Path, limits: Limits, strict: bool) -> Outcome:
    from tui.format.loader import load_path

    try:
        return ("loaded", load_path(path, limits=limits, strict=strict))
    except BriefingError as error:
        return ("invalid", error.problems)
    except UnreadableFileError as error:
        return ("unreadable", (error.path, error.reason))


def _result(outcome: Outcome) -> object:
    kind, value = outcome
    if kind == "invalid":
        raise BriefingError(cast("list[Problem]", value))
    if kind == "unreadable":
        path, reason = cast("tuple[str, str]", value)
        raise UnreadableFileError(path, reason)
    if kind == "crashed":
        raise BackgroundLoadFailed(f"loading failed in the background: {value}")
    return value


def _reap_later(pid: int) -> None:
    """Collect the child's exit status without waiting while it exits.

    A child that held a 10 MB briefing takes a while to give its memory back;
    the result is in hand as soon as it has written it.
    """
    import threading

    threading.Thread(target=os.waitpid, args=(pid, 0), name="reap-loader", daemon=True).start()


class _Pipe:
    """Hands the result over through a pipe (the child waits while the parent reads)."""

    def __init__(self) -> None:
        self.read_end, self.write_end = os.pipe()

    def send(self, data: bytes) -> None:
        os.close(self.read_end)  # else, should the parent leave early, the child waits forever
        with os.fdopen(self.write_end, "wb") as pipe:
            pipe.write(data)

    def child_started(self) -> None:
        os.close(self.write_end)

    def receive(self, pid: int) -> object:
        """Wait for what the child sent and unpickle it (None if it sent nothing)."""
        with os.fdopen(self.read_end, "rb") as pipe:
            data = pipe.read()
        _reap_later(pid)
        return pickle.loads(data) if data else None


class _MemoryFile(_Pipe):
    """Hands the result over in an anonymous in-memory file (Linux).

    The child writes all of it at once and closes the pipe to say so: a 10 MB
    briefing does not trickle through a 64 KB pipe buffer, a context switch
    per chunk, and the parent unpickles it straight from the shared pages.
    """

    def __init__(self) -> None:
        self.fd = os.memfd_create("briefing-tui-load", os.MFD_CLOEXEC)
        super().__init__()

    def send(self, data: bytes) -> None:
        os.close(self.read_end)
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view) :]
        os.close(self.write_end)  # done

    def receive(self, pid: int) -> object:
        with os.fdopen(self.read_end, "rb") as pipe:
            pipe.read()  # the end of the pipe: the child has written all or died
        _reap_later(pid)
        try:
            if not os.fstat(self.fd).st_size:
                return None
            with mmap.mmap(self.fd, 0, access=mmap.ACCESS_READ) as data:
                return pickle.loads(data)
        finally:
            os.close(self.fd)


def _channel() -> _Pipe:
    if hasattr(os, "memfd_create"):
        try:
            return _MemoryFile()
        except OSError:  # an old kernel, or a sandbox that forbids it
            pass
    return _Pipe()


def load_in_background(path: str | Path, limits: Limits, strict: bool) -> Callable[[], object]:
    """Start loading ``path``; the returned function waits and gives the ``Loaded`` briefing.

    It raises what :func:`tui.format.loader.load_path` would. Where ``fork`` is
    missing the load happens in the call itself.
    """
    if not hasattr(os, "fork"):
        return lambda: _result(_load(path, limits, strict))
    channel = _channel()
    pid = os.fork()
    if pid == 0:  # the child: load, send, leave without running the parent's clean-up
        try:
            try:
                outcome: Outcome = _load(path, limits, strict)
            except BaseException as error:
                outcome = ("crashed", f"{type(error).__name__}: {error}")
            channel.send(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(0)
    channel.child_started()

    def wait() -> object:
        try:
            outcome = channel.receive(pid)
        except (pickle.UnpicklingError, EOFError, ValueError, AttributeError) as error:
            raise BackgroundLoadFailed(
                f"the background load was cut short ({type(error).__name__})"
            ) from None
        if outcome is None:
            raise BackgroundLoadFailed(
                "the background load ended without a result (was it killed, out of memory?)"
            )
        return _result(outcome)  # type: ignore[arg-type]

    return wait
