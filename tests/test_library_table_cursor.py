"""The library table's cursor as rows arrive: untouched, it stays on the newest briefing;
once the reader has put it on a row, it stays on that briefing."""

from __future__ import annotations

from test_library_scale import TableApp, generated_rows

from tui.library.rows import Row
from tui.ui.widgets.library_table import LibraryTable


def newest_first(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: row.entry.published or "", reverse=True)


async def test_an_untouched_cursor_stays_on_the_newest_as_rows_arrive() -> None:
    rows = newest_first(generated_rows(200))
    async with TableApp().run_test(size=(120, 30)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        table.set_rows(rows[50:])  # a first build lists the rows as they are indexed
        assert table.current_row is rows[50]
        table.set_rows(rows[10:])  # newer briefings come above it
        assert table.current_row is rows[10]
        table.set_rows(rows)
        assert table.current_row is rows[0]  # what Enter opens: the newest, the row on top


async def test_a_sort_and_a_filter_start_an_untouched_cursor_on_their_first_row() -> None:
    async with TableApp().run_test(size=(120, 30)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        table.set_rows(generated_rows(200))
        table.sort_by("title")
        assert table.cursor == 0 and table.current_row is table.rows[table.order[0]]
        table.filter("lyon", None)
        assert table.cursor == 0


async def test_a_placed_cursor_stays_on_its_briefing_as_rows_arrive() -> None:
    rows = newest_first(generated_rows(200))
    async with TableApp().run_test(size=(120, 30)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        table.focus()
        table.set_rows(rows[50:])
        await pilot.press("j", "j")
        assert table.current_row is rows[52]
        table.set_rows(rows)
        assert table.current_row is rows[52]  # not another briefing under the cursor
        table.move_to(rows[60].entry.path)  # (back from the reader: the row it opened)
        table.set_rows(rows[:150])
        assert table.current_row is rows[60]
