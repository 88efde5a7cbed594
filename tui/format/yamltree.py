"""A safe, position-keeping YAML reader built on PyYAML's event stream.

PyYAML's own loaders turn ``no`` into False and ``1.10`` into 1.1, silently
keep the last of two duplicate keys, expand aliases without bound and compose
recursively (the pure-Python composer hits RecursionError near 500 levels, the
libyaml one crashes the process far deeper). This module reads the *events*
instead, with libyaml's parser when present, and builds a small tree of its
own, iteratively, so that:

* every scalar stays the text it was written as (no implicit typing, no tags
  that construct objects; nothing is ever executed);
* every node keeps its 1-based line and column;
* depth, duplicate keys, several documents and anchors/aliases are caught on
  the event stream, before anything is built from them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

from tui.format.hints import syntax_hint, tab_hint, text_hint
from tui.format.limits import Limits
from tui.format.problems import Hint, Problem, preview
from tui.text import sanitize_line

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_ALLOWED_TAGS = frozenset(
    {
        None,
        "!",
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)


class YamlSyntaxError(Exception):
    """The text is not YAML this reader accepts; carries one positioned problem."""

    def __init__(self, line: int, column: int, message: str, hint: Hint | None = None) -> None:
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        super().__init__(f"{line}:{column}: {message}")

    def problem(self, path: str) -> Problem:
        """This error as a :class:`Problem` of ``path``."""
        return Problem(self.line, self.column, "error", self.message, path, self.hint)


@dataclass(slots=True)
class Scalar:
    """A scalar exactly as written. ``value`` is None for a plain null (``~``, empty)."""

    value: str | None
    line: int
    column: int
    style: str = ""
    """How it was written: ``""`` plain, ``'`` or ``"`` quoted, ``|`` literal, ``>`` folded."""


@dataclass(slots=True)
class Mapping:
    """A mapping with text keys; ``items`` maps each key to its key and value nodes."""

    items: dict[str, tuple[Scalar, Node]]
    line: int
    column: int


@dataclass(slots=True)
class Sequence:
    """A sequence of nodes."""

    items: list[Node]
    line: int
    column: int


Node = Scalar | Mapping | Sequence


def describe(node: Node) -> str:
    """A short phrase for what a node is, for "expected X, got Y" messages."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return "nothing" if node.value is None else "text"


def _short_tag(tag: str) -> str:
    """A tag as it is usually written: ``!!python/name:os.system``, not ``tag:yaml.org,2002:…``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
"""Characters PyYAML counts as line breaks that editors, ``grep -n`` and ``less`` do not."""


class _Lines:
    """1-based line and column of a place in the text, as the author's tools count lines.

    Lines end at ``\n`` (``\r\n`` included), or at ``\r`` in a file with no
    ``\n`` at all (old Mac line ends, as vim reads them). PyYAML also ends a
    line at a lone ``\r``, NEL, U+2028 and U+2029; where the text has any of
    those, its marks are recounted from their character index.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._break = "\n" if "\n" in text else "\r"
        odd = any(char in text for char in _ODD_BREAKS)
        lone_cr = self._break == "\n" and text.count("\r") != text.count("\r\n")
        self._starts: list[int] | None = None
        self.recount = odd or lone_cr
        # libyaml does not count a leading BOM in its marks' indexes.
        skipped = text.startswith("\ufeff") and not issubclass(_SafeLoader, yaml.reader.Reader)
        self.end = len(text) - skipped
        """Where the text ends, as PyYAML's marks index it."""

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            found = re.finditer(re.escape(self._break), self._text)
            self._starts = [0, *(match.end() for match in found)]
        return self._starts

    def position(self, index: int) -> tuple[int, int]:
        """Line and column of the character at ``index``."""
        starts = self._line_starts()
        line = bisect.bisect_right(starts, min(index, len(self._text)))
        return line, index - starts[line - 1] + 1

    def text_of(self, line: int) -> str | None:
        """The text of a 1-based line, without its line end; None past the last line."""
        starts = self._line_starts()
        if not 1 <= line <= len(starts):
            return None
        end = starts[line] - len(self._break) if line < len(starts) else len(self._text)
        text = self._text[starts[line - 1] : end]
        return text[:-1] if text.endswith("\r") and self._break == "\n" else text

    def mark(self, mark: yaml.Mark | None) -> tuple[int, int]:
        """Line and column of a PyYAML mark."""
        if mark is None:  # pragma: no cover - PyYAML's parsers always set it
            return 1, 1
        if mark.index >= self.end:
            # At the end of a file without a final line break, libyaml ends the
            # last line itself and places the mark on a line past the file: it
            # goes at the end of the last line (as the pure-Python parser has it).
            return self.position(len(self._text))
        if self.recount:
            return self.position(mark.index)
        return mark.line + 1, mark.column + 1


def text_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset, as :class:`_Lines` counts lines.

    For problems found outside the parser (a byte that is not UTF-8, a
    control character), so that they are placed as the parser's are.
    """
    return _Lines(text).position(index)


def _character_index(text: str, offset: int) -> int:
    """The index in ``text`` of the character at ``offset`` bytes into its UTF-8 encoding."""
    return len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))


_GAP = re.compile(r"(?:[ \t\n\r\x85\u2028\u2029]+|#[^\n\r\x85\u2028\u2029]*|[-?:,\[{])*")
"""What may lie between the end of one event and the start of the next."""


def _parser_failure(text: str, index: int, error: Exception) -> YamlSyntaxError:
    """A positioned message for an exception PyYAML itself did not expect.

    ``index`` is where the last event read ended; the failure is placed at the
    start of what follows it.
    """
    if isinstance(error, UnicodeEncodeError) and error.object is text:  # a lone surrogate
        line, column = text_position(text, error.start)
        code = ord(text[error.start])
        return YamlSyntaxError(line, column, f"character U+{code:04X} is not allowed in YAML text")
    gap = _GAP.match(text, min(index, len(text)))
    line, column = text_position(text, gap.end() if gap else index)
    if isinstance(error, UnicodeDecodeError):  # libyaml's tags and %TAG prefixes
        problem = "a tag's %-escapes are not UTF-8 text"
    else:
        problem = f"the YAML parser failed here ({type(error).__name__})"
    return YamlSyntaxError(line, column, f"YAML syntax: {problem}")


def _syntax_error(text: str, error: yaml.YAMLError) -> YamlSyntaxError:
    """Turn PyYAML's exception into a one-line, positioned message."""
    if isinstance(error, yaml.reader.ReaderError):
        offset = error.position
        if not issubclass(_SafeLoader, yaml.reader.Reader):  # libyaml counts bytes of UTF-8
            offset = _character_index(text, offset)
        line, column = text_position(text, offset)
        char = error.character
        code = ord(char) if isinstance(char, str) else int(char)
        return YamlSyntaxError(line, column, f"character U+{code:04X} is not allowed in YAML text")
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        lines = _Lines(text)
        mark = error.problem_mark
        line, column = lines.mark(mark)
        line_start = mark.index - (column - 1)
        line_end = text.find("\n", line_start)
        source_line = text[line_start : line_end if line_end >= 0 else len(text)]
        indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
        if "\t" in indent:
            column = indent.index("\t") + 1
            return YamlSyntaxError(
                line,
                column,
                "tab character in indentation; YAML indents with spaces only",
                tab_hint(lines.text_of, line, column),
            )
        problem = error.problem or "invalid YAML"
        context_at = None
        if error.context:
            context, start = error.context, error.context_mark
            if start is not None:
                context_at = lines.mark(start)
                if start.index != mark.index:
                    context += f" started at line {context_at[0]}, column {context_at[1]}"
            problem = f"{problem} ({context})"
        hint = syntax_hint(
            lines.text_of, line, column, error.problem or "", error.context or "", context_at
        )
        return YamlSyntaxError(line, column, f"YAML syntax: {sanitize_line(problem)}", hint)
    return YamlSyntaxError(1, 1, f"YAML syntax: {sanitize_line(str(error))}")


def parse(text: str, limits: Limits, problems: list[YamlSyntaxError]) -> Node | None:
    """Parse one YAML document into a tree; None for an empty stream.

    Raises :class:`YamlSyntaxError` for anything that stops reading; problems
    that do not (duplicate keys) are appended to ``problems``.
    """
    try:
        return _build(text, _Lines(text), limits, problems)
    except yaml.YAMLError as error:
        raise _syntax_error(text, error) from None
    except RecursionError:  # pragma: no cover - the build is iterative; belt and braces
        raise YamlSyntaxError(1, 1, "nesting too deep") from None


def _build(
    text: str, lines: _Lines, limits: Limits, problems: list[YamlSyntaxError]
) -> Node | None:
    """Build the tree from PyYAML's events, read in this one loop (a generator between
    would cost a resumption an event: a tenth of the parse).

    An exception of PyYAML's own that is not a YAMLError becomes a YamlSyntaxError
    (libyaml's binding lets a ``UnicodeDecodeError`` out for a tag such as
    ``!<%C0%80>``: a file must never make the reader fail as if it had a bug). Events
    are typed ``Any``: they are told apart by their exact class, the commonest first.
    """
    try:
        loader = _SafeLoader(text)
    except yaml.YAMLError:
        raise
    except Exception as error:
        raise _parser_failure(text, 0, error) from None
    try:
        return _built(loader.get_event, text, lines, limits, problems)
    finally:
        loader.dispose()


def _built(
    following: Callable[[], Any],
    text: str,
    lines: _Lines,
    limits: Limits,
    problems: list[YamlSyntaxError],
) -> Node | None:
    """The loop of :func:`_build`: ``following`` gives each event, then None."""
    root: Node | None = None
    documents = 0
    stack: list[Mapping | Sequence] = []
    pending_keys: list[Scalar | None] = []
    anchors: dict[str, Scalar] = {}
    aliases = 0
    as_marked = -1 if lines.recount else lines.end  # marks before it are PyYAML's as they are
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    allowed, nulls = _ALLOWED_TAGS, _NULLS
    event: Any = None

    while True:
        last = event
        try:
            event = following()
        except yaml.YAMLError:
            raise
        except Exception as error:
            raise _parser_failure(text, last.end_mark.index if last else 0, error) from None
        if event is None:  # the stream's end
            break
        kind = type(event)
        if kind is scalar or kind is mapping or kind is sequence:
            mark = event.start_mark
            if mark.index < as_marked:
                line, column = mark.line + 1, mark.column + 1
            else:
                line, column = lines.mark(mark)
            if event.tag not in allowed:
                local = kind is scalar and not event.tag.startswith("tag:")
                raise YamlSyntaxError(
                    line,
                    column,
                    f"tag {preview(_short_tag(event.tag))} is not allowed;"
                    " briefings use plain YAML only",
                    text_hint(lines.text_of, line, column) if local else None,
                )
            if event.anchor is not None and (limits.max_aliases == 0 or kind is not scalar):
                raise YamlSyntaxError(
                    line,
                    column,
                    f"anchor &{preview(event.anchor)}: anchors and aliases are not allowed"
                    + (" on lists or mappings" if limits.max_aliases else " (see --max-aliases)"),
                )
            if kind is scalar:
                value = event.value
                if not event.style and event.tag is None and value in nulls:  # libyaml: style ""
                    value = None
                written = Scalar(value, line, column, event.style or "")
                if event.anchor is not None:
                    anchors[event.anchor] = written
                node: Node = written
            else:
                if len(stack) >= limits.max_depth:
                    raise YamlSyntaxError(
                        line,
                        column,
                        f"nesting deeper than {limits.max_depth} levels (see --max-depth)",
                    )
                node = Mapping({}, line, column) if kind is mapping else Sequence([], line, column)
        elif kind in ends:
            stack.pop()
            pending_keys.pop()
            continue
        elif kind is yaml.AliasEvent:
            line, column = lines.mark(event.start_mark)
            aliases += 1
            if aliases > limits.max_aliases:
                raise YamlSyntaxError(
                    line,
                    column,
                    f"alias *{preview(event.anchor)}: anchors and aliases are not allowed"
                    f" (limit {limits.max_aliases}; see --max-aliases)",
                    text_hint(lines.text_of, line, column),
                )
            target = anchors.get(event.anchor)
            if target is None:
                raise YamlSyntaxError(
                    line,
                    column,
                    f"alias *{preview(event.anchor)} names no anchor, or one on a list or mapping",
                    text_hint(lines.text_of, line, column),
                )
            node = Scalar(target.value, line, column, target.style)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                line, column = lines.mark(event.start_mark)
                raise YamlSyntaxError(
                    line, column, "a second YAML document; a briefing file holds exactly one"
                )
            continue
        else:  # stream start/end, document end
            continue

        if not stack:
            root = node
        else:
            parent = stack[-1]
            if isinstance(parent, Sequence):
                parent.items.append(node)
            else:
                key = pending_keys[-1]
                if key is None:
                    if not isinstance(node, Scalar) or node.value is None:
                        raise YamlSyntaxError(
                            node.line, node.column, "mapping keys must be plain text"
                        )
                    previous = parent.items.get(node.value)
                    if previous is not None:
                        problems.append(
                            YamlSyntaxError(
                                node.line,
                                node.column,
                                f"duplicate key '{preview(node.value)}'"
                                f" (first at line {previous[0].line})",
                            )
                        )
                    pending_keys[-1] = node
                else:
                    parent.items[key.value] = (key, node)  # type: ignore[index]
                    pending_keys[-1] = None
        if kind is not scalar and kind is not yaml.AliasEvent:
            stack.append(node)  # type: ignore[arg-type]
            pending_keys.append(None)
    return root
