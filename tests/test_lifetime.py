"""Nothing outlives its screen: readers opened and closed in one process are all freed."""

from __future__ import annotations

import gc
import weakref

from tui.cli import collector
from tui.storage.positions import PositionStore
from tui.ui.app import BriefingApp
from tui.ui.screens.reader import ReaderScreen


async def test_twenty_closed_readers_are_all_collected(seed, tmp_path):
    app = BriefingApp(
        seed,
        after_first_frame=collector.after_first_frame,
        after_layout=collector.after_layout,
        after_screen_closed=collector.after_screen_closed,
    )
    store = PositionStore(tmp_path / "positions.json")
    alive: list[weakref.ref[object]] = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(20):
                screen = ReaderScreen(seed, store)
                await app.push_screen(screen)
                await pilot.press("right_square_bracket", "2", "enter", "slash", *"duque", "enter")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert screen.point_targets is not None  # the links were found
                alive += [weakref.ref(o) for o in (screen, screen.body, screen.document)]
                await app.pop_screen()
                await pilot.pause()
                del screen
            await app.workers.wait_for_complete()
            await pilot.pause()
            left = [ref() for ref in alive if ref() is not None]
            readers_left = [thing for thing in left if isinstance(thing, ReaderScreen)]
            # Textual's message pumps keep a context token naming the pump that was
            # active before them (a bounded reference, to the last screen or two):
            # what must not happen is every closed reader staying in memory.
            assert len(readers_left) <= 2, f"{len(readers_left)} of 20 closed readers are alive"
            assert len(left) <= 3 * len(readers_left), left
    finally:
        gc.unfreeze()
        gc.enable()
