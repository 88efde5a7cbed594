"""Briefing files (format ``briefing/1``) to :class:`~tui.model.Briefing`.

The loader reads bytes, checks the encoding, parses YAML safely with
positions (:mod:`tui.format.yamltree`), validates the tree against the format and
builds the model. It reports *every* problem it can find, each with the line
and column of the node at fault, and raises :class:`BriefingError` if any is
an error. It never writes to the file.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import stat
from collections.abc import Callable
from datetime import date, datetime

from tui.format.bundled import default_briefing_path as default_briefing_path
from tui.format.limits import Limits
from tui.format.misread import mapping_as_text, text_as_list
from tui.format.problems import BriefingError, Hint, Problem, UnreadableFileError, preview
from tui.format.suggest import Names
from tui.format.yamltree import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlSyntaxError,
    describe,
    parse,
    text_position,
)
from tui.model import (
    Block,
    BlockQuote,
    Briefing,
    ListBlock,
    Loaded,
    Quote,
    Section,
    Source,
    TalkingPoint,
)
from tui.text import (
    NO_VISIBLE_TEXT,
    count_unsafe,
    has_visible_text,
    hidden_characters,
    may_contain_unsafe,
    normalize_space,
    sanitize,
    slugify,
)
from tui.urls import WEB_SCHEMES, is_web_url

FORMAT = "briefing/1"
QUOTED = 80
"""Longest text quoted from a file in a message (an id, a date), in characters."""

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", re.ASCII)
"""A BCP 47 language tag, loosely: ``en``, ``es-CO``, ``zh-Hant``."""

TOP_LEVEL_KEYS = (
    "format",
    "title",
    "subtitle",
    "summary",
    "location",
    "language",
    "source",
    "published",
    "authors",
    "tags",
    "sections",
    "talking_points",
    "quotes",
)
SOURCE_KEYS = ("name", "url")
SECTION_KEYS = ("id", "heading", "body")
BLOCK_KINDS = ("quote", "bullets", "numbered")
"""The keys that make a body item a block quote or a list, not a paragraph."""
BLOCK_QUOTE_KEYS = ("quote", "speaker", "role", "attribution")
POINT_KEYS = ("text", "section")
QUOTE_KEYS = ("speaker", "text", "role", "section")

_SLUG = re.compile(r"[a-z0-9-]+")
_LINKED_SCHEME = re.compile(r"\]\(\s*([A-Za-z][A-Za-z0-9+.-]{0,30}):")
"""The scheme of a Markdown link's URL (``[a](file:///x)``), looked for at each ``](``
(a bounded look each: linear)."""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
"""A blank line in a literal (``|``) block, which keeps every line break as written."""
_LINE_BREAK = re.compile(r"\n")
"""A blank line in any other style: YAML folds single line breaks to spaces, blank lines to one."""
# ASCII digits only: \d also matches "２０２１", which no date parser reads.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))?", re.ASCII
)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)  # a terminal never becomes the reader's own
    | getattr(os, "O_CLOEXEC", 0)
)


def read_bytes(path: str | os.PathLike[str], limits: Limits) -> bytes:
    """Read a regular file, refusing anything else, or one over the size limit, before reading.

    Like ``less``, what is not a regular file (a FIFO, a device, a socket, a
    directory) is refused: it is opened without blocking and looked at first,
    so a FIFO with no writer cannot hang the reader, nor /dev/zero fill it.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as error:
        raise _unreadable(name, error) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(name, _not_regular(info.st_mode))
        if info.st_size > limits.max_bytes:
            raise _too_large(name, limits.max_bytes, info.st_size)
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as error:
        raise _unreadable(name, error) from None
    finally:
        os.close(fd)
    if len(data) > limits.max_bytes:  # grew while reading, or said it was empty (/proc)
        raise _too_large(name, limits.max_bytes)
    return data


def _not_regular(mode: int) -> str:
    """Why a file of this mode (not a regular file) is not read."""
    if stat.S_ISDIR(mode):
        return "is a directory, not a briefing file"
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    kind = next((kind for test, kind in kinds if test(mode)), "")
    return f"not a regular file ({kind})" if kind else "not a regular file"


def _unreadable(name: str, error: OSError) -> UnreadableFileError:
    """The one-line reason ``name`` could not be opened or read."""
    if isinstance(error, IsADirectoryError):
        return UnreadableFileError(name, "is a directory, not a briefing file")
    if isinstance(error, FileNotFoundError):
        if os.path.islink(name):
            return UnreadableFileError(name, "a broken symbolic link (its target does not exist)")
        return UnreadableFileError(name, "no such file")
    if isinstance(error, PermissionError):
        return UnreadableFileError(name, "permission denied")
    try:  # a socket cannot be opened at all (ENXIO): say what it is
        mode = os.stat(name).st_mode
    except OSError:
        mode = stat.S_IFREG
    if not stat.S_ISREG(mode):
        return UnreadableFileError(name, _not_regular(mode))
    return UnreadableFileError(name, error.strerror or "cannot be read")


def _size(size: int) -> str:
    """A byte count for a message: ``512 bytes``, ``4.0 KiB``, ``32.0 MiB``."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


def _too_large(name: str, limit: int, size: int | None = None) -> BriefingError:
    """The size-limit error: ``file is 33.0 MiB, over the 32.0 MiB limit (see --max-size)``.

    Sizes are given in bytes where rounding would hide the difference; without
    a known ``size`` the message says only that the limit was passed.
    """
    if size is None:
        return _error(name, 1, 1, f"file is over the {_size(limit)} limit (see --max-size)")
    shown, allowed = _size(size), _size(limit)
    if shown == allowed:
        shown, allowed = f"{size} bytes", f"{limit} bytes"
    return _error(name, 1, 1, f"file is {shown}, over the {allowed} limit (see --max-size)")


def load_path(
    path: str | os.PathLike[str], *, limits: Limits | None = None, strict: bool = False
) -> Loaded:
    """Load and validate the briefing at ``path``."""
    limits = limits or Limits()
    return load_bytes(read_bytes(path, limits), os.fspath(path), limits=limits, strict=strict)


def decode(data: bytes, name: str) -> str:
    """UTF-8 bytes (BOM optional) to text, or a positioned error."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _error(name, 1, 1, "file is UTF-32 encoded; briefings must be UTF-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _error(name, 1, 1, "file is UTF-16 encoded; briefings must be UTF-8")
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(data, nul)
        raise _error(name, line, column, "NUL byte: this is a binary file, not a YAML briefing")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        byte = data[error.start]
        raise _error(
            name, line, column, f"invalid UTF-8 byte 0x{byte:02x}; briefings must be UTF-8 text"
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of the byte at ``offset``, in characters, as the parser's are."""
    index = len(data[:offset].decode("utf-8", "replace"))
    return text_position(data.decode("utf-8", "replace"), index)


def _error(name: str, line: int, column: int, message: str) -> BriefingError:
    return BriefingError([Problem(line, column, "error", message, name)])


def load_bytes(
    data: bytes, name: str = "<briefing>", *, limits: Limits | None = None, strict: bool = False
) -> Loaded:
    """Load and validate a briefing from the bytes of a file called ``name``."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise _too_large(name, limits.max_bytes)
    return load_text(decode(data, name), name, limits=limits, strict=strict)


def load_text(
    text: str, name: str = "<briefing>", *, limits: Limits | None = None, strict: bool = False
) -> Loaded:
    """Load and validate a briefing from YAML text."""
    syntax: list[YamlSyntaxError] = []
    try:
        root = parse(text, limits or Limits(), syntax)
    except YamlSyntaxError as error:
        raise BriefingError([error.problem(name)]) from None
    checker = _Checker(name, sanitizing=may_contain_unsafe(text), source=text)
    for problem in syntax:
        checker.problems.append(problem.problem(name))
    briefing = checker.briefing(root)
    if strict:
        checker.problems = [
            dataclasses.replace(problem, severity="error") for problem in checker.problems
        ]
    if briefing is None or any(problem.is_error for problem in checker.problems):
        raise BriefingError(checker.problems)
    return Loaded(briefing, sorted(checker.problems))


class _Checker:
    """Walks the YAML tree against format v1, collecting problems and building the model."""

    def __init__(self, name: str, *, sanitizing: bool = True, source: str = "") -> None:
        self.name = name
        self.sanitizing = sanitizing
        """False when the source cannot hold unsafe characters (see may_contain_unsafe)."""
        self.problems: list[Problem] = []
        self._keys: dict[tuple[str, ...], Names] = {}
        """Each set of known keys, to suggest one for an unknown key within a budget."""
        self.unusable_ids: list[str] = []
        """The ids of sections left out for an error of their own (a heading that is not
        text): points and quotes that name them are not said to name no section."""
        self.yaml_text = source
        """The YAML text, for the line of each paragraph of a body written as one text."""
        self._source_lines: list[str] | None = None

    # -- reporting -------------------------------------------------------------

    def error(
        self, node: Node | Scalar, where: str, message: str, hint: Hint | None = None
    ) -> None:
        prefix = f"{where}: " if where else ""
        self.problems.append(
            Problem(node.line, node.column, "error", prefix + message, self.name, hint)
        )

    def warn(self, node: Node | Scalar, where: str, message: str) -> None:
        prefix = f"{where}: " if where else ""
        self.problems.append(
            Problem(node.line, node.column, "warning", prefix + message, self.name)
        )

    # -- shapes ----------------------------------------------------------------

    def mapping(
        self, node: Node, where: str, known: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, Node] | None:
        """The mapping's values by key; unknown keys warned of, missing ones reported."""
        if not isinstance(node, Mapping):
            self.error(node, where, f"expected a mapping, got {describe(node)}")
            return None
        values: dict[str, Node] = {}
        for key, (key_node, value) in node.items.items():
            if key in known:
                values[key] = value
                continue
            label = f"{where}.{_key_label(key)}" if where else _key_label(key)
            names = self._keys.get(known) or self._keys.setdefault(known, Names(known))
            close = names.suggest(key)
            hint = f"; did you mean {close}?" if close else f" (known: {', '.join(known)})"
            self.warn(key_node, _safe(label), f"unknown key{hint}")
        for key in required:
            if key not in values:
                self.error(node, where, f"missing required key '{key}'")
        return values

    def text(self, node: Node | None, where: str, *, required: bool = False) -> str | None:
        """The sanitised text of a scalar, or None (reported if it was required).

        Required text that is empty or blank is reported and also gives None.
        """
        if node is None:
            return None
        if isinstance(node, Scalar) and node.value is not None:
            value = sanitize(node.value) if self.sanitizing else node.value
            if value != node.value:
                self._warn_changed(node, where, node.value)
            if required and not has_visible_text(value):
                if not node.value.strip():
                    self.error(node, where, "must not be empty")
                    return None  # reported once here, not again by the caller
                self.warn(node, where, "has no visible text")
                return NO_VISIBLE_TEXT
            return value
        if isinstance(node, Scalar) and not required:
            return None
        hint = mapping_as_text(node) if where.endswith("]") else None  # a list item
        self.error(node, where, f"expected text, got {describe(node)}", hint)
        return None

    def _warn_changed(self, node: Scalar, where: str, raw: str) -> None:
        """Say what sanitising changed in ``raw`` (the silent layout changes aside)."""
        if count_unsafe(raw):
            self.warn(
                node, where, "contains terminal control characters; they are shown as placeholders"
            )
        hidden = hidden_characters(raw)
        if hidden:
            named = ", ".join(hidden[:3]) + (", …" if len(hidden) > 3 else "")
            self.warn(node, where, f"contains invisible characters ({named}); they are not shown")

    def text_list(self, node: Node | None, where: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, Sequence):
            hint = text_as_list(node)
            self.error(node, where, f"expected a list of text, got {describe(node)}", hint)
            return ()
        items = (
            self.text(item, f"{where}[{i}]", required=True) for i, item in enumerate(node.items)
        )
        return tuple(item for item in items if item is not None)

    def listing(self, node: Node | None, where: str) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, Sequence):
            self.error(node, where, f"expected a list, got {describe(node)}", text_as_list(node))
            return []
        return node.items

    # -- the format ------------------------------------------------------------

    def briefing(self, root: Node | None) -> Briefing | None:
        if root is None:
            self.problems.append(
                Problem(
                    1, 1, "error", "empty file: a briefing needs a title and sections", self.name
                )
            )
            return None
        if not isinstance(root, Mapping):
            self.error(
                root,
                "",
                f"the top level must be a mapping (title: …, sections: …), got {describe(root)}",
            )
            return None
        top = self.mapping(root, "", TOP_LEVEL_KEYS, ("title", "sections"))
        assert top is not None
        if "format" in top:
            version = self.text(top["format"], "format", required=True)
            if version is not None and version != FORMAT:
                self.error(
                    top["format"],
                    "format",
                    f"unsupported format '{preview(version, QUOTED)}'; this reader reads {FORMAT}",
                )
        title = self.text(top.get("title"), "title", required=True)
        sections = self.sections(top.get("sections"))
        ids = Names([*(section.id for section in sections), *self.unusable_ids])
        briefing = Briefing(
            title=title or "",
            sections=tuple(sections),
            subtitle=self.text(top.get("subtitle"), "subtitle"),
            summary=self.text(top.get("summary"), "summary"),
            location=self.text(top.get("location"), "location"),
            language=self.language(top.get("language")),
            source=self.source(top.get("source")),
            published=self.published(top.get("published")),
            authors=self.text_list(top.get("authors"), "authors"),
            tags=self.text_list(top.get("tags"), "tags"),
            talking_points=self.talking_points(top.get("talking_points"), ids),
            quotes=self.quotes(top.get("quotes"), ids),
            path=self.name,
            title_line=_text_line(top["title"]) if "title" in top else 0,
        )
        return briefing if title is not None and sections else None

    def source(self, node: Node | None) -> Source | None:
        if node is None:
            return None
        values = self.mapping(node, "source", SOURCE_KEYS, ("name",))
        if values is None:
            return None
        name = self.text(values.get("name"), "source.name", required=True)
        url = self.text(values.get("url"), "source.url")
        if url is not None and not is_web_url(url):
            self.error(values["url"], "source.url", "expected an http:// or https:// URL")
            url = None
        return Source(name, url) if name is not None else None

    def language(self, node: Node | None) -> str | None:
        value = self.text(node, "language")
        if value is None or node is None:
            return None
        if not LANGUAGE_TAG.fullmatch(value):
            self.error(
                node,
                "language",
                f"expected a language tag like en, es or pt-BR, got '{preview(value, QUOTED)}'",
            )
            return None
        return value

    def published(self, node: Node | None) -> str | None:
        value = self.text(node, "published")
        if value is None or node is None:
            return None
        problem = date_problem(value)
        if problem:
            self.error(node, "published", problem)
        return value

    def sections(self, node: Node | None) -> list[Section]:
        if node is None:
            return []
        items = self.listing(node, "sections")
        if isinstance(node, Sequence) and not items:
            self.error(node, "sections", "needs at least one section")
        parsed: list[
            tuple[str, dict[str, Node], str | None, str | None, tuple[Block, ...], tuple[int, ...]]
        ] = []
        for index, item in enumerate(items):
            where = f"sections[{index}]"
            values = self.mapping(item, where, SECTION_KEYS, ("heading", "body"))
            if values is None:
                continue
            heading = self.text(values.get("heading"), f"{where}.heading", required=True)
            given_id = self.text(values.get("id"), f"{where}.id", required=True)
            if given_id is not None and not _SLUG.fullmatch(given_id):
                self.error(values["id"], f"{where}.id", "must be a slug of a-z, 0-9 and '-'")
                given_id = None
            paragraphs, lines = self.body(values.get("body"), f"{where}.body")
            parsed.append((where, values, heading, given_id, paragraphs, lines))

        first_use: dict[str, int] = {}
        for where, values, _, given_id, _, _ in parsed:
            if given_id is None:
                continue
            if given_id in first_use:
                self.error(
                    values["id"],
                    f"{where}.id",
                    f"duplicate section id '{preview(given_id, QUOTED)}'"
                    f" (first at line {first_use[given_id]})",
                )
            else:
                first_use[given_id] = values["id"].line
        sections: list[Section] = []
        taken = set(first_use)
        next_suffix: dict[str, int] = {}  # per slug, the suffix to try next: no rescans from 2
        for _, values, heading, given_id, paragraphs, lines in parsed:
            if heading is None:
                if given_id is not None:
                    self.unusable_ids.append(given_id)
                continue
            section_id = given_id
            if section_id is None:
                base = slugify(heading)
                section_id = base
                if section_id in taken:
                    counter = next_suffix.get(base, 2)
                    while f"{base}-{counter}" in taken:
                        counter += 1
                    section_id, next_suffix[base] = f"{base}-{counter}", counter + 1
                taken.add(section_id)
            at = _text_line(values["heading"])
            sections.append(Section(section_id, normalize_space(heading), paragraphs, lines, at))
        return sections

    def body(self, node: Node | None, where: str) -> tuple[tuple[Block, ...], tuple[int, ...]]:
        """The blocks of a section's body, and the line where each of their texts starts."""
        if node is None:
            return (), ()
        blocks: list[Block | None]
        lines: list[int] = []
        if isinstance(node, Sequence):
            blocks = [self.block(item, f"{where}[{i}]") for i, item in enumerate(node.items)]
            for item, block in zip(node.items, blocks, strict=True):
                if block:
                    lines.extend(_block_lines(item, block))
        else:
            text = self.text(node, where, required=True)
            if text is None:
                return (), ()
            assert isinstance(node, Scalar)
            breaks = _PARAGRAPH_BREAK if node.style == "|" else _LINE_BREAK
            blocks = [normalize_space(part) for part in breaks.split(text)]
            lines = self._paragraph_lines(node, sum(map(bool, blocks)))
        found = tuple(block for block in blocks if block)
        if not found and not (isinstance(node, Sequence) and node.items):
            # an empty list; items that are not text were reported as errors already
            self.warn(node, where, "section has no paragraphs")
        return found, tuple(lines)

    def _paragraph_lines(self, node: Scalar, count: int) -> list[int]:
        """The line where each of the ``count`` paragraphs of a body written as one text starts.

        A paragraph starts after a blank line; the scan reads no further than the
        text can reach (a line holds at least a character of it), so it costs no
        more than the text's own size.
        """
        first = _text_line(node)
        starts = [first]
        if count > 1 and node.value is not None:
            if self._source_lines is None:
                self._source_lines = self.yaml_text.split("\n")
            source = self._source_lines
            blank = False
            for number in range(first + 1, min(len(source), first + len(node.value) + 2) + 1):
                if not source[number - 1].strip():
                    blank = True
                elif blank:
                    starts.append(number)
                    blank = False
                    if len(starts) == count:
                        break
        return (starts + [first] * count)[:count]

    def block(self, node: Node, where: str) -> Block | None:
        """One item of a body list: a paragraph's text, a block quote or a list."""
        if not isinstance(node, Mapping):
            text = self.text(node, where, required=True)
            if text is not None and "](" in text:
                self.refused_links(node, where, text)
            return normalize_space(text) if text is not None else None
        kinds = [key for key in BLOCK_KINDS if key in node.items]
        if not kinds:
            self.error(
                node,
                where,
                "expected text, a block quote (quote: …) or a list (bullets: … or numbered: …),"
                " got a mapping",
                mapping_as_text(node),  # text with ': ' in it, unquoted
            )
            return None
        if len(kinds) > 1:
            self.error(
                node,
                where,
                f"a body item is one block: this mapping has both '{kinds[0]}' and '{kinds[1]}'",
            )
            return None
        if kinds[0] == "quote":
            return self.block_quote(node, where)
        return self.list_block(node, where, kinds[0])

    def refused_links(self, node: Node, where: str, text: str) -> None:
        """Warn of the links of ``text`` that the reader will show as text, never open
        (``file:``, ``javascript:``: only ``http`` and ``https`` are links)."""
        schemes = {found.lower() for found in _LINKED_SCHEME.findall(text)}
        for scheme in sorted(schemes - set(WEB_SCHEMES)):
            self.warn(
                node,
                where,
                f"a link to a '{preview(scheme, QUOTED)}:' address is shown as text, never"
                " opened (only http and https links are)",
            )

    def block_quote(self, node: Mapping, where: str) -> BlockQuote | None:
        values = self.mapping(node, where, BLOCK_QUOTE_KEYS, ("quote",))
        if values is None:
            return None
        text = self.text(values.get("quote"), f"{where}.quote", required=True)
        extras = [
            self.text(values.get(key), f"{where}.{key}")
            for key in ("speaker", "role", "attribution")
        ]
        if text is None:
            return None
        speaker, role, attribution = (
            normalize_space(extra) or None if extra else None for extra in extras
        )
        return BlockQuote(normalize_space(text), speaker, role, attribution)

    def list_block(self, node: Mapping, where: str, kind: str) -> ListBlock | None:
        values = self.mapping(node, where, (kind,), (kind,))
        if values is None or kind not in values:
            return None
        texts = self.text_list(values[kind], f"{where}.{kind}")
        items = tuple(item for item in map(normalize_space, texts) if item)
        if not items:
            if isinstance(values[kind], Sequence):
                self.warn(values[kind], f"{where}.{kind}", "list has no items")
            return None
        return ListBlock(items, numbered=kind == "numbered")

    def section_ref(self, node: Node | None, where: str, ids: Names) -> str | None:
        section = self.text(node, where, required=True)
        if section is None or node is None or section in ids:
            return section
        close = ids.suggest(section)
        hint = f"; did you mean '{preview(close, QUOTED)}'?" if close else ""
        self.error(node, where, f"no section has id '{preview(section, QUOTED)}'{hint}")
        return None

    def talking_points(self, node: Node | None, ids: Names) -> tuple[TalkingPoint, ...]:
        points: list[TalkingPoint] = []
        for index, item in enumerate(self.listing(node, "talking_points")):
            where = f"talking_points[{index}]"
            if isinstance(item, Scalar):
                text = self.text(item, where, required=True)
                if text is not None:
                    points.append(TalkingPoint(normalize_space(text), line=_text_line(item)))
                continue
            if isinstance(item, Sequence):
                self.error(item, where, "expected text or a mapping, got a list")
                continue
            misread = mapping_as_text(item)
            key = next(iter(item.items), "")
            if misread is not None and key not in POINT_KEYS:
                self.error(
                    item,
                    where,
                    "expected text or a mapping with 'text',"
                    f" got a mapping with key '{_safe(key)}'",
                    misread,
                )
                continue
            values = self.mapping(item, where, POINT_KEYS, ("text",))
            if values is None:
                continue
            text = self.text(values.get("text"), f"{where}.text", required=True)
            section = self.section_ref(values.get("section"), f"{where}.section", ids)
            if text is not None:
                line = _text_line(values["text"])
                points.append(TalkingPoint(normalize_space(text), section, line))
        return tuple(points)

    def quotes(self, node: Node | None, ids: Names) -> tuple[Quote, ...]:
        quotes: list[Quote] = []
        for index, item in enumerate(self.listing(node, "quotes")):
            where = f"quotes[{index}]"
            values = self.mapping(item, where, QUOTE_KEYS, ("speaker", "text"))
            if values is None:
                continue
            speaker = self.text(values.get("speaker"), f"{where}.speaker", required=True)
            text = self.text(values.get("text"), f"{where}.text", required=True)
            role = self.text(values.get("role"), f"{where}.role")
            section = self.section_ref(values.get("section"), f"{where}.section", ids)
            if speaker is not None and text is not None:
                quotes.append(
                    Quote(
                        normalize_space(speaker),
                        normalize_space(text),
                        normalize_space(role) or None if role else None,
                        section,
                        (values["text"].line, values["text"].column),
                    )
                )
        return tuple(quotes)


def _text_line(node: Node) -> int:
    """The line where a node's text starts (a block scalar's, ``|`` or ``>``, under it)."""
    return node.line + 1 if isinstance(node, Scalar) and node.style in ("|", ">") else node.line


def _block_lines(item: Node, block: Block) -> list[int]:
    """The line where each text of a body item (see :func:`tui.model.block_texts`) starts."""
    if isinstance(block, str) or not isinstance(item, Mapping):
        return [_text_line(item)]
    if isinstance(block, BlockQuote):
        text = _text_line(item.items["quote"][1])
        if not block.credit:
            return [text]
        # The credit's line: where what it shows is written (after the quote's text).
        key = "attribution" if block.attribution else "speaker" if block.speaker else "role"
        credit = item.items.get(key)
        return [text, max(text, credit[0].line if credit else item.line)]
    listed = item.items["numbered" if block.numbered else "bullets"][1]
    lines = [_text_line(node) for node in listed.items] if isinstance(listed, Sequence) else []
    return (lines + [listed.line] * len(block.items))[: len(block.items)]


def _key_label(key: str) -> str:
    """A key as a message shows it: as written, or quoted if anything in it would not show.

    Invisible and control characters are spelled ``<U+200B>``, so that a key
    ``"\u200bheading"`` is not reported as "heading: unknown key; did you mean heading?".
    """
    shown = "".join(
        char if char.isprintable() and sanitize(char) == char else f"<U+{ord(char):04X}>"
        for char in key
    )
    return preview(key) if shown == key and key == key.strip() else f'"{preview(shown)}"'


def _safe(label: str) -> str:
    return sanitize(label).replace("\n", " ")


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a ``YYYY-MM-DD`` date or ISO 8601 date-time, or None if it is."""
    parse: Callable[[str], object]
    written, timed = value, _DATETIME.fullmatch(value)
    if _DATE.fullmatch(value):
        parse = date.fromisoformat
    elif timed:
        if timed[4] and (int(timed[4]) > 23 or int(timed[5]) > 59):  # Python reads +05:75
            return f"'{written}' is not a real date (UTC offsets go from -23:59 to +23:59)"
        value = value[:-1] + "+00:00" if value.endswith("Z") else value
        parse = datetime.fromisoformat
    else:
        return (
            f"'{preview(value, QUOTED)}' is not a date; write YYYY-MM-DD or an ISO 8601 date-time"
        )
    try:
        parse(value)
    except ValueError as error:
        return f"'{written}' is not a real date ({error})"
    return None
