"""The library's SQLite index: ranking on a small fixed corpus, every query form, facets,
incremental refreshes, failed files, a damaged or foreign file, a read-only cache folder
and two processes refreshing at once."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import database

from tui.library import postgres_index
from tui.library.index import Hit, IndexUnavailable, LibraryIndex
from tui.library.postgres_index import PostgresIndex
from tui.library.scan import scan
from tui.library.sqlite_index import SqliteIndex, index_file, open_index

CORPUS = Path(__file__).parent / "data" / "library"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A copy of the fixed corpus, free to change."""
    return Path(shutil.copytree(CORPUS, tmp_path / "library"))


@pytest.fixture
def index(library: Path) -> Iterator[SqliteIndex]:
    opened = open_index([str(library)], fallback=False)
    opened.refresh(scan([str(library)]).paths)
    yield opened
    opened.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def shared(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LibraryIndex]:
    """The corpus indexed once, for the tests that only read: in SQLite, and in PostgreSQL
    (the same tests must pass on both)."""
    opened: LibraryIndex
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("shared")
        opened = SqliteIndex(folder / "index.sqlite")
        opened.refresh(scan([str(CORPUS)]).paths)
        yield opened
        opened.close()
        return
    server = request.getfixturevalue("postgres_server")
    with database(server) as url:
        writer = PostgresIndex(url, roots=[str(CORPUS)])
        writer.refresh(scan([str(CORPUS)]).paths)
        writer.close()
        opened = PostgresIndex(url, roots=[str(CORPUS)], read_only=True)
        yield opened
        opened.close()


def refresh(index: SqliteIndex, library: Path):
    return index.refresh(scan([str(library)]).paths)


def names(hits: list[Hit]) -> list[str]:
    return [Path(hit.path).name for hit in hits]


def test_it_is_a_library_index(shared: LibraryIndex) -> None:
    index: LibraryIndex = shared
    assert index.entries()


# -- rows -------------------------------------------------------------------------------


def test_entries_newest_first_with_the_failing_file_marked(shared: LibraryIndex) -> None:
    entries = shared.entries()
    assert [Path(entry.path).name for entry in entries] == [
        "energy-grid.yaml",
        "colombia-border.yaml",
        "blinken-bogota.yaml",
        "trade-summit.yaml",
        "acuerdo-de-paz.yaml",
        "harbour.yaml",
        "broken.yaml",
    ]
    assert shared.failures() == 1  # broken.yaml: what `briefing-tui index` reports
    assert entries.held == 7  # every row is listed
    border = entries[1]
    assert border.tags == ("Colombia", "Venezuela", "trade")
    assert (border.points, border.quotes, border.source) == (2, 1, "Example Wire")
    broken = entries[-1]
    assert broken.failed and broken.title == "broken.yaml"
    assert broken.problem is not None and broken.problem.startswith("4:9: YAML syntax")


def test_a_first_screenful_is_the_newest_rows_in_the_same_order(shared: LibraryIndex) -> None:
    """What the library shows at once, before the whole listing."""
    every = [entry.path for entry in shared.entries()]
    assert [entry.path for entry in shared.entries(3)] == every[:3]
    assert [entry.path for entry in shared.entries(100)] == every
    assert shared.entries(0) == []


# -- ranking ----------------------------------------------------------------------------


def test_a_title_ranks_above_a_quote_above_the_body(shared: LibraryIndex) -> None:
    hits = shared.search("colombia")
    kinds = [(hit.kind, Path(hit.path).name) for hit in hits]
    assert kinds[:3] == [
        ("title", "colombia-border.yaml"),
        ("quote", "blinken-bogota.yaml"),
        ("body", "blinken-bogota.yaml"),
    ]
    assert ("body", "energy-grid.yaml") in kinds[3:]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_a_body_hit_has_its_section_heading_and_line(shared: LibraryIndex) -> None:
    [hit] = shared.search('"peace talks"')
    assert (hit.kind, hit.section, hit.heading, hit.line) == (
        "body",
        "agreement",
        "The agreement",
        13,
    )
    start, end = hit.marks[0]
    assert hit.snippet[start:end] == "peace talks"
    assert "*" not in hit.snippet  # inline Markdown is not shown


def test_every_kind_of_result_is_dated_with_its_briefings_day(shared: LibraryIndex) -> None:
    """Results and a speaker's quotes say when each briefing was published (the screens
    and ``briefing-tui search`` show it); a briefing that does not say is undated."""
    day = {entry.path: (entry.published or "")[:10] or None for entry in shared.entries()}
    assert day[str(CORPUS / "blinken-bogota.yaml")] == "2021-10-20"
    searches = [shared.search(query) for query in ("colombia", "tag:colombia", "speaker:blinken")]
    quotes = shared.quotes_by(shared.speakers()[0].name)
    for hits in (*searches, quotes):
        assert hits
        assert [hit.published for hit in hits] == [day[hit.path] for hit in hits]
    assert any(hit.published is None for hit in shared.search("harbour"))  # (undated)


def test_a_section_heading_is_searched_and_opens_its_section(shared: LibraryIndex) -> None:
    """A word only in a heading found nothing, though the reader's own search finds it."""
    [hit] = shared.search("reaction")
    assert (hit.kind, hit.section, hit.heading, hit.path.endswith("colombia-border.yaml")) == (
        "body",
        "reaction",
        "Reaction",
        True,
    )
    start, end = hit.marks[0]
    assert hit.snippet[start:end] == "Reaction"


def test_a_quote_hit_names_its_speaker_and_line(shared: LibraryIndex) -> None:
    [hit] = shared.search("welcome reopening")
    assert hit.kind == "quote" and hit.line == 28 and hit.heading == "Reaction"
    assert hit.snippet == "Antony Blinken: We welcome the reopening of the border."
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["welcome", "reopening"]


def test_a_speakers_name_finds_their_quotes(shared: LibraryIndex) -> None:
    hits = shared.search("raimondo")
    assert {hit.kind for hit in hits} == {"quote"}
    assert sorted(names(hits)) == ["energy-grid.yaml", "trade-summit.yaml"]


def test_a_prefix_matches_every_ending(shared: LibraryIndex) -> None:
    hits = shared.search("negoti*")
    texts = " ".join(hit.snippet[a:b] for hit in hits for a, b in hit.marks).lower()
    assert {"negotiating", "negotiation"} <= set(texts.split())
    assert "acuerdo-de-paz.yaml" not in names(hits)  # "negociación": another word
    assert names(shared.search("negoci*")) == ["acuerdo-de-paz.yaml"]


def test_spanish_matches_without_its_accents(shared: LibraryIndex) -> None:
    hits = shared.search("nacion")
    assert [(hit.kind, hit.snippet) for hit in hits] == [
        ("title", "La nación celebra el acuerdo de paz")
    ]
    assert shared.search("NACIÓN") == hits
    assert names(shared.search("votación amplia")) == ["acuerdo-de-paz.yaml"]


def test_or_between_words(shared: LibraryIndex) -> None:
    assert set(names(shared.search("tariffs OR generosity"))) == {
        "trade-summit.yaml",
        "blinken-bogota.yaml",
    }


def test_a_word_after_a_minus_leaves_out_the_passages_holding_it(shared: LibraryIndex) -> None:
    def found(query: str) -> set[tuple[str, str]]:
        return {(Path(hit.path).name, hit.kind) for hit in shared.search(query)}

    trade = {
        ("trade-summit.yaml", "title"),
        ("trade-summit.yaml", "quote"),
        ("blinken-bogota.yaml", "body"),
    }
    assert found("trade") == trade
    assert found("trade -tariffs") == trade - {("trade-summit.yaml", "title")}
    assert found("trade NOT tariffs") == found("trade -tariffs")
    assert found("trade -tariffs -workers") == {("blinken-bogota.yaml", "body")}
    assert found('peace -"peace talks"') == {("blinken-bogota.yaml", "body")}
    assert found("peace -talk*") == set()
    assert shared.search("-trade") == []


def test_a_word_nowhere_finds_nothing(shared: LibraryIndex) -> None:
    assert shared.search("zeppelin") == []
    assert shared.search("") == []
    assert shared.search("AND (") == []


# -- filters ----------------------------------------------------------------------------


def test_filters_alone_list_the_briefings_newest_first(shared: LibraryIndex) -> None:
    hits = shared.search("tag:colombia")
    assert names(hits) == ["colombia-border.yaml", "blinken-bogota.yaml", "acuerdo-de-paz.yaml"]
    assert {hit.kind for hit in hits} == {"title"}
    assert names(shared.search("source:wire")) == ["colombia-border.yaml", "trade-summit.yaml"]
    assert names(shared.search("title:paz")) == ["acuerdo-de-paz.yaml"]


def test_a_speaker_alone_lists_their_quotes(shared: LibraryIndex) -> None:
    hits = shared.search("speaker:blinken")
    assert [(hit.kind, Path(hit.path).name) for hit in hits] == [
        ("quote", "colombia-border.yaml"),
        ("quote", "blinken-bogota.yaml"),
        ("quote", "trade-summit.yaml"),
    ]
    # Named, the name asked for marked: speaker:wei may be several people.
    assert hits[0].snippet == "Antony Blinken: We welcome the reopening of the border."
    [(start, end)] = hits[0].marks
    assert hits[0].snippet[start:end] == "Blinken"


def test_dates_bound_the_briefings(shared: LibraryIndex) -> None:
    assert names(shared.search("after:2022")) == ["energy-grid.yaml", "colombia-border.yaml"]
    assert names(shared.search("before:2020-05-05")) == ["acuerdo-de-paz.yaml"]
    assert names(shared.search("after:2020-05-05 before:2021-12")) == [
        "blinken-bogota.yaml",
        "trade-summit.yaml",
    ]


def test_words_and_two_filters_combine(shared: LibraryIndex) -> None:
    hits = shared.search("colombia tag:colombia after:2021-01-01")
    assert set(names(hits)) == {"colombia-border.yaml", "blinken-bogota.yaml"}
    assert names(shared.search("migrants speaker:blinken")) == ["blinken-bogota.yaml"] * 2
    assert shared.search("migrants speaker:raimondo") == []


def test_a_bad_filter_is_dropped_not_fatal(shared: LibraryIndex) -> None:
    assert shared.search("harbour after:someday") == shared.search("harbour")
    assert set(names(shared.search('speaker: "harbour'))) == {"harbour.yaml"}


def test_speaker_filters_match_one_quote_and_combine_with_the_others(shared: LibraryIndex) -> None:
    both = shared.search("speaker:antony speaker:blinken tag:colombia")
    assert [(hit.kind, Path(hit.path).name) for hit in both] == [
        ("quote", "colombia-border.yaml"),
        ("quote", "blinken-bogota.yaml"),
    ]
    assert shared.search("speaker:blinken speaker:duque") == []  # never the same quote
    assert names(shared.search("speaker:duque")) == ["blinken-bogota.yaml"]  # Iván, folded
    assert names(shared.search("speaker:raimondo before:2021")) == ["trade-summit.yaml"]
    hits = shared.search("border speaker:blinken source:wire after:2021")
    assert names(hits) == ["colombia-border.yaml"] * 2


def test_a_speaker_whose_quotes_all_left_matches_nothing(index: SqliteIndex, library: Path) -> None:
    (library / "energy-grid.yaml").unlink()
    (library / "trade-summit.yaml").unlink()
    refresh(index, library)
    assert index.search("speaker:raimondo") == []
    assert index.search("the speaker:raimondo") == []
    assert "Gina Raimondo" not in [speaker.name for speaker in index.speakers()]
    (library / "new.yaml").write_text(
        "title: Grid news\nsections:\n  - id: s\n    heading: H\n    body: Power lines.\n"
        "quotes:\n  - speaker: GINA RAIMONDO\n    section: s\n    text: Power lines.\n",
        encoding="utf-8",
    )
    refresh(index, library)
    assert [hit.snippet for hit in index.search("speaker:raimondo")] == [
        "GINA RAIMONDO: Power lines."
    ]


def test_the_limit_is_kept(shared: LibraryIndex) -> None:
    assert len(shared.search("the", limit=2)) == 2
    assert shared.search("the", limit=0) == []


# -- speakers ---------------------------------------------------------------------------


def test_speakers_most_quoted_first(shared: LibraryIndex) -> None:
    assert [(s.name, s.quotes, s.briefings) for s in shared.speakers()] == [
        ("Antony Blinken", 3, 3),
        ("Gina Raimondo", 2, 2),
        ("Iván Duque", 1, 1),
        ("Juan Manuel Santos", 1, 1),
    ]


def test_quotes_by_a_speaker_newest_first(shared: LibraryIndex) -> None:
    hits = shared.quotes_by("Antony Blinken")
    assert names(hits) == ["colombia-border.yaml", "blinken-bogota.yaml", "trade-summit.yaml"]
    assert hits[1].snippet == "Colombia has shown remarkable generosity to migrants."
    assert (hits[1].section, hits[1].line) == ("migration", 22)
    assert shared.quotes_by("ivan duque")[0].snippet == "We need the support of our partners."
    assert shared.quotes_by("Nobody") == []


# -- hostile text -----------------------------------------------------------------------


def test_snippets_hold_no_control_characters(tmp_path: Path) -> None:
    library = tmp_path / "hostile"
    library.mkdir()
    (library / "h.yaml").write_text(
        'title: "Evil \\e]2;owned\\a title"\n'
        "sections:\n"
        "  - heading: H\n"
        '    body: "trap \\e[2J\\e]52;c;aGk=\\a\\u202e word\\r\\nnext \\x9b line"\n'
        "quotes:\n"
        '  - speaker: "Mal\\eory"\n'
        '    text: "trap \\x07 said"\n',
        encoding="utf-8",
    )
    index = SqliteIndex(tmp_path / "i.sqlite")
    assert index.refresh(scan([str(library)]).paths).failed == 0
    hits = index.search("trap") + index.search("evil") + index.quotes_by("Mal\x1bory")
    assert len(hits) >= 3
    for hit in hits:
        text = hit.snippet + hit.title
        assert not [char for char in text if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0]
        assert "\u202e" not in text
    index.close()


# -- refreshing ---------------------------------------------------------------------------


def test_a_second_refresh_reads_nothing(index: SqliteIndex, library: Path) -> None:
    again = refresh(index, library)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 7)


def test_a_refresh_reads_every_row_again_only_after_another_writer(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading 10,000 rows to compare their files is most of a re-index after one change:
    a refresh keeps them from the last one, unless another process wrote since."""
    statements: list[str] = []
    connect = SqliteIndex._connect

    def traced(self: SqliteIndex) -> sqlite3.Connection:
        connection = connect(self)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(SqliteIndex, "_connect", traced)

    def rows_read() -> int:
        return sum(statement.startswith("SELECT path, id, size") for statement in statements)

    index = SqliteIndex(tmp_path / "i.sqlite")
    other = SqliteIndex(tmp_path / "i.sqlite")  # as another process would
    refresh(index, library)
    harbour = library / "harbour.yaml"
    harbour.write_text(harbour.read_text(encoding="utf-8") + "# one\n", encoding="utf-8")
    read = rows_read()
    assert refresh(index, library).changed == 1
    assert rows_read() == read  # fails when every refresh reads them again

    (library / "trade-summit.yaml").unlink()
    assert refresh(other, library).removed == 1
    harbour.write_text(harbour.read_text(encoding="utf-8") + "# two\n", encoding="utf-8")
    done = refresh(index, library)
    assert (done.added, done.changed, done.removed, done.unchanged) == (0, 1, 0, 5)
    assert index.search("tariffs") == [] and names(index.search("dredging")) == ["harbour.yaml"]
    assert [entry.path for entry in index.entries()] == [entry.path for entry in other.entries()]
    index.close()
    other.close()


def test_closing_does_not_wait_for_a_refresh_under_way(library: Path, tmp_path: Path) -> None:
    """Quitting the library during a first build closes the index at once; the refresh
    in its thread ends on its own (as the screen's does, its progress calls failing),
    its lock released before the lock file is closed."""
    import threading

    index = SqliteIndex(tmp_path / "i.sqlite")
    started, release = threading.Event(), threading.Event()

    def progress(done: int, total: int) -> None:
        started.set()
        release.wait(10)
        raise RuntimeError("the app has gone")

    errors: list[BaseException] = []

    def run() -> None:
        try:
            index.refresh(scan([str(library)]).paths, progress)
        except BaseException as error:  # what the thread ended with
            errors.append(error)

    refreshing = threading.Thread(target=run)
    refreshing.start()
    assert started.wait(10)
    closing = threading.Thread(target=index.close)
    closing.start()
    closing.join(5)
    closed = not closing.is_alive()
    release.set()
    refreshing.join(10)
    closing.join(10)
    assert closed and not refreshing.is_alive()
    assert [str(error) for error in errors] == ["the app has gone"]  # not a closed lock file
    assert index._writer is None and index._lock_file == -1  # let go as the refresh ended


def test_a_refresh_says_when_another_process_brought_the_index_up_to_date(
    index: SqliteIndex, library: Path
) -> None:
    """Two readers of one folder: the second finds nothing to read again once the first
    has, and must still show its rows again (they were listed before the change)."""
    other = SqliteIndex(index.file)
    try:
        assert not refresh(other, library).others  # (its first: nothing listed before it)
        assert not refresh(index, library).others
        (library / "harbour.yaml").write_text(
            (library / "harbour.yaml").read_text(encoding="utf-8").replace("Port", "Quay"),
            encoding="utf-8",
        )
        first = refresh(index, library)
        assert (first.changed, first.others) == (1, False)
        second = refresh(other, library)
        assert (second.changed, second.others) == (0, True)
        assert not refresh(other, library).others  # said once
        assert not refresh(index, library).others  # (a refresh that wrote nothing)
    finally:
        other.close()


def test_a_file_added_changed_and_deleted(index: SqliteIndex, library: Path) -> None:
    (library / "new.yaml").write_text(
        "title: Zeppelin fleet grounded\nsections:\n  - heading: H\n    body: Zeppelins.\n",
        encoding="utf-8",
    )
    harbour = library / "harbour.yaml"
    harbour.write_text(
        harbour.read_text(encoding="utf-8").replace("spring", "autumn"), encoding="utf-8"
    )
    (library / "trade-summit.yaml").unlink()
    done = refresh(index, library)
    assert (done.added, done.changed, done.removed, done.unchanged) == (1, 1, 1, 5)
    assert names(index.search("zeppelin")) == ["new.yaml"]
    assert names(index.search("autumn")) == ["harbour.yaml"]
    assert index.search("spring") == []
    assert index.search("tariffs") == []
    assert [s.name for s in index.speakers()].count("Gina Raimondo") == 1
    assert index.speakers()[1].quotes == 1  # Raimondo's Lima quote left with its file


def test_changed_files_keep_one_copy_of_their_passages(index: SqliteIndex, library: Path) -> None:
    before = [(hit.kind, hit.snippet) for hit in index.search("dredging OR welcome OR tariffs")]
    for round in range(3):  # each time the changed files' rows go, and come back with new ids
        for name in ("harbour.yaml", "trade-summit.yaml", "colombia-border.yaml"):
            path = library / name
            path.write_text(path.read_text(encoding="utf-8") + f"# {round}\n", encoding="utf-8")
        assert refresh(index, library).changed == 3
    after = [(hit.kind, hit.snippet) for hit in index.search("dredging OR welcome OR tariffs")]
    assert sorted(after) == sorted(before)
    assert len(index.speakers()) == len({speaker.name for speaker in index.speakers()})
    assert [hit.snippet for hit in index.search("speaker:raimondo tag:peru")] == [
        "Gina Raimondo: Trade rules must be fair to workers."
    ]


def test_a_change_of_mtime_alone_reads_the_file_again(index: SqliteIndex, library: Path) -> None:
    harbour = library / "harbour.yaml"
    info = harbour.stat()
    os.utime(harbour, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert refresh(index, library).changed == 1


def test_a_renamed_file_is_not_read_again(index: SqliteIndex, library: Path) -> None:
    before = [hit for hit in index.search("harbour")]
    (library / "harbour.yaml").rename(library / "es" / "puerto.yaml")
    done = refresh(index, library)
    assert (done.added, done.changed, done.removed, done.unchanged) == (0, 0, 0, 7)
    after = index.search("harbour")
    assert names(after) == ["puerto.yaml"] * len(before)
    assert str(library / "es" / "puerto.yaml") in [entry.path for entry in index.entries()]


def test_a_failed_file_is_read_again_when_fixed(index: SqliteIndex, library: Path) -> None:
    (library / "broken.yaml").write_text(
        "title: Fixed now\nsections:\n  - heading: H\n    body: Mended text.\n", encoding="utf-8"
    )
    done = refresh(index, library)
    assert (done.changed, done.failed) == (1, 0)
    [entry] = [entry for entry in index.entries() if entry.path.endswith("broken.yaml")]
    assert entry.title == "Fixed now" and not entry.failed
    assert names(index.search("mended")) == ["broken.yaml"]


def test_a_file_that_breaks_leaves_its_passages(index: SqliteIndex, library: Path) -> None:
    (library / "harbour.yaml").write_text("title: [\n", encoding="utf-8")
    assert refresh(index, library).failed == 1
    assert index.search("dredging") == []
    [entry] = [entry for entry in index.entries() if entry.path.endswith("harbour.yaml")]
    assert entry.failed and entry.problem and entry.problem.startswith("2:1:")


def test_an_unreadable_file_is_a_failed_row(index: SqliteIndex, library: Path) -> None:
    os.mkfifo(library / "fifo.yaml")  # not listed by the scan; given as a file, it is read
    assert index.refresh([*scan([str(library)]).paths, str(library / "fifo.yaml")]).failed == 1
    [entry] = [entry for entry in index.entries() if entry.path.endswith("fifo.yaml")]
    assert entry.failed and "FIFO" in (entry.problem or "")


def test_progress_is_reported(library: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    index = SqliteIndex(tmp_path / "i.sqlite")
    index.refresh(scan([str(library)]).paths, lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 7) and calls[-1] == (7, 7)
    index.close()


def test_the_parallel_first_build_gives_the_same_index(library: Path, tmp_path: Path) -> None:
    paths = scan([str(library)]).paths
    parallel = SqliteIndex(tmp_path / "p.sqlite", workers=2, parallel_from=1)
    serial = SqliteIndex(tmp_path / "s.sqlite", workers=1)
    assert parallel.refresh(paths).added == serial.refresh(paths).added == 7
    assert parallel.entries() == serial.entries()
    assert sorted(map(repr, parallel.search("colombia"))) == sorted(
        map(repr, serial.search("colombia"))
    )
    parallel.close()
    serial.close()


def test_the_parsing_processes_do_the_reading(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library import parsing, records

    def not_here(paths: object) -> object:
        raise AssertionError("read in the main process")

    monkeypatch.setattr(records, "read_records", not_here)
    paths = scan([str(library)]).paths
    records = [record for batch in parsing.read_all(paths, 2, 1) for record in batch]
    assert sorted(record.path for record in records) == sorted(paths)


def test_the_parsing_processes_yield_to_the_writer_and_the_screen() -> None:
    """A first build's parsing runs at a lower priority: the index's writer and the library
    screen (this process) get a core whenever they have work."""
    from tui.library import parsing, worker

    process = parsing._start_worker()
    try:
        assert process.stdout is not None and process.stdin is not None
        worker.send(process.stdin, [])  # answered once the process is serving
        assert worker.receive(process.stdout) == []
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == min(19, ours + worker.NICENESS)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)


def test_the_parsing_processes_stat_the_files_and_leave_out_those_gone(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library import parsing

    paths = scan([str(library)]).paths
    gone = library / "gone.yaml"
    expected = {path: (os.stat(path).st_size, os.stat(path).st_mtime_ns) for path in paths}

    def not_here(paths: object) -> object:
        raise AssertionError("stat'ed in the main process")

    monkeypatch.setattr(parsing, "stat_each", not_here)
    monkeypatch.setattr(parsing, "STAT_BATCH", 2)
    assert parsing.stat_all([*paths, str(gone)], 2, 1) == expected


def test_files_are_stat_ed_here_when_no_process_starts(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library import parsing

    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    paths = scan([str(library)]).paths
    assert parsing.stat_all(paths, 2, 1) == parsing.stat_all(paths, 1)
    assert len(parsing.stat_all(paths, 2, 1)) == 7


def test_files_are_read_here_when_no_process_starts(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    index = SqliteIndex(tmp_path / "i.sqlite", workers=2, parallel_from=1)
    assert refresh(index, library).added == 7
    index.close()


def test_a_program_read_from_stdin_can_build_in_parallel(library: Path, tmp_path: Path) -> None:
    script = (
        "from tui.library.parsing import read_all\n"
        "from tui.library.scan import scan\n"
        f"paths = scan([{str(library)!r}]).paths\n"
        "print(sum(len(batch) for batch in read_all(paths, 2, 1)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "7\n", "")


# -- the index file ---------------------------------------------------------------------


def test_one_index_per_library_in_the_cache_folder(private_cache: Path, library: Path) -> None:
    first = index_file([str(library)])
    assert first.parent.parent == private_cache
    assert index_file([str(library) + "/"]) == first
    assert index_file([str(library / "es")]) != first


def test_indexes_not_opened_for_two_months_are_removed(library: Path) -> None:
    """Each list of files has its own index: those never asked for again do not pile up."""
    from tui.library.cache_prune import UNUSED_DAYS

    long_ago = time.time() - (UNUSED_DAYS + 1) * 86_400
    lately = time.time() - (UNUSED_DAYS - 1) * 86_400
    named = {"old": [str(library / "es")], "recent": [str(library / "harbour.yaml")]}
    old, recent = index_file(named["old"]), index_file(named["recent"])
    for arguments in named.values():
        open_index(arguments).close()
    files = {each: [*each.parent.glob(each.name + "*")] for each in (old, recent)}
    assert all(files.values())
    for each, when in ((old, long_ago), (recent, lately)):
        for part in files[each]:
            os.utime(part, (when, when))
    kept = index_file([str(library)])

    index = open_index([str(library)])
    assert not [*old.parent.glob(old.name + "*")]
    assert sorted(recent.parent.glob(recent.name + "*")) == sorted(files[recent])
    assert kept.exists()
    index.close()
    # Opening a library marks its index as used: a month later it is still there.
    open_index(named["recent"]).close()
    assert remove_unused_later(recent.parent, days=UNUSED_DAYS - 1) == []


def remove_unused_later(folder: Path, days: int) -> list[Path]:
    """What a library opened ``days`` days from now would remove."""
    from tui.library.cache_prune import remove_unused

    return remove_unused(folder, keep=folder / "none", now=time.time() + days * 86_400)


def test_a_corrupt_index_is_set_aside_and_rebuilt(library: Path) -> None:
    file = index_file([str(library)])
    file.parent.mkdir(parents=True)
    file.write_bytes(b"this is no database" * 300)
    index = open_index([str(library)], fallback=False)
    assert index.notices == [
        f"The library's index was damaged; set aside as {file.name}.bad; it is built again."
    ]
    assert refresh(index, library).added == 7
    assert file.with_name(file.name + ".bad").read_bytes().startswith(b"this is no database")
    index.close()


def test_an_index_damaged_inside_is_rebuilt_at_the_refresh(
    index: SqliteIndex, library: Path
) -> None:
    index.close()
    with sqlite3.connect(index.file) as connection:  # the FTS5 table loses its data
        connection.execute("DELETE FROM fts_data")
    reopened = SqliteIndex(index.file)
    with pytest.raises(IndexUnavailable, match="damaged; it is built again at the next refresh"):
        reopened.search("harbour")
    assert refresh(reopened, library).added == 7
    assert reopened.notices == [
        f"The library's index was damaged; set aside as {index.file.name}.bad; it is built again."
    ]
    assert names(reopened.search("dredging")) == ["harbour.yaml"]
    reopened.close()


def test_damage_found_by_a_refresh_rebuilds(index: SqliteIndex, library: Path) -> None:
    index.close()
    with sqlite3.connect(index.file) as connection:
        connection.execute("DELETE FROM fts_data")
    reopened = SqliteIndex(index.file)
    assert refresh(reopened, library).added == 7
    assert "damaged" in reopened.notices[0]
    assert names(reopened.search("dredging")) == ["harbour.yaml"]
    reopened.close()


def test_a_foreign_database_is_set_aside(library: Path) -> None:
    file = index_file([str(library)])
    file.parent.mkdir(parents=True)
    with sqlite3.connect(file) as connection:
        connection.execute("CREATE TABLE mine (x)")
    index = open_index([str(library)], fallback=False)
    assert "was not a briefing-tui index" in index.notices[0]
    assert refresh(index, library).added == 7
    index.close()


def test_an_index_of_another_version_is_rebuilt(index: SqliteIndex, library: Path) -> None:
    index.close()
    with sqlite3.connect(index.file) as connection:
        connection.execute("PRAGMA user_version = 999")
    again = SqliteIndex(index.file)
    assert again.notices == ["The library's index was made by another version; it is built again."]
    assert refresh(again, library).added == 7
    again.close()


def test_a_cache_folder_that_cannot_be_written(
    private_cache: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = private_cache.parent / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_TUI_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(IndexUnavailable, match=r"the index cannot be kept in .*a-file/cache"):
        open_index([str(library)], fallback=False)
    index = open_index([str(library)])
    assert index.temporary
    assert index.notices[0].endswith("the index is kept only until the program ends")
    assert refresh(index, library).added == 7
    assert names(index.search("dredging")) == ["harbour.yaml"]
    folder = index.file.parent
    index.close()
    assert not folder.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder(private_cache: Path, library: Path) -> None:
    private_cache.mkdir(parents=True, exist_ok=True)
    private_cache.chmod(0o555)
    try:
        with pytest.raises(IndexUnavailable):
            open_index([str(library)], fallback=False)
        assert open_index([str(library)]).temporary
    finally:
        private_cache.chmod(0o755)


REFRESHING = """
import sys
from tui.library.scan import scan
from tui.library.sqlite_index import open_index
index = open_index([sys.argv[1]], fallback=False)
done = index.refresh(scan([sys.argv[1]]).paths)
print(done.added + done.unchanged, len(index.entries()), len(index.search("zeppelin", 1000)))
"""


def test_two_processes_refreshing_at_once(tmp_path: Path, private_cache: Path) -> None:
    library = tmp_path / "many"
    library.mkdir()
    for number in range(60):
        (library / f"b{number:03}.yaml").write_text(
            f"title: Zeppelin {number}\nsections:\n  - heading: H\n    body: Airship {number}.\n",
            encoding="utf-8",
        )
    environment = {**os.environ, "BRIEFING_TUI_CACHE_DIR": str(private_cache)}
    command = [sys.executable, "-c", REFRESHING, str(library)]
    runs = [
        subprocess.Popen(
            command,
            env=environment,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err
        assert out.split() == ["60", "60", "60"], err


def _write_many(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    for number in range(count):
        (folder / f"b{number:04}.yaml").write_text(
            f"title: Briefing {number}\ntags: [t{number % 7}]\nsections:\n"
            f"  - heading: H\n    body: Words of briefing {number}, and more words.\n"
            "quotes:\n  - speaker: Ana Gomez\n    text: Words.\n",
            encoding="utf-8",
        )
    return scan([str(folder)]).paths


def test_a_build_grows_near_linearly_with_the_files(tmp_path: Path) -> None:
    """Four times the files take about four times the CPU (16 times would be quadratic)."""
    import time

    runs = iter(range(100))

    def build(count: int) -> float:
        run = next(runs)
        paths = _write_many(tmp_path / f"lib{run}", count)
        index = SqliteIndex(tmp_path / f"i{run}.sqlite", workers=1)
        start = time.process_time()
        index.refresh(paths)
        index.refresh(paths)
        index.search("words tag:t3")
        index.close()
        return time.process_time() - start

    build(10)  # imports and first-use costs out of the way
    small, large = build(60), build(240)
    if large > 8 * small:  # measured once more before failing: a busy machine is noisy
        small, large = build(60), build(240)
    assert large <= 8 * small, (small, large)


def test_an_index_deleted_while_open_is_built_again(index: SqliteIndex, library: Path) -> None:
    assert index.search("dredging")
    index.file.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{index.file}{suffix}").unlink(missing_ok=True)
    assert index.search("dredging") == []  # a new, empty index until the refresh
    assert refresh(index, library).added == 7
    assert names(index.search("dredging")) == ["harbour.yaml"]


def test_a_refresh_waiting_for_another_writer_says_so_then_goes_on(library: Path) -> None:
    """A second reader started while the first built the index showed a still progress bar,
    with nothing said, until the first was through."""
    import fcntl
    import threading

    index = SqliteIndex(library.parent / "index.sqlite")
    said: list[tuple[int, int]] = []
    waiting = threading.Event()

    def progress(done: int, total: int) -> None:
        said.append((done, total))
        if said.count((0, 0)) == 2:  # said again while it waits (the screen lists meanwhile)
            waiting.set()

    with open(f"{index.file}.lock", "a") as other:  # another process's lock, as flock sees it
        fcntl.flock(other, fcntl.LOCK_EX)
        refreshing = threading.Thread(
            target=lambda: index.refresh(scan([str(library)]).paths, progress)
        )
        refreshing.start()
        assert waiting.wait(10)
        assert set(said) == {(0, 0)}  # nothing read while the other writes
        fcntl.flock(other, fcntl.LOCK_UN)
    refreshing.join(10)
    assert not refreshing.is_alive()
    assert said[-1][0] == said[-1][1] > 0
    assert len(index.entries()) == len(scan([str(library)]).paths)
    index.close()


def test_an_index_rebuilt_by_another_process_is_read_anew(library: Path) -> None:
    first = open_index([str(library)], fallback=False)
    refresh(first, library)
    assert first.search("dredging")
    first.file.with_name("x").write_bytes(b"garbage" * 100)
    os.replace(first.file.with_name("x"), first.file)  # damaged, as another process sees it
    second = open_index([str(library)], fallback=False)
    assert "damaged" in second.notices[0]
    refresh(second, library)
    (library / "harbour.yaml").write_text(
        "title: Harbour reopened\nsections:\n  - heading: H\n    body: Ships again.\n",
        encoding="utf-8",
    )
    refresh(second, library)
    assert names(first.search("ships")) == ["harbour.yaml"]  # the first reads the new file
    first.close()
    second.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres", "memory"])
def test_a_long_briefing_does_not_fill_the_results(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A transcript whose 300 paragraphs all said "tariffs" took all 100 results: the other
    briefings that said it could not be reached. Three passages a briefing, its best."""
    from tui.library.memory_index import MemoryIndex

    folder = tmp_path / "library"
    folder.mkdir()
    sections = "".join(
        f"  - heading: Part {n}\n    body: Tariffs came up again, as in part {n - 1}.\n"
        for n in range(300)
    )
    (folder / "transcript.yaml").write_text(
        f"title: A long hearing\nsections:\n{sections}", encoding="utf-8"
    )
    for n in range(5):
        (folder / f"trade-{n}.yaml").write_text(
            f"title: Trade note {n}\nsections:\n  - heading: H\n    body: Tariffs rise.\n",
            encoding="utf-8",
        )
    paths = scan([str(folder)]).paths
    index: LibraryIndex
    if backend == "memory":
        index = MemoryIndex()
        index.refresh(paths)
        found = index.search("tariffs")
        everything = index.search("tariffs", limit=1000, per_briefing=0)
    elif backend == "sqlite":
        index = SqliteIndex(tmp_path / "index.sqlite")
        index.refresh(paths)
        found = index.search("tariffs")
        everything = index.search("tariffs", limit=1000, per_briefing=0)
        index.close()
    else:  # (its newest 100 matches ranked: the transcript's 300 took them all)
        request.getfixturevalue("monkeypatch").setattr(postgres_index, "RANKED", 100)
        server = request.getfixturevalue("postgres_server")
        with database(server) as url:
            writer = PostgresIndex(url, roots=[str(folder)])
            writer.refresh(paths)
            found = writer.search("tariffs")
            everything = writer.search("tariffs", limit=1000, per_briefing=0)
            writer.close()
    counted = {name: names(found).count(name) for name in set(names(found))}
    assert counted == {"transcript.yaml": 3, **{f"trade-{n}.yaml": 1 for n in range(5)}}
    assert len(everything) == (100 if backend == "postgres" else 305)  # (0: all it ranks)
