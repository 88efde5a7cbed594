"""The command line: ``validate`` on good and bad files, ``schema``, flags, exit codes, output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tui import __version__
from tui.cli import main, prepare_textual
from tui.cli.options import parse_size

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
GOOD = ROOT / "tests" / "data" / "good"
BUNDLED = "content/blinken-colombia.yaml"
MINIMAL = "title: Ministers meet\nsections:\n  - heading: Talks\n    body: They talked.\n"

#: Every file in tests/data/bad/: the exit code of ``validate`` on it and every line it prints,
#: each ``LINE:COL: severity: message`` (or ``LINE:COL: hint: …``) after the file name.
BAD_FILES: dict[str, tuple[int, list[str]]] = {
    "yaml-syntax.yaml": (
        1,
        [
            "5:4: error: YAML syntax: did not find expected '-' indicator"
            " (while parsing a block collection started at line 3, column 3)",
            "5:4: hint: 'quotes' is indented 3 spaces, which lines it up with nothing above it:"
            " 4 spaces line it up with 'body' on line 4; no spaces line it up with 'sections'"
            " on line 2",
        ],
    ),
    "unclosed-bracket.yaml": (
        1,
        [
            "5:1: error: YAML syntax: did not find expected ',' or ']'"
            " (while parsing a flow sequence started at line 4, column 11)",
            "4:11: hint: this '[' starts a list that is never closed with ']'; if it is text,"
            ' quote it: body: "[unclosed"',
        ],
    ),
    "tab-indent.yaml": (
        1,
        [
            "4:1: error: tab character in indentation; YAML indents with spaces only",
            "4:1: hint: replace the tab with 4 spaces to line 'body' up with 'heading' on line 3",
        ],
    ),
    "empty.yaml": (1, ["1:1: error: empty file: a briefing needs a title and sections"]),
    "only-comments.yaml": (1, ["1:1: error: empty file: a briefing needs a title and sections"]),
    "top-level-list.yaml": (
        1,
        ["1:1: error: the top level must be a mapping (title: …, sections: …), got a list"],
    ),
    "two-documents.yaml": (
        1,
        ["5:1: error: a second YAML document; a briefing file holds exactly one"],
    ),
    "duplicate-key.yaml": (1, ["5:1: error: duplicate key 'title' (first at line 1)"]),
    "missing-title.yaml": (1, ["1:1: error: missing required key 'title'"]),
    "missing-body.yaml": (1, ["3:5: error: sections[0]: missing required key 'body'"]),
    "wrong-type.yaml": (1, ["9:7: error: talking_points[2].text: expected text, got a mapping"]),
    "empty-title.yaml": (1, ["1:8: error: title: must not be empty"]),
    "crlf-empty-speaker.yaml": (1, ["6:14: error: quotes[0].speaker: must not be empty"]),
    "no-sections.yaml": (1, ["2:11: error: sections: needs at least one section"]),
    "unknown-section.yaml": (
        1,
        [
            "8:14: error: talking_points[0].section: no section has id 'tlaks';"
            " did you mean 'talks'?"
        ],
    ),
    "duplicate-section-id.yaml": (
        1,
        ["6:9: error: sections[1].id: duplicate section id 'talks' (first at line 3)"],
    ),
    "bad-section-id.yaml": (1, ["3:9: error: sections[0].id: must be a slug of a-z, 0-9 and '-'"]),
    "unsupported-format.yaml": (
        1,
        ["1:9: error: format: unsupported format 'briefing/2'; this reader reads briefing/1"],
    ),
    "bad-date.yaml": (
        1,
        ["2:12: error: published: '2024-13-45' is not a real date (month must be in 1..12)"],
    ),
    "bad-url.yaml": (1, ["4:8: error: source.url: expected an http:// or https:// URL"]),
    "python-tag.yaml": (
        1,
        [
            "1:8: error: tag !!python/object/apply:os.system is not allowed;"
            " briefings use plain YAML only"
        ],
    ),
    "billion-laughs.yaml": (
        1,
        ["5:4: error: anchor &a: anchors and aliases are not allowed (see --max-aliases)"],
    ),
    "too-deep.yaml": (1, ["4:72: error: nesting deeper than 64 levels (see --max-depth)"]),
    "several-problems.yaml": (
        1,
        [
            "2:10: error: summary: expected text, got a list",
            "6:5: warning: sections[0].headng: unknown key; did you mean heading?",
            "8:5: error: quotes[0]: missing required key 'text'",
            "9:5: error: quotes[1]: missing required key 'speaker'",
        ],
    ),
    # Only a warning: valid unless --strict (see test_strict_makes_warnings_errors).
    "unknown-key.yaml": (
        0,
        ["5:1: warning: talkng_points: unknown key; did you mean talking_points?"],
    ),
}

#: Messages worded by libyaml; PyYAML's pure-Python parser words them differently.
LIBYAML_WORDING = {"yaml-syntax.yaml", "unclosed-bracket.yaml"}

#: Hostile files made from bytes in the test: name, content, expected lines.
HOSTILE: list[tuple[str, bytes, list[str]]] = [
    (
        "latin-1.yaml",
        MINIMAL.encode() + "location: Bogotá\n".encode("latin-1"),
        ["5:16: error: invalid UTF-8 byte 0xe1; briefings must be UTF-8 text"],
    ),
    (
        "nul.yaml",
        b"title: Ministers\x00meet\n",
        ["1:17: error: NUL byte: this is a binary file, not a YAML briefing"],
    ),
    (
        "utf-16.yaml",
        MINIMAL.encode("utf-16"),
        ["1:1: error: file is UTF-16 encoded; briefings must be UTF-8"],
    ),
    (
        "utf-32.yaml",
        MINIMAL.encode("utf-32"),
        ["1:1: error: file is UTF-32 encoded; briefings must be UTF-8"],
    ),
    (
        "garbage.bin",
        bytes(range(0x80, 0x100)) * 4,
        ["1:1: error: invalid UTF-8 byte 0x80; briefings must be UTF-8 text"],
    ),
    (
        "escape.yaml",
        b"title: \x1b]2;owned\x07\n",
        ["1:8: error: character U+001B is not allowed in YAML text"],
    ),
    (
        "wide-then-control.yaml",
        "\ufefftitle: 中中中😀\x01\n".encode(),
        ["1:12: error: character U+0001 is not allowed in YAML text"],
    ),
]


def run(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m tui ARGS`` in a fresh interpreter; the test fails if it outlasts ``timeout``."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # importable from any cwd
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


# -- bad files -------------------------------------------------------------------------


def test_every_bad_file_is_in_the_table() -> None:
    assert sorted(path.name for path in BAD.iterdir()) == sorted(BAD_FILES)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = BAD_FILES[name]
    path = f"tests/data/bad/{name}"
    assert main(["validate", path]) == code
    out, err = capsys.readouterr()
    assert out == ""
    printed = err.splitlines()
    if name in LIBYAML_WORDING and not yaml.__with_libyaml__:
        assert [line.split(" YAML syntax:")[0] for line in printed] == [
            f"{path}:{line.split(' YAML syntax:')[0]}" for line in lines
        ]
        return
    assert printed == [f"{path}:{line}" for line in lines]


@pytest.mark.parametrize(("name", "data", "lines"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_bytes(
    name: str, data: bytes, lines: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"{path}:{line}" for line in lines]


@pytest.mark.parametrize("command", [["validate"], []], ids=["validate", "reader"])
@pytest.mark.parametrize(
    "data",
    [
        b"title: !<%C0%80> x\n",
        b"title: !<%ED%A0%80> x\n",
        b"%TAG !e! tag:%ED%A0%80:\n---\ntitle: !e!x y\n",
    ],
    ids=["overlong", "surrogate", "tag-directive"],
)
def test_tags_escaped_to_bad_utf8_are_invalid_not_a_crash(
    command: list[str], data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(data)
    assert main([*command, str(path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{path}:1:")
    assert ": error: YAML syntax: " in line


def test_all_bad_files_in_one_run_exit_1_without_a_traceback(tmp_path: Path) -> None:
    files = [f"tests/data/bad/{name}" for name in sorted(BAD_FILES)]
    expected = [
        f"{f}:{line}"
        for f, name in zip(files, sorted(BAD_FILES), strict=True)
        for line in BAD_FILES[name][1]
    ]
    for name, data, lines in HOSTILE:
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
        expected += [f"{tmp_path / name}:{line}" for line in lines]
    result = run("validate", *files)
    assert (result.returncode, result.stdout) == (1, "")
    assert "Traceback" not in result.stderr
    printed = result.stderr.splitlines()
    if yaml.__with_libyaml__:
        assert printed == expected
    assert len(printed) == len(expected)

    missing = run("validate", *files, str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2
    assert (
        missing.stderr.splitlines()[-1]
        == f"briefing-tui: {tmp_path / 'missing.yaml'}: no such file"
    )


def test_python_tag_file_runs_nothing(tmp_path: Path) -> None:
    result = run("validate", str(BAD / "python-tag.yaml"), cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / "pwned.txt").exists()


def test_strict_makes_warnings_errors(capsys: pytest.CaptureFixture[str]) -> None:
    path = "tests/data/bad/unknown-key.yaml"
    assert main(["validate", "--strict", path]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:5:1: error: talkng_points: unknown key; did you mean talking_points?"
    ]


# -- good files and exit codes ---------------------------------------------------------


@pytest.mark.parametrize(
    "path", [BUNDLED, *(f"tests/data/good/{p.name}" for p in sorted(GOOD.iterdir()))]
)
def test_valid_files_pass_quietly(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", path]) == 0
    assert capsys.readouterr() == ("", "")


def test_verbose_says_what_was_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-v", BUNDLED]) == 0
    assert capsys.readouterr() == (
        f"{BUNDLED}: ok (5 sections, 7 paragraphs, 1 block quote, 1 list,"
        " 7 talking points, 5 quotes)\n",
        "",
    )


def test_warnings_do_not_fail_validation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-v", "tests/data/bad/unknown-key.yaml"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("tests/data/bad/unknown-key.yaml: ok (1 section, 1 paragraph,")
    assert "warning: talkng_points: unknown key" in err


def test_exit_codes_in_a_subprocess(tmp_path: Path) -> None:
    assert run("validate", BUNDLED).returncode == 0
    assert run("validate", BUNDLED, "tests/data/bad/empty.yaml").returncode == 1
    missing = run("validate", "tests/data/bad/empty.yaml", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    usage = run("validate")
    assert usage.returncode == 2
    assert "error: the following arguments are required: FILE" in usage.stderr


@pytest.mark.parametrize(
    ("name", "reason"),
    [("nope.yaml", "no such file"), (".", "no briefing file (.yaml, .yml) in it")],
)
def test_unreadable_path_is_exit_2(
    name: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    assert main(["validate", BUNDLED, str(path)]) == 2
    assert capsys.readouterr().err == f"briefing-tui: {path}: {reason}\n"


def test_a_folder_stands_for_its_briefing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a library's are found: its subfolders too, hidden files and other files not."""
    (tmp_path / "lib" / "2021").mkdir(parents=True)
    shutil.copy(BUNDLED, tmp_path / "lib" / "a.yaml")
    shutil.copy("tests/data/bad/empty.yaml", tmp_path / "lib" / "2021" / "b.yml")
    shutil.copy("tests/data/bad/empty.yaml", tmp_path / "lib" / ".hidden.yaml")
    (tmp_path / "lib" / "notes.txt").write_text("not a briefing", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "-v", "lib"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("lib/a.yaml: ok (5 sections,")
    assert err.startswith("lib/2021/b.yml:1:1: error:")
    assert ".hidden" not in out + err and "notes" not in out + err


@pytest.mark.parametrize("command", [["validate"], []], ids=["validate", "reader"])
def test_a_fifo_is_refused_at_once(command: list[str], tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer: it is refused instead, before any screen is drawn.

    In a subprocess with a timeout, so that a regression fails rather than hangs the suite.
    """
    fifo = tmp_path / "b.yaml"
    os.mkfifo(fifo)
    result = run(*command, str(fifo), timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"briefing-tui: {fifo}: not a regular file (a FIFO)\n"


@pytest.mark.parametrize(
    ("command", "path", "reason"),
    [
        (["validate"], "/dev/zero", "not a regular file (a character device)"),
        ([], "/dev/zero", "not a regular file (a character device)"),
    ],
    ids=["validate-device", "reader-device"],
)
def test_what_is_not_a_regular_file_is_refused(
    command: list[str], path: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not os.path.exists(path):
        pytest.skip(f"no {path} here")
    assert main([*command, path]) == 2
    assert capsys.readouterr() == ("", f"briefing-tui: {path}: {reason}\n")


def test_a_broken_symbolic_link_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "b.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    assert main(["validate", str(link)]) == 2
    assert capsys.readouterr().err == (
        f"briefing-tui: {link}: a broken symbolic link (its target does not exist)\n"
    )


def test_unreadable_wins_over_invalid(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml"), "tests/data/bad/empty.yaml"]) == 2


def test_every_file_is_checked_even_after_a_bad_one(capsys: pytest.CaptureFixture[str]) -> None:
    files = ["tests/data/bad/empty.yaml", "tests/data/bad/missing-title.yaml"]
    assert main(["validate", *files]) == 1
    assert [line.split(":")[0] for line in capsys.readouterr().err.splitlines()] == files


def test_file_names_are_sanitised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evil = tmp_path / "evil\x1b]2;owned\x07.yaml"
    evil.write_text("title: ''\nsections: []\n")
    shown = str(tmp_path / "evil␛]2;owned␇.yaml")
    assert main(["validate", str(evil)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert err.startswith(f"{shown}:1:8: error: title: must not be empty\n")

    evil.write_text(MINIMAL)
    assert main(["validate", "-v", str(evil)]) == 0
    assert capsys.readouterr().out.startswith(f"{shown}: ok (")

    assert main(["validate", str(tmp_path / "gone\x1b[2J")]) == 2
    assert capsys.readouterr().err == f"briefing-tui: {tmp_path}/gone␛[2J: no such file\n"


def test_quoted_content_in_messages_is_sanitised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "b.yaml"
    path.write_text('format: "\\e]52;c;owned\\a\\nbriefing/9"\n' + MINIMAL)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{path}:1:9: error: format: unsupported format '␛]52;c;owned␇ briefing/9';"
        " this reader reads briefing/1",
        f"{path}:1:9: warning: format: contains terminal control characters;"
        " they are shown as placeholders",
    ]


# -- limits as flags -------------------------------------------------------------------


def test_max_size_flag(capsys: pytest.CaptureFixture[str]) -> None:
    size = (ROOT / BUNDLED).stat().st_size
    assert main(["validate", "--max-size", "1k", BUNDLED]) == 1
    assert capsys.readouterr().err == (
        f"{BUNDLED}:1:1: error: file is {size / 1024:.1f} KiB, over the 1.0 KiB limit"
        " (see --max-size)\n"
    )
    assert main(["validate", "--max-size", str(size - 1), BUNDLED]) == 1
    assert f"over the {size - 1} bytes limit" in capsys.readouterr().err
    assert main(["validate", "--max-size", str(size), BUNDLED]) == 0


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("100", 100),
        ("32M", 32 * 1024**2),
        ("500k", 500 * 1024),
        ("1G", 1024**3),
        ("1.5KiB", 1536),
        ("2mb", 2 * 1024**2),
    ],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("value", ["ten", "", "k", "0", "-1", "0.1", "nan", "inf", "1e400"])
def test_bad_sizes_are_usage_errors(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--max-size", value, BUNDLED]) == 2
    assert "error: argument --max-size:" in capsys.readouterr().err


def test_max_depth_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--max-depth", "3", BUNDLED]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first == f"{BUNDLED}:15:7: error: nesting deeper than 3 levels (see --max-depth)"
    assert main(["validate", "--max-depth", "100", "tests/data/bad/too-deep.yaml"]) == 1
    assert capsys.readouterr().err == (
        "tests/data/bad/too-deep.yaml:4:12: error: sections[0].body[0]: expected text, got a list\n"
    )


@pytest.mark.parametrize("value", ["-1", "x", "1.5"])
def test_bad_counts_are_usage_errors(value: str) -> None:
    assert main(["validate", "--max-depth", value, BUNDLED]) == 2
    assert main(["validate", "--max-aliases", value, BUNDLED]) == 2


def test_max_aliases_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(
        MINIMAL + "quotes:\n  - speaker: &s Antony Blinken\n    text: A\n"
        "  - speaker: *s\n    text: B\n"
    )
    assert main(["validate", str(path)]) == 1
    assert "anchors and aliases are not allowed (see --max-aliases)" in capsys.readouterr().err
    assert main(["validate", "--max-aliases", "1", str(path)]) == 0
    assert main(["validate", "--max-aliases", "1000", "tests/data/bad/billion-laughs.yaml"]) == 1


# -- internal errors -------------------------------------------------------------------


def test_internal_error_is_one_line_asking_for_a_bug_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("tui.format.loader.load_path", broken)
    assert main(["validate", BUNDLED]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "briefing-tui: internal error (RuntimeError). This is a bug; please report it"
        " with the output of the same command run with --debug.\n"
    )
    with pytest.raises(RuntimeError, match="boom"):
        main(["validate", "--debug", BUNDLED])


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("tui.format.loader.load_path", interrupted)
    assert main(["validate", BUNDLED]) == 130


# -- help, version, schema -------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["validate"], ["schema"]])
def test_help_on_every_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: {' '.join(['briefing-tui', *command])} [-h]")
    if command != ["schema"]:
        for flag in ("--strict", "--max-size", "--max-depth", "--max-aliases", "--debug"):
            assert flag in out


@pytest.mark.parametrize("command", [[], ["validate"], ["schema"]])
def test_version_on_every_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--version"]) == 0
    assert capsys.readouterr().out == f"briefing-tui {__version__}\n"


def test_version_in_a_subprocess() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"briefing-tui {__version__}\n")


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--frobnicate", BUNDLED]) == 2
    # The file after it is not named: argparse took it for the option's value.
    assert capsys.readouterr().err.endswith("error: unrecognized option: --frobnicate\n")
    assert main(["search", "--bogus", "-x", "colombia"]) == 2
    assert capsys.readouterr().err.endswith("error: unrecognized options: --bogus -x\n")
    assert main(["schema", "extra"]) == 2
    assert capsys.readouterr().err.endswith("error: unrecognized argument: extra\n")
    # A word to leave out, typed outside the quoted query, is told where it goes.
    assert main(["search", "content", "energy", "-market"]) == 2
    assert capsys.readouterr().err.endswith(
        "error: unrecognized option: -market"
        " (a word to leave out goes inside the quoted query: 'energy -market')\n"
    )


def test_schema_command_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (ROOT / "docs" / "briefing.schema.json").read_text(encoding="utf-8")


def test_schema_command_in_a_subprocess() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "docs" / "briefing.schema.json").read_text(encoding="utf-8")


# -- what gets imported ----------------------------------------------------------------


def test_reader_refuses_a_bad_file_before_any_screen() -> None:
    result = run("tests/data/bad/wrong-type.yaml")
    assert result.returncode == 1
    assert "9:7: error: talking_points[2].text: expected text, got a mapping" in result.stderr
    # No screen was started: nothing switched to the alternate screen or drew anything.
    assert "\x1b" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["validate", BUNDLED], 0),
        (["validate", "tests/data/bad/wrong-type.yaml"], 1),
        (["schema"], 0),
        (["new"], 0),
        (["config"], 0),
        (["config", "--default"], 0),
        (["import", "tests/data/seed/000_0960ea43b9181f78.txt"], 0),
        (["import", "tests/data/import/article.md"], 0),
        (["tests/data/bad/no-such-file.yaml"], 2),
        (["export", BUNDLED, "--format", "html"], 0),
        (["--plain", BUNDLED], 0),
        ([BUNDLED], 0),  # stdout is a pipe here: the plain text
    ],
)
def test_textual_is_not_imported(argv: list[str], code: int) -> None:
    """The commands that never show a screen do not pay for importing Textual.

    (The reader imports Textual while a child process loads the briefing, so a
    bad file does import it; that it still never starts the UI is tested in
    test_reader_refuses_a_bad_file_before_any_screen.)
    """
    script = (
        "import sys; from tui.cli import main; "
        f"code = main({argv!r}); "
        "assert 'textual' not in sys.modules, 'textual was imported'; "
        "sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == code, result.stderr


# -- argument order and typos -------------------------------------------------------------


def test_options_may_come_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--strict", "validate", BUNDLED]) == 0
    assert main(["--max-size", "1M", "validate", "-v", BUNDLED]) == 0
    out, _ = capsys.readouterr()
    assert "ok (5 sections, 7 paragraphs, 1 block quote, 1 list, 7 talking points, 5 quotes)" in out


def test_a_mistyped_command_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valdiate", "x.yaml"]) == 2
    _, err = capsys.readouterr()
    assert err.strip() == "briefing-tui: unknown command 'valdiate'; did you mean validate?"


def test_the_reader_draws_up_to_120_frames_a_second_unless_the_user_says(monkeypatch):
    monkeypatch.delenv("TEXTUAL_FPS", raising=False)
    prepare_textual()
    assert os.environ["TEXTUAL_FPS"] == "120"
    monkeypatch.setenv("TEXTUAL_FPS", "30")
    prepare_textual()
    assert os.environ["TEXTUAL_FPS"] == "30"


def test_textual_takes_the_frame_rate_when_the_reader_sets_it(tmp_path):
    code = (
        "from tui.cli import prepare_textual; prepare_textual()\n"
        "import textual.constants as constants; print(constants.MAX_FPS)"
    )
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.strip() == "120"


def test_a_loading_process_that_dies_is_one_clear_line(stdout_is_a_terminal, monkeypatch, capsys):
    from tui.cli import preload
    from tui.format.bundled import default_briefing_path
    from tui.format.problems import BackgroundLoadFailed

    def dies(*_args: object) -> object:
        def wait() -> object:
            raise BackgroundLoadFailed("the background load ended without a result")

        return wait

    monkeypatch.setattr(preload, "load_in_background", dies)
    assert main([str(default_briefing_path())]) == 3
    err = capsys.readouterr().err
    assert err == "briefing-tui: the background load ended without a result\n"


# -- the table of commands ------------------------------------------------------------------


def test_options_that_take_values_come_from_the_parsers() -> None:
    from tui.cli.commands import valued_options

    assert valued_options() == {
        "--max-size",
        "--max-depth",
        "--max-aliases",
        "--section",
        "--line",
        "--width",
        "--format",
        "-o",
        "--output",
        "--from",
        "--host",
        "--port",
        "--limit",
        "--db",
        "--per-briefing",
    }


def test_an_import_option_value_is_not_taken_for_a_command(tmp_path: Path) -> None:
    from tui.cli.commands import COMMANDS, _command_first, _positionals, valued_options

    args = ["-o", "validate", "import", "article.txt"]
    assert _command_first(args, _positionals(args, valued_options()))[0] == "import"
    assert "import" in COMMANDS


def test_a_new_command_is_one_row_of_the_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command added to the table is dispatched, listed, and its valued options known."""
    from tui.cli import commands
    from tui.cli.options import CommandParser

    def export_parser() -> CommandParser:
        parser = CommandParser("briefing-tui export", "Export a briefing.")
        parser.add_argument("file")
        parser.add_argument_group("output").add_argument("--to", metavar="FORMAT")
        return parser

    def export(args: object) -> int:
        print(f"exported {args.file} to {args.to}")  # type: ignore[attr-defined]
        return 0

    export_command = commands.Command("export", "FILE", "export it", export_parser, export)
    monkeypatch.setitem(commands.COMMANDS, "export", export_command)
    # "--to" takes a value: "text" is not the command, "export" is.
    assert main(["--to", "text", "export", BUNDLED]) == 0
    assert capsys.readouterr().out == f"exported {BUNDLED} to text\n"
    assert main(["exprot", BUNDLED]) == 2
    assert "did you mean export?" in capsys.readouterr().err
    assert main(["--help"]) == 0
    assert "briefing-tui export FILE" in capsys.readouterr().out
    assert main(["export", "--version"]) == 0
    assert capsys.readouterr().out == f"briefing-tui {__version__}\n"


def test_opening_a_briefing_or_a_library_loads_no_other_command() -> None:
    """Every start imported all ten commands' modules and made their parsers (25 ms of
    parsers alone, before the first frame): only the reader's are needed."""
    code = (
        "import sys\nfrom tui.cli import commands\n"
        "commands.main(['content/blinken-colombia.yaml', '--plain', '--width', '20'])\n"
        "commands.main(['tests/data/library_screen', '--plain'])\n"
        "print(sorted(name for name in sys.modules if name.startswith('tui.cli.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = done.stdout.strip().splitlines()[-1]
    for other in ("indexing", "searching", "importing", "schema", "new", "serve", "config"):
        assert f"'tui.cli.{other}'" not in loaded
