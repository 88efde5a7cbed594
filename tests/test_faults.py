"""Faults around the state files: kill -9 mid-save, a full or read-only disk, a corrupt file,
two processes saving at once. The reader starts, warns once, and no saved position is lost.

The storage tests run the real storage code in child processes, killed with
SIGKILL; the app tests run the reader (Pilot, or a real process on a pty) with
the disk made to fail where the save writes.
"""

from __future__ import annotations

import errno
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from pty_session import ROOT, PtySession, briefing_tui
from textual.pilot import Pilot

from tui.format.bundled import default_briefing_path
from tui.model import Briefing
from tui.storage import positions as positions_module
from tui.storage.positions import Position, PositionStore
from tui.storage.settings import SettingsStore
from tui.ui import position_keeper
from tui.ui.app import BriefingApp

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and flock")

OTHERS = 400
"""Positions of other briefings already saved: each save writes them all (and takes longer)."""

KEYS = 50
"""Briefings the killed writer saves positions of, in turn."""


def seed_others(path: Path) -> dict[str, object]:
    """A positions file holding :data:`OTHERS` positions of other briefings; its entries."""
    now = int(time.time())
    entries: dict[str, object] = {
        f"/others/{n}.yaml": {"block": n, "offset": n, "at": now} for n in range(OTHERS)
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": positions_module.FORMAT, "positions": entries}))
    return entries


def saved_entries(path: Path) -> dict[str, dict[str, int]]:
    """The positions in the file (which must parse as a positions file)."""
    data = json.loads(path.read_bytes())
    assert data["format"] == positions_module.FORMAT
    positions: dict[str, dict[str, int]] = data["positions"]
    return positions


def leftovers(folder: Path) -> list[str]:
    """Temporary files of an atomic write left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- kill -9 while saving ---------------------------------------------------------------

WRITER = f"""
import sys, time
from pathlib import Path
from tui.storage.positions import Position, PositionStore

store = PositionStore(Path(sys.argv[1]))
i = int(sys.argv[2])
while True:
    began = time.perf_counter()
    if not store.put(f"/k/{{i % {KEYS}}}.yaml", Position(i, 0)):
        print("failed", store.warnings, flush=True)
        break
    print(i, time.perf_counter() - began, flush=True)  # saved: on disk, renamed into place
    i += 1
"""


def test_kill_9_at_random_moments_of_saving_loses_nothing_saved(tmp_path: Path) -> None:
    """Killed anywhere in a save, the file holds every position saved before; no temp piles up."""
    path = tmp_path / "state" / "positions.json"
    others = seed_others(path)
    chance = random.Random(9)  # the moments of the kills vary; the check does not
    possible: dict[str, set[int | None]] = {}  # briefing -> what the file may hold for it
    start, rounds, kills_mid_write = 0, 20, 0
    seen: set[str] = set()
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(start)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert child.stdout is not None
        told: list[str] = []
        target = chance.randint(1, 10)
        while len(told) < target:  # wait until it has saved `target` times...
            line = child.stdout.readline()
            assert line and not line.startswith("failed"), (line, told)
            told.append(line)
        # ...then kill it somewhere in the next save: a random part of the time the last
        # one took (this chooses the moment; nothing waits on it).
        time.sleep(chance.uniform(0, 1.2) * float(told[-1].split()[1]))
        os.kill(child.pid, signal.SIGKILL)
        told += child.stdout.read().splitlines()  # saves it finished before the kill landed
        child.stdout.close()
        assert child.wait(timeout=30) == -signal.SIGKILL
        left = set(leftovers(path.parent))
        kills_mid_write += bool(left - seen)
        seen = left
        values = [int(line.split()[0]) for line in told]
        for value in values:  # saved: the file holds this one
            possible[f"/k/{value % KEYS}.yaml"] = {value}
        cut_short = values[-1] + 1  # the save under way when killed: made it, or not
        possible.setdefault(f"/k/{cut_short % KEYS}.yaml", {None}).add(cut_short)
        saved = saved_entries(path)  # whole: the old file or the new one, never a mix
        assert {key: saved.get(key) for key in others} == others
        for key, allowed in possible.items():
            block = saved[key]["block"] if key in saved else None
            assert block in allowed, (key, allowed, block)
        assert len(leftovers(path.parent)) <= 1  # the next save clears what a kill left
        start = cut_short + 1
    assert PositionStore(path).put("/after.yaml", Position(1, 1))
    assert leftovers(path.parent) == []
    print(f"{rounds} rounds of kill -9, {kills_mid_write} between creating and renaming a temp")


HELD_WRITER = """
import os, sys
from pathlib import Path
from tui.storage.positions import Position, PositionStore

real_fsync = os.fsync
def fsync(fd):
    real_fsync(fd)
    if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
        print("written", flush=True)  # the new file is written, not yet renamed into place
        sys.stdin.readline()  # held here until killed
os.fsync = fsync
PositionStore(Path(sys.argv[1])).put("/new.yaml", Position(7, 7))
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_temporary_file_left_by_a_kill_is_removed_by_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "state" / "positions.json"
    others = seed_others(path)
    before = path.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", HELD_WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stdout.readline() == "written\n"
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    assert path.read_bytes() == before  # the killed save never happened
    assert len(leftovers(path.parent)) == 1  # what the kill left: ignored when reading
    store = PositionStore(path)
    assert store.get("/others/3.yaml") == Position(3, 3)
    assert store.put("/next.yaml", Position(1, 2))
    assert leftovers(path.parent) == []
    assert set(saved_entries(path)) == set(others) | {"/next.yaml"}
    assert store.warnings == []


# -- two processes saving at once ---------------------------------------------------------

SAVER = """
import sys
from pathlib import Path
from tui.storage.positions import Position, PositionStore

store = PositionStore(Path(sys.argv[1]))
name, keys, rounds = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
print("ready", flush=True)
sys.stdin.readline()  # both start together
for n in range(rounds):
    for k in range(keys):
        assert store.put(f"/{name}/{k}.yaml", Position(n, k)), store.warnings
"""


def test_two_processes_saving_the_same_briefings_over_and_over_keep_both_latest(
    tmp_path: Path,
) -> None:
    """Each of two readers moves through its briefings many times: the last moves all stay."""
    path = tmp_path / "state" / "positions.json"
    others = seed_others(path)
    keys, rounds = 5, 12
    savers = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), name, str(keys), str(rounds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in ("one", "two")
    ]
    for saver in savers:
        assert saver.stdout is not None and saver.stdout.readline() == "ready\n"
    for saver in savers:
        assert saver.stdin is not None
        saver.stdin.write("go\n")
        saver.stdin.close()
    for saver in savers:
        assert saver.wait(timeout=120) == 0
    saved = saved_entries(path)
    assert {key: saved.get(key) for key in others} == others
    found = {key: (saved[key]["block"], saved[key]["offset"]) for key in saved if key not in others}
    assert found == {
        f"/{name}/{k}.yaml": (rounds - 1, k) for name in ("one", "two") for k in range(keys)
    }
    assert leftovers(path.parent) == []


# -- a full disk, a read-only folder -------------------------------------------------------

FAILURES = {
    "full-disk": errno.ENOSPC,  # the new file cannot be written out
    "read-only-file-system": errno.EROFS,  # nothing can be opened for writing, the lock neither
    "folder-not-writable": errno.EACCES,  # files there can be written, none created
}


def fail_writes(monkeypatch: pytest.MonkeyPatch, folder: Path, failure: str) -> list[str]:
    """Make saving in ``folder`` fail as ``failure`` does; the attempts that failed."""
    code = FAILURES[failure]
    failed: list[str] = []
    real_open, real_fsync = os.open, os.fsync

    def refuse(what: str) -> None:
        failed.append(what)
        raise OSError(code, os.strerror(code), what)

    def open_(file: str | os.PathLike[str], flags: int, *args: object, **kwargs: object) -> int:
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and Path(os.path.abspath(file)).parent == folder:
            creating = not os.path.exists(file)
            if failure == "read-only-file-system" or (
                failure == "folder-not-writable" and creating
            ):
                refuse(os.fspath(file))
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    def fsync(fd: int) -> None:
        if failure == "full-disk" and os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            refuse(f"fd {fd}")
        real_fsync(fd)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "fsync", fsync)
    return failed


async def settle(pilot: Pilot[None]) -> None:
    """Let the app take in what was pressed, and finish any save it started."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()


async def settle_until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Settle until ``done()`` (a timer, then a worker, make a save)."""
    for _ in range(100):
        await settle(pilot)
        if done():
            return
    raise AssertionError(
        f"it never happened; on screen: {pilot.app.screen!r}, focus {pilot.app.focused!r}"
    )


@pytest.fixture
def bundled(seed: Briefing) -> Briefing:
    return replace(seed, path=str(default_briefing_path()))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("failure", list(FAILURES))
async def test_a_disk_that_fails_every_save_is_one_warning_and_reading_goes_on(
    failure, bundled, reader, notes, tmp_path, monkeypatch
):
    path = tmp_path / "state" / "positions.json"
    seed_others(path)
    PositionStore(path).put(bundled.path, Position(0, 0))  # the lock file is there too
    before = path.read_bytes()
    store = PositionStore(path)
    monkeypatch.setattr(position_keeper, "SAVE_AFTER", 0.001)
    failed = fail_writes(monkeypatch, path.parent, failure)
    async with reader(bundled, positions=store, notifications=True) as (pilot, screen):
        places = []
        for key in ("right_square_bracket", "j", "right_square_bracket", "j", "G"):
            tries = len(failed)
            await pilot.press(key)
            await settle_until(pilot, lambda tries=tries: len(failed) > tries)
            places.append(screen.body.reading_position())
        assert len(set(places)) == len(places), places  # every key moved the view
        await pilot.press("q")
    told = [note for note in notes if "save" in note]
    assert len(told) == 1, (failure, notes)  # once, not on each of the six failed saves
    assert told[0].startswith(f"Could not save to {path}: {os.strerror(FAILURES[failure])}")
    assert len(failed) >= 6, failed  # it kept trying: each move, and on quitting
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
async def test_a_theme_chosen_on_a_failing_disk_is_one_warning_and_used(
    seed, notes, tmp_path, monkeypatch
):
    failure = "read-only-file-system"  # the other failures take the same path (see above)
    path = tmp_path / "state" / "settings.json"
    SettingsStore(path).put("theme", "nord")
    before = path.read_bytes()
    failed = fail_writes(monkeypatch, path.parent, failure)
    app = BriefingApp(seed, settings=SettingsStore(path))
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "nord"
        for theme in ("gruvbox", "dracula", "textual-light"):
            tries = len(failed)
            app.theme = theme
            await settle_until(pilot, lambda tries=tries: len(failed) > tries)
            assert app.theme == theme
    told = [note for note in notes if "save" in note]
    assert len(told) == 1, (failure, notes)
    assert told[0].startswith(f"Could not save to {path}: {os.strerror(FAILURES[failure])}")
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []


# -- a corrupt file ----------------------------------------------------------------------


async def test_a_corrupt_file_is_one_warning_naming_where_it_went_and_saving_goes_on(
    bundled, reader, notes, tmp_path, monkeypatch
):
    path = tmp_path / "state" / "positions.json"
    path.parent.mkdir()
    torn = b'{"format": "briefing-tui positions/1", "positions": {"/a.yaml": {"blo'
    path.write_bytes(torn)
    monkeypatch.setattr(position_keeper, "SAVE_AFTER", 0.001)
    store = PositionStore(path)
    async with reader(bundled, positions=store, notifications=True) as (pilot, screen):
        for key in ("right_square_bracket", "j", "right_square_bracket"):
            await pilot.press(key)
            place = Position(*screen.body.reading_position())
            await settle_until(
                pilot, lambda place=place: PositionStore(path).get(bundled.path) == place
            )
        await pilot.press("j")
        left_at = Position(*screen.body.reading_position())
        await pilot.press("q")
    told = [note for note in notes if "positions" in note]
    assert len(told) == 1, notes
    aside = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and f"set aside as {aside[0].name}," in told[0], (told, aside)
    assert aside[0].read_bytes() == torn
    assert PositionStore(path).get(bundled.path) == left_at


@pytest.mark.parametrize("fault", ["corrupt", "unreadable"])
async def test_a_bad_file_on_a_read_only_disk_is_one_warning_and_left_as_it_is(
    fault, bundled, reader, notes, tmp_path, monkeypatch
):
    """The warning about the file says nothing is saved: a failed save is not news."""
    path = tmp_path / "state" / "positions.json"
    seed_others(path)
    if fault == "corrupt":
        path.write_bytes(path.read_bytes()[:-20])  # a torn file
    before = path.read_bytes()
    monkeypatch.setattr(position_keeper, "SAVE_AFTER", 0.001)
    failed = fail_writes(monkeypatch, path.parent, "read-only-file-system")
    real_replace = os.replace

    def replace_(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(os.path.abspath(source)).parent == path.parent:
            failed.append(os.fspath(source))
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(source))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_)
    if fault == "unreadable":
        real_open = os.open

        def open_(file: str | os.PathLike[str], flags: int, *args: object, **kw: object) -> int:
            if os.path.abspath(file) == str(path):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(file))
            return real_open(file, flags, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", open_)
    async with reader(bundled, positions=PositionStore(path), notifications=True) as (pilot, _):
        for key in ("right_square_bracket", "j", "right_square_bracket"):
            tries = len(failed)
            await pilot.press(key)
            await settle_until(pilot, lambda tries=tries: len(failed) > tries)
        await pilot.press("q")
    told = [note for note in notes if "positions" in note.lower()]
    assert len(told) == 1, notes
    assert "nothing is saved" in told[0], told
    assert path.read_bytes() == before
    assert list(path.parent.glob("*.corrupt-*")) == []


# -- kill -9 of the reader itself, while it saves ----------------------------------------

BUNDLED = "content/blinken-colombia.yaml"

HELD_READER = f"""
import os, sys, threading
hold, said = sys.argv[1], int(sys.argv[2])
real_fsync = os.fsync
def fsync(fd):
    real_fsync(fd)
    if os.path.exists(hold) and os.readlink(f"/proc/self/fd/{{fd}}").endswith(".tmp"):
        os.write(said, b"held")  # the new file is written, not yet renamed into place
        threading.Event().wait()  # held here (a worker thread) until killed
os.fsync = fsync
from tui.cli import main
sys.exit(main([{BUNDLED!r}]))
"""


def article_title(session: PtySession) -> str:
    """The article's border title (``Article · 2/5 · heading``), or "" if not on screen."""
    titles = [line for line in session.lines() if "Article · " in line]
    return titles[0].split("Article · ")[1].split("─")[0].strip() if titles else ""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_the_reader_killed_while_saving_reopens_where_the_last_save_left_it(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state"
    path = state / "positions.json"
    others = seed_others(path)
    key = str(ROOT / BUNDLED)
    hold = tmp_path / "hold"
    said, say = os.pipe()
    try:
        with PtySession(
            [sys.executable, "-c", HELD_READER, str(hold), str(say)],
            state,
            size=(120, 40),
            pass_fds=[say],
        ) as run:
            assert run.wait_for(lambda s: article_title(s).startswith("1/5")), run.text()
            run.write(b"]")  # one move, one save
            assert run.wait_for(lambda s: not article_title(s).startswith("1/5")), run.text()
            assert run.wait_for(lambda _s: key in saved_entries(path)), run.text()
            where = article_title(run)
            before = path.read_bytes()
            hold.touch()  # the next save is held once its new file is written...
            run.write(b"]")
            assert run.wait_for(lambda s: article_title(s) not in ("", where)), run.text()
            ready, _, _ = select.select([said], [], [], 60)
            assert ready and os.read(said, 16) == b"held"
            os.kill(run.process.pid, signal.SIGKILL)  # ...and the reader killed there
            assert run.process.wait(timeout=30) == -signal.SIGKILL
    finally:
        os.close(said)
        os.close(say)
    assert path.read_bytes() == before
    assert len(leftovers(state)) == 1  # killed mid-write

    with PtySession(briefing_tui(BUNDLED), state, size=(120, 40)) as run:
        section = where.split("/")[0]
        assert run.shows(f"Back where you left off, in section {section} of 5"), run.text()
        assert article_title(run) == where
        assert "Positions" not in run.text(), run.text()  # the title of its warnings
        run.write(b"j")
        run.write(b"q")
        assert run.exit_code() == 0, run.text()
    saved = saved_entries(path)
    assert {name: saved.get(name) for name in others} == others
    assert saved[key] != json.loads(before)["positions"][key]  # the move was saved on quitting
    assert leftovers(state) == []
