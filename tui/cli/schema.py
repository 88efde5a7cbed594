"""``briefing-tui schema``: print the JSON Schema of the briefing format."""

from __future__ import annotations

import argparse
import sys

from tui.cli.exits import EXIT_OK
from tui.cli.options import CommandParser, manual

DESCRIPTION = """Print the JSON Schema (draft 2020-12) of briefing format v1 on stdout, for
editors that check and complete YAML against a schema (yaml-language-server, and the
editors that use it). The same schema is docs/briefing.schema.json in the source."""


def _help_sections() -> str:
    """The examples and exit status of ``schema``, for ``--help``."""
    return manual(
        (
            "examples",
            [
                ("briefing-tui schema > briefing.schema.json", "save it beside your briefings"),
                ("briefing-tui schema | jq .properties", "the top-level keys and their rules"),
            ],
        ),
        ("exit status", [(str(EXIT_OK), "the schema was printed")]),
        note="To have an editor check a briefing against the saved schema, make this the"
        " briefing's first line: # yaml-language-server: $schema=briefing.schema.json",
    )


def parser() -> CommandParser:
    """The parser of ``schema``."""
    return CommandParser("briefing-tui schema", DESCRIPTION, _help_sections)


def run(args: argparse.Namespace) -> int:
    """Print the schema on stdout."""
    from tui.format.schema import schema_json

    sys.stdout.write(schema_json())
    return EXIT_OK
