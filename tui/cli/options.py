"""What the commands' parsers share: ``--version``, the loading limits, sizes and counts."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn

from tui import __version__
from tui.format.limits import Limits
from tui.text import sanitize

_SIZE_SUFFIXES = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


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


def parse_count(text: str) -> int:
    """Parse a whole number, zero or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


class CommandParser(argparse.ArgumentParser):
    """A command's parser: it has ``--version`` and knows which of its options take a value."""

    def __init__(self, prog: str, description: str, **options: Any) -> None:
        self.valued_options: set[str] = set()
        """Every option string that takes a value (``--max-size``), wherever it was added."""
        super().__init__(prog=prog, description=description, **options)
        self.add_argument("--version", action="version", version=f"briefing-tui {__version__}")

    def error(self, message: str) -> NoReturn:
        """Exit on a usage error; arguments quoted in ``message`` are shown, not obeyed."""
        super().error(sanitize(message))

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
