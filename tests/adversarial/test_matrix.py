"""The adversarial matrix (see matrix.py): for every hostile input, ``validate``'s exit code, time
and messages; the same refusal from the reader's command; and what the reader shows of the
files that load, at 80x24, literally and without a control character.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from makers import REPO
from matrix import CASES, OK, Case
from snapshot_apps import screen_lines, screen_strips
from textual.strip import Strip

from tui.cli import main
from tui.cli.options import limits
from tui.cli.validate import parser as validate_parser
from tui.format.loader import load_path

STATIC = "tests/adversarial/cases"
"""The static cases, relative to the repository (the tests run from there)."""

CONTROL = "\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
"""C0 controls (but newline), DEL, C1 controls, bidi overrides and isolates, lone surrogates."""
IN_MESSAGES = re.compile(f"[{CONTROL}]")
ON_SCREEN = re.compile(
    f"[\n{CONTROL}"
    "\u00ad\u061c\u200b\u200d-\u200f\u2060-\u2064\ufe0e\ufe0f\ufeff\U0001f3fb-\U0001f3ff"
    "\U000e0000-\U000e0fff]"
)
"""Also what the reader removes: zero-width and invisible characters, tag characters, the
joiner, presentation selectors and skin tones of emoji sequences (they push borders out);
not the zero-width non-joiner U+200C, which Persian and Indic scripts need."""
POSITIONED = re.compile(r".+:\d+:\d+: (error|warning|hint): \S")
"""A problem in a file, ``FILE:LINE:COL: severity: message``, or how to fix it (``hint:``)."""
HINT = re.compile(r".+:\d+:\d+: hint: ")
LONGEST_MESSAGE = 400
"""Characters a message may have besides the path: text quoted from the file is cut short."""
SIZE = (80, 24)


def params(cases: list[Case]) -> list[object]:
    return [
        pytest.param(case, id=case.name, marks=[pytest.mark.big] if case.big else [])
        for case in cases
    ]


@dataclass(frozen=True)
class Given:
    """A case made ready: the path given on the command line, and its folder."""

    path: str
    folder: str

    def expected(self, case: Case) -> list[str | re.Pattern[str]]:
        """The case's messages for this path: text, or patterns (with the path escaped)."""
        return [
            message.format(path=self.path, dir=self.folder)
            if isinstance(message, str)
            else re.compile(
                message.pattern.format(path=re.escape(self.path), dir=re.escape(self.folder))
            )
            for message in case.messages
        ]


def matches(line: str, expected: str | re.Pattern[str]) -> bool:
    """True if the line starts with the expected text, or matches the expected pattern."""
    return line.startswith(expected) if isinstance(expected, str) else bool(expected.match(line))


def given(case: Case, folder: Path) -> Given:
    """Build the case (or find its static file), or skip the test if it cannot be checked here."""
    why = case.skip() if case.skip else None
    if why:
        pytest.skip(why)
    if case.make is None:
        return Given(f"{STATIC}/{case.file or case.name}", STATIC)
    folder.mkdir(exist_ok=True)
    path = case.make(folder)
    return Given(path, os.path.dirname(path))


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def assert_messages(err: str, case: Case, at: Given) -> None:
    """Exactly the expected lines, each one line, positioned or naming the path, clean."""
    assert "Traceback" not in err
    found = IN_MESSAGES.search(err)
    assert found is None, f"{found.group()!r} in {err!r}"
    lines = err.splitlines()
    for line in lines:
        assert POSITIONED.match(line) or line.startswith("briefing-tui: "), line
        assert len(line) <= len(at.path) + LONGEST_MESSAGE, f"{len(line)} characters: {line!r}"
    lines = [line for line in lines if not HINT.match(line)]  # each under its problem
    expected = at.expected(case)
    assert len(lines) == (case.lines or len(expected)), err
    for line, start in zip(lines, expected, strict=False):
        assert matches(line, start), f"{line!r} does not match {start!r}"


# -- the table itself --------------------------------------------------------------------


def test_the_matrix_is_big_enough_and_every_static_file_is_a_case() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    static = {case.file or case.name for case in CASES if case.make is None}
    assert static == {path.name for path in (REPO / STATIC).iterdir()}


def test_every_file_that_loads_is_looked_at_on_screen() -> None:
    assert [case.name for case in CASES if (case.exit == OK) != bool(case.screens)] == []


# -- validate ------------------------------------------------------------------------------


def command(
    case: Case, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """``briefing-tui ARGV``: its exit code, stdout and stderr.

    In this process, or in a child with a timeout for a case that would hang if it regressed.
    """
    if not case.may_hang:
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err
    result = cli(argv, timeout=30)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: unlike the wall clock, it does not
    grow when other work shares the machine, so a budget fails only when the code is slow."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def cli(argv: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """``python -m tui ARGV`` in a fresh interpreter (the test fails if it outlasts ``timeout``)."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("case", params(CASES))
def test_validate(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    at = given(case, tmp_path)
    start = cpu_seconds()
    code, out, err = command(case, ["validate", *case.args, at.path], capsys)
    seconds = cpu_seconds() - start
    assert (code, out) == (case.exit, "")
    assert_messages(err, case, at)
    budget = case.budget + (1.0 if case.may_hang else 0.0)  # a child starts Python first
    assert seconds <= budget, f"validate took {seconds:.2f} s of CPU (budget {budget} s)"


REFUSED = [case for case in CASES if case.exit != OK and not case.big]


@pytest.mark.parametrize(
    "case",
    # An empty folder has no briefing for validate, but the reader opens it as a library
    # (tests/test_library_cli.py).
    params([case for case in REFUSED if case.name != "directory"]),
)
def test_the_reader_refuses_it_as_validate_does(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    at = given(case, tmp_path)
    code, out, err = command(case, [*case.args, at.path], capsys)
    assert (code, out) == (case.exit, "")
    assert_messages(err, case, at)


def test_in_a_real_process_nothing_but_the_messages_reaches_stderr(tmp_path: Path) -> None:
    """Every case without options in one ``validate`` run: the FIFO does not hang it, and
    stderr is UTF-8, clean, without a traceback, and says what each case expects."""
    cases = [case for case in CASES if not case.args and not (case.skip and case.skip())]
    ready = [given(case, tmp_path / case.name) for case in cases]
    result = cli(["validate", *(at.path for at in ready)], timeout=60)
    assert result.returncode == max(case.exit for case in cases)
    assert result.stdout == b""
    err = result.stderr.decode("utf-8")  # strictly: nothing that is not UTF-8 either
    assert "Traceback" not in err
    found = IN_MESSAGES.search(err)
    assert found is None, f"{found.group()!r} in stderr"
    lines = err.splitlines()
    for case, at in zip(cases, ready, strict=True):
        for message in at.expected(case):
            assert any(matches(line, message) for line in lines), message


# -- the reader --------------------------------------------------------------------------------


def assert_clean(strips: list[Strip], where: str) -> None:
    """No control or invisible character, no link but to http(s), no click action."""
    for y, strip in enumerate(strips):
        for segment in strip:
            found = ON_SCREEN.search(segment.text)
            assert found is None, f"{where}, line {y}: {found.group()!r} in {segment.text!r}"
            style = segment.style
            if style is None:
                continue
            if style.link is not None:
                assert re.match(r"https?://", style.link), (where, style.link)
                assert not ON_SCREEN.search(style.link), (where, style.link)
            assert "@click" not in style.meta, (where, style.meta)


LOADED = [case for case in CASES if case.screens]


@pytest.mark.parametrize("case", params(LOADED))
async def test_the_reader_shows_it_literally(case: Case, tmp_path: Path, reader) -> None:
    at = given(case, tmp_path)
    args = validate_parser().parse_args([*case.args, at.path])
    loaded = load_path(at.path, limits=limits(args), strict=args.strict)
    start = cpu_seconds()
    async with reader(loaded.briefing, SIZE, loaded.warnings, notifications=True) as (pilot, _):
        for view in case.screens:
            if view.keys:
                start = cpu_seconds()
                await pilot.press(*view.keys.split())
            await pilot.pause()
            seconds = cpu_seconds() - start
            where = f"after {view.keys!r}" if view.keys else "at start"
            if case.seconds is not None:
                assert seconds <= case.seconds, f"{where}: {seconds:.2f} s of CPU"
            lines = screen_lines(pilot.app)
            for text in view.shows:
                assert any(text in line for line in lines), (
                    f"{where}: {text!r} not on screen:\n" + "\n".join(lines)
                )
            assert_clean(screen_strips(pilot.app), where)
