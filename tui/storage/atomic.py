"""Writing a file so that a crash at any moment leaves the old version or the new, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

_SUFFIX = ".tmp"


def _prefix(path: Path) -> str:
    return f".{path.name}."


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by ``text``; a crash at any point leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=_prefix(path), suffix=_SUFFIX, dir=path.parent)
    try:
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
