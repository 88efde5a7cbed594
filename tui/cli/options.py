"""What the commands' parsers share: ``--version``, the loading limits, sizes and counts.

Each command's help reads as a manual page's synopsis: the usage, a description, the
options, then the sections of :func:`manual` (examples, exit status, environment).
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from tui import __version__
from tui.format.limits import Limits
from tui.text import sanitize

_SIZE_SUFFIXES = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}

MANUAL_WIDTH = 78
"""Columns the descriptions and the sections of :func:`manual` are filled to."""

Rows = Sequence[tuple[str, str]]
"""A section of a manual: a term (a command, an exit code, a variable) and what it means."""


def fill(text: str) -> str:
    """Paragraphs (separated by blank lines) filled to :data:`MANUAL_WIDTH` columns."""
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
    return "\n\n".join(_wrap(part) for part in paragraphs)


def _wrap(text: str, lead: str = "") -> str:
    """``text`` filled after ``lead``, its next lines indented as far; words never broken."""
    import textwrap  # only when help is shown

    return textwrap.fill(
        text,
        MANUAL_WIDTH,
        initial_indent=lead,
        subsequent_indent=" " * len(lead),
        break_long_words=False,
        break_on_hyphens=False,
    )


STACKED_FROM = 30
"""Terms wider than this (examples, mostly) stand on their own line, their meaning under them."""


def manual(*sections: tuple[str, Rows], note: str = "") -> str:
    """Sections as a manual page has them, each a heading and aligned rows, then a note."""
    blocks = []
    for heading, rows in sections:
        width = max(len(term) for term, _ in rows)
        if width > STACKED_FROM:
            lines = [f"  {term}\n{_wrap(meaning, ' ' * 6)}" for term, meaning in rows]
        else:
            lines = [_wrap(meaning, f"  {term.ljust(width)}   ") for term, meaning in rows]
        blocks.append(f"{heading}:\n" + "\n".join(lines))
    if note:
        blocks.append(fill(note))
    return "\n\n".join(blocks)


def parse_size(text: str) -> int:
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


def parse_positive(text: str) -> int:
    """Parse a whole number, one or more."""
    return _whole_number(text, 1, "must be 1 or more")


def parse_count(text: str) -> int:
    """Parse a whole number, zero or more."""
    return _whole_number(text, 0, "must not be negative")


def _whole_number(text: str, least: int, refusal: str) -> int:
    """``text`` as a whole number of ``least`` or more (else ``refusal``, the same for any
    number below: ``--limit 0`` and ``--limit -1`` say the same)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(refusal)
    return value


_DASHED_WORD = re.compile(r"-[^\W\d_][^\W_]+\*?")
"""One dash and a word of two letters or more (``-market``, ``-negot*``), not an option's
spelling (``-x``, ``--json``)."""


class CommandParser(argparse.ArgumentParser):
    """A command's parser: it has ``--version`` and knows which of its options take a value.

    Its help is a synopsis: the usage, the description (filled to :data:`MANUAL_WIDTH`), the
    options, then the sections that ``sections`` writes (see :func:`manual`). Both are made
    only when the help is shown, so that parsing costs nothing more.
    """

    def __init__(
        self,
        prog: str,
        description: str,
        sections: Callable[[], str] | None = None,
        **options: Any,
    ) -> None:
        self.valued_options: set[str] = set()
        """Every option string that takes a value (``--max-size``), wherever it was added."""
        self.sections = sections
        """Writes the help's closing sections (examples, exit status, …); None for none."""
        self.unknown_word_hint: str | None = None
        """Said after an unknown option that looks like a word after a dash (``-market``):
        where such a word belongs (``search``: inside the quoted query)."""
        options.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(prog=prog, description=description, **options)
        self.add_argument("--version", action="version", version=f"briefing-tui {__version__}")

    def format_help(self) -> str:
        """The whole help, as ``--help`` prints it."""
        self.description = fill(self.description or "")
        self.epilog = self.sections() if self.sections else None
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        """Exit on a usage error; arguments quoted in ``message`` are shown, not obeyed."""
        super().error(sanitize(message))

    def parse_intermixed_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """The arguments, options among the positionals; an unknown option is named alone
        (argparse takes the word after it for its value: ``--bogus QUERY`` was said to be
        two unrecognized arguments)."""
        parsed, extras = self.parse_known_intermixed_args(args, namespace)
        if extras:
            options = [extra for extra in extras if extra.startswith("-") and extra != "-"]
            shown = options or extras
            kind = "option" if options else "argument"
            plural = "s" if len(shown) > 1 else ""
            worded = any(_DASHED_WORD.fullmatch(option) for option in options)
            hint = f" ({self.unknown_word_hint})" if worded and self.unknown_word_hint else ""
            self.error(f"unrecognized {kind}{plural}: {' '.join(shown)}{hint}")
        return parsed

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        return self._noted(super().add_argument(*args, **kwargs))

    def add_argument_group(self, *args: Any, **kwargs: Any) -> argparse._ArgumentGroup:
        group = super().add_argument_group(*args, **kwargs)
        group.add_argument = self._noting(group.add_argument)  # type: ignore[method-assign]
        return group

    def add_mutually_exclusive_group(self, **kwargs: Any) -> argparse._MutuallyExclusiveGroup:
        group = super().add_mutually_exclusive_group(**kwargs)
        group.add_argument = self._noting(group.add_argument)  # type: ignore[method-assign]
        return group

    def _noting(self, add: Callable[..., argparse.Action]) -> Callable[..., argparse.Action]:
        return lambda *args, **kwargs: self._noted(add(*args, **kwargs))

    def _noted(self, action: argparse.Action) -> argparse.Action:
        if action.option_strings and action.nargs != 0:
            self.valued_options.update(action.option_strings)
        return action


def add_loading_options(parser: argparse.ArgumentParser) -> None:
    """``--strict``, the limits and ``--debug``: for every command that loads briefings."""
    defaults = Limits()
    group = parser.add_argument_group("loading")
    group.add_argument(
        "--strict", action="store_true", help="treat warnings (unknown keys, …) as errors"
    )
    group.add_argument(
        "--max-size",
        type=parse_size,
        default=defaults.max_bytes,
        metavar="SIZE",
        help="refuse files larger than this, before parsing (default 32M)",
    )
    group.add_argument(
        "--max-depth",
        type=parse_count,
        default=defaults.max_depth,
        metavar="N",
        help=f"deepest nesting of lists and mappings (default {defaults.max_depth})",
    )
    group.add_argument(
        "--max-aliases",
        type=parse_count,
        default=defaults.max_aliases,
        metavar="N",
        help="YAML aliases allowed, to text only (default 0: anchors and aliases are refused)",
    )
    group.add_argument("--debug", action="store_true", help="show a traceback on an internal error")


def limits(args: argparse.Namespace) -> Limits:
    """The limits the loading options asked for."""
    return Limits(max_bytes=args.max_size, max_depth=args.max_depth, max_aliases=args.max_aliases)


def parse_width(text: str) -> int:
    """Columns to wrap plain text to: 20 or more."""
    width = parse_count(text)
    if width < 20:
        raise argparse.ArgumentTypeError("must be at least 20")
    return width


def add_width_option(parser: argparse._ActionsContainer, table: bool = False) -> None:
    """``--width N``: the columns plain text is wrapped to (``table``: and a library's
    table is printed in, which is ``$COLUMNS`` wide when not given: see
    :func:`table_width`)."""
    from tui.export import DEFAULT_WIDTH

    said = f"default {DEFAULT_WIDTH}" + ("; a library's table: $COLUMNS if set" if table else "")
    parser.add_argument(
        "--width",
        type=parse_width,
        default=None if table else DEFAULT_WIDTH,
        metavar="N",
        help=f"wrap plain text to N columns ({said})",
    )


def text_width(args: argparse.Namespace) -> int:
    """The columns plain text is wrapped to: ``--width``, else the default."""
    from tui.export import DEFAULT_WIDTH

    return int(args.width or DEFAULT_WIDTH)


def table_width(args: argparse.Namespace) -> int:
    """The columns a library's table is printed in: ``--width``, else ``$COLUMNS`` (as
    ``ps`` reads it: a table into a pipe, wider than 80 if the user says so), else the
    default."""
    if args.width:
        return int(args.width)
    try:
        columns = parse_width(os.environ.get("COLUMNS", ""))
    except (argparse.ArgumentTypeError, ValueError):
        return text_width(args)
    return columns
