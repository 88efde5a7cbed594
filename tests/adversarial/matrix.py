"""The adversarial matrix: every hostile input, what ``briefing-tui validate`` must say about it,
and, for those that load, what the reader must show.

One :class:`Case` a row. A case is a static file in ``cases/`` (named by the
case) or built by a maker in :mod:`makers`. In ``messages``, ``{path}`` stands
for the path given on the command line and ``{dir}`` for its folder; each
message is the start of one line of stderr (or a regular expression the line
matches), in order, and stderr has exactly that many lines unless ``lines``
says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import makers
from makers import Maker

OK, INVALID, USAGE = 0, 1, 2
"""The exit codes of ``validate`` (``tui/cli/exits.py``): valid, invalid, not a readable file."""


@dataclass(frozen=True)
class Screen:
    """Keys pressed in the reader (space-separated, as ``Pilot.press`` names them), then text
    that must then be on the screen, literally."""

    keys: str
    shows: tuple[str, ...]


def screen(keys: str, *shows: str) -> Screen:
    return Screen(keys, shows)


@dataclass(frozen=True)
class Case:
    name: str
    """The case's id; for a static case, its file in ``cases/``."""
    exit: int
    """The exit code of ``validate``."""
    messages: tuple[str | re.Pattern[str], ...] = ()
    """The start of each line ``validate`` prints on stderr, or a pattern it matches."""
    screens: tuple[Screen, ...] = ()
    """For a file that loads: what the reader shows at 80x24, in order, in one session."""
    make: Maker | None = None
    """Builds the case in a temporary folder; None for a static file in ``cases/``."""
    file: str | None = None
    """The static file in ``cases/``, if not named by the case (two cases of one file)."""
    args: tuple[str, ...] = ()
    """Options given to ``validate`` (and to the reader) before the file."""
    lines: int | None = None
    """How many lines stderr has, if more than ``messages`` lists."""
    big: bool = False
    """A big generated file: marked ``big`` (``-m 'not big'`` leaves it out)."""
    budget: float = 1.0
    """Seconds ``validate`` may take on it (in process, on a busy CI machine)."""
    seconds: float | None = None
    """Seconds the reader may take to show it (links and layout done), then each screen's keys
    (None: not timed)."""
    may_hang: bool = False
    """Checked in a child process with a timeout, so that a regression fails, not hangs."""
    skip: Callable[[], str | None] | None = None
    """Why the case cannot be checked here, or None if it can."""


def syntax(line_col: str, message: str) -> str:
    return f"{{path}}:{line_col}: error: YAML syntax: {message}"


CONTROLS_WARNING = "contains terminal control characters; they are shown as placeholders"
NOT_PLAIN = "is not allowed; briefings use plain YAML only"
NO_ALIASES = "anchors and aliases are not allowed (see --max-aliases)"

CASES: list[Case] = [
    # -- issue 9: the failures found ---------------------------------------------------
    Case("tag-overlong.yaml", INVALID, (syntax("1:8", "a tag's %-escapes are not UTF-8 text"),)),
    Case("tag-surrogate.yaml", INVALID, (syntax("1:8", "a tag's %-escapes are not UTF-8 text"),)),
    Case("tag-directive.yaml", INVALID, (syntax("1:1", "a tag's %-escapes are not UTF-8 text"),)),
    Case(
        "evil-name",
        OK,
        screens=(screen("i", "evil␛]2;FNAMEPWNED␇␛[31m.yaml"),),
        make=makers.evil_name,
    ),
    Case(
        "evil-name-invalid",
        INVALID,
        ("{dir}/evil␛]2;FNAMEPWNED␇␛[31m.yaml:1:8: error: title: must not be empty",),
        make=makers.evil_name_invalid,
    ),
    Case(
        "latin1-name",
        OK,
        screens=(screen("i", "caf\ufffd.yaml"),),
        make=makers.latin1_name,
    ),
    Case(
        "evil-missing",
        USAGE,
        ("briefing-tui: {dir}/gone␛[2J\ufffd31m.yaml: no such file",),
        make=makers.evil_missing,
    ),
    Case(
        "bad-references-500",
        INVALID,
        (
            "{path}:1505:14: error: talking_points[0].section: no section has id"
            " 'sectoin-00000'; did you mean 'section-00000'?",
        ),
        make=makers.bad_references_500,
        lines=500,
        big=True,
        budget=3.0,
    ),
    Case(
        "unknown-keys-20000",
        OK,
        ("{path}:5:1: warning: titl0: unknown key; did you mean title?",),
        screens=(screen("", "Ministers meet", "20000 warnings in this file"),),
        make=makers.unknown_keys_20000,
        lines=20_000,
        big=True,
        budget=3.0,  # printing 20,000 lines included; the loader's work is counted in test_loader
    ),
    Case(
        "same-headings-10000",
        OK,
        screens=(screen("", "Article · 1/10000 · Talks"), screen("G", "Article · 10000/10000")),
        make=makers.same_headings_10000,
        big=True,
        budget=4.0,
    ),
    Case(
        "brackets-40000",
        OK,
        screens=(screen("", "[" * 76),),
        make=makers.brackets_40000,
        big=True,
        budget=2.0,
    ),
    Case(
        "invisible-title.yaml",
        OK,
        (
            "{path}:1:8: warning: title: contains invisible characters (U+200B, U+2060, U+200F, …)",
            "{path}:1:8: warning: title: has no visible text",
        ),
        screens=(screen("", "(no visible text)"),),
    ),
    Case(
        "zwj-emoji.yaml",
        OK,
        screens=(
            screen("", "Family 👨👩👧👦 visit", "Flags 🏳🌈 and 👩🚀", "The family 👨👩👧👦 met"),
        ),
    ),
    Case(
        "persian-zwnj.yaml",
        OK,
        screens=(screen("", "Persian: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),),
    ),
    Case(
        "wide-then-control.yaml",
        INVALID,
        ("{path}:1:11: error: character U+0001 is not allowed in YAML text",),
    ),
    # -- YAML syntax -------------------------------------------------------------------
    Case("yaml-bad-indent.yaml", INVALID, (syntax("5:4", "did not find expected '-' indicator"),)),
    Case("yaml-unclosed-flow.yaml", INVALID, (syntax("3:9", "did not find expected ',' or ']'"),)),
    Case("yaml-unclosed-quote.yaml", INVALID, (syntax("5:1", "found unexpected end of stream"),)),
    Case(
        "yaml-tab-indent.yaml",
        INVALID,
        ("{path}:4:1: error: tab character in indentation; YAML indents with spaces only",),
    ),
    Case("tab-in-text.yaml", OK, screens=(screen("", "Tab here", "Col umns", "a b"),)),
    Case("empty.yaml", INVALID, ("{path}:1:1: error: empty file: a briefing needs a title",)),
    Case("comments-only.yaml", INVALID, ("{path}:1:1: error: empty file",)),
    Case("bom-only.yaml", INVALID, ("{path}:1:1: error: empty file",)),
    Case(
        "two-documents.yaml",
        INVALID,
        ("{path}:5:1: error: a second YAML document; a briefing file holds exactly one",),
    ),
    Case(
        "top-level-list.yaml",
        INVALID,
        ("{path}:1:1: error: the top level must be a mapping (title: …, sections: …), got a list",),
    ),
    Case("top-level-text.yaml", INVALID, ("{path}:1:1: error: the top level must be a mapping",)),
    Case("non-text-key.yaml", INVALID, ("{path}:1:3: error: mapping keys must be plain text",)),
    Case("bom-crlf.yaml", OK, screens=(screen("", "Ministers meet", "They talked."),)),
    # -- duplicate keys at every level ---------------------------------------------------
    Case(
        "duplicate-key-top.yaml",
        INVALID,
        ("{path}:5:1: error: duplicate key 'title' (first at line 1)",),
    ),
    Case(
        "duplicate-key-source.yaml",
        INVALID,
        ("{path}:4:3: error: duplicate key 'name' (first at line 3)",),
    ),
    Case(
        "duplicate-key-section.yaml",
        INVALID,
        ("{path}:5:5: error: duplicate key 'heading' (first at line 3)",),
    ),
    Case(
        "duplicate-key-point.yaml",
        INVALID,
        ("{path}:7:5: error: duplicate key 'text' (first at line 6)",),
    ),
    Case(
        "duplicate-key-quote.yaml",
        INVALID,
        ("{path}:8:5: error: duplicate key 'speaker' (first at line 6)",),
    ),
    # -- wrong types and values for every field ------------------------------------------
    Case(
        "wrong-types-top.yaml",
        INVALID,
        (
            "{path}:1:9: error: format: expected text, got a list",
            "{path}:2:8: error: title: expected text, got a list",
            "{path}:3:11: error: subtitle: expected text, got a mapping",
            "{path}:4:10: error: summary: expected text, got a list",
            "{path}:5:11: error: location: expected text, got a mapping",
            "{path}:6:9: error: source: expected a mapping, got text",
            "{path}:7:12: error: published: expected text, got a list",
            "{path}:8:10: error: authors: expected a list of text, got text",
            "{path}:9:7: error: tags: expected a list of text, got a mapping",
            "{path}:10:11: error: sections: expected a list, got text",
            "{path}:11:17: error: talking_points: expected a list, got text",
            "{path}:12:9: error: quotes: expected a list, got a mapping",
        ),
    ),
    Case(
        "wrong-types-nested.yaml",
        INVALID,
        (
            "{path}:2:16: error: source.name: expected text, got a list",
            "{path}:2:26: error: source.url: expected text, got a mapping",
            "{path}:3:11: error: authors[0]: expected text, got a list",
            "{path}:4:8: error: tags[0]: expected text, got a mapping",
            "{path}:6:5: error: sections[0]: expected a mapping, got text",
            "{path}:7:9: error: sections[1].id: expected text, got a list",
            "{path}:8:14: error: sections[1].heading: expected text, got a mapping",
            "{path}:9:11: error: sections[1].body: expected text, got a mapping",
            "{path}:11:5: error: talking_points[0]: expected text or a mapping, got a list",
            "{path}:12:11: error: talking_points[1].text: expected text, got a list",
            "{path}:13:14: error: talking_points[1].section: expected text, got a mapping",
            "{path}:15:5: error: quotes[0]: expected a mapping, got text",
            "{path}:16:14: error: quotes[1].speaker: expected text, got a list",
            "{path}:17:11: error: quotes[1].text: expected text, got a mapping",
            "{path}:18:11: error: quotes[1].role: expected text, got a list",
            "{path}:19:14: error: quotes[1].section: expected text, got a list",
        ),
    ),
    Case(
        "bad-values.yaml",
        INVALID,
        (
            "{path}:1:9: error: format: unsupported format 'briefing/2'",
            "{path}:2:8: error: title: must not be empty",
            "{path}:3:12: error: published: '2024-13-45' is not a real date",
            "{path}:4:24: error: source.url: expected an http:// or https:// URL",
            "{path}:6:9: error: sections[0].id: must be a slug of a-z, 0-9 and '-'",
        ),
    ),
    Case(
        "date-fullwidth-digits.yaml",
        INVALID,
        ("{path}:2:12: error: published: '２０２１-10-21' is not a date; write YYYY-MM-DD",),
    ),
    Case(
        "date-second-60-utc.yaml",
        INVALID,
        (
            "{path}:2:12: error: published: '2021-10-21T14:05:60Z' is not a real date"
            " (second must be in 0..59)",
        ),
    ),
    Case(
        "date-offset-24-hours.yaml",
        INVALID,
        (
            "{path}:2:12: error: published: '2021-10-21T14:05+24:00' is not a real date"
            " (UTC offsets go from -23:59 to +23:59)",
        ),
    ),
    Case(
        "date-offset-75-minutes.yaml",
        INVALID,
        (
            "{path}:2:12: error: published: '2021-10-21T14:05+05:75' is not a real date"
            " (UTC offsets go from -23:59 to +23:59)",
        ),
    ),
    Case(
        "literal-scalars.yaml",
        OK,
        screens=(
            screen("", "no", "2022-01-01", "0x1F"),
            screen("2", "1. yes", "2. 1e3"),
            screen("i", "1.10", ".nan", "~x"),
        ),
    ),
    Case(
        "unknown-key.yaml",
        OK,
        ("{path}:5:1: warning: talkng_points: unknown key; did you mean talking_points?",),
        screens=(screen("", "Ministers meet"),),
    ),
    Case(
        "unknown-key-strict",
        INVALID,
        ("{path}:5:1: error: talkng_points: unknown key; did you mean talking_points?",),
        file="unknown-key.yaml",
        args=("--strict",),
    ),
    Case(
        "merge-key.yaml",
        OK,
        ("{path}:5:1: warning: <<: unknown key",),
        screens=(screen("", "Ministers meet"),),
    ),
    # -- plain YAML only: tags, anchors, aliases ---------------------------------------------
    Case(
        "python-object.yaml",
        INVALID,
        (f"{{path}}:1:8: error: tag !!python/object/apply:os.system {NOT_PLAIN}",),
    ),
    Case(
        "python-name.yaml",
        INVALID,
        (f"{{path}}:1:8: error: tag !!python/name:os.system {NOT_PLAIN}",),
    ),
    Case("custom-tag.yaml", INVALID, (f"{{path}}:1:8: error: tag !secret {NOT_PLAIN}",)),
    Case("billion-laughs.yaml", INVALID, (f"{{path}}:5:4: error: anchor &a: {NO_ALIASES}",)),
    Case(
        "billion-laughs-aliases-allowed",
        INVALID,
        ("{path}:5:4: error: anchor &a: anchors and aliases are not allowed on lists or mappings",),
        file="billion-laughs.yaml",
        args=("--max-aliases", "1000"),
    ),
    Case("alias-to-text.yaml", INVALID, (f"{{path}}:1:8: error: anchor &t: {NO_ALIASES}",)),
    Case(
        "alias-to-text-allowed",
        OK,
        screens=(screen("", "Article · 1/1 · Ministers meet"),),
        file="alias-to-text.yaml",
        args=("--max-aliases", "1"),
    ),
    # -- limits: nesting and size ------------------------------------------------------------
    Case(
        "long-values",
        INVALID,
        (
            "{path}:1:9: error: format: unsupported format 'briefing/xxxxx",
            "{path}:3:12: error: published: '2021-xxxxx",
            "{path}:8:9: error: sections[1].id: duplicate section id 'axxxxx",
            "{path}:13:14: error: talking_points[0].section: no section has id 'bxxxxx",
            "{path}:14:3: warning: kxxxxx",
        ),
        make=makers.long_values,
    ),
    Case(
        "nested-lists-20000",
        INVALID,
        # libyaml stops at 1,000 levels of flow nesting while it looks ahead, before the
        # depth limit is checked (at 4:72 with PyYAML's pure-Python parser).
        (re.compile(r"{path}:4:\d+: error: .*nesting"),),
        make=makers.nested_lists_20000,
    ),
    Case(
        "nested-mappings-20000",
        INVALID,
        ("{path}:2:262: error: nesting deeper than 64 levels (see --max-depth)",),
        make=makers.nested_mappings_20000,
    ),
    Case(
        "over-size",
        INVALID,
        ("{path}:1:1: error: file is 33.0 MiB, over the 32.0 MiB limit (see --max-size)",),
        make=makers.over_size,
    ),
    Case(
        "over-max-size",
        INVALID,
        ("{path}:1:1: error: file is 2.0 KiB, over the 1.0 KiB limit (see --max-size)",),
        make=makers.over_max_size,
        args=("--max-size", "1k"),
    ),
    Case(
        "long-fields",
        OK,
        screens=(
            screen("", "Title Title Title", "Name Name Name", "Article · 1/1 · Head Head Head"),
            screen("i", "Title Title Title"),
            screen("G", "Name Name Nam…", "Contents", "long-fields.yaml"),
            screen("escape t", "1. Head Head Head"),
        ),
        make=makers.long_fields,
        big=True,
        budget=3.0,
        seconds=3.0,
    ),
    Case(
        "long-word",
        OK,
        screens=(
            screen(
                "", "AbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAb"
            ),
        ),
        make=makers.long_word,
        big=True,
    ),
    # -- encodings and binary ------------------------------------------------------------------
    Case(
        "latin-1.yaml",
        INVALID,
        ("{path}:5:16: error: invalid UTF-8 byte 0xe1; briefings must be UTF-8 text",),
    ),
    Case(
        "utf-16.yaml",
        INVALID,
        ("{path}:1:1: error: file is UTF-16 encoded; briefings must be UTF-8",),
    ),
    Case("utf-16le-no-bom.yaml", INVALID, ("{path}:1:2: error: NUL byte: this is a binary file",)),
    Case(
        "utf-32.yaml",
        INVALID,
        ("{path}:1:1: error: file is UTF-32 encoded; briefings must be UTF-8",),
    ),
    Case("nul-byte.yaml", INVALID, ("{path}:1:17: error: NUL byte: this is a binary file",)),
    Case("binary.png", INVALID, ("{path}:3:1: error: NUL byte: this is a binary file",)),
    # -- not a regular file ------------------------------------------------------------------
    Case(  # (validate checks a folder's briefing files; this one, named like one, has none)
        "directory",
        USAGE,
        ("briefing-tui: {path}: no briefing file (.yaml, .yml) in it",),
        make=makers.directory,
    ),
    Case(
        "fifo",
        USAGE,
        ("briefing-tui: {path}: not a regular file (a FIFO)",),
        make=makers.fifo,
        may_hang=True,
    ),
    Case(
        "socket",
        USAGE,
        ("briefing-tui: {path}: not a regular file (a socket)",),
        make=makers.unix_socket,
    ),
    Case(
        "device",
        USAGE,
        ("briefing-tui: {path}: not a regular file (a character device)",),
        make=makers.device,
    ),
    Case(
        "broken-symlink",
        USAGE,
        ("briefing-tui: {path}: a broken symbolic link (its target does not exist)",),
        make=makers.broken_symlink,
    ),
    Case(
        "symlink-loop",
        USAGE,
        ("briefing-tui: {path}: Too many levels of symbolic links",),
        make=makers.symlink_loop,
    ),
    Case(
        "unreadable",
        USAGE,
        ("briefing-tui: {path}: permission denied",),
        make=makers.unreadable,
        skip=makers.running_as_root,
    ),
    # -- line breaks: YAML counts CR, CR LF, NEL, LS and PS as well as LF -----------------------
    Case("cr-line-ends.yaml", OK, screens=(screen("", "Ministers meet", "They talked."),)),
    Case(
        "cr-line-ends-latin-1.yaml",
        INVALID,
        ("{path}:5:16: error: invalid UTF-8 byte 0xe1; briefings must be UTF-8 text",),
    ),
    Case(
        "cr-line-ends-control.yaml",
        INVALID,
        ("{path}:5:16: error: character U+0001 is not allowed in YAML text",),
    ),
    Case(
        "cr-line-ends-tab-indent.yaml",
        INVALID,
        ("{path}:4:1: error: tab character in indentation; YAML indents with spaces only",),
    ),
    # NEL, LS and PS end lines for YAML but not for editors, grep or less: positions count
    # lines as those do (a file with only NEL "line ends" is one line in them).
    Case(
        "nel-line-ends-nul.yaml", INVALID, ("{path}:1:90: error: NUL byte: this is a binary file",)
    ),
    Case(
        "ls-ps-line-ends-control.yaml",
        INVALID,
        ("{path}:4:16: error: character U+0001 is not allowed in YAML text",),
    ),
    # -- escape sequences and markup in text -----------------------------------------------------
    Case(
        "escape-raw.yaml",
        INVALID,
        ("{path}:1:8: error: character U+001B is not allowed in YAML text",),
    ),
    Case(
        "c1-raw.yaml",
        INVALID,
        ("{path}:1:8: error: character U+009B is not allowed in YAML text",),
    ),
    Case(
        "bidi-override.yaml",
        OK,
        (f"{{path}}:1:8: warning: title: {CONTROLS_WARNING}",),
        screens=(screen("", "file\ufffdgpj.exe"),),
    ),
    Case(
        "escape-in-key.yaml",
        OK,
        # A key with what does not show in it is quoted, the hidden characters spelled out.
        ('{path}:5:1: warning: "<U+001B>]2;KEYPWNED<U+0007>": unknown key',),
        screens=(screen("", "Ministers meet"),),
    ),
    Case(
        "escape-in-reference.yaml",
        INVALID,
        (
            "{path}:7:14: error: talking_points[0].section: no section has id '␛[2Jtalks';"
            " did you mean 'talks'?",
            f"{{path}}:7:14: warning: talking_points[0].section: {CONTROLS_WARNING}",
        ),
    ),
    Case(
        "markup-every-field.yaml",
        OK,
        (
            *(
                f"{{path}}:{at}: warning: {field}: {CONTROLS_WARNING}"
                for at, field in [
                    ("3:8", "title"),
                    ("4:11", "subtitle"),
                    ("5:10", "summary"),
                    ("6:11", "location"),
                    ("8:9", "source.name"),
                    ("9:8", "source.url"),
                    ("11:11", "authors[0]"),
                    ("11:34", "authors[1]"),
                    ("12:26", "tags[1]"),
                    ("15:14", "sections[0].heading"),
                    ("16:11", "sections[0].body"),
                    ("18:11", "talking_points[0].text"),
                    ("21:14", "quotes[0].speaker"),
                    ("22:11", "quotes[0].role"),
                    ("23:11", "quotes[0].text"),
                ]
            ),
            "{path}:23:11: warning: quotes[0]: not in the article",
        ),
        screens=(
            screen(
                "",
                "[bold red]TITLE[/] ␛]2;PWNED␇",
                "[b]SOURCE[/b] ␛[5m",
                "[@click=app.quit]LOCATION[/] \ufffd2J",
                "[reverse]HEADING[/] ␛[2J",
                "[blink]BODY[/blink] ␛]8;;https://evil.example␛\\LINK␛]8;;␛\\ end",
            ),
            screen("2", "[bold]POINT[/] ␛[1A"),
            screen("3", "“[italic]QUOTE[/] ␛[3J”", "— [green]SPEAKER[/] ␛[H, [dim]ROLE[/] ␇"),
            screen(
                "i",
                "[i]SUBTITLE[/i] ␛[31m",
                "[link=https://evil.example]SUMMARY[/link] ␛]52;c;cHduZWQ=␇",
                "https://example.com/[b]x[/b]?␛]2;URL␇",
            ),
            screen("j j j j j j j j j j j j", "[u]AUTHOR[/u] ␛[8m", "#[red]TAG[/red]"),
            screen("escape t", "1. [reverse]HEADING[/] ␛[2J"),
            screen("escape ctrl+p P O I N T", "Talking point: [bold]POINT[/] ␛[1A"),
            screen("escape escape ctrl+p Q U O T E", "Quote: [italic]QUOTE[/] ␛[3J"),
        ),
    ),
]
