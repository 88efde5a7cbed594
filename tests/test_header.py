"""The header's metadata line (readable date, whole items) and the ``i`` screen's path."""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_apps import screen_lines

from tui.dates import readable_date
from tui.format.loader import load_bytes, load_text
from tui.ui.screens.info import InfoScreen
from tui.ui.widgets.header import fit_line
from tui.ui.widgets.path import wrap_path

EVERY_KEY = Path(__file__).parent / "data" / "good" / "every-key.yaml"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2021-10-21", "21 Oct 2021"),
        ("2025-11-14T18:00:00+13:00", "14 Nov 2025, 18:00 +13:00"),
        ("2022-09-26T17:30:00-05:00", "26 Sep 2022, 17:30 -05:00"),
        ("2022-10-20T14:05:00Z", "20 Oct 2022, 14:05 UTC"),
        ("2022-10-20 14:05+02:00", "20 Oct 2022, 14:05 +02:00"),
        ("2022-10-20T14:05", "20 Oct 2022, 14:05"),
        ("2022-10-20T14:05:30.25Z", "20 Oct 2022, 14:05:30 UTC"),
        ("2024-02-29", "29 Feb 2024"),
        # not a date (or not a real one): as written
        ("soon", "soon"),
        ("2023-02-29", "2023-02-29"),
        ("2022-10-20T25:00", "2022-10-20T25:00"),
        ("21/10/2021", "21/10/2021"),
    ],
)
def test_published_reads_as_a_date(value, shown):
    assert readable_date(value) == shown


FIELDS = [["Example Wire"], ["26 Sep 2022"], ["#Colombia", "#United States", "#trade"]]


@pytest.mark.parametrize("width", range(0, 70))
def test_the_metadata_line_leaves_out_whole_items(width):
    line = fit_line(FIELDS, width)
    assert len(line) <= width
    full = "Example Wire  ·  26 Sep 2022  ·  #Colombia #United States #trade"
    if len(full) <= width:
        assert line == full
    elif line.endswith(" …"):
        assert full.startswith(line.removesuffix(" …"))
        cut = full[len(line) - 2 :]
        assert cut.startswith((" ", "  ·  ")), "an item was broken"
    else:  # not even the first item fits
        assert line == ("Example Wire"[: width - 1] + "…" if width else "")


async def test_the_header_shows_a_readable_date_and_whole_tags_at_80(reader):
    briefing = load_bytes(EVERY_KEY.read_bytes(), "every-key.yaml").briefing
    async with reader(briefing, (80, 24)) as (pilot, _screen):
        lines = screen_lines(pilot.app)
        meta = lines[1].strip()
        assert meta.startswith("Example Wire  ·  26 Sep 2022, 17:30 -05:00  ·  ")
        assert "2022-09-26" not in "\n".join(lines)
        assert meta.endswith(" …")  # one line: what does not fit is left out whole
        items = meta.removesuffix(" …").split("  ·  ")
        assert items == ["Example Wire", "26 Sep 2022, 17:30 -05:00", "Cúcuta, Colombia"]
        assert lines[2].split() == ["Article", "Talking", "points", "Quotes"]  # no second line
        await pilot.press("i")
        assert "2022-09-26T17:30:00-05:00" in "\n".join(screen_lines(pilot.app))  # as written


async def test_tags_are_never_broken_in_the_header(reader):
    tags = [f"Topic number {n}" for n in range(12)]
    source = (
        "title: T\nlocation: Bogota\ntags: [" + ", ".join(tags) + "]\n"
        "sections:\n  - heading: H\n    body: [B.]\n"
    )
    briefing = load_text(source, "tags.yaml").briefing
    async with reader(briefing, (120, 40)) as (pilot, _screen):
        lines = screen_lines(pilot.app)
        meta = lines[1].strip()
        assert meta.startswith("Bogota  ·  #Topic number 0 #Topic number 1")
        assert meta.endswith(" …")
        shown = meta.removesuffix(" …").split("  ·  ")[1]
        assert all(tag in tags for tag in shown.removeprefix("#").split(" #"))
        assert lines[2].startswith("╭─ Article")  # the line did not wrap onto a second one


def test_paths_wrap_after_a_slash():
    path = "/home/someone/briefings/2025/november/hostile-markup.yaml"
    assert wrap_path(path, 20) == [
        "/home/someone/",
        "briefings/2025/",
        "november/",
        "hostile-markup.yaml",
    ]
    assert wrap_path(path, 80) == [path]
    assert wrap_path("/a/averyverylongname.yaml", 10) == ["/a/", "averyveryl", "ongname.ya", "ml"]
    assert wrap_path("https://example.org/news/a-story", 15) == [
        "https://",
        "example.org/",
        "news/a-story",
    ]


async def test_the_info_screen_breaks_the_path_after_slashes(reader):
    path = "/home/someone/briefings/archive/2025/november/colombia-and-venezuela.yaml"
    briefing = load_text("title: T\nsections:\n  - heading: H\n    body: [B.]\n", path).briefing
    async with reader(briefing, (40, 30)) as (pilot, _screen):
        await pilot.press("i")
        info = pilot.app.screen
        assert isinstance(info, InfoScreen)
        region = info.query_one("#info").content_region
        lines = [line[region.x : region.right].rstrip() for line in screen_lines(pilot.app)]
        start = lines.index("File") + 1
        end = start + next(i for i, line in enumerate(lines[start:]) if not line)
        shown = lines[start:end]
        assert "".join(shown) == path
        assert len(shown) > 1 and all(line.endswith("/") for line in shown[:-1])
