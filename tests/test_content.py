"""Bundled content and documentation: valid, schema-clean, faithful to the seed article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from tui.format.loader import (
    POINT_KEYS,
    QUOTE_KEYS,
    SECTION_KEYS,
    SOURCE_KEYS,
    TOP_LEVEL_KEYS,
    load_path,
    load_text,
)
from tui.format.schema import SCHEMA
from tui.model import BlockQuote, Briefing, ListBlock

ROOT = Path(__file__).resolve().parent.parent
CONTENT = sorted((ROOT / "content").glob("*.yaml"))
SEED_NAME = "000_0960ea43b9181f78.txt"
SEED = ROOT / "tests" / "data" / "seed" / SEED_NAME
"""Our copy of the seed article, so the fidelity tests always run."""
SHARED_SEED = ROOT.parent / "shared" / "seed" / SEED_NAME
"""The original, beside the clone when the project's shared/ folder is there."""
FORMAT_DOC = ROOT / "docs" / "format.md"
HEADER = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def test_there_is_content() -> None:
    assert "blinken-colombia.yaml" in [path.name for path in CONTENT]


@pytest.mark.parametrize("path", CONTENT, ids=lambda path: path.name)
def test_content_validates_without_warnings(path: Path) -> None:
    loaded = load_path(path, strict=True)
    assert loaded.warnings == []


@pytest.mark.parametrize("path", CONTENT, ids=lambda path: path.name)
def test_content_validates_against_the_json_schema(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [error.message for error in Draft202012Validator(SCHEMA).iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("path", CONTENT, ids=lambda path: path.name)
def test_content_names_the_schema_for_editors(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = HEADER.fullmatch(first)
    assert match, first
    assert (path.parent / match.group(1)).resolve() == ROOT / "docs" / "briefing.schema.json"


# -- the seed article ------------------------------------------------------------------

HEADLINE = "Colombia trying to mend strain relations with US after election meddling claims"
ATTRIBUTION = "US Secretary of State Antony Blinken"
LIST_HEADING = "Blinken’s main talking points"


def test_the_seed_copy_is_the_shared_seed() -> None:
    if not SHARED_SEED.is_file():
        pytest.skip(f"no shared seed to compare the copy with ({SHARED_SEED})")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_path(ROOT / "content" / "blinken-colombia.yaml").briefing


def list_items(lines: list[str]) -> list[str]:
    return [line[2:] for line in lines if line.startswith("- ")]


def test_headline_is_the_title(seed_lines: list[str], bundled: Briefing) -> None:
    assert HEADLINE in seed_lines
    assert bundled.title == HEADLINE


def test_every_sentence_of_the_seed_is_in_the_body_word_for_word(
    seed_lines: list[str], bundled: Briefing
) -> None:
    paragraphs = [
        block.text if isinstance(block, BlockQuote) else block
        for section in bundled.sections
        for block in section.blocks
        if not isinstance(block, ListBlock)
    ]
    prose = [
        line
        for line in seed_lines
        if line not in (HEADLINE, ATTRIBUTION, LIST_HEADING) and not line.startswith("- ")
    ]
    assert len(prose) == 8
    missing = [line for line in prose if line not in paragraphs]
    assert missing == []


def test_the_quoted_paragraph_is_a_block_quote_with_the_seeds_attribution(
    seed_lines: list[str], bundled: Briefing
) -> None:
    said = seed_lines[seed_lines.index(ATTRIBUTION) - 1]
    quotes = [b for s in bundled.sections for b in s.blocks if isinstance(b, BlockQuote)]
    assert quotes == [
        BlockQuote(said, "Antony Blinken", "US Secretary of State", attribution=ATTRIBUTION)
    ]


def test_the_list_is_a_bulleted_list_in_its_section_and_the_talking_points(
    seed_lines: list[str], bundled: Briefing
) -> None:
    items = list_items(seed_lines)
    assert len(items) == 7
    assert LIST_HEADING in seed_lines
    (section,) = [s for s in bundled.sections if s.heading == LIST_HEADING]
    assert section.blocks == (ListBlock(tuple(items)),)
    assert [point.text for point in bundled.talking_points] == items
    for point in bundled.talking_points:
        assert point.section is not None
        assert bundled.section_index(point.section) is not None


def test_the_five_quotes_are_blinkens_and_from_the_seed(
    seed_lines: list[str], bundled: Briefing
) -> None:
    text = "\n".join(seed_lines)
    quoted = re.findall(r"“([^”]+)”", text)  # the passages in quotation marks
    said = seed_lines[seed_lines.index(ATTRIBUTION) - 1]  # the paragraph attributed to him
    expected = {said, *(q.strip() for q in quoted)}
    assert len(expected) == 5
    assert len(bundled.quotes) == 5
    assert {quote.text for quote in bundled.quotes} == expected
    for quote in bundled.quotes:
        assert (quote.speaker, quote.role) == ("Antony Blinken", "US Secretary of State")
        assert quote.section is not None
        assert bundled.section_index(quote.section) is not None


# -- docs/format.md --------------------------------------------------------------------


@pytest.fixture(scope="module")
def format_doc() -> str:
    return FORMAT_DOC.read_text(encoding="utf-8")


def example(doc: str) -> str:
    """The YAML block under the "Full example" heading."""
    after = doc.split("## Full example", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", after, re.DOTALL)
    assert match, "no ```yaml block after ## Full example"
    return match.group(1)


def test_full_example_validates_without_warnings(format_doc: str) -> None:
    loaded = load_text(example(format_doc), "docs/format.md", strict=True)
    briefing = loaded.briefing
    assert all(
        (
            briefing.subtitle,
            briefing.summary,
            briefing.location,
            briefing.language,
            briefing.source and briefing.source.url,
            briefing.published,
            briefing.authors,
            briefing.tags,
            briefing.talking_points,
            briefing.quotes,
        )
    )


def test_full_example_uses_every_key(format_doc: str) -> None:
    document = yaml.safe_load(example(format_doc))
    assert set(document) == set(TOP_LEVEL_KEYS)
    assert set(document["source"]) == set(SOURCE_KEYS)
    assert set().union(*document["sections"]) == set(SECTION_KEYS)
    assert set().union(*(p for p in document["talking_points"] if isinstance(p, dict))) == set(
        POINT_KEYS
    )
    assert set().union(*document["quotes"]) == set(QUOTE_KEYS)


def test_full_example_is_the_every_key_test_file(format_doc: str) -> None:
    committed = (ROOT / "tests" / "data" / "good" / "every-key.yaml").read_text(encoding="utf-8")
    assert example(format_doc).splitlines()[1:] == committed.splitlines()[1:]


def test_format_doc_shows_the_editor_header(format_doc: str) -> None:
    assert "# yaml-language-server: $schema=../docs/briefing.schema.json" in format_doc
    first = example(format_doc).splitlines()[0]
    assert HEADER.fullmatch(first)


def test_format_doc_documents_every_key_and_flag(format_doc: str) -> None:
    for key in {*TOP_LEVEL_KEYS, *SOURCE_KEYS, *SECTION_KEYS, *POINT_KEYS, *QUOTE_KEYS}:
        assert f"`{key}`" in format_doc, key
    for flag in ("--strict", "--max-size", "--max-depth", "--max-aliases", "--debug"):
        assert flag in format_doc, flag
