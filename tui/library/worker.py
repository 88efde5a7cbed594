"""A parsing process of the index: ``python -m tui.library.worker``.

It reads batches of paths on stdin and writes their records on stdout, each message a
pickle behind its 8-byte length, until stdin ends. It is started as a fresh program (not
forked, nor by ``multiprocessing``, which would import the parent's main module again:
``python -m tui`` would start a second reader), with stderr closed, so nothing it
prints can reach the screen. Pickle is safe here: both ends are this program.
"""

from __future__ import annotations

import pickle
import struct
import sys
from typing import IO

from tui.library.records import read_records

_LENGTH = struct.Struct("<Q")


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
    """Answer every batch of paths with its records, until the requests end."""
    while True:
        try:
            paths = receive(requests)
        except EOFError:
            return
        send(replies, read_records(paths))  # type: ignore[arg-type]


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
