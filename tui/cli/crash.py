"""When briefing-tui itself fails: the traceback goes to a log file, and one line says where.

The log is ``crash-YYYYMMDD-HHMMSS.log`` in the state folder
(:func:`tui.storage.paths.state_dir`), or a temporary file if that folder
cannot be written (the line says so).
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from tui import __version__
from tui.cli.output import os_reason
from tui.storage.paths import state_dir
from tui.text import sanitize_line


def _header() -> str:
    """Which versions crashed, on what, and how briefing-tui was started."""
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:
        textual = "?"
    return (
        f"briefing-tui {__version__} crashed at {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
        f"Python {platform.python_version()}, Textual {textual}, {platform.platform()}\n"
        f"command: {' '.join(sys.argv)}\n\n"
    )


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, which must not exist yet; readable by the user only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as file:
        file.write(text)


def _in_state_dir(text: str) -> Path:
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 100):
        path = folder / f"crash-{stamp}{'' if attempt == 1 else f'-{attempt}'}.log"
        try:
            _write_new(path, text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder}/crash-{stamp}-*.log")


def _in_temp_dir(text: str) -> Path:
    fd, name = tempfile.mkstemp(prefix="briefing-tui-crash-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as file:
        file.write(text)
    return Path(name)


def report(traceback: str) -> str:
    """Log ``traceback`` and return the one line that says where (for stderr)."""
    text = _header() + (traceback or "(no traceback was given)\n")
    fault = "briefing-tui: internal error"
    ask = "This is a bug: please report it with that file."
    try:
        path = _in_state_dir(text)
    except OSError as error:
        reason = f"could not write to {sanitize_line(str(state_dir()))} ({os_reason(error)})"
        try:
            path = _in_temp_dir(text)
        except OSError as also:
            return (
                f"{fault}; {reason}, nor to a temporary file ({os_reason(also)})."
                " This is a bug: please report it with the output of the same command"
                " run with --debug."
            )
        return f"{fault}; {reason}, so the traceback is in {sanitize_line(str(path))}. {ask}"
    return f"{fault}; the traceback is in {sanitize_line(str(path))}. {ask}"
