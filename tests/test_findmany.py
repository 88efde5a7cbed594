"""Many quotes are found in a long body as ``str.find`` finds them, in one pass."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui.findmany
from tui.findmany import ManyFinder


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the index however small the text (it is meant for thousands of quotes)."""
    monkeypatch.setattr(tui.findmany, "DIRECT_LIMIT", 0)


@settings(
    max_examples=500,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # the same setting for all
)
@given(text=st.text(alphabet="ab ,'é地\0", max_size=40), data=st.data())
def test_the_index_finds_what_str_find_finds(indexed: None, text: str, data: st.DataObject) -> None:
    """Needles cut from the text (found, often mid-word) and made up (often not found)."""
    cut = st.tuples(st.integers(0, len(text)), st.integers(0, 12)).map(
        lambda span: text[span[0] : span[0] + span[1]]
    )
    needles = data.draw(st.lists(cut | st.text(alphabet="ab ,地", max_size=6), max_size=8))
    finder = ManyFinder(text, needles)
    for index, needle in enumerate(needles):
        assert finder.find(index) == (text.find(needle) if needle else -1), needle


def test_a_needle_found_late_is_found_at_its_first_place(indexed: None) -> None:
    text = "the peace deal, " * 1000 + "they signed the peace accord, at last."
    finder = ManyFinder(text, ["the peace accord,", "signed the peace", "peace accord"])
    assert [finder.find(index) for index in range(3)] == [
        text.index("the peace accord,"),
        text.index("signed the peace"),
        text.index("peace accord"),
    ]


def test_past_its_budget_a_whole_text_search_gives_up(
    indexed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a crafted file gets here: a needle with no inner word is then not found."""
    text = "word " * 100
    monkeypatch.setattr(tui.findmany, "FIND_BUDGET", 2 * len(text))
    finder = ManyFinder(text, ["word"] * 3)
    assert [finder.find(index) for index in range(3)] == [0, 0, -1]
