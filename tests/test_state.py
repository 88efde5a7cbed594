"""Reading positions: saved whole or not at all, a bad file set aside, never fatal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.storage import atomic, paths
from tui.storage.atomic import write_atomically
from tui.storage.paths import state_dir
from tui.storage.positions import FORMAT, MAX_ENTRIES, Position, PositionStore


@pytest.fixture
def store(tmp_path: Path) -> PositionStore:
    return PositionStore(tmp_path / "state" / "positions.json")


def test_a_position_comes_back(store, tmp_path):
    briefing = str(tmp_path / "a.yaml")
    assert store.get(briefing) is None
    assert store.put(briefing, Position(12, 340))
    assert PositionStore(store.path).get(briefing) == Position(12, 340)
    assert store.warnings == []


def test_briefings_are_told_apart_by_absolute_path(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store.put("a.yaml", Position(1, 0))
    store.put(str(tmp_path / "b.yaml"), Position(2, 0))
    assert store.get(str(tmp_path / "a.yaml")) == Position(1, 0)
    assert store.get("b.yaml") == Position(2, 0)


def test_two_readers_keep_each_others_positions(store, tmp_path):
    other = PositionStore(store.path)
    store.put(str(tmp_path / "a.yaml"), Position(1, 0))
    other.put(str(tmp_path / "b.yaml"), Position(2, 0))
    assert store.get(str(tmp_path / "a.yaml")) == Position(1, 0)


def test_the_oldest_are_forgotten_beyond_the_limit(store, tmp_path, monkeypatch):
    entries = {f"/b/{i}.yaml": {"block": i, "offset": 0, "at": i} for i in range(MAX_ENTRIES)}
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"format": FORMAT, "positions": entries}))
    store.put("/b/new.yaml", Position(5, 5))
    saved = json.loads(store.path.read_text())["positions"]
    assert len(saved) == MAX_ENTRIES
    assert "/b/0.yaml" not in saved and "/b/new.yaml" in saved


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe garbage",
        b"[1, 2, 3]",
        b'{"format": "something else", "positions": {}}',
        json.dumps({"format": FORMAT, "positions": [1]}).encode(),
        b"",
    ],
    ids=["broken-json", "not-utf8", "a-list", "other-format", "positions-not-a-map", "empty"],
)
def test_a_corrupt_file_is_set_aside_with_a_warning(store, tmp_path, content):
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    assert store.get(str(tmp_path / "a.yaml")) is None
    assert len(store.warnings) == 1 and "set aside" in store.warnings[0]
    aside = [p for p in store.path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept, for the curious
    assert store.put(str(tmp_path / "a.yaml"), Position(3, 0))  # and saving works again
    assert PositionStore(store.path).get(str(tmp_path / "a.yaml")) == Position(3, 0)


def test_two_files_set_aside_in_one_second_are_both_kept(store, tmp_path):
    """The second took the first's name (a stamp to the second) and replaced it."""
    store.path.parent.mkdir(parents=True)
    for content in (b"first garbage", b"second garbage"):
        store.path.write_bytes(content)
        assert PositionStore(store.path).get(str(tmp_path / "a.yaml")) is None
    aside = [p.read_bytes() for p in store.path.parent.iterdir() if ".corrupt-" in p.name]
    assert sorted(aside) == [b"first garbage", b"second garbage"]


def test_entries_of_the_wrong_shape_are_skipped(store):
    store.path.parent.mkdir(parents=True)
    positions = {
        "/ok.yaml": {"block": 1, "offset": 2},
        "/negative.yaml": {"block": -1, "offset": 0},
        "/text.yaml": {"block": "1", "offset": 0},
        "/bool.yaml": {"block": True, "offset": 0},
        "/list.yaml": [1, 2],
    }
    store.path.write_text(json.dumps({"format": FORMAT, "positions": positions}))
    assert store.get("/ok.yaml") == Position(1, 2)
    for name in ("/negative.yaml", "/text.yaml", "/bool.yaml", "/list.yaml"):
        assert store.get(name) is None
    assert store.warnings == []


def test_a_crash_mid_write_leaves_the_old_file_whole(store, tmp_path, monkeypatch):
    store.put(str(tmp_path / "a.yaml"), Position(1, 0))
    before = store.path.read_bytes()

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # the process dies between writing and renaming

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.put(str(tmp_path / "a.yaml"), Position(99, 0))
    assert store.path.read_bytes() == before
    left = sorted(p.name for p in store.path.parent.iterdir())
    assert left == [store.path.name, f"{store.path.name}.lock"]  # no temp left


def test_an_unwritable_folder_is_a_warning_not_a_crash(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    store = PositionStore(blocked / "positions.json")
    assert not store.put(str(tmp_path / "a.yaml"), Position(1, 0))
    assert store.get(str(tmp_path / "a.yaml")) is None
    assert any("Could not save" in warning for warning in store.warnings)


def test_write_atomically_replaces_the_whole_file(tmp_path):
    path = tmp_path / "deep" / "file.json"
    write_atomically(path, "first, and longer")
    write_atomically(path, "second")
    assert path.read_text() == "second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["file.json"]


def test_the_state_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.STATE_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "xdg" / "briefing-tui"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "briefing-tui"
    monkeypatch.setenv(paths.STATE_DIR_VARIABLE, str(tmp_path / "chosen"))
    assert state_dir() == tmp_path / "chosen"


def test_state_files_are_private(store, tmp_path):
    store.put(str(tmp_path / "a.yaml"), Position(1, 0))
    assert os.stat(store.path).st_mode & 0o077 == 0
    assert os.stat(f"{store.path}.lock").st_mode & 0o077 == 0
