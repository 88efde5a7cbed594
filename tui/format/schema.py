"""The JSON Schema (draft 2020-12) of briefing format v1.

Editors with yaml-language-server use it to validate and complete briefings.
The loader is the authority (it also checks what a schema cannot: unique
section ids, references to them, real dates); this schema agrees with it on
every shape.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://briefing-tui.invalid/schema/briefing-1.json"

_TEXT: dict[str, Any] = {"type": ["string", "null"]}
"""Optional text; an empty value (``subtitle:``) or ``~`` means the key is absent."""
_REQUIRED_TEXT: dict[str, Any] = {"type": "string", "pattern": r"\S"}
_SLUG: dict[str, Any] = {"type": "string", "pattern": "^[a-z0-9-]+$"}
_TEXT_LIST: dict[str, Any] = {"type": "array", "items": _REQUIRED_TEXT}
_BLOCK_QUOTE: dict[str, Any] = {
    "type": "object",
    "description": "A block quote, set apart from the reporting, with who said it.",
    "required": ["quote"],
    "properties": {
        "quote": _REQUIRED_TEXT,
        "speaker": _TEXT,
        "role": _TEXT,
        "attribution": {**_TEXT, "description": "The credit line as the article words it."},
    },
    "additionalProperties": False,
}
_BULLETS: dict[str, Any] = {
    "type": "object",
    "description": "A bulleted list.",
    "required": ["bullets"],
    "properties": {"bullets": _TEXT_LIST},
    "additionalProperties": False,
}
_NUMBERED: dict[str, Any] = {
    "type": "object",
    "description": "A numbered list.",
    "required": ["numbered"],
    "properties": {"numbered": _TEXT_LIST},
    "additionalProperties": False,
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Briefing (format briefing/1)",
    "description": "A news or policy briefing read by briefing-tui.",
    "type": "object",
    "required": ["title", "sections"],
    "properties": {
        "format": {"const": "briefing/1", "description": "The format version."},
        "title": {**_REQUIRED_TEXT, "description": "The headline."},
        "subtitle": _TEXT,
        "summary": _TEXT,
        "location": _TEXT,
        "language": {
            "type": ["string", "null"],
            "description": "The language it is written in: a BCP 47 tag (en, es, pt-BR).",
            "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        },
        "source": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": _REQUIRED_TEXT,
                "url": {"type": ["string", "null"], "pattern": "^https?://[^\\s/]+"},
            },
            "additionalProperties": False,
        },
        "published": {
            "type": ["string", "null"],
            "description": "YYYY-MM-DD or an ISO 8601 date-time; shown as written.",
            "pattern": (
                r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$"
            ),
        },
        "authors": _TEXT_LIST,
        "tags": _TEXT_LIST,
        "sections": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["heading", "body"],
                "properties": {
                    "id": {**_SLUG, "description": "Defaults to a slug of the heading."},
                    "heading": _REQUIRED_TEXT,
                    "body": {
                        "description": (
                            "Paragraphs separated by blank lines; or a list of paragraphs,"
                            " block quotes (quote:) and lists (bullets: or numbered:)."
                        ),
                        "oneOf": [
                            _REQUIRED_TEXT,
                            {
                                "type": "array",
                                "items": {
                                    "oneOf": [_REQUIRED_TEXT, _BLOCK_QUOTE, _BULLETS, _NUMBERED]
                                },
                            },
                        ],
                    },
                },
                "additionalProperties": False,
            },
        },
        "talking_points": {
            "type": "array",
            "items": {
                "oneOf": [
                    _REQUIRED_TEXT,
                    {
                        "type": "object",
                        "required": ["text"],
                        "properties": {"text": _REQUIRED_TEXT, "section": _SLUG},
                        "additionalProperties": False,
                    },
                ]
            },
        },
        "quotes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["speaker", "text"],
                "properties": {
                    "speaker": _REQUIRED_TEXT,
                    "text": _REQUIRED_TEXT,
                    "role": _TEXT,
                    "section": _SLUG,
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def schema_json() -> str:
    """The schema as pretty-printed JSON text, ending in a newline."""
    return json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n"
