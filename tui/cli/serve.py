"""``briefing-tui serve [FILE|DIR] [--host HOST] [--port N]``: the reader in a web browser.

textual-serve (the optional extra ``briefing-tui[serve]``) serves a page that
runs a command for each browser that opens it and shows that command's screen.
The command is the reader's own (:mod:`tui.cli.served`), on exactly the path
given: every word of it is quoted for the shell it runs in.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import TYPE_CHECKING

from tui.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.loading import STDIN_NAME
from tui.cli.options import CommandParser, add_loading_options, manual
from tui.text import sanitize_line

if TYPE_CHECKING:
    import socket

    from tui.cli.address import Address

SERVED_MODULE = "tui.cli.served"
"""The module that runs the reader for each browser (``python -m``)."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

MISSING_EXTRA = (
    "briefing-tui: serve needs textual-serve, which is not installed;"
    " install it with: pip install 'briefing-tui[serve]'"
)

DESCRIPTION = """Serve the reader to a web browser: open the address it prints, and the page
shows the reader on FILE (or on the bundled briefing), run for that browser as in a
terminal, with the same keys. Every browser that opens the page gets a reader of its own.
A DIR is given to the reader as it is. The page is served on this machine only
(127.0.0.1) unless --host says otherwise: anyone who can reach the address can read the
briefing. Needs the optional textual-serve package: pip install 'briefing-tui[serve]'.
Stop it with Ctrl+C."""


def _help_sections() -> str:
    """The examples and exit status of ``serve``, for ``--help``."""
    return manual(
        (
            "examples",
            [
                ("briefing-tui serve brief.yaml", "read it at http://127.0.0.1:8000"),
                ("briefing-tui serve brief.yaml --port 8080", "on another port"),
                (
                    "briefing-tui serve brief.yaml --host 0.0.0.0",
                    "to every network this machine is on (anyone there can read it)",
                ),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "stopped with Ctrl+C"),
                (str(EXIT_INVALID), "the briefing is not valid (its problems are on stderr)"),
                (
                    str(EXIT_USAGE),
                    "a usage error; a path that cannot be read; the port is in use or the"
                    " address cannot be used; textual-serve is not installed",
                ),
                (str(EXIT_INTERNAL), "briefing-tui itself failed (a bug; --debug shows where)"),
                (str(EXIT_INTERRUPTED), "interrupted (Ctrl+C) while loading"),
            ],
        ),
        note="FILE is checked once, when the server starts; each browser's reader loads it"
        " afresh, so an edit shows in the next page opened (and in open pages, as in a"
        " terminal). The page comes from textual-serve, and asks Google's font server for"
        " its font.",
    )


def parse_port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError("must be from 1 to 65535")
    return port


def parser() -> CommandParser:
    """The parser of ``serve``."""
    command = CommandParser("briefing-tui serve", DESCRIPTION, _help_sections)
    command.add_argument(
        "file",
        nargs="?",
        metavar="FILE|DIR",
        help="the briefing to serve (default: the bundled one)",
    )
    server = command.add_argument_group("server")
    server.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    server.add_argument(
        "--port",
        type=parse_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the port to listen on (default {DEFAULT_PORT})",
    )
    server.add_argument(
        "--no-resume",
        action="store_true",
        help="each browser's reader starts at the top, and saves neither where it was left"
        " nor the theme",
    )
    add_loading_options(command)
    return command


def reader_arguments(args: argparse.Namespace) -> list[str]:
    """The reader's arguments for the browsers: the loading options, then exactly the path."""
    words = [
        f"--max-size={args.max_size}",
        f"--max-depth={args.max_depth}",
        f"--max-aliases={args.max_aliases}",
    ]
    words += ["--strict"] if args.strict else []
    words += ["--no-resume"] if args.no_resume else []
    words += [f"--section={args.section}"] if args.section is not None else []
    # After "--", a path that starts with "-" is still a path; absolute, whatever the cwd.
    return [*words, "--", os.path.abspath(args.file)] if args.file is not None else words


def served_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser, every word quoted."""
    words = [sys.executable, "-m", SERVED_MODULE, *reader_arguments(args)]
    return "exec " + shlex.join(words)


def _check_briefing(args: argparse.Namespace) -> str | int:
    """The briefing's title for the page, its problems said now rather than in a browser;
    or the exit code. A folder is left to the reader."""
    from tui.cli.export import load
    from tui.cli.reader import section_index, split_section

    split_section(args)
    if args.file is not None and os.path.isdir(args.file):
        return sanitize_line(os.path.basename(os.path.abspath(args.file))) + os.sep
    loaded = load(args, args.file)
    if isinstance(loaded, int):
        return loaded
    try:
        section_index(loaded, args.section)
    except ValueError as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    return sanitize_line(loaded.briefing.title)


def run(args: argparse.Namespace) -> int:
    """Check the briefing and the address, then serve until Ctrl+C."""
    try:
        import textual_serve  # noqa: F401 - the optional extra
    except ImportError:
        print(MISSING_EXTRA, file=sys.stderr)
        return EXIT_USAGE
    if args.file == STDIN_NAME:
        print(
            "briefing-tui: serve cannot read standard input (each browser's reader reads the"
            " file anew); give a file",
            file=sys.stderr,
        )
        return EXIT_USAGE
    args.section = None
    title = _check_briefing(args)
    if isinstance(title, int):
        return title
    from tui.cli.address import AddressError, listen

    try:
        address, sockets = listen(args.host, args.port)
    except AddressError as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not address.loopback:
        print(
            f"briefing-tui: warning: listening on {sanitize_line(args.host)}, not on this"
            " machine only: anyone who can reach it can read the briefing",
            file=sys.stderr,
        )
    what = args.file if args.file is not None else "the bundled briefing"
    return _serve(served_command(args), title, address, what, sockets)


def _serve(
    command: str, title: str, address: Address, what: str, sockets: list[socket.socket]
) -> int:
    """Serve ``command`` on the listening ``sockets`` until Ctrl+C; the page is named
    ``title``, and the terminal told it serves ``what``."""
    from tui.cli.server import BriefingServer

    BriefingServer(command, title, address, what).serve_on(sockets)
    return EXIT_OK
