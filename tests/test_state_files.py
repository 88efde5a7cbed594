"""State files that are hostile or shared: never fatal, never a hang, never a lost entry."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.storage.positions import Position, PositionStore

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files (FIFOs, flock)")


@pytest.fixture
def store(tmp_path: Path) -> PositionStore:
    return PositionStore(tmp_path / "state" / "positions.json")


def deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make every way of opening ``path`` for reading fail, as mode 000 does (tests run as root)."""
    real_io_open, real_os_open = io.open, os.open

    def refuse(target: object) -> None:
        if isinstance(target, (str, os.PathLike)) and os.path.abspath(target) == str(path):
            raise PermissionError(13, "Permission denied", str(path))

    def io_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if not any(flag in mode for flag in "wax+"):
            refuse(file)
        return real_io_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    def os_open(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR) == 0:
            refuse(file)
        return real_os_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(os, "open", os_open)


def test_an_unreadable_file_is_never_replaced(store, tmp_path):
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    store.put(a, Position(1, 0))
    store.put(b, Position(2, 0))
    before = store.path.read_bytes()
    with pytest.MonkeyPatch.context() as monkeypatch:
        deny_reading(monkeypatch, store.path)
        reader = PositionStore(store.path)
        assert reader.get(a) is None  # the reader still opens, at the top
        assert not reader.put(a, Position(9, 0))
        assert not reader.put(a, Position(10, 0))
    assert store.path.read_bytes() == before  # b's position is still there
    assert PositionStore(store.path).get(b) == Position(2, 0)
    assert len(reader.warnings) == 1, reader.warnings  # said once, not on every save
    assert "Permission denied" in reader.warnings[0] and "nothing is saved" in reader.warnings[0]


WRITER = """
import sys
from pathlib import Path
from tui.storage.positions import Position, PositionStore

store = PositionStore(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # both start together
for i in range(int(sys.argv[3])):
    assert store.put(f"/{sys.argv[2]}/{i}.yaml", Position(i, 0)), store.warnings
"""


def test_two_readers_saving_at_once_lose_nothing(store):
    store.path.parent.mkdir(parents=True)
    count = 60
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store.path), name, str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in ("one", "two")
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    saved = json.loads(store.path.read_text())["positions"]
    expected = {f"/{name}/{i}.yaml" for name in ("one", "two") for i in range(count)}
    assert expected - set(saved) == set()


@pytest.mark.parametrize(
    "content",
    [
        "[" * 3000,
        '{"a":' * 3000,
        '{"format": "briefing-tui positions/1", "positions": ' + "[" * 3000,
    ],
    ids=["lists", "objects", "inside-a-good-start"],
)
def test_a_deeply_nested_file_is_corrupt_and_set_aside(store, tmp_path, content):
    store.path.parent.mkdir(parents=True)
    store.path.write_text(content)
    assert store.get(str(tmp_path / "a.yaml")) is None
    assert len(store.warnings) == 1 and "set aside" in store.warnings[0]
    assert [p.read_text() for p in store.path.parent.glob("positions.json.corrupt-*")] == [content]
    assert store.put(str(tmp_path / "a.yaml"), Position(3, 0))
    assert PositionStore(store.path).get(str(tmp_path / "a.yaml")) == Position(3, 0)


PROBE = """
import json, resource, sys
from pathlib import Path

resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a runaway read fails, fast
from tui.storage.positions import Position, PositionStore

store = PositionStore(Path(sys.argv[1]))
found = store.get("/a.yaml")
saved = store.put("/a.yaml", Position(1, 0))
print(json.dumps({"found": found is not None, "saved": saved, "warnings": store.warnings}))
"""


def probe(path: Path) -> dict[str, object]:
    """Read and save with the store at ``path`` in another process, which must not hang."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_link_to_an_endless_device_is_ignored_with_a_warning(store):
    store.path.parent.mkdir(parents=True)
    store.path.symlink_to("/dev/zero")
    result = probe(store.path)
    assert result["found"] is False and result["saved"] is False
    warnings = result["warnings"]
    assert isinstance(warnings, list) and len(warnings) == 1, warnings
    assert "not a regular file" in warnings[0]
    assert os.readlink(store.path) == "/dev/zero"  # left as it is, not written through
    assert list(store.path.parent.glob("*.corrupt-*")) == []


def test_a_fifo_is_ignored_with_a_warning_and_no_hang(store):
    store.path.parent.mkdir(parents=True)
    os.mkfifo(store.path)
    result = probe(store.path)
    assert result["found"] is False and result["saved"] is False
    warnings = result["warnings"]
    assert isinstance(warnings, list) and len(warnings) == 1, warnings
    assert "not a regular file" in warnings[0]
    assert store.path.is_fifo()


def test_an_oversized_file_is_ignored_and_kept(store, monkeypatch):
    from tui.storage import jsonstate

    monkeypatch.setattr(jsonstate, "MAX_SIZE", 1000)
    store.path.parent.mkdir(parents=True)
    content = json.dumps({"format": "briefing-tui positions/1", "positions": {}, "pad": "x" * 2000})
    store.path.write_text(content)
    assert store.get("/a.yaml") is None
    assert not store.put("/a.yaml", Position(1, 0))
    assert len(store.warnings) == 1 and "larger than" in store.warnings[0]
    assert store.path.read_text() == content


def test_a_lock_held_for_ever_delays_a_save_but_does_not_stop_it(store, monkeypatch):
    import fcntl
    import threading

    from tui.storage import jsonstate

    monkeypatch.setattr(jsonstate, "LOCK_WAIT", 0.2)
    store.path.parent.mkdir(parents=True)
    with open(f"{store.path}.lock", "w") as held:  # as a stopped reader mid-save would
        fcntl.flock(held, fcntl.LOCK_EX)
        saved: list[bool] = []
        saver = threading.Thread(target=lambda: saved.append(store.put("/a.yaml", Position(1, 0))))
        saver.start()
        saver.join(timeout=30)
        assert not saver.is_alive(), "the save waited for ever"
    assert saved == [True]
    assert PositionStore(store.path).get("/a.yaml") == Position(1, 0)
