"""Hostile text on the screen: markup stays literal, control characters never reach the terminal."""

from __future__ import annotations

import asyncio
import re

import pytest
from rich.cells import cell_len
from snapshot_apps import (
    body_lines,
    collect,
    count_fuzzy_alignments,
    screen_lines,
    screen_strips,
    strip_text,
)
from textual.command import CommandPalette
from textual.strip import Strip

from tui.document.wrap import line_text
from tui.format.loader import load_text
from tui.format.problems import BriefingError
from tui.text import count_unsafe, sanitize, sanitize_line
from tui.ui.palette import BriefingCommands
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.screens.section_picker import SectionPicker

WIDE = (120, 40)
NARROW = (80, 24)

# What must never reach the terminal: ESC and the other C0 controls (tab and
# newline never survive into a rendered line either), DEL, C1, bidi controls.
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

LITERALS = [
    "[bold red]x[/]",
    "[@click=app.quit]x[/]",
    "[link=https://evil.example]x[/link]",
    "a[0]",
]


def assert_clean(strips: list[Strip], where: str) -> None:
    """No forbidden character in any segment, no hyperlink, no click action."""
    for y, strip in enumerate(strips):
        for segment in strip:
            found = FORBIDDEN.search(segment.text)
            assert found is None, f"{where}, line {y}: {found.group()!r} in {segment.text!r}"
            style = segment.style
            if style is not None:
                assert style.link is None, f"{where}, line {y}: link to {style.link}"
                assert "@click" not in style.meta, (where, style.meta)


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def body_text(body) -> str:
    """What the body pane shows, its wrapped lines joined with single spaces."""
    return " ".join(" ".join(body_lines(body)).split())


# -- the hostile-markup briefing on screen ---------------------------------------------


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
async def test_markup_shows_literally(hostile, reader, size):
    async with reader(hostile.briefing, size) as (pilot, _screen):
        text = screen_text(pilot.app)
        for literal in LITERALS:
            assert literal in text, literal
        assert "an unbalanced [/] and a[0]." in text
        # title, with its OSC 2 retitling sequence shown as ␛…␇
        assert screen_lines(pilot.app)[0].strip() == "[bold red]Pwned[/] ␛]2;HACKED-TITLE␇ title"
        assert pilot.app.title == "briefing-tui"  # the file's title never retitles the terminal
        assert "#a[0] #[/]" in text  # tags
        assert "Article · 1/2 · [b]Markup[/b] ␛[31mred␛[0m heading" in text  # border title
        if size == WIDE:
            # the subtitle (hidden on narrow terminals) ends with an unbalanced "[/"
            assert "[link=https://evil.example]link[/link] oops [/" in text
            assert "[bold]Literal[/bold] point with" in text  # talking point
            assert "“Markup stays literal: [bold red]x[/]”" in text  # quote
            assert "— [red]Mallory[/red], ␛]2;HACKED␇ role" in text  # its attribution
            # placeholders: ␛ for ESC, ␇ for BEL, � for C1 and bidi controls
            assert "␛[2J␛[H clear, ␛]2;HACKED-TITLE␇ title," in text
            assert "␛]52;c;SGVsbG8=␇ clipboard" in text  # OSC 52 (clipboard write)
            assert "C1 �31m and bidi �evil� �iso�." in text
            assert "␛]52;c;SGVsbG8=␇ clipboard �evil�" in text  # location, in the header
            assert text.count("␛") >= 8 and text.count("�") >= 6
        assert_clean(screen_strips(pilot.app), f"start {size}")


async def test_clicking_click_markup_does_nothing(hostile, reader):
    """ "[@click=app.quit]" was not turned into an action: clicking it does not quit."""
    async with reader(hostile.briefing, WIDE) as (pilot, screen):
        app = pilot.app
        clicked = 0
        for y, line in enumerate(screen_lines(app)):
            x = line.find("[@click=app.quit]")
            if x != -1:
                await pilot.click(offset=(x + 18, y))  # on "click me" / "x"
                await pilot.pause()
                assert app.is_running
                clicked += 1
        assert clicked == 2  # the subtitle and the first paragraph
        assert app.screen is screen
        # nor does reading on: every pane, a jump and back
        await pilot.press("j", "space", "G", "g", "right_square_bracket", "tab", "enter")
        await pilot.press("tab", "enter", "backspace", "1", "o")
        await pilot.pause()
        assert app.is_running
        assert app.screen is screen
        assert_clean(screen_strips(app), "after keys")


async def test_warning_toast_is_literal_and_clean(hostile, reader):
    async with reader(hostile.briefing, WIDE, hostile.warnings, notifications=True) as (
        pilot,
        _screen,
    ):
        text = screen_text(pilot.app)
        assert "6 warnings in this file" in text
        assert "2:8: title: contains terminal control characters" in text
        assert "and 5 more: briefing-tui validate lists them all" in text
        assert_clean(screen_strips(pilot.app), "toast")


async def test_modal_screens_and_palette_stay_literal_and_clean(hostile, reader):
    async with reader(hostile.briefing, WIDE) as (pilot, screen):
        app = pilot.app
        # the section picker lists the heading as written
        await pilot.press("t")
        assert isinstance(app.screen, SectionPicker)
        assert "1. [b]Markup[/b] ␛[31mred␛[0m" in screen_text(app)
        assert_clean(screen_strips(app), "section picker")
        await pilot.press(*"markup", "enter")
        await pilot.pause()
        assert app.screen is screen
        # the command palette shows the quote literally, matched letters and all
        await pilot.press("ctrl+p", *"Quote")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert "Quote: Markup stays literal: [bold red]x[/]" in screen_text(app)
        assert_clean(screen_strips(app), "palette")
        await pilot.press("enter")
        await pilot.pause()
        body = screen.body
        assert body.highlight is not None  # the quote's span, found in the first paragraph
        assert "[bold red]x[/]" in " ".join(body_lines(body))
        assert_clean(screen_strips(app), "after the palette jump")
        # and the help screen, over it all
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert_clean(screen_strips(app), "help")


@pytest.mark.parametrize("size", [WIDE, (60, 20)], ids=["120x40", "60x20"])
async def test_wide_scripts_and_long_words_wrap_inside_the_body(hostile, reader, size):
    async with reader(hostile.briefing, size) as (pilot, screen):
        body = screen.body
        layout = body.lay_out()
        document = body.document
        pane_width = body.scrollable_content_region.width
        assert layout.width <= pane_width
        for block, text in enumerate(document.texts):
            starts = layout.starts[block]
            pieces = [text[slice(*line_text(text, starts, row))] for row in range(len(starts))]
            for piece in pieces:
                assert cell_len(piece) <= layout.width, (block, piece)
            # nothing was lost to the wrapping: the pieces give back the text
            assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")
        word = "Supercalifragilistic" * 15
        assert len(word) == 300
        long_block = document.texts.index(word)
        assert len(layout.starts[long_block]) == -(-300 // layout.width)
        # on screen: every line of the body, all the way down, is exactly the pane's width
        seen = []
        height = body.scrollable_content_region.height
        for top in [*range(0, body.max_scroll_y, height), body.max_scroll_y]:
            body.scroll_to(y=top, animate=False, immediate=True)
            await pilot.pause()
            for y in range(height):
                strip = body.render_line(y)
                assert strip.cell_length == pane_width
                seen.append(strip_text(strip).strip())
            assert_clean(screen_strips(pilot.app), f"scrolled to {top}")
        shown = "".join(seen)
        assert word in shown.replace(" ", "")
        assert "中文字符和日本語のテキストと한국어" in shown
        assert "עברית מימין לשמאל" in shown and "العربية من اليمين إلى اليسار" in shown
        assert "e\u0301 n\u0303" in shown  # combining marks stay on their letters
        assert all(strip.cell_length == size[0] for strip in screen_strips(pilot.app))


# -- briefings built here ----------------------------------------------------------------

EVERY_CONTROL = (
    r"NUL\0 BEL\a BS\b VT\v FF\f CR\r ESC\e US\x1f DEL\x7f NEL\x85 CSI\x9b OSC\x9d "
    r"LRE\u202a RLO\u202e PDF\u202c LRI\u2066 FSI\u2068 PDI\u2069 end"
)

CONTROLS_YAML = f"""\
format: briefing/1
title: "Controls \\e]0;owned\\a [b]not bold[/b]"
sections:
  - id: controls
    heading: "Heading \\e[2J\\x9b2J"
    body:
      - "{EVERY_CONTROL}"
      - "Raw bidi with no backslash in sight: \u202eevil\u202c and \u2067isolate\u2069."
talking_points:
  - text: "Point \\e[5m[blink]"
quotes:
  - speaker: "Mallory \\x9d8;;http://evil.example\\x9c"
    text: "RLO\\u202e"
"""


async def test_every_control_class_shows_as_a_placeholder(reader):
    loaded = load_text(CONTROLS_YAML, "controls.yaml")
    async with reader(loaded.briefing, WIDE) as (pilot, screen):
        text = screen_text(pilot.app)
        assert "Controls ␛]0;owned␇ [b]not bold[/b]" in text
        shown = body_text(screen.body)
        assert "NUL␀ BEL␇ BS␈ VT␋ FF␌ CR␍ ESC␛ US␟ DEL␡ NEL� CSI� OSC�" in shown
        assert "LRE� RLO� PDF� LRI� FSI� PDI� end" in shown
        assert "Raw bidi with no backslash in sight: �evil� and �isolate�." in shown
        assert "Point ␛[5m[blink]" in text
        assert "Mallory �8;;http://evil.example�" in text
        assert_clean(screen_strips(pilot.app), "controls")


@pytest.mark.parametrize(
    "char",
    [chr(code) for code in (0x00, 0x07, 0x1B, 0x7F, 0x85, 0x9B, 0x9D, 0x202E, 0x2066)],
    ids=lambda char: f"U+{ord(char):04X}",
)
@pytest.mark.parametrize(
    "template",
    ['"a{c}b"', "a{c}b", "'a{c}b'", "|\n  a{c}b"],
    ids=["double", "plain", "single", "block"],
)
def test_raw_control_characters_never_load_unsanitised(char, template):
    """A raw control character in the file is either refused or shown as a placeholder."""
    source = (
        "format: briefing/1\ntitle: "
        + template.format(c=char)
        + "\nsections:\n  - id: s\n    heading: H\n    body: [p]\n"
    )
    try:
        loaded = load_text(source, "raw.yaml")
    except BriefingError:
        return
    assert count_unsafe(loaded.briefing.title) == 0, repr(loaded.briefing.title)


def test_palette_search_stays_cheap_on_repetitive_text(monkeypatch):
    source = (
        "format: briefing/1\ntitle: T\nsections:\n  - id: s\n    heading: H\n"
        f"    body: [x]\nquotes:\n  - speaker: S\n    text: {'ha ' * 30}\n"
    )
    briefing = load_text(source, "laugh.yaml").briefing
    scored = count_fuzzy_alignments(monkeypatch)
    hits = asyncio.run(collect(BriefingCommands(ReaderScreen(briefing)).search("hahaha")))
    assert any(str(hit.text).startswith("Quote: ha ha") for hit in hits)
    assert scored() < 10_000


# -- tui.text.sanitize ---------------------------------------------------------------------

C0 = [chr(code) for code in range(0x20) if chr(code) not in "\t\n"]
C1 = [chr(code) for code in range(0x80, 0xA0)]
BIDI = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]


@pytest.mark.parametrize("char", C0, ids=lambda char: f"U+{ord(char):04X}")
def test_sanitize_c0_becomes_its_control_picture(char):
    assert sanitize(f"a{char}b") == f"a{chr(0x2400 + ord(char))}b"


def test_sanitize_esc_and_del():
    assert sanitize("\x1b]2;title\x07") == "␛]2;title␇"
    assert sanitize("\x1b[31mred\x1b[0m") == "␛[31mred␛[0m"
    assert sanitize("\x7f") == "␡"


@pytest.mark.parametrize(
    ("name", "chars"), [("C1", C1), ("bidi", BIDI), ("surrogates", SURROGATES)]
)
def test_sanitize_replaces_with_replacement_character(name, chars):
    for char in chars:
        assert sanitize(f"a{char}b") == "a\ufffdb", (name, f"U+{ord(char):04X}")
        assert count_unsafe(char) == 1


def test_sanitize_keeps_tab_newline_and_ordinary_text():
    text = "tab\there\nnewline é 中文 🎉👩👩👧 e\u0301 עברית فار\u200cسی [bold]x[/] \u2028 \xa0"
    assert sanitize(text) == text
    assert count_unsafe(text) == 0


def test_sanitize_line_folds_tabs_and_newlines():
    assert sanitize_line("a\tb\nc\x1bd") == "a b c␛d"


def test_sanitize_everything_at_once_is_clean_and_idempotent():
    every = "".join([*C0, "\t", "\n", "\x7f", *C1, *BIDI, *SURROGATES])
    once = sanitize(every)
    assert FORBIDDEN.search(once.replace("\t", "").replace("\n", "")) is None
    assert sanitize(once) == once
    assert count_unsafe(every) == len(every) - 2
    assert count_unsafe(once) == 0
    assert len(once) == len(every)
