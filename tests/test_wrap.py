"""Word wrapping: every line fits, nothing is lost, and the fast path agrees with the slow one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from tui.document.wrap import ONE_CELL, _cell_starts, line_starts, line_text
from tui.text import normalize_space


def test_one_cell_characters_take_one_cell():
    wider_or_narrower = [c for c in ONE_CELL if get_character_cell_size(c) != 1]
    assert wider_or_narrower == []


def wrapped(text: str, width: int) -> list[str]:
    starts = line_starts(text, width)
    return [text[slice(*line_text(text, starts, row))] for row in range(len(starts))]


# Words from English with typographic punctuation, accented Latin, Greek, CJK and emoji.
WORD = st.text(
    alphabet=st.sampled_from("abcdefxyz’“”—–…éüßΩж漢字한국😀\u0301"), min_size=1, max_size=14
)
TEXT = st.lists(WORD, min_size=1, max_size=30).map(" ".join).map(normalize_space)


@given(TEXT, st.integers(min_value=2, max_value=60))
def test_lines_fit_and_give_back_the_text(text: str, width: int) -> None:
    lines = wrapped(text, width)
    for line in lines:
        assert cell_len(line) <= width, (line, width)
    assert " ".join(lines).replace(" ", "") == text.replace(" ", "")


@given(
    st.lists(st.text(alphabet=st.sampled_from("abc’“”—é"), min_size=1, max_size=12), min_size=1),
    st.integers(min_value=1, max_value=40),
)
def test_the_fast_path_agrees_with_measuring_each_cell(words: list[str], width: int) -> None:
    text = " ".join(words)
    assert line_starts(text, width) == _cell_starts(text, width)


def test_curly_quotes_and_dashes_wrap_at_spaces():
    text = "“We see a massive opportunity” — Antony Blinken’s words, … and more"
    assert wrapped(text, 20) == [
        "“We see a massive",
        "opportunity” —",
        "Antony Blinken’s",
        "words, … and more",
    ]
