"""The table of commands, and ``main``: which command the arguments ask for, and running it.

A command is a name, a parser factory and a run function. The reader is the
command without a name (``briefing-tui FILE``); every other command is named
first (``briefing-tui validate FILE``). Adding one is a module with a
``parser`` and a ``run``, and a row in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from tui.cli import (
    config,
    export,
    importing,
    indexing,
    new,
    reader,
    schema,
    searching,
    serve,
    validate,
)
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


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command(
            "validate",
            "FILE...",
            "check briefing files, report problems",
            validate.parser,
            validate.run,
        ),
        Command(
            "export",
            "FILE --format md|html|txt|json [-o OUT]",
            "write a briefing as Markdown, HTML, plain text or JSON",
            export.parser,
            export.run,
        ),
        Command("schema", "", "print the JSON Schema of the format", schema.parser, schema.run),
        Command("new", "[OUT]", "write a commented template of a briefing", new.parser, new.run),
        Command(
            "import",
            "ARTICLE [-o OUT]",
            "make a briefing draft from an article (text, Markdown or HTML)",
            importing.parser,
            importing.run,
        ),
        Command(
            "serve",
            "[FILE|DIR] [--host 127.0.0.1] [--port N]",
            "serve the reader to a web browser (needs briefing-tui[serve])",
            serve.parser,
            serve.run,
        ),
        Command(
            "index",
            "DIR...",
            "build or update a library's search index",
            indexing.parser,
            indexing.run,
        ),
        Command(
            "search",
            "DIR QUERY [--json] [--limit N]",
            "search a library: ranked passages",
            searching.parser,
            searching.run,
        ),
        Command(
            "config",
            "[--default]",
            "print the config file's path and settings, or a default one",
            config.parser,
            config.run,
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
    if os.path.exists(word):
        return None
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    if not close:
        return None
    return f"briefing-tui: unknown command {sanitize_line(word)!r}; did you mean {close[0]}?"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        valued = valued_options()
        args = _command_first(args, _positionals(args, valued))
        mistyped = _mistyped_command(args, _positionals(args, valued))
        if mistyped:
            print(mistyped, file=sys.stderr)
            return EXIT_USAGE
        command = COMMANDS[args[0]] if args and args[0] in COMMANDS else READER
        rest = args[1:] if command is not READER else args
        return command.run(command.parser().parse_args(rest))
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
