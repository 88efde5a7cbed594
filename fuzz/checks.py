"""What must hold for any input bytes: shared by the atheris harness and the hypothesis tests.

:func:`check_input` loads the bytes as a file called ``fuzz.yaml`` and, if a
briefing comes out, renders it headless: everything pure that turns the
briefing into display text (the body's inline scan, wrap and layout at a few
widths, the outline, talking points and quotes lists, the header's metadata
line, the info screen's rows, linking and search). Any broken rule is an
``AssertionError``; any other exception escapes as it is. Nothing here needs
Textual's app loop, nor atheris.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator

from rich.cells import cell_len

from tui.document import BodyDocument, BodyLayout, Target
from tui.document.wrap import line_text
from tui.format.limits import Limits
from tui.format.loader import load_bytes
from tui.format.problems import BriefingError, Problem
from tui.linking import Linker
from tui.model import Briefing, Loaded, block_texts
from tui.search import Corpus, Query, find_next
from tui.text import normalize_space, sanitize
from tui.ui.screens.info import details
from tui.ui.widgets.header import fit_line, metadata_items
from tui.ui.widgets.item_list import ItemsLayout, Part
from tui.ui.widgets.path import wrap_path
from tui.urls import is_web_url

NAME = "fuzz.yaml"
WIDTHS = (10, 37, 84)
"""Text widths rendered: the narrowest the body allows, an odd one, the reading width."""
MAX_SECONDS = 2.0
"""CPU time allowed for one input (load and render) of at most :data:`MAX_BYTES`."""
MAX_BYTES = 64 * 1024
"""Inputs the time bound applies to (the harness's ``-max_len`` is smaller)."""
ALIASES = Limits(max_aliases=16, max_depth=12)
"""A second load with aliases allowed (refused by default) and shallower nesting."""

#: Never in a rendered line: C0 controls (tab and newline included), DEL, C1 controls,
#: bidi embeddings, overrides and isolates, lone surrogates. Written out here, not taken
#: from tui.text, so that a gap in the sanitiser is not a gap in the check.
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: Never in a loaded text field: the same, but tab and newline (multi-line text is allowed).
FORBIDDEN_IN_FIELD = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_PROBLEM = re.compile(r"fuzz\.yaml:(\d+):(\d+): (error|warning): \S")
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SLUG = re.compile(r"[a-z0-9-]+")
_INLINE_URL = re.compile(r"https?://[^\s()]+")


def check_input(data: bytes) -> Loaded | None:
    """Load ``data`` (twice: default limits, then aliases allowed) and render what loads.

    Returns what was rendered, or None if neither load gave a briefing.
    """
    started = time.process_time()
    loaded = check_load(data)
    with_aliases = check_load(data, limits=ALIASES)
    shown = loaded or with_aliases
    if shown is not None:
        check_briefing(shown.briefing)
        check_rendering(shown.briefing)
    spent = time.process_time() - started
    if len(data) <= MAX_BYTES:
        assert spent < MAX_SECONDS, f"{spent:.2f} s of CPU for {len(data)} bytes"
    return shown


def check_load(data: bytes, *, limits: Limits | None = None, strict: bool = False) -> Loaded | None:
    """A Loaded, or None for a BriefingError whose every problem is a clean, positioned line."""
    try:
        loaded = load_bytes(data, NAME, limits=limits, strict=strict)
    except BriefingError as error:
        assert error.problems, "a BriefingError must say what is wrong"
        assert any(problem.is_error for problem in error.problems), "refused without an error"
        check_problems(error.problems, data)
        return None
    assert isinstance(loaded, Loaded), type(loaded)
    assert not any(problem.is_error for problem in loaded.warnings), "loaded despite an error"
    check_problems(loaded.warnings, data)
    return loaded


def check_problems(problems: Iterable[Problem], data: bytes) -> None:
    """Each problem: ``fuzz.yaml:LINE:COL: severity: message`` on one clean line, in the file."""
    text = data.decode("utf-8", "replace")
    last_line = len(_BREAKS.findall(text)) + 1
    longest = max(map(len, text.split("\n"))) + 1
    for problem in problems:
        line = str(problem)
        match = _PROBLEM.match(line)
        assert match is not None, f"not FILE:LINE:COL: severity: message: {line!r}"
        assert FORBIDDEN.search(line) is None, f"control character in {line!r}"
        assert 1 <= problem.line <= last_line, f"line {problem.line} of {last_line}: {line!r}"
        assert 1 <= problem.column <= longest, f"column {problem.column} > {longest}: {line!r}"


def briefing_texts(briefing: Briefing) -> Iterator[tuple[str, str]]:
    """Every text field of a briefing, as (where, text)."""
    yield "title", briefing.title
    for where, value in (
        ("subtitle", briefing.subtitle),
        ("summary", briefing.summary),
        ("location", briefing.location),
        ("published", briefing.published),
        ("source.name", briefing.source.name if briefing.source else None),
        ("source.url", briefing.source.url if briefing.source else None),
    ):
        if value is not None:
            yield where, value
    yield from (("authors", author) for author in briefing.authors)
    yield from (("tags", tag) for tag in briefing.tags)
    for section in briefing.sections:
        yield "section.id", section.id
        yield "section.heading", section.heading
        yield from (("body text", text) for block in section.blocks for text in block_texts(block))
    for point in briefing.talking_points:
        yield "point.text", point.text
        if point.section is not None:
            yield "point.section", point.section
    for quote in briefing.quotes:
        yield "quote", quote.attribution
        yield "quote.text", quote.text


def check_briefing(briefing: Briefing) -> None:
    """Every field sanitised; required text visible; ids unique slugs; references resolve."""
    for where, text in briefing_texts(briefing):
        found = FORBIDDEN_IN_FIELD.search(text)
        assert found is None, f"{where}: raw {found.group()!r} in {text!r}"
        assert sanitize(text) == text, f"{where}: not sanitised: {text!r}"
    assert briefing.title.strip(), "empty title"
    assert briefing.sections, "no sections"
    ids = [section.id for section in briefing.sections]
    assert len(set(ids)) == len(ids), f"duplicate section ids {ids}"
    for section in briefing.sections:
        assert _SLUG.fullmatch(section.id), f"section id {section.id!r}"
        for block in section.blocks:
            for text in block_texts(block):
                assert text and text == normalize_space(text), repr(text)
    references = [point.section for point in briefing.talking_points]
    references += [quote.section for quote in briefing.quotes]
    for section_id in references:
        assert section_id is None or section_id in ids, f"dangling {section_id!r}"
    if briefing.source and briefing.source.url:
        assert is_web_url(briefing.source.url), briefing.source.url


def check_line(line: str, width: int, where: str) -> None:
    """A rendered line: within ``width`` cells, no control character."""
    found = FORBIDDEN.search(line)
    assert found is None, f"{where}: {found.group()!r} in rendered line {line!r}"
    assert cell_len(line) <= width, f"{where}: {cell_len(line)} cells > {width}: {line!r}"


def check_rendering(briefing: Briefing) -> None:
    """Render ``briefing`` headless at each of :data:`WIDTHS` and check every line."""
    document = BodyDocument(briefing)
    check_document(document)
    for width in WIDTHS:
        check_body(document, width)
        check_items(briefing, width)
        check_line(fit_line(metadata_items(briefing), width), width, "header")
        for label, text in details(briefing):
            for line in wrap_path(text, width) if label in ("File", "Link") else [text]:
                check_line(line, width if label in ("File", "Link") else cell_len(line), label)
    check_line(normalize_space(briefing.title), cell_len(normalize_space(briefing.title)), "title")
    check_links(briefing, document)


def check_document(document: BodyDocument) -> None:
    """Each block's shown text and spans: clean, spans in order, inside the text."""
    for block in range(len(document)):
        plain, spans = document.parsed(block)
        assert FORBIDDEN.search(plain) is None, f"block {block}: {plain!r}"
        end = 0
        for span in spans:
            assert end <= span.start < span.end <= len(plain), (block, spans, len(plain))
            end = span.end
            if span.kind == "link":
                # The documented rule (not is_web_url: ``https://exam]le.org`` is a link)
                assert span.url is not None and _INLINE_URL.fullmatch(span.url), span
                assert FORBIDDEN.search(span.url) is None, span.url
            else:
                assert span.url is None, span


def check_body(document: BodyDocument, width: int) -> None:
    """The body laid out at ``width``: every line fits, and only spaces are dropped."""
    layout = BodyLayout(document, width)
    layout.extend()
    assert layout.complete
    height = 0
    for block in range(len(document)):
        plain = document.texts[block]
        starts = layout.starts[block]
        assert layout.tops[block] == height, (block, layout.tops[block], height)
        assert starts[0] == 0 and starts == sorted(set(starts)), starts
        assert all(start < len(plain) for start in starts[1:]), (starts, len(plain))
        for row in range(len(starts)):
            start, end = line_text(plain, starts, row)
            lead = document.leads[block] if row == 0 else document.hangs[block]
            shown = lead + plain[start:end]
            check_line(shown, max(width, len(lead) + 4), f"body block {block} row {row} at {width}")
            after = starts[row + 1] if row + 1 < len(starts) else len(plain)
            assert not plain[end:after].strip(" "), f"text lost: {plain[end:after]!r}"
        height += len(starts) + document.gaps[block]
    assert layout.height == height == layout.estimated_height


def check_items(briefing: Briefing, width: int) -> None:
    """The outline, talking points and quotes lists at ``width``: every line fits."""
    points = [
        [Part(point.text, lead=f"{number}. ")]
        for number, point in enumerate(briefing.talking_points, 1)
    ]
    quotes = [
        [Part(f"“{quote.text}”"), Part(quote.attribution, lead="— ")] for quote in briefing.quotes
    ]
    outline = [[Part(section.heading)] for section in briefing.sections]
    for name, items in (("outline", outline), ("points", points), ("quotes", quotes)):
        layout = ItemsLayout(items, width)
        layout.extend()
        for line in layout.lines:
            if line is None:
                continue
            part = items[line.item][line.part]
            lead = part.lead if line.first else " " * cell_len(part.lead)
            shown = lead + part.text[line.start : line.end]
            check_line(shown, max(width, 8 + cell_len(part.lead)), f"{name} at {width}")


def check_links(briefing: Briefing, document: BodyDocument) -> None:
    """Link and search targets fall inside the body; a search finds what it looked for."""
    linker = Linker(briefing, document)
    targets = linker.quotes(briefing.quotes) + linker.points(briefing.talking_points)
    for target in targets:
        if target is not None:
            check_target(target, document)
    words = briefing.title.split()
    if words:
        query = Query.parse(words[0])
        found = find_next([Corpus(document.texts)], query, (0, 0, 0)) if query else None
        if query is not None and found is not None:
            match = found.match
            block = match.unit
            check_target(
                Target(block, document.section_of[block], match.start, match.end), document
            )
            shown = query.fold(document.texts[block][match.start : match.end])
            assert shown == query.needle, (shown, words[0])


def check_target(target: Target, document: BodyDocument) -> None:
    assert 0 <= target.block < len(document), target
    assert document.section_of[target.block] == target.section, target
    end = len(document.texts[target.block]) if target.end is None else target.end
    assert 0 <= target.start <= end <= len(document.texts[target.block]), target
