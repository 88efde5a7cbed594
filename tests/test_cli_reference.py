"""Each command's help reads as a manual's synopsis, and docs/cli.md is that help, in step."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.commands import COMMANDS, READER, Command, reader_parser
from tui.cli.reference import REGENERATE, WIDTH, command_help

ROOT = Path(__file__).resolve().parent.parent
EVERY_COMMAND = [READER, *COMMANDS.values()]


def test_the_committed_reference_is_what_the_parsers_print() -> None:
    generated = subprocess.run(
        [sys.executable, "-m", "tui.cli.reference"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == generated, (
        f"docs/cli.md is out of step with the command line's parsers; regenerate it: {REGENERATE}"
    )


def section(help_text: str, heading: str) -> list[str]:
    """The lines of one section of a help text (``examples:`` up to the next blank line)."""
    lines = help_text.splitlines()
    start = lines.index(f"{heading}:") + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: c.name or "reader")
def test_every_help_is_a_synopsis(command: Command) -> None:
    text = command_help(command)
    assert text.startswith(f"usage: briefing-tui {command.name}".rstrip() + " [-h]")
    description = text.split("\n\n")[1]
    assert len(description.split()) > 15, description  # says what the command is for
    assert any(line.startswith("  briefing-tui") for line in section(text, "examples"))
    codes = [line.split()[0] for line in section(text, "exit status") if line[2:3].isdigit()]
    assert codes[0] == "0", codes
    too_wide = [line for line in text.splitlines() if len(line) > WIDTH]
    assert not too_wide, too_wide


def test_the_reader_help_names_the_other_commands_and_its_files() -> None:
    text = command_help(READER)
    listed = " ".join(section(text, "commands"))
    for name in COMMANDS:
        assert f"briefing-tui {name}" in listed
    assert "BRIEFING_TUI_STATE_DIR" in " ".join(section(text, "environment"))
    assert "positions.json" in " ".join(section(text, "files in the state folder"))


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: c.name or "reader")
def test_every_example_parses(command: Command) -> None:
    """The examples use options the parser has: they cannot drift from it either."""
    examples = [
        line.strip() for line in section(command_help(command), "examples") if line[2:3] != " "
    ]
    assert examples
    for example in examples:
        words = shlex.split(example.split("|")[0].split(">")[0].split("<")[0])
        assert words[0] == "briefing-tui", example
        args = words[1:]
        if args and args[0] in COMMANDS:
            COMMANDS[args[0]].parser().parse_args(args[1:])
        else:
            reader_parser().parse_args(args)
