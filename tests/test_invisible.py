"""Invisible characters and emoji sequences: nothing hidden, nothing that moves a border."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import get_character_cell_size
from snapshot_apps import screen_lines, screen_strips, strip_text
from test_hostile import assert_clean

from tui.format.loader import load_bytes, load_text
from tui.format.problems import BriefingError
from tui.text import (
    NO_VISIBLE_TEXT,
    has_visible_text,
    hidden_characters,
    may_contain_unsafe,
    sanitize,
)

FIXTURE = Path(__file__).parent / "data" / "hostile" / "emoji-invisible.yaml"

HIDDEN = [
    "\u200b",  # zero-width space
    "\u2060",  # word joiner
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
    "\ufeff",  # zero-width no-break space
    "\u2062",  # invisible times
    "\u034f",  # combining grapheme joiner
    "\u3164",  # Hangul filler
    "\ufe00",  # variation selector 1
    "\U000e0001",  # language tag
    "\U000e0041",  # tag letter A
    "\U000e007f",  # cancel tag
    "\U000e0100",  # variation selector 17
]
LAYOUT = [
    "\u200d",  # zero-width joiner
    "\ufe0f",  # emoji presentation selector
    "\ufe0e",  # text presentation selector
    "\U0001f3fd",  # skin tone
    "\u00ad",  # soft hyphen
]
# What never reaches the screen: the characters above.
INVISIBLE = re.compile(f"[{''.join(HIDDEN + LAYOUT)}]")


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


@pytest.mark.parametrize("char", HIDDEN, ids=code)
def test_invisible_characters_are_removed_and_named(char):
    assert sanitize(f"a{char}b{char}") == "ab"
    assert hidden_characters(f"a{char}b{char}") == [code(char)]


@pytest.mark.parametrize("char", LAYOUT, ids=code)
def test_characters_of_uncertain_width_are_removed_silently(char):
    assert sanitize(f"👍{char}x") == "👍x"
    assert hidden_characters(f"👍{char}x") == []


def test_emoji_sequences_become_their_emoji():
    assert sanitize("👨\u200d👩\u200d👧\u200d👦") == "👨👩👧👦"
    assert sanitize("🏳\ufe0f\u200d🌈 ❤\ufe0f 👍🏽 1\ufe0f\u20e3") == "🏳🌈 ❤ 👍 1\u20e3"


def test_joiners_that_shape_scripts_and_combining_marks_stay():
    text = "می\u200cخواهم e\u0301 🇺🇸 中文"
    assert sanitize(text) == text


def test_what_has_visible_text():
    assert not has_visible_text("")
    assert not has_visible_text(" \u200b\u200d\u3164\u2800\u0301")
    assert has_visible_text("\u200bx")
    assert has_visible_text("␛")  # a placeholder is visible


def test_may_contain_unsafe_says_yes_to_every_raw_character():
    for char in HIDDEN + LAYOUT:
        for rest in ("plain", "é", "中文", "🎉"):  # every way CPython stores text
            assert may_contain_unsafe(f"title: {rest} {char}"), (code(char), rest)
    for clean in ("plain", "é « »", "中文 “x”", "🎉 e\u0301", "a\u200cb"):
        assert not may_contain_unsafe(f"title: {clean}\n"), clean


def briefing_yaml(title: str) -> str:
    return (
        f"format: briefing/1\ntitle: {title}\nsections:\n  - id: s\n    heading: H\n    body: [p]\n"
    )


@pytest.mark.parametrize("char", HIDDEN + LAYOUT, ids=code)
@pytest.mark.parametrize(
    "template",
    ["a{c}b", '"a{c}b"', '"a\\u{u}b"', "|-\n  a{c}b"],
    ids=["plain", "double", "escape", "block"],
)
def test_invisible_characters_never_load(char, template):
    if ord(char) > 0xFFFF and "\\u" in template:
        template = template.replace("\\u{u}", "\\U{u}")
    source = briefing_yaml(
        template.format(c=char, u=f"{ord(char):0{8 if ord(char) > 0xFFFF else 4}x}")
    )
    loaded = load_text(source, "raw.yaml")
    assert loaded.briefing.title == "ab"
    messages = [problem.message for problem in loaded.warnings]
    if char in HIDDEN:
        assert messages == [
            f"title: contains invisible characters ({code(char)}); they are not shown"
        ]
    else:
        assert messages == []


@pytest.mark.parametrize(
    ("where", "yaml", "field"),
    [
        ("title", 'title: "\\u200b\\u2060"', lambda b: b.title),
        ("sections[0].heading", "title: T\n# heading", lambda b: b.sections[0].heading),
        (
            "talking_points[0]",
            'title: T\ntalking_points: ["\\ufeff"]',
            lambda b: b.talking_points[0].text,
        ),
        (
            "quotes[0].speaker",
            'title: T\nquotes: [{speaker: "\\U000e0041\\U000e0042", text: q}]',
            lambda b: b.quotes[0].speaker,
        ),
        ("title", "title: \u3164", lambda b: b.title),  # a Hangul filler, raw
    ],
    ids=["title", "heading", "point", "speaker", "filler"],
)
def test_text_with_nothing_visible_is_a_warning_and_a_stand_in(where, yaml, field):
    heading = '"\\u200f"' if "# heading" in yaml else "H"
    source = (
        "format: briefing/1\n"
        + yaml.replace("# heading", "")
        + f"\nsections:\n  - id: s\n    heading: {heading}\n    body: [p]\n"
    )
    loaded = load_text(source, "blank.yaml")
    assert field(loaded.briefing) == NO_VISIBLE_TEXT
    assert f"{where}: has no visible text" in [p.message for p in loaded.warnings]


def test_blank_text_is_still_an_error():
    with pytest.raises(BriefingError) as error:
        load_text(briefing_yaml('"  "'), "blank.yaml")
    assert [p.message for p in error.value.problems] == ["title: must not be empty"]


# -- on the screen -------------------------------------------------------------------


def cells_char_by_char(text: str) -> int:
    """The width of ``text`` in a terminal that joins nothing: each character on its own."""
    return sum(get_character_cell_size(char) for char in text)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_emoji_sequences_never_move_a_border(reader, size):
    loaded = load_bytes(FIXTURE.read_bytes(), "emoji-invisible.yaml")
    async with reader(loaded.briefing, size) as (pilot, _screen):
        seen = []
        for pane in ("1", "2", "3"):  # at 80x24 one pane at a time
            await pilot.press(pane)
            await pilot.pause()
            for y, strip in enumerate(screen_strips(pilot.app)):
                text = strip_text(strip)
                # as wide as the screen however the terminal measures emoji sequences:
                # as Rich does (joined) and character by character (as tmux 3.3 does)
                assert strip.cell_length == size[0], (pane, y, text)
                assert cells_char_by_char(text) == size[0], (pane, y, text)
                assert INVISIBLE.search(text) is None, (pane, y, text)
            assert_clean(screen_strips(pilot.app), f"pane {pane}")
            seen.extend(screen_lines(pilot.app))
        shown = "\n".join(seen)
        assert "👨👩👧👦" in shown and "🏳🌈" in shown
        assert "Hidden: zerowidth, wordjoiner" in shown
        assert f"— {NO_VISIBLE_TEXT}, invisible speaker" in shown
        assert f"{NO_VISIBLE_TEXT}" in shown
