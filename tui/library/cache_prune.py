"""Forget the indexes of libraries not opened for a long while.

Every folder, and every list of files (a glob the shell expanded), has its own index in
the cache folder (:func:`tui.library.sqlite_index.index_file`), tens of MB for thousands
of briefings. Nothing else ever removes the index of a list of files that is not asked
for again, so each library that opens says it was used (the time of its lock file) and
takes away the indexes no library has opened for :data:`UNUSED_DAYS` days. They are a
cache: a library opened again builds its index again.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

UNUSED_DAYS = 60
"""Days without being opened after which an index is removed."""
_PARTS = ("", "-wal", "-shm", ".lock", ".bad")
"""What an index ``NAME.sqlite`` is made of: ``NAME.sqlite`` followed by each of these."""


def mark_used(index_file: Path) -> None:
    """Say that the index in ``index_file`` was opened now (its lock file's time)."""
    with contextlib.suppress(OSError):
        os.utime(f"{index_file}.lock")


def remove_unused(folder: Path, *, keep: Path, now: float | None = None) -> list[Path]:
    """Remove the indexes in ``folder`` (but ``keep``) none of whose files was touched in
    :data:`UNUSED_DAYS` days; the index files removed. An index in use has a file touched
    since it was opened (its lock file, or SQLite's ``-shm``), so it is never one of them."""
    oldest = (time.time() if now is None else now) - UNUSED_DAYS * 86_400
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".sqlite")]
    except OSError:
        return []
    removed = []
    for name in names:
        index = folder / name
        if index == keep:
            continue
        parts = [Path(f"{index}{part}") for part in _PARTS]
        times = []
        for part in parts:
            with contextlib.suppress(OSError):
                times.append(part.stat().st_mtime)
        if not times or max(times) >= oldest:
            continue
        for part in parts:
            with contextlib.suppress(OSError):
                part.unlink()
        removed.append(index)
    return removed
