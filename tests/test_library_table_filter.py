"""The library table's filter as it is typed: each step shows what a fresh filter would,
the scroll bar and the scroll position follow the rows shown."""

from __future__ import annotations

from snapshot_apps import screen_lines
from test_library_scale import TableApp, generated_rows

from tui.library.entry import Entry
from tui.library.rows import Row, matching, row_of, sorted_indexes
from tui.ui.widgets.library_table import LibraryTable


def expected(table: LibraryTable) -> list[int]:
    """The rows a fresh table would show: every row sorted, then the filter's, in that order."""
    every = sorted_indexes(table.rows, table.sort_key, table.descending)
    shown = matching(table.rows, table.filter_text, table.tag)
    if shown is None:
        return every
    kept = set(shown)
    return [index for index in every if index in kept]


async def test_each_letter_typed_or_erased_shows_what_a_fresh_filter_would() -> None:
    rows = generated_rows(2_000)
    async with TableApp().run_test(size=(120, 40)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        table.set_rows(rows)
        steps: list[tuple[str, str | None]] = [
            ("t", None), ("ta", None), ("tag", None), ("tag1", None), ("tag1 ", None),
            ("tag1 b", None), ("tag1 bo", None), ("tag1 b", None), ("tag1", None),
            ("tag12", None), ("tag1", None), ("tag1 lyon", "topic3"), ("tag1 lyo", "topic3"),
            ("tag1 lyon", "topic3"), ("tag1 lyon wire", "topic3"), ("tag1 lyon wire 1", None),
            ("tag1 lyon wire 12", None), ("wire 12 tag1 lyon", None), ("", None),
        ]  # fmt: skip
        for text, tag in steps:
            table.filter(text, tag)
            assert table.order == expected(table), (text, tag)
            if text == "tag1 b":
                table.sort_by("title")  # the order changes under the filter
                assert table.order == expected(table), ("sorted", text)
        assert len(table.order) == 2_000


async def test_new_rows_are_filtered_afresh_not_among_the_old_ones() -> None:
    async with TableApp().run_test(size=(120, 40)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        table.set_rows(generated_rows(300))
        table.filter("bogota", None)
        old = list(table.order)
        table.set_rows(list(reversed(generated_rows(300))))  # the same filter, new rows
        assert table.order == expected(table)
        assert table.order != old
        assert all("Bogota" in table.rows[index].cells["location"] for index in table.order)


def numbered(count: int, quito: set[int]) -> list[Row]:
    """``count`` rows, newest first in row order, in Lima but for the numbers in ``quito``."""
    return [
        row_of(
            Entry(
                f"/l/{n:04}.yaml",
                f"Briefing {n:04}",
                published=f"{2024 - n // 300}-{12 - n % 300 // 25:02}-{28 - n % 25:02}",
                location="Quito" if n in quito else "Lima",
            ),
            None,
        )
        for n in range(count)
    ]


async def test_a_filter_at_the_end_of_the_table_leaves_no_blank_lines_below_the_rows() -> None:
    rows = numbered(200, quito={190, 192, 194})
    async with TableApp().run_test(size=(120, 40)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        table.set_rows(rows)
        assert table.order == list(range(200))
        await pilot.pause()
        await pilot.press("G")
        assert table.cursor == 199
        table.filter("lima", None)  # three rows gone from the last screenful
        await pilot.pause()
        lines = screen_lines(pilot.app)
        assert "Briefing 0199" in lines[-1]  # the last row at the bottom, not blank lines
        assert len(table.order) == 197
        assert table.vertical_scrollbar.window_virtual_size == 198  # the heading and the rows


async def test_the_scroll_bar_goes_when_the_rows_fit_and_comes_back() -> None:
    rows = numbered(200, quito=set(range(0, 200, 20)))
    async with TableApp().run_test(size=(120, 40)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        table.set_rows(rows)
        await pilot.pause()
        assert table.show_vertical_scrollbar
        wide = table.scrollable_content_region.width
        table.filter("quito", None)  # ten rows: they fit
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        assert table.scrollable_content_region.width == wide + 1
        assert [line.split()[1] for line in screen_lines(pilot.app)[1:11]] == [
            f"{n:04}" for n in range(0, 200, 20)
        ]
        table.filter("", None)
        await pilot.pause()
        assert table.show_vertical_scrollbar
        assert table.vertical_scrollbar.window_virtual_size == 201


async def test_orders_made_ahead_are_kept_only_for_the_rows_they_sort() -> None:
    from tui.library.rows import sorted_orders

    rows = generated_rows(500)
    async with TableApp().run_test(size=(120, 40)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        table.set_rows(rows)
        older = generated_rows(500)[::-1]  # other rows (a listing replaced since)
        table.add_orders(older, sorted_orders(older))
        table.sort_by("title")
        assert table.order == expected(table)
        table.add_orders(rows, sorted_orders(rows))
        for key in ("location", "points", "tags"):
            table.sort_by(key)
            assert table.order == expected(table), key
            table.sort_by(key)
            assert table.order == expected(table), (key, "again")


async def test_the_columns_make_room_for_a_scroll_bar_that_comes_with_the_rows() -> None:
    """The table is empty, then gets more rows than fit: the scroll bar takes a column
    (the table's size is the same) and the last column still shows whole."""
    rows = [
        row_of(Entry(f"/l/{n:03}.yaml", f"Briefing {n:03}", published="2024-01-01", blocks=4), 1.0)
        for n in range(100)
    ]
    async with TableApp().run_test(size=(120, 40)) as pilot:
        table = pilot.app.query_one(LibraryTable)
        await pilot.pause()
        table.set_rows(rows)
        await pilot.pause()
        assert table.show_vertical_scrollbar
        lines = screen_lines(pilot.app)
        assert lines[1].rstrip().endswith("finished"), lines[1]
        assert lines[0].rstrip().endswith("Read"), lines[0]
