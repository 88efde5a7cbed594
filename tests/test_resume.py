"""Reopening a briefing goes back to where it was left."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from tui.cli import main, terminal
from tui.format.bundled import default_briefing_path
from tui.model import Briefing
from tui.storage.positions import Position, PositionStore
from tui.ui import position_keeper
from tui.ui.app import BriefingApp


@pytest.fixture
def briefing(seed: Briefing) -> Briefing:
    return replace(seed, path=str(default_briefing_path()))


@pytest.fixture
def store(tmp_path: Path) -> PositionStore:
    return PositionStore(tmp_path / "positions.json")


async def test_quitting_remembers_and_reopening_resumes(briefing, store, reader, notes):
    async with reader(briefing, positions=store) as (pilot, screen):
        await pilot.press("right_square_bracket", "right_square_bracket", "j")
        left_at = screen.body.reading_position()
        section = screen.body.current_section
        assert left_at != (0, 0)
        await pilot.press("q")
    assert store.get(briefing.path) == Position(*left_at)

    notes.clear()  # only what the reopened reader says
    async with reader(briefing, positions=store, notifications=True) as (pilot, screen):
        assert screen.body.reading_position() == left_at
        assert screen.body.current_section == section
        assert any(f"section {section + 1} of 5" in m for m in notes), notes
        await pilot.press("g")  # as the message says
        assert screen.body.scroll_y == 0


async def test_the_position_is_saved_while_reading_not_only_on_quitting(
    briefing, store, reader, monkeypatch
):
    monkeypatch.setattr(position_keeper, "SAVE_AFTER", 0.001)
    async with reader(briefing, positions=store) as (pilot, screen):
        await pilot.press("right_square_bracket")
        for _ in range(50):  # the timer fires, then a worker writes the file
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            if store.get(briefing.path) is not None:
                break
        # as a crash would leave it: the app is still running
        assert store.get(briefing.path) == Position(*screen.body.reading_position())


async def test_the_position_is_saved_within_a_second_of_settling(briefing, store, reader):
    """A crash a second after the view settles keeps the position (it took 2 s, issue 9)."""
    async with reader(briefing, positions=store) as (pilot, screen):
        await pilot.press("right_square_bracket")
        # The deadline itself is what is tested: a save one second after settling.
        await pilot.pause(1.0)
        await pilot.app.workers.wait_for_complete()
        assert store.get(briefing.path) == Position(*screen.body.reading_position())


async def test_an_unmoved_briefing_leaves_no_entry(briefing, store, reader):
    async with reader(briefing, positions=store) as (pilot, _screen):
        await pilot.press("q")
    assert not store.path.exists()


async def test_a_briefing_that_shrank_opens_at_the_top(briefing, store, reader):
    store.put(briefing.path, Position(10_000, 0))
    async with reader(briefing, positions=store) as (_pilot, screen):
        assert screen.body.scroll_y == 0


async def test_a_corrupt_state_file_is_a_warning_and_reading_goes_on(
    briefing, store, reader, tmp_path, notes
):
    store.path.write_text("{ this is not json")
    async with reader(briefing, positions=store, notifications=True) as (pilot, _screen):
        assert any("set aside" in m for m in notes), notes
        await pilot.press("right_square_bracket")
        await pilot.press("q")
    assert json.loads(store.path.read_text())["positions"]  # a new, good file
    assert len(list(tmp_path.glob("positions.json.corrupt-*"))) == 1


async def test_without_a_store_nothing_is_read_or_written(briefing, reader, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_TUI_STATE_DIR", str(tmp_path))
    async with reader(briefing) as (pilot, _screen):
        await pilot.press("right_square_bracket", "q")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("argv", "keeps_state"), [(["--no-resume"], False), ([], True)])
def test_no_resume_is_an_option(stdout_is_a_terminal, argv, keeps_state, tmp_path, monkeypatch):
    """``--no-resume`` starts the reader without its state (positions, settings)."""
    monkeypatch.setenv("BRIEFING_TUI_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("TEXTUAL_FPS", "120")  # what main() sets: left as it was after the test
    started: list[BriefingApp] = []
    monkeypatch.setattr(BriefingApp, "run", lambda app, *_args, **_kwargs: started.append(app))
    monkeypatch.setattr(terminal, "drawing_on_terminal", contextlib.nullcontext)  # no terminal here
    assert main(argv) == 0
    (app,) = started
    assert (app.positions is not None, app.settings is not None) == (keeps_state, keeps_state)
