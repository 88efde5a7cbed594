"""A parsing process of the index: ``python -m tui.library.worker``.

It reads batches of paths on stdin and writes their records on stdout, each message a
pickle behind its 8-byte length, until stdin ends; a batch sent as ``("stat", paths)`` is
answered with each file's size and mtime instead (None for a file that is gone). It is
started as a fresh program (not forked, nor by ``multiprocessing``, which would import
the parent's main module again: ``python -m tui`` would start a second reader), with
stderr closed, so nothing it prints can reach the screen, and at a lower priority
(:data:`NICENESS`). Pickle is safe here: both
ends are this program.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from collections.abc import Sequence
from typing import IO

_LENGTH = struct.Struct("<Q")
STAT = "stat"
"""The tag of a request for files' sizes and mtimes."""

NICENESS = 10
"""How much lower a parsing process's priority is than its parent's: the process that
writes the index (and the library's screen, whose keys share its cores) runs whenever it
has work, the parsing in the time left. A first build of 10,000 files, seven rounds
each way taking turns at a load average of 1.3-1.6: 8.1-9.2 s (and once 18.2 s, beside
another program's build) against 9.1-10.8 s at the same priority; four more at 1.9-2.4:
even, 8.8-9.6 s against 8.0-9.9 s (other programs' work too comes before the parsing)."""

Stat = tuple[int, int]
"""A file's size and modification time in nanoseconds."""


def stat_each(paths: Sequence[str]) -> list[Stat | None]:
    """Each file's size and mtime, or None if it cannot be read (gone since the scan)."""
    stats: list[Stat | None] = []
    stat = os.stat
    for path in paths:
        try:
            info = stat(path)
        except OSError:
            stats.append(None)
            continue
        stats.append((info.st_size, info.st_mtime_ns))
    return stats


def send(stream: IO[bytes], value: object) -> None:
    """Write one message."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def receive(stream: IO[bytes]) -> object:
    """Read one message; EOFError when the other end has closed."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    data = stream.read(_LENGTH.unpack(head)[0])
    return pickle.loads(data)  # written by this program's other end


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """Answer every batch of paths with its records (or its files' stats), until the
    requests end."""
    from tui.library.records import read_records  # (not for the parent's stats: stat_each)

    while True:
        try:
            request = receive(requests)
        except EOFError:
            return
        if isinstance(request, tuple) and request[0] == STAT:
            send(replies, stat_each(request[1]))
        else:
            send(replies, read_records(request))  # type: ignore[arg-type]


if __name__ == "__main__":
    if hasattr(os, "nice"):  # (POSIX; elsewhere the parsing keeps its parent's priority)
        os.nice(NICENESS)
    serve(sys.stdin.buffer, sys.stdout.buffer)
