"""The JSON Schema: committed copy up to date, valid draft 2020-12, agrees with the loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from tui.format import loader
from tui.format.problems import BriefingError
from tui.format.schema import SCHEMA, schema_json

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "briefing.schema.json"
BAD = ROOT / "tests" / "data" / "bad"
GOOD = ROOT / "tests" / "data" / "good"

VALIDATOR = Draft202012Validator(SCHEMA)


class EditorLoader(yaml.SafeLoader):
    """YAML as editors read it for the schema (YAML 1.2): dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=EditorLoader)


def schema_errors(document: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def test_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_json(), (
        "regenerate it: briefing-tui schema > docs/briefing.schema.json"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)
    assert json.loads(schema_json()) == SCHEMA


def test_schema_knows_the_same_keys_as_the_loader() -> None:
    properties = SCHEMA["properties"]
    assert tuple(properties) == loader.TOP_LEVEL_KEYS
    assert tuple(properties["source"]["properties"]) == loader.SOURCE_KEYS
    assert tuple(properties["sections"]["items"]["properties"]) == loader.SECTION_KEYS
    point = properties["talking_points"]["items"]["oneOf"][1]
    assert tuple(point["properties"]) == loader.POINT_KEYS
    assert tuple(properties["quotes"]["items"]["properties"]) == loader.QUOTE_KEYS
    assert SCHEMA["required"] == ["title", "sections"]
    assert properties["format"]["const"] == loader.FORMAT


#: Bad files that are wrong in shape, which a schema can see.
SCHEMA_ERRORS = [
    "wrong-type.yaml",
    "missing-title.yaml",
    "missing-body.yaml",
    "empty-title.yaml",
    "crlf-empty-speaker.yaml",
    "no-sections.yaml",
    "unknown-key.yaml",
    "bad-section-id.yaml",
    "unsupported-format.yaml",
    "bad-url.yaml",
    "top-level-list.yaml",
    "several-problems.yaml",
]


@pytest.mark.parametrize("name", SCHEMA_ERRORS)
def test_schema_rejects_bad_shapes(name: str) -> None:
    assert schema_errors(yaml.safe_load((BAD / name).read_bytes())) != []


#: Not literal-text.yaml: its unquoted 1.10 and 0777 are numbers to a YAML 1.2 editor.
EDITOR_CLEAN = sorted(path.name for path in GOOD.iterdir() if path.name != "literal-text.yaml")


@pytest.mark.parametrize("name", EDITOR_CLEAN)
def test_schema_accepts_good_files_as_an_editor_reads_them(name: str) -> None:
    assert schema_errors(editor_load(GOOD / name)) == []


@pytest.mark.parametrize(
    ("document", "valid"),
    [
        ({"title": "T", "sections": [{"heading": "H", "body": "B"}]}, True),
        ({"title": "T", "sections": [{"heading": "H", "body": ["A", "B"]}]}, True),
        ({"title": "T", "subtitle": None, "sections": [{"heading": "H", "body": "B"}]}, True),
        ({"title": "T", "sections": [{"heading": "H", "body": "B", "id": "a-1"}]}, True),
        ({"title": "T", "sections": [{"heading": "H", "body": "B", "id": "A"}]}, False),
        ({"title": "T", "sections": [{"heading": "H", "body": " "}]}, False),
        (
            {"title": "T", "sections": [{"heading": "H", "body": "B"}], "published": "2024-01-05"},
            True,
        ),
        ({"title": "T", "sections": [{"heading": "H", "body": "B"}], "published": "5 Jan"}, False),
        (
            {
                "title": "T",
                "sections": [{"heading": "H", "body": "B"}],
                "talking_points": ["x", {"text": "y", "section": "h"}],
            },
            True,
        ),
        (
            {
                "title": "T",
                "sections": [{"heading": "H", "body": "B"}],
                "talking_points": [["x"]],
            },
            False,
        ),
        (
            {
                "title": "T",
                "sections": [{"heading": "H", "body": "B"}],
                "quotes": [{"speaker": "S", "text": "Q", "role": None}],
            },
            True,
        ),
        (
            {
                "title": "T",
                "sections": [{"heading": "H", "body": "B"}],
                "source": {"name": "N", "url": "ftp://example.org"},
            },
            False,
        ),
    ],
)
def test_schema_and_loader_agree_on_small_documents(document: dict[str, Any], valid: bool) -> None:
    assert (schema_errors(document) == []) is valid
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        loader.load_text(text, strict=True)
    except BriefingError:
        loaded = False
    else:
        loaded = True
    assert loaded is valid
