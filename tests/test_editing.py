"""From the reader to the editor and back: ``e``, ``--line``, and the lines of passages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.document import BodyDocument
from tui.document.source_lines import block_of_line, line_of_block
from tui.format.loader import load_path
from tui.format.watch import BriefingFile
from tui.ui.app import BriefingApp
from tui.ui.editor import editor_command

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "content" / "blinken-colombia.yaml"


def file_line(text: str) -> int:
    """The 1-based line of the bundled file where ``text`` first appears."""
    for number, line in enumerate(BUNDLED.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(text)


def test_blocks_and_file_lines_map_both_ways() -> None:
    briefing = load_path(BUNDLED).briefing
    document = BodyDocument(briefing)
    for text in ["Blinken sought to reassert", "We see a massive", "Joint approach to mass"]:
        block = next(b for b in range(len(document)) if document.texts[b].startswith(text))
        assert line_of_block(briefing, document, block) == file_line(text)
        assert block_of_line(briefing, document, file_line(text)) == block
        if not text.startswith("Joint"):  # a text written over several lines
            assert block_of_line(briefing, document, file_line(text) + 1) == block
    credit = document.texts.index("US Secretary of State Antony Blinken")
    assert line_of_block(briefing, document, credit) == file_line("attribution:")
    heading = document.section_blocks[2]  # "US priorities": its first text's line
    assert line_of_block(briefing, document, heading) == file_line("Blinken sought to reassert")
    assert block_of_line(briefing, document, 1) == 0  # before the body: the top


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"VISUAL": "vim", "EDITOR": "nano"}, ["vim", "+12", "b.yaml"]),
        ({"EDITOR": "code --wait"}, ["code", "--wait", "+12", "b.yaml"]),
        ({"EDITOR": "'my editor' -x"}, ["my editor", "-x", "+12", "b.yaml"]),
        ({}, None),
        ({"EDITOR": ""}, None),
        ({"EDITOR": "'unclosed"}, None),
    ],
)
def test_the_editor_command(environment: dict[str, str], expected: list[str] | None) -> None:
    assert editor_command(environment, "b.yaml", 12) == expected


async def test_e_says_what_to_set_when_there_is_no_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notes: list[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    path = tmp_path / "b.yaml"
    path.write_bytes(BUNDLED.read_bytes())
    app = BriefingApp(load_path(path).briefing, source=BriefingFile(str(path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert notes[-1] == "Set $VISUAL or $EDITOR to edit the briefing from here."


async def test_line_opens_at_its_passage() -> None:
    briefing = load_path(BUNDLED).briefing
    app = BriefingApp(briefing, line=file_line("Blinken sought to reassert") + 1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        body = app.screen.body  # type: ignore[attr-defined]
        top = body.top_block()
        assert body.document.texts[top].startswith("Blinken sought to reassert")
        assert str(body.border_title).endswith("US priorities")
