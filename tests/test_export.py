"""``briefing-tui export``: Markdown, HTML, plain text and JSON, on the bundled and hostile files.

Each format is read back as a user's tool would read it (markdown-it-py, html.parser, the JSON
Schema, the loader) and checked for what the briefing holds, and for nothing else.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len

from tui.document import BodyDocument
from tui.document.inline import parse_inline
from tui.export import renderer
from tui.export.common import links, metadata, one_line
from tui.format.loader import load_path, load_text
from tui.format.problems import BriefingError, UnreadableFileError
from tui.format.schema import SCHEMA
from tui.model import BlockQuote, Briefing, ListBlock

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "content" / "blinken-colombia.yaml"
LOOKALIKES = ROOT / "tests" / "data" / "export" / "markup-lookalikes.yaml"


def _loadable(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        try:
            load_path(path)
        except (BriefingError, UnreadableFileError):
            continue
        found.append(path)
    return found


HOSTILE = _loadable(
    [
        *sorted((ROOT / "tests" / "data" / "hostile").glob("*.yaml")),
        *sorted((ROOT / "tests" / "adversarial" / "cases").glob("*.yaml")),
    ]
)
FILES = [BUNDLED, LOOKALIKES, *HOSTILE]
IDS = [path.name for path in FILES]

CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What must not be in the text: C0 controls (but newline), DEL, C1, bidi controls, surrogates."""


def briefing_of(path: Path) -> Briefing:
    return load_path(path).briefing


def all_blocks(briefing: Briefing) -> list[str | BlockQuote | ListBlock]:
    return [block for section in briefing.sections for block in section.blocks]


def span_counts(briefing: Briefing) -> Counter[str]:
    """How many strong, emphasis and link spans the body has."""
    document = BodyDocument(briefing)
    return Counter(span.kind for block in range(len(document)) for span in document.spans[block])


def test_the_hostile_files_are_there() -> None:
    names = {path.name for path in HOSTILE}
    assert {"hostile-markup.yaml", "markup-every-field.yaml", "bidi-override.yaml"} <= names
    assert len(HOSTILE) >= 10


# -- JSON ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_json_is_valid_and_loads_back_as_the_same_briefing(path: Path) -> None:
    briefing = briefing_of(path)
    text = renderer("json")(briefing, 80)
    data = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert [section["id"] for section in data["sections"]] == [s.id for s in briefing.sections]
    assert load_text(text, "export.json").briefing == briefing


def test_json_escapes_what_yaml_refuses_raw() -> None:
    briefing = load_text(
        'title: "odd \\uFFFE and \\uFFFF"\nsections: [{heading: h, body: b}]\n'
    ).briefing
    text = renderer("json")(briefing, 80)
    assert "\ufffe" not in text and "\\ufffe" in text
    assert load_text(text).briefing == briefing


# -- plain text ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 40])
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_plain_text_is_wrapped_and_free_of_control_characters(path: Path, width: int) -> None:
    text = renderer("txt")(briefing_of(path), width)
    assert not CONTROLS.findall(text)
    assert text.endswith("\n")
    assert max(cell_len(line) for line in text.splitlines()) <= width


def test_plain_text_looks_like_the_reader() -> None:
    text = renderer("txt")(briefing_of(BUNDLED), 80)
    lines = text.splitlines()
    assert lines[0] == (
        "Colombia trying to mend strain relations with US after election meddling claims"
    )
    heading = lines.index("US priorities")
    assert lines[heading + 1] == "─" * 80
    assert "  ┃ — US Secretary of State Antony Blinken" in lines
    assert "  • Joint approach to mass migration from Haiti and Venezuela" in lines
    # a hanging indent under a bullet
    bullet = next(
        n for n, line in enumerate(lines) if line.startswith("  • Joint approach to Covid")
    )
    assert lines[bullet + 1] == "    health capacity"
    assert lines[lines.index("Talking points") + 1] == "─" * 80
    assert "  ┃ — Antony Blinken, US Secretary of State" in lines
    assert "**" not in text and "](" not in text  # inline markers removed, as on screen


# -- Markdown --------------------------------------------------------------------------------


def markdown_tokens(text: str) -> list:
    return MarkdownIt("commonmark").parse(text)


def inline_text(token) -> str:
    """The text a renderer shows for an inline token (markup removed)."""
    return "".join(
        child.content for child in token.children or () if child.type in ("text", "code_inline")
    )


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_markdown_has_the_briefing_s_structure_and_nothing_else(path: Path) -> None:
    briefing = briefing_of(path)
    tokens = markdown_tokens(renderer("md")(briefing, 80))
    kinds = Counter(token.type for token in tokens)
    inner = Counter(child.type for token in tokens for child in token.children or ())
    blocks = all_blocks(briefing)
    quotes = sum(isinstance(block, BlockQuote) for block in blocks)
    items = sum(len(block.items) for block in blocks if isinstance(block, ListBlock))
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [t.tag for t in headings] == ["h1"] + ["h2"] * (
        len(briefing.sections) + bool(briefing.talking_points) + bool(briefing.quotes)
    )
    assert kinds["blockquote_open"] == quotes + len(briefing.quotes)
    assert kinds["list_item_open"] == items + len(briefing.talking_points)
    spans = span_counts(briefing)
    source_link = int(bool(briefing.source and briefing.source.url))
    assert inner["link_open"] == spans["link"] + source_link
    assert inner["strong_open"] == spans["strong"]
    assert inner["em_open"] == spans["emphasis"]
    for kind in ("html_block", "html_inline", "code_block", "fence", "hr", "image"):
        assert not kinds[kind] and not inner[kind], kind
    # every paragraph of the body reads as in the reader
    document = BodyDocument(briefing)
    shown = {inline_text(token) for token in tokens if token.type == "inline"}
    for block in range(len(document)):
        assert document.texts[block] in shown or document.kinds[block] == 3  # credits: "— …"


def test_markdown_of_the_bundled_briefing() -> None:
    briefing = briefing_of(BUNDLED)
    tokens = markdown_tokens(renderer("md")(briefing, 80))
    texts = [inline_text(t) for t in tokens if t.type == "inline"]
    assert texts[0] == briefing.title
    assert "Talking points" in texts and "Quotes" in texts
    assert "— US Secretary of State Antony Blinken" in texts
    assert "— Antony Blinken, US Secretary of State" in texts


def test_markdown_keeps_inline_markup_and_escapes_the_rest() -> None:
    tokens = markdown_tokens(renderer("md")(briefing_of(LOOKALIKES), 80))
    paragraphs = [inline_text(t) for t in tokens if t.type == "inline"]
    for literal in (
        "# not a heading",
        "> not a quote",
        "- not a list",
        "1. not numbered",
        "2) nor this",
        "| not | a | table |",
        "```not a fence```",
        '<div onclick="alert(1)">not HTML</div>',
        "---",
        "* * *",
        "=== and \\ a backslash \\",
        "&copy; &#169; &#xA9; stay as written, <https://autolink.example> too",
    ):
        assert literal in paragraphs
    links_found = [
        child.attrs["href"]
        for token in tokens
        for child in token.children or ()
        if child.type == "link_open"
    ]
    assert links_found == [
        "https://example.com/path?a=1&b=%3C2%3E%22'(x)",  # the source, percent-encoded
        "https://x.example/i.png",  # after "!": a link, not an image
    ]


# -- HTML ------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Every tag, attribute and piece of text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


ALLOWED_ATTRIBUTES = {
    ("html", "lang"),
    ("meta", "charset"),
    ("meta", "name"),
    ("meta", "content"),
    ("meta", "http-equiv"),
    ("a", "href"),
    ("a", "rel"),
    ("p", "class"),
}


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_nothing_from_the_file_becomes_html(path: Path) -> None:
    briefing = briefing_of(path)
    page = parse_page(renderer("html")(briefing, 80))
    blocks = all_blocks(briefing)
    paragraphs = sum(isinstance(block, str) for block in blocks)
    block_quotes = sum(isinstance(block, BlockQuote) for block in blocks)
    credits = sum(isinstance(block, BlockQuote) and bool(block.credit) for block in blocks)
    lists = [block for block in blocks if isinstance(block, ListBlock)]
    found = links(briefing)
    spans = span_counts(briefing)
    header = 1 + sum(bool(one_line(text or "")) for text in (briefing.subtitle, briefing.summary))
    has_meta = bool(metadata(briefing))
    expected = {
        "html": 1,
        "head": 1,
        "meta": 4,
        "title": 1,
        "style": 1,
        "body": 1,
        "main": 1,
        "header": 1,
        "h1": 1,
        "h2": len(briefing.sections) + bool(briefing.talking_points) + bool(briefing.quotes),
        "section": len(briefing.sections) + bool(briefing.talking_points) + bool(briefing.quotes),
        "p": paragraphs + block_quotes + len(briefing.quotes) + header - 1 + has_meta,
        "blockquote": block_quotes + len(briefing.quotes),
        "footer": credits + len(briefing.quotes),
        "ul": sum(not block.numbered for block in lists),
        "ol": sum(block.numbered for block in lists) + bool(briefing.talking_points),
        "li": sum(len(block.items) for block in lists) + len(briefing.talking_points),
        "a": spans["link"]
        + bool(briefing.source and briefing.source.url)
        + sum(target is not None for target in [*found.points, *found.quotes]),
        "strong": spans["strong"],
        "em": spans["emphasis"],
    }
    assert page.tags == Counter({tag: count for tag, count in expected.items() if count})
    ids = {value for _, name, value in page.attributes if name == "id"}
    for tag, name, value in page.attributes:
        if name == "id":
            continue
        assert (tag, name) in ALLOWED_ATTRIBUTES, (tag, name, value)
        if name == "href":
            assert value is not None
            assert value.startswith(("https://", "http://")) or value[1:] in ids, value
        if name == "rel":
            assert value == "noopener noreferrer"
    hrefs = [value for _, name, value in page.attributes if name == "href"]
    rels = [value for _, name, value in page.attributes if name == "rel"]
    assert len(rels) == sum(not href.startswith("#") for href in hrefs if href)
    assert not CONTROLS.findall("".join(page.text).replace("\t", " "))
    assert briefing.title.split()[0] in "".join(page.text)


def test_the_page_is_self_contained_responsive_printable_and_themed() -> None:
    text = renderer("html")(briefing_of(BUNDLED), 80)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "default-src 'none'" in text  # no request, no script, by policy
    assert "@media print" in text and "break-inside: avoid" in text
    assert "prefers-color-scheme: dark" in text
    assert not re.search(r"(?:src|url)\s*[=(]", text)  # nothing to fetch
    assert "<script" not in text


def test_points_and_quotes_link_to_their_passages_like_the_reader_s_jumps() -> None:
    briefing = briefing_of(BUNDLED)
    found = links(briefing)
    page = renderer("html")(briefing, 80)
    document = found.document
    quote = found.quotes[0]
    assert quote is not None
    # the first quote's passage is the block quote in "US priorities", as in the reader
    assert document.texts[quote.block].startswith("We see a massive opportunity")
    assert f'<a href="#b-{quote.block}">We see a massive opportunity' in page
    assert f'<blockquote id="b-{quote.block}">' in page
    point = found.points[1]
    assert point is not None
    assert f'<li id="b-{point.block}">Joint approach to mass migration' in page
    assert f'<a href="#b-{point.block}">Joint approach to mass migration' in page


def test_a_point_that_falls_back_to_its_section_links_to_the_section() -> None:
    briefing = load_text(
        "title: T\nsections:\n  - id: talks\n    heading: Talks\n    body: They talked.\n"
        "talking_points:\n  - text: Zebras\n    section: talks\n"
    ).briefing
    page = renderer("html")(briefing, 80)
    assert '<section id="s-talks">' in page
    assert '<a href="#s-talks">Zebras</a>' in page


def test_only_web_links_become_links() -> None:
    page = parse_page(renderer("html")(briefing_of(LOOKALIKES), 80))
    hrefs = [value for _, name, value in page.attributes if name == "href"]
    web = [href for href in hrefs if href and not href.startswith("#")]
    assert web == ["https://example.com/path?a=1&b=<2>\"'(x)", "https://x.example/i.png"]
    shown = "".join(page.text)
    assert "[bad](javascript:alert(1))" in shown
    assert "<script>alert('title')</script>" in shown
    assert '<a href="javascript:alert(1)">point</a>' in shown


def test_inline_spans_parse_the_same_as_the_reader() -> None:
    """The exports take the body's spans from the reader's own inline parser."""
    assert [s.kind for s in parse_inline("**a** *b* [c](https://d.example)").spans] == [
        "strong",
        "emphasis",
        "link",
    ]


def test_blank_fields_load_back_the_same_and_show_no_empty_line() -> None:
    """A role of spaces is no role (as for a block quote), in the file and in its JSON."""
    briefing = load_text(
        "title: T\nsubtitle: '  '\nsections: [{heading: h, body: b}]\n"
        "quotes: [{speaker: S, text: b, role: '   '}]\n"
    ).briefing
    assert briefing.quotes[0].role is None
    assert load_text(renderer("json")(briefing, 80)).briefing == briefing
    assert renderer("txt")(briefing, 80).startswith("T\n\nh\n")
    assert 'class="subtitle"' not in renderer("html")(briefing, 80)
