"""``briefing-tui schema``: print the JSON Schema of the briefing format."""

from __future__ import annotations

import argparse
import sys

from tui.cli.exits import EXIT_OK
from tui.cli.options import CommandParser


def parser() -> CommandParser:
    """The parser of ``schema``."""
    return CommandParser(
        "briefing-tui schema", "Print the JSON Schema (draft 2020-12) of briefing format v1."
    )


def run(args: argparse.Namespace) -> int:
    """Print the schema on stdout."""
    from tui.format.schema import schema_json

    sys.stdout.write(schema_json())
    return EXIT_OK
