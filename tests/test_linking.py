"""Talking points and quotes find their passages, in any script."""

from __future__ import annotations

from tui.document import BodyDocument
from tui.format.loader import load_text
from tui.linking import Linker, words

CJK = """\
title: 地域
sections:
  - id: a
    heading: 概要
    body:
      - 経済協力について話し合った。
      - 日本政府は、地域の安定を重視すると述べた。
talking_points:
  - 地域の安定を重視
  - 경제 협력을 강화
quotes:
  - speaker: 報道官
    text: 安定を重視
"""


def test_words_of_unspaced_scripts_are_character_pairs() -> None:
    assert {"地域", "安定", "重視"} <= words("地域の安定を重視")
    assert not any("、" in word for word in words("日本政府は、地域"))  # punctuation is no word
    assert words("The peace DEAL with FARC") == {"peace", "deal", "farc"}


def test_a_japanese_point_finds_its_paragraph() -> None:
    briefing = load_text(CJK, "cjk.yaml").briefing
    document = BodyDocument(briefing)
    linker = Linker(briefing, document)
    point, _ = linker.points(briefing.talking_points)
    assert point is not None
    assert document.texts[point.block] == "日本政府は、地域の安定を重視すると述べた。"
    (quote,) = linker.quotes(briefing.quotes)
    assert quote is not None
    assert document.texts[quote.block][quote.start : quote.end] == "安定を重視"


def test_linking_stops_when_cancelled() -> None:
    briefing = load_text(CJK, "cjk.yaml").briefing
    linker = Linker(briefing, BodyDocument(briefing), cancelled=lambda: True)
    assert linker.quotes(briefing.quotes) == [None]


def test_linking_quotes_stops_when_cancelled_during_the_search() -> None:
    # Each quote may search the whole body: thousands of quotes found nowhere in a
    # large body kept the worker (and the exit of the app) busy for minutes.
    briefing = load_text(CJK, "cjk.yaml").briefing
    polls: list[int] = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > 1  # the app closes once the body is folded

    linker = Linker(briefing, BodyDocument(briefing), cancelled=cancelled)
    assert linker.quotes(briefing.quotes * 3) == [None, None, None]
