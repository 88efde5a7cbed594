"""``briefing-tui validate FILE...``: check briefing files and report their problems."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from tui.cli.exits import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.options import CommandParser, add_loading_options, limits
from tui.format.problems import BriefingError, UnreadableFileError
from tui.text import sanitize_line


def parser() -> CommandParser:
    """The parser of ``validate``."""
    command = CommandParser(
        "briefing-tui validate",
        "Check briefing files. Exit 0 if all are valid (warnings allowed),"
        " 1 if any is invalid, 2 on a usage error or an unreadable path.",
    )
    command.add_argument("files", nargs="+", metavar="FILE", help="briefing files to check")
    command.add_argument(
        "-v", "--verbose", action="store_true", help="say something about each valid file too"
    )
    add_loading_options(command)
    return command


def print_problems(error: BriefingError, stream: TextIO) -> None:
    """Every problem of a briefing, one a line."""
    for problem in error.problems:
        print(problem, file=stream)


def run(args: argparse.Namespace) -> int:
    """Check each file, print problems, set the exit code."""
    from tui.format.loader import load_path

    status = EXIT_OK
    for path in args.files:
        try:
            loaded = load_path(path, limits=limits(args), strict=args.strict)
        except UnreadableFileError as error:
            print(f"briefing-tui: {error}", file=sys.stderr)
            status = max(status, EXIT_USAGE)
            continue
        except BriefingError as error:
            print_problems(error, sys.stderr)
            status = max(status, EXIT_INVALID)
            continue
        for warning in loaded.warnings:
            print(warning, file=sys.stderr)
        if args.verbose:
            briefing = loaded.briefing
            print(
                f"{sanitize_line(path)}: ok ({_count_of(len(briefing.sections), 'section')},"
                f" {_count_of(briefing.paragraph_count, 'paragraph')},"
                f" {_count_of(len(briefing.talking_points), 'talking point')},"
                f" {_count_of(len(briefing.quotes), 'quote')})"
            )
    return status


def _count_of(count: int, noun: str) -> str:
    """``1 section``, ``2 sections``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
