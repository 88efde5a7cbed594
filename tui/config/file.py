"""Reading ``config.toml``: the settings it gives, and what is wrong with it, line by line.

A problem never stops the reader: the setting at fault is left at its
default and the rest of the file applies; even a line that is not TOML is
left out and the file read again without it. Every problem is worded
``FILE:LINE: message``.
"""

from __future__ import annotations

import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from tui.storage.paths import config_dir
from tui.text import clip, sanitize_line

# The TOML parser, "did you mean" and the table of bindings are imported only
# when there is a file to read: most readers have none, and start-up counts.

FILE_NAME = "config.toml"
MAX_SIZE = 1024 * 1024
"""A config file is a few lines; a larger one is not read at all."""
MAX_SYNTAX_ERRORS = 20
"""Lines that are not TOML left out before the file is given up."""

THEMES = frozenset(
    {
        *("textual-dark", "textual-light", "nord", "gruvbox", "dracula", "tokyo-night"),
        *("monokai", "flexoki", "solarized-light", "solarized-dark", "ansi-dark", "ansi-light"),
        *("catppuccin-mocha", "catppuccin-latte", "catppuccin-frappe", "catppuccin-macchiato"),
        *("atom-one-dark", "atom-one-light", "rose-pine", "rose-pine-moon", "rose-pine-dawn"),
    }
)
"""Textual's themes (``tests/test_config.py`` keeps the list in step with Textual's)."""

READING_WIDTH = 84
READING_WIDTHS = range(20, 1001)
OUTLINE_CHOICES = ("auto", "show", "hide")
NOTIFICATION_SECONDS = 5.0
NOTIFICATION_RANGE = (1.0, 3600.0)


class Config(NamedTuple):
    """The settings in force: the file's, or the defaults where it says nothing (or is wrong)."""

    theme: str | None = None
    """The theme to start in; None: the one chosen in the app last, else Textual's default."""
    reading_width: int = READING_WIDTH
    """The widest the article's text column gets, in columns."""
    outline: str = "auto"
    """Whether the outline shows at start: ``auto`` (from 150 columns), ``show`` or ``hide``."""
    notification_seconds: float = NOTIFICATION_SECONDS
    """How long an ordinary message stays; shorter and longer ones in proportion."""
    db: str | None = None
    """A team archive's connection string (PostgreSQL) that libraries are searched in."""
    keys: Mapping[str, str] = MappingProxyType({})
    """Binding id → keys (Textual's names, comma-separated), for ``App.set_keymap``."""

    @property
    def outline_choice(self) -> bool | None:
        """The outline as the reader's toggle takes it: True, False, or None (by width)."""
        return {"show": True, "hide": False}.get(self.outline)


class ConfigProblem(NamedTuple):
    """One thing wrong with the file, at a line (None: the file as a whole)."""

    line: int | None
    message: str

    def format(self, path: Path) -> str:
        """``FILE:LINE: message``, the file's name made safe to print."""
        where = sanitize_line(str(path)) + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.message}"


class ConfigRead(NamedTuple):
    """A config file as read: the settings in force and the problems found."""

    path: Path
    config: Config
    problems: tuple[ConfigProblem, ...] = ()
    found: bool = False
    """The file is there (else every setting is a default)."""

    def messages(self) -> list[str]:
        """Each problem as ``FILE:LINE: message``."""
        return [problem.format(self.path) for problem in self.problems]


def config_path() -> Path:
    """Where the config file is looked for."""
    return config_dir() / FILE_NAME


def read_config(path: Path | None = None) -> ConfigRead:
    """Read the config file at ``path`` (default: :func:`config_path`); never raises."""
    path = path if path is not None else config_path()
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return ConfigRead(path, Config(), (ConfigProblem(None, _IGNORED_NOT_FILE),), True)
        if info.st_size > MAX_SIZE:
            return ConfigRead(path, Config(), (ConfigProblem(None, _IGNORED_LARGE),), True)
        with open(path, "rb") as file:
            data = file.read(MAX_SIZE + 1)
    except FileNotFoundError:
        return ConfigRead(path, Config())
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return ConfigRead(path, Config(), (ConfigProblem(None, f"cannot be read ({reason})"),))
    if len(data) > MAX_SIZE:
        return ConfigRead(path, Config(), (ConfigProblem(None, _IGNORED_LARGE),), True)
    config, problems = parse_config(data)
    return ConfigRead(path, config, tuple(problems), True)


_IGNORED_NOT_FILE = "not a regular file; ignored"
_IGNORED_LARGE = f"larger than {MAX_SIZE // 1024} KiB: not a config file; ignored"


def parse_config(data: bytes) -> tuple[Config, list[ConfigProblem]]:
    """The settings in ``data`` (a config file's bytes), and its problems in line order."""
    problems: list[ConfigProblem] = []
    text = data.decode("utf-8", errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
        line = text[: text.index("\ufffd")].count("\n") + 1
        problems.append(ConfigProblem(line, "not UTF-8 text (read with � for the bad bytes)"))
    lines = text.split("\n")
    table = _parse_toml(lines, problems)
    config = _settings(table, _KeyLines(lines), problems)
    problems.sort(key=lambda problem: problem.line or 0)
    return config, problems


# Patterns, compiled (and cached by ``re``) on first use, not at start-up.
_LONG_NUMBER = r"[0-9_]{1000}"
_AT_LINE = r"\s*\(at line (\d+), column (\d+)\)\s*$"


def _parse_toml(lines: list[str], problems: list[ConfigProblem]) -> dict[str, object]:
    """The TOML in ``lines``, leaving out (blanking, and reporting) each line it fails at."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    for _ in range(MAX_SYNTAX_ERRORS):
        try:
            table: dict[str, object] = tomllib.loads("\n".join(lines))
            return table
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            found = re.search(_AT_LINE, message)
            if found is None:  # "at end of document", or no place given
                problems.append(ConfigProblem(None, f"not TOML: {message}; the file is ignored"))
                return {}
            line, column = int(found[1]), int(found[2])
            reason = message[: found.start()]
            problems.append(
                ConfigProblem(line, f"not TOML: {reason} (column {column}); the line is ignored")
            )
            if not 0 < line <= len(lines) or not lines[line - 1]:
                return {}
            lines[line - 1] = ""
        except RecursionError:
            problems.append(ConfigProblem(None, "nested too deeply to read; the file is ignored"))
            return {}
        except ValueError as error:  # a number too long for Python to convert (4300 digits)
            long_number = next(
                (n for n, line in enumerate(lines) if re.search(_LONG_NUMBER, line)), None
            )
            if long_number is None:
                reason = sanitize_line(clip(str(error), 80))
                problems.append(ConfigProblem(None, f"not TOML: {reason}; the file is ignored"))
                return {}
            problems.append(
                ConfigProblem(long_number + 1, "a number too long; the line is ignored")
            )
            lines[long_number] = ""
    problems.append(ConfigProblem(None, "too many lines that are not TOML; the file is ignored"))
    return {}


_HEADER = r"\[\[?\s*([^\]#]+?)\s*\]\]?\s*(#.*)?$"
_PART_PATTERN = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|[A-Za-z0-9_-]+"
_KEY = rf"((?:{_PART_PATTERN})(?:\s*\.\s*(?:{_PART_PATTERN}))*)\s*="


def _key_path(dotted: str) -> tuple[str, ...]:
    parts = []
    for part in re.findall(_PART_PATTERN, dotted):
        if part.startswith('"'):
            part = part[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


class _KeyLines:
    """The line each key (or table) of the file is on, found by reading its lines."""

    def __init__(self, lines: list[str]) -> None:
        self.lines: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            header = re.match(_HEADER, stripped) if stripped.startswith("[") else None
            if header is not None:
                table = _key_path(header[1])
                self.lines.setdefault(table, number)
                continue
            key = re.match(_KEY, stripped)
            if key is not None:
                path = table + _key_path(key[1])
                for end in range(len(table) + 1, len(path) + 1):
                    self.lines.setdefault(path[:end], number)

    def of(self, *path: str) -> int | None:
        """The line of the key at ``path`` (or of the nearest table holding it)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def _toml_key(part: str) -> str:
    """A key as TOML writes it (quoted unless bare), short and safe to print."""
    shown = sanitize_line(clip(part, 60))
    return shown if re.fullmatch(r"[A-Za-z0-9_-]+", shown) else '"' + shown + '"'


def _shown(value: object) -> str:
    """A value from the file, short and safe to print."""
    text = repr(value) if not isinstance(value, str) else '"' + value + '"'
    return sanitize_line(clip(text, 40))


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date or time"


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def _settings(table: dict[str, object], lines: _KeyLines, problems: list[ConfigProblem]) -> Config:
    """The settings of a parsed file; what is wrong is reported and left at its default."""
    values: dict[str, object] = {}

    def problem(path: tuple[str, ...], message: str) -> None:
        name = ".".join(_toml_key(part) for part in path)
        problems.append(ConfigProblem(lines.of(*path), f"{name}: {message}"))

    for name, value in table.items():
        check = _CHECKS.get(name)
        if check is None:
            problem((name,), "unknown setting" + _did_you_mean(name, [*_CHECKS, "keys"]))
            continue
        wrong = check(value)
        if wrong is not None:
            problem((name,), f"{wrong}; the default is used")
        else:
            values[name] = value
    keys = table.get("keys", {})
    keymap = _keymap(keys, problem) if isinstance(keys, dict) else {}
    width, seconds = values.get("reading_width"), values.get("notification_seconds")
    return Config(
        theme=_string(values.get("theme")),
        reading_width=width if isinstance(width, int) else READING_WIDTH,
        outline=_string(values.get("outline")) or "auto",
        notification_seconds=float(seconds) if isinstance(seconds, (int, float)) else 5.0,
        db=_string(values.get("db")),
        keys=MappingProxyType(keymap),
    )


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _check_theme(value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected a theme's name, got {_type_name(value)}"
    if value not in THEMES:
        return f"no theme is called {_shown(value)}{_did_you_mean(value, sorted(THEMES))}"
    return None


def _check_width(value: object) -> str | None:
    low, high = READING_WIDTHS.start, READING_WIDTHS.stop - 1
    if isinstance(value, bool) or not isinstance(value, int) or value not in READING_WIDTHS:
        return f"expected a whole number of columns from {low} to {high}, got {_shown(value)}"
    return None


def _check_outline(value: object) -> str | None:
    if value not in OUTLINE_CHOICES:
        return f'expected "auto", "show" or "hide", got {_shown(value)}'
    return None


def _check_seconds(value: object) -> str | None:
    low, high = NOTIFICATION_RANGE
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        return f"expected a number of seconds from {low:g} to {high:g}, got {_shown(value)}"
    return None


def _check_db(value: object) -> str | None:
    if not isinstance(value, str):
        return f'expected a connection string ("postgresql://host/db"), got {_type_name(value)}'
    if not re.match(r"\s*(postgres(ql)?://|\w+\s*=)", value):
        return 'expected a connection string: "postgresql://host/db" or "host=... dbname=..."'
    return None


def _check_keys(value: object) -> str | None:
    if not isinstance(value, dict):
        return f"expected a table ([keys]), got {_type_name(value)}"
    return None


_CHECKS = {
    "theme": _check_theme,
    "reading_width": _check_width,
    "outline": _check_outline,
    "notification_seconds": _check_seconds,
    "db": _check_db,
    "keys": _check_keys,
}


Report = Callable[[tuple[str, ...], str], None]
"""Reports a problem with the setting at a path of keys."""


def _keymap(keys: dict[str, object], report: Report) -> dict[str, str]:
    """The ``[keys]`` table as a keymap; entries that are wrong, or clash, are left out."""
    from tui.config.keys import BINDINGS, parse_keys, shown_key

    wanted: dict[str, tuple[str, ...]] = {}
    for binding_id, value in keys.items():
        path = ("keys", binding_id)
        if binding_id not in BINDINGS:
            report(path, "no binding has this id" + _did_you_mean(binding_id, BINDINGS))
        elif not isinstance(value, str):
            report(path, f'expected keys as text ("J", "ctrl+n, J"), got {_type_name(value)}')
        else:
            parsed, wrong = parse_keys(value)
            if wrong is not None:
                report(path, f"{wrong}; the key stays {_default_shown(binding_id)}")
            elif set(parsed) != set(BINDINGS[binding_id].keys.split(",")):  # else: no change
                wanted[binding_id] = parsed
    for binding_id, clash in _clashes(wanted):
        keys_text = ", ".join(shown_key(key) for key in clash[1])
        if clash[0] in wanted:
            why = f"{keys_text} is also given to {clash[0]}"
        else:
            why = f"{keys_text} is already the key of {clash[0]} ({BINDINGS[clash[0]].description})"
        report(("keys", binding_id), f"{why}; the key stays {_default_shown(binding_id)}")
    return {binding_id: ",".join(keys) for binding_id, keys in wanted.items()}


def _default_shown(binding_id: str) -> str:
    from tui.config.keys import BINDINGS, shown_keys

    return shown_keys(BINDINGS[binding_id].keys)


def _clashes(
    wanted: dict[str, tuple[str, ...]],
) -> list[tuple[str, tuple[str, tuple[str, ...]]]]:
    """Leave out of ``wanted`` each remap whose keys another binding in force has too.

    The file's order decides: of two remaps to one key, the later is left out;
    a remap to a key another binding has by default is left out, unless that
    binding is moved too (so two keys can be swapped). Leaving one out gives
    its binding its default keys back, which may clash in turn: repeated until
    nothing clashes. Returns (id left out, (the other id, the shared keys)).
    """
    from tui.config.keys import BINDINGS, in_force_together

    dropped: list[tuple[str, tuple[str, tuple[str, ...]]]] = []
    changed = True
    while changed:
        changed = False
        keys_now = {
            binding_id: wanted.get(binding_id) or tuple(bindable.keys.split(","))
            for binding_id, bindable in BINDINGS.items()
        }
        for binding_id, keys in wanted.items():
            for other, other_keys in keys_now.items():
                shared = tuple(key for key in keys if key in other_keys)
                if other == binding_id or not shared or not in_force_together(binding_id, other):
                    continue
                if other in wanted and list(wanted).index(other) > list(wanted).index(binding_id):
                    continue  # the later of the two is left out, when its turn comes
                dropped.append((binding_id, (other, shared)))
                del wanted[binding_id]
                changed = True
                break
            if changed:
                break
    return dropped
