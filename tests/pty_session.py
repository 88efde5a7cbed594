"""Run a command on a pseudo-terminal and read its screen with pyte (a helper, not a test module).

Like a user in a terminal: the pty is the command's controlling terminal and
its stdin and stdout; stderr is the pty too unless the test sends it elsewhere.
Waiting is on the command's output (``select``), never a fixed sleep.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

import pyte

ROOT = Path(__file__).resolve().parent.parent

#: Variables that would change what the reader draws or how it starts.
_UNSET = ("COLUMNS", "LINES", "TEXTUAL", "TEXTUAL_DEBUG", "TEXTUAL_DRIVER", "NO_COLOR")


def _controlling_terminal() -> None:  # pragma: no cover - runs in the child
    """The pty as the command's terminal, and Ctrl+C, Ctrl+\\ and hang-ups as a shell gives
    them: a test process may run with them ignored (seen in CI: SIGHUP, SIGINT and SIGQUIT
    ignored in an xdist worker), and a command started so never sees Ctrl+C."""
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    for number in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP):
        with contextlib.suppress(ValueError, OSError):  # ValueError: not the main thread
            signal.signal(number, signal.SIG_DFL)


class PtySession:
    """``argv`` running on a pty of ``size`` (columns, rows)."""

    def __init__(
        self,
        argv: Sequence[str],
        state_dir: Path,
        *,
        size: tuple[int, int] = (100, 30),
        stderr: IO[bytes] | int | None = None,
        pass_fds: Sequence[int] = (),
    ) -> None:
        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.initial_mode = termios.tcgetattr(slave)
        """The terminal's modes before the command ran (cooked, as a shell leaves them)."""
        env = {k: v for k, v in os.environ.items() if k not in _UNSET}
        env.update(
            TERM="xterm-256color",
            COLORTERM="truecolor",
            BRIEFING_TUI_STATE_DIR=str(state_dir),
            PYTHONPATH=str(ROOT),
        )
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave if stderr is None else stderr,
            cwd=ROOT,
            env=env,
            start_new_session=True,
            preexec_fn=_controlling_terminal,
            close_fds=True,
            pass_fds=tuple(pass_fds),
        )
        os.close(slave)
        self.output = b""
        """Everything the command wrote on the terminal."""

    def lines(self) -> list[str]:
        """The screen, a string a row."""
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())

    def mode(self) -> list:
        """The terminal's modes now."""
        return termios.tcgetattr(self.master)

    def write(self, data: bytes) -> None:
        """Type ``data`` (as one burst)."""
        os.write(self.master, data)

    def _read(self, timeout: float) -> bool:
        """Feed what the command writes within ``timeout`` to the screen; False at its end."""
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return True
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the command closed the terminal
            data = b""
        if not data:
            return False
        self.output += data
        self._stream.feed(data)
        return True

    def wait_for(self, seen: Callable[[PtySession], bool], timeout: float = 60.0) -> bool:
        """Read output until ``seen(self)`` is true (True), or the time is up or output ends."""
        deadline = time.monotonic() + timeout
        while not seen(self):
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 0.5)):
                return seen(self)
        return True

    def shows(self, text: str, timeout: float = 60.0) -> bool:
        """Wait until ``text`` is on screen."""
        return self.wait_for(lambda session: text in session.text(), timeout)

    def exit_code(self, timeout: float = 60.0) -> int:
        """Read output until the command ends; its exit code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(deadline - time.monotonic()):
            pass
        return self.process.wait(timeout=max(deadline - time.monotonic(), 1))

    def close(self) -> None:
        """Kill the command if it still runs (only it, by its pid) and close the pty."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        os.close(self.master)

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def briefing_tui(*args: str) -> list[str]:
    """``briefing-tui ARGS`` as a fresh interpreter runs it."""
    return [sys.executable, "-m", "tui", *args]
