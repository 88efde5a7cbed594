"""The fast inline parser gives exactly what the scanner it replaced gave, on any text.

:func:`tui.document.inline.parse_inline` finds markers with ``str.find`` and
matches each with one regular expression; ``tests/inline_reference.py`` is the
marker-by-marker scanner it replaced, kept as it was. Both must give the same
shown text and the same spans (start, end, kind, URL) on ordinary and on nasty
Markdown: unbalanced and runs of ``*``, a thousand ``[``, nested emphasis,
backslashes, links with parentheses, CJK, combining marks, odd spaces.
"""

from __future__ import annotations

import time

import inline_reference
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.document.inline import parse_inline, shown_text

Parsed = tuple[str, list[tuple[int, int, str, str | None]]]


def fast(source: str) -> Parsed:
    inline = parse_inline(source)
    return inline.plain, [(s.start, s.end, s.kind, s.url) for s in inline.spans]


def reference(source: str) -> Parsed:
    inline = inline_reference.parse_inline(source)
    return inline.plain, [(s.start, s.end, s.kind, s.url) for s in inline.spans]


PIECES = [
    *("*", "**", "***", "[", "]", "(", ")", "](", "][", "[]", "()", "[x]", "(x)"),
    *("](http://u", "](https://v.w/x?y=1", "](https://a.example/p)", "](ftp://no)", "http://"),
    *("a", "word", "b c", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u200b"),
    *("\\", "\\*", "\\[", "_", "__", "`", "!", "<b>", "&amp;", "#"),
    *("中文", "字", "한국어", "e\u0301", "\u0301", "😀", "👩\u200d💻", "\u202e"),
]
"""Pieces that make markers, near-markers, spaces Python counts as such and text of every width."""

NASTY = [
    "[" * 1000,
    "[" * 1000 + "a](https://x.example)",
    "[a" * 500 + "](https://x.example)",
    "*" * 1000,
    "**" * 500 + "a",
    "*a " * 500,
    "**a *b* c**",
    "*a **b** c*",
    "***a***",
    "**a*b**",
    "*a**",
    "**a b*",
    "[a [b](http://x) c](http://y)",
    "[a](http://x/(y))",
    "[a][b](https://x.example)",
    "[a]b[c](https://x.example) [d] [e](https://y.example)",
    "[a](http://x/y)(z)",
    "[*a*](https://x.example) and *[b](https://y.example)*",
    "\\*a\\* \\[b\\](http://x)",
    "*中文* **한국어** [字](https://例え.jp)",
    "*e\u0301* **\u0301a\u0301**",
    "*\u3000a* *a\u3000* *\u00a0a\u00a0*",
    "[a](https://x.example" + ")" * 50,
    "](" * 300 + "[",
]


def test_the_reference_is_the_old_scanner() -> None:
    # Not the code under test by another name: the reference still has its own scanner.
    assert inline_reference.parse_inline is not parse_inline
    assert hasattr(inline_reference, "_Scanner")


@pytest.mark.parametrize("source", NASTY, ids=range(len(NASTY)))
def test_nasty_texts_parse_as_before(source: str) -> None:
    assert fast(source) == reference(source)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
@example("Some *emphasis*, **strong** and [a link](https://example.org/a).")
def test_inline_markdown_parses_as_before(source: str) -> None:
    assert fast(source) == reference(source)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_any_text_parses_as_before(source: str) -> None:
    assert fast(source) == reference(source)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(alphabet="*[]() :/htps\\", max_size=6)),
        max_size=30,
    ).map("".join)
)
def test_markers_among_any_characters_parse_as_before(source: str) -> None:
    assert fast(source) == reference(source)


@pytest.mark.parametrize(
    "source",
    ["[" * 200_000, "[a" * 100_000, "*" * 200_000, "**a " * 50_000, "[a](" * 50_000],
    ids=["brackets", "bracket-words", "stars", "open-strong", "open-links"],
)
def test_worst_cases_stay_linear(source: str) -> None:
    # A look-ahead from every [ to the end would take minutes here; a linear scan, milliseconds.
    start = time.process_time()
    parse_inline(source)
    assert time.process_time() - start < 1.0


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
@example("a **b** *c* d*")
@example("**a b* [c](https://x.example)")
def test_shown_text_is_the_parsed_plain_text(source: str) -> None:
    assert shown_text(source) == reference(source)[0]
    star_only = source.replace("[", "")  # the substitution's own path
    assert shown_text(star_only) == reference(star_only)[0]
