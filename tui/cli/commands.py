"""The table of commands, and ``main``: which command the arguments ask for, and running it.

A command is a name, a parser factory and a run function. The reader is the
command without a name (``briefing-tui FILE``); every other command is named
first (``briefing-tui validate FILE``). Adding one is a module with a
``parser`` and a ``run``, and a row in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from tui.cli import reader
from tui.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE
from tui.cli.options import CommandParser, manual
from tui.text import sanitize_line


class Command(NamedTuple):
    """One command of ``briefing-tui``."""

    name: str
    arguments: str
    """What follows the name, for the list of commands (``FILE...``)."""
    summary: str
    parser: Callable[[], CommandParser]
    run: Callable[[argparse.Namespace], int]


def _command(name: str, arguments: str, summary: str, module: str) -> Command:
    """The command whose parser and run function are ``tui.cli.MODULE``'s, that module
    imported only when one of them is called: when that command runs or shows its help
    (each start imported every command's, and all they import)."""

    def parser() -> CommandParser:
        return importlib.import_module(f"tui.cli.{module}").parser()  # type: ignore[no-any-return]

    def run(args: argparse.Namespace) -> int:
        return importlib.import_module(f"tui.cli.{module}").run(args)  # type: ignore[no-any-return]

    return Command(name, arguments, summary, parser, run)


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        _command("validate", "FILE...", "check briefing files, report problems", "validate"),
        _command(
            "export",
            "FILE --format md|html|txt|json [-o OUT]",
            "write a briefing as Markdown, HTML, plain text or JSON",
            "export",
        ),
        _command("schema", "", "print the JSON Schema of the format", "schema"),
        _command("new", "[OUT]", "write a commented template of a briefing", "new"),
        _command(
            "import",
            "ARTICLE [-o OUT]",
            "make a briefing draft from an article (text, Markdown or HTML)",
            "importing",
        ),
        _command(
            "serve",
            "[FILE|DIR] [--host 127.0.0.1] [--port N]",
            "serve the reader to a web browser (needs briefing-tui[serve])",
            "serve",
        ),
        _command("index", "DIR...", "build or update a library's search index", "indexing"),
        _command(
            "search",
            "DIR QUERY [--json] [--limit N]",
            "search a library: ranked passages",
            "searching",
        ),
        _command(
            "config",
            "[--default]",
            "print the config file's path and settings, or a default one",
            "config",
        ),
    )
}


def reader_parser() -> CommandParser:
    """The reader's parser, its help listing the other commands first."""
    parser = reader.parser()
    own = parser.sections

    def sections() -> str:
        usages = [
            (f"briefing-tui {c.name} {c.arguments}".rstrip(), c.summary) for c in COMMANDS.values()
        ]
        listed = manual(
            ("commands", [*usages, ("briefing-tui COMMAND --help", "the help of a command")])
        )
        return f"{listed}\n\n{own()}" if own else listed

    parser.sections = sections
    return parser


READER = Command(
    "", "[FILE | DIR | FILE...]", "read a briefing, or a library of them", reader_parser, reader.run
)


def valued_options() -> frozenset[str]:
    """Every option of any command that takes a value (so that value is not a command)."""
    parsers = [command.parser() for command in (READER, *COMMANDS.values())]
    return frozenset().union(*(parser.valued_options for parser in parsers))


def _positionals(args: list[str], valued: frozenset[str]) -> list[int]:
    """Where the arguments that are not options (nor option values) stand."""
    found, skip = [], False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in valued:
            skip = True
        elif arg == "-" or not arg.startswith("-"):
            found.append(index)
    return found


def _command_first(args: list[str], positions: list[int]) -> list[str]:
    """Let options come before the command: ``--strict validate f`` as ``validate --strict f``."""
    if positions and positions[0] > 0 and args[positions[0]] in COMMANDS:
        index = positions[0]
        return [args[index], *args[:index], *args[index + 1 :]]
    return args


def _mistyped_command(args: list[str], positions: list[int]) -> str | None:
    """A message for ``valdiate f.yaml`` (a near-miss command before other arguments)."""
    if len(positions) < 2 or args[positions[0]] in COMMANDS:
        return None
    word = args[positions[0]]
    if _known(word):
        return None
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    if not close:
        return None
    return f"briefing-tui: unknown command {sanitize_line(word)!r}; did you mean {close[0]}?"


def _known(word: str) -> bool:
    """True for a command's name or a path that exists (a briefing, a library)."""
    return word in COMMANDS or os.path.exists(word)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        if args and (args[0].startswith("-") or not _known(args[0])):
            # (else the first argument is the command, or the reader's file: every command's
            # parser made to tell options' values from commands took 25 ms of each start)
            valued = valued_options()
            args = _command_first(args, _positionals(args, valued))
            mistyped = _mistyped_command(args, _positionals(args, valued))
            if mistyped:
                print(mistyped, file=sys.stderr)
                return EXIT_USAGE
        command = COMMANDS[args[0]] if args and args[0] in COMMANDS else READER
        rest = args[1:] if command is not READER else args
        return command.run(command.parser().parse_intermixed_args(rest))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
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
