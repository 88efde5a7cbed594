"""Live reload: the reader follows its file as an editor saves it, and never writes to it."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from snapshot_apps import body_lines, screen_lines
from textual.pilot import Pilot
from textual.widgets import Tabs

from tui.document import BodyDocument
from tui.document.carry import carry_position
from tui.format.loader import load_path, load_text
from tui.format.watch import BriefingFile
from tui.ui.app import BriefingApp
from tui.ui.live_reload import ReloadBar
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.points import PointsList
from tui.ui.widgets.quotes import QuotesList

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "content" / "blinken-colombia.yaml"
EDITED = "EDITED Blinken sought to reassert"


@pytest.fixture
def briefing_file(tmp_path: Path) -> Path:
    path = tmp_path / "briefing.yaml"
    shutil.copy(BUNDLED, path)
    return path


@asynccontextmanager
async def following(
    path: Path, size: tuple[int, int] = (120, 40), *, notifications: bool = False
) -> AsyncIterator[Pilot[None]]:
    app = BriefingApp(load_path(path).briefing, source=BriefingFile(str(path)))
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await pilot.pause()
        yield pilot


def reader(pilot: Pilot[None]) -> ReaderScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def noticed(pilot: Pilot[None]) -> None:
    """What the poll does on its own: see the change, load it, show it."""
    watcher = reader(pilot).live_reload
    assert watcher is not None
    watcher.poll()
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def edit(path: Path, old: str, new: str, *, rename: bool = False) -> None:
    """Change the file in place, or as editors do: a new file renamed over it."""
    text = path.read_text(encoding="utf-8").replace(old, new)
    if rename:
        temporary = path.with_name(".briefing.yaml.swp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    else:
        with path.open("r+", encoding="utf-8") as handle:
            handle.write(text)
            handle.truncate()


@pytest.mark.parametrize("rename", [False, True], ids=["in-place", "renamed-over"])
async def test_a_saved_change_shows_in_place_at_the_same_place(
    briefing_file: Path, rename: bool, notes: list[str]
) -> None:
    async with following(briefing_file, size=(80, 24)) as pilot:
        screen = reader(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", *"jjj")
        top = body_lines(screen.body)[0]
        assert top.strip() and "US priorities" not in top  # a paragraph's line, not the heading
        await pilot.press("2", "j", "j")
        points = screen.query_one("#points", PointsList)
        edit(briefing_file, "The visit sought", "The trip sought", rename=rename)  # section 2
        await noticed(pilot)
        assert reader(pilot) is screen  # the same reader, the same panes, nothing rebuilt
        assert screen.query_one("#points", PointsList) is points
        assert screen.focused is points  # the pane in use, its cursor and its tab
        assert points.highlighted == 2
        assert screen.query_one("#pane-tabs", Tabs).active == "tab-points"
        assert notes[-1] == "Reloaded: the file changed."
        await pilot.press("1")
        await pilot.pause()
        assert body_lines(screen.body)[0] == top  # the same line of text on top
        assert str(screen.body.border_title).endswith("US priorities")  # the same section
        assert screen.changed == {1}  # marked changed, for the outline and the picker
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert "The trip sought" in "\n".join(body_lines(screen.body))


async def test_every_pane_shows_the_new_version(briefing_file: Path) -> None:
    async with following(briefing_file, size=(160, 40)) as pilot:
        screen = reader(pilot)
        edit(briefing_file, "title: Colombia trying", "title: Colombia tries")
        edit(briefing_file, "location: Bogota, Colombia\n", "")  # the metadata line goes
        edit(briefing_file, "heading: The visit", "heading: The two-day visit")
        edit(
            briefing_file,
            "talking_points:\n",
            "talking_points:\n  - text: A new first point\n    section: the-visit\n",
        )
        edit(briefing_file, "    text: root causes\n", "    text: root causes of it all\n")
        await noticed(pilot)
        await pilot.app.workers.wait_for_complete()  # the new links
        await pilot.pause()
        shown = "\n".join(screen_lines(pilot.app))
        assert "Colombia tries to mend" in shown
        assert "Bogota, Colombia" not in shown
        assert "The two-day visit" in shown  # in the outline and the body
        assert "Talking points (8)" in shown
        assert "1. A new first point" in shown
        assert "2. Joint approach to Covid-19" in shown
        assert "“root causes of it all”" in shown
        quotes = screen.query_one("#quotes", QuotesList)
        assert quotes.not_found == {2}  # the edited quote is not in the article
        assert "⚠ not in the article as quoted" in shown
        edit(briefing_file, "subtitle: >-\n", "subtitle: >-\n  Now\n", rename=True)
        await noticed(pilot)
        assert "Now US Secretary" in "\n".join(screen_lines(pilot.app))


async def test_an_invalid_save_keeps_the_last_good_version_until_fixed(
    briefing_file: Path,
) -> None:
    async with following(briefing_file) as pilot:
        first = reader(pilot)
        edit(briefing_file, "title: Colombia", "title: [Colombia")
        await noticed(pilot)
        assert reader(pilot) is first  # the last good version stays
        bar = first.query_one(ReloadBar)
        shown = "\n".join(screen_lines(pilot.app))
        assert "was not reloaded; the last good version is shown." in shown
        assert "4:9: error: YAML syntax" in shown
        await pilot.press("right_square_bracket")  # the reader keeps working
        assert str(first.body.border_title).startswith("Article · 2/5")
        edit(briefing_file, "title: [Colombia", "title: Colombia")
        edit(briefing_file, "The visit sought", "The trip sought")
        await noticed(pilot)
        assert reader(pilot) is first
        assert not first.query(ReloadBar)
        assert not bar.is_attached
        shown = "\n".join(screen_lines(pilot.app))
        assert "was not reloaded" not in shown
        assert "The trip sought" in shown
        assert str(first.body.border_title).startswith("Article · 2/5")  # still there


async def test_a_deleted_file_is_said_and_its_return_reloads(briefing_file: Path) -> None:
    async with following(briefing_file) as pilot:
        saved = briefing_file.read_bytes()
        briefing_file.unlink()
        await noticed(pilot)
        said = f"{briefing_file.name} was deleted or moved away; the last version read is shown."
        assert said in "\n".join(screen_lines(pilot.app))
        assert "The visit" in " ".join(body_lines(reader(pilot).body))
        briefing_file.write_bytes(saved.replace(b"The visit", b"The trip"))
        await noticed(pilot)
        assert "The trip" in " ".join(body_lines(reader(pilot).body))


async def test_a_change_while_a_box_is_open_shows_once_it_closes(briefing_file: Path) -> None:
    async with following(briefing_file) as pilot:
        first = reader(pilot)
        await pilot.press("question_mark")
        edit(briefing_file, "Blinken sought to reassert", EDITED)
        watcher = first.live_reload
        assert watcher is not None
        watcher.poll()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.screen is not first  # help is still open
        assert EDITED not in " ".join(body_lines(first.body))  # not under the box yet
        await pilot.press("escape")
        for _ in range(3):
            await pilot.pause()
        assert reader(pilot) is first
        assert EDITED[:20] in " ".join(body_lines(first.body))


async def test_the_file_is_never_written(briefing_file: Path) -> None:
    before = briefing_file.stat()
    async with following(briefing_file) as pilot:
        await pilot.press("right_square_bracket", "j", "slash", *"duque", "enter")
        edit(briefing_file, "Blinken sought to reassert", EDITED)
        written = briefing_file.stat()
        await noticed(pilot)
        await pilot.press("q")
    after = briefing_file.stat()
    assert (after.st_mtime_ns, after.st_size) == (written.st_mtime_ns, written.st_size)
    assert after.st_ino == before.st_ino


def test_the_place_follows_its_text_to_the_new_version() -> None:
    old = load_text(
        "title: T\nsections:\n  - {id: a, heading: A, body: [One., Two., Three.]}\n"
        "  - {id: b, heading: B, body: [Four., Five.]}\n",
        "t.yaml",
    ).briefing
    new = load_text(
        "title: T\nsections:\n  - {id: new, heading: New, body: [Zero.]}\n"
        "  - {id: b, heading: B, body: [Added., Four., Five changed.]}\n"
        "  - {id: a, heading: A, body: [One., Three.]}\n",
        "t.yaml",
    ).briefing
    pair = (old, BodyDocument(old)), (new, BodyDocument(new))
    new_document = pair[1][1]

    def carried(block: int, offset: int = 0) -> tuple[str, int]:
        found, at = carry_position(pair[0], pair[1], (block, offset))
        return new_document.sources[found], at

    assert carried(1, 2) == ("One.", 2)  # same text, moved to another place: found there
    assert carried(5, 3) == ("Four.", 3)
    assert carried(6, 3) == ("Five changed.", 0)  # changed text: after the block before it
    assert carried(2) == ("Three.", 0)  # "Two." is gone: after "One."
    assert carried(4) == ("B", 0)  # a heading


async def test_old_versions_are_freed(briefing_file: Path) -> None:
    """Each reload leaves the old version behind: it must not stay in memory."""
    import gc
    import weakref

    from tui.cli import collector

    app = BriefingApp(
        load_path(briefing_file).briefing,
        source=BriefingFile(str(briefing_file)),
        after_first_frame=collector.after_first_frame,
        after_layout=collector.after_layout,
        after_screen_closed=collector.after_screen_closed,
        after_reload=collector.after_reload,
    )
    old: list[weakref.ref[BodyDocument]] = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = reader(pilot)
            for version in range(6):
                old.append(weakref.ref(screen.document))
                edit(briefing_file, "The visit", f"The visit {version}")
                await noticed(pilot)
                assert f"The visit {version}" in " ".join(body_lines(screen.body))
            await app.workers.wait_for_complete()
            await pilot.pause()
            collector.after_reload()  # what the app's timer does a moment after
            alive = [index for index, ref in enumerate(old) if ref() is not None]
            assert not alive, f"old versions alive: {alive}"
            assert reader(pilot) is screen
            assert len(app.screen_stack) == 1
    finally:
        gc.unfreeze()
        gc.enable()


async def test_sections_changed_by_a_reload_are_marked_until_read(briefing_file: Path) -> None:
    async with following(briefing_file) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket")  # reading section 3
        edit(briefing_file, "Improving economic ties", "Better economic ties")  # in section 4
        await noticed(pilot)
        screen = reader(pilot)
        assert screen.changed == {3}
        await pilot.press("o")  # the outline
        await pilot.pause()
        shown = "\n".join(screen_lines(pilot.app))
        assert "│ ↻ changed" in shown  # under the heading in the outline
        await pilot.press("escape", "t")
        await pilot.pause()
        assert "4. Blinken’s main talking points  ↻ changed" in "\n".join(screen_lines(pilot.app))
        await pilot.press("escape")
        await pilot.pause()
        screen.jump_to_section(3)
        await pilot.pause()
        assert screen.changed == set()
        assert "↻ changed" not in "\n".join(screen_lines(pilot.app))


async def test_the_search_the_highlight_and_the_jumps_back_follow_the_new_text(
    briefing_file: Path,
) -> None:
    async with following(briefing_file) as pilot:
        screen = reader(pilot)
        await pilot.press("slash", *"duque", "enter")  # jumps to the first "Duque"
        await pilot.pause()
        highlight = screen.body.highlight
        assert highlight is not None
        duque = screen.document.texts[highlight.block][highlight.start : highlight.end]
        assert duque == "Duque"
        # A paragraph added before it: the match is two blocks further on in the new text.
        edit(
            briefing_file,
            "      - >-\n        The visit sought",
            "      - New.\n      - >-\n        The visit sought",
        )
        edit(briefing_file, "The visit sought", "The trip sought")  # and its own paragraph changed
        await noticed(pilot)
        assert screen.searcher.query is not None and screen.searcher.query.text == "duque"
        assert screen.body.highlight is None  # its paragraph changed: no stale highlight
        await pilot.press("n")  # the next match, in the new text
        await pilot.pause()
        highlight = screen.body.highlight
        assert highlight is not None
        assert screen.document.texts[highlight.block][highlight.start : highlight.end] == "Duque"
        edit(briefing_file, "title: Colombia", "title: Colombia!")  # the body unchanged
        await noticed(pilot)
        assert screen.body.highlight == highlight  # carried as it was
        await pilot.press("backspace", "backspace")  # before "n", then before the search
        await pilot.pause()
        assert screen.body.reading_position() == (0, 0)
        assert screen.body.scroll_y == 0


async def test_keys_work_right_after_a_reload(briefing_file: Path) -> None:
    async with following(briefing_file, notifications=True) as pilot:
        screen = reader(pilot)
        edit(briefing_file, "The visit sought", "The trip sought")
        await noticed(pilot)
        assert "Reloaded: the file changed." in "\n".join(screen_lines(pilot.app))
        await pilot.press("right_square_bracket", "escape", "tab", "j")  # straight after
        await pilot.pause()
        assert str(screen.body.border_title).startswith("Article · 2/5")
        assert "Reloaded: the file changed." not in "\n".join(screen_lines(pilot.app))
        assert screen.active_pane == "points"
        assert screen.query_one("#points", PointsList).highlighted == 1
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running


def test_an_old_version_is_freed_as_soon_as_it_is_dropped() -> None:
    """Without waiting for the garbage collector, which is off for what is frozen."""
    import gc
    import weakref

    briefing = load_path(BUNDLED).briefing
    document = BodyDocument(briefing)
    assert document.texts[1] and document.spans[1] is not None  # parsed, and cached
    gone = weakref.ref(document)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del document
        assert gone() is None
    finally:
        if enabled:
            gc.enable()


def test_the_jump_history_and_the_passages_are_carried() -> None:
    from tui.document import Target
    from tui.document.carry import Carrier
    from tui.ui.history import JumpHistory, Place

    old = load_text(
        "title: T\nsections:\n  - {id: a, heading: A, body: [One., Two.]}\n"
        "  - {id: b, heading: B, body: [Three.]}\n  - {id: c, heading: C, body: [Four.]}\n"
        "talking_points: [{text: P1}, {text: P2}, {text: P3}]\n",
        "t.yaml",
    ).briefing
    new = load_text(
        "title: T\nsections:\n  - {id: a, heading: A, body: [Zero., One., Two changed.]}\n"
        "  - {id: c, heading: C, body: [Four.]}\n"
        "talking_points: [{text: P0}, {text: P2}, {text: P1}, {text: P3}]\n",
        "t.yaml",
    ).briefing
    carrier = Carrier((old, BodyDocument(old)), (new, BodyDocument(new)))
    history: JumpHistory[tuple[int, int]] = JumpHistory()
    history.push(Place((1, 2), "body"))
    history.push(Place((2, 1), "points"))
    history.carry(carrier.position)
    assert history.pop() == Place((3, 0), "points")  # changed: after "One.", at its start
    assert history.pop() == Place((2, 2), "body")  # "One." moved on a block
    one, two = Target(1, 0, 0, 3), Target(2, 0)
    assert carrier.target(one) == Target(2, 0, 0, 3)
    assert carrier.target(two) is None  # its text changed
    assert carrier.link_sections(old.talking_points, new.talking_points, [2, 1, 0]) == [
        None,  # a new point
        None,  # P2's section is gone
        1,  # P1, moved, to section c, now the second
        0,  # P3, to section a
    ]


async def test_bookmarks_follow_their_passage_into_the_new_text(briefing_file: Path) -> None:
    async with following(briefing_file) as pilot:
        screen = reader(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "m")  # US priorities
        (block,) = screen.body.bookmarked
        text = screen.document.texts[block]
        # A paragraph added in an earlier section: the passage is a block further on.
        edit(
            briefing_file,
            "      - >-\n        The visit sought",
            "      - New.\n      - >-\n        The visit sought",
        )
        await noticed(pilot)
        (moved,) = screen.body.bookmarked
        assert moved == block + 1 and screen.document.texts[moved] == text


async def test_saves_in_quick_succession_show_one_reloaded_toast(briefing_file: Path) -> None:
    async with following(briefing_file, notifications=True) as pilot:
        for word in ("trip", "journey", "tour"):
            edit(briefing_file, "The visit sought", f"The {word} sought")
            await noticed(pilot)
            edit(briefing_file, f"The {word} sought", "The visit sought")
            await noticed(pilot)
        shown = "\n".join(screen_lines(pilot.app))
        assert shown.count("Reloaded: the file changed.") == 1
