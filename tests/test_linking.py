"""Talking points and quotes find their passages, in any script."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.document import PARAGRAPH, BodyDocument
from tui.format.loader import load_text
from tui.linking import Linker, words
from tui.model import Briefing, Section, TalkingPoint

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


def reference_points(linker: Linker, points: Sequence[TalkingPoint]) -> list[int | None]:
    """The rule as written: every candidate paragraph scored against every point."""
    document = linker.document
    ids = {section.id for section in linker.briefing.sections}
    found: list[int | None] = []
    for point in points:
        best, score = None, 0
        for block, text in enumerate(document.texts):
            if document.kinds[block] != PARAGRAPH:
                continue
            section = briefing_section(linker, block)
            if point.section in ids and point.section != section:
                continue
            shared = len(words(point.text) & words(text))
            if shared > score:
                best, score = block, shared
        found.append(best)
    return found


def briefing_section(linker: Linker, block: int) -> str:
    return linker.briefing.sections[linker.document.section_of[block]].id


VOCABULARY = ["peace", "deal", "farc", "coca", "trade", "visit", "talks", "bogotá", "地域", "安定"]
texts = st.lists(st.sampled_from(VOCABULARY), max_size=6).map(" ".join)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    sections=st.lists(st.lists(texts, min_size=1, max_size=4), min_size=1, max_size=4),
    points=st.lists(st.tuples(texts, st.sampled_from([None, "s0", "s1", "s9"])), max_size=6),
)
def test_points_link_as_the_rule_says(
    sections: list[list[str]], points: list[tuple[str, str | None]]
) -> None:
    """The indexed search picks the paragraph the plain rule picks (earliest of equals)."""
    briefing = Briefing(
        title="T",
        sections=tuple(
            Section(f"s{i}", f"H{i}", tuple(p or "x" for p in body))
            for i, body in enumerate(sections)
        ),
        talking_points=tuple(TalkingPoint(text or "x", section) for text, section in points),
    )
    linker = Linker(briefing, BodyDocument(briefing))
    targets = linker.points(briefing.talking_points)
    expected = reference_points(linker, briefing.talking_points)
    for target, block, point in zip(targets, expected, briefing.talking_points, strict=True):
        if block is not None:
            assert target is not None and target.block == block and target.exact
        elif point.section in {section.id for section in briefing.sections}:
            assert target is not None and not target.exact  # the section's heading
        else:
            assert target is None
