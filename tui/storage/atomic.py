"""Writing a file so that a crash at any moment leaves the old version or the new, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

_SUFFIX = ".tmp"


def _prefix(path: Path) -> str:
    return f".{path.name}."


def _mode_for(path: Path) -> int:
    """The permissions a file written for the user at ``path`` gets: the file's own if it is
    there, else what the umask leaves of read and write for all (as ``open`` would give)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)  # (read by setting it: the command's one thread, at once back)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, text: str, *, for_user: bool = False) -> None:
    """Replace ``path`` by ``text``; a crash at any point leaves the old file or the new one.

    The file is the writer's alone (the app's state: its folder is made if need be),
    unless ``for_user`` (an export, a draft): then it keeps the mode of the file it
    replaces, or gets the umask's, and a folder that does not exist is an error, as
    ``open`` gives it (a typo in ``-o`` must not leave new folders behind)."""
    if not for_user:
        path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path) if for_user else None
    handle, temporary = tempfile.mkstemp(prefix=_prefix(path), suffix=_SUFFIX, dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def remove_leftovers(path: Path) -> None:
    """Remove the temporary files of writes to ``path`` that never finished.

    A writer killed between creating its temporary file and renaming it leaves
    the file behind. Call this only while no other writer can be writing
    ``path`` (under the lock its writers share).
    """
    prefix = _prefix(path)
    try:
        names = [entry.name for entry in os.scandir(path.parent)]
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(_SUFFIX):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)
