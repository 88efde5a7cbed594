"""A library index kept in memory: every file loaded on each refresh, searched word by word.

It needs no cache folder and no SQLite: it is the fallback when the index file cannot
be used (a read-only cache folder), and a plain reference for what an index answers.
Search is naive: every word of the query must occur in a passage (a title, a body
text, a talking point, a quote or its speaker); a word ending in ``*`` is a prefix;
the score counts the matches, titles and quotes above points and body text.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tui.document.layout import HEADING, BodyDocument
from tui.document.source_lines import line_of_block
from tui.format.limits import Limits
from tui.format.problems import BriefingError, Problem, UnreadableFileError
from tui.library.entry import Entry, entry_of, failed_entry
from tui.library.index import PER_BRIEFING, Hit, Listing, Progress, Refreshed, Speaker
from tui.linking import fold
from tui.model import Briefing
from tui.text import normalize_space, sanitize_line

WEIGHTS = {"title": 3.0, "quote": 2.0, "speaker": 2.0, "point": 1.5, "body": 1.0}
"""How much a match counts by where it is."""
SNIPPET = 160
"""Characters of a passage shown around its first match."""
_WORD = re.compile(r"(?:(?<!\S)-)?\w+\*?")
"""A word of a query, ``*`` after a prefix, ``-`` before one to leave out."""
_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Passage:
    """One searchable text of a briefing, with where the reader opens for it."""

    kind: str
    text: str
    folded: str
    section: str | None = None
    heading: str | None = None
    line: int | None = None
    speaker: str | None = None
    """A quote's speaker (its text is ``Speaker: words``)."""
    said: str = ""
    """A quote's own words."""


Signature = tuple[int, int, int]
"""A file's size, modification time and inode: when one changes, the file is read again."""


def signature(path: str) -> Signature | None:
    """The file's signature, or None if it cannot be looked at."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def passages(briefing: Briefing, document: BodyDocument) -> list[Passage]:
    """Every searchable text of ``briefing``: its title, body blocks, points and quotes."""
    found = [Passage("title", briefing.title, fold(briefing.title))]
    sections = briefing.sections
    for block, text in enumerate(document.texts):
        if document.kinds[block] == HEADING:
            continue
        section = sections[document.section_of[block]]
        text = normalize_space(text)
        line = line_of_block(briefing, document, block)
        found.append(Passage("body", text, fold(text), section.id, section.heading, line))
    headings = {section.id: section.heading for section in sections}
    for point in briefing.talking_points:
        text = normalize_space(point.text)
        found.append(
            Passage("point", text, fold(text), point.section, headings.get(point.section or ""))
        )
    for quote in briefing.quotes:
        said = normalize_space(quote.text)
        text = f"{normalize_space(quote.speaker)}: {said}"
        line = quote.position[0] or None
        heading = headings.get(quote.section or "")
        found.append(
            Passage("quote", text, fold(text), quote.section, heading, line, quote.speaker, said)
        )
    return found


def query_words(query: str) -> list[str]:
    """The words of a query, folded; ``field:value`` counts as its value, ``word*`` a prefix,
    ``-word`` a word to leave out."""
    return _WORD.findall(fold(query.translate(_QUOTE_MARKS)))


def _find(folded: str, word: str) -> re.Match[str] | None:
    """The first occurrence of ``word`` (a prefix if it ends in ``*``) at a word's start."""
    prefix = word.endswith("*")
    stem = re.escape(word.rstrip("*"))
    pattern = rf"\b{stem}" if prefix else rf"\b{stem}\b"
    return re.search(pattern, folded)


def snippet(
    text: str, folded: str, words: Sequence[str]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """One line of ``text`` around its first match, and where each word matches in it."""
    spans = []
    for word in words:
        prefix = word.endswith("*")
        stem = re.escape(word.rstrip("*"))
        pattern = rf"\b{stem}\w*" if prefix else rf"\b{stem}\b"
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    spans.sort()
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET // 3)
    if start:  # from a word's start
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + SNIPPET)
    lead = "…" if start else ""
    tail = "…" if end < len(text) else ""
    shown = lead + text[start:end] + tail  # loaded text: sanitised, one line already
    shift = len(lead) - start
    marks = tuple((a + shift, min(b, end) + shift) for a, b in spans if a >= start and a < end)
    return shown, marks


class MemoryIndex:
    """Every briefing of a library, loaded and kept in memory (a :class:`LibraryIndex`).

    Safe to use from several threads: each call works on a consistent set of files.
    """

    def __init__(self, limits: Limits | None = None, strict: bool = False) -> None:
        self.limits = limits or Limits()
        self.strict = strict
        self.notices: list[str] = []
        """Never any: nothing is kept, so nothing goes wrong with it."""
        self._lock = threading.Lock()
        self._files: dict[str, tuple[Signature | None, Entry, list[Passage]]] = {}

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        """Read the files new or changed since the last refresh; forget those not in ``paths``."""
        began = time.perf_counter()
        added = changed = unchanged = failed = 0
        with self._lock:
            known = dict(self._files)
        files = {}
        for done, path in enumerate(paths, 1):
            seen = signature(path)
            old = known.get(path)
            if old is not None and seen is not None and old[0] == seen:
                files[path] = old
                unchanged += 1
            else:
                files[path] = (seen, *self._read(path))
                added += old is None
                changed += old is not None
            failed += files[path][1].failed
            if progress is not None:
                progress(done, len(paths))
        removed = len(known.keys() - files.keys())
        with self._lock:
            self._files = files
        seconds = time.perf_counter() - began
        return Refreshed(added, changed, removed, unchanged, failed, seconds)

    def _read(self, path: str) -> tuple[Entry, list[Passage]]:
        """The row and passages of one file (a failed row, if it does not load)."""
        from tui.format.loader import load_path

        name = sanitize_line(os.path.basename(path))
        try:
            briefing = load_path(path, limits=self.limits, strict=self.strict).briefing
        except BriefingError as error:
            return failed_entry(path, name, error.problems), []
        except UnreadableFileError as error:
            return failed_entry(path, name, [Problem(1, 1, "error", error.reason, path)]), []
        document = BodyDocument(briefing)
        return entry_of(path, briefing), passages(briefing, document)

    def entries(self, limit: int | None = None) -> Listing:
        """Every briefing's row (or the first ``limit``), newest first (undated last, then by
        title)."""
        with self._lock:
            rows = [entry for _, entry, _ in self._files.values()]
        rows.sort(key=lambda entry: entry.title.casefold())
        rows.sort(key=lambda entry: entry.published or "", reverse=True)
        return Listing(rows if limit is None else rows[: max(limit, 0)])

    def failures(self) -> int:
        """How many of the library's files do not load."""
        with self._lock:
            return sum(entry.failed for _, entry, _ in self._files.values())

    def search(self, query: str, limit: int = 100, per_briefing: int = PER_BRIEFING) -> list[Hit]:
        """Passages holding every word of ``query``, best first, at most ``per_briefing`` of
        a briefing (0: all)."""
        asked = query_words(query)
        words = [word for word in asked if not word.startswith("-")]
        left_out = [word[1:] for word in asked if word.startswith("-")]
        if not words:
            return []
        with self._lock:
            files = list(self._files.values())
        hits = []
        for _, entry, found in files:
            for passage in found:
                matches = [_find(passage.folded, word) for word in words]
                if not all(matches) or any(_find(passage.folded, w) for w in left_out):
                    continue
                score = WEIGHTS[passage.kind] * len(words) / (1 + len(passage.text) / 400)
                hits.append(self._hit(entry, passage, words, score))
        hits.sort(key=lambda hit: -hit.score)
        if per_briefing > 0:
            taken: Counter[str] = Counter()
            kept = []
            for hit in hits:
                taken[hit.path] += 1
                if taken[hit.path] <= per_briefing:
                    kept.append(hit)
            hits = kept
        return hits[:limit]

    @staticmethod
    def _hit(entry: Entry, passage: Passage, words: Sequence[str], score: float) -> Hit:
        text, marks = snippet(passage.text, passage.folded, words)
        return Hit(
            path=entry.path,
            title=entry.title,
            kind=passage.kind,
            snippet=text,
            marks=marks,
            score=score,
            section=passage.section,
            heading=passage.heading,
            line=passage.line,
            published=entry.day or None,
        )

    def speakers(self) -> list[Speaker]:
        """Every speaker with a quote, most quoted first (then by name)."""
        quotes: dict[str, int] = {}
        briefings: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        with self._lock:
            files = list(self._files.values())
        for _, entry, found in files:
            for passage in found:
                if passage.speaker is not None:
                    name = normalize_space(passage.speaker)
                    key = name.casefold()
                    names.setdefault(key, name)
                    quotes[key] = quotes.get(key, 0) + 1
                    briefings.setdefault(key, set()).add(entry.path)
        found_speakers = [Speaker(names[key], quotes[key], len(briefings[key])) for key in quotes]
        found_speakers.sort(key=lambda speaker: (-speaker.quotes, speaker.name.casefold()))
        return found_speakers

    def quotes_by(self, speaker: str) -> list[Hit]:
        """The quotes of ``speaker`` (any case), newest briefing first."""
        key = speaker.casefold()
        hits = []
        for entry in self.entries():
            with self._lock:
                found = self._files.get(entry.path, (None, entry, []))[2]
            for passage in found:
                name = normalize_space(passage.speaker or "")
                if passage.speaker is not None and name.casefold() == key:
                    hits.append(
                        Hit(
                            path=entry.path,
                            title=entry.title,
                            kind="quote",
                            snippet=passage.said,
                            marks=(),
                            score=0.0,
                            section=passage.section,
                            heading=passage.heading,
                            line=passage.line,
                            published=entry.day or None,
                        )
                    )
        return hits

    def close(self) -> None:
        """Forget every file."""
        with self._lock:
            self._files = {}
