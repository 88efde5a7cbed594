"""The library's query language: each form read, malformed queries never raising, nothing
the user types reaching FTS5 as syntax."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.library.query import Filter, Term, fts_expression, parse


def words(query: str) -> list[str]:
    """The clauses of a query as text: ``a``, ``"b c"``, ``d*``, ``e|f`` (OR-ed)."""
    return ["|".join(term.text for term in clause) for clause in parse(query).clauses]


def test_free_words_must_all_match() -> None:
    assert words("Border  reopening") == ["Border", "reopening"]
    assert parse("Border reopening").message is None


def test_a_phrase_a_prefix_and_or() -> None:
    assert words('"peace talks" negot* trade OR tariffs') == [
        '"peace talks"',
        "negot*",
        "trade|tariffs",
    ]
    assert parse("negot*").clauses[0][0] == Term(("negot",), prefix=True)


@pytest.mark.parametrize(
    ("query", "field", "value"),
    [
        ("speaker:blinken", "speaker", "blinken"),
        ('speaker:"Antony Blinken"', "speaker", "antony blinken"),
        ("Tag:Colombia", "tag", "colombia"),
        ("source:Example-Wire", "source", "example wire"),
        ("title:Nación", "title", "nacion"),
        ("after:2021-01-01", "after", "2021-01-01"),
        ("after:2021", "after", "2021-01-01"),
        ("before:2021-3", "before", "2021-03-01"),
    ],
)
def test_each_filter(query: str, field: str, value: str) -> None:
    parsed = parse(query)
    assert parsed.filters == (Filter(field, value),)
    assert parsed.clauses == ()
    assert parsed.message is None


def test_filters_and_words_combine() -> None:
    parsed = parse("migrants speaker:blinken tag:colombia after:2021 before:2023-01-01")
    assert words("migrants speaker:blinken tag:colombia") == ["migrants"]
    assert [each.field for each in parsed.filters] == ["speaker", "tag", "after", "before"]


@pytest.mark.parametrize(
    ("query", "said", "left"),
    [
        ("speaker:", "speaker: needs a word after it", []),
        ("tag: colombia", "tag: needs a word", ["colombia"]),
        ("after:soon trade", "after: wants a date like 2021-01-01, not 'soon'", ["trade"]),
        ("before:2021-02-30", "before: wants a date", []),
        ("AND (", "nothing to search for", []),
        ('"', "nothing to search for", []),
        ("* ^ - :", "nothing to search for", []),
        (
            "before:2012 trade after:2025",
            "after:2025-01-01 is not before before:2012-01-01: nothing can match",
            ["trade"],
        ),
    ],
)
def test_what_cannot_be_used_is_one_line_of_message(query: str, said: str, left: list) -> None:
    parsed = parse(query)
    assert parsed.message is not None and said in parsed.message
    assert "\n" not in parsed.message
    assert words(query) == left


@pytest.mark.parametrize(
    ("query", "read"),
    [
        ('"stray quote', ["stray", "quote"]),
        ('peace "talks', ["peace", "talks"]),
        ("NEAR(a b)", ["a", "b"]),
        ("a AND (b OR", ["a", "b"]),
        ("OR trade", ["trade"]),
        ("^start minus- col:umn", ["start", "minus", '"col umn"']),
        ("e-mail", ['"e mail"']),
        ("unknown:field", ['"unknown field"']),
    ],
)
def test_malformed_queries_are_read_as_plain_words(query: str, read: list[str]) -> None:
    assert words(query) == read


@pytest.mark.parametrize(
    ("query", "found", "left_out"),
    [
        ("energy -market", ["energy"], ["market"]),
        ("energy NOT market", ["energy"], ["market"]),
        ('peace -"peace talks" -negot*', ["peace"], ['"peace talks"', "negot*"]),
        ("a OR -b c", ["a", "c"], ["b"]),
        ("well-known - x", ['"well known"', "x"], []),
        ("a NOT", ["a"], []),
    ],
)
def test_a_minus_or_not_leaves_words_out(query: str, found: list[str], left_out: list) -> None:
    parsed = parse(query)
    assert words(query) == found
    assert [term.text for term in parsed.excluded] == left_out
    assert parsed.message is None


def test_only_words_left_out_or_a_filter_left_out_is_a_message() -> None:
    alone = parse("-market NOT energy")
    assert alone.empty and not alone.excluded
    assert alone.message == "-word only leaves out: add a word to find"
    filtered = parse("trade -tag:colombia")
    assert words("trade -tag:colombia") == ["trade"] and filtered.filters == ()
    assert filtered.message == "-tag: a filter cannot be left out; dropped"


def test_the_expression_quotes_every_word() -> None:
    parsed = parse('NEAR("a b") c* d OR "e"')
    assert fts_expression(parsed.clauses) == '"a b" AND "c"* AND ("d" OR "e")'
    parsed = parse('a -b -"c d" NOT e*')
    assert fts_expression(parsed.clauses, excluded=parsed.excluded) == (
        '("a") NOT ("b" OR "c d" OR "e"*)'
    )


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize='unicode61')")
    connection.execute("INSERT INTO t VALUES ('near and or not', 'x y z')")
    return connection


_QUOTED = re.compile(r'"[^\W_]+(?: [^\W_]+)*"\*?')
_SYNTAX = re.compile(r"[()]|\b(?:AND|OR|NOT)\b")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"\"*^:-+(){}[] \t\n_abñé0.,\\'", "NEAR", "AND", "OR", "NOT", "tag:"]),
        max_size=20,
    ).map("".join)
    | st.text(max_size=40)
)
def test_no_query_raises_nor_reaches_fts5_unquoted(fts: sqlite3.Connection, query: str) -> None:
    parsed = parse(query)
    expression = fts_expression(parsed.clauses, excluded=parsed.excluded)
    # What is left once every quoted word is removed is only the expression's own syntax.
    assert not _SYNTAX.sub("", _QUOTED.sub("", expression)).strip(), expression
    if expression:
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()
    assert parsed.message is None or "\n" not in parsed.message
