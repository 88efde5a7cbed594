"""The library's query language, read into a small tree (no SQL here).

``colombia "peace talks" negot* -bogota speaker:blinken tag:colombia after:2021-01-01``:
free words (all must match), "exact phrases", ``prefix*``, ``a OR b`` between two words,
``-word`` (or ``NOT word``, ``-"a phrase"``) for what a passage must not hold, and
filters on the briefing (``speaker:``, ``tag:``, ``source:``, ``title:``, ``after:``,
``before:``; a value with spaces in quotes: ``speaker:"Antony Blinken"``). Nothing is
ever refused: what is not understood is read as plain words, and a filter that cannot be
used (``speaker:`` with nothing, ``after:soon``) is dropped with a one-line
:attr:`Query.message`.

:func:`fts_expression` writes the words as an FTS5 expression in which every word is a
quoted string of letters and digits: nothing the user types reaches FTS5 as syntax.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

FIELDS = ("speaker", "tag", "source", "title", "after", "before")
"""The filters a query may hold, as ``FIELD:VALUE``."""

_TOKEN = re.compile(r"[^\W_]+")
"""A word as the index's tokenizer sees one: letters and digits (FTS5 ``unicode61``)."""
_PIECE = re.compile(r'\s*(-?)(?:"([^"]*)"|(\S+?)(?=\s|"|$))')
"""A piece of a query: an optional ``-`` (leave out), then a quoted phrase or a run of
non-spaces."""
_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", re.ASCII)
_PREFIX = re.compile(r"[^\W_]\*+[)\].,;]*$")
"""A piece that ends with a word and ``*`` (punctuation after it aside): a prefix."""
_BRACKETS = re.compile(r"[()]+")
"""Parentheses: read as spaces (they group nothing here)."""
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


@dataclass(frozen=True)
class Term:
    """A word, a phrase (several words in order) or a prefix (``negot*``)."""

    words: tuple[str, ...]
    """The words, as the index's tokenizer splits them (letters and digits only)."""
    prefix: bool = False
    """The last word is a prefix."""

    @property
    def text(self) -> str:
        """As written back: ``word``, ``"two words"``, ``prefix*``."""
        joined = " ".join(self.words)
        shown = f'"{joined}"' if len(self.words) > 1 else joined
        return shown + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Filter:
    """A condition on the briefing: ``speaker``, ``tag``, ``source`` or ``title`` holds
    ``value``; or for ``after`` / ``before``, ``value`` is a date ``YYYY-MM-DD``."""

    field: str
    value: str


@dataclass(frozen=True)
class Query:
    """A query as read: clauses of words (each clause one term or several OR-ed), filters."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    """Every clause must match; a clause matches if any of its terms does."""
    filters: tuple[Filter, ...] = ()
    excluded: tuple[Term, ...] = ()
    """Terms a matching passage must not hold (``-word``, ``NOT word``); only with clauses."""
    message: str | None = None
    """One line about what was not understood, or None."""

    @property
    def empty(self) -> bool:
        """Neither words nor filters: nothing to search for."""
        return not self.clauses and not self.filters

    def values(self, field: str) -> list[str]:
        """The values of the filters on ``field``."""
        return [each.value for each in self.filters if each.field == field]


def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the index splits them (NFC, letters and digits)."""
    return tuple(_TOKEN.findall(unicodedata.normalize("NFC", text)))


def _date(value: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a full date bound, or None if not a date.

    ``after:2021`` means from 2021-01-01; ``before:2021`` means before 2021-01-01.
    """
    found = _DATE.fullmatch(value)
    if not found:
        return None
    year, month, day = int(found[1]), int(found[2] or 1), int(found[3] or 1)
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _pieces(text: str) -> list[tuple[str, bool, bool]]:
    """The query split into (piece, quoted, left out): quoted phrases whole, else at
    spaces; left out when written after a ``-``.

    A quote with no partner is read as a space.
    """
    if text.count('"') % 2:
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1 :]
    pieces = []
    for found in _PIECE.finditer(text):
        minus = bool(found[1])
        if found[2] is not None:
            pieces.append((found[2], True, minus))
        elif found[3]:
            parts = [part for part in _BRACKETS.split(found[3]) if part]
            pieces += [(part, False, minus and n == 0) for n, part in enumerate(parts)]
    return pieces


def parse(text: str) -> Query:
    """Read a query; never raises."""
    clauses: list[list[Term]] = []
    filters: list[Filter] = []
    excluded: list[Term] = []
    problems: list[str] = []
    pending_or = pending_not = False
    pieces = _pieces(text)
    index = 0
    while index < len(pieces):
        piece, quoted, minus = pieces[index]
        index += 1
        field = None if quoted else _FIELD.fullmatch(piece)
        if field and field[1].lower() in FIELDS:
            name, value = field[1].lower(), field[2]
            if not value and index < len(pieces) and pieces[index][1]:
                value = pieces[index][0]  # speaker:"Antony Blinken"
                index += 1
            if minus or pending_not:
                problems.append(f"-{name}: a filter cannot be left out; dropped")
            else:
                problem = _add_filter(filters, name, value)
                if problem:
                    problems.append(problem)
            pending_or = pending_not = False
            continue
        if not quoted and not minus and piece in _OPERATORS:
            pending_or = piece == "OR" and bool(clauses)
            pending_not = piece == "NOT"
            continue
        term = _term(piece, quoted)
        if term is None:
            continue
        if minus or pending_not:
            excluded.append(term)
        elif pending_or:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        pending_or = pending_not = False
    if excluded and not clauses:
        problems.append("-word only leaves out: add a word to find")
        excluded = []
    afters = [each.value for each in filters if each.field == "after"]
    befores = [each.value for each in filters if each.field == "before"]
    if afters and befores and max(afters) >= min(befores):
        problems.append(
            f"after:{max(afters)} is not before before:{min(befores)}: nothing can match"
        )
    if not clauses and not filters and not problems and text.strip():
        problems.append("nothing to search for: no words in the query")
    message = "; ".join(dict.fromkeys(problems)) or None
    return Query(
        tuple(tuple(clause) for clause in clauses),
        tuple(filters),
        tuple(dict.fromkeys(excluded)),
        message,
    )


def _term(piece: str, quoted: bool) -> Term | None:
    """A word, phrase or prefix from one piece of the query; None if it has no word."""
    words = words_of(piece)
    if not words:
        return None
    return Term(words, prefix=not quoted and _PREFIX.search(piece) is not None)


def _add_filter(filters: list[Filter], name: str, value: str) -> str | None:
    """Add the filter ``name:value``; a one-line problem if it cannot be used."""
    if name in ("after", "before"):
        if not value:
            return f"{name}: needs a date, like {name}:2021-01-01"
        date = _date(value)
        if date is None:
            return f"{name}: wants a date like 2021-01-01, not {value[:40]!r}"
        filters.append(Filter(name, date))
        return None
    cleaned = fold(value)
    if not cleaned:
        return f"{name}: needs a word after it, like {name}:{_EXAMPLES[name]}"
    filters.append(Filter(name, cleaned))
    return None


_EXAMPLES = {"speaker": "blinken", "tag": "colombia", "source": "reuters", "title": "peace"}


def fts_phrase(term: Term) -> str:
    """One term as FTS5 reads it: its words in one quoted string, ``*`` after a prefix."""
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


def fts_expression(
    clauses: tuple[tuple[Term, ...], ...],
    column: str | None = None,
    excluded: tuple[Term, ...] = (),
) -> str:
    """The clauses as an FTS5 expression (``"a" AND ("b" OR "c")``), less the ``excluded``
    terms (``(...) NOT ("d" OR "e")``), or ``""`` for no clauses.

    Every word is inside double quotes and holds only letters and digits, so no FTS5
    syntax (``NEAR``, ``^``, ``:``, ``-``, ``*``, parentheses) can come from the user.
    """
    parts = []
    for clause in clauses:
        phrases = [fts_phrase(term) for term in clause]
        joined = phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"
        parts.append(joined)
    expression = " AND ".join(parts)
    if expression and excluded:
        left_out = " OR ".join(fts_phrase(term) for term in excluded)
        expression = f"({expression}) NOT ({left_out})"
    if column and expression:
        return "{" + column + "} : (" + expression + ")"
    return expression


def fold(text: str) -> str:
    """``text`` lower-cased, accents removed, its words single-spaced: how filters compare."""
    if text.isascii():
        return " ".join(_TOKEN.findall(text.lower()))
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_TOKEN.findall(plain.casefold()))
