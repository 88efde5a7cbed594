"""Snippets of search results: one line of plain, safe text and where the matches are in it.

The index finds the passages; the words are found again here, in the passage's text,
the way the index's tokenizer reads them (letters and digits, case and accents aside),
which costs less than asking the index to mark them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence

from tui.library.query import Term, fold, words_of
from tui.text import sanitize_line

LONGEST = 240
"""Characters a snippet is cut to (a word of the index may be megabytes long)."""
WORDS = 20
"""Words a snippet shows around its matches."""
SEARCHED = 20_000
"""Characters of a passage split into words to find the matches to mark (a passage of
megabytes would take seconds to split): in a longer one, those from a little before the
first place a term's first word is found (:func:`_where`), else its start."""
ELLIPSIS = "…"

Marks = tuple[tuple[int, int], ...]
Marked = tuple[str, Marks]
"""A snippet and the (start, end) offsets of its matched words."""

_TOKEN = re.compile(r"[^\W_]+")


def _folded(word: str) -> str:
    if word.isascii():
        return word.lower()
    return fold(unicodedata.normalize("NFC", word)).replace(" ", "")


def _where(text: str, terms: Sequence[Term]) -> int:
    """Where to start splitting a passage longer than :data:`SEARCHED` into words: a little
    before the first place one of the terms' first words is (found in the text folded, in
    one pass of C each), else 0. A match at the end of a paragraph of 20,000 words was not
    marked, and the snippet showed the paragraph's start."""
    if len(text) <= SEARCHED:
        return 0
    firsts = [_folded(term.words[0]) for term in terms if term.words]
    lowered = text.lower()  # (a few characters change length: a place a little off)
    found = [at for first in firsts if (at := lowered.find(first)) >= 0]
    if not found and not text.isascii():  # accents aside (bogota in Bogotá): slower
        from tui.search import fold as fold_keeping_length

        folded = fold_keeping_length(text)
        found = [at for first in firsts if (at := folded.find(fold_keeping_length(first))) >= 0]
    return max(0, min(found) - SEARCHED // 4) if found else 0


def find(
    text: str, terms: Sequence[Term], begin: int = 0
) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """The words of ``text`` (start, end) and the matches of ``terms`` as (first, last) word
    and the term's number, in order: those of :data:`SEARCHED` characters from ``begin``
    (:func:`_where`)."""
    if begin and text[begin - 1 : begin].isalnum():  # (not the end of a word cut in two)
        cut = _TOKEN.match(text, begin)
        begin = cut.end() if cut else begin
    spans = [found.span() for found in _TOKEN.finditer(text, begin, begin + SEARCHED)]
    if text.isascii():  # most text: lower-cased whole, the same length, in one call
        lowered = text[: begin + SEARCHED].lower()
        words = [lowered[start:end] for start, end in spans]
    else:
        words = [_folded(text[start:end]) for start, end in spans]
    by_first: dict[str, list[tuple[list[str], bool, int]]] = {}
    """Terms that begin with a whole word (words, phrases, a phrase ending in a prefix), by it."""
    prefixes: list[tuple[str, int]] = []
    """One-word prefixes: tried against every word."""
    for number, term in enumerate(terms):
        parts = [_folded(word) for word in term.words]
        if len(parts) == 1 and term.prefix:
            prefixes.append((parts[0], number))
        else:
            by_first.setdefault(parts[0], []).append((parts, term.prefix, number))
    matches = set()
    count = len(words)
    for first, word in enumerate(words):
        for start, number in prefixes:
            if word.startswith(start):
                matches.add((first, first, number))
        for parts, prefix, number in by_first.get(word, ()):
            last = first + len(parts) - 1
            if last >= count:
                continue
            end = words[last]
            if not (end.startswith(parts[-1]) if prefix else end == parts[-1]):
                continue
            if len(parts) <= 2 or words[first + 1 : last] == parts[1:-1]:
                matches.add((first, last, number))
    return spans, sorted(matches)


def _window(count: int, matches: list[tuple[int, int, int]]) -> tuple[int, int]:
    """The run of :data:`WORDS` words (first, end) holding the most of the terms, then the
    longest of them (a phrase says more than a word), then the most matches, a little
    context before the first (``"court deficit" delegation`` shows the phrase beside a
    delegation, or the phrase alone, not two delegations without it). Linear in the matches:
    each run looks at the matches starting in it only."""
    if count <= WORDS:
        return 0, count
    firsts = [first for first, _, _ in matches]
    best, best_first = (-1, -1, -1), 0
    for first in firsts:
        start = max(0, min(first - 3, count - WORDS))
        end = start + WORDS
        inside = [
            (a, b, number)
            for a, b, number in matches[bisect_left(firsts, start) : bisect_left(firsts, end)]
            if b < end
        ]
        terms = {number: b - a + 1 for a, b, number in inside}  # (a phrase's words)
        score = (len(terms), sum(terms.values()), len(inside))
        if score > best:
            best, best_first = score, start
    return best_first, min(count, best_first + WORDS)


def highlight(text: str, terms: Sequence[Term]) -> Marked:
    """A snippet of ``text`` around the matches of ``terms``, and the matches' offsets."""
    begin = _where(text, terms)
    spans, matches = find(text, terms, begin)
    if not spans:
        return opening(text)
    first, end = _window(len(spans), matches)
    start = 0 if first == 0 and not begin else spans[first][0]
    whole = end == len(spans) and len(text) <= SEARCHED
    stop = len(text) if whole else spans[end - 1][1]
    lead = "" if start == 0 else ELLIPSIS
    shown = lead + text[start:stop] + ("" if stop == len(text) else ELLIPSIS)
    offset = len(lead) - start
    shown_matches = dict.fromkeys((a, b) for a, b, _ in matches if first <= a and b < end)
    marks = [(spans[a][0] + offset, spans[b][1] + offset) for a, b in shown_matches]
    return safe(shown, marks)


def safe(text: str, marks: list[tuple[int, int]]) -> Marked:
    """``text`` made one safe line and cut to :data:`LONGEST`, its marks kept within it."""
    line = sanitize_line(text).replace("\u2028", " ").replace("\u2029", " ")
    if len(line) != len(text):  # something removed (the loader left nothing to remove)
        marks = []
    if len(line) > LONGEST:
        line = line[: LONGEST - 1] + ELLIPSIS
        marks = [(a, min(b, LONGEST - 1)) for a, b in marks if a < LONGEST - 1]
    return line, tuple(marks)


def opening(text: str | None) -> Marked:
    """The start of a passage, for a result that matched no word (a filter alone)."""
    text = text or ""
    return safe(text if len(text) <= LONGEST else text[:LONGEST] + ELLIPSIS, [])


def said_by(speaker: str | None, quote: str | None, names: Sequence[str] = ()) -> Marked:
    """The start of a quote after its speaker's name (``Speaker: quote``), for a result that
    matched no word (``speaker:wei`` may be several people), the ``names`` a ``speaker:``
    filter asked for marked in it (each as the start of a word or words)."""
    said = opening(quote)
    if not speaker:
        return said
    asked = [Term(words, prefix=True) for words in map(words_of, names) if words]
    return joined(highlight(speaker, asked) if asked else opening(speaker), ": ", said)


def joined(first: Marked, separator: str, second: Marked) -> Marked:
    """Two snippets as one (``Speaker: quote``), their marks kept, cut to :data:`LONGEST`."""
    text = first[0] + separator + second[0]
    shift = len(first[0]) + len(separator)
    marks = [*first[1], *((a + shift, b + shift) for a, b in second[1])]
    return safe(text, marks)
