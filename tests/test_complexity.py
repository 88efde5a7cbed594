"""Crafted files cost time in proportion to their size, not its square.

Each worst case of ``benchmarks/worst_cases.py`` runs at two sizes, N and 4N:
the larger must take at most about 6 times as long as the smaller (16 times
would be quadratic), and a loader case must validate in at most twice the
time of PyYAML's C loader on the same text, plus half a second. Times are
the best of three runs (CPU time, ``time.process_time`` around the call, the
cyclic collector off), so that a busy machine does not fail the test; a little
absolute slack covers timings of a few milliseconds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import tui.findmany

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import worst_cases  # noqa: E402 - the benchmarks are scripts, not a package

GROWTH = 6.0
"""Largest time ratio allowed between size 4N and size N."""
SLACK = 0.01
"""Seconds added to the allowed time of the larger size: noise on runs of a few ms."""

SIZES = {
    "bad references": 400,
    "same headings": 1500,
    "unknown keys": 500,
    "duplicate keys": 3000,
    "long line": 500,
    "aliases": 3000,
    "deep nesting": 100,
    "link schemes": 5000,
    "brackets": 6000,
    "open links": 6000,
    "stars": 6000,
    "long word": 6000,
    "linking": 6000,
    "free points": 6000,
    "unfound quotes": 6000,
    "near-miss quotes": 6000,
    "one-letter search": 6000,
    "snippet matches": 800,
}


def best_of(run: Callable[[], object], runs: int = 3) -> float:
    """The fastest of a few runs, in seconds (see ``worst_cases.timed``)."""
    return min(worst_cases.timed(run) for _ in range(runs))


def loader_time(case: worst_cases.Case, n: int) -> tuple[float, float]:
    """Seconds to validate the case's text of size ``n``, and for ``yaml.load`` of it."""
    assert case.loader is not None
    text, limits = case.loader(n), case.limits(n)
    seconds = best_of(lambda: worst_cases.validate(text, limits))
    bare = best_of(lambda: worst_cases.bare_load(text))
    budget = 2 * bare + 0.5
    assert seconds <= budget, (
        f"{case.name} N={n}: validating took {seconds:.3f} s, over 2 x yaml.load"
        f" ({bare:.3f} s) + 0.5 s"
    )
    return seconds, bare


def grows_near_linearly(measure: Callable[[int], tuple[float, float]], n: int, name: str) -> None:
    """Size 4N takes at most :data:`GROWTH` times size N; a miss is measured twice more,
    both sizes in turn, before it fails (a quadratic step misses every time: 16x). CPU
    time too is slower while the machine is busy (a core's twin at work), so a quiet
    moment for N and a busy one for 4N can miss once: CI saw 0.100 s and 0.626 s for a
    step that takes 0.161 s and 0.661 s on a quiet machine.

    ``measure`` gives our seconds and those of PyYAML's own loader on the same text (0
    where there is none). Where PyYAML itself grows by more than 4x (its memory outgrows
    the caches: CI saw 6.6x for aliases at 3,000 and 12,000), ours may grow as much more:
    what is checked is the part of the growth that is ours."""
    (small, small_bare), (large, large_bare) = measure(n), measure(4 * n)

    def allowed() -> float:
        theirs = large_bare / small_bare if small_bare > 0 else 0.0
        return GROWTH * max(1.0, theirs / 4) * small + SLACK

    for _ in range(2):
        if large <= allowed():  # else a busy moment, or really superlinear?
            break
        (again, again_bare), (again_large, again_large_bare) = measure(n), measure(4 * n)
        small, small_bare = min(small, again), min(small_bare, again_bare)
        large, large_bare = min(large, again_large), min(large_bare, again_large_bare)
    assert large <= allowed(), (
        f"{name}: {small:.3f} s at N={n}, {large:.3f} s at 4N (over {GROWTH:g}x;"
        f" PyYAML alone {small_bare:.3f} s and {large_bare:.3f} s)"
    )


def ours_only(measure: Callable[[int], float]) -> Callable[[int], tuple[float, float]]:
    """A measure with no PyYAML part, for :func:`grows_near_linearly`."""
    return lambda n: (measure(n), 0.0)


@pytest.mark.parametrize("case", worst_cases.LOADER_CASES, ids=lambda case: case.name)
def test_loader_worst_case_is_near_linear(case: worst_cases.Case) -> None:
    # Each size is checked against its budget first: fails fast if quadratic.
    grows_near_linearly(lambda n: loader_time(case, n), SIZES[case.name], case.name)


@pytest.mark.parametrize("case", worst_cases.READER_CASES, ids=lambda case: case.name)
def test_reader_worst_case_is_near_linear(
    case: worst_cases.Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert case.reader is not None
    # Up to DIRECT_LIMIT quotes are searched for one by one (a C find each, bounded);
    # the index that takes over past that limit is what must grow linearly.
    monkeypatch.setattr(tui.findmany, "DIRECT_LIMIT", 0)
    reader = case.reader
    n = SIZES[case.name]
    assert best_of(reader(n)) <= 0.5, f"{case.name} N={n}: too slow"
    grows_near_linearly(ours_only(lambda size: best_of(reader(size))), n, case.name)


def test_every_case_has_a_size() -> None:
    assert {case.name for case in worst_cases.CASES} == set(SIZES)


def _import_short_lines(n: int) -> tuple[str, str]:
    """Headings, speech and its credits, titled names and lists: every plain-text rule."""
    block = (
        "Talks in round {i}\n"
        "We said “we will talk again” with President Jo Bi{i} and Minister Al Ca{i}.\n"
        "Trade Minister Ana Go{i}\n"
        "- A point, “quoted words” and more\n"
    )
    return "".join(block.format(i=i) for i in range(n)), "text"


def _import_one_line(n: int) -> tuple[str, str]:
    """One paragraph naming many people and quoting many times."""
    return "Headline\n" + "".join(
        f"President Jo Bi{i} said “a b c” and then “d e”. " for i in range(n)
    ), "text"


def _import_markdown(n: int) -> tuple[str, str]:
    """Headings (the same one), block quotes with credits, emphasis, links and lists."""
    block = (
        "## Talks\n\n> “We said it” *em* **strong** [link](https://example.org)\n>\n"
        "> — Minister Ana Gómez\n\n- item *x*\n- [a](b) “quoted words”\n\n"
    )
    return "# Title\n\n" + block * n, "markdown"


def _import_same_headings(n: int) -> tuple[str, str]:
    """Sections all headed alike: their ids are talks, talks-2, … without rescans."""
    return "Headline\n" + "Talks\nText.\n" * n, "text"


def _import_escapes(n: int) -> tuple[str, str]:
    """Escape sequences that never end, and openings of them: each one's match must stop
    at the next escape, not run on to the end of the text."""
    return "Headline\n" + "\x1b]0;a \x1b[1;" * n + "\x9d" * n + "\n", "text"


IMPORT_CASES = {
    "import: same headings": (_import_same_headings, 3000),
    "import: short lines": (_import_short_lines, 500),
    "import: one line": (_import_one_line, 2000),
    "import: markdown": (_import_markdown, 150),
    "import: escapes": (_import_escapes, 5000),
}


@pytest.mark.parametrize("name", IMPORT_CASES)
def test_import_worst_case_is_near_linear(name: str) -> None:
    from tui.authoring.article import import_article
    from tui.authoring.emit import draft_yaml

    make, n = IMPORT_CASES[name]

    def seconds(size: int) -> float:
        text, kind = make(size)
        return best_of(lambda: draft_yaml(import_article(text, kind)))

    assert seconds(n) <= 1.0, f"{name} N={n}: too slow"
    grows_near_linearly(ours_only(seconds), n, name)


def _extracted_page(n: int) -> object:
    """An article as trafilatura gives it (its XML tree): ``n`` sections of headings,
    paragraphs full of emphasis and links, lists and credited quotes, and deep quotes."""
    from lxml import etree

    block = (
        "<head rend='h2'>Talks</head><p>Words <hi rend='#b'>strong</hi> and "
        "<hi rend='#i'>em</hi> and <ref target='https://example.org'>a link</ref>, "
        "“quoted words” and President Jo Bi{i} said so.</p>"
        "<list rend='ul'><item>An item <hi rend='#i'>x</hi></item><item>Another</item></list>"
        "<quote><p>We said it.</p>— Minister Ana Go{i}</quote>"
        + "<quote>" * 20
        + "<p>deep</p>"
        + "</quote>" * 20
    )
    return etree.fromstring("<body>" + "".join(block.format(i=i) for i in range(n)) + "</body>")


def test_html_import_walk_is_near_linear() -> None:
    """What the import does with trafilatura's tree (trafilatura's own time is its own)."""
    from tui.authoring.emit import draft_yaml
    from tui.authoring.enrich import finish
    from tui.authoring.markdown import draft_of_tokens
    from tui.authoring.webpage import Texts, tokens_of

    def seconds(size: int) -> float:
        body = _extracted_page(size)

        def run() -> None:
            draft = draft_of_tokens(tokens_of(body, Texts()))
            finish(draft)
            draft_yaml(draft)

        return best_of(run)

    assert seconds(100) <= 1.0, "html walk N=100: too slow"
    grows_near_linearly(ours_only(seconds), 100, "html walk")
