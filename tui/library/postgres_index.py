"""The library's index in a PostgreSQL database: a team's shared archive of briefings.

A second :class:`~tui.library.index.LibraryIndex` beside the SQLite one, for an archive
that many people search at once. Needs the optional ``psycopg`` (``briefing-tui[postgres]``),
imported only when an archive is opened, and PostgreSQL 12 or later with the ``unaccent``
extension (``postgresql-contrib``; a trusted extension). The database is the archive:
``roots`` say which part of it a refresh brings in step with the files (rows elsewhere
are left alone) and which part the reads see (all when empty). Nothing here ever shows
a password: errors name the server through :func:`tui.library.dsn.redact`, and the
password itself is blanked out of any server or driver message.

Schema (version :data:`SCHEMA_VERSION`, in ``briefing_tui_schema``): made and migrated by
a writer (an index that is not ``read_only``), in one transaction under a transaction-level
advisory lock, so two programs starting at once do not both make it. A reader on a
database without it, or of a version it does not know, is :class:`IndexUnavailable`.

- ``briefing_tui_briefings``: one row per file (path unique, ``COLLATE "C"`` so that a
  root's files are one btree range, ``root/`` up to ``root0``), its size, mtime and a
  content hash (BLAKE2b), the row's fields (:class:`~tui.library.entry.Entry`), the
  briefing's language and its text search configuration; btree on the published day,
  trigram GIN indexes (``pg_trgm``, a trusted extension) on the folded title and source.
- ``briefing_tui_tags``: (folded tag, briefing), for ``tag:``.
- ``briefing_tui_passages``: one row per passage (title, body text, point, quote): where
  it is (kind, section, heading, line), its texts, its speaker (and folded, btree), its
  configuration, and a ``tsvector`` under a GIN index, weighted title A, quote and speaker
  B, text D (:data:`RANK_WEIGHTS`): titles and quotes rank above body text. It holds the
  stems of the words and, at the same positions, the words as written (unaccented,
  lower-cased: ``simple``'s lexemes), for prefixes and stop words (schema 2; a writer
  makes a schema 1 archive's ``tsvector`` again). Each passage also holds its
  briefing's day, so that a search can take the newest matches (schema 3); the folded
  speakers of quotes have a trigram GIN index.
- ``briefing_tui_configs``: the configurations any row uses, so that a search asks only
  those.

Languages: a briefing's ``language`` (BCP 47, ``es-CO``) picks a configuration by its
primary tag (:data:`LANGUAGES`); anything else, or none, is ``simple`` (no stemming).
Each is a configuration of our own, ``briefing_<name>``: PostgreSQL's, with ``unaccent``
before the stemmer, so accents never matter. Spanish and Portuguese stemmers read accented
endings (with ``unaccent`` first, ``negociación`` is stemmed ``negociacion``, but
``negociaciones`` ``negoci``): their rows also hold the stems of the words as written,
and a search asks for either stem of each word (:data:`WRITTEN_STEMS`). A search first
asks the server for each configuration's tsquery (one statement), then asks each on its
own rows with the tsquery as a constant, ``(config = ANY(…) AND tsv @@ '…'::tsquery) OR
…``, configurations of the same tsquery together: one bitmap scan of the GIN index per
distinct tsquery, and no condition on the configuration when all have the same. A
whole word is stemmed (``talks`` finds ``talk``); a prefix is not: it means the letters
as written, in every language (``negotiati*`` finds ``negotiation``, whose stem
is ``negoti``), as in the SQLite index. A stemmed language drops its stop words: beside
other words, they are left out (``the talks`` is ``talks``); a query made only of stop
words (``the``, ``"to be"``), which would find nothing, is asked as written instead.
Snippets mark the words the configuration's own stems match, else (a word found only by
a prefix, a stop word or the stem of its accented form) those of the words as written,
else those of the stems of the words as written.

Queries: the query's tree (:mod:`tui.library.query`) is written as ``to_tsquery`` text
of words of letters and digits only (``&``, ``|``, ``<->``, ``:*``), passed as a
parameter like every value; filters mean what they mean to the SQLite index (a folded
substring of a speaker, source or title, asked as ``LIKE '%value%'`` so that the trigram
indexes answer it; a folded tag; day bounds). A configuration is named by its oid, and
statements are never prepared, so that ``to_tsquery(…)`` is folded into a constant once,
not computed for every row. At most :data:`RANKED` matches are ranked (a word in
millions of passages would take seconds): the newest, by their briefing's day (a news
archive's reader wants this year's briefings, not the first loaded); a date filter picks
the years, and within them the newest are ranked. The roots' condition costs a join a
match: it is left out when a few probes of the path index find no row outside the roots.
Snippets are ``ts_headline``'s, computed for the returned rows only, on texts stripped
of the two private-use characters that mark the matches, so a briefing cannot forge a
mark. Unlike SQLite's tokenizer, PostgreSQL's keeps ``2.5``, host names and ``e-mail``
whole (``e-mail`` also as ``e`` and ``mail``), and a stemmed language drops its stop
words beside other words (``the talks`` finds ``talks`` without a ``the``). A prefix may
also match a stem that is not how its word starts (``happi*`` finds ``happy``, stemmed
``happi``).

Writing: :meth:`PostgresIndex.refresh` holds a session-level advisory lock
(:data:`WRITER_LOCK`) for the whole refresh, so a second indexer waits (with a notice)
and then finds little left to do. Files are compared by size and mtime, then by content
hash (a file touched but unchanged is not read again), parsed in parallel
(:func:`~tui.library.parsing.read_all`) and written with ``COPY`` in transactions of
:data:`WRITE_BATCH` files (a batch's passages go through a temporary table, where their
``tsvector`` is made): readers see the archive grow, and an interrupted run keeps what
it wrote. Rows under the roots whose files are gone are deleted; with no roots, none.
A first load of :data:`BULK_FROM` files or more into an empty archive drops the GIN
indexes and makes them after the rows (one sort instead of an update a row); a load
interrupted before that leaves an archive that searches without them (slowly) until the
next refresh, which makes any that are missing first. The known rows are read at once,
and a file's content hash only when its size or mtime changed.
Afterwards the GIN indexes' pending lists are flushed (every search reads them until then,
and the planner shuns a trigram index with a long one)
and, after many files, the statistics renewed.

Reading: one connection, shared by threads under a lock, read-only
(``default_transaction_read_only``), with a statement timeout, no JIT and no parallel
workers (each costs more CPU than it saves time when many readers share the server). A
connection found broken (a server restart, a network blip) is opened again and the query
asked once more, with a notice; if that fails too, :class:`IndexUnavailable`.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from tui.library.dsn import redact
from tui.library.entry import Entry
from tui.library.index import (
    PER_BRIEFING,
    ArchiveUnreachable,
    Hit,
    IndexUnavailable,
    Listing,
    Progress,
    Refreshed,
    Speaker,
    hit_of,
    quote_hits,
    storable_paths,
)
from tui.library.parsing import PARALLEL_FROM, read_all, stat_all
from tui.library.query import Query, Term, fold, parse
from tui.library.records import PassageRow, Record
from tui.library.snippets import ELLIPSIS, Marked, joined, opening, safe, said_by
from tui.library.worker import Stat

if TYPE_CHECKING:
    import psycopg

SCHEMA_VERSION = 5
"""The version of the tables this program writes and reads."""
WRITER_LOCK = 0x4252_4946_0001
"""The advisory lock a refresh holds (``BRIF`` and 1): one indexer at a time."""
SCHEMA_LOCK = 0x4252_4946_0002
"""The advisory lock under which the schema is made or migrated."""
WRITE_BATCH = 256
"""Files written per transaction."""
ANALYZE_AFTER = 1_000
"""Files written after which a refresh renews the planner's statistics (if they are also a
tenth of the archive)."""
STATEMENT_TIMEOUT_MS = 5_000
"""How long a read may take before it is given up."""
CONNECT_SECONDS = 10
"""How long a connection may take to open (unless the URL says otherwise)."""
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
"""``ts_rank``'s weights of D (text), C (unused), B (quote, speaker) and A (title)."""
RANKED = 2_000
"""Passages a search ranks at most: ``ts_rank`` costs about 8 µs a passage, so a word
found in a million passages would take seconds; the newest this many (by their
briefing's day) are ranked, and a query that matches fewer ranks all of them (a date
filter reaches back). Finding the newest still reads every match's day: cheaper, but
also growing with the archive (see benchmarks/README.md, "Growing past one server")."""
RANKED_EACH = 50
"""Passages of one briefing among the :data:`RANKED` at most (its first matches): a
transcript of 2,000 sections, each holding the words, took all 2,000 places, and the
results were its best three alone."""
READER_WORK_MEM = "32MB"
"""Memory a reader's search may sort and keep its bitmap of matches in (PostgreSQL's
default is 4 MB): a word in 284,000 passages of a million briefings made a bitmap too big
for 4 MB, lossy, and every passage on 200,000 pages was checked again (3.5 s, over the
statement timeout with a cold cache); with 32 MB, 1.3 s."""
LISTED = 10_000
"""Briefings the library's table lists at most, the newest: a million rows would take
seconds to read and hundreds of MB to hold; a search finds any of them."""
HEADLINE_CHARS = 20_000
"""Characters of a passage that ``ts_headline`` reads (as the SQLite index's snippets)."""
INDEXED_CHARS = 400_000
"""Characters of a passage's text made into its ``tsvector`` (which must stay under 1 MB)."""
WHOLE_CHARS = 200
"""A text up to this long is its own snippet, whole; a longer one is cut around a match."""
START, STOP = "\ue000", "\ue001"
"""What ``ts_headline`` puts around a match: private-use characters, removed from the
texts first, so a briefing cannot hold one."""
_HEADLINE_WHOLE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
_HEADLINE_CUT = f"StartSel={START}, StopSel={STOP}, MaxWords=20, MinWords=8, ShortWord=2"

LANGUAGES = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish",
    "nl": "dutch", "en": "english", "fi": "finnish", "fr": "french", "de": "german",
    "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "nn": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
"""A language's primary tag and PostgreSQL's configuration for it (those it ships)."""
WRITTEN_STEMS = {"briefing_spanish": "spanish", "briefing_portuguese": "portuguese"}
"""Configurations whose stemmer reads accented endings (``-ción``, ``-ção``), and
PostgreSQL's own: with ``unaccent`` first, ``negociación`` is stemmed ``negociacion`` but
``negociaciones`` ``negoci``. Their rows also hold the stems of the words as written, and
a search asks for either stem of each word, so one inflection finds another; a snippet
marks such a word by its headline in this configuration."""
SIMPLE = "briefing_simple"
"""The configuration of a briefing of no language, or one PostgreSQL does not stem."""

_T = TypeVar("_T")

_GIN_INDEXES = {
    "briefing_tui_passages_tsv": "briefing_tui_passages USING gin (tsv)",
    "briefing_tui_briefings_title_fold": (
        "briefing_tui_briefings USING gin (title_fold gin_trgm_ops)"
    ),
    "briefing_tui_briefings_speakers_fold": (
        "briefing_tui_briefings USING gin (speakers_fold gin_trgm_ops)"
    ),
    "briefing_tui_briefings_source_fold": (
        "briefing_tui_briefings USING gin (source_fold gin_trgm_ops)"
    ),
    "briefing_tui_passages_speaker_fold": (
        "briefing_tui_passages USING gin (speaker_fold gin_trgm_ops) WHERE kind = 'quote'"
    ),
}
"""The GIN indexes and what they index: a refresh moves their pending entries into them
when it is done; a first load into an empty archive makes them afterwards."""
_CREATE_GIN = {
    name: f"CREATE INDEX IF NOT EXISTS {name} ON {what}" for name, what in _GIN_INDEXES.items()
}
_TSV_INDEX = _CREATE_GIN["briefing_tui_passages_tsv"]
_TRIGRAM_INDEXES = "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n" + "".join(
    f"{sql};\n" for name, sql in _CREATE_GIN.items() if name.endswith("_fold")
)
"""Trigram indexes of the folded texts that ``title:``, ``source:`` and ``speaker:`` look
inside (``LIKE '%value%'``)."""
_SPEAKERS_TABLE = """CREATE TABLE briefing_tui_speakers (
    speaker_fold text COLLATE "C" PRIMARY KEY, speaker text COLLATE "C" NOT NULL,
    quotes bigint NOT NULL, briefings bigint NOT NULL)"""
"""Each speaker's quotes and briefings, counted as briefings are written and deleted
(schema 5): the speakers view of a million briefings reads a few hundred rows, not every
quote. The name shown is the greatest spelling written (one may outlive its quotes)."""
_COUNT_SPEAKERS = """
INSERT INTO briefing_tui_speakers AS s (speaker_fold, speaker, quotes, briefings)
SELECT speaker_fold, max(speaker), count(*), count(DISTINCT briefing) FROM {source}
WHERE kind = 'quote' AND speaker_fold IS NOT NULL GROUP BY speaker_fold
ON CONFLICT (speaker_fold) DO UPDATE SET speaker = GREATEST(s.speaker, excluded.speaker),
    quotes = s.quotes + excluded.quotes, briefings = s.briefings + excluded.briefings
"""
"""Count the quotes of ``source``'s passages in (a briefing's are written once each)."""
_UNCOUNT_SPEAKERS = """
UPDATE briefing_tui_speakers AS s SET quotes = s.quotes - gone.quotes,
    briefings = s.briefings - gone.briefings
FROM (
    WITH theirs AS MATERIALIZED (
        SELECT briefing, kind, speaker_fold FROM briefing_tui_passages WHERE briefing = ANY(%s))
    SELECT speaker_fold, count(*) AS quotes, count(DISTINCT briefing) AS briefings FROM theirs
    WHERE kind = 'quote' AND speaker_fold IS NOT NULL GROUP BY speaker_fold) AS gone
WHERE s.speaker_fold = gone.speaker_fold
"""
"""Count out the quotes of the briefings about to be deleted. Their passages are read by
their briefing alone (materialized): with the quote conditions beside it, the planner
took the quotes' index too and read all of its entries (0.46 s a batch at a million)."""
_SPEAKERS_INDEX = _CREATE_GIN["briefing_tui_briefings_speakers_fold"] + ";\n"
"""The trigram index of each briefing's speakers (schema 4)."""
KEEP_MISSING_FROM = 1_000
"""Files missing under the roots from which a refresh removes none of them unless told to
(``prune``), if they are also half of the archive's rows there: a folder unmounted or
unreadable for a while would otherwise empty a team's archive (and loading it again takes
an hour at a million briefings)."""
BULK_FROM = 1_000
"""Files from which a first load into an empty archive makes the GIN indexes after writing
the rows (cheaper than keeping them up to date row by row)."""
_SCHEMA = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TABLE briefing_tui_schema (version integer NOT NULL);
CREATE TABLE briefing_tui_briefings (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    path text COLLATE "C" NOT NULL UNIQUE,
    size bigint NOT NULL, mtime_ns bigint NOT NULL, hash bytea NOT NULL,
    title text COLLATE "C" NOT NULL, published text COLLATE "C", location text, source text,
    tags text[] NOT NULL, points integer NOT NULL, quotes integer NOT NULL,
    blocks integer NOT NULL, problem text, language text, config text NOT NULL,
    day text COLLATE "C" NOT NULL, title_fold text NOT NULL, source_fold text NOT NULL,
    speakers_fold text NOT NULL);
CREATE INDEX briefing_tui_briefings_newest
    ON briefing_tui_briefings (day DESC, published DESC, title, id);
CREATE TABLE briefing_tui_tags (
    tag text NOT NULL, briefing bigint NOT NULL, PRIMARY KEY (tag, briefing));
CREATE INDEX briefing_tui_tags_briefing ON briefing_tui_tags (briefing);
CREATE TABLE briefing_tui_passages (
    briefing bigint NOT NULL, n integer NOT NULL, kind text NOT NULL,
    section text, heading text, line integer,
    speaker text COLLATE "C", speaker_fold text COLLATE "C",
    title text NOT NULL, quote text NOT NULL, text text NOT NULL,
    config text NOT NULL, tsv tsvector NOT NULL, day text COLLATE "C" NOT NULL,
    PRIMARY KEY (briefing, n));
{_TSV_INDEX};
CREATE INDEX briefing_tui_passages_speaker
    ON briefing_tui_passages (speaker_fold, briefing) WHERE kind = 'quote';
CREATE TABLE briefing_tui_configs (config text PRIMARY KEY);
{_SPEAKERS_TABLE};
{_TRIGRAM_INDEXES}
"""

_INCOMING = """
CREATE TEMPORARY TABLE IF NOT EXISTS briefing_tui_incoming (
    briefing bigint, n integer, kind text, section text, heading text, line integer,
    speaker text, speaker_fold text, title text, quote text, text text, config text,
    day text
) ON COMMIT DELETE ROWS
"""
"""Where a batch's passages are copied, to be made into rows with their ``tsvector``."""

_WRITTEN_VALUES = ", ".join(
    f"('{config}', 'pg_catalog.{name}'::regconfig)" for config, name in WRITTEN_STEMS.items()
)


def _used(source: str) -> str:
    """The configurations of ``source``'s rows, each looked up once: its own, the one of the
    stems of its words as written (:data:`WRITTEN_STEMS`) and ``simple`` (unless it is)."""
    return f"""used AS MATERIALIZED (
    SELECT config, config::regconfig AS regconfig, written.regconfig AS written,
        CASE WHEN config <> '{SIMPLE}' THEN '{SIMPLE}'::regconfig END AS simple
    FROM (SELECT DISTINCT config FROM {source}) AS configs
    LEFT JOIN (VALUES {_WRITTEN_VALUES}) AS written (config, regconfig) USING (config))"""


def _merged(text: str) -> str:
    """A text's ``tsvector``: its stems, the stems of its words as written and the words as
    written, at the same positions (merged as text: ``||`` would move the right one's); in
    ``simple`` (no other), the one ``tsvector`` as it is (the text's round trip cost 60%)."""
    return (
        f"CASE WHEN used.written IS NULL AND used.simple IS NULL"
        f" THEN to_tsvector(used.regconfig, {text})"
        f" ELSE (to_tsvector(used.regconfig, {text})::text"
        f" || ' ' || coalesce(to_tsvector(used.written, {text})::text, '')"
        f" || ' ' || coalesce(to_tsvector(used.simple, {text})::text, ''))::tsvector END"
    )


_SPEAKER = "coalesce(i.speaker, '')"
_TSVECTOR = (
    f"setweight({_merged(f'left(i.title, {INDEXED_CHARS})')}, 'A')"
    f" || setweight({_merged('i.quote')}, 'B')"
    f" || setweight({_merged(_SPEAKER)}, 'B')"
    f" || setweight({_merged(f'left(i.text, {INDEXED_CHARS})')}, 'D')"
)
"""A passage ``i``'s ``tsvector`` (with ``used``, its configurations): title A, quote and
speaker B, text D."""
_AS_WRITTEN = "%(s)s::oid::regconfig"
"""In a search: the configuration of the words as written (``simple``, by its oid)."""
_HEADLINED = {
    "title": "p.kind = 'title'",
    "quote": "p.kind = 'quote'",
    "speaker": "p.kind = 'quote'",
    "text": "p.kind <> 'quote'",
}
"""The columns of a passage a search makes headlines of, in :func:`_snippet`'s order, and
the passages whose snippet may show them (the others' are left empty)."""


def _source(column: str) -> str:
    """The text of a passage ``p``'s column that a headline reads."""
    return f"left(translate(coalesce(p.{column}, ''), '{START}{STOP}', ''), {HEADLINE_CHARS})"


def _headline(config: str, column: str) -> str:
    """``ts_headline`` of a passage ``p``'s column for the query ``q.query``: the whole text
    if it is short, else the part around a match."""
    return (
        f"ts_headline({config}, {_source(column)}, q.query,"
        f" CASE WHEN length(p.{column}) <= {WHOLE_CHARS} THEN %(whole)s ELSE %(cut)s END)"
    )


_FROM_INCOMING = f"""
WITH {_used("briefing_tui_incoming")}
INSERT INTO briefing_tui_passages (
    briefing, n, kind, section, heading, line, speaker, speaker_fold, title, quote, text,
    config, tsv, day)
SELECT i.briefing, i.n, i.kind, i.section, i.heading, i.line, i.speaker, i.speaker_fold,
    i.title, i.quote, i.text, i.config, {_TSVECTOR}, i.day
FROM briefing_tui_incoming AS i JOIN used USING (config)
"""
"""The batch's passages made rows, with their ``tsvector``."""
_RETOKENIZE = f"""
WITH {_used("briefing_tui_passages")}
UPDATE briefing_tui_passages AS i SET tsv = {_TSVECTOR} FROM used WHERE used.config = i.config
"""
"""Every passage's ``tsvector`` made again (a migration from schema 1)."""

_BRIEFING_COLUMNS = (
    "id, path, size, mtime_ns, hash, title, published, location, source, tags, points,"
    " quotes, blocks, problem, language, config, day, title_fold, source_fold, speakers_fold"
)
_PASSAGE_COLUMNS = (
    "briefing, n, kind, section, heading, line, speaker, speaker_fold, title, quote, text,"
    " config, day"
)
_ENTRY_COLUMNS = (
    "path, title, published, location, language, source, tags, points, quotes, blocks, problem"
)
_NEWEST = "b.day DESC, b.published DESC, b.title"


def _psycopg() -> Any:
    """The ``psycopg`` module, or :class:`IndexUnavailable` saying how to install it."""
    try:
        import psycopg
    except ImportError:
        raise IndexUnavailable(
            "the PostgreSQL archive needs psycopg: pip install 'briefing-tui[postgres]'"
        ) from None
    return psycopg


def config_of(language: str | None, known: frozenset[str] | None = None) -> str:
    """The configuration of a briefing in ``language`` (``es-CO``: Spanish's); ``simple``
    for none, or one the server does not have (``known``: the configurations it has)."""
    primary = (language or "").split("-")[0].split("_")[0].strip().lower()
    name = LANGUAGES.get(primary)
    config = f"briefing_{name}" if name else SIMPLE
    if known is not None and config not in known:
        return SIMPLE
    return config


def _term_texts(clauses: Sequence[Sequence[Term]]) -> list[list[str]]:
    """Each term of each clause as ``to_tsquery`` text: ``word``, ``a <-> b``, ``pre:*``."""
    texts = []
    for clause in clauses:
        terms = []
        for term in clause:
            words = [word for word in term.words if word.isalnum()]
            if not words:
                continue
            if term.prefix:
                words[-1] += ":*"
            terms.append(" <-> ".join(words))
        if terms:
            texts.append(terms)
    return texts


def _searched_terms(
    clauses: Sequence[Sequence[Term]], excluded: Sequence[Term] = ()
) -> tuple[list[list[str]], bool]:
    """The clauses as :func:`_term_texts`, then the ``excluded`` terms as one more clause if
    there are any (and True: the last clause is to be left out)."""
    terms = _term_texts(clauses)
    left_out = _term_texts([excluded])
    if terms and left_out:
        return [*terms, *left_out], True
    return terms, False


def _either(texts: Sequence[str]) -> str:
    """Alternatives as ``to_tsquery`` text: ``((a) | (b <-> c))``."""
    return "(" + " | ".join(f"({text})" for text in texts) + ")"


def tsquery_text(clauses: Sequence[Sequence[Term]], excluded: Sequence[Term] = ()) -> str:
    """The clauses as ``to_tsquery`` text: ``a & (b | c <-> d) & e:*``, and ``& !(f | g)``
    for the ``excluded`` terms.

    Every word holds only letters and digits (see :func:`tui.library.query.words_of`),
    so nothing a user types becomes an operator.
    """
    terms, negated = _searched_terms(clauses, excluded)
    return _composed(terms, [text for clause in terms for text in clause], None, negated)


class _Config(NamedTuple):
    """A configuration in use, its oid, its :data:`WRITTEN_STEMS` stemmer's oid (or None),
    and its tsquery for a search (as text; empty: it can match nothing)."""

    name: str
    oid: int
    written: int | None
    query: str


def _composed(
    terms: list[list[str]], stemmed: list[str], written: list[str] | None, negated: bool = False
) -> str:
    """The tsquery text of ``terms`` from each term's stemmed tsquery (and its stems of the
    words as written): the alternatives of a clause, without repeats, ``|``-ed; clauses
    ``&``-ed; a term, or a clause, that stemmed to nothing (stop words) left out.
    ``negated``: the last clause is what a passage must not hold (``& !(...)``)."""
    clauses: list[str] = []
    k = 0
    for number, clause in enumerate(terms, 1):
        either: list[str] = []
        for _ in clause:
            for text in (stemmed[k], written[k] if written else ""):
                if text and text not in either:
                    either.append(text)
            k += 1
        if not either:
            continue
        if negated and number == len(terms):
            if not clauses:
                return ""  # nothing left to find: asked as written
            clauses.append("!" + _either(either))
        else:
            clauses.append(_either(either))
    return " & ".join(clauses)


def _content_hash(path: str) -> bytes:
    """A digest of the file's bytes (empty when it cannot be read: it is read again)."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return b""
    return digest.digest()


def _text(value: str | None) -> str | None:
    """A string PostgreSQL can store (it refuses NUL characters)."""
    if value is None or "\x00" not in value:
        return value
    return value.replace("\x00", "")


def _marked(headline: str, source: str) -> Marked:
    """``ts_headline``'s text and where its marks are; ``…`` where the source goes on."""
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{START}{STOP}])", headline):
        if piece == START:
            start = length
        elif piece == STOP:
            if start is not None and length > start:
                marks.append((start, length))
            start = None
        elif piece:
            text.append(piece)
            length += len(piece)
    shown = "".join(text)
    merged: list[tuple[int, int]] = []
    for begin, end in marks:  # the words of a phrase are one mark, as in the SQLite index
        if merged and not shown[merged[-1][1] : begin].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    at = source.find(shown) if shown else 0
    if at < 0:
        return shown, tuple(merged)
    lead = ELLIPSIS if at > 0 and source[:at].strip() else ""
    tail = ELLIPSIS if source[at + len(shown) :].strip() else ""
    offset = len(lead)
    return lead + shown + tail, tuple((a + offset, b + offset) for a, b in merged)


class PostgresIndex:
    """A :class:`~tui.library.index.LibraryIndex` in a PostgreSQL database.

    ``read_only``: a reader's index; :meth:`refresh` writes nothing (it reports the rows
    in scope as unchanged) and every transaction is read-only. Raises
    :class:`IndexUnavailable` (one line, no password) when the server cannot be reached.
    """

    def __init__(
        self,
        url: str,
        *,
        roots: Sequence[str] = (),
        read_only: bool = False,
        workers: int | None = None,
        parallel_from: int = PARALLEL_FROM,
        prune: bool = False,
    ) -> None:
        self.url = url
        self.roots = tuple(root.rstrip("/") or "/" for root in roots)
        self.read_only = read_only
        self.prune = prune
        """Remove the rows of missing files even when they are many (see
        :data:`KEEP_MISSING_FROM`)."""
        self.workers = workers
        self.parallel_from = parallel_from
        self.notices: list[str] = []
        """One line each: a schema migrated, a wait for another indexer, a reconnection."""
        self._said_listed = False
        self._psycopg = _psycopg()
        self._shown = redact(url)
        self._password = self._secret(url)
        self._reading = threading.Lock()
        self._reader: psycopg.Connection[Any] | None = None
        try:
            with contextlib.closing(self._connect()) as connection:
                self._prepare(connection)
            with self._reading:
                self._reader = self._connect_reader()
        except self._psycopg.Error as error:
            raise IndexUnavailable(
                f"the archive {self._shown} cannot be opened ({self._reason(error)})"
            ) from None

    # -- connecting -----------------------------------------------------------------

    def _secret(self, url: str) -> str | None:
        """The password in ``url``, to be blanked out of messages."""
        try:
            return self._psycopg.conninfo.conninfo_to_dict(url).get("password") or None
        except self._psycopg.Error:
            return None

    def _reason(self, error: BaseException) -> str:
        """An error in one line, without the password."""
        text = " ".join((str(error) or type(error).__name__).split())
        if self._password:
            text = text.replace(self._password, "***")
        return redact(text)

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            options = self._psycopg.conninfo.conninfo_to_dict(self.url)
        except self._psycopg.Error:
            raise IndexUnavailable(
                f"the archive's address is not a PostgreSQL connection string: {self._shown}"
            ) from None
        options.setdefault("connect_timeout", CONNECT_SECONDS)
        options.setdefault("application_name", "briefing-tui")
        connection: psycopg.Connection[Any] = self._psycopg.connect(autocommit=True, **options)
        # Never prepared: a prepared statement's generic plan would not fold a search's
        # ``to_tsquery(…)`` into a constant, and would compute it again for every row.
        connection.prepare_threshold = None
        return connection

    def _connect_reader(self) -> psycopg.Connection[Any]:
        connection = self._connect()
        try:
            connection.execute("SET default_transaction_read_only = on")
            connection.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
            connection.execute("SET jit = off")  # compiling costs a search more than it saves
            # An archive serves many readers at once: a search's parallel workers cost the
            # server a quarter more CPU (60-67 against 41-51 ms a query at a million
            # briefings) for an answer no sooner, and twenty readers wait longer for them.
            connection.execute("SET max_parallel_workers_per_gather = 0")
            connection.execute(f"SET work_mem = '{READER_WORK_MEM}'")
            self._check_version(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _version(self, connection: psycopg.Connection[Any]) -> int | None:
        """The archive's schema version; None when the database has none."""
        exists = connection.execute("SELECT to_regclass('briefing_tui_schema')").fetchone()
        if exists is None or exists[0] is None:
            return None
        row = connection.execute("SELECT max(version) FROM briefing_tui_schema").fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def _check_version(self, connection: psycopg.Connection[Any]) -> None:
        version = self._version(connection)
        if version is None:
            raise IndexUnavailable(
                f"the database {self._shown} has no briefing-tui archive yet;"
                f" build it with briefing-tui index DIR --db {self._shown}"
            )
        if version > SCHEMA_VERSION:
            raise IndexUnavailable(
                f"the archive {self._shown} was made by a newer briefing-tui (schema {version};"
                f" this one knows {SCHEMA_VERSION}): update briefing-tui"
            )
        if version < SCHEMA_VERSION:
            raise IndexUnavailable(
                f"the archive {self._shown} is of an older schema ({version}); bring it up to"
                f" date with briefing-tui index DIR --db {self._shown}"
            )

    def _prepare(self, connection: psycopg.Connection[Any]) -> None:
        """Make the schema, or migrate it, if this is a writer; else check it."""
        if self.read_only or self._version(connection) == SCHEMA_VERSION:
            self._check_version(connection)
            return
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            version = self._version(connection)  # another program may have made it meanwhile
            if version is not None and version > SCHEMA_VERSION:
                self._check_version(connection)
            if version == SCHEMA_VERSION:
                return
            if version is None:
                try:
                    connection.execute(_SCHEMA)
                except self._psycopg.errors.InsufficientPrivilege as error:
                    raise IndexUnavailable(
                        f"the archive cannot be made in {self._shown} ({self._reason(error)})"
                    ) from None
                self._make_configs(connection)
                connection.execute("INSERT INTO briefing_tui_schema VALUES (%s)", (SCHEMA_VERSION,))
                self.notices.append(f"made a new briefing-tui archive in {self._shown}")
            if version == 1:  # 2: the words as written in every row's tsvector
                connection.execute("DROP INDEX briefing_tui_passages_tsv")
                connection.execute(_RETOKENIZE)
                connection.execute(_TSV_INDEX)
                connection.execute("UPDATE briefing_tui_schema SET version = 2")
                self.notices.append(
                    f"brought the archive {self._shown} up to date (schema 1 to 2:"
                    " prefixes match the words as written)"
                )
                version = 2
            if version == 2:  # 3: each passage's day (newest matches ranked); trigrams
                connection.execute("DROP INDEX briefing_tui_passages_tsv")
                connection.execute(
                    'ALTER TABLE briefing_tui_passages ADD COLUMN day text COLLATE "C"'
                )
                connection.execute(
                    "UPDATE briefing_tui_passages p SET day = b.day"
                    " FROM briefing_tui_briefings b WHERE b.id = p.briefing"
                )
                connection.execute("ALTER TABLE briefing_tui_passages ALTER day SET NOT NULL")
                connection.execute(_TSV_INDEX)
                connection.execute(_TRIGRAM_INDEXES.replace(_SPEAKERS_INDEX, ""))  # (4 has it)
                connection.execute("UPDATE briefing_tui_schema SET version = 3")
                self.notices.append(
                    f"brought the archive {self._shown} up to date (schema 2 to 3:"
                    " the newest matches are ranked; filters use trigram indexes)"
                )
                version = 3
            if version == 3:  # 4: a briefing's speakers beside it (a filter costs no join)
                connection.execute(
                    "ALTER TABLE briefing_tui_briefings"
                    " ADD COLUMN speakers_fold text NOT NULL DEFAULT ''"
                )
                connection.execute(
                    "UPDATE briefing_tui_briefings b SET speakers_fold = s.names FROM ("
                    " SELECT briefing, string_agg(DISTINCT speaker_fold, E'\\n') AS names"
                    " FROM briefing_tui_passages WHERE kind = 'quote' AND speaker_fold <> ''"
                    " GROUP BY briefing) AS s WHERE s.briefing = b.id"
                )
                connection.execute(
                    "ALTER TABLE briefing_tui_briefings ALTER speakers_fold DROP DEFAULT"
                )
                connection.execute(_SPEAKERS_INDEX)
                connection.execute("ANALYZE briefing_tui_briefings")  # else '%name%' is a guess
                connection.execute("UPDATE briefing_tui_schema SET version = 4")
                self.notices.append(
                    f"brought the archive {self._shown} up to date (schema 3 to 4:"
                    " a speaker: filter reads each briefing's speakers)"
                )
                version = 4
            if version == 4:  # 5: each speaker's counts kept beside the quotes
                connection.execute(_SPEAKERS_TABLE)
                connection.execute(_COUNT_SPEAKERS.format(source="briefing_tui_passages"))
                connection.execute("UPDATE briefing_tui_schema SET version = 5")
                self.notices.append(
                    f"brought the archive {self._shown} up to date (schema 4 to 5:"
                    " the speakers view reads each speaker's counts)"
                )
            # (migrations from later versions go here, one step at a time)

    def _make_configs(self, connection: psycopg.Connection[Any]) -> None:
        """Our text search configurations: each language's, ``unaccent`` before its stemmer."""
        have = {
            name
            for (name,) in connection.execute(
                "SELECT c.cfgname FROM pg_ts_config c JOIN pg_ts_dict d"
                " ON d.dictname = c.cfgname || '_stem'"
                " WHERE c.cfgnamespace = 'pg_catalog'::regnamespace"
            )
        }
        made = {"simple": "simple"}
        for name in sorted(set(LANGUAGES.values()) & have):
            made[name] = f"{name}_stem"
        for name, dictionary in made.items():
            connection.execute(
                f"CREATE TEXT SEARCH CONFIGURATION briefing_{name} (COPY = pg_catalog.{name})"
            )
            connection.execute(
                f"ALTER TEXT SEARCH CONFIGURATION briefing_{name} ALTER MAPPING FOR"
                f" hword, hword_part, word WITH unaccent, {dictionary}"
            )

    def close(self) -> None:
        with self._reading:
            if self._reader is not None:
                with contextlib.suppress(Exception):
                    self._reader.close()
                self._reader = None

    # -- reading ------------------------------------------------------------------------

    def _read(self, work: Callable[[psycopg.Connection[Any]], _T]) -> _T:
        """``work`` done on the reading connection; a broken connection is opened again and
        ``work`` done once more (with a notice once it was); a server that cannot be reached
        then is :class:`ArchiveUnreachable`, any other failure IndexUnavailable."""
        psycopg = self._psycopg
        with self._reading:
            for attempt in (1, 2):
                try:
                    if self._reader is None or self._reader.closed:
                        self._reader = self._connect_reader()
                    with self._reader.transaction():
                        answer = work(self._reader)
                    if attempt == 2:  # (said once it is true)
                        self.notices.append("the connection to the archive was lost; reconnected")
                    return answer
                except psycopg.errors.QueryCanceled:
                    raise IndexUnavailable(
                        "the archive took too long to answer"
                        f" (over {STATEMENT_TIMEOUT_MS // 1000} s)"
                    ) from None
                except psycopg.OperationalError as error:
                    broken = self._reader is None or self._reader.broken or self._reader.closed
                    if self._reader is not None:
                        with contextlib.suppress(Exception):
                            self._reader.close()
                    self._reader = None
                    if attempt == 1 and broken:
                        continue
                    if not broken:  # (the server answered: it is there, and failed)
                        raise IndexUnavailable(
                            f"the archive {self._shown} cannot be read ({self._reason(error)})"
                        ) from None
                    raise ArchiveUnreachable(
                        f"the archive {self._shown} cannot be reached ({self._reason(error)})"
                    ) from None
                except psycopg.Error as error:
                    raise IndexUnavailable(
                        f"the archive {self._shown} cannot be read ({self._reason(error)})"
                    ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _scope(self, column: str) -> tuple[str, list[str]]:
        """A condition keeping ``column`` (a path) within the roots, and its values."""
        if not self.roots:
            return "TRUE", []
        conditions, values = [], []
        for root in self.roots:
            if root == "/":
                conditions.append(f"{column} >= '/'")
                continue
            conditions.append(f"({column} = %s OR ({column} >= %s AND {column} < %s))")
            values += [root, root + "/", root + "0"]  # "0" comes right after "/"
        return "(" + " OR ".join(conditions) + ")", values

    def entries(self, limit: int | None = None) -> Listing:
        """The newest :data:`LISTED` briefings' rows (within the roots), newest first (then by
        title); if the archive holds more, they are counted (the listing's ``held``) and a
        notice says how many (once). With ``limit``, the newest ``limit`` (at most
        :data:`LISTED`) only, nothing counted."""
        scope, values = self._scope("b.path")
        listed = LISTED if limit is None else max(min(limit, LISTED), 0)
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM briefing_tui_briefings b WHERE {scope}"
            f" ORDER BY {_NEWEST}, b.path LIMIT {listed + 1}"
        )
        count = f"SELECT count(*) FROM briefing_tui_briefings b WHERE {scope}"

        def read(connection: psycopg.Connection[Any]) -> tuple[list[Any], int | None]:
            rows = connection.execute(sql, values).fetchall()
            if len(rows) <= listed or limit is not None:
                return rows[:listed], None  # all of them, or as many as asked: not counted
            held = connection.execute(count, values).fetchone()
            return rows[:listed], int(held[0]) if held else 0

        rows, held = self._read(read)
        if held is not None and not self._said_listed:
            self._said_listed = True
            self.notices.append(
                f"the archive holds {held:,} briefings: the newest"
                f" {listed:,} are listed, and a search (/) finds any of them"
            )
        entries = [
            Entry(
                path=path,
                title=title,
                published=published,
                location=location,
                language=language,
                source=source,
                tags=tuple(tags),
                points=points,
                quotes=quotes,
                blocks=blocks,
                problem=problem,
            )
            for (path, title, published, location, language, source, tags, points, quotes,
                 blocks, problem) in rows
        ]  # fmt: skip
        return Listing(entries, held)

    def failures(self) -> int:
        """How many of the archive's files (within the roots) do not load."""
        scope, values = self._scope("path")
        sql = f"SELECT count(*) FROM briefing_tui_briefings WHERE problem IS NOT NULL AND {scope}"
        row = self._read(lambda connection: connection.execute(sql, values).fetchone())
        return int(row[0]) if row else 0

    def _filters(
        self, query: Query, scoped: bool = True, on_passage: bool = False
    ) -> tuple[str, list[str]]:
        """The query's filters (and the roots, if ``scoped``) as ``AND …`` conditions on the
        briefing ``b``, and their values; ``on_passage``: without the date and tag filters,
        which a search asks of the passage itself (see :func:`_days` and :func:`_tags`)."""
        scope, values = self._scope("b.path") if scoped else ("TRUE", [])
        where = [] if scope == "TRUE" else [scope]
        for each in query.filters:
            if each.field == "speaker":
                where.append("b.speakers_fold LIKE %s")
            elif each.field in ("source", "title"):
                where.append(f"b.{each.field}_fold LIKE %s")
            else:
                continue
            values.append(_like(each.value) if each.field in _INSIDE else each.value)
        dated, on_days = ("", []) if on_passage else _days(query, "b.day")
        tagged, on_tags = ("", []) if on_passage else _tags(query, "b.id")
        conditions = "".join(f" AND {condition}" for condition in where)
        return conditions + dated + tagged, values + on_days + on_tags

    def _outside(self, connection: psycopg.Connection[Any]) -> bool:
        """True if the archive holds a row outside the roots (a few probes of the path index):
        if not, a search leaves out the roots' condition, which costs a join a match."""
        if not self.roots:
            return False
        covered = sorted(
            span
            for root in self.roots
            for span in ((root, root + "\x01"), (root + "/", root + "0"))
        )  # a root's own path, and its folder (paths compare as code points: COLLATE "C")
        gaps: list[tuple[str | None, str | None]] = []
        low: str | None = None
        for start, end in covered:
            if low is None or start > low:
                gaps.append((low, start))
            low = end if low is None else max(low, end)
        gaps.append((low, None))
        probes, values = [], []
        for after, before in gaps:
            bounds = []
            if after is not None:
                bounds.append("path >= %s")
                values.append(after)
            if before is not None:
                bounds.append("path < %s")
                values.append(before)
            probes.append(
                "EXISTS (SELECT 1 FROM briefing_tui_briefings WHERE "
                + (" AND ".join(bounds) or "TRUE")
                + ")"
            )
        row = connection.execute("SELECT " + " OR ".join(probes), values).fetchone()
        return bool(row and row[0])

    def search(self, query: str, limit: int = 100, per_briefing: int = PER_BRIEFING) -> list[Hit]:
        """The best ``limit`` passages for ``query``, best first (see :mod:`tui.library.query`);
        of a query of words, at most ``per_briefing`` of one briefing (0: all)."""
        parsed = parse(query)
        text = tsquery_text(parsed.clauses, parsed.excluded)
        if parsed.empty or limit <= 0 or (parsed.clauses and not text):
            return []
        return self._read(
            lambda connection: self._search(connection, parsed, text, limit, per_briefing)
        )

    def _search(
        self,
        connection: psycopg.Connection[Any],
        parsed: Query,
        text: str,
        limit: int,
        per_briefing: int = PER_BRIEFING,
    ) -> list[Hit]:
        if parsed.clauses:
            return self._ranked(connection, parsed, limit, per_briefing)
        where, values = self._filters(parsed, self._outside(connection))
        speakers = parsed.values("speaker")
        if speakers:  # a speaker's quotes, in the briefings the other filters leave
            sql = (
                "SELECT b.path, b.title, p.kind, p.section, p.heading, p.line, p.quote,"
                " b.published, p.speaker FROM briefing_tui_passages p"
                " JOIN briefing_tui_briefings b ON b.id = p.briefing WHERE p.kind = 'quote'"
                + " AND p.speaker_fold LIKE %s" * len(speakers)
                + f"{where} ORDER BY {_NEWEST}, b.id, p.n LIMIT %s"
            )
            arguments: list[object] = [*map(_like, speakers), *values, limit]
        else:  # the briefings the filters leave, newest first, as their title passage
            sql = (
                "SELECT b.path, b.title, p.kind, p.section, p.heading, p.line,"
                " CASE WHEN p.text <> '' THEN p.text ELSE p.title END, b.published, NULL"
                " FROM briefing_tui_briefings b JOIN briefing_tui_passages p"
                f" ON p.briefing = b.id AND p.n = 0 WHERE TRUE{where}"
                f" ORDER BY {_NEWEST}, b.id LIMIT %s"
            )
            arguments = [*values, limit]
        rows = connection.execute(sql, arguments).fetchall()
        count = len(rows)
        hits = []
        for n, (path, title, kind, section, heading, line, shown, day, speaker) in enumerate(rows):
            said = said_by(speaker, shown, speakers) if kind == "quote" else opening(shown)
            hits.append(hit_of(path, title, kind, section, heading, line, said, count - n, day))
        return hits

    def _tsqueries(
        self,
        connection: psycopg.Connection[Any],
        terms: list[list[str]],
        text: str,
        *,
        negated: bool = False,
    ) -> tuple[list[_Config], int | None]:
        """The configurations in use, each with its tsquery for ``terms`` (:func:`_term_texts`;
        ``text``: all of them, as :func:`tsquery_text` writes them; ``negated``: the last
        clause is left out, see :func:`_composed`), and ``simple``'s oid.

        Asked of the server in one statement, as text: each word stemmed by the
        configuration (and, with the stems of the words as written, also by its
        :data:`WRITTEN_STEMS` stemmer: either stem of it), a prefix as written; a word that
        is a stop word is left out, and a query of stop words only is asked as written.
        The search then passes each tsquery as a constant, so that the planner knows it.
        """
        flat = [term for clause in terms for term in clause]

        def each_term(stemmer: str) -> str:
            """Every term's tsquery by ``stemmer`` (a prefix: as written), as text."""
            return ", ".join(
                f"to_tsquery({'s.oid' if term.endswith(':*') else stemmer}, %(t{k})s)::text"
                for k, term in enumerate(flat)
            )

        stemmed, written = each_term("c.config::regconfig"), each_term("w.regconfig")
        sql = (
            "SELECT c.config, c.config::regconfig::oid, w.regconfig::oid,"
            f" ARRAY[{stemmed}], CASE WHEN w.regconfig IS NOT NULL THEN ARRAY[{written}] END,"
            " to_tsquery(s.oid, %(q)s)::text, s.oid::oid"
            f" FROM briefing_tui_configs c LEFT JOIN (VALUES {_WRITTEN_VALUES})"
            " AS w (config, regconfig) USING (config)"
            f" CROSS JOIN (SELECT '{SIMPLE}'::regconfig AS oid) AS s ORDER BY 1"
        )
        parameters: dict[str, object] = {f"t{k}": term for k, term in enumerate(flat)}
        parameters["q"] = text
        rows = connection.execute(sql, parameters).fetchall()
        configs = [
            _Config(config, oid, other, _composed(terms, own, also, negated) or as_written)
            for config, oid, other, own, also, as_written, _ in rows
        ]
        return configs, (rows[0][-1] if rows else None)

    def explain(
        self, query: str, limit: int = 100, analyze: bool = False, per_briefing: int = PER_BRIEFING
    ) -> str:
        """PostgreSQL's plan of :meth:`search` for a query of words (``analyze``: run, with
        its times): to see that the GIN index answers it."""
        parsed = parse(query)

        def plan(connection: psycopg.Connection[Any]) -> str:
            statement = self._ranked_statement(connection, parsed, limit, per_briefing)
            if statement is None:
                return ""
            sql, parameters = statement
            verb = "EXPLAIN (ANALYZE, BUFFERS)" if analyze else "EXPLAIN"
            rows = connection.execute(f"{verb} {sql}", parameters).fetchall()
            return "\n".join(str(row[0]) for row in rows)

        return self._read(plan)

    def _ranked(
        self, connection: psycopg.Connection[Any], parsed: Query, limit: int, per_briefing: int
    ) -> list[Hit]:
        """The best passages for the words, ranked by ``ts_rank``; then, for those only,
        their briefing and snippets."""
        statement = self._ranked_statement(connection, parsed, limit, per_briefing)
        if statement is None:
            return []
        rows = connection.execute(*statement).fetchall()
        hits = []
        for row in rows:
            path, title, kind, section, heading, line, rank = row[:7]
            texts = [_marked(row[at] or "", row[at + 1] or "") for at in range(7, 15, 2)]
            snippet = _snippet(kind, texts)
            hits.append(hit_of(path, title, kind, section, heading, line, snippet, rank, row[15]))
        return hits

    def _ranked_statement(
        self,
        connection: psycopg.Connection[Any],
        parsed: Query,
        limit: int,
        per_briefing: int = PER_BRIEFING,
    ) -> tuple[str, dict[str, object]] | None:
        """The statement of :meth:`_ranked` and its parameters; None if nothing can match.
        At most ``per_briefing`` passages of a briefing (its best; 0: all).

        A passage matches its configuration's tsquery; configurations whose tsqueries are
        the same are asked together (one scan of the GIN index each tsquery), and with no
        condition on the configuration when one tsquery is every configuration's. The date
        and tag filters read the passage's own day and briefing id; the others, its
        briefing's row."""
        clauses = parsed.clauses
        text = tsquery_text(clauses, parsed.excluded)
        if not text:
            return None
        where, values = self._filters(parsed, self._outside(connection), on_passage=True)
        dated, on_days = _days(parsed, "p.day")
        tagged, on_tags = _tags(parsed, "p.briefing")
        terms, negated = _searched_terms(clauses, parsed.excluded)
        every, simple = self._tsqueries(connection, terms, text, negated=negated)
        configs = [config for config in every if config.query]
        if not configs:
            return None
        parameters: dict[str, object] = {}
        alike: dict[str, list[str]] = {}
        for config in configs:
            alike.setdefault(config.query, []).append(config.name)
        everyone = len(alike) == 1 and len(configs) == len(every)
        matches = []
        for n, (query, names) in enumerate(alike.items()):
            parameters[f"m{n}"], parameters[f"n{n}"] = query, names
            condition = f"p.tsv @@ %(m{n})s::tsquery"
            matches.append(condition if everyone else f"(p.config = ANY(%(n{n})s) AND {condition})")
        queries = ", ".join(
            f"(%(c{n})s::text, %(o{n})s::oid::regconfig, %(x{n})s::oid::regconfig,"
            f" %(q{n})s::tsquery)"
            for n in range(len(configs))
        )
        for n, config in enumerate(configs):
            parameters.update(
                {f"c{n}": config.name, f"o{n}": config.oid, f"x{n}": config.written,
                 f"q{n}": config.query}
            )  # fmt: skip
        among = (
            f" AND p.briefing IN (SELECT b.id FROM briefing_tui_briefings b WHERE TRUE{where})"
            if where
            else ""
        )
        parameters.update(
            s=simple,
            limit=limit,
            ranked=RANKED,
            per=per_briefing,
            whole=_HEADLINE_WHOLE,
            cut=_HEADLINE_CUT,
        )
        among = (
            _named(among, "f", values, parameters)
            + _named(dated, "d", on_days, parameters)
            + _named(tagged, "g", on_tags, parameters)
        )

        found = f"({' OR '.join(matches)}){among}"
        if per_briefing > 0:  # each briefing's first few matches at most, then the newest
            parameters["each"] = RANKED_EACH
            matched = (
                "SELECT k.briefing, k.n, p.config, p.tsv FROM (SELECT briefing, n FROM ("
                " SELECT p.briefing, p.n, p.day, row_number() OVER"
                " (PARTITION BY p.briefing ORDER BY p.n) AS nth"
                f" FROM briefing_tui_passages p WHERE {found}) AS each"
                " WHERE nth <= %(each)s ORDER BY day DESC, briefing DESC LIMIT %(ranked)s) AS k"
                " CROSS JOIN LATERAL (SELECT p.config, p.tsv FROM briefing_tui_passages p"
                " WHERE p.briefing = k.briefing AND p.n = k.n OFFSET 0) AS p"
            )  # (narrow rows numbered, all the matches; each ranked one's vector then read
            # by its key: OFFSET 0 keeps it a look-up, not a scan of every passage)
        else:  # (every passage asked: the newest kept as they are sorted, none numbered)
            matched = (
                f"SELECT p.briefing, p.n, p.config, p.tsv FROM briefing_tui_passages p"
                f" WHERE {found} ORDER BY p.day DESC, p.briefing DESC LIMIT %(ranked)s"
            )

        def headline(column: str) -> str:
            """A column's headline and its text; a match the configuration's own words do
            not show (a stem of the words as written, a prefix or a stop word as written)
            is marked by the headline of the words as written, or of their stems."""
            own, source = f"h.{column}", _source(column)
            simple, written = _headline(_AS_WRITTEN, column), _headline("q.written", column)
            return (
                f"CASE WHEN strpos({own}, '{START}') > 0 OR {source} = ''"
                f" OR NOT {_HEADLINED[column]} THEN {own}"
                f" WHEN q.config <> '{SIMPLE}' AND strpos({simple}, '{START}') > 0 THEN {simple}"
                f" WHEN strpos({written}, '{START}') > 0 THEN {written} ELSE {own} END,"
                f" {source}"
            )

        sql = (
            f"WITH q (config, regconfig, written, query) AS (VALUES {queries}),"
            f" matched AS ({matched}),"
            " ranks AS ("
            f" SELECT m.briefing, m.n, ts_rank('{RANK_WEIGHTS}', m.tsv, q.query) AS rank"
            " FROM matched m JOIN q ON q.config = m.config),"
            " best AS ("  # (each briefing's best few: its matches numbered by rank)
            " SELECT briefing, n, rank FROM (SELECT ranks.*, row_number() OVER"
            " (PARTITION BY briefing ORDER BY rank DESC, n) AS nth FROM ranks) AS numbered"
            " WHERE %(per)s <= 0 OR nth <= %(per)s"
            " ORDER BY rank DESC, briefing, n LIMIT %(limit)s)"
            " SELECT b.path, b.title, p.kind, p.section, p.heading, p.line, best.rank,"
            f" {', '.join(headline(column) for column in _HEADLINED)}, b.published"
            " FROM best JOIN briefing_tui_passages p ON p.briefing = best.briefing AND p.n = best.n"
            " JOIN briefing_tui_briefings b ON b.id = p.briefing"
            " JOIN q ON q.config = p.config"
            " CROSS JOIN LATERAL (SELECT "
            + ", ".join(
                f"CASE WHEN {used} THEN {_headline('q.regconfig', column)} ELSE '' END AS {column}"
                for column, used in _HEADLINED.items()
            )
            + " OFFSET 0) AS h"  # computed once a row: a flattened h would be once a use
            " ORDER BY best.rank DESC, best.briefing, best.n"
        )
        return sql, parameters

    def speakers(self) -> list[Speaker]:
        """Every speaker with a quote (within the roots), most quoted first: from the counts
        kept as briefings are written, unless the archive holds briefings outside the roots
        (then counted from the quotes: seconds for a million briefings)."""

        def listed(connection: psycopg.Connection[Any]) -> list[tuple[str, int, int]]:
            if not self._outside(connection):
                return connection.execute(
                    "SELECT speaker, quotes, briefings FROM briefing_tui_speakers"
                    " ORDER BY 2 DESC, 1"
                ).fetchall()
            scope, values = self._scope("b.path")
            return connection.execute(
                "SELECT max(p.speaker), count(*), count(DISTINCT p.briefing)"
                " FROM briefing_tui_passages p JOIN briefing_tui_briefings b"
                f" ON b.id = p.briefing WHERE p.kind = 'quote' AND p.speaker_fold IS NOT NULL"
                f" AND {scope} GROUP BY p.speaker_fold ORDER BY 2 DESC, 1",
                values,
            ).fetchall()

        rows = self._read(listed)
        return [Speaker(name, quotes, briefings) for name, quotes, briefings in rows]

    def quotes_by(self, speaker: str) -> list[Hit]:
        """The quotes of ``speaker`` (any spelling that folds the same), newest briefing first."""
        scope, values = self._scope("b.path")
        sql = (
            "SELECT b.path, b.title, p.section, p.heading, p.line, p.quote, b.published"
            " FROM briefing_tui_passages p JOIN briefing_tui_briefings b ON b.id = p.briefing"
            f" WHERE p.kind = 'quote' AND p.speaker_fold = %s AND {scope}"
            f" ORDER BY {_NEWEST}, b.id, p.n"
        )
        arguments = [fold(speaker), *values]
        rows = self._read(lambda connection: connection.execute(sql, arguments).fetchall())
        return quote_hits(rows)

    # -- refreshing ---------------------------------------------------------------------

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        """Bring the archive's rows within the roots in step with ``paths``: see
        :class:`~tui.library.index.LibraryIndex`."""
        started = time.perf_counter()
        if self.read_only:
            scope, values = self._scope("b.path")
            sql = f"SELECT count(*) FROM briefing_tui_briefings b WHERE {scope}"
            row = self._read(lambda connection: connection.execute(sql, values).fetchone())
            return Refreshed(unchanged=int(row[0]) if row else 0, seconds=0.0)
        try:
            with self._writer(progress) as connection:
                self._prepare(connection)
                self._make_indexes(connection)
                counts = self._refresh(connection, paths, progress)
        except self._psycopg.Error as error:
            raise IndexUnavailable(
                f"the archive {self._shown} cannot be updated ({self._reason(error)})"
            ) from None
        return Refreshed(**counts, seconds=time.perf_counter() - started, others=False)

    @contextlib.contextmanager
    def _writer(self, progress: Progress | None) -> Iterator[psycopg.Connection[Any]]:
        """A connection holding the writer's lock (waiting for another indexer, if any)."""
        connection = self._connect()
        try:
            held = connection.execute("SELECT pg_try_advisory_lock(%s)", (WRITER_LOCK,)).fetchone()
            if not (held and held[0]):
                self.notices.append("another indexer is running; waiting for it")
                if progress:
                    progress(0, 0)
                connection.execute("SELECT pg_advisory_lock(%s)", (WRITER_LOCK,))
            connection.execute(_INCOMING)
            yield connection
            # Let go of the lock before closing: a closed connection's server process lets
            # go of it only when it has exited, after close() has returned, so a refresh
            # straight after would find it still held and wait, with a notice.
            connection.execute("SELECT pg_advisory_unlock(%s)", (WRITER_LOCK,))
        finally:
            connection.close()  # the session's lock goes with it (if a failure kept it)

    def _refresh(
        self, connection: psycopg.Connection[Any], paths: Sequence[str], progress: Progress | None
    ) -> dict[str, int]:
        storable = storable_paths(paths, self.notices, "the archive")
        with ThreadPoolExecutor(1) as stating:  # the files' stats while the rows come
            stats = stating.submit(stat_all, storable, self.workers)
            scope, values = self._scope("path")
            rows = connection.execute(  # all at once: a row at a time costs as much as a stat
                f"SELECT path, id, size, mtime_ns FROM briefing_tui_briefings WHERE {scope}",
                values,
            ).fetchall()
            known: dict[str, tuple[str, int, int, int]] = {row[0]: row for row in rows}
            found = stats.result()
        candidates = [
            path
            for path, (size, mtime_ns) in found.items()
            if (row := known.get(path)) is None or row[2] != size or row[3] != mtime_ns
        ]
        unchanged = len(found) - len(candidates)
        workers = min(8, max(1, len(candidates) // 64))
        with ThreadPoolExecutor(workers) as pool:
            hashes = dict(zip(candidates, pool.map(_content_hash, candidates), strict=True))
        stored = self._hashes(connection, [known[path][1] for path in candidates if path in known])
        touched = [
            path
            for path in candidates
            if path in known and hashes[path] and hashes[path] == stored.get(known[path][1])
        ]
        touched_set = set(touched)
        changed = [path for path in candidates if path in known and path not in touched_set]
        new = [path for path in candidates if path not in known]
        # Every known file found (the found ones that are not new are known): none to remove.
        gone = self.roots and len(found) - len(new) < len(known)
        removed = [known[path][1] for path in known.keys() - found.keys()] if gone else []
        if len(removed) >= max(KEEP_MISSING_FROM, len(known) / 2) and not self.prune:
            self.notices.append(
                f"{len(removed):,} of the archive's {len(known):,} briefings under the folders"
                " given were not found, and are kept (a folder missing for a while?);"
                " briefing-tui index --prune removes them"
            )
            removed = []
        to_read = changed + new
        total = len(to_read)
        bulk = total >= BULK_FROM and not known and self._empty(connection)
        if bulk:  # nobody to serve yet: the indexes are made after the rows
            connection.execute("DROP INDEX IF EXISTS " + ", ".join(_GIN_INDEXES))
        if progress:
            progress(0, total)
        with connection.transaction():
            for start in range(0, len(removed), 10_000):
                self._delete(connection, removed[start : start + 10_000])
            with connection.cursor() as cursor:
                cursor.executemany(
                    "UPDATE briefing_tui_briefings SET size = %s, mtime_ns = %s WHERE id = %s",
                    [(*found[path], known[path][1]) for path in touched],
                )
        configs = frozenset(
            name
            for (name,) in connection.execute(
                "SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'briefing\\_%'"
            )
        )
        done = failed = 0
        written: list[Record] = []
        for records in read_all(to_read, self.workers, self.parallel_from):
            written += records
            if len(written) >= WRITE_BATCH:
                failed += self._write(connection, written, found, hashes, configs)
                done += len(written)
                written = []
                if progress:
                    progress(done, total)
        if written:
            failed += self._write(connection, written, found, hashes, configs)
            done += len(written)
            if progress:
                progress(done, total)
        if bulk:
            self._make_indexes(connection)
        if done:
            self._tidy(connection, done, len(known))
        return {
            "added": len(new),
            "changed": len(changed),
            "removed": len(removed),
            "unchanged": unchanged + len(touched),
            "failed": failed,
        }

    def _empty(self, connection: psycopg.Connection[Any]) -> bool:
        """True if the archive holds no briefing and this user owns its tables (who alone
        may drop and make their indexes)."""
        row = connection.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM briefing_tui_briefings) AND bool_and("
            "pg_has_role(relowner, 'USAGE')) FROM pg_class"
            " WHERE oid IN ('briefing_tui_briefings'::regclass, 'briefing_tui_passages'::regclass)"
        ).fetchone()
        return bool(row and row[0])

    def _make_indexes(self, connection: psycopg.Connection[Any]) -> None:
        """The GIN indexes, if a first load left them out (or was interrupted before it
        made them: a search without them still works, slowly)."""
        missing = [
            name
            for name in _GIN_INDEXES
            if (row := connection.execute("SELECT to_regclass(%s)", (name,)).fetchone())
            and row[0] is None
        ]  # asked first: a writer that does not own the tables may not even try to make one
        for name in missing:
            connection.execute(_CREATE_GIN[name])

    def _hashes(self, connection: psycopg.Connection[Any], ids: list[int]) -> dict[int, bytes]:
        """The content hashes of the briefings ``ids`` (those whose size or mtime changed)."""
        hashes: dict[int, bytes] = {}
        for start in range(0, len(ids), 10_000):
            for row, digest in connection.execute(
                "SELECT id, hash FROM briefing_tui_briefings WHERE id = ANY(%s)",
                (ids[start : start + 10_000],),
            ).fetchall():
                hashes[row] = bytes(digest)
        return hashes

    def _tidy(self, connection: psycopg.Connection[Any], written: int, known: int) -> None:
        """After writing ``written`` files to an archive of ``known``: move the GIN indexes'
        pending entries into them (every search reads them all until then) and, after many
        files (a tenth of the archive or more, as autovacuum's threshold), renew the
        planner's statistics (2 s at 100,000 briefings, nearly all of a small refresh)."""
        for index in _GIN_INDEXES:
            connection.execute("SELECT gin_clean_pending_list(%s::regclass)", (index,))
        if written >= max(ANALYZE_AFTER, known // 10):
            for table in ("briefings", "tags", "passages"):
                connection.execute(f"ANALYZE briefing_tui_{table}")

    def _delete(self, connection: psycopg.Connection[Any], ids: list[int]) -> None:
        """Forget briefings: their rows, tags, passages and their speakers' counts."""
        connection.execute(_UNCOUNT_SPEAKERS, (ids,))
        connection.execute("DELETE FROM briefing_tui_speakers WHERE quotes <= 0")
        connection.execute("DELETE FROM briefing_tui_passages WHERE briefing = ANY(%s)", (ids,))
        connection.execute("DELETE FROM briefing_tui_tags WHERE briefing = ANY(%s)", (ids,))
        connection.execute("DELETE FROM briefing_tui_briefings WHERE id = ANY(%s)", (ids,))

    def _write(
        self,
        connection: psycopg.Connection[Any],
        records: list[Record],
        found: dict[str, Stat],
        hashes: dict[str, bytes],
        configs: frozenset[str],
    ) -> int:
        """Write a batch of records in one transaction (``COPY``); how many did not load."""
        failed = 0
        paths = [record.path for record in records]
        with connection.transaction():
            old = [
                row
                for (row,) in connection.execute(
                    "SELECT id FROM briefing_tui_briefings WHERE path = ANY(%s)", (paths,)
                )
            ]
            if old:
                self._delete(connection, old)
            ids = [
                row
                for (row,) in connection.execute(
                    "SELECT nextval(pg_get_serial_sequence('briefing_tui_briefings', 'id'))"
                    " FROM generate_series(1, %s)",
                    (len(records),),
                )
            ]
            used: set[str] = set()
            with connection.cursor() as cursor:
                with cursor.copy(
                    f"COPY briefing_tui_briefings ({_BRIEFING_COLUMNS}) FROM STDIN"
                ) as copy:
                    for row, (path, entry, passages) in zip(ids, records, strict=True):
                        language = entry.language
                        config = config_of(language, configs)
                        used.add(config)
                        failed += entry.failed
                        copy.write_row(
                            (
                                row, path, *found[path], hashes[path],
                                _text(entry.title), _text(entry.published), _text(entry.location),
                                _text(entry.source), [_text(tag) for tag in entry.tags],
                                entry.points, entry.quotes, entry.blocks, _text(entry.problem),
                                _text(language), config, _text(entry.day),
                                fold(entry.title), fold(entry.source or ""),
                                _speakers_fold(passages),
                            )
                        )  # fmt: skip
                with cursor.copy("COPY briefing_tui_tags (tag, briefing) FROM STDIN") as copy:
                    for row, (_, entry, _) in zip(ids, records, strict=True):
                        for tag in dict.fromkeys(fold(tag) for tag in entry.tags):
                            copy.write_row((_text(tag), row))
                with cursor.copy(
                    f"COPY briefing_tui_incoming ({_PASSAGE_COLUMNS}) FROM STDIN"
                ) as copy:
                    for row, (_, entry, passages) in zip(ids, records, strict=True):
                        config = config_of(entry.language, configs)
                        day = _text(entry.day)
                        for n, passage in enumerate(passages):
                            kind, title, quote, speaker, text, section, heading, line = passage
                            copy.write_row(
                                (
                                    row, n, kind, _text(section), _text(heading), line,
                                    _text(speaker) or None, fold(speaker) if speaker else None,
                                    _text(title), _text(quote), _text(text), config, day,
                                )
                            )  # fmt: skip
                cursor.execute(_FROM_INCOMING)
                cursor.execute(_COUNT_SPEAKERS.format(source="briefing_tui_incoming"))
                cursor.executemany(
                    "INSERT INTO briefing_tui_configs VALUES (%s) ON CONFLICT DO NOTHING",
                    [(config,) for config in sorted(used)],
                )
        return failed


_INSIDE = ("speaker", "source", "title")
"""The filters that look inside a folded text (served by :data:`_TRIGRAM_INDEXES`)."""


def _speakers_fold(passages: Sequence[PassageRow]) -> str:
    """The folded names of the speakers of a briefing's quotes, one a line, each once."""
    return "\n".join(dict.fromkeys(fold(p[3]) for p in passages if p[0] == "quote" and p[3]))


def _days(query: Query, column: str) -> tuple[str, list[str]]:
    """The query's date filters as ``AND …`` conditions on a day ``column``, and their
    values (an undated briefing is before nothing)."""
    where, values = [], []
    for each in query.filters:
        if each.field == "after":
            where.append(f" AND {column} >= %s")
        elif each.field == "before":
            where.append(f" AND {column} < %s AND {column} <> ''")
        else:
            continue
        values.append(each.value)
    return "".join(where), values


def _tags(query: Query, column: str) -> tuple[str, list[str]]:
    """The query's tag filters as ``AND …`` conditions on a briefing id ``column`` (a passage's
    own, in a search: no join with its briefing's row a match), and their values."""
    values = [each.value for each in query.filters if each.field == "tag"]
    condition = f" AND {column} IN (SELECT briefing FROM briefing_tui_tags WHERE tag = %s)"
    return condition * len(values), values


def _like(value: str) -> str:
    """A ``LIKE`` pattern of the texts holding ``value``, its ``%``, ``_`` and ``\\`` as such."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _named(sql: str, prefix: str, values: list[str], parameters: dict[str, object]) -> str:
    """``sql`` with its ``%s`` placeholders named ``%(f0)s``…, their values in ``parameters``."""
    pieces = sql.split("%s")
    out = [pieces[0]]
    for n, piece in enumerate(pieces[1:]):
        name = f"{prefix}{n}"
        parameters[name] = values[n]
        out.append(f"%({name})s{piece}")
    return "".join(out)


def _snippet(kind: str, texts: list[Marked]) -> Marked:
    """The snippet of a passage from its headlines (title, quote, speaker, text): a quote
    after its speaker; a title, or the subtitle and summary if the match is there."""
    title, quote, speaker, text = texts
    if kind == "quote":
        return joined(speaker, ": ", quote)
    if kind == "title":
        if title[1] or not text[0]:
            return safe(title[0], list(title[1]))
        return safe(*(text[0], list(text[1]))) if text[1] else safe(title[0], list(title[1]))
    return safe(text[0], list(text[1]))
