"""Reading many briefing files for the index: in this process, or on every core.

Parsing is the cost of a first build; a pool of processes (started fresh, not forked
from a program that may have threads) reads batches of files while this process
writes what they return. Results come back as they are ready, in no set order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from tui.library.records import Record, read_records

BATCH = 64
"""Files per batch handed to a parsing process: enough to amortise the hand-over."""
PARALLEL_FROM = 200
"""Fewer files than this are read in this process: starting a pool costs more."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def batches(paths: Sequence[str], size: int = BATCH) -> list[Sequence[str]]:
    """``paths`` in batches of ``size``."""
    return [paths[start : start + size] for start in range(0, len(paths), size)]


def read_all(
    paths: Sequence[str], workers: int | None = None, parallel_from: int = PARALLEL_FROM
) -> Iterator[list[Record]]:
    """The records of ``paths``, a batch at a time, in parallel when there are many.

    If the pool cannot start or breaks, the files it did not return are read here.
    """
    workers = cores() if workers is None else workers
    if workers < 2 or len(paths) < parallel_from:
        for batch in batches(paths):
            yield read_records(batch)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pending = {index: batch for index, batch in enumerate(batches(paths))}
    try:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = {pool.submit(read_records, batch): index for index, batch in pending.items()}
            try:
                for future in as_completed(futures):
                    records = future.result()
                    del pending[futures[future]]
                    yield records
            except GeneratorExit:  # the caller stopped early: drop the batches not started
                pool.shutdown(cancel_futures=True)
                raise
    except (OSError, RuntimeError):  # no processes to be had, or a broken pool
        pass
    for batch in list(pending.values()):
        yield read_records(batch)
