"""Finding, counting and lighting up matches, apart from the screen (tui.search)."""

from __future__ import annotations

import re

import pytest

import tui.search
from tui.document import BodyDocument
from tui.search import (
    MAX_QUERY,
    Corpus,
    Highlights,
    Query,
    count_matches,
    find_next,
)


def naive_count(texts: list[str], needle: str, *, case: bool = False) -> int:
    """Non-overlapping occurrences, one text at a time (what the chunks must add up to)."""
    if not case:
        texts, needle = [text.lower() for text in texts], needle.lower()
    return sum(text.count(needle) for text in texts)


def walk(corpora: list[Corpus], query: Query) -> list[tuple[int, int, int]]:
    """Every match from the start, with n, until the search goes round."""
    found = find_next(corpora, query, (0, 0, 0))
    seen = []
    while found is not None and not (seen and found.wrapped):
        match = found.match
        seen.append((match.pane, match.unit, match.start))
        found = find_next(corpora, query, (match.pane, match.unit, match.end))
    return seen


PANES = [
    ["The harbour deal was signed.", "Harbour fees fall; the harbour grows."],
    ["The harbour reopens", "Nothing here"],
    ["“We built the harbour together”", "Ana Harbour"],
]


def corpora() -> list[Corpus]:
    return [Corpus(texts) for texts in PANES]


def test_a_query_in_lower_case_matches_any_case_and_one_with_a_capital_only_its_case():
    lower, capital = Query.parse("harbour"), Query.parse("Harbour")
    assert lower is not None and not lower.case_sensitive
    assert capital is not None and capital.case_sensitive
    assert count_matches(corpora(), lower).totals == (3, 1, 2)  # type: ignore[union-attr]
    assert count_matches(corpora(), capital).totals == (1, 0, 1)  # type: ignore[union-attr]


def test_accents_do_not_matter_as_in_the_library_search():
    """``/ninos`` and ``/bogota`` found nothing in a Spanish briefing that the library's
    search found; the match keeps the text's own offsets, accents and all."""
    panes = [Corpus(["Los niños de Bogotá", "NIÑOS"]), Corpus(["Ecole, école, ÉCOLE"])]
    for typed, totals in [("ninos", (2, 0)), ("niños", (2, 0)), ("Bogota", (1, 0)),
                          ("école", (0, 3)), ("Ecole", (0, 1)), ("ÉCOLE", (0, 1))]:  # fmt: skip
        query = Query.parse(typed)
        assert query is not None
        assert count_matches(panes, query).totals == totals, typed  # type: ignore[union-attr]
    query = Query.parse("bogota")
    assert query is not None
    found = find_next(panes, query, (0, 0, 0))
    assert found is not None and found.match[:4] == (0, 0, 13, 19)
    assert "Los niños de Bogotá"[13:19] == "Bogotá"


def test_n_goes_through_the_panes_in_reading_order_and_round():
    query = Query.parse("harbour")
    assert query is not None
    order = walk(corpora(), query)
    assert order == [(0, 0, 4), (0, 1, 0), (0, 1, 23), (1, 0, 4), (2, 0, 14), (2, 1, 4)]
    last = find_next(corpora(), query, (2, 1, 15))  # past the last: round to the first
    assert last is not None and last.wrapped and last.match[:3] == (0, 0, 4)
    back = find_next(corpora(), query, (0, 0, 4), backward=True)  # before the first: the last
    assert back is not None and back.wrapped and back.match[:3] == (2, 1, 4)
    back = find_next(corpora(), query, (1, 0, 4), backward=True)
    assert back is not None and not back.wrapped and back.match[:3] == (0, 1, 23)


def test_finding_before_and_after_the_texts_are_joined_agrees():
    query = Query.parse("harbour")
    assert query is not None
    before = walk(corpora(), query)
    joined = corpora()
    count_matches(joined, query)  # builds the joined texts
    assert all(corpus.joined(False) is not None for corpus in joined)
    assert walk(joined, query) == before
    for position in [(0, 1, 3), (1, 1, 0), (2, 0, 200)]:
        for backward in (False, True):
            assert find_next(joined, query, position, backward=backward) == find_next(
                corpora(), query, position, backward=backward
            )


def test_every_match_is_numbered_in_reading_order(seed):
    document = BodyDocument(seed)
    panes = [Corpus(document.texts), Corpus([p.text for p in seed.talking_points])]
    query = Query.parse("the")
    assert query is not None
    count = count_matches(panes, query)
    assert count is not None
    texts = [list(document.texts), [p.text for p in seed.talking_points]]
    assert count.total == sum(naive_count(t, "the") for t in texts)
    matches = walk(panes, query)
    assert len(matches) == count.total
    found = find_next(panes, query, (0, 0, 0))
    for number in range(1, count.total + 1):
        assert found is not None
        assert count.ordinal(panes, found.match) == number
        match = found.match
        found = find_next(panes, query, (match.pane, match.unit, match.end))


@pytest.mark.parametrize("needle", ["a", "aa", "aab", "ab"])
def test_counts_in_chunks_inside_long_texts_add_up(monkeypatch, needle):
    # Chunks end inside a long text only where no match spans the end: with
    # tiny chunks, a text of runs that overlapping needles straddle everywhere.
    monkeypatch.setattr(tui.search, "CHUNK", 16)
    texts = ["aaab" * 50 + "a" * 101, "ab", "", "aaaaaaab" * 30]
    pane = [Corpus(texts)]
    query = Query.parse(needle)
    assert query is not None
    count = count_matches(pane, query)
    assert count is not None and count.total == naive_count(texts, needle)
    assert len(count.checkpoints[0][0]) > 10  # chunked inside the long texts
    found = find_next(pane, query, (0, 0, 0))
    for number in range(1, count.total + 1):
        assert found is not None and count.ordinal(pane, found.match) == number
        match = found.match
        found = find_next(pane, query, (0, match.unit, match.end))


def test_queries_are_literal_text():
    texts = ["a.b a*b (x) [y] a+b \\d ^$"]
    for literal in [".", "a*b", "(x)", "[y]", "a+b", "\\d", "^$"]:
        query = Query.parse(literal)
        assert query is not None
        count = count_matches([Corpus(texts)], query)
        assert count is not None and count.total == texts[0].count(literal), literal
    assert count_matches([Corpus(["ab"])], Query.parse(".*")).total == 0  # type: ignore[arg-type,union-attr]


def test_spaces_and_quote_marks_are_loose_and_odd_queries_are_safe():
    assert Query.parse("   ") is None
    assert Query.parse("") is None
    spaced = Query.parse("  root \t causes ")
    assert spaced is not None and spaced.needle == "root causes"
    curly = Query.parse("“root causes”")
    assert curly is not None and curly.needle == '"root causes"'
    nul = Query.parse("a\0b")  # a NUL would join two units: it is a space
    assert nul is not None and "\0" not in nul.needle
    long = Query.parse("x" * 10_000)
    assert long is not None and len(long.needle) == MAX_QUERY
    assert count_matches([Corpus(["x" * 50])], long).total == 0  # type: ignore[union-attr]


def test_highlights_find_the_matches_of_a_line_and_mark_the_current_one():
    query = Query.parse("harbour")
    assert query is not None
    corpus = corpora()[0]
    found = find_next([corpus], query, (0, 1, 1))
    assert found is not None
    lit = Highlights(corpus, query, found.match)
    text = PANES[0][1]
    assert lit.spans(1, 0, len(text)) == [(0, 7, False), (23, 30, True)]
    assert lit.spans(1, 3, 10) == [(0, 7, False)]  # a match that starts before the line
    assert lit.spans(1, 8, 20) == []
    assert lit.spans(5, 0, 10) == []  # no such unit


def test_a_cancelled_count_gives_nothing():
    query = Query.parse("harbour")
    assert query is not None
    assert count_matches(corpora(), query, cancelled=lambda: True) is None


def test_the_fuzz_check_of_search_still_holds(seed):
    document = BodyDocument(seed)
    for word in re.findall(r"\w+", seed.title):
        query = Query.parse(word)
        assert query is not None
        found = find_next([Corpus(document.texts)], query, (0, 0, 0))
        if found is not None:
            match = found.match
            shown = document.texts[match.unit][match.start : match.end]
            assert query.fold(shown) == query.needle
