"""The team archive end to end: ``index --db`` loads a folder, ``search --db`` and the library
(``briefing-tui DIR --db``) search it, against a real (throwaway) PostgreSQL server."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from conftest import terminate
from snapshot_apps import LIBRARY_PATH, screen_lines
from textual.pilot import Pilot

from tui.cli.commands import main
from tui.cli.library import open_index
from tui.library.fallback import FallbackIndex
from tui.library.opened import Library
from tui.library.postgres_index import PostgresIndex
from tui.library.scan import scan
from tui.ui.app import BriefingApp
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.library_search import SearchScreen

Capture = pytest.CaptureFixture[str]
CONTENT = str(Path(__file__).parent.parent / "content")


@asynccontextmanager
async def archive_library(
    postgres_url: str, folder: Path = LIBRARY_PATH
) -> AsyncIterator[Pilot[None]]:
    """``briefing-tui FOLDER --db URL`` after ``index --db``: the library app, its rows read."""
    assert main(["index", str(folder), "--db", postgres_url]) == 0
    files = [str(folder)]
    index, notices = open_index(argparse.Namespace(db=postgres_url, strict=False), files)
    assert notices == []
    library = Library(
        "library_screen/", scan(files).paths, index, archive="the archive", folders=files
    )
    app = BriefingApp(None, library=library)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, LibraryScreen)
            yield pilot
    finally:
        index.close()


async def settle(pilot: Pilot[None]) -> None:
    """Let the workers (reading, searching) finish and the screen catch up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_index_then_search_the_archive_from_the_command_line(
    postgres_url: str, capsys: Capture
) -> None:
    assert main(["index", str(LIBRARY_PATH), "--db", postgres_url]) == 0
    assert main(["index", CONTENT, "--db", postgres_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("5 briefings: 5 added, 0 changed, 0 removed, 0 unchanged; 1 do")
    assert out[1].startswith("1 briefing: 1 added")
    assert main(["search", "--db", postgres_url, "cranes"]) == 0
    out = capsys.readouterr().out
    where = "harbour-deal.yaml:18: Port authority signs the harbour deal"
    assert f"{where} · 2021-03-04 › Reactions (body)" in out
    assert "Shipping lines said the new cranes would cut waiting times by half." in out
    # the whole archive by default; a folder narrows it
    assert main(["search", "--db", postgres_url, "speaker:blinken", "--limit", "1"]) == 0
    assert "blinken-colombia.yaml" in capsys.readouterr().out
    assert main(["search", "--db", postgres_url, str(LIBRARY_PATH), "speaker:blinken"]) == 1
    # a second index finds nothing to do
    assert main(["index", CONTENT, "--db", postgres_url]) == 0
    assert capsys.readouterr().out.startswith("1 briefing: 0 added, 0 changed, 0 removed, 1 unch")


async def test_the_library_searches_the_archive_and_says_so(
    postgres_url: str, notes: list[str]
) -> None:
    async with archive_library(postgres_url) as pilot:
        app = pilot.app
        header = screen_lines(app)[0]
        assert "Library · 5 briefings (1 does not load) · archive the archive" in header
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen)
        (hit,) = search.hits
        assert hit.snippet[slice(*hit.marks[0])] == "cranes"
        assert "Shipping lines said the new cranes" in "\n".join(screen_lines(app))
    assert notes == []


async def test_a_large_archives_header_counts_all_it_holds_and_every_file_that_fails(
    postgres_url: str, notes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The broken file is undated, the last row: outside the newest 3 listed.
    from tui.library import postgres_index

    monkeypatch.setattr(postgres_index, "LISTED", 3)
    async with archive_library(postgres_url) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        assert len(screen.table.rows) == 3
        header = screen_lines(pilot.app)[0]
        assert "Library · 3 of 5 briefings (1 does not load) · archive the archive" in header
    assert "the archive holds 5 briefings: the newest 3 are listed" in notes[0]


async def test_an_archive_that_stops_answering_gives_way_to_the_local_index(
    postgres_url: str, postgres_server: str, notes: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "library_screen"
    shutil.copytree(LIBRARY_PATH, folder)
    async with archive_library(postgres_url, folder) as pilot:
        app = pilot.app
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        index = screen.library.index
        assert isinstance(index, FallbackIndex) and isinstance(index.archive, PostgresIndex)
        index.archive.url = index.archive.url.replace("host=", "host=/nonexistent", 1)
        terminate(postgres_server, postgres_url)  # (where it reconnects: nowhere)
        (folder / "added.yaml").write_text(  # since the library opened: found too
            "format: briefing/1\ntitle: Zebra crossings\nsections:\n  - id: a\n"
            "    heading: A\n    body: Shipping lines count the new cranes twice.\n",
            encoding="utf-8",
        )
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen)
        # Answered at once from the files read so far, then again once they are all read.
        await settle(pilot)
        assert sorted(Path(hit.path).name for hit in search.hits) == [
            "added.yaml",
            "harbour-deal.yaml",
        ]
        assert "Shipping lines said the new cranes" in "\n".join(screen_lines(app))
        (said,) = notes  # (not "reconnected": it was not)
        assert "cannot be reached" in said and said.endswith("the local index is used instead")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        header = screen_lines(app)[0]
        # Listed again from the local index, with the file added meanwhile.
        assert "Library · 6 briefings (1 does not load) · library_screen/" in header
        assert "Zebra crossings" in {row.entry.title for row in screen.table.rows}
        assert "archive" not in header and "reading" not in header
        # the speakers come from the local index too, with no second notice
        await pilot.press("s")
        await settle(pilot)
        assert "Ana Ruiz" in "\n".join(screen_lines(app)) and len(notes) == 1
