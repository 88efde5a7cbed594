"""Quotes checked against the article: which are not in it, and the passage closest to each.

A quote is *verified* when the reader's jump finds it word for word: the check
is :meth:`tui.linking.Linker.quotes` itself (case, curly quotes and spacing
ignored), so ``validate`` passes a quote exactly when the reader finds it.

For a quote not found, the closest passage is the block of the article's text
sharing most of its words (found as a talking point's passage is, through an
index of words), then the quote is aligned word by word (:mod:`difflib`) with
the stretch of that block, about the quote's length, that holds most of its
words, and the words that differ are named. The alignment reads each candidate
block once; past :data:`ALIGN_BUDGET` words read in all (only a crafted file
gets there), a quote is reported without its closest passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from tui.document import TEXT_KINDS, BodyDocument, Target
from tui.format.problems import Problem, Severity
from tui.linking import Linker, fold
from tui.model import Briefing, Quote

ALIGN_BUDGET = 2_000_000
"""Steps of word alignment (about a quote's length squared each) for all the quotes not
found together: a few tenths of a second."""
CANDIDATES = 4
"""Blocks aligned with a quote not found: those sharing most of its words, or one fewer."""
ANCHORS = 8
"""Places of a block tried as the start of the stretch aligned with a quote."""
SHOWN_WORDS = 12
"""Words of the closest passage shown; a longer one is shown around its first difference."""
RUN_WORDS = 6
"""Words of one differing run shown; a longer run is shortened in its middle."""
_MARKS = " '\""
"""Stripped from a quote's ends before comparing, as the reader's jump does."""


NO_PASSAGE = "no passage of the article comes close"
"""No block shares a word with the quote (or, past the linking budget, a word not too common)."""
NOT_COMPARED = "too much to compare to find the closest passage"
"""Past :data:`ALIGN_BUDGET`."""


@dataclass(frozen=True)
class Closest:
    """The passage of the article closest to a quote that is not in it, and how they differ."""

    block: int
    """The block of the body (:class:`BodyDocument`) that holds the passage."""
    heading: str
    """The heading of the section it is in."""
    line: int | None
    """The line of the file where that block starts, if known."""
    passage: str
    """The article's words there (shortened with ``…`` when long)."""
    difference: str
    """The words that differ: ``the quote has "can" where the article has "could"``."""

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"closest, in '{self.heading}'{where}: \"{self.passage}\" — {self.difference}"


def not_found(targets: Sequence[Target | None]) -> list[int]:
    """The quotes (by index) whose link did not find them word for word in the article."""
    return [index for index, target in enumerate(targets) if target is None or not target.exact]


class _Words:
    """A block's words as shown, folded, and as compared, with where each compared word stands."""

    def __init__(self, text: str) -> None:
        self.shown = text.split()
        self.folded = [fold(word) for word in self.shown]
        self.keys = [_key(word) for word in self.folded]
        self.places: dict[str, list[int]] = {}
        for place, key in enumerate(self.keys):
            found = self.places.get(key)
            if found is None:
                self.places[key] = [place]
            else:
                found.append(place)


class QuoteChecker:
    """Finds the passage closest to each quote that is not in the article.

    Each candidate block's words are read once (and kept); each quote then
    costs about its own length squared, within :data:`ALIGN_BUDGET`.
    """

    def __init__(
        self,
        briefing: Briefing,
        document: BodyDocument,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self.briefing = briefing
        self.document = document
        self.linker = Linker(briefing, document, cancelled)
        self._budget = ALIGN_BUDGET
        self._words: dict[int, _Words] = {}

    def closest(self, quotes: Sequence[Quote]) -> list[Closest | str]:
        """The closest passage to each quote, or why there is none (:data:`NO_PASSAGE`…).

        The blocks sharing most of a quote's words (or one fewer) are each aligned with it,
        and the one matching most of its words in order wins: the earliest block sharing
        as many words was named before, though another held them as quoted.
        """
        candidates = self.linker.nearly_best([quote.text for quote in quotes], CANDIDATES)
        found: list[Closest | str] = []
        for quote, blocks in zip(quotes, candidates, strict=True):
            if not blocks:
                found.append(NO_PASSAGE)
                continue
            aligned = [each for block in blocks if (each := self._align(quote.text, block))]
            if not aligned:
                found.append(NOT_COMPARED)
                continue
            found.append(max(aligned, key=lambda each: each[1])[0])  # (the first of equals)
        return found

    def _block_words(self, block: int) -> _Words:
        words = self._words.get(block)
        if words is None:
            words = self._words[block] = _Words(self.document.texts[block])
        return words

    def _align(self, text: str, block: int) -> tuple[Closest, int] | None:
        """The quote's words aligned with the part of ``block`` that holds most of them,
        and how many of them match there in order."""
        quoted = _quote_words(text)
        keys = [_key(raw) for raw, _ in quoted]
        cost = 2 * len(keys) * (len(keys) + 4) + ANCHORS * len(keys)
        if not keys or cost > self._budget:
            return None
        self._budget -= cost
        words = self._block_words(block)
        start, end = _window(keys, words)
        matcher = SequenceMatcher(None, keys, words.keys[start:end], autojunk=False)
        matched = [match for match in matcher.get_matching_blocks() if match.size]
        if not matched:
            return None
        # Trim to the matched words, then widen by the quote's unmatched ends, so that
        # a first or last word changed shows as a change rather than as an extra.
        first, last = matched[0], matched[-1]
        start, end = (
            max(start, start + first.b - first.a),
            min(end, start + last.b + last.size + len(keys) - last.a - last.size),
        )
        codes = SequenceMatcher(None, keys, words.keys[start:end], autojunk=False).get_opcodes()
        shown = _trimmed(words.shown[start:end], codes, quoted)
        differences = []
        for tag, i1, i2, j1, j2 in codes:
            if tag != "equal":
                differences.append(
                    self._difference(tag, [word for _, word in quoted[i1:i2]], shown[j1:j2])
                )
                continue
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if not _same_marks(quoted[i][0], words.folded[start + j], i, len(keys)):
                    differences.append(self._difference("replace", [quoted[i][1]], [shown[j]]))
        runs_on = self._runs_on(block, codes, keys, start, end, len(words.keys))
        if runs_on:
            differences = [runs_on]
        difference = "; ".join(differences[:3]) + ("; …" if len(differences) > 3 else "")
        changed = next((j1 for tag, _, _, j1, _ in codes if tag != "equal"), 0)
        section = self.document.section_of[block]
        closest = Closest(
            block,
            self.briefing.sections[section].heading,
            self._line(block),
            _shorten_passage(shown, changed),
            difference or "they differ only in the marks or spacing between words",
        )
        return closest, sum(match.size for match in matched)

    @staticmethod
    def _difference(tag: str, quoted: list[str], article: list[str]) -> str:
        if tag == "replace":
            said, written = _run(quoted), _run(article)
            bare = said.strip(QUOTE_MARKS) or said, written.strip(QUOTE_MARKS) or written
            if bare[0] != bare[1]:  # (unless the marks are the difference)
                said, written = bare
            return f'the quote has "{said}" where the article has "{written}"'
        if tag == "delete":
            return f'the quote adds "{_run(quoted)}"'
        return f'the quote leaves out "{_run(article)}"'

    def _runs_on(
        self,
        block: int,
        codes: Sequence[tuple[str, int, int, int, int]],
        keys: list[str],
        start: int,
        end: int,
        length: int,
    ) -> str | None:
        """Why a quote whose extra words open the next block (or close the one before) differs."""
        tag, i1, i2, _, _ = codes[-1]
        if tag == "delete" and i2 == len(keys) and end == length:
            after = self._neighbour(block, 1)
            if after is not None and after[: i2 - i1] == keys[i1:i2]:
                return "the quote runs on into the next paragraph, which the article starts apart"
        tag, i1, i2, _, _ = codes[0]
        if tag == "delete" and i1 == 0 and start == 0:
            before = self._neighbour(block, -1)
            if before is not None and before[len(before) - i2 :] == keys[:i2]:
                return "the quote starts in the paragraph before, which the article ends apart"
        return None

    def _neighbour(self, block: int, step: int) -> list[str] | None:
        """The folded words of the text block next to ``block`` in its section, if any."""
        document = self.document
        other = block + step
        if not 0 <= other < len(document) or document.kinds[other] not in TEXT_KINDS:
            return None
        return self._block_words(other).keys

    def _line(self, block: int) -> int | None:
        """The line of the file where ``block`` starts (see :attr:`tui.model.Section.lines`)."""
        document = self.document
        section = document.section_of[block]
        lines = self.briefing.sections[section].lines
        index = block - document.section_blocks[section] - 1
        return lines[index] if 0 <= index < len(lines) else None


def _quote_words(text: str) -> list[tuple[str, str]]:
    """Each word of a quote, folded, with its ends' marks stripped as the jump does."""
    words = text.split()
    keys = [fold(word) for word in words]
    if keys:
        keys[0] = keys[0].lstrip(_MARKS)
        keys[-1] = keys[-1].rstrip(_MARKS)
    return [(key, word) for key, word in zip(keys, words, strict=True) if key]


_PUNCTUATION = re.compile(r"^\W+|\W+$")


def _key(word: str) -> str:
    """A folded word as the alignment compares it: without the punctuation at its ends."""
    return _PUNCTUATION.sub("", word) or word


def _same_marks(quoted: str, article: str, index: int, count: int) -> bool:
    """True if a quoted word matches the article's as the jump compares them.

    The quote's first word may end the article's (``we`` in ``"we``), its last
    may begin it (``on`` in ``on,"``); any other word must be the same.
    """
    if count == 1:
        return quoted in article
    if index == 0:
        return article.endswith(quoted)
    if index == count - 1:
        return article.startswith(quoted)
    return quoted == article


def _window(keys: list[str], words: _Words) -> tuple[int, int]:
    """The stretch of the block, about the quote's length, that holds most of its words.

    Only a few places are tried: where the quote's rarest words (in this block)
    stand, so a long block costs no more than a short one.
    """
    width, places = len(keys), words.places
    anchors = sorted(
        ((len(places[key]), offset) for offset, key in enumerate(keys) if key in places),
    )[:ANCHORS]
    wanted = set(keys)
    tried: set[int] = set()
    best, best_start = -1, 0
    for _, offset in anchors:
        for place in places[keys[offset]][:ANCHORS]:
            start = max(0, place - offset)
            if start in tried or len(tried) >= ANCHORS:
                continue
            tried.add(start)
            hits = sum(key in wanted for key in words.keys[start : start + width])
            if hits > best:
                best, best_start = hits, start
    slack = width // 2 + 2
    return max(0, best_start - slack), min(len(words.keys), best_start + width + slack)


def _trimmed(
    shown: list[str],
    codes: Sequence[tuple[str, int, int, int, int]],
    quoted: list[tuple[str, str]],
) -> list[str]:
    """The passage's words, its end words cut to what the quote's end words match of them.

    The jump finds ``on`` in ``on,"``: the passage shown ends there too.
    """
    shown = list(shown)
    if not shown:
        return shown
    if codes[-1][0] == "equal" and len(quoted) > 1:
        last = quoted[-1][0]
        if fold(shown[-1]).startswith(last):
            shown[-1] = shown[-1][: len(last)]
    if codes[0][0] == "equal" and len(quoted) > 1:
        first = quoted[0][0]
        if fold(shown[0]).endswith(first):
            shown[0] = shown[0][len(shown[0]) - len(first) :]
    return shown


QUOTE_MARKS = '"“”„‘’‚«»‹›'
"""Marks that open or close a quotation: left off the ends of the words a difference
shows in quotes (``the article has "causes”"`` read as a stray mark of the hint's own),
unless they are the difference."""


def _run(words: list[str]) -> str:
    """A run of words, its middle left out when long."""
    if len(words) <= RUN_WORDS:
        return " ".join(words)
    return " ".join([*words[: RUN_WORDS - 2], "…", *words[-2:]])


def _shorten_passage(words: list[str], changed: int) -> str:
    """The passage's words, or those around its first difference when it is long."""
    if len(words) <= SHOWN_WORDS:
        return " ".join(words)
    start = max(0, min(changed - 4, len(words) - SHOWN_WORDS))
    end = start + SHOWN_WORDS
    return " ".join(
        [*(["…"] if start else []), *words[start:end], *(["…"] if end < len(words) else [])]
    )


def quote_problems(
    briefing: Briefing, document: BodyDocument | None = None, *, strict: bool = False
) -> list[Problem]:
    """A warning (an error if ``strict``) for each quote that is not in the article."""
    document = document or BodyDocument(briefing)
    quotes = briefing.quotes
    missing = not_found(Linker(briefing, document).quotes(quotes))
    if not missing:
        return []
    closest = QuoteChecker(briefing, document).closest([quotes[index] for index in missing])
    severity: Severity = "error" if strict else "warning"
    problems = []
    for index, found in zip(missing, closest, strict=True):
        line, column = quotes[index].position
        detail = f"; {found}" if isinstance(found, Closest) else f" ({found})"
        problems.append(
            Problem(
                max(line, 1),
                max(column, 1),
                severity,
                f"quotes[{index}]: not in the article{detail}",
                briefing.path,
            )
        )
    return problems
