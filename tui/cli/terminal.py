"""The terminal the reader runs on: how keys typed early arrive, and where it draws.

Keys typed while the reader starts (a second or so on a large briefing) are
read by Textual once it runs; the terminal must not change them meanwhile.
In its usual (cooked) mode it turns Enter into a newline (Ctrl+J) and echoes
every key on the shell's screen, so the command sets the input modes Textual
would as its first act, and restores the terminal's own when it ends, however
it ends.

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
import termios
from collections.abc import Iterator

STDIN, STDOUT, STDERR = 0, 1, 2
_IFLAG, _LFLAG, _CC = 0, 3, 6  # in termios.tcgetattr's list

#: Input translations off: Enter (CR) arrives as CR, not as a newline; Ctrl+S and Ctrl+Q are keys.
_RAW_INPUT = termios.ICRNL | termios.INLCR | termios.IGNCR | termios.IXON
#: Each key is readable at once, and not echoed. Ctrl+C still interrupts (ISIG stays).
_KEY_AT_A_TIME = termios.ICANON | termios.ECHO | termios.IEXTEN


@contextlib.contextmanager
def keys_as_typed() -> Iterator[None]:
    """While this lasts, keys typed on the terminal (stdin) reach the reader unchanged.

    Output is left alone (a message printed meanwhile still starts its lines at
    the left edge). Nothing happens when stdin is not a terminal.
    """
    try:
        saved = termios.tcgetattr(STDIN)
    except (termios.error, OSError):  # not a terminal
        yield
        return
    mode = [*saved[:_CC], list(saved[_CC])]
    mode[_IFLAG] &= ~_RAW_INPUT
    mode[_LFLAG] &= ~_KEY_AT_A_TIME
    mode[_CC][termios.VMIN] = 1
    mode[_CC][termios.VTIME] = 0
    try:
        termios.tcsetattr(STDIN, termios.TCSANOW, mode)  # TCSANOW: keys typed so far are kept
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(STDIN, termios.TCSANOW, saved)


def keys_from_terminal() -> bool:
    """Make standard input the controlling terminal (``/dev/tty``), as ``less`` reads keys
    when a file comes through a pipe; False if there is none."""
    if os.isatty(STDIN):
        return True
    try:
        terminal = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    try:
        os.dup2(terminal, STDIN)
    finally:
        os.close(terminal)
    return True


def output_is_terminal() -> bool:
    """True when stdout is a terminal: the reader shows there; into a pipe, it prints text."""
    return os.isatty(STDOUT)


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
