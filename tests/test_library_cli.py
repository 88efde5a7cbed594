"""``briefing-tui DIR`` and ``briefing-tui A B``: a library (its table, into a pipe)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.cli.commands import main
from tui.cli.library import is_library
from tui.storage.positions import Position, PositionStore

LIBRARY = Path(__file__).parent / "data" / "library_screen"
GOOD = Path(__file__).parent / "data" / "good"


def test_a_folder_in_a_pipe_prints_the_table_newest_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(LIBRARY), "--width", "120"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "Title", "Published", "Location", "Source", "Tags", "Pts", "Qts", "Read"
    ]  # fmt: skip
    assert lines[1].startswith("Glacier survey finds faster melting")
    assert "2023-06-01 Tromso, Norway" in lines[1] and lines[1].endswith("1    1 unread")
    assert lines[-1] == (  # (where it is from here, FILE:LINE:COL, as validate says)
        f"✗ {os.path.relpath(LIBRARY)}/broken-indent.yaml:8:1: tab character in indentation;"
        " YAML indents with spaces only"
    )
    assert len(lines) == 6


def test_several_files_are_a_library_and_80_columns_keep_the_title(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [str(LIBRARY / "market-day.yaml"), str(GOOD / "minimal.yaml")]
    assert main(files) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Title", "Published", "Tags", "Read"]
    assert [line.split("  ")[0] for line in lines[1:]] == [
        "Farmers return to the market square",
        "Ministers meet",
    ]
    assert all(len(line) <= 80 for line in lines)


def test_the_table_says_how_far_each_briefing_was_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_TUI_STATE_DIR", str(tmp_path))
    PositionStore().put(str(LIBRARY / "glacier-survey.yaml"), Position(1, 0))
    assert main([str(LIBRARY)]) == 0
    glacier = capsys.readouterr().out.splitlines()[1]
    assert glacier.startswith("Glacier") and glacier.endswith("67% read")
    assert main([str(LIBRARY), "--no-resume"]) == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("unread")


def test_a_corrupt_positions_file_set_aside_is_said_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table printed into a pipe set the file aside and said nothing."""
    monkeypatch.setenv("BRIEFING_TUI_STATE_DIR", str(tmp_path))
    PositionStore().path.parent.mkdir(parents=True, exist_ok=True)
    PositionStore().path.write_text("garbage", encoding="utf-8")
    assert main([str(LIBRARY)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("briefing-tui: ") and "set aside" in err


def test_one_file_or_none_is_still_the_reader() -> None:
    assert not is_library([])
    assert not is_library([str(GOOD / "minimal.yaml")])
    assert is_library([str(LIBRARY)])
    assert is_library([str(GOOD / "minimal.yaml"), str(GOOD / "minimal.yaml")])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--line", "3"], "--section and --line open one briefing, not a library"),
        (["--section", "x"], "--section and --line open one briefing, not a library"),
        (["-"], "- (standard input) is one briefing: it cannot be part of a library"),
    ],
)
def test_options_for_one_briefing_are_refused_with_a_library(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*options, str(LIBRARY)]) == 2
    assert capsys.readouterr() == ("", f"briefing-tui: {message}\n")


def test_the_table_in_a_pipe_is_as_wide_as_columns_says(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``COLUMNS=200 briefing-tui lib | cat`` cut the titles and left out columns at 80."""
    monkeypatch.setenv("COLUMNS", "160")
    assert main([str(LIBRARY)]) == 0
    heading = capsys.readouterr().out.splitlines()[0].split()
    assert heading == ["Title", "Published", "Location", "Source", "Tags", "Pts", "Qts", "Read"]
    assert main(["--width", "80", str(LIBRARY)]) == 0  # (--width says first)
    assert "Location" not in capsys.readouterr().out.splitlines()[0]


def test_a_file_given_that_does_not_exist_is_said_not_left_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two files, one missing: the table listed the other and said nothing (exit 0)."""
    missing = tmp_path / "nonexist.yaml"
    assert main([str(GOOD / "minimal.yaml"), str(missing)]) == 2
    assert capsys.readouterr() == ("", f"briefing-tui: {missing}: no such file or folder\n")


def test_a_folder_that_cannot_be_read_is_a_notice_not_a_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "a.yaml").write_text((GOOD / "minimal.yaml").read_text())
    assert main([str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1].startswith("Ministers meet")
    assert "a link back to a folder already read, skipped" in err
