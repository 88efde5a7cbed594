"""Opening a briefing at a section: ``--section ID`` and ``FILE#ID``."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tui.cli import main
from tui.cli.reader import split_section
from tui.ui.app import BriefingApp

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = "content/blinken-colombia.yaml"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_file_hash_id_is_file_and_section(tmp_path: Path) -> None:
    args = argparse.Namespace(file=f"{BUNDLED}#us-priorities", section=None)
    split_section(args)
    assert (args.file, args.section) == (BUNDLED, "us-priorities")
    named = tmp_path / "notes#1.yaml"  # a real file with a '#' in its name stays whole
    named.write_text("x", encoding="utf-8")
    args = argparse.Namespace(file=str(named), section=None)
    split_section(args)
    assert (args.file, args.section) == (str(named), None)


@pytest.mark.parametrize("argv", [[f"{BUNDLED}#nope"], [BUNDLED, "--section", "nope"]])
def test_an_unknown_section_is_an_error_naming_the_ids(argv, capsys, stdout_is_a_terminal) -> None:
    assert main(argv) == 2
    _, err = capsys.readouterr()
    assert err == (
        "briefing-tui: no section has id 'nope'; the ids are: the-visit, strained-relations,"
        " us-priorities, talking-points, youth-representatives\n"
    )


async def test_the_reader_opens_at_the_section(seed) -> None:
    app = BriefingApp(seed, section=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        body = app.screen.body  # type: ignore[attr-defined]
        assert str(body.border_title) == "Article · 3/5 · US priorities"
        assert round(body.scroll_y) == body.lay_out().tops[body.document.section_blocks[2]]
