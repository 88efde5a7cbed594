"""The reader's small units, apart from the screen: jump history, arrangement."""

from __future__ import annotations

from tui.ui.history import JumpHistory, Place
from tui.ui.responsive import NARROW_BELOW, OUTLINE_FROM, arrangement


def test_the_history_goes_back_newest_first_and_forgets_the_oldest():
    history: JumpHistory[int] = JumpHistory(limit=3)
    assert history.pop() is None
    for position in range(5):
        history.push(Place(position, "body"))
    assert len(history) == 3
    assert [history.pop().position for _ in range(3)] == [4, 3, 2]  # type: ignore[union-attr]
    assert history.pop() is None


def test_the_arrangement_follows_the_width_and_the_readers_choice():
    assert arrangement(NARROW_BELOW - 1, None).narrow
    assert not arrangement(NARROW_BELOW, None).narrow
    assert not arrangement(OUTLINE_FROM - 1, None).outline
    assert arrangement(OUTLINE_FROM, None).outline
    assert not arrangement(OUTLINE_FROM, False).outline  # toggled off with o
    assert arrangement(80, True).outline  # toggled on, even when narrow
