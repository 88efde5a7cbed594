"""A briefing read from standard input: ``briefing-tui -``, ``export -`` and ``validate -``."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.cli.loading import load_briefing
from tui.format.limits import Limits
from tui.format.problems import UnreadableFileError

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = (ROOT / "content" / "blinken-colombia.yaml").read_bytes()


class Stdin:
    """What ``sys.stdin`` is for the code: text with a binary ``buffer``."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def args(max_bytes: int = Limits().max_bytes) -> argparse.Namespace:
    return argparse.Namespace(
        strict=False, max_size=max_bytes, max_depth=64, max_aliases=0, debug=False
    )


def test_standard_input_is_read_within_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", Stdin(BUNDLED))
    loaded = load_briefing(args(), "-")
    assert loaded.briefing.title.startswith("Colombia trying to mend")
    assert loaded.briefing.path == "<stdin>"
    monkeypatch.setattr(sys, "stdin", Stdin(BUNDLED))
    with pytest.raises(UnreadableFileError, match=r"<stdin>: more than the 100-byte limit"):
        load_briefing(args(100), "-")


def test_export_reads_standard_input_and_places_errors_in_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", Stdin(BUNDLED))
    assert main(["export", "-", "--format", "txt"]) == 0
    assert capsys.readouterr().out.startswith("Colombia trying to mend")
    monkeypatch.setattr(sys, "stdin", Stdin(b"title: [x\n"))
    assert main(["export", "-", "--format", "json"]) == 1
    assert capsys.readouterr().err.startswith("<stdin>:2:1: error: YAML syntax:")


def test_validate_reads_standard_input_and_places_errors_in_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", Stdin(BUNDLED))
    assert main(["validate", "-v", "-"]) == 0
    assert capsys.readouterr().out.startswith("<stdin>: ok (")
    monkeypatch.setattr(sys, "stdin", Stdin(b"title: [x\n"))
    assert main(["validate", "-"]) == 1
    assert capsys.readouterr().err.startswith("<stdin>:2:1: error: YAML syntax:")
