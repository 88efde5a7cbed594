"""Hints for YAML syntax errors: what the author should change, and on which line.

libyaml's messages name what its grammar expected (``mapping values are not
allowed in this context``), often lines after the mistake. A hint looks at
the few lines around the error for the mistakes authors make (a colon, a
``*`` or a ``[`` in unquoted text, a line dedented in a ``|`` block, a tab,
an unclosed quote, no space after ``-`` or ``:``) and says what to write,
built from the author's own line. It is computed once, for the one error
reported, reading only the lines involved (back to the start of the text a
mistake is in, and never more than a few thousand).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.format.problems import Hint
from tui.text import sanitize_line

LineOf = Callable[[int], "str | None"]
"""The text of a 1-based line of the file (without its line end), None past the end."""

_INDICATORS = "*&!@`%|>[{\"'"
"""Characters that, starting a plain value, make YAML read something other than text."""
_NAMES = {
    "*": "'*'",
    "&": "'&'",
    "!": "'!'",
    "@": "'@'",
    "`": "'`'",
    "%": "'%'",
    "|": "'|'",
    ">": "'>'",
    "[": "'['",
    "{": "'{'",
    '"': "a quote",
    "'": "a quote",
}
_KEY = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*?:(?=[ \t]|$)")
"""A plain key and its colon at the start of a line's content (``title:``)."""
_KEY_NO_SPACE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?=[^\s:/])")
"""A key whose colon has no space after it (``title:Talks``; not ``https://``)."""
_DASH_NO_SPACE = re.compile(r"-(?=[^\s-])")
_BLOCK_HEADER = re.compile(r"(?:^|[ ]|-)([|>])[-+0-9]*[ \t]*(?:#.*)?$")
"""The end of a line that opens a ``|`` or ``>`` block: ``body: |``, ``- >-``."""
_BLOCK_TEXT = re.compile(r"[|>][-+0-9]*[ \t]+[^\s#]")
"""A ``|`` or ``>`` followed by text on its own line: ``> quoted words``."""
_FORMAT_KEY = re.compile(r"[a-z][a-z_]*")
"""A key as the format spells them (``title``, ``talking_points``), not words of text."""
_BUDGET = 5000
"""Most lines a hint reads: a few walks back over a long ``|`` block and no more."""
_LIMIT = 60
"""Longest text quoted in a suggestion; longer is shortened in the middle."""


class _Line:
    """One line split as YAML authors see it: indentation, ``- `` markers, ``key:``, value."""

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.text = text
        self.indent = len(text) - len(text.lstrip(" "))
        at = self.indent
        while text.startswith("-", at) and (at + 1 == len(text) or text[at + 1] in " \t"):
            at += 1
            while at < len(text) and text[at] in " \t":
                at += 1
        self.content = at
        """Column index (0-based) where the line's content starts, after any ``- ``."""
        key = _KEY.match(text, at)
        self.key = text[at : key.end() - 1].rstrip() if key else None
        self.colon = key.end() - 1 if key else -1
        """Index of the colon after the key, -1 if none."""
        value = key.end() if key else at
        while value < len(text) and text[value] in " \t":
            value += 1
        self.value_at = value
        self.value = text[value:].rstrip()

    @property
    def blank(self) -> bool:
        """True for a blank or comment-only line."""
        return not self.text.strip() or self.text.lstrip().startswith("#")

    @property
    def prefix(self) -> str:
        """What comes before the value, written anew: ``- ``, ``title: ``, ``- text: ``."""
        return self.text[self.indent : self.value_at]

    @property
    def is_structure(self) -> bool:
        """True if the line is a list item or a ``key:`` (not text that goes on)."""
        return self.content > self.indent or self.key is not None


class _Source:
    """The file's lines, read one at a time as the hint needs them, up to a budget.

    A hint looks back over the text a mistake is in (a ``|`` block, wrapped
    text, the levels of indentation above); past the budget it gives up
    rather than read a crafted file's hundred thousand lines.
    """

    def __init__(self, line_of: LineOf, budget: int = _BUDGET) -> None:
        self._line_of = line_of
        self._budget = budget

    def line(self, number: int) -> _Line | None:
        """Line ``number``, None past either end of the file or of the budget."""
        self._budget -= 1
        text = self._line_of(number) if number >= 1 and self._budget >= 0 else None
        return None if text is None else _Line(number, text)

    def previous(self, number: int) -> _Line | None:
        """The nearest non-blank line before line ``number``."""
        number -= 1
        while (line := self.line(number)) is not None:
            if not line.blank:
                return line
            number -= 1
        return None


def quoted(text: str) -> str:
    """``text`` in YAML quotes, as short as it stays readable: ``"Talks: the plan"``."""
    if len(text) > _LIMIT:
        text = _shortened(text)
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shortened(text: str) -> str:
    """Long text as its start and end, cut between words: ``The ministers met … two weeks.``."""
    head = text[: _LIMIT - 20]
    head = head[: head.rfind(" ")] if " " in head else head
    tail = text[-16:]
    tail = tail[tail.find(" ") + 1 :] if " " in tail else tail
    return f"{head.rstrip()} … {tail.lstrip()}"


_LONGEST_HINT = 300
"""A hint is cut here, whatever it quotes (a safety net: each quotes at most _LIMIT)."""


def _hint(line: int, column: int, text: str) -> Hint:
    text = sanitize_line(text)
    if len(text) > _LONGEST_HINT:
        text = text[: _LONGEST_HINT - 1] + "…"
    return Hint(line, column, text)


def syntax_hint(
    line_of: LineOf,
    line: int,
    column: int,
    problem: str,
    context: str = "",
    context_at: tuple[int, int] | None = None,
) -> Hint | None:
    """A hint for the parser's error at ``line``:``column``, or None if none fits.

    ``problem`` and ``context`` are the parser's words (libyaml's or PyYAML's:
    only the parts both share are looked at), ``context_at`` where the context
    started.
    """
    source = _Source(line_of)
    here = source.line(line)
    start = source.line(context_at[0]) if context_at else None
    if "quoted scalar" in context and start is not None and context_at is not None:
        return _unclosed(start, context_at[1])
    if ("alias" in context or "anchor" in context) and start is not None:
        return indicator_hint(start)
    if "flow" in context and start is not None and context_at is not None:
        return _unclosed_bracket(start, context_at[1])
    if "block scalar" in context and start is not None:
        return indicator_hint(start)
    candidates = [start] if start is not None and "simple key" in context else []
    if here is not None:
        candidates.append(here)
    before = source.previous(line)
    if before is not None:
        candidates.append(before)
    for candidate in candidates:
        hint = _spacing(candidate, column if candidate is here else 0)
        if hint is not None:
            return hint
    if "simple key" in context and start is not None:
        return _dedented(source, start)
    if here is None:
        return None
    if "mapping values" in problem:
        return _misindented_key(source, here, column) or _colon(source, here, column)
    return (
        _closed_early(source, here, column)
        or _dedented(source, here)
        or indicator_hint(here)
        or _misindented(source, here, column)
    )


def _spacing(line: _Line, column: int) -> Hint | None:
    """A tab where YAML wants spaces, or no space after ``-`` or ``key:``."""
    text = line.text
    tab = text.find("\t", 0, line.value_at)
    if tab < 0 and column and 0 < column <= len(text) and text[column - 1] == "\t":
        tab = column - 1
    if tab >= 0:
        if tab < line.indent or text[: tab + 1].isspace():
            return _hint(line.number, tab + 1, "indent with spaces, not tabs: replace the tab")
        after = text[:tab].rstrip(" ")[-1:]
        where = f" after '{after}'" if after in ("-", ":") else ""
        fix = f"replace the tab{where} with a space; YAML wants spaces"
        return _hint(line.number, tab + 1, fix)
    at = line.content
    if _DASH_NO_SPACE.match(text, at) and not text.startswith("---", line.indent):
        fixed = text[line.indent : at] + "- " + text[at + 1 :].strip()
        return _hint(line.number, at + 1, f"a list item needs a space after '-': {fixed}")
    if line.key is None and (key := _KEY_NO_SPACE.match(text, at)):
        fixed = f"{text[line.indent : key.end()]} {text[key.end() :].strip()}"
        return _hint(line.number, key.end(), f"put a space after ':': {fixed}")
    return None


def indicator_hint(line: _Line) -> Hint | None:
    """Text whose first character makes YAML read it as something else: ``*Bold* words``."""
    value = line.value
    if not value or value[0] not in _INDICATORS:
        return None
    first = value[0]
    if first in "[{" and value.endswith("]" if first == "[" else "}"):
        return None  # a list or mapping written in brackets: not a mistake of this kind
    if first in "|>" and not _BLOCK_TEXT.match(value):
        return None  # a block's header alone: its text is below it
    if first in "\"'":
        return _quote_then_text(line)
    return _hint(
        line.number,
        line.value_at + 1,
        f"text starting with {_NAMES[first]} must be quoted: {line.prefix}{quoted(value)}",
    )


def _quote_then_text(line: _Line) -> Hint | None:
    """Quoted text followed by more text: ``'Colombia's plan'``, ``"Yes", he said.``."""
    value, mark = line.value, line.value[0]
    close = _closing(value, mark)
    if close < 0 or not value[close + 1 :].strip():
        return None
    in_word = value[close - 1 : close].isalnum() and value[close + 1 : close + 2].isalpha()
    if mark == "'" and in_word:
        inner = value[1:-1] if value.endswith("'") and len(value) > 1 else value[1:]
        return _hint(
            line.number,
            line.value_at + close + 1,
            "an apostrophe inside '…' ends the text: write it twice (''),"
            f' or quote with "…" instead: {line.prefix}{quoted(inner)}',
        )
    return _hint(
        line.number,
        line.value_at + 1,
        f"text that starts with a quote must be quoted whole: {line.prefix}{quoted(value)}",
    )


def _closing(value: str, mark: str) -> int:
    """Index of the quote that ends a quoted value starting at index 0, or -1."""
    at = 1
    while at < len(value):
        char = value[at]
        if mark == '"' and char == "\\":
            at += 2
            continue
        if char == mark:
            if mark == "'" and value.startswith("''", at):
                at += 2
                continue
            return at
        at += 1
    return -1


def _unclosed(line: _Line, column: int) -> Hint:
    """A quote opened at ``column`` of ``line`` that nothing closes."""
    mark = line.text[column - 1] if 0 < column <= len(line.text) else '"'
    rest = line.text[column:].rstrip()
    prefix = line.text[line.indent : column - 1]
    fixed = f"{prefix}{mark}{rest}{mark}"
    return _hint(
        line.number,
        column,
        f"this {mark} is never closed: end the text with {mark} too: {fixed}",
    )


def _closed_early(source: _Source, here: _Line, column: int) -> Hint | None:
    """The error is just after a quote that closes one opened on an earlier line."""
    text = here.text
    if not 1 < column <= len(text) + 1 or text[column - 2] not in "\"'":
        return None
    mark = text[column - 2]
    if text.count(mark, 0, column - 1) % 2 == 0:
        return None
    line = source.previous(here.number)
    while line is not None and line.number > 0:
        if line.text.count(mark) % 2 == 1:
            opened = line.text.find(mark, line.value_at)
            if opened < 0:
                return None
            hint = _unclosed(line, opened + 1)
            return Hint(hint.line, hint.column, hint.text + f" (it now ends on line {here.number})")
        line = source.previous(line.number)
    return None


def _unclosed_bracket(line: _Line, column: int) -> Hint | None:
    """A ``[`` or ``{`` at ``column`` that opens a list or mapping never closed."""
    opened = line.text[column - 1 : column]
    if opened not in ("[", "{"):
        return None
    closer = "]" if opened == "[" else "}"
    kind = "list" if opened == "[" else "mapping"
    text = line.text[column - 1 :].rstrip()
    prefix = line.text[line.indent : column - 1]
    if len(prefix) > _LIMIT:
        prefix = _shortened(prefix)
    return _hint(
        line.number,
        column,
        f"this '{opened}' starts a {kind} that is never closed with '{closer}';"
        f" if it is text, quote it: {prefix}{quoted(text)}",
    )


def _colon(source: _Source, here: _Line, column: int) -> Hint | None:
    """``mapping values are not allowed``: a ``: `` inside unquoted text."""
    if here.colon != column - 1 and here.is_structure:
        start: _Line | None = here  # the colon is in this line's value
    else:  # the colon reads as this line's key: the line goes on with text from above
        start = _text_start(source, here)
    if start is None or not start.value:
        return None
    parts = [start.value]
    line = source.line(start.number + 1)
    while line is not None and not line.blank and line.indent > _inner(start):
        parts.append(line.text.strip())
        line = source.line(line.number + 1)
    text = " ".join(parts)
    return _hint(
        start.number,
        start.value_at + 1,
        f"text containing ': ' must be quoted: {start.prefix}{quoted(text)}",
    )


def _inner(line: _Line) -> int:
    """The indentation a line's text must go on with, more than this (its key's or dash's)."""
    return line.content if line.key is not None else line.indent


def _text_start(source: _Source, here: _Line, *, indented: bool = True) -> _Line | None:
    """The ``key: text`` or ``- text`` line whose unquoted text ``here`` goes on with.

    With ``indented`` False, ``here`` may be indented too little to go on with it.
    """
    above = source.previous(here.number)
    while above is not None:
        if above.is_structure:
            plain = above.value and above.value[0] not in _INDICATORS
            deeper = here.indent > _inner(above) or not indented
            return above if plain and deeper else None
        above = source.previous(above.number)
    return None


def _dedented(source: _Source, here: _Line) -> Hint | None:
    """A line of text less indented than the ``|`` block or the text it goes on from."""
    if here.is_structure:
        return None
    deepest = None  # the smallest indentation of the block's lines seen so far
    line = source.previous(here.number)
    while line is not None:
        header = _BLOCK_HEADER.search(line.text)
        if header and (line.key is not None or line.content > line.indent):
            if deepest is None or here.indent >= deepest:
                return None
            return _hint(
                here.number,
                here.indent + 1,
                f"this line, in the '{header.group(1)}' text from line {line.number}, is indented"
                f" less than the lines above it: indent it {deepest} spaces",
            )
        if line.indent <= here.indent:
            break
        deepest = line.indent if deepest is None else min(deepest, line.indent)
        line = source.previous(line.number)
    start = _text_start(source, here, indented=False)
    if start is None:
        return None
    name = f"'{start.key}'" if start.key is not None else "its '-'"
    return _hint(
        here.number,
        here.indent + 1,
        f"to go on with the text on line {start.number}, indent this line more than {name};"
        " as it is, it is read as a new key",
    )


def text_hint(line_of: LineOf, line: int, column: int) -> Hint | None:
    """For text at ``line``:``column`` that YAML read as an alias or a tag: quote it."""
    here = _Source(line_of).line(line)
    if here is None or here.value_at != column - 1:
        return None
    return indicator_hint(here)


def tab_hint(line_of: LineOf, line: int, column: int) -> Hint:
    """For a tab in the indentation at ``line``:``column``: how many spaces to put instead."""
    source = _Source(line_of)
    above = source.previous(line)
    here = source.line(line)
    text = "replace the tab with spaces"
    if above is not None and above.key is not None and here is not None:
        key = _Line(line, here.text.lstrip(" \t")).key
        name = f"'{key}'" if key is not None else "this line"
        if above.value:
            spaces = f"{above.content} spaces" if above.content else "nothing"
            text = (
                f"replace the tab with {spaces} to line {name} up with"
                f" '{above.key}' on line {above.number}"
            )
        else:
            text = (
                f"replace the tab with {above.content + 2} spaces to put {name} under"
                f" '{above.key}' on line {above.number}"
            )
    return _hint(line, column, text)


def _misindented_key(source: _Source, here: _Line, column: int) -> Hint | None:
    """A format key (``subtitle:``) indented under the text of the key above it."""
    if here.colon != column - 1 or here.key is None or not _FORMAT_KEY.fullmatch(here.key):
        return None
    start = _text_start(source, here)
    if start is None or start.key is None:
        return None
    return _hint(
        here.number,
        here.indent + 1,
        f"'{here.key}' is indented more than '{start.key}' (line {start.number}), so it is read"
        f" as more of its text: line it up with '{start.key}' ({_spaces(start.content)})",
    )


def _misindented(source: _Source, here: _Line, column: int) -> Hint | None:
    """A ``key:`` or ``- `` line whose indentation lines it up with nothing above it."""
    if column != here.indent + 1 or not here.is_structure:
        return None
    item = here.content > here.indent
    levels: dict[int, tuple[str, _Line]] = {}  # the columns lines above line up at
    lowest = here.indent + 1_000_000
    line = source.previous(here.number)
    while line is not None and lowest > 0:
        if line.indent < lowest and line.is_structure:
            lowest = line.indent
            if line.key is not None:
                levels.setdefault(line.content, (f"'{line.key}'", line))
            if item and line.content > line.indent:
                levels.setdefault(line.indent, ("'-'", line))
        line = source.previous(line.number)
    if not levels or here.indent in levels:
        return None
    deeper = [column for column in levels if column > here.indent]
    shallower = [column for column in levels if column < here.indent]
    options = [
        f"{_spaces(column)} line it up with {levels[column][0]} on line {levels[column][1].number}"
        for column in ([min(deeper)] if deeper else []) + ([max(shallower)] if shallower else [])
    ]
    name = "this item" if item else f"'{here.key}'"
    return _hint(
        here.number,
        here.indent + 1,
        f"{name} is indented {_spaces(here.indent)}, which lines it up with nothing above it: "
        + "; ".join(options),
    )


def _spaces(count: int) -> str:
    """``no spaces``, ``1 space``, ``4 spaces``."""
    return "no spaces" if count == 0 else "1 space" if count == 1 else f"{count} spaces"
