"""The theme chosen in the command palette is kept between runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.model import Briefing
from tui.storage.settings import FORMAT, SettingsStore
from tui.ui.app import BriefingApp


@pytest.fixture
def settings(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "state" / "settings.json")


class Told(BriefingApp):
    """The app, keeping every message it shows."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.told: list[str] = []

    def notify(self, message: str, **options: object) -> None:  # type: ignore[override]
        self.told.append(message)
        super().notify(message, **options)  # type: ignore[arg-type]


async def settle(pilot: Pilot[None]) -> None:
    """Let the app handle what was pressed, and any save it started finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()


async def test_a_theme_chosen_in_the_palette_is_there_next_time(seed, settings):
    app = BriefingApp(seed, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme != "nord"
        await pilot.press("ctrl+p", *"theme")
        await settle(pilot)
        await pilot.press("enter", *"nord")  # the theme picker
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord"
    assert SettingsStore(settings.path).get("theme") == "nord"

    again = BriefingApp(seed, settings=SettingsStore(settings.path))
    async with again.run_test(size=(120, 40)) as pilot:
        assert again.theme == "nord"
        assert again.current_theme.name == "nord"


async def test_a_theme_that_no_longer_exists_is_ignored(seed, settings):
    settings.put("theme", "no-such-theme")
    app = BriefingApp(seed, settings=settings)
    async with app.run_test(size=(120, 40)):
        assert app.theme == "textual-dark"


async def test_other_settings_are_kept_when_the_theme_is_saved(seed, settings):
    settings.put("something-else", 3)
    app = BriefingApp(seed, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "gruvbox"
        await settle(pilot)
    saved = json.loads(settings.path.read_text())
    assert saved == {
        "format": FORMAT,
        "settings": {"something-else": 3, "theme": "gruvbox", "theme_over": ""},
    }


async def test_without_a_store_the_theme_is_neither_read_nor_saved(
    seed: Briefing, tmp_path, monkeypatch
):
    monkeypatch.setenv("BRIEFING_TUI_STATE_DIR", str(tmp_path))
    SettingsStore().put("theme", "nord")
    before = sorted(tmp_path.iterdir())
    app = BriefingApp(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "textual-dark"
        app.theme = "gruvbox"
        await settle(pilot)
    assert sorted(tmp_path.iterdir()) == before
    assert SettingsStore().get("theme") == "nord"


async def test_a_corrupt_settings_file_is_a_warning_and_set_aside(seed, settings):
    settings.path.parent.mkdir(parents=True)
    settings.path.write_text("[" * 3000)
    app = Told(seed, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        assert any("set aside" in m for m in app.told), app.told
        app.theme = "nord"
        await settle(pilot)
    assert SettingsStore(settings.path).get("theme") == "nord"
    assert len(list(settings.path.parent.glob("settings.json.corrupt-*"))) == 1


def test_only_plain_values_are_kept(settings):
    settings.path.parent.mkdir(parents=True)
    kept = {"theme": "nord", "n": 1, "on": True}
    dropped = {"list": [1], "map": {"a": 1}, "none": None}
    settings.path.write_text(json.dumps({"format": FORMAT, "settings": kept | dropped}))
    assert [settings.get(name) for name in kept] == list(kept.values())
    assert [settings.get(name) for name in dropped] == [None, None, None]
    assert settings.put("theme", "gruvbox")
    assert json.loads(settings.path.read_text())["settings"] == kept | {"theme": "gruvbox"}
