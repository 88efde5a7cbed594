"""Where the commands put what they write: a new file, or standard output."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tui.cli.exits import EXIT_OK
from tui.text import sanitize_line


def os_reason(error: OSError) -> str:
    """Why a file could not be read or written, in the system's words (``Permission denied``)."""
    return error.strerror or type(error).__name__


class OutputExistsError(Exception):
    """The output file is there already, and ``--force`` was not given."""


def write_output(text: str, path: str | None, force: bool) -> None:
    """Write ``text`` to ``path`` (``None`` or ``-``: standard output).

    Without ``force`` the file is created, never replaced: if it exists (even if it
    appears while writing), :class:`OutputExistsError`. With ``force`` it is replaced
    whole, atomically. Other failures raise :class:`OSError`.
    """
    if path is None or path == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    if force:
        from tui.storage.atomic import write_atomically

        write_atomically(target, text, for_user=True)
        return
    try:
        with target.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise OutputExistsError(
            f"{sanitize_line(path)}: already exists; --force replaces it"
        ) from None


def from_here(path: str) -> str:
    """``path`` relative to the current folder when it is under it (as typed), else whole."""
    from tui.library.rows import path_from

    return path_from(os.curdir, path)


def print_out(text: str) -> int:
    """Write ``text`` on stdout as UTF-8; a reader that stops reading (``| head``) is no error."""
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # Nothing more can be written; point stdout elsewhere so that the
        # interpreter's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return EXIT_OK
