"""Small crafted inputs that once took seconds to minutes, and the time each takes now.

``python benchmarks/worst_cases.py [--sizes 500,1000,2000] [--case NAME]`` prints,
for each case and size, the time of the code under attack and, for the loader
cases, the time of a bare ``yaml.load`` with ``yaml.CSafeLoader`` of the same
text. ``tests/test_complexity.py`` imports the generators from here and checks
that each grows near-linearly.

Loader cases build briefing YAML text of size N and are timed through
``load_text`` (which ``validate`` and the reader both use); reader cases build a
string or a briefing and time ``parse_inline``, ``line_starts`` or the
``Linker`` directly.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from tui.document import BodyDocument
from tui.document.inline import parse_inline
from tui.document.wrap import line_starts
from tui.format.limits import Limits
from tui.format.loader import load_text
from tui.format.problems import BriefingError
from tui.linking import Linker
from tui.model import Briefing, Quote, Section, TalkingPoint
from tui.verify import quote_problems

# -- loader cases: N -> YAML text ---------------------------------------------------


def _sections(n: int, *, ids: bool = True) -> list[str]:
    lines = ["title: Worst case", "sections:"]
    for i in range(n):
        if ids:
            lines.append(f"  - id: section-{i:05d}")
            lines.append(f"    heading: Heading {i}")
        else:
            lines.append(f"  - heading: Heading {i}")
        lines.append("    body: x")
    return lines


def bad_references(n: int) -> str:
    """N sections and N talking points, each naming a different misspelt section id."""
    lines = _sections(n)
    lines.append("talking_points:")
    for i in range(n):
        lines.append("  - text: x")
        lines.append(f"    section: sectoin-{i:05d}")
    return "\n".join(lines) + "\n"


def same_headings(n: int) -> str:
    """N sections with the same heading and no ids (ids talks, talks-2, … talks-N)."""
    lines = ["title: Worst case", "sections:"]
    lines += ["  - heading: Talks\n    body: x"] * n
    return "\n".join(lines) + "\n"


def unknown_keys(n: int) -> str:
    """N sections, each with a different unknown key close to a known one."""
    lines = ["title: Worst case", "sections:"]
    for i in range(n):
        lines.append(f"  - heading: H{i}\n    body: x\n    headng{i}: y")
    return "\n".join(lines) + "\n"


def duplicate_keys(n: int) -> str:
    """One mapping with the same key N times (a warning each)."""
    lines = ["title: Worst case", "sections:", "  - heading: H", "    body: x"]
    lines += ["    id: a"] * n
    return "\n".join(lines) + "\n"


def long_line(n: int) -> str:
    """A paragraph of N × 100 characters on one line, and a heading as long."""
    word = "word " * 20
    return f"title: Worst case\nsections:\n  - heading: {word * n}\n    body: {word * n}\n"


def aliases(n: int) -> str:
    """N aliases of one anchor (loaded with ``max_aliases`` = N)."""
    lines = ["title: &t Worst case", "sections:"]
    lines += [f"  - id: s{i}\n    heading: *t\n    body: *t" for i in range(n // 2)]
    return "\n".join(lines) + "\n"


def deep_nesting(n: int) -> str:
    """N sections, each body a list nested as deep as the default limit allows (an error)."""
    depth = Limits().max_depth - 3
    lines = ["title: Worst case", "sections:"]
    lines += [f"  - heading: H\n    body: {'[' * depth}x{']' * depth}"] * n
    return "\n".join(lines) + "\n"


def link_schemes(n: int) -> str:
    """One paragraph of N link openings, each with a scheme of many letters and no colon
    (no scheme at all), and N with schemes never opened (each warned of once)."""
    opening = "[a](" + "x" * 40
    text = opening * n + "".join(f"[a](s{k}:x)" for k in range(n // 10))
    return f"title: Worst case\nsections:\n  - heading: H\n    body:\n      - '{text}'\n"


# -- reader cases: N -> a callable to time ------------------------------------------


def brackets(n: int) -> Callable[[], object]:
    """A paragraph of N ``[``."""
    text = "[" * n
    return lambda: parse_inline(text)


def open_links(n: int) -> Callable[[], object]:
    """N link openings ``[a](http://x`` that never close."""
    text = "[a](http://x" * (n // 10)
    return lambda: parse_inline(text)


def stars(n: int) -> Callable[[], object]:
    """Emphasis markers that never pair: ``** a`` repeated, and N ``*``."""
    text = "** a" * (n // 4) + "*" * n
    return lambda: parse_inline(text)


def long_word(n: int) -> Callable[[], object]:
    """One word of N characters, and one of N wide characters, wrapped to 80 cells."""
    narrow, wide = "a" * n, "字" * n
    return lambda: (line_starts(narrow, 80), line_starts(wide, 80))


def _briefing(count: int, *, sections: bool) -> Briefing:
    """``count`` one-paragraph sections, talking points and quotes; no point or quote matches."""
    return Briefing(
        title="Worst case",
        sections=tuple(Section(f"s{i}", f"S{i}", (f"common word{i} text",)) for i in range(count)),
        talking_points=tuple(
            TalkingPoint(f"unmatched point{i}", f"s{i}" if sections else None) for i in range(count)
        ),
        quotes=tuple(Quote("S", f"found nowhere {i}", None, f"s{i}") for i in range(count)),
    )


def _linker(briefing: Briefing) -> Linker:
    return Linker(briefing, BodyDocument(briefing))


def linking(n: int) -> Callable[[], object]:
    """N/10 sections and N/10 talking points, each naming a section and matching nothing."""
    briefing = _briefing(n // 10, sections=True)
    return lambda: _linker(briefing).points(briefing.talking_points)


def linking_free_points(n: int) -> Callable[[], object]:
    """N/10 paragraphs and N/10 talking points without a section: every paragraph competes."""
    briefing = _briefing(n // 10, sections=False)
    return lambda: _linker(briefing).points(briefing.talking_points)


def linking_quotes(n: int) -> Callable[[], object]:
    """N/10 paragraphs and N/10 quotes found nowhere (past a size, found through an index)."""
    briefing = _briefing(n // 10, sections=True)
    return lambda: _linker(briefing).quotes(briefing.quotes)


def _letters(number: int) -> str:
    """``number`` written in letters (a, b, …, z, ba, …): words that count as words."""
    text = ""
    while True:
        number, digit = divmod(number, 26)
        text = chr(ord("a") + digit) + text
        if not number:
            return text


def near_miss_quotes(n: int) -> Callable[[], object]:
    """A paragraph of N words and N/10 short ones; N/10 quotes each a word off one of them."""
    count = n // 10
    long = " ".join(f"say{_letters(i)}" for i in range(n))
    paragraphs = [f"we could agree on word{_letters(i)} at last" for i in range(count)]
    quotes = [
        f"we can agree on word{_letters(i)}"
        if i % 2
        else f"say{_letters(i)} nay say{_letters(i + 1)}"
        for i in range(count)
    ]
    briefing = Briefing(
        title="Worst case",
        sections=(Section("s", "S", (long, *paragraphs)),),
        quotes=tuple(Quote("S", text) for text in quotes),
    )
    return lambda: quote_problems(briefing)


def one_letter_search(n: int) -> Callable[[], object]:
    """A paragraph of 50N characters and N short ones, searched for one letter (``e``):
    count every match, then light up each 80-character line of the long paragraph."""
    from tui.search import Corpus, Highlights, Query, count_matches

    long = "the tree " * (50 * n // 9)
    texts = [long, *(f"here {i}" for i in range(n))]
    query = Query.parse("e")
    assert query is not None

    def run() -> None:
        corpus = Corpus(texts)
        count_matches([corpus], query)
        lit = Highlights(corpus, query)
        for start in range(0, len(long), 80):
            lit.spans(0, start, start + 80)

    return run


def snippet_matches(n: int) -> Callable[[], object]:
    """A search result's snippet of a passage of N words, every one a match (``trade``) or
    in a matching phrase: where its window goes was chosen by counting, for each match, the
    matches of every other."""
    from tui.library.query import parse
    from tui.library.snippets import highlight

    text = "trade deal " * (n // 2)
    terms = [term for clause in parse('trade "deal trade"').clauses for term in clause]

    def run() -> None:
        highlight(text, terms)

    return run


# -- the registry ---------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One worst case: its name and what it builds."""

    name: str
    loader: Callable[[int], str] | None = None
    reader: Callable[[int], Callable[[], object]] | None = None
    limits: Callable[[int], Limits] = lambda n: Limits()


LOADER_CASES = (
    Case("bad references", loader=bad_references),
    Case("same headings", loader=same_headings),
    Case("unknown keys", loader=unknown_keys),
    Case("duplicate keys", loader=duplicate_keys),
    Case("long line", loader=long_line),
    Case("aliases", loader=aliases, limits=lambda n: Limits(max_aliases=n)),
    Case("deep nesting", loader=deep_nesting),
    Case("link schemes", loader=link_schemes),
)
READER_CASES = (
    Case("brackets", reader=brackets),
    Case("open links", reader=open_links),
    Case("stars", reader=stars),
    Case("long word", reader=long_word),
    Case("linking", reader=linking),
    Case("free points", reader=linking_free_points),
    Case("unfound quotes", reader=linking_quotes),
    Case("near-miss quotes", reader=near_miss_quotes),
    Case("one-letter search", reader=one_letter_search),
    Case("snippet matches", reader=snippet_matches),
)
CASES = LOADER_CASES + READER_CASES
"""The cases that must grow near-linearly (``tests/test_complexity.py``)."""


def validate(text: str, limits: Limits) -> None:
    """Load ``text`` as ``validate`` does, keeping the problems but not raising them."""
    with contextlib.suppress(BriefingError):
        load_text(text, "worst.yaml", limits=limits)


def bare_load(text: str) -> None:
    """PyYAML's C loader on the same text: the yardstick."""
    yaml.load(text, Loader=yaml.CSafeLoader)


def timed(run: Callable[[], object]) -> float:
    """CPU seconds taken by one call, the cyclic collector off (its passes come at random sizes).

    CPU time, not wall time: on a busy machine the time spent waiting for a
    core would otherwise count, and the ratios between sizes would be noise.
    """
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        run()
        return time.process_time() - start
    finally:
        gc.enable()


def measure(case: Case, n: int) -> tuple[float, float | None]:
    """Seconds for the case at size ``n``, and for the bare YAML load (loader cases only)."""
    if case.loader is not None:
        text = case.loader(n)
        limits = case.limits(n)
        return timed(lambda: validate(text, limits)), timed(lambda: bare_load(text))
    assert case.reader is not None
    return timed(case.reader(n)), None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000,16000", help="comma-separated sizes N")
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'case':<16} {'N':>7} {'seconds':>9} {'yaml.load':>9}")
    for case in CASES:
        if args.case and case.name not in args.case:
            continue
        for n in sizes:
            seconds, bare = measure(case, n)
            shown = f"{bare:9.3f}" if bare is not None else f"{'':>9}"
            print(f"{case.name:<16} {n:>7} {seconds:9.3f} {shown}", flush=True)


if __name__ == "__main__":
    main()
