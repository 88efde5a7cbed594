"""Strings from outside (file names, state paths, arguments) never reach the terminal raw."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from snapshot_apps import HOSTILE_PATH, screen_lines, screen_strips
from test_hostile import assert_clean

from tui.format.loader import load_bytes
from tui.storage.positions import PositionStore
from tui.ui.screens.info import InfoScreen

ROOT = Path(__file__).resolve().parent.parent

EVIL_NAME = "evil\x1b]2;FNAMEPWNED\x07\x1b[31m.yaml"
EVIL_SHOWN = "evil␛]2;FNAMEPWNED␇␛[31m.yaml"
LATIN1_NAME = os.fsdecode(b"caf\xe9.yaml")  # not UTF-8: a lone surrogate once decoded
"""``café.yaml`` written in Latin-1, as ``os.fsdecode`` (and ``sys.argv``) give it."""

# What must never reach a terminal: C0 (but newline), DEL, C1, bidi controls, lone surrogates.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.mark.parametrize(
    ("name", "shown"),
    [(EVIL_NAME, EVIL_SHOWN), (LATIN1_NAME, "caf\ufffd.yaml")],
    ids=["escapes", "not-utf8"],
)
@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_the_info_screen_shows_a_hostile_file_name_literally(reader, name, shown, size):
    briefing = load_bytes(HOSTILE_PATH.read_bytes(), f"/tmp/{name}").briefing
    async with reader(briefing, size) as (pilot, _screen):
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InfoScreen)
        text = "".join(line.strip() for line in screen_lines(pilot.app))
        assert f"/tmp/{shown}" in text
        assert_clean(screen_strips(pilot.app), "info screen")


async def test_a_state_path_in_a_warning_toast_is_literal(reader, seed, tmp_path):
    folder = tmp_path / "state\x1b]2;STATEPWNED\x07"
    (folder / "positions.json").mkdir(parents=True)  # a folder where the file should be
    store = PositionStore(folder / "positions.json")
    async with reader(seed, positions=store, notifications=True) as (pilot, _screen):
        await pilot.pause()
        text = "".join(line.strip() for line in screen_lines(pilot.app))
        assert "state␛]2;STATEPWNED␇" in text
        assert_clean(screen_strips(pilot.app), "toast")


def run(*args: str | bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``python -m tui ARGS`` in a fresh interpreter, its output as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=60,
        check=False,
    )


def assert_no_controls(output: bytes) -> str:
    text = output.decode("utf-8")  # strict: nothing that is not UTF-8 either
    found = CONTROL.search(text)
    assert found is None, f"{found.group()!r} in {text!r}"
    return text


@pytest.mark.parametrize(
    ("name", "shown"),
    [(os.fsencode(EVIL_NAME), EVIL_SHOWN), (b"caf\xe9.yaml", "caf\ufffd.yaml")],
    ids=["escapes", "not-utf8"],
)
def test_validate_prints_hostile_file_names_literally(tmp_path, name, shown):
    folder = os.fsencode(tmp_path)
    good, bad, gone = (os.path.join(folder, prefix + name) for prefix in (b"", b"bad-", b"gone-"))
    with open(good, "wb") as file:
        file.write(HOSTILE_PATH.read_bytes())  # valid, with warnings
    with open(bad, "wb") as file:
        file.write(b"title: ''\n")
    result = run("validate", "-v", good, bad, gone, cwd=tmp_path)  # type: ignore[arg-type]
    assert result.returncode == 2
    err = assert_no_controls(result.stderr)
    out = assert_no_controls(result.stdout)
    assert out.startswith(f"{tmp_path}/{shown}: ok (")
    assert f"{tmp_path}/{shown}:2:8: warning: title:" in err
    assert f"{tmp_path}/bad-{shown}:1:8: error: title: must not be empty" in err
    assert f"briefing-tui: {tmp_path}/gone-{shown}: no such file" in err


@pytest.mark.parametrize("command", [[], ["validate"]], ids=["reader", "validate"])
def test_unknown_arguments_are_named_literally(tmp_path, command):
    result = run(*command, "--x\x1b]2;ARGPWNED\x07", os.fsencode(tmp_path) + b"/\xe9", cwd=tmp_path)
    assert result.returncode == 2
    err = assert_no_controls(result.stderr)
    assert "--x␛]2;ARGPWNED␇" in err


def test_a_background_load_that_fails_names_the_file_literally(
    stdout_is_a_terminal, tmp_path, monkeypatch, capsys
):
    from tui.cli import main
    from tui.format import loader

    path = tmp_path / EVIL_NAME
    path.write_bytes(HOSTILE_PATH.read_bytes())

    def fails(name: object, **_options: object) -> object:
        raise ValueError(f"cannot load {name}")  # a bug, its message naming the file

    monkeypatch.setattr(loader, "load_path", fails)  # in the forked loading process too
    assert main([str(path)]) == 3
    err = capsys.readouterr().err
    assert err == (
        f"briefing-tui: loading failed in the background: ValueError: cannot load"
        f" {tmp_path}/{EVIL_SHOWN}\n"
    )
