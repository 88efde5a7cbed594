"""Block quotes and lists in the article: how they are laid out, drawn and found."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from snapshot_apps import EVERY_KEY_PATH, body_lines, seed_loaded

from tui.document import CREDIT, ITEM, PARAGRAPH, QUOTE, BodyDocument, BodyLayout
from tui.document.layout import block_count
from tui.document.wrap import line_text
from tui.format.loader import load_path
from tui.model import BlockQuote, Briefing, ListBlock, Section

CJK_QUOTE = "日本政府は、地域の安定を重視すると述べた。" * 4
BRIEFING = Briefing(
    "Blocks",
    (
        Section(
            "s",
            "Blocks",
            (
                "Before the quote.",
                BlockQuote(CJK_QUOTE, "報道官", "外務省"),
                ListBlock(("**Strong** start of a long item that wraps " * 3, "短い")),
                ListBlock(tuple(f"Step {n}." for n in range(1, 11)), numbered=True),
                "After the lists.",
            ),
        ),
    ),
)


def drawn_lines(document: BodyDocument, layout: BodyLayout) -> list[tuple[int, str]]:
    """Each text line as the body draws it: the block, then its lead and its text."""
    lines = []
    for block in range(len(document)):
        text = document.texts[block]
        for row in range(len(layout.starts[block])):
            lead = document.leads[block] if row == 0 else document.hangs[block]
            start, end = line_text(text, layout.starts[block], row)
            lines.append((block, lead + text[start:end]))
    return lines


def test_blocks_are_flat_and_know_their_kind() -> None:
    document = BodyDocument(BRIEFING)
    assert document.kinds[1:] == [PARAGRAPH, QUOTE, CREDIT, ITEM, ITEM, *[ITEM] * 10, PARAGRAPH]
    assert document.texts[3] == "報道官, 外務省"
    assert document.texts[4].startswith("Strong start")  # inline Markdown in an item
    assert [span.kind for span in document.spans[4]] == ["strong"] * 3
    assert document.leads[6] == "   1. " and document.leads[15] == "  10. "  # numbers aligned
    assert document.hangs[6] == " " * 6


def test_a_library_row_counts_the_blocks_the_reader_makes() -> None:
    """A saved position's block over this count is how far the library says it was read."""
    every_key = load_path(EVERY_KEY_PATH).briefing  # lists, quotes with credits
    for briefing in (BRIEFING, seed_loaded().briefing, every_key):
        assert block_count(briefing) == len(BodyDocument(briefing))
    assert block_count(BRIEFING) == 17


@pytest.mark.parametrize("width", [20, 40, 76])
def test_quotes_and_lists_wrap_within_the_width_with_their_leads(width: int) -> None:
    document = BodyDocument(BRIEFING)
    layout = BodyLayout(document, width)
    layout.extend()
    for block, line in drawn_lines(document, layout):
        assert cell_len(line) <= width, (block, line)
    quote_lines = [line for block, line in drawn_lines(document, layout) if block == 2]
    assert len(quote_lines) > 1 and all(line.startswith("  ┃ ") for line in quote_lines)
    item_lines = [line for block, line in drawn_lines(document, layout) if block == 4]
    assert item_lines[0].startswith("  • ") and all(
        line.startswith("    ") and not line[4].isspace() for line in item_lines[1:]
    )


def test_no_blank_line_between_items_or_under_a_quote_before_its_credit() -> None:
    document = BodyDocument(BRIEFING)
    layout = BodyLayout(document, 40)
    layout.extend()

    def gap_after(block: int) -> int:
        return layout.tops[block + 1] - layout.tops[block] - len(layout.starts[block])

    assert gap_after(2) == 0  # the quote, then its credit
    assert gap_after(3) == 1  # the credit, then a blank line
    assert gap_after(4) == 0  # between items
    assert gap_after(5) == 1  # after the last item of a list


async def test_the_reader_draws_the_quote_and_the_list(seed, reader) -> None:
    async with reader(seed, (80, 24)) as (pilot, screen):
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        lines = body_lines(screen.body)
        quote = [line for line in lines if "┃" in line]
        assert (
            quote[0].strip()
            == "┃ We see a massive opportunity for deeper collaboration and broad-based"
        )
        assert quote[-1].strip() == "┃ — US Secretary of State Antony Blinken"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        bullets = [line.strip() for line in body_lines(screen.body) if "•" in line]
        assert len(bullets) == 7
        assert bullets[1] == "• Joint approach to mass migration from Haiti and Venezuela"


async def test_search_finds_and_resume_returns_to_a_list_item(seed, reader) -> None:
    async with reader(seed, (80, 24)) as (pilot, screen):
        body = screen.body
        await pilot.press("slash", *"mass migration", "enter")
        target = body.highlight
        assert target is not None and body.document.kinds[target.block] == ITEM
        assert body.document.texts[target.block] == (
            "Joint approach to mass migration from Haiti and Venezuela"
        )
        body.restore_position((target.block, 0))  # as a later run resumes there
        await pilot.pause()
        assert round(body.scroll_y) == body.lay_out().tops[target.block]
        assert body.reading_position() == (target.block, 0)
