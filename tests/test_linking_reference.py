"""The linker links every talking point and quote where the one before it did.

:mod:`reference_linking` is ``tui/linking.py`` before its words were spaced by
one joined ``bytes.translate`` and appended by C-level ``map``. Both must give
the same targets on the bundled briefing, on every briefing under
``tests/data``, on the benchmarks' generated briefing and on generated
briefings whose paragraphs, points and quotes share words (ASCII or not, with
NULs, sections named or missing).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.document import BodyDocument, Target
from tui.format.loader import load_path, load_text
from tui.format.problems import BriefingError, UnreadableFileError
from tui.linking import Linker
from tui.model import Briefing, Quote, Section, TalkingPoint

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS.parent / "benchmarks"))

import reference_linking  # noqa: E402

Links = tuple[list[Target | None], list[Target | None]]


def links(linker: Linker | reference_linking.Linker, briefing: Briefing) -> Links:
    return linker.points(briefing.talking_points), linker.quotes(briefing.quotes)


def both(briefing: Briefing) -> tuple[Links, Links]:
    document = BodyDocument(briefing)
    new = links(Linker(briefing, document), briefing)
    old = links(reference_linking.Linker(briefing, BodyDocument(briefing)), briefing)
    return new, old


def loadable(path: Path) -> Briefing | None:
    try:
        return load_path(path).briefing
    except (BriefingError, UnreadableFileError):  # a file the loader refuses has nothing to link
        return None


FILES = sorted([*(TESTS.parent / "content").glob("*.yaml"), *(TESTS / "data").rglob("*.y*ml")])
LINKED = {path: briefing for path in FILES if (briefing := loadable(path)) is not None}
"""The files the loader takes (a tenth of a second at collection), each with its briefing."""


def file_id(path: Path) -> str:
    return str(path.relative_to(TESTS.parent))


def test_there_are_briefings_to_compare() -> None:
    assert len(LINKED) >= 20
    assert any(briefing.talking_points and briefing.quotes for briefing in LINKED.values())


@pytest.mark.parametrize("path", LINKED, ids=file_id)
def test_files_link_as_before(path: Path) -> None:
    new, old = both(LINKED[path])
    assert new == old


def test_only_the_files_the_loader_takes_are_cases_and_all_of_them() -> None:
    """The files the loader refuses are left out when the cases are collected (not
    skipped one by one as they run); every file it takes is a case."""
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q"]
    command += ["-o", "addopts="]  # one -q: the cases, one a line
    collected = subprocess.run(
        [*command, "-k", "test_files_link_as_before", __file__],
        capture_output=True,
        text=True,
        cwd=TESTS.parent,
        check=True,
    ).stdout
    cases = set(re.findall(r"test_files_link_as_before\[(.+)\]$", collected, re.MULTILINE))
    taken = {file_id(path) for path in FILES if loadable(path) is not None}
    assert cases == taken and len(taken) < len(FILES)


def test_the_benchmark_briefing_links_as_before() -> None:
    import generate

    briefing = load_text(generate.generate(3000), "big.yaml").briefing
    new, old = both(briefing)
    assert new == old
    assert sum(target is not None for target in new[0]) > len(new[0]) // 2


VOCABULARY = [
    "peace", "deal", "farc", "coca", "trade", "visit", "talks", "the", "of", "an", "TRADE",
    "Bogotá", "deal's", "co-operation", "x2y", "地域", "安定", "Ωμέγα", "naïve", "a\0b", "“peace”",
]  # fmt: skip
text = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=10).map(" ".join)
section_id = st.sampled_from([None, "s0", "s1", "s2", "s9"])


@given(
    sections=st.lists(st.lists(text, min_size=1, max_size=6), min_size=1, max_size=4),
    points=st.lists(st.tuples(text, section_id), max_size=8),
    quotes=st.lists(st.tuples(text, section_id), max_size=6),
)
def test_generated_briefings_link_as_before(
    sections: list[list[str]],
    points: list[tuple[str, str | None]],
    quotes: list[tuple[str, str | None]],
) -> None:
    briefing = Briefing(
        title="T",
        sections=tuple(Section(f"s{i}", f"H{i}", tuple(body)) for i, body in enumerate(sections)),
        talking_points=tuple(TalkingPoint(words, section) for words, section in points),
        quotes=tuple(Quote("Someone", words, section=section) for words, section in quotes),
    )
    new, old = both(briefing)
    assert new == old
