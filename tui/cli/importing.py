"""``briefing-tui import ARTICLE``: make a briefing draft from an article.

The draft is checked with the project's loader before it is written: an import
never leaves a file that does not validate.
"""

from __future__ import annotations

import argparse
import sys

from tui.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.cli.options import CommandParser, manual, parse_size
from tui.cli.output import OutputExistsError, os_reason, write_output
from tui.format.limits import Limits
from tui.text import sanitize_line

DESCRIPTION = """Turn an article, plain text, Markdown or a saved web page, into a briefing draft
that validates: the headline, the paragraphs, section headings, lists (also as talking
points), block quotes with their speaker and role, and passages in quotation marks (as
quotes, attributed to the person named in their sentence). Every sentence of the article is
kept. What the import guessed is marked with a comment, # guessed: ..., for you to check.
ARTICLE - reads standard input. The draft is printed on stdout, or written to a new file
with -o; an existing file is never replaced without --force.

A .md or .markdown file is read as Markdown (CommonMark: headings, lists, > block quotes,
emphasis, links; the first # heading is the title), other files but web pages (below) as
plain text: there the headline is the first short line without a full stop, other short
lines followed by text are headings, lines starting with -, * or • are list items, and a
short line such as "US Secretary of State Antony Blinken" after a paragraph of speech
credits that paragraph as a block quote.

A .html or .htm file is a saved web page of a news article: trafilatura (installed with
pip install 'briefing-tui[import]') finds the article in it, leaving out navigation, adverts,
comments and footers, and its title, authors, date, site name and address, which become
the draft's title, authors, published and source. Headings, paragraphs, lists, block quotes,
emphasis and links to http(s) addresses are kept; scripts, styles and other markup are not."""


def _help_sections() -> str:
    """The examples and exit status of ``import``, for ``--help``."""
    return manual(
        (
            "examples",
            [
                ("briefing-tui import article.txt -o brief.yaml", "a draft of a text article"),
                ("briefing-tui import notes.md", "print a draft of a Markdown article"),
                (
                    "briefing-tui import --from markdown - -o brief.yaml",
                    "read Markdown from stdin (pbpaste | briefing-tui import ...)",
                ),
                (
                    "briefing-tui import saved-page.html -o brief.yaml",
                    "a draft of a news article saved from a browser (the import extra)",
                ),
                (
                    "briefing-tui import --from html - -o brief.yaml",
                    "read a web page from stdin (curl -s URL | briefing-tui import ...)",
                ),
                (
                    "briefing-tui import --force article.txt -o brief.yaml",
                    "import again, replacing brief.yaml",
                ),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "the draft was written"),
                (
                    str(EXIT_INVALID),
                    "the article cannot be imported: no text (a page with no article in it),"
                    " not UTF-8, or over --max-size",
                ),
                (
                    str(EXIT_USAGE),
                    "a usage error; ARTICLE cannot be read; OUT exists (without --force) or"
                    " cannot be written; an HTML article without the import extra installed",
                ),
                (str(EXIT_INTERNAL), "briefing-tui itself failed (a bug; --debug shows where)"),
                (str(EXIT_INTERRUPTED), "interrupted (Ctrl+C)"),
            ],
        ),
        note="Then edit the draft, delete the # guessed: marks you have checked, and run"
        " briefing-tui validate on it. briefing-tui new writes an empty template instead.",
    )


def parser() -> CommandParser:
    """The parser of ``import``."""
    from tui.authoring.article import FORMATS

    command = CommandParser("briefing-tui import", DESCRIPTION, _help_sections)
    command.add_argument("article", metavar="ARTICLE", help="the article to import (- for stdin)")
    command.add_argument(
        "-o", "--output", metavar="OUT", help="write the draft to this new file (default: stdout)"
    )
    command.add_argument("--force", action="store_true", help="replace OUT if it exists")
    command.add_argument(
        "--from",
        dest="kind",
        choices=FORMATS,
        help="how to read ARTICLE (default: markdown for .md and .markdown files, html for"
        " .html and .htm files, else text)",
    )
    command.add_argument(
        "--max-size",
        type=parse_size,
        default=Limits().max_bytes,
        metavar="SIZE",
        help="refuse articles larger than this (default 32M)",
    )
    command.add_argument(
        "--debug", action="store_true", help="show a traceback on an internal error"
    )
    return command


class _CannotImport(Exception):
    """The article cannot be imported; the message says why."""


def _read(article: str, limit: int) -> bytes:
    """The article's bytes, from a file or stdin, refused past ``limit``."""
    if article == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        from tui.format.loader import read_bytes

        data = read_bytes(article, Limits(max_bytes=limit))
    if len(data) > limit:
        name = "<stdin>" if article == "-" else article
        raise _CannotImport(
            f"{sanitize_line(name)}: over the {limit:,}-byte limit (see --max-size)"
        )
    return data


def _decode(data: bytes, name: str) -> str:
    """UTF-8 text (a byte order mark allowed), or :class:`_CannotImport` saying where not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _CannotImport(
            f"{sanitize_line(name)}:{line}: byte 0x{data[error.start]:02x} is not UTF-8; convert"
            " the article first (iconv -f WINDOWS-1252 -t UTF-8, for instance)"
        ) from None


def draft_text(text: str, kind: str) -> str:
    """The YAML draft of the article ``text``, checked with the project's loader."""
    from tui.authoring.article import import_article
    from tui.authoring.emit import draft_yaml
    from tui.authoring.webpage import NoArticleError
    from tui.format.loader import load_text

    if not text.strip():
        raise _CannotImport("no text to import")
    try:
        draft = draft_yaml(import_article(text, kind))
    except NoArticleError as error:
        raise _CannotImport(str(error)) from None
    load_text(draft, "<draft>")  # raises BriefingError: a bug of the import, not the article's
    return draft


def _quiet_extractor() -> None:
    """Keep trafilatura's log (a page it finds odd, an encoding it guessed) off stderr.

    Python prints a library's warnings when nothing handles its log; the draft's
    notes and the command's messages say what the author needs to know.
    """
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).addHandler(logging.NullHandler())


def run(args: argparse.Namespace) -> int:
    """Import the article and write the draft."""
    from tui.authoring.article import format_of
    from tui.authoring.webpage import MissingExtraError
    from tui.format.problems import BriefingError, UnreadableFileError

    name = "<stdin>" if args.article == "-" else args.article
    try:
        text = _decode(_read(args.article, args.max_size), name)
        kind = args.kind or ("text" if args.article == "-" else format_of(args.article))
        if kind == "html":
            _quiet_extractor()
        try:
            draft = draft_text(text, kind)
        except _CannotImport as error:
            raise _CannotImport(f"{sanitize_line(name)}: {error}") from None
        write_output(draft, args.output, args.force)
    except (UnreadableFileError, OutputExistsError, MissingExtraError) as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except _CannotImport as error:
        print(f"briefing-tui: {error}", file=sys.stderr)
        return EXIT_INVALID
    except BriefingError as error:
        if error.problems and "limit" in error.problems[0].message:  # read_bytes: too large
            print(error.problems[0], file=sys.stderr)
            return EXIT_INVALID
        if args.debug:
            raise
        print(
            "briefing-tui: internal error: the draft does not validate. This is a bug; please"
            " report it with the article if you can.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    except OSError as error:
        path = sanitize_line(args.output or "-")
        print(f"briefing-tui: {path}: {os_reason(error)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
