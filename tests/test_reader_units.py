"""The reader's small units, apart from the screen: jump history, arrangement, search steps."""

from __future__ import annotations

from tui.document import BodyDocument
from tui.search import find_next
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


def test_search_steps_say_when_they_go_round(seed):
    document = BodyDocument(seed)
    first = find_next(document, "colombia", (0, 0))
    assert first is not None and not first.wrapped
    start = (first.target.block, first.target.end or 0)
    second = find_next(document, "colombia", start)
    assert second is not None and (second.target.block, second.target.start) > start
    last_block = len(document) - 1
    round_trip = find_next(document, "colombia", (last_block, len(document.texts[last_block])))
    assert round_trip is not None and round_trip.wrapped and round_trip.target == first.target
    back = find_next(document, "colombia", (first.target.block, first.target.start), backward=True)
    assert back is not None and back.wrapped  # from the first match back to the last
    assert find_next(document, "no such words anywhere", (0, 0)) is None
