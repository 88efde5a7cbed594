"""``briefing-tui search DIR QUERY``: the library's ranked search results, for scripts."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from tui.cli.archive import add_db_option, archive_url
from tui.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.library_index import NotALibrary, note, open_library
from tui.cli.options import CommandParser, manual, parse_count, parse_positive
from tui.text import clip, sanitize_line

if TYPE_CHECKING:
    from tui.library.index import LibraryIndex

DESCRIPTION = """Search a library (a folder of briefings, or files) as the library's '/'
does, and print the results best first: where each is (FILE:LINE:), the briefing's
title, the day it was published and the section, then a snippet with the matched
words marked when stdout is a terminal. The index is brought up to date first (see
'briefing-tui index'). With --db (or $BRIEFING_TUI_DB, or db in config.toml), a team's
shared archive on PostgreSQL is searched instead, as it is (DIR, if given, narrows it to
that folder); if it cannot be reached, the local index of DIR is used, with a notice.

The query: free words (all must match, accents and case aside), "exact phrases",
prefix* words, 'a OR b', -word or 'NOT word' (passages holding it are left out; also
-"a phrase"), and filters: speaker:NAME, tag:TAG, source:NAME, title:WORDS,
after:DATE and before:DATE (YYYY, YYYY-MM or YYYY-MM-DD; after: from that day on,
before: up to the day before); a value with spaces in quotes: speaker:"Antony Blinken".
Filters alone list the briefings they select (with speaker:, that speaker's quotes).
Words find at most three passages of one briefing, its best (--per-briefing).
A query that cannot be read whole is never an error: what is not understood is read as
words, and a filter that cannot be used is dropped with a message on stderr."""

SHOWN_TITLE = 160
"""Characters of a result's title printed at most (a title of pages is cut, with "…")."""
SHOWN_FAILURES = 3
"""Files that do not load named when nothing was found, at most."""
MARK_ON = "\x1b[1;31m"
MARK_OFF = "\x1b[0m"


def _help_sections() -> str:
    """The examples and exit status of ``search``, for ``--help``."""
    return manual(
        (
            "examples",
            [
                ("briefing-tui search content/ 'border reopening'", "both words, anywhere"),
                ("briefing-tui search lib/ '\"peace talks\" negotiat*'", "a phrase, a prefix"),
                ("briefing-tui search lib/ 'speaker:blinken migrants'", "in his briefings"),
                ("briefing-tui search lib/ 'tag:colombia after:2021'", "filters alone"),
                ("briefing-tui search lib/ trade --json --limit 5", "the best five, as JSON"),
                ("briefing-tui search a.yaml trade --per-briefing 0", "every passage of it"),
                ("briefing-tui search --db postgresql:///briefings trade", "the team's archive"),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "something was found"),
                (str(EXIT_INVALID), "nothing was found; the archive cannot be reached"),
                (str(EXIT_USAGE), "a usage error; a path that does not exist"),
                (str(EXIT_INTERNAL), "briefing-tui itself failed (a bug; --debug shows where)"),
                (str(EXIT_INTERRUPTED), "interrupted (Ctrl+C)"),
            ],
        ),
        note="With --json, a list of objects with every field of a result: path, title,"
        " kind (title, body, point or quote), snippet, marks ([start, end] offsets of the"
        " matches in the snippet), score (higher is better), section, heading, line and"
        " published (the briefing's day, YYYY-MM-DD, or null).",
    )


def parser() -> CommandParser:
    """The parser of ``search``."""
    from tui.library.index import PER_BRIEFING

    command = CommandParser("briefing-tui search", DESCRIPTION, _help_sections)
    command.unknown_word_hint = "a word to leave out goes inside the quoted query: 'energy -market'"
    command.add_argument(
        "library",
        metavar="DIR",
        nargs="?",
        help="a folder of briefings, or a file (optional with --db: all of the archive)",
    )
    command.add_argument("query", metavar="QUERY", help="what to look for (quote it for the shell)")
    command.add_argument("--json", action="store_true", help="print the results as JSON")
    add_db_option(command)
    command.add_argument(
        "--limit",
        type=parse_positive,
        default=20,
        metavar="N",
        help="at most N results (default 20)",
    )
    command.add_argument(
        "--per-briefing",
        type=parse_count,
        default=PER_BRIEFING,
        metavar="N",
        help=f"at most N passages of one briefing, its best (default {PER_BRIEFING}; 0: all)",
    )
    command.add_argument(
        "--debug", action="store_true", help="show a traceback on an internal error"
    )
    return command


def _marked(snippet: str, marks: tuple[tuple[int, int], ...]) -> str:
    """The snippet with its matches in bold red, as grep shows them."""
    parts, position = [], 0
    for start, end in marks:
        parts += [snippet[position:start], MARK_ON, snippet[start:end], MARK_OFF]
        position = end
    parts.append(snippet[position:])
    return "".join(parts)


def _shown_path(path: str) -> str:
    """``path`` relative to the current folder when it is under it, made one safe line."""
    from tui.cli.output import from_here

    return sanitize_line(from_here(path))


def _say_what_does_not_load(index: LibraryIndex) -> None:
    """When nothing was found and no file of the library loads (``search broken.yaml``):
    why, each as ``FILE:LINE:COL: problem``, the first few."""
    failed = index.failures()
    if not failed:
        return
    entries = index.entries()
    if any(not entry.failed for entry in entries):
        return  # (some were searched: the table and ``index`` name the others)
    shown = [entry for entry in entries if entry.failed][:SHOWN_FAILURES]
    for entry in shown:
        note(f"{_shown_path(entry.path)}:{entry.problem} (not searched: it does not load)")
    if failed > len(shown):
        more = failed - len(shown)
        note(f"…and {more:,} more file{'s' if more > 1 else ''} that do not load (see validate)")


def run(args: argparse.Namespace) -> int:
    """Search, print the results; the exit status says whether anything was found."""
    from tui.cli.output import print_out
    from tui.cli.terminal import output_is_terminal
    from tui.library.index import IndexUnavailable
    from tui.library.query import parse

    if args.library is None and archive_url(args) is None and os.path.exists(args.query):
        # (one argument fills QUERY: here, the library, its query forgotten)
        note(f"search: no query after {sanitize_line(args.query)}: say what to look for")
        return EXIT_USAGE
    try:
        index, _ = open_library(
            argparse.Namespace(library=[args.library] if args.library else [], db=args.db),
            fallback=True,
            writing=False,
        )
    except NotALibrary as error:
        note(str(error))
        return EXIT_USAGE
    except IndexUnavailable as error:
        note(str(error))
        return EXIT_INVALID
    parsed = parse(args.query)
    if parsed.message:
        note(f"search: {parsed.message}")
    elif parsed.empty:
        note("search: nothing to look for: give words, a phrase or a filter")
    try:
        hits = index.search(args.query, args.limit + 1, args.per_briefing)  # (one more: more?)
        if not hits:
            _say_what_does_not_load(index)
    except IndexUnavailable as error:  # (a server that took too long, or went away)
        note(str(error))
        return EXIT_INVALID
    finally:
        index.close()
    more = len(hits) > args.limit
    hits = hits[: args.limit]
    if args.json:
        import dataclasses
        import json

        text = json.dumps([dataclasses.asdict(hit) for hit in hits], ensure_ascii=False, indent=2)
        print_out(text + "\n")
    else:
        colour = output_is_terminal() and not os.environ.get("NO_COLOR")
        lines = []
        for hit in hits:
            where = (
                f"{_shown_path(hit.path)}:{hit.line}:" if hit.line else f"{_shown_path(hit.path)}:"
            )
            day = f" · {sanitize_line(hit.published)}" if hit.published else ""
            section = f" › {hit.heading}" if hit.heading else ""
            snippet = _marked(hit.snippet, hit.marks) if colour else hit.snippet
            title = clip(hit.title, SHOWN_TITLE)
            lines.append(f"{where} {title}{day}{section} ({hit.part})\n    {snippet}\n")
        print_out("".join(lines))  # into a pipe that stops reading (| head): no error
    if more:  # (after the results: on a terminal, it is read last)
        note(f"search: more results than the {args.limit:,} shown (--limit N for more)")
    return EXIT_OK if hits else EXIT_INVALID
