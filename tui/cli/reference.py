"""The command-line reference, ``docs/cli.md``, written from the commands' own parsers.

Run ``python -m tui.cli.reference > docs/cli.md`` after changing a command or its
help; a test fails while the committed file and the parsers disagree.
"""

from __future__ import annotations

import argparse
import sys

from tui.cli.commands import COMMANDS, READER, Command

WIDTH = 78
"""Columns of the help in the reference: what ``--help`` prints on an 80-column terminal."""

REGENERATE = "python -m tui.cli.reference > docs/cli.md"
"""The command that writes the reference."""


class _AtWidth(argparse.RawDescriptionHelpFormatter):
    """The commands' help formatter, at :data:`WIDTH` columns (not the terminal's)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=WIDTH)


def command_help(command: Command) -> str:
    """What ``--help`` prints for ``command``, at :data:`WIDTH` columns whatever the terminal."""
    parser = command.parser()
    parser.formatter_class = _AtWidth
    return parser.format_help()


def reference() -> str:
    """The whole reference, in Markdown: every command's help, the reader's first."""
    parts = [
        "# Command-line reference\n",
        "Every command's `--help`, as printed on an 80-column terminal. This file is\n"
        f"generated from the parsers in `tui/cli/` by `{REGENERATE}`;\n"
        "do not edit it by hand (`tests/test_cli_reference.py` fails when it is out of step).\n",
    ]
    for command in (READER, *COMMANDS.values()):
        name = f"briefing-tui {command.name}".rstrip()
        summary = command.summary[:1].upper() + command.summary[1:]
        parts.append(f"## {name}\n\n{summary}.\n")
        parts.append(f"```text\n{command_help(command).rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(reference())
