"""Live reload: the reader follows its file as an editor saves it, and never writes to it."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from snapshot_apps import body_lines, screen_lines
from textual.pilot import Pilot

from tui.document import BodyDocument
from tui.document.carry import carry_position
from tui.format.loader import load_path, load_text
from tui.format.watch import BriefingFile
from tui.ui.app import BriefingApp
from tui.ui.live_reload import ReloadBar
from tui.ui.screens.reader import ReaderScreen

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "content" / "blinken-colombia.yaml"
EDITED = "EDITED Blinken sought to reassert"


@pytest.fixture
def briefing_file(tmp_path: Path) -> Path:
    path = tmp_path / "briefing.yaml"
    shutil.copy(BUNDLED, path)
    return path


@asynccontextmanager
async def following(path: Path) -> AsyncIterator[Pilot[None]]:
    app = BriefingApp(load_path(path).briefing, source=BriefingFile(str(path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        yield pilot


def reader(pilot: Pilot[None]) -> ReaderScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def noticed(pilot: Pilot[None]) -> None:
    """What the poll does on its own: see the change, load it, show it."""
    watcher = reader(pilot).live_reload
    assert watcher is not None
    watcher.poll()
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def edit(path: Path, old: str, new: str, *, rename: bool = False) -> None:
    """Change the file in place, or as editors do: a new file renamed over it."""
    text = path.read_text(encoding="utf-8").replace(old, new)
    if rename:
        temporary = path.with_name(".briefing.yaml.swp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    else:
        with path.open("r+", encoding="utf-8") as handle:
            handle.write(text)
            handle.truncate()


@pytest.mark.parametrize("rename", [False, True], ids=["in-place", "renamed-over"])
async def test_a_saved_change_shows_at_the_same_place(
    briefing_file: Path, rename: bool, notes: list[str]
) -> None:
    async with following(briefing_file) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "2")
        before = reader(pilot)
        assert before.active_pane == "points"
        edit(briefing_file, "Blinken sought to reassert", EDITED, rename=rename)
        await noticed(pilot)
        after = reader(pilot)
        assert after is not before
        assert EDITED in " ".join(body_lines(after.body))
        assert str(after.body.border_title).endswith("US priorities")  # the same section
        assert after.active_pane == "points"
        assert notes[-1] == "Reloaded: the file changed."


async def test_an_invalid_save_keeps_the_last_good_version_until_fixed(
    briefing_file: Path,
) -> None:
    async with following(briefing_file) as pilot:
        first = reader(pilot)
        edit(briefing_file, "title: Colombia", "title: [Colombia")
        await noticed(pilot)
        assert reader(pilot) is first  # the last good version stays
        bar = first.query_one(ReloadBar)
        shown = "\n".join(screen_lines(pilot.app))
        assert "was not reloaded; the last good version is shown." in shown
        assert "4:9: error: YAML syntax" in shown
        await pilot.press("right_square_bracket")  # the reader keeps working
        assert str(first.body.border_title).startswith("Article · 2/5")
        edit(briefing_file, "title: [Colombia", "title: Colombia")
        await noticed(pilot)
        assert reader(pilot) is not first
        assert not reader(pilot).query(ReloadBar)
        assert bar not in reader(pilot).query(ReloadBar)


async def test_a_deleted_file_is_said_and_its_return_reloads(briefing_file: Path) -> None:
    async with following(briefing_file) as pilot:
        saved = briefing_file.read_bytes()
        briefing_file.unlink()
        await noticed(pilot)
        assert "no such file" in "\n".join(screen_lines(pilot.app))
        assert "The visit" in " ".join(body_lines(reader(pilot).body))
        briefing_file.write_bytes(saved.replace(b"The visit", b"The trip"))
        await noticed(pilot)
        assert "The trip" in " ".join(body_lines(reader(pilot).body))


async def test_a_change_while_a_box_is_open_shows_once_it_closes(briefing_file: Path) -> None:
    async with following(briefing_file) as pilot:
        first = reader(pilot)
        await pilot.press("question_mark")
        edit(briefing_file, "Blinken sought to reassert", EDITED)
        watcher = first.live_reload
        assert watcher is not None
        watcher.poll()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.screen is not first  # help is still open
        await pilot.press("escape")
        for _ in range(3):
            await pilot.pause()
        assert reader(pilot) is not first


async def test_the_file_is_never_written(briefing_file: Path) -> None:
    before = briefing_file.stat()
    async with following(briefing_file) as pilot:
        await pilot.press("right_square_bracket", "j", "slash", *"duque", "enter")
        edit(briefing_file, "Blinken sought to reassert", EDITED)
        written = briefing_file.stat()
        await noticed(pilot)
        await pilot.press("q")
    after = briefing_file.stat()
    assert (after.st_mtime_ns, after.st_size) == (written.st_mtime_ns, written.st_size)
    assert after.st_ino == before.st_ino


def test_the_place_follows_its_text_to_the_new_version() -> None:
    old = load_text(
        "title: T\nsections:\n  - {id: a, heading: A, body: [One., Two., Three.]}\n"
        "  - {id: b, heading: B, body: [Four., Five.]}\n",
        "t.yaml",
    ).briefing
    new = load_text(
        "title: T\nsections:\n  - {id: new, heading: New, body: [Zero.]}\n"
        "  - {id: b, heading: B, body: [Added., Four., Five changed.]}\n"
        "  - {id: a, heading: A, body: [One., Three.]}\n",
        "t.yaml",
    ).briefing
    pair = (old, BodyDocument(old)), (new, BodyDocument(new))
    new_document = pair[1][1]

    def carried(block: int, offset: int = 0) -> tuple[str, int]:
        found, at = carry_position(pair[0], pair[1], (block, offset))
        return new_document.sources[found], at

    assert carried(1, 2) == ("One.", 2)  # same text, moved to another place: found there
    assert carried(5, 3) == ("Four.", 3)
    assert carried(6, 3) == ("Five changed.", 0)  # changed text: after the block before it
    assert carried(2) == ("Three.", 0)  # "Two." is gone: after "One."
    assert carried(4) == ("B", 0)  # a heading


async def test_old_versions_are_freed(briefing_file: Path) -> None:
    """Each reload leaves the old reader behind: it must not stay in memory."""
    import gc
    import weakref

    from tui.cli import collector

    app = BriefingApp(
        load_path(briefing_file).briefing,
        source=BriefingFile(str(briefing_file)),
        after_first_frame=collector.after_first_frame,
        after_layout=collector.after_layout,
        after_screen_closed=collector.after_screen_closed,
    )
    old: list[weakref.ref[ReaderScreen]] = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for version in range(6):
                old.append(weakref.ref(reader(pilot)))
                edit(briefing_file, "The visit", f"The visit {version}")
                await noticed(pilot)
                assert f"The visit {version}" in " ".join(body_lines(reader(pilot).body))
            await app.workers.wait_for_complete()
            await pilot.pause()
            collector.after_screen_closed()  # what the app's timer does a moment after
            alive = [index for index, ref in enumerate(old) if ref() is not None]
            assert len(alive) <= 2, f"old readers alive: {alive}"  # (a context token or two)
    finally:
        gc.unfreeze()
        gc.enable()


async def test_sections_changed_by_a_reload_are_marked_until_read(briefing_file: Path) -> None:
    async with following(briefing_file) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket")  # reading section 3
        edit(briefing_file, "Improving economic ties", "Better economic ties")  # in section 4
        await noticed(pilot)
        screen = reader(pilot)
        assert screen.changed == {3}
        await pilot.press("o")  # the outline
        await pilot.pause()
        shown = "\n".join(screen_lines(pilot.app))
        assert "│ ↻ changed" in shown  # under the heading in the outline
        await pilot.press("escape", "t")
        await pilot.pause()
        assert "4. Blinken’s main talking points  ↻ changed" in "\n".join(screen_lines(pilot.app))
        await pilot.press("escape")
        await pilot.pause()
        screen.jump_to_section(3)
        await pilot.pause()
        assert screen.changed == set()
        assert "↻ changed" not in "\n".join(screen_lines(pilot.app))
