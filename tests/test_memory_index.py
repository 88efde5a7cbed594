"""The in-memory library index: real files read, rows, search, speakers (no stubs)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui.library.index import LibraryIndex
from tui.library.memory_index import MemoryIndex
from tui.library.scan import scan

LIBRARY = Path(__file__).parent / "data" / "library_screen"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the small library, to change."""
    copy = tmp_path / "library"
    shutil.copytree(LIBRARY, copy)
    return copy


def refreshed(folder: Path) -> MemoryIndex:
    index = MemoryIndex()
    index.refresh(scan([str(folder)]).paths)
    return index


def test_it_is_a_library_index() -> None:
    index: LibraryIndex = MemoryIndex()  # mypy checks the protocol
    assert index.entries() == []


def test_rows_are_newest_first_and_a_broken_file_is_a_row_with_its_first_error(
    folder: Path,
) -> None:
    calls: list[tuple[int, int]] = []
    index = MemoryIndex()
    result = index.refresh(
        scan([str(folder)]).paths, lambda done, total: calls.append((done, total))
    )
    assert (result.added, result.failed) == (5, 1)
    assert calls[-1] == (5, 5)
    rows = index.entries()
    assert rows.held == 5  # every row is listed
    assert [row.title for row in rows[:4]] == [
        "Glacier survey finds faster melting",
        "Farmers return to the market square",
        "Rail strike ends after a week",
        "Port authority signs the harbour deal",
    ]
    glacier = rows[0]
    assert (glacier.location, glacier.source, glacier.tags) == (
        "Tromso, Norway",
        "Polar Notes",
        ("Norway", "climate", "science"),
    )
    assert (glacier.points, glacier.quotes, glacier.blocks) == (1, 1, 3)
    broken = rows[-1]
    assert broken.failed and broken.title == "broken-indent.yaml"
    assert broken.problem is not None and broken.problem.startswith("8:1: tab character")


def test_a_refresh_reads_only_what_changed_and_forgets_what_is_gone(folder: Path) -> None:
    index = refreshed(folder)
    market = folder / "market-day.yaml"
    market.write_text(market.read_text().replace("Farmers return", "Farmers come back"))
    os.utime(market, ns=(1, 1))  # a new modification time, whatever the clock's resolution
    (folder / "glacier-survey.yaml").unlink()
    result = index.refresh(scan([str(folder)]).paths)
    assert (result.added, result.changed, result.removed, result.unchanged) == (0, 1, 1, 3)
    titles = [row.title for row in index.entries()]
    assert "Farmers come back to the market square" in titles
    assert "Glacier survey finds faster melting" not in titles


def test_search_needs_every_word_and_marks_them_in_the_snippet(folder: Path) -> None:
    hits = refreshed(folder).search("night pay")
    assert {hit.title for hit in hits} == {"Rail strike ends after a week"}
    for hit in hits:
        marked = {hit.snippet[start:end].lower() for start, end in hit.marks}
        assert marked == {"night", "pay"}, hit


def test_a_word_after_a_minus_leaves_out_the_passages_holding_it(folder: Path) -> None:
    index = refreshed(folder)
    night = {(hit.title, hit.kind) for hit in index.search("night")}
    with_pay = {(hit.title, hit.kind) for hit in index.search("night pay")}
    assert with_pay and night - with_pay
    assert {(hit.title, hit.kind) for hit in index.search("night -pay")} == night - with_pay
    assert index.search("-night") == []


def test_a_prefix_matches_longer_words_and_titles_rank_first(folder: Path) -> None:
    hits = refreshed(folder).search("glaci*")
    assert hits[0].kind == "title"
    assert hits[0].snippet[slice(*hits[0].marks[0])] == "Glacier"
    assert {hit.kind for hit in hits} == {"title", "body"}


def test_a_body_hit_names_its_section_and_file_line(folder: Path) -> None:
    (hit,) = [hit for hit in refreshed(folder).search("cranes") if hit.kind == "body"]
    assert (hit.section, hit.heading) == ("reactions", "Reactions")
    lines = (folder / "2021" / "harbour-deal.yaml").read_text().splitlines()
    assert hit.line is not None and "cranes" in lines[hit.line - 1]


@pytest.mark.parametrize("query", ['"unclosed', "AND (", "*", "speaker:", "", "   ", ":::"])
def test_malformed_queries_never_raise(folder: Path, query: str) -> None:
    refreshed(folder).search(query)


def test_speakers_are_counted_across_the_library(folder: Path) -> None:
    index = refreshed(folder)
    speakers = {speaker.name: (speaker.quotes, speaker.briefings) for speaker in index.speakers()}
    assert speakers == {"Ana Ruiz": (2, 2), "Lars Berg": (1, 1)}
    assert index.speakers()[0].name == "Ana Ruiz"  # the most quoted first
    quotes = index.quotes_by("ana ruiz")
    assert [(hit.title, hit.snippet) for hit in quotes] == [
        ("Rail strike ends after a week", "raised night pay"),
        ("Port authority signs the harbour deal", "keeps the night shifts"),
    ]
    assert all(hit.kind == "quote" and hit.line for hit in quotes)


def test_close_forgets_everything(folder: Path) -> None:
    index = refreshed(folder)
    index.close()
    assert index.entries() == [] and index.search("night") == []
