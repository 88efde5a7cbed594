"""The team archive's stand-in: the local index takes over when the server stops answering."""

from __future__ import annotations

from pathlib import Path

from snapshot_apps import LIBRARY_PATH

from tui.library.fallback import FallbackIndex
from tui.library.index import ArchiveUnreachable
from tui.library.memory_index import MemoryIndex
from tui.library.scan import scan


class GoneArchive(MemoryIndex):
    """An archive whose server has gone away: every question fails."""

    def search(self, query: str, limit: int = 100, per_briefing: int = 3):  # type: ignore[no-untyped-def]
        raise ArchiveUnreachable("the archive cannot be reached")


def paths() -> list[str]:
    return scan([str(LIBRARY_PATH)]).paths


def test_without_a_screen_the_local_index_is_read_before_the_question() -> None:
    """The command line has no progress bar: the question waits for the files."""
    index = FallbackIndex(GoneArchive(), MemoryIndex, paths)
    hits = index.search("cranes")
    assert [Path(hit.path).name for hit in hits] == ["harbour-deal.yaml"]
    assert not index.on_archive
    assert index.notices == ["the archive cannot be reached; the local index is used instead"]


def test_with_a_screen_the_question_is_answered_at_once_and_the_screen_reads_the_files() -> None:
    """A local index of 200,000 files took minutes to build while the search said nothing:
    the screen that set ``turned`` reads the files itself, its progress shown."""
    local = MemoryIndex()
    index = FallbackIndex(GoneArchive(), lambda: local, paths)
    turns: list[bool] = []
    index.turned = lambda: turns.append(index.on_archive)
    assert index.search("cranes") == []  # (nothing read yet)
    assert turns == [False]  # once, with the local index already in place
    assert index.notices == ["the archive cannot be reached; the local index is used instead"]
    local.refresh(paths())  # (as the screen does)
    assert [Path(hit.path).name for hit in index.search("cranes")] == ["harbour-deal.yaml"]
    assert turns == [False]
