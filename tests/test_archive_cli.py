"""``--db``: the team archive chosen on the command line, in the environment or in the
config file; shown without its password; and the local index when it cannot be reached."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tui.cli.commands import main
from tui.cli.library import open_index
from tui.config.file import parse_config
from tui.library.dsn import DATABASE_VARIABLE, redact
from tui.library.sqlite_index import SqliteIndex

LIBRARY = str(Path(__file__).parent / "data" / "library_screen")
SECRET = "s3cret-Pa55"
NOWHERE = f"postgresql://reader:{SECRET}@/briefings?host=/nonexistent/socket-folder"
"""An archive that cannot be reached (no server's socket there), with a password in it."""

Capture = pytest.CaptureFixture[str]


@pytest.mark.parametrize(
    ("connection", "shown"),
    [
        ("postgresql://ann:pw@db.example.org/news", "postgresql://ann:***@db.example.org/news"),
        ("postgres://ann:p%40w@db:5433/news?sslmode=require", "postgres://ann:***@db:5433/news?sslmode=require"),
        ("postgresql://ann@db/news", "postgresql://ann@db/news"),
        ("postgresql:///news?host=/run/pg&password=pw&user=ann", "postgresql:///news?host=/run/pg&password=***&user=ann"),
        ("host=db dbname=news password=pw user=ann", "host=db dbname=news password=*** user=ann"),
        ("host=db password = 'p w\\' x' user=ann", "host=db password = *** user=ann"),
        ("host=db PASSWORD=pw", "host=db PASSWORD=***"),
        ("postgresql:///x?host=/tmp/no&sslpassword=s3cret", "postgresql:///x?host=/tmp/no&sslpassword=***"),
        ("host=db sslpassword=s3cret sslkey=/k", "host=db sslpassword=*** sslkey=/k"),
    ],
)  # fmt: skip
def test_a_password_is_never_shown(connection: str, shown: str) -> None:
    assert redact(connection) == shown


def test_the_config_file_may_name_the_archive() -> None:
    config, problems = parse_config(b'db = "postgresql://db.example.org/news"\n')
    assert (config.db, problems) == ("postgresql://db.example.org/news", [])
    config, problems = parse_config(b'theme = "nord"\ndb = "the archive"\n')
    assert config.db is None
    assert [(p.line, p.message) for p in problems] == [
        (2, 'db: expected a connection string: "postgresql://host/db" or "host=... dbname=...";'
            " the default is used")
    ]  # fmt: skip


def test_config_shows_the_archive_without_its_password(
    private_config: Path, capsys: Capture
) -> None:
    private_config.mkdir()
    (private_config / "config.toml").write_text(f'db = "{NOWHERE}"\n')
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert 'db = "postgresql://reader:***@/briefings?host=/nonexistent/socket-folder"' in out
    assert SECRET not in out


def test_search_of_an_unreachable_archive_alone_fails_in_one_line(capsys: Capture) -> None:
    assert main(["search", "--db", NOWHERE, "trade"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("briefing-tui: ")
    assert SECRET not in err and "Traceback" not in err


def test_search_falls_back_to_the_local_index_of_the_folder(capsys: Capture) -> None:
    assert main(["search", "--db", NOWHERE, LIBRARY, "glacier"]) == 0
    out, err = capsys.readouterr()
    assert "Glacier survey finds faster melting" in out
    assert "the local index is used instead" in err and SECRET not in err


def test_search_takes_the_archive_from_the_environment(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_VARIABLE, NOWHERE)
    assert main(["search", "trade"]) == 1
    assert SECRET not in capsys.readouterr().err
    assert main(["search", "--db", "", LIBRARY, "glacier"]) == 0  # --db "": the local index
    assert "local index is used instead" not in capsys.readouterr().err


def test_search_with_neither_folder_nor_archive_is_a_usage_error(capsys: Capture) -> None:
    assert main(["search", "trade"]) == 2
    assert "no library given" in capsys.readouterr().err


def test_index_into_an_unreachable_archive_fails_in_one_line(capsys: Capture) -> None:
    assert main(["index", LIBRARY, "--db", NOWHERE]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert SECRET not in err and "Traceback" not in err


def test_the_library_opens_on_the_local_index_when_the_archive_is_unreachable() -> None:
    index, notices = open_index(argparse.Namespace(db=NOWHERE, strict=False), [LIBRARY])
    try:
        assert isinstance(index, SqliteIndex)
        assert len(notices) == 1 and notices[0].endswith("; the local index is used instead")
        assert SECRET not in notices[0]
    finally:
        index.close()


def test_db_with_one_briefing_is_a_usage_error(capsys: Capture) -> None:
    assert main(["--db", NOWHERE, "content/blinken-colombia.yaml"]) == 2
    assert "--db is for a library" in capsys.readouterr().err
