"""``briefing-tui [FILE]``: open the reader.

The reader loads and checks the briefing in a forked child while this process
imports Textual (see :mod:`tui.cli.preload`), and starts the UI only once the
briefing is valid. Textual is imported only when the reader runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, cast

from tui.cli import collector, terminal
from tui.cli.exits import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.options import CommandParser, add_loading_options, limits
from tui.cli.validate import print_problems
from tui.format.problems import BackgroundLoadFailed, BriefingError, UnreadableFileError

if TYPE_CHECKING:
    from tui.model import Loaded

FRAME_RATE = 120
"""Frames a second Textual may draw (its default is 60).

A key's effect is drawn at the next frame, so at 60 it waits up to 17 ms
for it; at 120, up to 8. Frames are drawn only when something changed.
"""


def prepare_textual() -> None:
    """Settings that Textual reads when first imported; the user's own ``TEXTUAL_FPS`` wins."""
    os.environ.setdefault("TEXTUAL_FPS", str(FRAME_RATE))


def parser() -> CommandParser:
    """The parser of the reader (the command without a name)."""
    command = CommandParser("briefing-tui", "Read a briefing (a YAML file) in the terminal.")
    command.add_argument("file", nargs="?", metavar="FILE", help="the briefing to open")
    command.add_argument(
        "--no-resume",
        action="store_true",
        help="start at the top, and do not remember where the briefing is left"
        " (positions are kept in $XDG_STATE_HOME/briefing-tui/positions.json)",
    )
    add_loading_options(command)
    return command


def run(args: argparse.Namespace) -> int:
    """Open the reader on a file, or on the bundled briefing."""
    with collector.off_while_starting():
        return _read(args)


def _read(args: argparse.Namespace) -> int:
    from tui.format.bundled import default_briefing_path

    prepare_textual()
    try:
        path = args.file if args.file is not None else default_briefing_path()
        if args.debug or not os.path.isfile(path):
            # In this process: a traceback shows where, and a missing path is
            # reported before anything else is imported.
            from tui.format.loader import load_path

            loaded = load_path(path, limits=limits(args), strict=args.strict)
            from tui.ui.app import BriefingApp
        else:
            from tui.cli.preload import load_in_background

            wait = load_in_background(path, limits(args), args.strict)
            from tui.ui.app import BriefingApp  # imported while the briefing loads

            loaded = cast("Loaded", wait())
    except UnreadableFileError as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BriefingError as error:
        print_problems(error, sys.stderr)
        return EXIT_INVALID
    except BackgroundLoadFailed as error:  # the loading process died (see tui.cli.preload)
        if args.debug:
            raise
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_INTERNAL

    positions = None
    if not args.no_resume:
        from tui.storage.positions import PositionStore

        positions = PositionStore()
    app = BriefingApp(
        loaded.briefing,
        loaded.warnings,
        positions,
        after_first_frame=collector.after_first_frame,
        after_layout=collector.after_layout,
    )
    try:
        with terminal.drawing_on_terminal():
            app.run()
    except terminal.NoTerminal:
        print(
            "briefing-tui: no terminal to show the reader on"
            " (stdin, stdout and stderr are not terminals)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    # Textual reports a crash inside the app itself (and sets the return code).
    return EXIT_INTERNAL if app.return_code else EXIT_OK
