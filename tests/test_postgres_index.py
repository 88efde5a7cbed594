"""The library's index on PostgreSQL: the same answers as the SQLite index on a fixed corpus,
stemming by the briefing's language, incremental refreshes within roots, two indexers and a
reader at once, a lost connection, an unreachable server, hostile text, the schema's version.

Every test runs against a real server (a throwaway cluster unless
``BRIEFING_TUI_TEST_POSTGRES`` names one); each gets a new database.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import database, terminate

from tui.library import postgres_index
from tui.library.index import Hit, IndexUnavailable, LibraryIndex, Speaker
from tui.library.postgres_index import PostgresIndex, tsquery_text
from tui.library.query import fold, parse
from tui.library.scan import scan
from tui.library.sqlite_index import SqliteIndex

psycopg = pytest.importorskip("psycopg", reason="psycopg (briefing-tui[postgres]) is not installed")

CORPUS = Path(__file__).parent / "data" / "library"


def names(hits: list[Hit]) -> list[str]:
    return [Path(hit.path).name for hit in hits]


def build(url: str, folder: Path, **options: object) -> PostgresIndex:
    index = PostgresIndex(url, roots=[str(folder)], **options)  # type: ignore[arg-type]
    index.refresh(scan([str(folder)]).paths)
    return index


@pytest.fixture(scope="module")
def both(
    postgres_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[SqliteIndex, PostgresIndex]]:
    """The fixed corpus in SQLite and in PostgreSQL (a reader's index), built once."""
    sqlite = SqliteIndex(tmp_path_factory.mktemp("both") / "index.sqlite")
    sqlite.refresh(scan([str(CORPUS)]).paths)
    with database(postgres_server) as url:
        build(url, CORPUS).close()
        postgres = PostgresIndex(url, roots=[str(CORPUS)], read_only=True)
        yield sqlite, postgres
        postgres.close()
    sqlite.close()


# -- the same answers -------------------------------------------------------------------

QUERIES = [
    "colombia",
    "COLOMBIA border",
    "bogota",
    "Bogotá",
    '"peace talks"',
    '"talks peace"',
    "negoti*",
    "negoci*",
    "neg*",
    "tariffs OR generosity",
    "zeppelin OR harbour",
    "welcome reopening",
    "raimondo",
    "antony",
    "the",
    "cargo traffic",
    "speaker:blinken",
    "speaker:raimondo trade",
    "speaker:duque",
    "speaker:nobody",
    "tag:colombia",
    "tag:trade border",
    "tag:nothing",
    "source:wire",
    "source:example border",
    "title:paz",
    "title:border colombia",
    "after:2022",
    "before:2020-05-05",
    "after:2020-05-05 before:2021-12",
    "colombia after:2021-01-01 tag:colombia",
    "migrants speaker:blinken",
    "harbour after:someday",
    '"',
    '""',
    "AND (",
    "OR",
    "speaker:",
    "after:soon",
    "tag:",
    "*",
    "a*",
    "NOT colombia",
    "colombia NEAR border",
    "'; DROP TABLE briefing_tui_briefings; --",
    "colombia:* & !border",
    "<-> | &",
]


def where(hits: list[Hit]) -> set[tuple[str, str, str | None, int | None]]:
    return {(Path(hit.path).name, hit.kind, hit.section, hit.line) for hit in hits}


@pytest.mark.parametrize("query", QUERIES)
def test_both_backends_answer_the_same(both: tuple[SqliteIndex, PostgresIndex], query: str) -> None:
    sqlite, postgres = both
    expected, found = sqlite.search(query, per_briefing=0), postgres.search(query, per_briefing=0)
    assert where(found) == where(expected)
    if len(expected) > 1 and expected[0].score > expected[1].score * 1.5:  # a clear winner
        assert where(found[:1]) == where(expected[:1])
    # At most three passages of a briefing (which three is each ranking's own choice).
    capped = Counter(Path(hit.path).name for hit in postgres.search(query))
    assert capped == Counter(Path(hit.path).name for hit in sqlite.search(query))
    assert max(capped.values(), default=0) <= 3


def test_both_backends_list_the_same_rows_and_speakers(
    both: tuple[SqliteIndex, PostgresIndex],
) -> None:
    sqlite, postgres = both
    assert postgres.entries() == sqlite.entries()
    assert postgres.speakers() == sqlite.speakers()
    for speaker in sqlite.speakers():
        assert postgres.quotes_by(speaker.name) == sqlite.quotes_by(speaker.name)


def test_the_tsquery_holds_only_words_and_operators() -> None:
    text = tsquery_text(parse('a:b "c d" e* OR f! \' & | <-> (g)').clauses)
    assert text == "((a <-> b)) & ((c <-> d)) & ((e:*) | (f)) & ((g))"
    parsed = parse('a -b -"c d" NOT e*')
    assert tsquery_text(parsed.clauses, parsed.excluded) == "((a)) & !((b) | (c <-> d) | (e:*))"


def test_a_search_uses_the_gin_index(postgres_url: str, tmp_path: Path) -> None:
    library = Path(shutil.copytree(CORPUS, tmp_path / "library"))
    (library / "es" / "otra.yaml").write_text(
        "title: Otra\nlanguage: es\nsections:\n  - heading: H\n    body: Votaciones.\n",
        encoding="utf-8",
    )
    build(postgres_url, library).close()
    with psycopg.connect(postgres_url) as connection:
        configs = [row[0] for row in connection.execute("SELECT config FROM briefing_tui_configs")]
        # The plan of a large archive: 20,000 more briefings of other words, in the roots.
        connection.execute(
            "INSERT INTO briefing_tui_briefings (path, size, mtime_ns, hash, title, tags, points,"
            " quotes, blocks, config, day, title_fold, source_fold, speakers_fold)"
            " SELECT %s || '/gen/' || g || '.yaml', 0, 0, '', 'Filler ' || g, '{}', 0, 0, 0,"
            " 'briefing_simple', '2020-01-01', 'filler ' || g, 'wire ' || md5(g::text),"
            " 'speaker ' || md5(g::text)"
            " FROM generate_series(1, 20000) g",
            (str(library),),
        )
        connection.execute(
            "INSERT INTO briefing_tui_passages SELECT id, 0, 'title', NULL, NULL, NULL, NULL,"
            " NULL, title, '', 'more filler words', config,"
            " to_tsvector('briefing_simple', title || ' more filler words'), day"
            " FROM briefing_tui_briefings WHERE title LIKE 'Filler %%'"
        )
        for gin in postgres_index._GIN_INDEXES:  # as a refresh leaves them
            connection.execute("SELECT gin_clean_pending_list(%s::regclass)", (gin,))
        connection.commit()
        connection.execute("ANALYZE")
    assert sorted(configs) == ["briefing_simple", "briefing_spanish"]
    reader = PostgresIndex(postgres_url, roots=[str(library)], read_only=True)
    for query in ("peace talks", '"peace talks" OR votaciones after:2010'):
        plan = reader.explain(query)
        assert "BitmapOr" in plan, plan
        assert plan.count("Bitmap Index Scan on briefing_tui_passages_tsv") == 2, plan
    for query in ("negotiati*", "the", '"to be"', "talks negotia*"):  # as written, or in part
        plan = reader.explain(query)  # (the same in every configuration: one scan)
        assert "Bitmap Index Scan on briefing_tui_passages_tsv" in plan, plan
        assert "to_tsquery" not in plan and "Seq Scan" not in plan, plan
    for field, column in (("title", "title"), ("source", "source"), ("speaker", "speakers")):
        plan = reader.explain(f"filler {field}:border")  # the folded texts' trigram indexes
        assert "Seq Scan" not in plan, plan
        assert f"Bitmap Index Scan on briefing_tui_briefings_{column}_fold" in plan, plan
    assert names(reader.search("votaciones")) == ["otra.yaml"]
    assert names(reader.search('"peace talks"')) == ["colombia-border.yaml"]
    reader.close()


# -- languages --------------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_stemming_follows_the_briefings_language(postgres_url: str, tmp_path: Path) -> None:
    library = tmp_path / "library"
    write(
        library,
        "es.yaml",
        "title: Las votaciones del Congreso\nlanguage: es-CO\nsections:\n  - heading: H\n"
        "    body: Las políticas del acuerdo fueron aprobadas tras una larga negociación.\n",
    )
    write(
        library,
        "pt.yaml",
        "title: As negociações\nlanguage: pt\nsections:\n  - heading: H\n    body: Texto.\n",
    )
    write(
        library,
        "en.yaml",
        "title: Border talk\nlanguage: en\nsections:\n  - heading: H\n"
        "    body: The ministers talked about a café near the crossings.\n",
    )
    write(
        library,
        "none.yaml",
        "title: Talks without a language\nsections:\n  - heading: H\n    body: Votación.\n",
    )
    index = build(postgres_url, library)
    assert names(index.search("votación")) == ["es.yaml", "none.yaml"]  # the plural, stemmed
    assert names(index.search("politica")) == ["es.yaml"]  # another form, no accent
    assert names(index.search("POLÍTICAS acuerdos")) == ["es.yaml"]
    for query in ("negociaciones", "negociación", "negociacion", "larga negociaciones"):
        assert names(index.search(query)) == ["es.yaml"], query  # every form, either way
    assert names(index.search("negociação")) == ["pt.yaml"]  # the plural's stem
    assert names(index.search("largo OR zzz negociaciones OR xxx")) == ["es.yaml"]
    assert sorted(names(index.search("talks"))) == ["en.yaml", "en.yaml", "none.yaml"]
    assert names(index.search("cafe crossing")) == ["en.yaml"]
    assert names(index.search('"talks about a cafe"')) == ["en.yaml"]  # stop words kept apart
    [hit] = index.search("talk", limit=1)
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["talk"]
    [body] = [hit for hit in index.search("crossing") if hit.kind == "body"]
    assert [body.snippet[a:b] for a, b in body.marks] == ["crossings"]  # marked though stemmed
    assert {entry.language for entry in index.entries()} == {"es-CO", "en", "pt", None}
    index.close()


def languages(folder: Path) -> Path:
    """Briefings in English, Spanish and no language, with inflections and stop words."""
    write(
        folder,
        "en.yaml",
        "title: Peace negotiations resume\nlanguage: en\nsections:\n  - heading: H\n"
        "    body: To be or not to be, the envoys said after the talks on the negotiation.\n"
        "quotes:\n  - speaker: Envoy\n    text: We negotiated the happiest deal.\n",
    )
    write(
        folder,
        "es.yaml",
        "title: Las negociaciones de paz\nlanguage: es\nsections:\n  - heading: H\n"
        "    body: La negociación siguió; las votaciones del Congreso fueron aprobadas.\n",
    )
    write(
        folder,
        "none.yaml",
        "title: Negotiating without a language\nsections:\n  - heading: H\n"
        "    body: Whether to be there or not.\n",
    )
    return folder


def marked(hits: list[Hit]) -> set[tuple[str, str]]:
    return {(Path(hit.path).name, hit.snippet[a:b].lower()) for hit in hits for a, b in hit.marks}


def test_a_prefix_matches_the_words_as_written_in_every_language(
    postgres_url: str, tmp_path: Path
) -> None:
    index = build(postgres_url, languages(tmp_path / "library"))
    # "negotiation" is stemmed "negoti": the prefix means the letters as written.
    assert sorted(set(names(index.search("negotiati*")))) == ["en.yaml", "none.yaml"]
    assert marked(index.search("negotiatio*")) == {
        ("en.yaml", "negotiations"),
        ("en.yaml", "negotiation"),
    }
    assert sorted(set(names(index.search("negotiatio*")))) == ["en.yaml"]
    assert names(index.search("happies*")) == ["en.yaml"]  # "happiest", stemmed "happiest"
    assert names(index.search("peace negotiatio*")) == ["en.yaml"]
    assert marked(index.search("negociacio*")) == {  # unaccented, as written
        ("es.yaml", "negociación"),
        ("es.yaml", "negociaciones"),
    }
    assert names(index.search("votacio*")) == ["es.yaml"]  # "votaciones": stem "votacion"
    assert names(index.search("negotiationz*")) == []
    # Whole words keep their stemming.
    assert sorted(names(index.search("talk"))) == ["en.yaml"]
    assert sorted(set(names(index.search("negotiating")))) == ["en.yaml", "none.yaml"]
    assert names(index.search("negotiate")) == ["en.yaml", "en.yaml", "en.yaml"]
    index.close()


def test_a_query_of_stop_words_alone_finds_them_as_written(
    postgres_url: str, tmp_path: Path
) -> None:
    index = build(postgres_url, languages(tmp_path / "library"))
    for query in ("the", '"to be"', "to be", '"or not"'):
        found = index.search(query)
        assert "en.yaml" in names(found), query
        assert all(hit.marks for hit in found), query
    assert sorted(names(index.search('"to be"'))) == ["en.yaml", "none.yaml"]
    assert names(index.search('"be to"')) == []  # a phrase's order holds
    assert set(names(index.search("las"))) == {"es.yaml"}  # a Spanish stop word too
    # Beside other words, a stop word is left out, as before.
    assert names(index.search("the talks")) == ["en.yaml"]
    assert names(index.search('"talks on the negotiation"')) == ["en.yaml"]
    index.close()


def letters(text: str) -> list[str]:
    return [word for word in fold(text).replace("*", " ").split() if word.isalnum()]


def test_every_hit_marks_a_matched_word(
    both: tuple[SqliteIndex, PostgresIndex], postgres_url: str, tmp_path: Path
) -> None:
    """Whenever a query word's letters are in a hit's snippet, a word of it is marked; in
    Spanish, where a word may match only by the stem of its accented form, too."""
    _, archive = both
    spanish = build(postgres_url, languages(tmp_path / "library"))
    cases = [(archive, query) for query in QUERIES] + [
        (spanish, query)
        for query in (
            "negociaciones",
            "negociación",
            "negociacion",
            "negociaciones votación",
            "negociacio*",
            "paz OR votaciones",
            "siguio",
            "aprobada",
            "las",
        )
    ]
    for index, query in cases:
        words = letters(query)
        for hit in index.search(query):
            shown = fold(hit.snippet)
            stems = [word[:6] for word in words]
            if any(stem in shown for stem in stems):
                assert hit.marks, (query, hit.snippet)
    for query in ("negociaciones", "negociación"):
        assert marked(spanish.search(query)) == {
            ("es.yaml", "negociaciones"),
            ("es.yaml", "negociación"),
        }, query
    spanish.close()


# -- refreshing ---------------------------------------------------------------------------


def test_a_folder_missing_for_a_while_does_not_empty_the_archive(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unmounted folder (no file found) removed every row under it: at a million
    briefings, an hour to load them again. Many missing files are kept unless --prune."""
    monkeypatch.setattr(postgres_index, "KEEP_MISSING_FROM", 3)
    library = Path(shutil.copytree(CORPUS, tmp_path / "library"))
    index = build(postgres_url, library)
    for path in library.glob("*.yaml"):  # all but the subfolder's one
        path.unlink()
    kept = index.refresh(scan([str(library)]).paths)
    assert (kept.removed, kept.unchanged) == (0, 1)
    assert index.notices[-1].startswith("6 of the archive's 7 briefings under the folders given")
    assert index.notices[-1].endswith("briefing-tui index --prune removes them")
    assert len(index.entries()) == 7
    index.close()
    pruning = PostgresIndex(postgres_url, roots=[str(library)], prune=True)
    pruned = pruning.refresh(scan([str(library)]).paths)
    assert (pruned.removed, pruned.unchanged) == (6, 1) and len(pruning.entries()) == 1
    pruning.close()


def test_a_refresh_adds_changes_and_deletes_within_its_roots(
    postgres_url: str, tmp_path: Path
) -> None:
    library = Path(shutil.copytree(CORPUS, tmp_path / "library"))
    other = tmp_path / "library-old"  # a sibling whose name starts like the root
    write(
        other,
        "elsewhere.yaml",
        "title: Zeppelin elsewhere\nsections:\n  - heading: H\n    body: B.\n",
    )
    build(postgres_url, other).close()
    index = build(postgres_url, library)
    again = index.refresh(scan([str(library)]).paths)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 7)

    write(
        library,
        "new.yaml",
        "title: Zeppelin fleet grounded\nsections:\n  - heading: H\n    body: B.\n",
    )
    harbour = library / "harbour.yaml"
    harbour.write_text(harbour.read_text(encoding="utf-8").replace("spring", "autumn"))
    (library / "trade-summit.yaml").unlink()
    calls: list[tuple[int, int]] = []
    done = index.refresh(scan([str(library)]).paths, lambda *call: calls.append(call))
    assert (done.added, done.changed, done.removed, done.unchanged) == (1, 1, 1, 5)
    assert calls == [(0, 2), (2, 2)]
    assert names(index.search("autumn")) == ["harbour.yaml"]
    assert index.search("spring") == index.search("tariffs") == []
    assert names(index.search("zeppelin")) == ["new.yaml"]  # the roots' rows only
    everything = PostgresIndex(postgres_url, read_only=True)
    assert sorted(names(everything.search("zeppelin"))) == ["elsewhere.yaml", "new.yaml"]
    everything.close()
    index.close()


def test_refreshes_one_after_another_never_wait_for_each_other(
    postgres_url: str, tmp_path: Path
) -> None:
    # A refresh lets go of the writer's lock before it returns: the next one, straight
    # after, does not find it held (and say that another indexer is running).
    library = Path(shutil.copytree(CORPUS, tmp_path / "library"))
    index = build(postgres_url, library)
    paths = scan([str(library)]).paths
    for _ in range(25):
        calls: list[tuple[int, int]] = []
        index.refresh(paths, lambda *call, calls=calls: calls.append(call))
        assert calls == [(0, 0)]  # nothing to do (a wait would add another (0, 0) first)
    assert not [notice for notice in index.notices if "another indexer" in notice]
    index.close()


def dated(folder: Path, count: int) -> Path:
    """``count`` briefings of a harvest, one a year from 2015, their files in that order."""
    for year in range(2015, 2015 + count):
        write(
            folder,
            f"{year}.yaml",
            f"title: Harvest report {year}\npublished: '{year}-09-01'\n"
            "sections:\n  - heading: Fields\n    body: Rain came late.\n",
        )
    return folder


def test_a_search_matching_more_than_it_ranks_ranks_the_newest(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files are loaded in path order, oldest first here: the cap must not keep the oldest.
    index = build(postgres_url, dated(tmp_path / "library", 6))
    monkeypatch.setattr(postgres_index, "RANKED", 3)
    assert sorted(names(index.search("harvest report"))) == ["2018.yaml", "2019.yaml", "2020.yaml"]
    assert sorted(names(index.search("harvest before:2017"))) == ["2015.yaml", "2016.yaml"]
    monkeypatch.setattr(postgres_index, "RANKED", 10)
    assert len(index.search("harvest")) == 6  # under the cap, every match
    index.close()


def test_a_large_archive_lists_its_newest_and_says_how_many_it_holds(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A million rows would take seconds to read (over the statement timeout) and hundreds
    # of MB: the library's table lists the newest, and a search finds the rest.
    build(postgres_url, dated(tmp_path / "other", 3)).close()  # outside the roots: not counted
    index = build(postgres_url, dated(tmp_path / "library", 6))
    index.notices.clear()
    monkeypatch.setattr(postgres_index, "LISTED", 4)
    entries = index.entries()
    listed = [Path(entry.path).name for entry in entries]
    assert listed == ["2020.yaml", "2019.yaml", "2018.yaml", "2017.yaml"]
    assert entries.held == 6  # what the library's header says: 4 of 6 briefings
    assert index.notices == [
        "the archive holds 6 briefings: the newest 4 are listed, and a search (/) finds any of them"
    ]
    assert index.entries().held == 6  # counted again: the archive may have grown
    assert len(index.notices) == 1  # said once, not at every refresh of the table
    assert "2015.yaml" in names(index.search("harvest before:2016"))
    monkeypatch.setattr(postgres_index, "LISTED", 6)
    entries = index.entries()
    assert (len(entries), entries.held) == (6, 6)
    index.close()


def gin_indexes(url: str) -> list[str]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gin%' ORDER BY 1"
        ).fetchall()
    return [name for (name,) in rows]


def test_a_first_load_makes_the_gin_indexes_after_the_rows(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = dated(tmp_path / "library", 6)
    monkeypatch.setattr(postgres_index, "BULK_FROM", 2)
    monkeypatch.setattr(postgres_index, "WRITE_BATCH", 2)
    reading = postgres_index.read_all
    during: list[list[str]] = []

    def interrupted(*arguments: Any) -> Iterator[Any]:
        for n, record in enumerate(record for records in reading(*arguments) for record in records):
            during.append(gin_indexes(postgres_url))
            yield [record]
            if n == 2:
                raise KeyboardInterrupt  # a first load stopped half way

    monkeypatch.setattr(postgres_index, "read_all", interrupted)
    index = PostgresIndex(postgres_url, roots=[str(library)], workers=1, parallel_from=100)
    with pytest.raises(KeyboardInterrupt):
        index.refresh(scan([str(library)]).paths)
    assert during and all(names == [] for names in during)  # not kept up row by row
    assert names(index.search("harvest"))  # what it wrote can be searched, without them
    monkeypatch.setattr(postgres_index, "read_all", reading)
    done = index.refresh(scan([str(library)]).paths)  # the next refresh makes them
    assert gin_indexes(postgres_url) == sorted(postgres_index._GIN_INDEXES)
    assert done.added + done.unchanged == 6
    assert sorted(names(index.search("harvest"))) == [f"{year}.yaml" for year in range(2015, 2021)]
    index.close()


def test_a_file_touched_without_change_is_not_read_again(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Path(shutil.copytree(CORPUS, tmp_path / "library"))
    index = build(postgres_url, library)
    harbour = library / "harbour.yaml"
    info = harbour.stat()
    os.utime(harbour, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    from tui.library import postgres_index

    read: list[str] = []
    real = postgres_index.read_all

    def reading(paths: list[str], *rest: object) -> object:
        read.extend(paths)
        return real(paths, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(postgres_index, "read_all", reading)
    done = index.refresh(scan([str(library)]).paths)
    assert (done.changed, done.unchanged, read) == (0, 7, [])
    harbour.write_text(harbour.read_text(encoding="utf-8").replace("spring", "summer"))
    os.utime(harbour, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))  # same stat
    assert index.refresh(scan([str(library)]).paths).changed == 0  # size and mtime as stored
    harbour.write_text(harbour.read_text(encoding="utf-8").replace("summer", "winter"))
    assert index.refresh(scan([str(library)]).paths).changed == 1
    assert read == [str(harbour)]
    assert names(index.search("winter")) == ["harbour.yaml"]
    index.close()


def test_a_reader_refreshes_nothing(postgres_url: str, tmp_path: Path) -> None:
    library = Path(shutil.copytree(CORPUS, tmp_path / "library"))
    build(postgres_url, library).close()
    (library / "harbour.yaml").unlink()
    reader = PostgresIndex(postgres_url, roots=[str(library)], read_only=True)
    done = reader.refresh(scan([str(library)]).paths)
    assert (done.added, done.changed, done.removed, done.unchanged) == (0, 0, 0, 7)
    assert names(reader.search("dredging")) == ["harbour.yaml"]
    reader.close()


def many(folder: Path, count: int) -> list[str]:
    for number in range(count):
        write(
            folder,
            f"b{number:03}.yaml",
            f"title: Zeppelin {number}\nsections:\n  - heading: H\n    body: Airship {number}.\n",
        )
    return scan([str(folder)]).paths


def test_two_indexers_and_a_reader_at_once(postgres_url: str, tmp_path: Path) -> None:
    library = tmp_path / "many"
    paths = many(library, 300)
    PostgresIndex(postgres_url).close()  # the schema, made once
    first = PostgresIndex(postgres_url, roots=[str(library)], workers=2, parallel_from=1)
    second = PostgresIndex(postgres_url, roots=[str(library)], workers=1)
    reader = PostgresIndex(postgres_url, roots=[str(library)], read_only=True)
    results: dict[str, object] = {}
    seen: list[int] = []
    writing = threading.Event()

    def run(name: str, index: PostgresIndex) -> None:
        try:
            results[name] = index.refresh(paths, lambda done, total: writing.set())
        except Exception as error:  # reported below
            results[name] = error

    threads = [threading.Thread(target=run, args=pair) for pair in (("1", first), ("2", second))]
    for thread in threads:
        thread.start()
    writing.wait(timeout=60)
    while any(thread.is_alive() for thread in threads):
        seen.append(len(reader.search("zeppelin", limit=1000)))
    for thread in threads:
        thread.join()
    done = [results["1"], results["2"]]
    assert all(not isinstance(result, Exception) for result in done), done
    assert sorted((r.added, r.unchanged) for r in done) == [(0, 300), (300, 0)]  # type: ignore[union-attr]
    assert "another indexer is running; waiting for it" in first.notices + second.notices
    assert seen == sorted(seen)  # the reader saw the archive grow, never an error
    assert len(reader.search("zeppelin", limit=1000)) == 300
    assert len(reader.entries()) == 300
    for index in (first, second, reader):
        index.close()


# -- connections ------------------------------------------------------------------------


def test_a_lost_connection_is_opened_again(
    postgres_url: str, postgres_server: str, tmp_path: Path
) -> None:
    build(postgres_url, CORPUS).close()
    reader = PostgresIndex(postgres_url, roots=[str(CORPUS)], read_only=True)
    first = reader.search("colombia")
    terminate(postgres_server, postgres_url)
    assert reader.search("colombia") == first
    assert reader.notices == ["the connection to the archive was lost; reconnected"]
    reader.close()


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://u:s3cret@/db?host={tmp_path}/nowhere&connect_timeout=2"
    with pytest.raises(IndexUnavailable) as raised:
        PostgresIndex(url, read_only=True)
    message = str(raised.value)
    assert "\n" not in message and "s3cret" not in message
    assert "postgresql://u:***@/db" in message
    with pytest.raises(IndexUnavailable) as raised:
        PostgresIndex(f"host={tmp_path}/nowhere user=u password=s3cret dbname=db")
    assert "s3cret" not in str(raised.value)


def test_a_server_gone_after_opening_is_unavailable_not_a_crash(
    postgres_url: str, postgres_server: str
) -> None:
    build(postgres_url, CORPUS).close()
    reader = PostgresIndex(postgres_url, roots=[str(CORPUS)], read_only=True)
    reader.url = reader.url.replace("host=", "host=/nonexistent", 1)  # where it reconnects
    terminate(postgres_server, postgres_url)
    with pytest.raises(IndexUnavailable, match="cannot be reached"):
        reader.search("colombia")
    reader.close()


def test_a_database_without_an_archive(postgres_url: str) -> None:
    with pytest.raises(IndexUnavailable, match="has no briefing-tui archive yet; build it with"):
        PostgresIndex(postgres_url, read_only=True)
    writer = PostgresIndex(postgres_url)
    assert writer.notices[0].startswith("made a new briefing-tui archive in")
    writer.close()
    PostgresIndex(postgres_url, read_only=True).close()


def test_an_archive_of_a_newer_version(postgres_url: str) -> None:
    PostgresIndex(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("UPDATE briefing_tui_schema SET version = 99")
    for read_only in (True, False):
        with pytest.raises(IndexUnavailable, match=r"newer briefing-tui \(schema 99"):
            PostgresIndex(postgres_url, read_only=read_only)


def as_schema_4(connection: psycopg.Connection[Any]) -> None:
    """The archive's tables as schema 4 made them: no speakers' counts."""
    connection.execute("DROP TABLE briefing_tui_speakers")
    connection.execute("UPDATE briefing_tui_schema SET version = 4")


SCHEMA_4_TO_5 = " (schema 4 to 5: the speakers view reads each speaker's counts)"


def test_an_archive_of_schema_4_is_migrated_by_a_writer(postgres_url: str, tmp_path: Path) -> None:
    library = Path(shutil.copytree(CORPUS, tmp_path / "library"))
    build(postgres_url, library).close()
    reader = PostgresIndex(postgres_url, roots=[str(library)], read_only=True)
    before = reader.speakers()
    reader.close()
    assert len(before) > 1
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        as_schema_4(connection)
    writer = PostgresIndex(postgres_url, roots=[str(library)])
    assert writer.notices == [f"brought the archive {writer._shown} up to date{SCHEMA_4_TO_5}"]
    assert writer.speakers() == before
    writer.close()


def test_the_speakers_counts_follow_changes_and_deletions(
    postgres_url: str, tmp_path: Path
) -> None:
    library = tmp_path / "library"

    def quoting(name: str, *speakers: str) -> None:
        quotes = "".join(f"  - speaker: {who}\n    text: Said so.\n" for who in speakers)
        write(
            library,
            f"{name}.yaml",
            f"title: {name}\nsections:\n  - heading: H\n    body: Text.\nquotes:\n{quotes}",
        )

    quoting("one", "Ana Pérez", "Ana Pérez", "Bo Li")
    quoting("two", "ANA PEREZ", "Cy Ode")
    index = build(postgres_url, library)
    assert index.speakers() == [
        Speaker("Ana Pérez", 3, 2), Speaker("Bo Li", 1, 1), Speaker("Cy Ode", 1, 1)
    ]  # fmt: skip
    quoting("one", "Bo Li", "Bo Li")  # Ana's quotes in one.yaml edited away
    (library / "two.yaml").unlink()
    index.refresh(scan([str(library)]).paths)
    assert index.speakers() == [Speaker("Bo Li", 2, 1)]  # and Cy's with two.yaml
    outside = PostgresIndex(postgres_url, roots=[str(library / "none")], read_only=True)
    assert outside.speakers() == []  # an archive with rows outside the roots: counted
    outside.close()
    index.close()


def as_schema_3(connection: psycopg.Connection[Any]) -> None:
    """The archive's tables as schema 3 made them: no briefing's speakers."""
    as_schema_4(connection)
    connection.execute("ALTER TABLE briefing_tui_briefings DROP COLUMN speakers_fold")
    connection.execute("UPDATE briefing_tui_schema SET version = 3")


SCHEMA_3_TO_4 = " (schema 3 to 4: a speaker: filter reads each briefing's speakers)"


def test_an_archive_of_schema_3_is_migrated_by_a_writer(postgres_url: str, tmp_path: Path) -> None:
    library = tmp_path / "library"
    for name, speakers in (("one", ["Ana Pérez", "Bo Li"]), ("two", ["Ana Gómez"]), ("three", [])):
        quotes = "".join(f"  - speaker: {who}\n    text: Talks went on.\n" for who in speakers)
        write(
            library,
            f"{name}.yaml",
            f"title: Talks {name}\nsections:\n  - heading: H\n    body: The talks.\n"
            + (f"quotes:\n{quotes}" if quotes else ""),
        )
    build(postgres_url, library).close()
    before = PostgresIndex(postgres_url, roots=[str(library)], read_only=True)
    asked = ["speaker:ana", "speaker:perez talks", "speaker:nobody", "talks speaker:ana speaker:li"]
    found = {query: names(before.search(query)) for query in asked}
    before.close()
    assert found == {
        "speaker:ana": ["one.yaml", "two.yaml"],
        "speaker:perez talks": ["one.yaml"] * 3,  # (of 4 passages: three a briefing)
        "speaker:nobody": [],
        "talks speaker:ana speaker:li": ["one.yaml"] * 3,
    }
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        as_schema_3(connection)
    writer = PostgresIndex(postgres_url, roots=[str(library)])
    assert writer.notices == [
        f"brought the archive {writer._shown} up to date{SCHEMA_3_TO_4}",
        f"brought the archive {writer._shown} up to date{SCHEMA_4_TO_5}",
    ]
    assert {query: names(writer.search(query)) for query in asked} == found
    assert writer.refresh(scan([str(library)]).paths).unchanged == 3
    writer.close()


def as_schema_2(connection: psycopg.Connection[Any]) -> None:
    """The archive's tables as schema 2 made them: no passage's day, no trigram index."""
    as_schema_3(connection)
    connection.execute(
        "DROP INDEX briefing_tui_briefings_title_fold, briefing_tui_briefings_source_fold,"
        " briefing_tui_passages_speaker_fold"
    )
    connection.execute("ALTER TABLE briefing_tui_passages DROP COLUMN day")
    connection.execute("UPDATE briefing_tui_schema SET version = 2")


def test_an_archive_of_schema_2_is_migrated_by_a_writer(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = dated(tmp_path / "library", 6)
    build(postgres_url, library).close()
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        as_schema_2(connection)
    with pytest.raises(IndexUnavailable, match=r"older schema \(2\); bring it up to date with"):
        PostgresIndex(postgres_url, read_only=True)
    writer = PostgresIndex(postgres_url, roots=[str(library)])
    assert writer.notices == [
        f"brought the archive {writer._shown} up to date"
        " (schema 2 to 3: the newest matches are ranked; filters use trigram indexes)",
        f"brought the archive {writer._shown} up to date{SCHEMA_3_TO_4}",
        f"brought the archive {writer._shown} up to date{SCHEMA_4_TO_5}",
    ]
    monkeypatch.setattr(postgres_index, "RANKED", 2)
    assert sorted(names(writer.search("harvest"))) == ["2019.yaml", "2020.yaml"]
    assert names(writer.search("title:harvest report 2016")) == ["2016.yaml"]
    assert writer.refresh(scan([str(library)]).paths).unchanged == 6
    writer.close()


def test_an_archive_of_the_older_schema_is_migrated_by_a_writer(
    postgres_url: str, tmp_path: Path
) -> None:
    library = languages(tmp_path / "library")
    build(postgres_url, library).close()
    with psycopg.connect(postgres_url, autocommit=True) as connection:  # as schema 1 made it
        connection.execute(
            "UPDATE briefing_tui_passages SET tsv = setweight(to_tsvector(config::regconfig,"
            " title), 'A') || setweight(to_tsvector(config::regconfig, text), 'D')"
        )
        as_schema_2(connection)
        connection.execute("UPDATE briefing_tui_schema SET version = 1")
    with pytest.raises(IndexUnavailable, match=r"older schema \(1\); bring it up to date with"):
        PostgresIndex(postgres_url, read_only=True)
    writer = PostgresIndex(postgres_url, roots=[str(library)])
    assert writer.notices == [
        f"brought the archive {writer._shown} up to date"
        " (schema 1 to 2: prefixes match the words as written)",
        f"brought the archive {writer._shown} up to date"
        " (schema 2 to 3: the newest matches are ranked; filters use trigram indexes)",
        f"brought the archive {writer._shown} up to date{SCHEMA_3_TO_4}",
        f"brought the archive {writer._shown} up to date{SCHEMA_4_TO_5}",
    ]
    writer.close()
    reader = PostgresIndex(postgres_url, roots=[str(library)], read_only=True)
    assert sorted(set(names(reader.search("negotiatio*")))) == ["en.yaml"]
    assert sorted(names(reader.search("talk"))) == ["en.yaml"]
    assert reader.refresh(scan([str(library)]).paths).unchanged == 3
    reader.close()


def test_without_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(IndexUnavailable, match=r"pip install 'briefing-tui\[postgres\]'"):
        PostgresIndex("postgresql:///x")


# -- hostile text -----------------------------------------------------------------------


def test_hostile_text_makes_safe_snippets_with_true_marks(
    postgres_url: str, tmp_path: Path
) -> None:
    library = tmp_path / "hostile"
    write(
        library,
        "h.yaml",
        'title: "Evil \\e]2;owned\\a title trap"\n'
        "sections:\n"
        "  - heading: H\n"
        '    body: "trap \\e[2J\\e]52;c;aGk=\\a\\u202e word\\r\\nnext \\x9b line'
        " \\ue000spoof\\ue001 and \\ue000x\\ue001 and \\ue001 x\\ue000"
        " '); DROP TABLE briefing_tui_passages; --\"\n"
        "quotes:\n"
        '  - speaker: "Mal\\eory"\n'
        '    text: "trap \\x07 said \\ue000"\n',
    )
    index = build(postgres_url, library)
    found = {query: index.search(query) for query in ("trap", "spoof", "drop table")}
    assert [len(hits) >= 1 for hits in found.values()] == [True] * 3
    others = [*index.quotes_by("Mal\x1bory"), *index.search("speaker:mal")]
    for hit in [*others, *(hit for hits in found.values() for hit in hits)]:
        text = hit.snippet + hit.title
        assert not [char for char in text if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0]
        assert "\u202e" not in text
    for query, hits in found.items():
        for hit in hits:
            assert not set(hit.snippet) & {"\ue000", "\ue001"}
            assert hit.marks
            assert {hit.snippet[a:b].lower() for a, b in hit.marks} == {query}
    index.close()


def test_it_is_a_library_index(postgres_url: str) -> None:
    index: LibraryIndex = build(postgres_url, CORPUS)
    assert len(index.entries()) == 7
    index.close()


def test_a_long_passage_is_cut_around_its_match(postgres_url: str, tmp_path: Path) -> None:
    words = " ".join(f"word{number}" for number in range(200))
    body = words.replace("word100", "needle", 1)
    library = tmp_path / "long"
    write(library, "long.yaml", f"title: Long\nsections:\n  - heading: H\n    body: {body}\n")
    index = build(postgres_url, library)
    [hit] = index.search("needle")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 240 and "\n" not in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["needle"]
    assert hit.snippet[1:].split()[0] in body.split()  # whole words, as in the text
    index.close()
