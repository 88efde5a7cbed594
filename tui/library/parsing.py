"""Reading many briefing files for the index: in this process, or on every core.

Parsing is the cost of a first build: a few parsing processes (:mod:`tui.library.worker`)
read batches of files while this process writes what they return. Results come back
as they are ready, in no set order. If a process cannot start or dies, the files it
did not return are read here. A refresh of a large archive also asks them for every
file's size and mtime (:func:`stat_all`): a million ``stat`` calls take seconds, and
threads do not share them out (each call's result is made under the GIL).
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from tui.library.worker import STAT, Stat, stat_each

if TYPE_CHECKING:  # (what reads a briefing is imported when files are read, not before)
    from tui.library.records import Record

BATCH = 64
"""Files per batch handed to a parsing process: enough to amortise the hand-over."""
PARALLEL_FROM = 200
"""Fewer files than this are read in this process: starting processes costs more."""
STAT_BATCH = 20_000
"""Files per batch whose stats a process is asked for."""
STAT_PARALLEL_FROM = 100_000
"""Fewer files than this are stat'ed in this process (about 0.4 s a 100,000 here)."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def batches(paths: Sequence[str], size: int = BATCH) -> list[Sequence[str]]:
    """``paths`` in batches of ``size``."""
    return [paths[start : start + size] for start in range(0, len(paths), size)]


def _start_worker() -> subprocess.Popen[bytes]:
    """A parsing process, able to import this package wherever it was imported from."""
    import tui

    package_root = os.path.dirname(os.path.dirname(os.path.abspath(tui.__file__)))
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        part for part in (package_root, environment.get("PYTHONPATH")) if part
    )
    return subprocess.Popen(
        [sys.executable, "-m", "tui.library.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment,
        close_fds=True,
    )


def _parse(batch: Sequence[str]) -> object:
    """The request for a batch's records."""
    return list(batch)


def _stats(batch: Sequence[str]) -> object:
    """The request for a batch's stats."""
    return (STAT, list(batch))


class _Pool:
    """Parsing processes, each fed by a thread from one queue of batches."""

    def __init__(
        self,
        work: list[Sequence[str]],
        workers: int,
        request: Callable[[Sequence[str]], object] = _parse,
    ) -> None:
        self.todo: queue.SimpleQueue[int] = queue.SimpleQueue()
        for index in range(len(work)):
            self.todo.put(index)
        self.work = work
        self.request = request
        self.done: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
        self.stopping = threading.Event()
        self.processes: list[subprocess.Popen[bytes]] = []
        self.threads = []
        for _ in range(workers):
            try:
                process = _start_worker()
            except OSError:
                break
            self.processes.append(process)
            thread = threading.Thread(target=self._feed, args=(process,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _feed(self, process: subprocess.Popen[bytes]) -> None:
        from tui.library.worker import receive, send

        assert process.stdin is not None and process.stdout is not None
        while not self.stopping.is_set():
            try:
                index = self.todo.get_nowait()
            except queue.Empty:
                break
            try:
                send(process.stdin, self.request(self.work[index]))
                records = receive(process.stdout)
            except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError):
                self.done.put((index, None))  # the process died: read it in the caller
                break
            self.done.put((index, records))
        self.done.put((-1, None))  # this feeder is finished

    def stop(self) -> None:
        """End every process: its input closed, it ends after its batch (or is killed); its
        feeder then reads the end of its output and stops."""
        self.stopping.set()
        for process in self.processes:
            if process.stdin is not None:
                with contextlib.suppress(OSError):  # a process that died: its pipe is broken
                    process.stdin.close()
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def read_all(
    paths: Sequence[str], workers: int | None = None, parallel_from: int = PARALLEL_FROM
) -> Iterator[list[Record]]:
    """The records of ``paths``, a batch at a time, in parallel when there are many."""
    from tui.library.records import read_records

    workers = cores() if workers is None else workers
    work = batches(paths)
    if workers < 2 or len(paths) < parallel_from:
        for batch in work:
            yield read_records(batch)
        return
    for _, records in _in_parallel(work, workers, _parse, read_records):
        yield records


def stat_all(
    paths: Sequence[str], workers: int | None = None, parallel_from: int = STAT_PARALLEL_FROM
) -> dict[str, Stat]:
    """Each file's size and mtime (a file gone since it was found is left out), on every
    core when there are many."""
    workers = cores() if workers is None else workers
    found: dict[str, Stat] = {}
    if workers < 2 or len(paths) < parallel_from:
        parts: Iterator[tuple[Sequence[str], list[Stat | None]]] = iter([(paths, stat_each(paths))])
    else:
        parts = _in_parallel(batches(paths, STAT_BATCH), workers, _stats, stat_each)
    for batch, stats in parts:
        if None in stats:
            found.update(
                (path, stat) for path, stat in zip(batch, stats, strict=True) if stat is not None
            )
        else:
            found.update(zip(batch, cast("list[Stat]", stats), strict=True))
    return found


def _in_parallel(
    work: list[Sequence[str]],
    workers: int,
    request: Callable[[Sequence[str]], object],
    here: Callable[[Sequence[str]], Any],
) -> Iterator[tuple[Sequence[str], Any]]:
    """Each batch of ``work`` with the answer to its ``request`` from a worker process, as
    they come; what no process answered (none could start, one died) is done ``here``."""
    pool = _Pool(work, min(workers, len(work)), request)
    try:
        left = set(range(len(work)))
        feeders = len(pool.threads)
        while feeders:
            index, answer = pool.done.get()
            if index < 0:
                feeders -= 1
            elif answer is not None:
                left.discard(index)
                yield work[index], answer
    finally:
        pool.stop()
    for index in sorted(left):
        yield work[index], here(work[index])
