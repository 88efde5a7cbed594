"""The fast paths of talking-point linking pick what the plain index picked before them.

``reference_points`` is the linking of points as it was before the C-level
word split and the byte-vector scores: postings built from :func:`words` of
every paragraph, every hit counted in a dictionary. Both must give the same
targets on generated briefings, ASCII or not, with wide and narrow spans.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import tui.linking
from tui.document import TEXT_KINDS, BodyDocument
from tui.linking import POSTINGS_BUDGET, POSTINGS_PER_POINT, Linker, words
from tui.model import Briefing, Section, TalkingPoint

REPO = Path(__file__).resolve().parent.parent


def reference_points(briefing: Briefing) -> list[tuple[int, bool] | None]:
    """Each point's (block, exact) as the dictionary-counting index found it."""
    document = BodyDocument(briefing)
    wanted = [words(point.text) for point in briefing.talking_points]
    needed = set().union(*wanted)
    postings: dict[str, list[int]] = {}
    for block in range(len(document)):
        if document.kinds[block] in TEXT_KINDS:
            for word in words(document.texts[block]) & needed:
                postings.setdefault(word, []).append(block)
    sections = {}
    for index, section in enumerate(briefing.sections):
        sections.setdefault(section.id, index)
    ends = [*document.section_blocks[1:], len(document)]
    points = briefing.talking_points
    allowance = max(POSTINGS_BUDGET // max(len(points), 1), POSTINGS_PER_POINT)
    found: list[tuple[int, bool] | None] = []
    for point, want in zip(points, wanted, strict=True):
        section = sections.get(point.section) if point.section else None
        span = None if section is None else (document.section_blocks[section], ends[section])
        hits = []
        for word in want:
            blocks = postings.get(word)
            if not blocks:
                continue
            first, end = (
                (0, len(blocks))
                if span is None
                else (bisect_left(blocks, span[0]), bisect_left(blocks, span[1]))
            )
            if first < end:
                hits.append((first, end, blocks))
        hits.sort(key=lambda hit: hit[1] - hit[0])
        scores: dict[int, int] = {}
        left = allowance
        for first, end, blocks in hits:
            if end - first > left:
                break
            left -= end - first
            for block in blocks[first:end]:
                scores[block] = scores.get(block, 0) + 1
        if scores:
            found.append((min(scores, key=lambda block: (-scores[block], block)), True))
        elif section is not None:
            found.append((document.section_blocks[section], False))
        else:
            found.append(None)
    return found


def linked(briefing: Briefing) -> list[tuple[int, bool] | None]:
    targets = Linker(briefing, BodyDocument(briefing)).points(briefing.talking_points)
    return [None if target is None else (target.block, target.exact) for target in targets]


VOCABULARY = [
    "peace", "deal", "farc", "coca", "trade", "visit", "talks", "the", "of", "an",
    "Bogotá", "PEACE", "deal's", "co-operation", "x2y", "地域", "安定", "Ωμέγα", "naïve",
]  # fmt: skip
text = st.lists(st.sampled_from(VOCABULARY), max_size=8).map(lambda w: " ".join(w) or "x")


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    sections=st.lists(st.lists(text, min_size=1, max_size=5), min_size=1, max_size=5),
    points=st.lists(st.tuples(text, st.sampled_from([None, "s0", "s1", "s7"])), max_size=8),
    dense=st.sampled_from([None, 1, 2, 1_000_000]),
)
def test_points_link_as_the_dictionary_index_did(
    sections: list[list[str]], points: list[tuple[str, str | None]], dense: int | None
) -> None:
    briefing = Briefing(
        title="T",
        sections=tuple(Section(f"s{i}", f"H{i}", tuple(body)) for i, body in enumerate(sections)),
        talking_points=tuple(TalkingPoint(words, section) for words, section in points),
    )
    if dense is None:
        assert linked(briefing) == reference_points(briefing)
        return
    # Every span scored with byte vectors: words counted one by one (1), mixed (2), or all
    # as vectors (1,000,000).
    saved = tui.linking.VECTOR_SPAN, tui.linking.DENSE
    tui.linking.VECTOR_SPAN, tui.linking.DENSE = 1, dense
    try:
        assert linked(briefing) == reference_points(briefing)
    finally:
        tui.linking.VECTOR_SPAN, tui.linking.DENSE = saved


def test_the_benchmark_briefing_links_as_before() -> None:
    # 2,000 paragraphs of the benchmarks' generator: wide spans, dense words, the budget biting.
    sys.path.insert(0, str(REPO / "benchmarks"))
    import generate

    from tui.format.loader import load_text

    briefing = load_text(generate.generate(2000), "big.yaml").briefing
    assert linked(briefing) == reference_points(briefing)
