"""The command line of exports: ``briefing-tui export``, and the reader's plain text in a pipe."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.export import renderer
from tui.format.loader import load_path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = str(ROOT / "content" / "blinken-colombia.yaml")


@pytest.mark.parametrize("name", ["md", "html", "txt", "json"])
def test_export_prints_each_format_on_stdout(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", BUNDLED, "--format", name]) == 0
    out, err = capsys.readouterr()
    assert out == renderer(name)(load_path(BUNDLED).briefing, 80)
    assert err == ""


def test_export_writes_a_file_with_o(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.html"
    assert main(["export", BUNDLED, "--format", "html", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [path.name for path in tmp_path.iterdir()] == ["brief.html"]  # no temporary left


def test_an_exported_file_is_readable_as_the_umask_says_and_keeps_its_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was the writer's alone (0600), even over a file that was not: a page exported into
    a web folder was not served."""
    out = tmp_path / "page.html"
    previous = os.umask(0o022)
    try:
        assert main(["export", BUNDLED, "--format", "html", "-o", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        assert main(["export", BUNDLED, "--format", "md", "-o", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(previous)
    capsys.readouterr()


def test_export_o_dash_is_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It wrote a file named "-", where every other command reads "-" as a standard stream."""
    monkeypatch.chdir(tmp_path)
    assert main(["export", BUNDLED, "--format", "json", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("{")
    assert not (tmp_path / "-").exists()


def test_export_never_writes_over_the_briefing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    briefing = tmp_path / "brief.yaml"
    briefing.write_bytes(Path(BUNDLED).read_bytes())
    before = briefing.read_bytes()
    link = tmp_path / "link.yaml"
    link.symlink_to(briefing)
    for out in (briefing, tmp_path / "." / "brief.yaml", link):
        assert main(["export", str(briefing), "--format", "md", "-o", str(out)]) == 2
        assert "is the briefing itself" in capsys.readouterr().err
    assert briefing.read_bytes() == before


def test_export_says_why_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["export", BUNDLED, "--format", "md", "-o", str(tmp_path / "file" / "x")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_export_into_a_folder_that_does_not_exist_makes_no_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in -o left new folders behind (new and import refuse it too)."""
    out = tmp_path / "nonexist" / "dir" / "x.md"
    assert main(["export", BUNDLED, "--format", "md", "-o", str(out)]) == 2
    assert capsys.readouterr().err.endswith(": cannot write: No such file or directory\n")
    assert not (tmp_path / "nonexist").exists()


def test_export_of_a_bad_file_prints_its_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "tests/data/bad/wrong-type.yaml", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "talking_points[2].text: expected text, got a mapping" in err


@pytest.mark.parametrize(
    "args",
    [
        ["export", BUNDLED],  # no --format
        ["export", BUNDLED, "--format", "pdf"],
        ["export", BUNDLED, "--format", "txt", "--width", "5"],
        ["export", "/nonexistent/brief.yaml", "--format", "txt"],
    ],
    ids=["no-format", "unknown-format", "too-narrow", "missing-file"],
)
def test_export_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert capsys.readouterr().out == ""


def test_the_reader_prints_plain_text_when_stdout_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([BUNDLED]) == 0  # pytest captures stdout: not a terminal
    assert capsys.readouterr().out == renderer("txt")(load_path(BUNDLED).briefing, 80)


def test_plain_and_width(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--plain", "--width", "40"]) == 0  # the bundled briefing
    out = capsys.readouterr().out
    assert out == renderer("txt")(load_path(BUNDLED).briefing, 40)
    assert max(len(line) for line in out.splitlines()) == 40


def test_the_plain_path_does_not_import_textual() -> None:
    code = (
        "import sys, io\n"
        "from tui.cli import main\n"
        f"status = main(['--plain', {BUNDLED!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print('STATUS', status, 'TEXTUAL', loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.splitlines()[-1] == "STATUS 0 TEXTUAL []"
