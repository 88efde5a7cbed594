"""``briefing-tui validate FILE...``: check briefing files (or folders of them) and report
their problems."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from tui.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.loading import STDIN_NAME, STDIN_SHOWN, load_briefing
from tui.cli.options import CommandParser, add_loading_options, manual
from tui.format.problems import BriefingError, Problem, UnreadableFileError
from tui.text import sanitize_line

DESCRIPTION = """Check briefing files against the format, as the reader does before it opens
one. Every problem of every file is printed on stderr, one a line, as FILE:LINE:COL:
error|warning: KEY: MESSAGE (the line and column of the value at fault). For a common
mistake (a colon or a '*' in unquoted text, a tab, an unclosed quote...) a second line,
FILE:LINE:COL: hint: ..., says what to write, at the line to change. Unknown keys are
warnings, with a suggestion; so is a quote that is not in the article word for word (case,
curly quotes and spacing aside), with the closest passage and the words that differ.
A folder stands for its briefing files (.yaml and .yml, in its subfolders too, hidden ones
left out), as a library's are found. --strict makes warnings errors. Quiet when all
files are valid, unless -v."""


def _help_sections() -> str:
    """The examples and exit status of ``validate``, for ``--help``."""
    return manual(
        (
            "examples",
            [
                ("briefing-tui validate brief.yaml", "check one file"),
                ("briefing-tui validate -v content/", "check a folder, a line per file"),
                ("briefing-tui validate --strict brief.yaml", "fail on warnings too"),
                ("briefing-tui validate - < brief.yaml", "check standard input"),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "every file is valid (warnings allowed)"),
                (str(EXIT_INVALID), "a file is not valid"),
                (
                    str(EXIT_USAGE),
                    "a usage error; a path that cannot be read or is not a regular file",
                ),
                (str(EXIT_INTERNAL), "briefing-tui itself failed (a bug; --debug shows where)"),
                (str(EXIT_INTERRUPTED), "interrupted (Ctrl+C)"),
            ],
        ),
        note="The format is described in docs/format.md; briefing-tui schema prints its"
        " JSON Schema.",
    )


def parser() -> CommandParser:
    """The parser of ``validate``."""
    command = CommandParser("briefing-tui validate", DESCRIPTION, _help_sections)
    command.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="briefing files or folders of them to check (- for standard input)",
    )
    command.add_argument(
        "-v", "--verbose", action="store_true", help="say something about each valid file too"
    )
    add_loading_options(command)
    return command


def print_problems(problems: Iterable[Problem], stream: TextIO) -> None:
    """Every problem of a briefing, one a line, each followed by its hint's line if it has one."""
    for problem in problems:
        for line in problem.lines():
            print(line, file=stream)


def _briefing_files(paths: list[str], unusable: list[str]) -> Iterator[str]:
    """Each path, a folder's briefing files in its place (shown from the current folder
    when they are under it); what could not be walked, and a folder with no briefing file,
    said on stderr and noted in ``unusable``."""
    from tui.cli.output import from_here
    from tui.library.scan import scan

    for path in paths:
        if path == STDIN_NAME or not os.path.isdir(path):
            yield path
            continue
        found = scan([path])
        for notice in found.notices:
            print(f"briefing-tui: {sanitize_line(notice)}", file=sys.stderr)
        if not found.paths:
            print(
                f"briefing-tui: {sanitize_line(path)}: no briefing file (.yaml, .yml) in it",
                file=sys.stderr,
            )
            unusable.append(path)
        yield from map(from_here, found.paths)


def run(args: argparse.Namespace) -> int:
    """Check each file, print problems, set the exit code."""
    from tui.verify import quote_problems

    status = EXIT_OK
    unusable: list[str] = []
    for path in _briefing_files(args.files, unusable):
        try:
            loaded = load_briefing(args, path)
        except UnreadableFileError as error:
            print(f"briefing-tui: {error}", file=sys.stderr)
            status = max(status, EXIT_USAGE)
            continue
        except BriefingError as error:
            print_problems(error.problems, sys.stderr)
            status = max(status, EXIT_INVALID)
            continue
        problems = sorted([*loaded.warnings, *quote_problems(loaded.briefing, strict=args.strict)])
        print_problems(problems, sys.stderr)
        if any(problem.is_error for problem in problems):
            status = max(status, EXIT_INVALID)
            continue
        if args.verbose:
            shown = STDIN_SHOWN if path == STDIN_NAME else sanitize_line(path)
            print(f"{shown}: ok ({loaded.briefing.contents})")
    return max(status, EXIT_USAGE) if unusable else status
