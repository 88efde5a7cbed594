"""``briefing-tui [FILE]``: open the reader.

The reader loads and checks the briefing in a forked child while this process
imports Textual (see :mod:`tui.cli.preload`), and starts the UI only once the
briefing is valid. Textual is imported only when the reader runs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from typing import TYPE_CHECKING, cast

from tui.cli import collector, terminal
from tui.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.loading import STDIN_NAME, load_briefing
from tui.cli.options import (
    CommandParser,
    add_loading_options,
    add_width_option,
    limits,
    manual,
    parse_count,
)
from tui.format.problems import BackgroundLoadFailed, BriefingError, UnreadableFileError
from tui.text import sanitize_line

if TYPE_CHECKING:
    from tui.config.file import ConfigRead
    from tui.model import Loaded
    from tui.ui.app import BriefingApp

FRAME_RATE = 120
"""Frames a second Textual may draw (its default is 60).

A key's effect is drawn at the next frame, so at 60 it waits up to 17 ms
for it; at 120, up to 8. Frames are drawn only when something changed.
"""


def prepare_textual() -> None:
    """Settings that Textual reads when first imported; the user's own ``TEXTUAL_FPS`` wins."""
    os.environ.setdefault("TEXTUAL_FPS", str(FRAME_RATE))


DESCRIPTION = """Read a briefing (a YAML file) in the terminal: the article, its talking points
and its speakers' quotes, each point and quote linked to the passage of the article that
supports it. Without FILE, opens the bundled briefing. Reopening a briefing goes back to
where it was left. A briefing that is not valid is not opened: its problems are printed,
as by validate. When its output is not a terminal (a pipe, a file), or with --plain, the
briefing is printed as plain text instead, as by export --format txt.

A folder (its subfolders too), or several files, open a library instead: a table of every
briefing, newest first, to sort, filter, search across and open one by one; files that do
not load are listed with their first error. Into a pipe, the table is printed."""


def _help_sections() -> str:
    """The reader's examples, exit status, environment and files, for ``--help``."""
    from tui.storage.paths import STATE_DIR_VARIABLE

    return manual(
        (
            "examples",
            [
                ("briefing-tui", "read the bundled briefing"),
                (
                    "briefing-tui brief.yaml",
                    "read brief.yaml, from where it was left; it reloads as you save it",
                ),
                ("briefing-tui brief.yaml#the-deal", "open at the section with id the-deal"),
                ("briefing-tui --line 42 brief.yaml", "open at the passage of line 42"),
                ("briefing-tui --no-resume brief.yaml", "read it from the top; remember nothing"),
                ("briefing-tui --max-size 64M big.yaml", "open a file larger than 32M"),
                ("briefing-tui brief.yaml | less", "page through it as plain text"),
                ("briefing-tui - < brief.yaml", "read a briefing from standard input"),
                ("briefing-tui --plain --width 72 brief.yaml", "print it, 72 columns wide"),
                ("briefing-tui briefings/", "the library: every briefing of a folder, in a table"),
                ("briefing-tui *.yaml", "a library of the files given"),
                ("briefing-tui briefings/ | less", "the library's table as plain text"),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "the reader was closed, or the plain text printed"),
                (str(EXIT_INVALID), "the briefing is not valid (its problems are on stderr)"),
                (
                    str(EXIT_USAGE),
                    "a usage error; a path that cannot be read or is not a regular file",
                ),
                (
                    str(EXIT_INTERNAL),
                    "briefing-tui itself failed: one line on stderr names a crash log (with"
                    " --debug, the traceback instead)",
                ),
                (str(EXIT_INTERRUPTED), "interrupted (Ctrl+C) while loading"),
            ],
        ),
        (
            "environment",
            [
                (STATE_DIR_VARIABLE, "the state folder, if set"),
                (
                    "XDG_STATE_HOME",
                    "else the state folder is $XDG_STATE_HOME/briefing-tui"
                    " (default ~/.local/state/briefing-tui)",
                ),
                (
                    "XDG_CONFIG_HOME",
                    "the settings are read from $XDG_CONFIG_HOME/briefing-tui/config.toml"
                    " (default ~/.config/briefing-tui/config.toml; briefing-tui config says more)",
                ),
                ("NO_COLOR", "if set, the reader draws without colour"),
                ("TEXTUAL_FPS", f"frames a second the reader may draw (default {FRAME_RATE})"),
            ],
        ),
        (
            "files in the state folder",
            [
                ("positions.json", "where each briefing was left (the 500 most recent)"),
                ("settings.json", "the theme chosen in the command palette"),
                ("bookmarks.json", "the bookmarks set with m"),
                ("history.json", "the searches made (↑ in the search line)"),
                ("library-history.json", "the library's searches (↑ in its query line)"),
                ("crash-DATE-TIME.log", "the traceback of a failure of briefing-tui itself"),
            ],
        ),
        note="In the reader, press ? for every key. The format is described in docs/format.md"
        " (and briefing-tui schema prints its JSON Schema).",
    )


def parser() -> CommandParser:
    """The parser of the reader (the command without a name)."""
    command = CommandParser("briefing-tui", DESCRIPTION, _help_sections)
    command.add_argument(
        "file",
        nargs="*",
        metavar="FILE",
        help="the briefing to open (default: the bundled one; - reads standard input); a"
        " folder, or several files, open a library: a table of briefings",
    )
    command.add_argument(
        "--section",
        metavar="ID",
        help="open at the section with this id (also written FILE#ID)",
    )
    command.add_argument(
        "--line",
        type=parse_count,
        metavar="N",
        help="open at the passage of line N of the file (as an editor or an error gives it)",
    )
    command.add_argument(
        "--no-resume",
        action="store_true",
        help="start at the top, and neither read nor save where briefings are left or the"
        " theme (the state files, below)",
    )
    from tui.cli.archive import add_db_option

    add_db_option(command)
    output = command.add_argument_group("plain text")
    output.add_argument(
        "--plain",
        action="store_true",
        help="print the briefing as plain text, not the reader (the default when stdout is"
        " not a terminal)",
    )
    add_width_option(output, table=True)
    add_loading_options(command)
    return command


def split_section(args: argparse.Namespace) -> None:
    """``FILE#ID`` is ``FILE --section ID``, unless a file is named with the ``#`` in it."""
    file = args.file
    if file is None or "#" not in file or os.path.exists(file):
        return
    path, _, section = file.rpartition("#")
    if path and section and args.section is None:
        args.file, args.section = path, section


def section_index(loaded: Loaded, section: str | None) -> int | None:
    """The index of the section asked for; raises ValueError (naming the ids) if none has it."""
    if section is None:
        return None
    index = loaded.briefing.section_index(section)
    if index is None:
        ids = ", ".join(each.id for each in loaded.briefing.sections[:20])
        more = " …" if len(loaded.briefing.sections) > 20 else ""
        raise ValueError(f"no section has id '{sanitize_line(section)}'; the ids are: {ids}{more}")
    return index


def run(args: argparse.Namespace, *, in_browser: bool = False) -> int:
    """Open the reader on a file, or on the bundled briefing; or print it, into a pipe.

    A folder or several files open the library instead (:mod:`tui.cli.library`).
    ``in_browser``: textual-serve runs this process for a browser (see :mod:`tui.cli.served`);
    Textual's web driver draws on stdout, a pipe to the server, so no plain text and no terminal.
    """
    files: list[str] = args.file
    from tui.cli.library import is_library

    if is_library(files):
        from tui.cli.library import run_library

        return run_library(args, files, in_browser=in_browser)
    if getattr(args, "db", None):
        print(
            "briefing-tui: --db is for a library (a folder, or several files);"
            " one briefing is read from its file",
            file=sys.stderr,
        )
        return EXIT_USAGE
    args.file = files[0] if files else None
    split_section(args)
    if not in_browser and (args.plain or not terminal.output_is_terminal()):
        from tui.cli.export import print_plain

        return print_plain(args, args.file)
    with terminal.keys_as_typed(), collector.off_while_starting():
        try:
            loaded = _load(args)
            if isinstance(loaded, int):
                return loaded
            try:
                section = section_index(loaded, args.section)
            except ValueError as error:
                print(f"briefing-tui: {error}", file=sys.stderr)
                return EXIT_USAGE
            if args.file == STDIN_NAME and not terminal.keys_from_terminal():
                print("briefing-tui: no terminal to read keys from", file=sys.stderr)
                return EXIT_USAGE
            return _show(args, loaded, section, in_browser=in_browser)
        except Exception:
            if args.debug:
                raise
            import traceback

            from tui.cli import crash

            print(crash.report(traceback.format_exc()), file=sys.stderr)
            return EXIT_INTERNAL


def _load(args: argparse.Namespace) -> Loaded | int:
    """The briefing, checked; or, if it cannot be read, the exit code (said why on stderr)."""
    from tui.format.bundled import default_briefing_path

    prepare_textual()
    try:
        if args.file == STDIN_NAME:
            return load_briefing(args, args.file)
        path = args.file if args.file is not None else default_briefing_path()
        if args.debug or not os.path.isfile(path):
            # In this process: a traceback shows where, and a path that is
            # missing or not a regular file (a FIFO, a device, a directory) is
            # refused before anything else is imported.
            from tui.format.loader import load_path

            return load_path(path, limits=limits(args), strict=args.strict)
        from tui.cli.preload import load_in_background

        wait = load_in_background(path, limits(args), args.strict)
        import tui.ui.app  # noqa: F401 - imported while the briefing loads

        return cast("Loaded", wait())
    except UnreadableFileError as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BriefingError as error:
        from tui.cli.validate import print_problems

        print_problems(error.problems, sys.stderr)
        return EXIT_INVALID
    except BackgroundLoadFailed as error:  # the loading process died (see tui.cli.preload)
        if args.debug:
            raise
        print(f"briefing-tui: {sanitize_line(str(error))}", file=sys.stderr)  # may name the file
        return EXIT_INTERNAL


def _show(
    args: argparse.Namespace,
    loaded: Loaded,
    section: int | None = None,
    *,
    in_browser: bool = False,
) -> int:
    """Run the reader on the loaded briefing until it quits; the exit code."""
    from tui.ui.app import BriefingApp

    positions, settings = None, None
    if not args.no_resume and args.file != STDIN_NAME:  # standard input has no place to keep
        from tui.storage.positions import PositionStore
        from tui.storage.settings import SettingsStore

        positions, settings = PositionStore(), SettingsStore()
    from tui.format.watch import BriefingFile

    config = user_config()
    source = BriefingFile(loaded.briefing.path, limits(args), args.strict)
    app = BriefingApp(
        loaded.briefing,
        loaded.warnings,
        positions,
        settings,
        # The bundled file never changes; standard input is read once.
        source=source if args.file not in (None, STDIN_NAME) else None,
        section=section,
        line=args.line,
        after_first_frame=collector.after_first_frame,
        after_layout=collector.after_layout,
        after_screen_closed=collector.after_screen_closed,
        input_paused=collector.input_paused,
        after_reload=collector.after_reload,
        config=config.config,
        config_problems=config.messages(),
    )
    return run_app(args, app, in_browser=in_browser)


def user_config() -> ConfigRead:
    """The user's config file, read: what is wrong with it is printed on stderr now (and
    said again in the app, whose screen hides the terminal)."""
    from tui.config.file import read_config

    config = read_config()
    for message in config.messages():
        print(f"briefing-tui: {message}", file=sys.stderr)
    return config


def run_app(args: argparse.Namespace, app: BriefingApp, *, in_browser: bool = False) -> int:
    """Run the app until it quits; the exit code (a crash inside it: one line and a log).

    ``in_browser``: Textual's web driver draws, not the terminal (see :func:`run`)."""
    from rich.console import Console

    # Textual closes the app on an exception inside it, restores the terminal,
    # and prints the traceback on this console: kept for a log, or for --debug.
    traceback_text = io.StringIO()
    if not (args.debug and os.isatty(terminal.STDERR)):  # else on stderr as Textual prints it
        app.error_console = Console(
            file=traceback_text, width=1000, color_system=None, markup=False, highlight=False
        )
    try:
        with contextlib.nullcontext() if in_browser else terminal.drawing_on_terminal():
            app.run()
    except terminal.NoTerminal:
        print(
            "briefing-tui: no terminal to show the reader on"
            " (stdin, stdout and stderr are not terminals)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not app.return_code:  # non-zero: a crash inside the app
        return EXIT_OK
    if args.debug:
        sys.stderr.write(traceback_text.getvalue())
    else:
        from tui.cli import crash

        print(crash.report(traceback_text.getvalue()), file=sys.stderr)
    return EXIT_INTERNAL
