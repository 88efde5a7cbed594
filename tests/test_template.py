"""``briefing-tui new``: a commented template that validates and shows every key of the format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tui.authoring.template import TEMPLATE
from tui.cli import main
from tui.format.loader import load_text
from tui.format.schema import schema_json
from tui.model import BlockQuote, ListBlock


def keys(node: Any) -> set[str]:
    """Every mapping key in a parsed YAML or JSON tree."""
    if isinstance(node, dict):
        return set(node).union(*(keys(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(keys(value) for value in node))
    return set()


def schema_keys(node: Any) -> set[str]:
    """Every key that the JSON Schema names under ``properties``, at any depth."""
    found: set[str] = set()
    if isinstance(node, dict):
        found |= set(node.get("properties", {}))
        for value in node.values():
            found |= schema_keys(value)
    elif isinstance(node, list):
        for value in node:
            found |= schema_keys(value)
    return found


def test_the_template_validates_without_warnings() -> None:
    loaded = load_text(TEMPLATE, "new.yaml", strict=True)
    assert loaded.warnings == []
    blocks = [block for section in loaded.briefing.sections for block in section.blocks]
    assert any(isinstance(block, BlockQuote) for block in blocks)
    assert {block.numbered for block in blocks if isinstance(block, ListBlock)} == {True, False}


def test_the_template_shows_every_key_with_comments() -> None:
    expected = schema_keys(json.loads(schema_json()))
    assert {"title", "quote", "bullets", "numbered", "attribution", "url"} <= expected
    assert expected <= keys(yaml.safe_load(TEMPLATE))
    assert TEMPLATE.startswith("# yaml-language-server: $schema=")
    assert TEMPLATE.count("#") > 20


def test_new_prints_the_template_without_a_file(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["new"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == TEMPLATE


def test_new_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.yaml"
    assert main(["new", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == TEMPLATE
    out.write_text("my work", encoding="utf-8")
    assert main(["new", str(out)]) == 2
    assert "brief.yaml: already exists; --force replaces it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "my work"
    assert main(["new", "--force", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == TEMPLATE


def test_new_into_a_missing_folder_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "nowhere" / "brief.yaml")]) == 2
    assert "No such file or directory" in capsys.readouterr().err
