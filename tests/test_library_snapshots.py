"""Snapshots of the library screen at 120x40 and 80x24, on tests/data/library_screen."""

from __future__ import annotations

import pytest
from snapshot_apps import LibrarySnapshotApp, library_loaded

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare, size):
    """Newest first, the broken file last in red with its first error, the toast about it."""
    assert snap_compare(LibrarySnapshotApp(), terminal_size=size, run_before=library_loaded)


@pytest.mark.parametrize("size", SIZES)
def test_library_search(snap_compare, size):
    async def search(pilot):
        await library_loaded(pilot)
        await pilot.press("slash", *"night", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(LibrarySnapshotApp(), terminal_size=size, run_before=search)
