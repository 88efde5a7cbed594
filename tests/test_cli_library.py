"""``briefing-tui index`` and ``briefing-tui search``: their output and exit status."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

CORPUS = Path(__file__).parent / "data" / "library"
Capture = pytest.CaptureFixture[str]


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the corpus, as ``library`` under the current folder."""
    shutil.copytree(CORPUS, tmp_path / "library")
    monkeypatch.chdir(tmp_path)
    return "library"


def test_index_prints_a_summary(library: str, capsys: Capture) -> None:
    assert main(["index", library]) == 0
    out, err = capsys.readouterr()
    assert re.fullmatch(
        r"7 briefings: 7 added, 0 changed, 0 removed, 0 unchanged; 1 does not load; \d+\.\d\d s\n",
        out,
    )
    assert err == ""  # no progress line when stderr is not a terminal
    Path(library, "harbour.yaml").unlink()
    assert main(["index", library]) == 0
    assert capsys.readouterr().out.startswith(
        "6 briefings: 0 added, 0 changed, 1 removed, 6 unchanged; 1 does not load;"
    )


def test_index_shows_progress_on_a_terminal(
    library: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "isatty", lambda fd: fd == 2)
    assert main(["index", library]) == 0
    err = capsys.readouterr().err
    assert "\rindexing 7 of 7 files (100%)" in err
    # Then what the index does after the last file (minutes for an archive's first load).
    assert "\rfinishing the index (all 7 files read)…" in err
    assert err.endswith("\r\x1b[K")  # the line is cleared before the summary
    # What comes before (seconds, for a million files), each rewriting the line.
    assert err.index("\rfinding the briefing files…") < err.index("\rcomparing 7 files")


def test_a_file_name_that_is_not_utf8_is_left_out_with_a_notice_not_a_crash(
    library: str, capsys: Capture
) -> None:
    """One such name (an old archive, a Windows zip) made the whole folder an internal error."""
    odd = os.path.join(os.fsencode(library), b"caf\xe9.yaml")
    shutil.copy(os.path.join(library, "harbour.yaml"), odd)
    assert main(["index", library]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("7 briefings: 7 added")
    assert err == "briefing-tui: 1 file name is not valid UTF-8 and left out of the index\n"
    assert main(["search", library, "dredging"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("library/harbour.yaml:1: Harbour dredging delayed (title)\n")
    assert err == "briefing-tui: 1 file name is not valid UTF-8 and left out of the index\n"


@pytest.mark.parametrize("options", [[], ["--json"]])
def test_search_into_a_reader_that_stops_reading_is_no_error(
    library: str, tmp_path: Path, options: list[str]
) -> None:
    """``briefing-tui search DIR word | head -1`` ended in an internal error (BrokenPipeError)."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "tui", "search", library, "harbour", *options]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before a byte is read: every write fails
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert errors == b""


def test_a_search_the_index_cannot_answer_is_one_line_not_an_internal_error(
    library: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive's common word (``the``) over its statement timeout said "this is a bug"."""
    from tui.library.index import IndexUnavailable
    from tui.library.sqlite_index import SqliteIndex

    def too_long(self: object, query: str, limit: int = 100, per_briefing: int = 3) -> list[object]:
        raise IndexUnavailable("the archive took too long to answer (over 5 s)")

    monkeypatch.setattr(SqliteIndex, "search", too_long)
    assert main(["search", library, "the"]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", "briefing-tui: the archive took too long to answer (over 5 s)\n")


def test_an_empty_query_says_so(library: str, capsys: Capture) -> None:
    assert main(["search", library, " "]) == 1
    assert capsys.readouterr().err == (
        "briefing-tui: search: nothing to look for: give words, a phrase or a filter\n"
    )


def test_index_of_a_path_that_does_not_exist(library: str, capsys: Capture) -> None:
    assert main(["index", "missing"]) == 2
    assert capsys.readouterr().err == "briefing-tui: missing: no such file or folder\n"


def test_index_when_the_cache_cannot_be_written(
    library: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    Path("blocker").write_text("", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_TUI_CACHE_DIR", str(tmp_path / "blocker" / "cache"))
    assert main(["index", library]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing-tui: the index cannot be kept in ") and err.count("\n") == 1
    assert main(["search", library, "dredging"]) == 0  # search works without a kept index
    out, err = capsys.readouterr()
    assert "harbour.yaml" in out
    assert "the index is kept only until the program ends" in err


def test_search_prints_ranked_results(library: str, capsys: Capture) -> None:
    assert main(["search", library, "migrants speaker:blinken"]) == 0
    out, err = capsys.readouterr()
    assert out == (
        "library/blinken-bogota.yaml:22: Blinken visits Bogotá · 2021-10-20 › Migration (quote)\n"
        "    Antony Blinken: Colombia has shown remarkable generosity to migrants.\n"
        "library/blinken-bogota.yaml:18: Blinken visits Bogotá · 2021-10-20 › Migration (body)\n"
        "    Colombia hosts nearly two million Venezuelan migrants.\n"
    )
    assert err == ""


def test_search_marks_matches_only_on_a_terminal(
    library: str, capsys: Capture, stdout_is_a_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["search", library, "welcome"]) == 0
    assert "    Antony Blinken: We \x1b[1;31mwelcome\x1b[0m the" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["search", library, "welcome"]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_search_json_has_every_field(library: str, capsys: Capture) -> None:
    assert main(["search", library, '"peace talks"', "--json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["path"] == str(Path(library, "colombia-border.yaml").resolve())
    fields = ("title", "kind", "section", "heading", "line", "published")
    assert {key: hit[key] for key in fields} == {
        "title": "Colombia and Venezuela reopen the border",
        "kind": "body",
        "section": "agreement",
        "heading": "The agreement",
        "line": 13,
        "published": "2022-09-26",
    }
    [[start, end]] = hit["marks"]
    assert hit["snippet"][start:end] == "peace talks"
    assert hit["score"] > 0


def test_search_gives_the_line_of_a_point_a_heading_and_a_title(capsys: Capture) -> None:
    """Only the body's paragraphs and the quotes had a line: FILE: alone broke editors'
    FILE:LINE: jumps (quickfix lists) for the rest."""
    bundled = str(Path("content").resolve())
    assert main(["search", bundled, "guerrillas", "--json"]) == 0
    lines = {(hit["kind"], hit["line"]) for hit in json.loads(capsys.readouterr().out)}
    assert ("point", 90) in lines and ("body", 67) in lines
    assert main(["search", bundled, "title:mend", "--json"]) == 0
    [title] = json.loads(capsys.readouterr().out)
    assert (title["kind"], title["line"]) == ("title", 3)
    assert main(["search", bundled, "priorities", "--limit", "1"]) == 0
    assert "blinken-colombia.yaml:37: " in capsys.readouterr().out.splitlines()[0]


def test_search_limit(library: str, capsys: Capture) -> None:
    assert main(["search", library, "the", "--json", "--limit", "3"]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 3
    # (20 of 23 were printed without a word: the reader took them for all)
    assert err == "briefing-tui: search: more results than the 3 shown (--limit N for more)\n"
    assert main(["search", library, "the", "--json", "--limit", "1000"]) == 0
    out, err = capsys.readouterr()
    assert 3 < len(json.loads(out)) < 1000 and err == ""


def test_search_options_may_come_between_the_folder_and_the_query(
    library: str, capsys: Capture
) -> None:
    # (as `index DIR --db URL` writes them; argparse refused "unrecognized arguments: the")
    assert main(["search", library, "--limit", "2", "--json", "the"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_search_finding_nothing_exits_1(library: str, capsys: Capture) -> None:
    assert main(["search", library, "zeppelin"]) == 1
    assert capsys.readouterr() == ("", "")
    assert main(["search", library, "zeppelin", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_a_malformed_query_is_a_message_not_an_error(library: str, capsys: Capture) -> None:
    assert main(["search", library, 'harbour after:someday "']) == 0
    out, err = capsys.readouterr()
    assert "harbour.yaml" in out
    assert err == ("briefing-tui: search: after: wants a date like 2021-01-01, not 'someday'\n")
    assert main(["search", library, "AND ("]) == 1
    assert capsys.readouterr().err == (
        "briefing-tui: search: nothing to search for: no words in the query\n"
    )


def test_search_of_a_path_that_does_not_exist(library: str, capsys: Capture) -> None:
    assert main(["search", "missing", "x"]) == 2
    assert capsys.readouterr().err == "briefing-tui: missing: no such file or folder\n"


def test_search_usage_errors(library: str, capsys: Capture) -> None:
    assert main(["search", library]) == 2
    capsys.readouterr()
    for limit in ("-1", "0"):  # (0 was "nothing found"; -1 said "must not be negative")
        assert main(["search", library, "x", "--limit", limit]) == 2
        assert "--limit: must be 1 or more" in capsys.readouterr().err


def test_the_library_commands_never_import_textual(library: str) -> None:
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"main(['index', {library!r}]); main(['search', {library!r}, 'colombia'])\n"
        "print([name for name in sys.modules if name.startswith('textual')])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_search_with_its_query_forgotten_says_so(library: str, capsys: Capture) -> None:
    """``search DIR`` said "no library given": the one argument was taken for the query."""
    assert main(["search", library]) == 2
    err = capsys.readouterr().err
    assert "no query after" in err and "say what to look for" in err


def test_a_search_that_finds_nothing_names_the_files_that_do_not_load(
    tmp_path: Path, capsys: Capture
) -> None:
    """``search broken.yaml Broken`` printed nothing and exited 1, as if nothing matched."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["search", str(broken), "Broken"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("briefing-tui: ") and "broken.yaml:2:1: YAML syntax" in err
    assert err.rstrip().endswith("(not searched: it does not load)")


def test_a_result_with_a_title_of_pages_is_one_short_line(tmp_path: Path, capsys: Capture) -> None:
    long = tmp_path / "long.yaml"
    long.write_text(
        f"title: {'Word ' * 700}end\nsections:\n  - heading: H\n    body: Tariffs rise.\n",
        encoding="utf-8",
    )
    assert main(["search", str(long), "tariffs"]) == 0
    title = capsys.readouterr().out.splitlines()[0].split(": ", 1)[1]
    assert title.startswith("Word Word") and "…" in title and len(title) < 200
