"""The terminal the reader runs on: where it draws.

Textual draws on the process's stderr (file descriptor 2). So that
``briefing-tui FILE 2>errors.txt`` still shows the reader, fd 2 is pointed at
the terminal for as long as the app runs, and back at where the user sent it
afterwards: what the command says after the app (a crash's one line) goes
there.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator

STDIN, STDOUT, STDERR = 0, 1, 2


class NoTerminal(Exception):
    """Neither stdin, stdout, stderr nor the controlling terminal (``/dev/tty``) is a terminal."""


def _writable(fd: int) -> bool:
    try:
        mode = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE
    except OSError:
        return False
    return mode in (os.O_WRONLY, os.O_RDWR)


def _open_terminal() -> int | None:
    """A new descriptor of a terminal to draw on, or None."""
    if os.isatty(STDOUT):
        return os.dup(STDOUT)
    with contextlib.suppress(OSError):
        return os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    if os.isatty(STDIN) and _writable(STDIN):
        return os.dup(STDIN)
    return None


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):
            if stream is not None:
                stream.flush()


@contextlib.contextmanager
def drawing_on_terminal() -> Iterator[None]:
    """While this lasts, stderr (fd 2) is a terminal; :class:`NoTerminal` if there is none."""
    if os.isatty(STDERR):
        yield
        return
    terminal = _open_terminal()
    if terminal is None:
        raise NoTerminal
    _flush()
    users_stderr = os.dup(STDERR)
    try:
        os.dup2(terminal, STDERR, inheritable=True)
        os.close(terminal)
        yield
    finally:
        _flush()
        os.dup2(users_stderr, STDERR, inheritable=True)
        os.close(users_stderr)
