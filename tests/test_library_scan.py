"""Finding a library's files: subfolders walked, hidden and other files skipped, a symlink
loop or an unreadable folder a notice, never a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.library.scan import is_briefing_name, scan


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("title: T\n", encoding="utf-8")
    return path


def test_a_folder_gives_its_briefings_sorted_with_subfolders(tmp_path: Path) -> None:
    b = touch(tmp_path / "b.yaml")
    a = touch(tmp_path / "sub" / "deeper" / "a.YML")
    c = touch(tmp_path / "a.yml")
    found = scan([str(tmp_path)])
    assert found.paths == sorted(map(str, (a, b, c)))
    assert found.notices == []


def test_hidden_files_hidden_folders_and_other_files_are_skipped(tmp_path: Path) -> None:
    kept = touch(tmp_path / "kept.yaml")
    touch(tmp_path / ".draft.yaml")
    touch(tmp_path / ".git" / "x.yaml")
    touch(tmp_path / "notes.txt")
    touch(tmp_path / "yaml")
    assert scan([str(tmp_path)]).paths == [str(kept)]
    assert not is_briefing_name(".x.yaml") and is_briefing_name("x.YAML")


def test_files_given_are_taken_as_they_are_each_once(tmp_path: Path) -> None:
    text = touch(tmp_path / "brief.txt")
    folder_file = touch(tmp_path / "d" / "x.yaml")
    found = scan([str(text), str(tmp_path / "d"), str(folder_file), str(text)])
    assert found.paths == [str(text), str(folder_file)]


def test_relative_arguments_give_absolute_paths(tmp_path: Path, monkeypatch) -> None:
    touch(tmp_path / "x.yaml")
    monkeypatch.chdir(tmp_path)
    assert scan(["."]).paths == [str(tmp_path / "x.yaml")]


def test_a_symlink_loop_is_a_notice_not_a_hang(tmp_path: Path) -> None:
    kept = touch(tmp_path / "lib" / "a.yaml")
    (tmp_path / "lib" / "loop").symlink_to(tmp_path / "lib")
    (tmp_path / "lib" / "nowhere.yaml").symlink_to(tmp_path / "missing.yaml")
    found = scan([str(tmp_path / "lib")])
    assert found.paths == [str(kept)]
    assert len(found.notices) == 1
    assert "loop" in found.notices[0] and "already read" in found.notices[0]


def test_a_folder_linked_twice_is_read_once(tmp_path: Path) -> None:
    kept = touch(tmp_path / "real" / "a.yaml")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    found = scan([str(tmp_path / "real"), str(tmp_path / "link")])
    assert found.paths == [str(kept)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_a_notice(tmp_path: Path) -> None:
    kept = touch(tmp_path / "a.yaml")
    locked = tmp_path / "locked"
    touch(locked / "b.yaml")
    locked.chmod(0)
    try:
        found = scan([str(tmp_path)])
    finally:
        locked.chmod(0o755)
    assert found.paths == [str(kept)]
    assert found.notices == [f"{locked}: Permission denied"]


def test_a_folder_that_cannot_be_listed_is_a_notice_even_for_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = touch(tmp_path / "a.yaml")
    locked = tmp_path / "locked"
    touch(locked / "b.yaml")
    listing = os.scandir

    def refusing(path: str) -> object:
        if path == str(locked):
            raise PermissionError(13, "Permission denied", path)
        return listing(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found = scan([str(tmp_path)])
    assert found.paths == [str(kept)]
    assert found.notices == [f"{locked}: Permission denied"]


def test_a_path_that_does_not_exist_is_taken_as_a_file(tmp_path: Path) -> None:
    found = scan([str(tmp_path / "gone")])
    assert found.paths == [str(tmp_path / "gone")]  # its load fails later, as a failed row


def test_hostile_folder_names_are_safe_in_notices(tmp_path: Path) -> None:
    lib = tmp_path / "lib\x1b]2;owned\x07"
    touch(lib / "a.yaml")
    (lib / "loop").symlink_to(lib)
    [notice] = scan([str(lib)]).notices
    assert "\x1b" not in notice and "\x07" not in notice
