"""Each setting of the config file takes effect in the reader; its problems are said there too."""

from __future__ import annotations

import contextlib
import re

import pytest
from snapshot_apps import body_lines, screen_lines
from textual.app import App

from tui.cli import main, terminal
from tui.config.file import Config, parse_config
from tui.storage.settings import SettingsStore
from tui.ui.app import BriefingApp
from tui.ui.screens.help import HelpScreen

# -- each setting takes effect --------------------------------------------------------------


def key_line(app: App[object]) -> str:
    return screen_lines(app)[-1]


async def test_a_remapped_key_works_and_shows_in_the_key_line_and_help(seed, reader):
    config, problems = parse_config(b'[keys]\n"reader.next_section" = "J"\n')
    assert not problems
    async with reader(seed, config=config) as (pilot, screen):
        line = key_line(pilot.app)
        assert "[ J Section" in line and "] " not in line, line
        await pilot.press("right_square_bracket")
        assert screen.body.current_section == 0  # ] no longer moves
        await pilot.press("J")
        assert screen.body.current_section == 1
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        row = next(line for line in screen_lines(pilot.app) if "Next section" in line)
        assert re.search(r"\bJ\b", row) and "]" not in row, row


async def test_the_reading_width_sets_the_text_column(seed, reader):
    async with reader(seed, (240, 40)) as (_pilot, screen):
        assert screen.body.lay_out().width == 84
    async with reader(seed, (240, 40), config=Config(reading_width=40)) as (_pilot, screen):
        assert screen.body.lay_out().width == 40
        assert max(len(line.strip()) for line in body_lines(screen.body)) == 40


@pytest.mark.parametrize(
    ("outline", "width", "shown"),
    [("auto", 160, True), ("auto", 120, False), ("hide", 160, False), ("show", 120, True)],
)
async def test_the_outline_at_start(seed, reader, outline, width, shown):
    async with reader(seed, (width, 40), config=Config(outline=outline)) as (pilot, screen):
        assert screen.has_class("-outline") == shown
        assert any("Outline" in line for line in screen_lines(pilot.app)) == shown
        await pilot.press("o")  # the key still shows or hides it
        assert screen.has_class("-outline") != shown


async def test_messages_stay_as_long_as_the_config_says(seed, reader, monkeypatch):
    timeouts: list[float | None] = []
    notify = App.notify

    def recording(self: App[object], message: str, **options: object) -> None:
        timeouts.append(options.get("timeout"))  # type: ignore[arg-type]
        notify(self, message, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "notify", recording)
    async with reader(seed, config=Config(notification_seconds=10)) as (pilot, _screen):
        pilot.app.notify("hello")
        await pilot.press("left_square_bracket")  # "This is the first section." (2 s by default)
    assert timeouts == [10, 4]


async def test_the_theme_of_the_config_file(seed, reader):
    async with reader(seed, config=Config(theme="textual-light")) as (pilot, _screen):
        assert pilot.app.theme == "textual-light"


async def test_the_later_of_the_config_files_theme_and_the_readers_wins(seed, tmp_path):
    store = tmp_path / "settings.json"
    # The reader's choice is kept, and wins while the config file says the same...
    app = BriefingApp(seed, settings=SettingsStore(store), config=Config(theme="nord"))
    async with app.run_test() as pilot:
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await pilot.pause()
        await app.workers.wait_for_complete()
    app = BriefingApp(seed, settings=SettingsStore(store), config=Config(theme="nord"))
    assert app.theme == "gruvbox"
    # ...until the file's theme changes.
    app = BriefingApp(seed, settings=SettingsStore(store), config=Config(theme="dracula"))
    assert app.theme == "dracula"
    # Choosing the saved theme again in the reader makes it win again.
    async with app.run_test() as pilot:
        app.theme = "gruvbox"
        await pilot.pause()
        await app.workers.wait_for_complete()
    app = BriefingApp(seed, settings=SettingsStore(store), config=Config(theme="dracula"))
    assert app.theme == "gruvbox"


async def test_problems_in_the_config_file_are_a_message_in_the_reader(seed, notes):
    messages = [f"/c/config.toml:{n}: problem {n}" for n in range(1, 6)]
    app = BriefingApp(seed, config_problems=messages)
    async with app.run_test() as pilot:
        await pilot.pause()
    (note,) = notes
    assert note.startswith("/c/config.toml:1: problem 1\n/c/config.toml:2: problem 2\n")
    assert "…and 2 more." in note


def test_the_reader_reads_the_config_file_and_says_its_problems(
    stdout_is_a_terminal, private_config, monkeypatch, capsys
):
    private_config.mkdir()
    path = private_config / "config.toml"
    path.write_text('theme = "nord"\nreading_width = "wide"\n')
    monkeypatch.setenv("TEXTUAL_FPS", "120")  # what main() sets: left as it was after the test
    started: list[BriefingApp] = []
    monkeypatch.setattr(BriefingApp, "run", lambda app, *_args, **_kwargs: started.append(app))
    monkeypatch.setattr(terminal, "drawing_on_terminal", contextlib.nullcontext)
    assert main(["--no-resume"]) == 0
    (app,) = started
    assert app.theme == "nord" and app.config.reading_width == 84
    message = f'{path}:2: reading_width: expected a whole number of columns from 20 to 1000, got "wide"; the default is used'  # noqa: E501
    assert capsys.readouterr().err == f"briefing-tui: {message}\n"
    assert app.config_problems == [message]
