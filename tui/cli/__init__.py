"""The ``briefing-tui`` command line.

``validate`` and ``schema`` never import Textual. The reader loads and checks
the briefing in a forked child while this process imports Textual (see
:mod:`tui.cli.preload`), and starts the UI only once the briefing is valid.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from tui import __version__
from tui.format.limits import Limits
from tui.format.problems import BackgroundLoadFailed, BriefingError, UnreadableFileError
from tui.text import sanitize_line

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

_SUBCOMMANDS = ("validate", "schema")

FRAME_RATE = 120
"""Frames a second Textual may draw (its default is 60).

A key's effect is drawn at the next frame, so at 60 it waits up to 17 ms
for it; at 120, up to 8. Frames are drawn only when something changed.
"""


def prepare_textual() -> None:
    """Settings that Textual reads when first imported; the user's own ``TEXTUAL_FPS`` wins."""
    os.environ.setdefault("TEXTUAL_FPS", str(FRAME_RATE))


_SIZE_SUFFIXES = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _size(text: str) -> int:
    """Parse ``32M``, ``500k``, ``1G`` or plain bytes."""
    value = text.strip().lower().removesuffix("ib").removesuffix("b")
    suffix = value[-1:] if value[-1:] in _SIZE_SUFFIXES else ""
    number = value[: len(value) - len(suffix)]
    try:
        size = int(float(number) * _SIZE_SUFFIXES[suffix])
    except (ValueError, OverflowError):  # "ten", "nan", "inf", "1e400"
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 32M)") from None
    if size <= 0:
        raise argparse.ArgumentTypeError("size must be positive")
    return size


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _add_loading_options(parser: argparse.ArgumentParser) -> None:
    defaults = Limits()
    group = parser.add_argument_group("loading")
    group.add_argument(
        "--strict", action="store_true", help="treat warnings (unknown keys, …) as errors"
    )
    group.add_argument(
        "--max-size",
        type=_size,
        default=defaults.max_bytes,
        metavar="SIZE",
        help="refuse files larger than this, before parsing (default 32M)",
    )
    group.add_argument(
        "--max-depth",
        type=_count,
        default=defaults.max_depth,
        metavar="N",
        help=f"deepest nesting of lists and mappings (default {defaults.max_depth})",
    )
    group.add_argument(
        "--max-aliases",
        type=_count,
        default=defaults.max_aliases,
        metavar="N",
        help="YAML aliases allowed, to text only (default 0: anchors and aliases are refused)",
    )
    group.add_argument("--debug", action="store_true", help="show a traceback on an internal error")


def _add_state_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-resume",
        action="store_true",
        help="start at the top, and neither read nor save where briefings are left or the"
        " theme (kept in $XDG_STATE_HOME/briefing-tui/)",
    )


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(max_bytes=args.max_size, max_depth=args.max_depth, max_aliases=args.max_aliases)


def _parser(prog: str, description: str, **options: object) -> argparse.ArgumentParser:
    """A command's parser, with ``--version`` (``--help`` comes with argparse)."""
    parser = argparse.ArgumentParser(prog=prog, description=description, **options)  # type: ignore[arg-type]
    parser.add_argument("--version", action="version", version=f"briefing-tui {__version__}")
    return parser


def _reader_parser() -> argparse.ArgumentParser:
    parser = _parser(
        "briefing-tui",
        "Read a briefing (a YAML file) in the terminal.",
        epilog=(
            "commands:\n"
            "  briefing-tui validate FILE...   check briefing files, report problems\n"
            "  briefing-tui schema             print the JSON Schema of the format\n\n"
            "Without FILE, opens the bundled briefing. In the reader, press ? for keys."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="the briefing to open")
    _add_state_options(parser)
    _add_loading_options(parser)
    return parser


def _validate_parser() -> argparse.ArgumentParser:
    parser = _parser(
        "briefing-tui validate",
        "Check briefing files. Exit 0 if all are valid (warnings allowed),"
        " 1 if any is invalid, 2 on a usage error or an unreadable path.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="briefing files to check")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="say something about each valid file too"
    )
    _add_loading_options(parser)
    return parser


def _schema_parser() -> argparse.ArgumentParser:
    return _parser(
        "briefing-tui schema", "Print the JSON Schema (draft 2020-12) of briefing format v1."
    )


_VALUED_OPTIONS = frozenset({"--max-size", "--max-depth", "--max-aliases"})


def _positionals(args: list[str]) -> list[int]:
    """Where the arguments that are not options (nor option values) stand."""
    found, skip = [], False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in _VALUED_OPTIONS:
            skip = True
        elif arg == "-" or not arg.startswith("-"):
            found.append(index)
    return found


def _command_first(args: list[str]) -> list[str]:
    """Let options come before the command: ``--strict validate f`` as ``validate --strict f``."""
    positions = _positionals(args)
    if positions and positions[0] > 0 and args[positions[0]] in _SUBCOMMANDS:
        index = positions[0]
        return [args[index], *args[:index], *args[index + 1 :]]
    return args


def _mistyped_command(args: list[str]) -> str | None:
    """A message for ``valdiate f.yaml`` (a near-miss command before other arguments)."""
    positions = _positionals(args)
    if len(positions) < 2 or args[positions[0]] in _SUBCOMMANDS:
        return None
    word = args[positions[0]]
    if os.path.exists(word):
        return None
    close = difflib.get_close_matches(word, _SUBCOMMANDS, n=1, cutoff=0.6)
    if not close:
        return None
    return f"briefing-tui: unknown command {sanitize_line(word)!r}; did you mean {close[0]}?"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _command_first(list(sys.argv[1:] if argv is None else argv))
    debug = "--debug" in args
    try:
        mistyped = _mistyped_command(args)
        if mistyped:
            print(mistyped, file=sys.stderr)
            return EXIT_USAGE
        if args and args[0] in _SUBCOMMANDS:
            command, rest = args[0], args[1:]
            if command == "validate":
                return validate(_validate_parser().parse_args(rest))
            _schema_parser().parse_args(rest)
            return schema(sys.stdout)
        return read(_reader_parser().parse_args(args))
    except KeyboardInterrupt:
        return 130
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except Exception as error:  # the last line of defence: never a raw traceback
        if debug:
            raise
        print(
            f"briefing-tui: internal error ({type(error).__name__}). This is a bug; please"
            " report it with the output of the same command run with --debug.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _print_problems(error: BriefingError, stream: TextIO) -> None:
    for problem in error.problems:
        print(problem, file=stream)


def validate(args: argparse.Namespace) -> int:
    """``briefing-tui validate``: check each file, print problems, set the exit code."""
    from tui.format.loader import load_path

    status = EXIT_OK
    for path in args.files:
        try:
            loaded = load_path(path, limits=_limits(args), strict=args.strict)
        except UnreadableFileError as error:
            print(f"briefing-tui: {error}", file=sys.stderr)
            status = max(status, EXIT_USAGE)
            continue
        except BriefingError as error:
            _print_problems(error, sys.stderr)
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


def schema(stream: TextIO) -> int:
    """``briefing-tui schema``: print the JSON Schema."""
    from tui.format.schema import schema_json

    stream.write(schema_json())
    return EXIT_OK


def read(args: argparse.Namespace) -> int:
    """Open the reader on a file, or on the bundled briefing."""
    # Nothing made while starting up is garbage, but the cyclic collector would
    # walk it many times over (a tenth of the start-up time). The app turns it
    # back on once its first frame is drawn (tui.ui.app.keep_from_collector).
    gc.disable()
    try:
        return _read(args)
    finally:
        gc.enable()


def _read(args: argparse.Namespace) -> int:
    from tui.format.bundled import default_briefing_path

    prepare_textual()
    try:
        path = args.file if args.file is not None else default_briefing_path()
        if args.debug or not os.path.isfile(path):
            # In this process: a traceback shows where, and a missing path is
            # reported before anything else is imported.
            from tui.format.loader import load_path

            loaded = load_path(path, limits=_limits(args), strict=args.strict)
            from tui.ui.app import BriefingApp
        else:
            from tui.cli.preload import load_in_background

            wait = load_in_background(path, _limits(args), args.strict)
            from tui.ui.app import BriefingApp  # imported while the briefing loads

            loaded = wait()
    except UnreadableFileError as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BriefingError as error:
        _print_problems(error, sys.stderr)
        return EXIT_INVALID
    except BackgroundLoadFailed as error:  # the loading process died (see tui.cli.preload)
        if args.debug:
            raise
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_INTERNAL

    positions, settings = None, None
    if not args.no_resume:
        from tui.storage.positions import PositionStore
        from tui.storage.settings import SettingsStore

        positions, settings = PositionStore(), SettingsStore()
    app = BriefingApp(loaded.briefing, loaded.warnings, positions, settings)
    app.run()
    # Textual reports a crash inside the app itself (and sets the return code).
    return EXIT_INTERNAL if app.return_code else EXIT_OK
