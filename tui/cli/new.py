"""``briefing-tui new [OUT]``: write a commented template of a briefing."""

from __future__ import annotations

import argparse
import sys

from tui.cli.exits import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from tui.cli.options import CommandParser, manual
from tui.cli.output import OutputExistsError, os_reason, write_output
from tui.text import sanitize_line

DESCRIPTION = """Write a new briefing to start from: a valid file that shows every key of the
format (the metadata, sections with paragraphs, a block quote and lists, talking points and
quotes), each with a comment saying what it is for. Replace the examples, delete what you do
not need, and check the result with briefing-tui validate. Without OUT the template is
printed on stdout. An existing file is never replaced without --force."""


def _help_sections() -> str:
    """The examples and exit status of ``new``, for ``--help``."""
    return manual(
        (
            "examples",
            [
                ("briefing-tui new brief.yaml", "start a briefing in brief.yaml"),
                ("briefing-tui new > brief.yaml", "the same, through stdout"),
                ("briefing-tui new --force brief.yaml", "start again, replacing brief.yaml"),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "the template was written"),
                (
                    str(EXIT_USAGE),
                    "a usage error; OUT exists (without --force) or cannot be written",
                ),
                (str(EXIT_INTERNAL), "briefing-tui itself failed (a bug; --debug shows where)"),
            ],
        ),
        note="The format is described in docs/format.md; briefing-tui import makes a draft"
        " from an article instead.",
    )


def parser() -> CommandParser:
    """The parser of ``new``."""
    command = CommandParser("briefing-tui new", DESCRIPTION, _help_sections)
    command.add_argument(
        "output", nargs="?", metavar="OUT", help="the file to write (default: stdout)"
    )
    command.add_argument("--force", action="store_true", help="replace OUT if it exists")
    command.add_argument(
        "--debug", action="store_true", help="show a traceback on an internal error"
    )
    return command


def run(args: argparse.Namespace) -> int:
    """Write the template."""
    from tui.authoring.template import TEMPLATE

    try:
        write_output(TEMPLATE, args.output, args.force)
    except OutputExistsError as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"briefing-tui: {sanitize_line(args.output)}: {os_reason(error)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
