"""The library table at 10,000 rows: the first screen and a sort stay within a frame or two.

The rows are built in memory (no files): what is measured is the table's own work.
Measured in CPU time of this process, with a wide margin for a busy machine (about
15 ms and 10 ms when it is idle): what this catches is work that grows faster than the
rows. The real budget (16 ms from key to frame) is for the benchmarks to measure.
"""

from __future__ import annotations

import gc
import time

from snapshot_apps import screen_lines
from textual.app import App, ComposeResult

from tui.library.entry import Entry
from tui.library.rows import Row, row_of
from tui.ui.widgets.library_table import LibraryTable

ROWS = 10_000
PAINT_BUDGET = 0.5
"""CPU seconds for set_rows of every row and drawing the first screen."""
SORT_BUDGET = 0.25
"""CPU seconds for a sort of every row and drawing the screen again."""


def generated_rows(count: int = ROWS) -> list[Row]:
    """``count`` rows of varied briefings, in the order an index gives (newest first)."""
    places = ["Bogota, Colombia", "Lyon, France", "Tromso, Norway", "Cusco, Peru"]
    rows = []
    for n in range(count):
        entry = Entry(
            path=f"/library/{n:05}.yaml",
            title=f"Briefing number {(n * 7919) % count} on the talks",
            published=f"20{10 + n % 15}-{1 + n % 12:02}-{1 + n % 28:02}",
            location=places[n % len(places)],
            source=f"Wire {n % 13}",
            tags=(f"tag{n % 50}", f"topic{n % 7}"),
            points=n % 9,
            quotes=n % 5,
            blocks=20,
        )
        rows.append(row_of(entry, None if n % 3 else (n % 20) / 20))
    return rows


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LibraryTable()


def draw(table: LibraryTable) -> list[str]:
    """Draw every line of the table, as a frame does."""
    height = table.scrollable_content_region.height
    return ["".join(s.text for s in table.render_line(y)) for y in range(height)]


async def test_ten_thousand_rows_paint_and_sort_within_budget() -> None:
    rows = generated_rows()
    app = TableApp()
    # The cyclic collector off while timing (as briefing-tui tunes it): in a test worker
    # that has run hundreds of tests, a full collection alone took over half a second.
    gc.collect()
    gc.disable()
    try:
        await measured(app, rows)
    finally:
        gc.enable()


async def measured(app: TableApp, rows: list[Row]) -> None:
    """Set, sort and filter ``rows`` in ``app``'s table, each within its CPU budget."""
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(LibraryTable)
        began = time.process_time()
        table.set_rows(rows)
        first = draw(table)
        paint = time.process_time() - began
        assert len(table.order) == ROWS and "Briefing number" in first[1]

        began = time.process_time()
        table.sort_by("title")
        again = draw(table)
        sort = time.process_time() - began
        assert table.rows[table.order[0]].entry.title == "Briefing number 0 on the talks"
        assert again[0].split()[0] == "Title▲"

        began = time.process_time()
        table.filter("tag8 bogota", None)
        draw(table)
        filtered = time.process_time() - began
        assert len(table.order) == ROWS // 100  # n % 50 == 8 and n % 4 == 0
        await pilot.pause()
        assert "shown" not in "".join(screen_lines(app))  # the table alone, no title line
    assert paint < PAINT_BUDGET, f"first screen of {ROWS:,} rows took {paint * 1000:.0f} ms"
    assert sort < SORT_BUDGET, f"a sort of {ROWS:,} rows took {sort * 1000:.0f} ms"
    assert filtered < SORT_BUDGET, f"a filter of {ROWS:,} rows took {filtered * 1000:.0f} ms"
