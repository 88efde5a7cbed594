"""The process around the reader: the terminal it draws on, keys typed early, crashes.

These run ``briefing-tui`` on a pseudo-terminal (see ``pty_session.py``), as a user would.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pty_session import ROOT, PtySession, briefing_tui

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")

BUNDLED = "content/blinken-colombia.yaml"
TITLE = "Colombia trying to mend"  # the title of the bundled briefing


def test_the_reader_draws_on_the_terminal_when_stderr_is_redirected(tmp_path: Path) -> None:
    errors = tmp_path / "err.txt"
    with errors.open("wb") as stderr, PtySession(briefing_tui(), tmp_path, stderr=stderr) as run:
        assert run.shows(TITLE), run.text()
        run.write(b"q")
        assert run.exit_code() == 0
    assert errors.read_bytes() == b""  # nothing drawn there


def test_without_a_terminal_the_reader_does_not_start(tmp_path: Path) -> None:
    done = subprocess.run(
        briefing_tui(BUNDLED),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        "briefing-tui: no terminal to show the reader on"
        " (stdin, stdout and stderr are not terminals)"
    ]
