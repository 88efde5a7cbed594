"""The search history file: newest last, each search once, capped, shared, never fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.storage import history
from tui.storage.history import MAX_LENGTH, SearchHistory


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "history.json"


def test_searches_come_back_oldest_first_each_once(path):
    store = SearchHistory(path)
    assert store.queries() == []  # no file yet
    for query, at in [("duque", 1.0), ("colombia", 2.0), ("duque", 3.0)]:
        assert store.add(query, at)
    assert SearchHistory(path).queries() == ["colombia", "duque"]
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "briefing-tui history/1"


def test_only_the_most_recent_are_kept(path, monkeypatch):
    monkeypatch.setattr(history, "MAX_ENTRIES", 3)
    store = SearchHistory(path)
    for number in range(5):
        store.add(f"query {number}", float(number))
    assert store.queries() == ["query 2", "query 3", "query 4"]


def test_blank_and_overlong_searches_are_not_kept(path):
    store = SearchHistory(path)
    store.add("   ", 1.0)
    store.add("x" * (MAX_LENGTH + 1), 2.0)
    store.add("kept", 3.0)
    assert store.queries() == ["kept"]


def test_two_readers_keep_each_others_searches(path):
    first, second = SearchHistory(path), SearchHistory(path)
    first.add("from the first", 1.0)
    second.add("from the second", 2.0)
    first.add("the first again", 3.0)
    assert SearchHistory(path).queries() == ["from the first", "from the second", "the first again"]


def test_a_corrupt_file_is_set_aside_with_a_warning(path):
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "briefing-tui history/1", "searches": [1, 2]}', encoding="utf-8")
    store = SearchHistory(path)
    assert store.queries() == []
    (warning,) = store.take_warnings()
    assert "Saved search history could not be read" in warning and "set aside" in warning
    assert len(list(path.parent.glob("history.json.corrupt-*"))) == 1
    assert store.add("after", 1.0)
    assert SearchHistory(path).queries() == ["after"]


def test_entries_that_are_not_times_are_dropped(path):
    path.parent.mkdir(parents=True)
    searches = {"good": 5, "bad": "yesterday", "also bad": True, "negative": -1}
    path.write_text(
        json.dumps({"format": "briefing-tui history/1", "searches": searches}), encoding="utf-8"
    )
    assert SearchHistory(path).queries() == ["good"]
