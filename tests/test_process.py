"""The process around the reader: the terminal it draws on, keys typed early, crashes.

These run ``briefing-tui`` on a pseudo-terminal (see ``pty_session.py``), as a user would.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from pty_session import ROOT, PtySession, briefing_tui

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")

BUNDLED = "content/blinken-colombia.yaml"
TITLE = "Colombia trying to mend"  # the title of the bundled briefing


def test_the_reader_draws_on_the_terminal_when_stderr_is_redirected(tmp_path: Path) -> None:
    errors = tmp_path / "err.txt"
    with errors.open("wb") as stderr, PtySession(briefing_tui(), tmp_path, stderr=stderr) as run:
        assert run.shows(TITLE), run.text()
        run.write(b"q")
        assert run.exit_code() == 0, run.text()
    assert errors.read_bytes() == b""  # nothing drawn there


def test_without_a_terminal_the_reader_prints_plain_text(tmp_path: Path) -> None:
    """No terminal at all (a cron job, a CI step): the briefing as plain text, as export txt."""
    done = subprocess.run(
        briefing_tui(BUNDLED),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        timeout=30,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    exported = subprocess.run(
        briefing_tui("export", BUNDLED, "--format", "txt"),
        cwd=ROOT,
        capture_output=True,
        timeout=30,
        check=True,
    )
    assert done.stdout == exported.stdout
    assert done.stdout.decode().startswith(TITLE)


def test_into_a_pipe_the_reader_prints_plain_text(tmp_path: Path) -> None:
    """``briefing-tui FILE | cat`` in a terminal: plain text, no escape sequence, exit 0."""
    out = tmp_path / "out.txt"
    command = f"{shlex.join(briefing_tui(BUNDLED))} | cat > {shlex.quote(str(out))}"
    with PtySession(["sh", "-c", f"{command}; echo EXIT=$?"], tmp_path) as run:
        assert run.shows("EXIT="), run.text()
        assert "EXIT=0" in run.text()
    text = out.read_text(encoding="utf-8")
    assert text.startswith(TITLE) and "Talking points\n" in text
    assert "\x1b" not in text  # no escape sequence: not the reader's screen


def test_a_reader_that_stops_reading_is_no_error(tmp_path: Path) -> None:
    """``briefing-tui FILE | head -1``: the pipe closes early; no traceback, exit 0."""
    process = subprocess.Popen(
        [*briefing_tui("--plain", BUNDLED)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before a byte is read: every write fails
    errors = process.stderr.read()
    assert process.wait(timeout=30) == 0
    assert errors == b""


def held_reader(go: int) -> list[str]:
    """``briefing-tui`` whose loading says ``LOADING`` and waits for a byte on ``go``.

    This holds it while it starts, after the command began and before the UI.
    """
    script = (
        "import os, sys\n"
        "import tui.format.loader as loader\n"
        "load_path = loader.load_path\n"
        "def held(*args, **kwargs):\n"
        "    print('LOADING', flush=True)\n"
        f"    os.read({go}, 1)\n"
        "    return load_path(*args, **kwargs)\n"
        "loader.load_path = held\n"
        "from tui.cli import main\n"
        f"sys.exit(main([{BUNDLED!r}]))\n"
    )
    return [sys.executable, "-c", script]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_keys_typed_while_the_reader_starts_go_where_they_are_meant(
    size: tuple[int, int], tmp_path: Path
) -> None:
    """``/duque`` and Enter, typed before the UI is up: a search, not an open search line."""
    go, let_go = os.pipe()
    try:
        with PtySession(held_reader(go), tmp_path, size=size, pass_fds=[go]) as run:
            assert run.shows("LOADING"), run.text()
            run.write(b"/duque\r")
            os.write(let_go, b"!")

            def match_highlighted(session: PtySession) -> bool:
                """The first "Duque" on screen is drawn on another background than its line."""
                for row, line in enumerate(session.lines()):
                    if "Duque" in line:
                        column = line.index("Duque")
                        cells = session.screen.buffer[row]
                        return bool(cells[column].bg != cells[column - 2].bg)
                return False

            assert run.wait_for(
                lambda session: (
                    session.lines()[-1].lstrip().startswith("? Help") and match_highlighted(session)
                )
            ), run.text()
            run.write(b"q")
            assert run.exit_code() == 0
            assert run.mode() == run.initial_mode
    finally:
        os.close(go)
        os.close(let_go)


def test_the_terminal_is_given_back_as_it_was_after_ctrl_c_while_starting(tmp_path: Path) -> None:
    go, let_go = os.pipe()
    try:
        with PtySession(held_reader(go), tmp_path, pass_fds=[go]) as run:
            assert run.shows("LOADING"), run.text()
            assert run.mode() != run.initial_mode  # keys typed now arrive as typed
            run.write(b"\x03")  # Ctrl+C
            try:
                code = run.exit_code()
            except subprocess.TimeoutExpired:  # seen in CI, at times: say what the reader was at
                pytest.fail(f"still running after Ctrl+C: {signal_state(run.process.pid)}")
            assert code == 130
            assert run.mode() == run.initial_mode
    finally:
        os.close(go)
        os.close(let_go)


def signal_state(pid: int) -> str:
    """What a process does with signals (masks from /proc), and where it waits."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        wchan = Path(f"/proc/{pid}/wchan").read_text()
    except OSError as error:
        return f"no /proc for it ({error})"
    wanted = ("State", "SigBlk", "SigIgn", "SigCgt", "Threads")
    return "; ".join(line for line in status if line.split(":")[0] in wanted) + f"; wchan {wchan}"


def test_the_terminal_is_given_back_as_it_was_after_a_bad_file(tmp_path: Path) -> None:
    with PtySession(briefing_tui("tests/data/bad/wrong-type.yaml"), tmp_path) as run:
        assert run.exit_code() == 1
        assert "expected text, got a mapping" in run.text()
        assert run.mode() == run.initial_mode


def crashing_reader(*args: str) -> list[str]:
    """``briefing-tui ARGS`` in which ``?`` (help) raises: a bug, made from outside the product."""
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        "from tui.ui.app import BriefingApp\n"
        "def broken(self):\n"
        "    raise RuntimeError('boom from the test')\n"
        "BriefingApp.action_help = broken\n"
        f"sys.exit(main({list(args)!r}))\n"
    )
    return [sys.executable, "-c", script]


def crash(state_dir: Path, tmp_path: Path, *args: str) -> tuple[int, list[str], bytes]:
    """Run the crashing reader, press ``?``: its exit code, stderr lines, and terminal output."""
    errors = tmp_path / "stderr.txt"
    with (
        errors.open("wb") as stderr,
        PtySession(crashing_reader(*args), state_dir, stderr=stderr) as run,
    ):
        assert run.shows(TITLE), run.text()
        run.write(b"?")
        code = run.exit_code()
        output = run.output
    return code, errors.read_text(encoding="utf-8").splitlines(), output


def logged_file(line: str) -> Path:
    """The file the one line names (the word that is an existing file)."""
    names = [Path(word.rstrip(".,;:")) for word in line.split()]
    files = [path for path in names if path.is_absolute() and path.is_file()]
    assert len(files) == 1, line
    return files[0]


def test_a_crash_is_one_line_naming_a_log_of_the_traceback(tmp_path: Path) -> None:
    state = tmp_path / "state"
    code, lines, output = crash(state, tmp_path)
    assert code == 3
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefing-tui: internal error")
    log = logged_file(lines[0])
    assert log.parent == state and log.name.startswith("crash-") and log.suffix == ".log"
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: boom from the test" in text
    assert "in broken" in text  # where it happened
    assert b"\x1b[?1049l" in output  # the terminal was given back (the alternate screen left)


def test_a_crash_log_goes_to_a_temporary_file_when_the_state_folder_cannot_be_written(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    code, lines, _ = crash(blocker / "state", tmp_path)
    assert code == 3
    assert len(lines) == 1, lines
    assert "could not" in lines[0] and str(blocker / "state") in lines[0]
    log = logged_file(lines[0])
    assert not log.is_relative_to(tmp_path)
    try:
        assert "RuntimeError: boom from the test" in log.read_text(encoding="utf-8")
    finally:
        log.unlink()


def test_with_debug_a_crash_shows_the_whole_traceback(tmp_path: Path) -> None:
    code, lines, _ = crash(tmp_path / "state", tmp_path, "--debug")
    assert code == 3
    text = "\n".join(lines)
    assert "RuntimeError: boom from the test" in text and len(lines) > 10
    assert not (tmp_path / "state").exists()  # no log written


def test_a_failure_before_the_app_runs_is_logged_too(
    stdout_is_a_terminal: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tui.cli import main
    from tui.storage import positions

    def broken(*_args: object) -> None:
        raise RuntimeError("no positions today")

    monkeypatch.setenv("BRIEFING_TUI_STATE_DIR", str(tmp_path))
    monkeypatch.setattr(positions.PositionStore, "__init__", broken)
    assert main([str(ROOT / BUNDLED)]) == 3
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    assert "RuntimeError: no positions today" in logged_file(lines[0]).read_text()


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (b"]]", "US priorities"),  # the heading brought to the top
        (b"G", "End"),  # the bottom border says where the view is
        (b"3\r", "Article · 3/5 · US priorities"),  # the first quote's passage (a jump)
    ],
    ids=["sections", "bottom", "jump"],
)
def test_moves_typed_while_the_reader_starts_are_made(
    keys: bytes, expected: str, tmp_path: Path
) -> None:
    """Typed before the article has its size, a move is made once it has (not lost at the top)."""
    go, let_go = os.pipe()
    try:
        with PtySession(held_reader(go), tmp_path, size=(120, 40), pass_fds=[go]) as run:
            assert run.shows("LOADING"), run.text()
            run.write(keys)
            os.write(let_go, b"!")
            assert run.wait_for(
                lambda session: any(
                    expected in line for line in session.lines()[4:8] + session.lines()[-3:]
                )
            ), run.text()
            run.write(b"q")
            assert run.exit_code() == 0
    finally:
        os.close(go)
        os.close(let_go)
