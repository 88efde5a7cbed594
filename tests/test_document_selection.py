"""Text under a selection of the laid-out body (no Textual)."""

from __future__ import annotations

import pytest

from tui.document import BodyDocument, BodyLayout
from tui.document.selection import line_span, selected_text
from tui.format.loader import load_text

SOURCE = """\
title: T
sections:
  - heading: First heading
    body:
      - One two three four five six seven eight nine ten.
      - "**Bold** words and a [link](https://example.org) here."
  - heading: Second
    body: [Last paragraph.]
"""


@pytest.fixture
def layout() -> BodyLayout:
    layout = BodyLayout(BodyDocument(load_text(SOURCE, "t.yaml").briefing), 20)
    layout.extend()
    return layout


def lines(layout: BodyLayout) -> list[str]:
    """The text of every line of the layout ("" for rules and blank lines)."""
    shown = []
    for y in range(layout.height):
        span = line_span(layout, y, 0, None)
        block, row = layout.locate(y)
        if span is None:
            shown.append("")
        else:
            start = layout.starts[block][row]
            shown.append(layout.document.texts[block][start + span[0] : start + span[1]])
    return shown


def test_the_layout_under_test(layout):
    assert lines(layout) == [
        "First heading",
        "",  # the rule
        "",
        "One two three four",
        "five six seven eight",
        "nine ten.",
        "",
        "Bold words and a",
        "link here.",
        "",
        "Second",
        "",
        "",
        "Last paragraph.",
        "",
    ]


def test_within_a_line(layout):
    assert selected_text(layout, (4, 3), (13, 3)) == "two three"


def test_the_margin_and_the_space_after_a_line_clamp_to_its_text(layout):
    assert selected_text(layout, (-5, 3), (99, 3)) == "One two three four"
    assert line_span(layout, 3, -5, 99) == (0, 18)
    assert line_span(layout, 3, 18, None) is None


def test_wrapped_lines_copy_as_the_paragraph(layout):
    assert selected_text(layout, (8, 3), (8, 5)) == "three four five six seven eight nine ten"


def test_paragraphs_are_kept_apart_and_rules_left_out(layout):
    assert selected_text(layout, (0, 0), (3, 3)) == "First heading\n\nOne"
    assert selected_text(layout, (0, 1), (3, 3)) == "One"  # from the rule
    assert selected_text(layout, (5, 8), (5, 11)) == "here.\n\nSecond"  # to the rule


def test_blank_lines_start_at_the_next_block_and_end_at_the_last(layout):
    assert selected_text(layout, (3, 6), (99, 9)) == "Bold words and a link here."
    assert selected_text(layout, (99, 5), (4, 7)) == "Bold"  # from past a paragraph's end


def test_everything_and_past_the_end(layout):
    texts = layout.document.texts
    assert selected_text(layout, None, None) == "\n\n".join(texts)
    assert selected_text(layout, (0, 13), (0, 500)) == "Last paragraph."
    assert selected_text(layout, (0, 500), None) == ""
    assert selected_text(layout, None, (5, 0)) == "First"
