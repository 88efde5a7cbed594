"""Quotes checked against the article: by ``validate``, and marked in the reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_apps import screen_lines

from tui.cli.commands import main
from tui.format.loader import load_path, load_text
from tui.model import Briefing
from tui.ui.screens.info import InfoScreen
from tui.ui.widgets.quotes import NOT_FOUND, QuotesList
from tui.verify import quote_problems

BRIEFING = """\
title: The summit
sections:
  - heading: The deal
    body:
      - >-
        Negotiators met for a third night. "We put in the bank what we could
        agree on," the minister said, and left for the airport.
      - The rest would wait for next year.
  - heading: The mood
    body: |
      Delegates were tired.

      Nobody expected the talks to end so soon.
quotes:
  - speaker: Minister
    text: bank what we could agree on
  - speaker: Minister
    text: >-
      We put in the
      bank what we could
      agree on
  - speaker: Minister
    text: bank what we can agree on
  - speaker: Minister
    text: Ice cream for everyone
  - speaker: Minister
    text: left for the airport. The rest would wait
  - speaker: Delegate
    text: Nobody expected the talks to end so early
"""
"""Two quotes in the article (one written over three lines), a word changed, one
found nowhere, one split across two paragraphs, one near miss in a ``|`` body."""


@pytest.fixture
def path(tmp_path: Path) -> str:
    file = tmp_path / "summit.yaml"
    file.write_text(BRIEFING, encoding="utf-8")
    return str(file)


EXPECTED = [
    ":23:11: {}: quotes[2]: not in the article; closest, in 'The deal' (line 6):"
    ' "bank what we could agree on" — the quote has "can" where the article has "could"',
    ":25:11: {}: quotes[3]: not in the article (no passage of the article comes close)",
    ":27:11: {}: quotes[4]: not in the article; closest, in 'The deal' (line 6):"
    ' "left for the airport." — the quote runs on into the next paragraph,'
    " which the article starts apart",
    ":29:11: {}: quotes[5]: not in the article; closest, in 'The mood' (line 13):"
    ' "Nobody expected the talks to end so soon." — the quote has "early"'
    ' where the article has "soon."',
]


def test_validate_warns_of_each_quote_not_in_the_article(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", path]) == 0
    assert capsys.readouterr().err.splitlines() == [
        path + line.format("warning") for line in EXPECTED
    ]


def test_strict_makes_a_misquote_an_error(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", "-v", path]) == 1
    out, err = capsys.readouterr()
    assert out == ""  # not "ok"
    assert err.splitlines() == [path + line.format("error") for line in EXPECTED]


def test_a_quote_in_the_article_gives_no_warning() -> None:
    first, _ = BRIEFING.split("  - speaker: Minister\n    text: bank what we can")
    briefing = load_text(first).briefing  # the first two quotes only
    assert len(briefing.quotes) == 2
    assert quote_problems(briefing) == []


def test_every_quote_of_the_bundled_briefing_is_in_its_article(seed: Briefing) -> None:
    assert quote_problems(seed) == []


def test_a_quote_differing_only_in_a_quote_mark_says_so() -> None:
    text = BRIEFING.replace(
        "text: Ice cream for everyone",
        "text: We put in the bank what we could agree on, the minister said",
    )
    problems = quote_problems(load_text(text).briefing)
    assert problems[1].message == (
        "quotes[3]: not in the article; closest, in 'The deal' (line 6):"
        ' "We put in the bank what we could agree on," the minister …"'
        ' — the quote has "on," where the article has "on,""'
    )


def test_a_word_changed_beside_a_quote_mark_is_shown_without_the_mark() -> None:
    """The article's word came with its closing mark: `the article has "causes”"`."""
    text = BRIEFING.replace(
        "text: Ice cream for everyone",
        "text: We put in the bank what we could agree to",
    )
    problems = quote_problems(load_text(text).briefing)
    assert problems[1].message.endswith(' — the quote has "to" where the article has "on,"')


def test_the_closest_passage_is_the_one_holding_the_quotes_words_in_order() -> None:
    """An earlier paragraph with as many of the quote's words, or more, in another order
    was named as the closest, and the differences read as nonsense."""
    text = """\
title: The talks
sections:
  - heading: Early
    body:
      - Fair terms for both sides? The minister said the deal needed time.
  - heading: Late
    body:
      - In the end the minister said the deal was good for both sides.
quotes:
  - speaker: Minister
    text: the minister said the deal was fair for both sides
"""
    (problem,) = quote_problems(load_text(text).briefing)
    assert problem.message == (
        "quotes[0]: not in the article; closest, in 'Late' (line 8):"
        ' "the minister said the deal was good for both sides"'
        ' — the quote has "fair" where the article has "good"'
    )


def test_each_text_of_the_body_knows_its_line(path: str) -> None:
    lines = [section.lines for section in load_path(path).briefing.sections]
    assert lines == [(6, 8), (11, 13)]
    listed = load_text(
        "title: t\nsections:\n  - heading: h\n    body:\n"
        "      - quote: >-\n          Said\n        speaker: S\n"
        "      - bullets:\n          - one\n          - >-\n            two\n"
    ).briefing
    assert listed.sections[0].lines == (6, 7, 9, 11)  # quote, its credit (the speaker), items


# -- the reader -------------------------------------------------------------------------


async def test_the_reader_marks_quotes_not_in_the_article(path: str, reader, notes) -> None:
    briefing = load_path(path).briefing
    async with reader(briefing, (120, 60)) as (pilot, screen):
        assert screen.query_one(QuotesList).not_found == {2, 3, 4, 5}
        await pilot.press("3")
        await pilot.pause()
        lines = [line.strip("│ ▍") for line in screen_lines(pilot.app)]
        assert sum(NOT_FOUND in line for line in lines) == 4  # under four quotes of six
        can = lines.index("“bank what we can agree on”")
        assert lines[can + 1 : can + 3] == ["— Minister", NOT_FOUND]
        assert lines[lines.index("“bank what we could agree on”") + 2] == ""

        await pilot.press("j", "j", "enter")  # the quote with "can"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert notes[-1] == (
            "This quote does not occur in the article word for word, and names no section.\n"
            "Closest, in 'The deal' (line 6): \"bank what we could agree on\""
            ' — the quote has "can" where the article has "could".'
        )
        await pilot.press("j", "enter")  # found nowhere
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert notes[-1].endswith("\nNo passage of the article comes close.")

        await pilot.press("i")
        info = pilot.app.screen
        assert isinstance(info, InfoScreen)
        assert info.not_found == 4
        assert "4 of 6 not in the article word for word" in "\n".join(
            str(static.render()) for static in info.query("Static")
        )
