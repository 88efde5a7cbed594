"""``briefing-tui export FILE --format md|html|txt|json [-o OUT]``, and the reader's plain text.

Nothing here imports Textual: an export, and the reader's output into a pipe
(``briefing-tui FILE | less``), cost the load and the rendering only.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.options import (
    CommandParser,
    add_loading_options,
    add_width_option,
    manual,
    text_width,
)
from tui.cli.output import os_reason, print_out
from tui.cli.validate import print_problems
from tui.export import FORMATS, renderer
from tui.format.problems import BriefingError, UnreadableFileError
from tui.model import Loaded
from tui.text import sanitize_line

DESCRIPTION = """Write a briefing in another format: Markdown (md), one self-contained HTML
page (html: no script, nothing fetched, light and dark, printable; talking points and
quotes link to their passages), plain text wrapped as the reader shows it (txt) or the
loaded briefing as JSON (json: valid against the format's schema, section ids filled in;
it loads back as the same briefing). On stdout, or into a file with -o. A briefing that is
not valid is not exported: its problems are printed, as by validate."""


def _help_sections() -> str:
    """The examples and exit status of ``export``, for ``--help``."""
    return manual(
        (
            "examples",
            [
                ("briefing-tui export brief.yaml --format md", "Markdown on stdout"),
                ("briefing-tui export brief.yaml --format html -o brief.html", "a web page"),
                ("briefing-tui export brief.yaml --format txt --width 72", "text, 72 columns"),
                ("briefing-tui export brief.yaml --format json | jq .sections", "the data"),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "the briefing was written"),
                (str(EXIT_INVALID), "the briefing is not valid (its problems are on stderr)"),
                (
                    str(EXIT_USAGE),
                    "a usage error; a path that cannot be read or is not a regular file;"
                    " OUT is FILE, or cannot be written",
                ),
                (str(EXIT_INTERNAL), "briefing-tui itself failed (a bug; --debug shows where)"),
                (str(EXIT_INTERRUPTED), "interrupted (Ctrl+C)"),
            ],
        ),
        note="-o writes OUT whole or not at all (a new file renamed into place), and never"
        " over FILE. Without -o, the reader's own command prints the same plain text as"
        " --format txt when its output is not a terminal (briefing-tui brief.yaml | less).",
    )


def parser() -> CommandParser:
    """The parser of ``export``."""
    command = CommandParser("briefing-tui export", DESCRIPTION, _help_sections)
    command.add_argument("file", metavar="FILE", help="the briefing to export")
    output = command.add_argument_group("output")
    output.add_argument(
        "--format",
        required=True,
        choices=list(FORMATS),
        help="md (Markdown), html, txt (plain text) or json",
    )
    output.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT (not FILE) instead of stdout (- is stdout, as elsewhere)",
    )
    add_width_option(output)
    add_loading_options(command)
    return command


def load(args: argparse.Namespace, path: str | None) -> Loaded | int:
    """The briefing (None: the bundled one; ``-``: standard input), its warnings said on
    stderr; or the exit code, said why on stderr."""
    from tui.cli.loading import load_briefing

    try:
        loaded = load_briefing(args, path)
    except UnreadableFileError as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BriefingError as error:
        print_problems(error.problems, sys.stderr)
        return EXIT_INVALID
    print_problems(loaded.warnings, sys.stderr)
    return loaded


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # OUT does not exist yet
        return False


def write_to(path: str, text: str, source: str) -> int:
    """Write ``text`` to ``path`` whole or not at all; never over ``source``."""
    from tui.storage.atomic import write_atomically

    if _same_file(path, source) or os.path.abspath(path) == os.path.abspath(source):
        print(
            f"briefing-tui: {sanitize_line(path)}: is the briefing itself; choose another -o",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        write_atomically(Path(path), text, for_user=True)
    except OSError as error:
        print(
            f"briefing-tui: {sanitize_line(path)}: cannot write: {os_reason(error)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Load, render and write the briefing in the format asked for."""
    loaded = load(args, args.file)
    if isinstance(loaded, int):
        return loaded
    text = renderer(args.format)(loaded.briefing, args.width)
    if args.output is None or args.output == "-":
        return print_out(text)
    return write_to(args.output, text, args.file)


def print_plain(args: argparse.Namespace, path: str | None) -> int:
    """The reader's output when it is not a terminal: the briefing as plain text."""
    loaded = load(args, path)
    if isinstance(loaded, int):
        return loaded
    return print_out(renderer("txt")(loaded.briefing, text_width(args)))
