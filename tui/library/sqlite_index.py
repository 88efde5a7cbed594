"""The library's index in a SQLite FTS5 file in the cache folder: the only module that speaks SQL.

One file per library (named from a hash of its folder's absolute path), in WAL mode so
that readers never wait for the writer. One writer at a time: a refresh holds an
advisory lock on a file next to the index, so a second process refreshing the same
library waits its turn and then finds little left to do; a busy timeout covers the rest.
The file is a cache: one that is corrupt, foreign or from another schema is set aside
and built again, with a notice.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui.library.entry import Entry
from tui.library.index import (
    PER_BRIEFING,
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
from tui.library.parsing import PARALLEL_FROM, read_all
from tui.library.query import Query, Term, fold, fts_expression, parse
from tui.library.snippets import Marked, highlight, joined, opening, said_by
from tui.storage.paths import cache_dir

if TYPE_CHECKING:
    from tui.library.records import Record

SCHEMA_VERSION = 4
"""Bumped whenever the tables or what is indexed change: an index of another version is
built again (3: section headings are passages of their own; 4: titles, headings and
talking points have their line)."""
APPLICATION_ID = 0x42524946
"""``BRIF``: what marks an SQLite file as a briefing-tui index (``PRAGMA application_id``)."""
BUSY_MS = 30_000
"""How long a statement waits for another process's write before giving up."""
WRITE_BATCH = 1024
"""Files written per transaction: the index stays readable, and progress moves, meanwhile
(a tenth of a first build of 10,000 files; FTS5 merges its segments less often than at 256)."""
WAIT_STEP = 0.5
"""Seconds between looks at the writer's lock while another process holds it."""
WEIGHTS = (10.0, 4.0, 4.0, 1.0)
"""BM25 weights of the title, quote, speaker and text columns: titles and quotes first."""
PASSAGE_BITS = 20
"""A passage's id is its briefing's id shifted left by this, plus its number in the
briefing: a search filters on the briefing without reading a table for every match."""

_SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
CREATE TABLE briefings (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, inode INTEGER NOT NULL,
    title TEXT NOT NULL, published TEXT, location TEXT, source TEXT, tags TEXT NOT NULL,
    points INTEGER NOT NULL, quotes INTEGER NOT NULL, blocks INTEGER NOT NULL, problem TEXT,
    day TEXT NOT NULL, title_fold TEXT NOT NULL, source_fold TEXT NOT NULL);
-- Covers the filters on the briefing (after:, before:, source:, title:) without the rows.
CREATE INDEX briefings_filters ON briefings (day, source_fold, title_fold);
CREATE TABLE tags (briefing INTEGER NOT NULL, tag TEXT NOT NULL);
CREATE INDEX tags_tag ON tags (tag, briefing);
CREATE INDEX tags_briefing ON tags (briefing);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY, briefing INTEGER NOT NULL, kind TEXT NOT NULL,
    section TEXT, heading TEXT, line INTEGER, speaker TEXT, speaker_fold TEXT);
CREATE INDEX passages_speaker ON passages (speaker_fold, briefing, kind) WHERE kind = 'quote';
-- Every speaker's folded name, once: a speaker: filter matches a few hundred names with
-- LIKE, not every quote; a name stays after its last quote leaves (it then matches nothing).
CREATE TABLE speakers (fold TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    title, quote, speaker, text, tokenize = 'unicode61 remove_diacritics 2');
PRAGMA user_version = {SCHEMA_VERSION};
"""

Stat = tuple[int, int, int]
"""A file's size, modification time (ns) and inode: what tells that it changed."""

_TAG_SEPARATOR = "\x1f"
"""Between the tags of a row (sanitised text never holds a control character)."""


class _Passage(NamedTuple):
    """A passage found: its briefing, where it is, and its texts (title, quote, speaker, text)."""

    path: str
    title: str
    published: str | None
    kind: str
    section: str | None
    heading: str | None
    line: int | None
    texts: tuple[str, str, str, str]


def index_file(arguments: Sequence[str]) -> Path:
    """Where the index of the library made of ``arguments`` (a folder, or files) lives."""
    key = "\n".join(sorted(os.path.abspath(argument) for argument in arguments))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return cache_dir() / "library" / f"{digest}.sqlite"


def open_index(arguments: Sequence[str], *, fallback: bool = True) -> SqliteIndex:
    """The index of a library in the cache folder; if that cannot be written and ``fallback``,
    a temporary one (deleted on close), with a notice. Raises :class:`IndexUnavailable`."""
    try:
        index = SqliteIndex(index_file(arguments))
    except IndexUnavailable as error:
        if not fallback:
            raise
        reason = str(error)
    else:
        from tui.library.cache_prune import mark_used, remove_unused

        mark_used(index.file)
        remove_unused(index.file.parent, keep=index.file)
        return index
    import tempfile

    try:
        folder = tempfile.mkdtemp(prefix="briefing-tui-index-")
    except OSError as error:
        raise IndexUnavailable(f"{reason}; no temporary folder either ({error.strerror})") from None
    index = SqliteIndex(Path(folder) / "index.sqlite", temporary=True)
    index.notices.append(f"{reason}; the index is kept only until the program ends")
    return index


def _damage(error: sqlite3.DatabaseError) -> bool:
    """True for an error that says the file is damaged (not busy, not read-only, not full)."""
    if not isinstance(error, sqlite3.OperationalError):
        return True
    return any(word in str(error) for word in ("malformed", "not a database", "vtable"))


def _reason(error: BaseException) -> str:
    """An error in a few words, one line."""
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return " ".join(text.split())


class SqliteIndex:
    """A :class:`~tui.library.index.LibraryIndex` in one SQLite file."""

    def __init__(
        self,
        file: Path,
        *,
        temporary: bool = False,
        workers: int | None = None,
        parallel_from: int = PARALLEL_FROM,
    ) -> None:
        self.file = file
        self.temporary = temporary
        """True for an index that is not kept (the cache folder could not be written)."""
        self.notices: list[str] = []
        """One line each: an index set aside and rebuilt, a cache folder not writable."""
        self.workers = workers
        self.parallel_from = parallel_from
        self._reading = threading.Lock()
        self._reader: sqlite3.Connection | None = None
        self._reader_inode: int | None = None
        """The file the reader connection has open (another process may replace it)."""
        self._refreshing = threading.Lock()
        self._writer: sqlite3.Connection | None = None
        self._writer_inode: int | None = None
        """The file the writer connection has open, kept between refreshes (a connection
        opened and closed each time would checkpoint and delete the WAL at every close)."""
        self._known: dict[str, tuple[int, Stat]] | None = None
        """Every briefing's row id and file status as this process last wrote them, valid
        while ``PRAGMA data_version`` says no other connection has written since."""
        self._known_version: int | None = None
        self._others_wrote = False
        """Another connection wrote between this one's last two refreshes (see :meth:`_rows`)."""
        self._closing = False
        """Closed while a refresh was under way: that refresh lets go of the files at its end."""
        self._damaged = False
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            self._lock_file = os.open(f"{file}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as error:
            raise IndexUnavailable(
                f"the index cannot be kept in {file.parent} ({_reason(error)})"
            ) from None
        self._prepare()

    # -- opening ------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.file, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False
        )
        connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        # A cache: in WAL mode NORMAL keeps the file whole through a crash or power loss
        # (the last transactions may be lost, and are read again), without a sync per commit.
        connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    def _state(self) -> str:
        """``ok``, ``new`` (empty), ``foreign``, ``old`` (another schema) or ``corrupt``."""
        try:
            with contextlib.closing(self._connect()) as connection:
                application = connection.execute("PRAGMA application_id").fetchone()[0]
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise
            if "not a database" in str(error) or "malformed" in str(error):
                return "corrupt"
            raise IndexUnavailable(
                f"the index {self.file} cannot be opened ({_reason(error)})"
            ) from None
        except sqlite3.DatabaseError:
            return "corrupt"
        if application == 0 and tables == 0:
            return "new"
        if application != APPLICATION_ID:
            return "foreign"
        return "ok" if version == SCHEMA_VERSION else "old"

    def _prepare(self) -> None:
        """Make sure the file is an index of this version: create, or set aside and rebuild."""
        if self._state() == "ok":
            return
        with self._writing():
            state = self._state()  # another process may have made it meanwhile
            if state == "ok":
                return
            if state != "new":
                self._set_aside(state)
            try:
                with contextlib.closing(self._connect()) as connection:
                    connection.execute("PRAGMA journal_mode = WAL")
                    connection.executescript(f"BEGIN; {_SCHEMA} COMMIT;")
            except sqlite3.DatabaseError as error:
                raise IndexUnavailable(
                    f"the index cannot be made in {self.file.parent} ({_reason(error)})"
                ) from None

    def _set_aside(self, state: str) -> None:
        """Move a file that is not a usable index out of the way (kept once, as ``.bad``)."""
        said = {
            "corrupt": "was damaged",
            "foreign": "was not a briefing-tui index",
            "old": "was made by another version",
        }[state]
        aside = self.file.with_name(self.file.name + ".bad")
        try:
            if state == "old":
                self.file.unlink()
            else:
                os.replace(self.file, aside)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.file}{suffix}")
        except OSError as error:
            raise IndexUnavailable(
                f"the index {self.file} {said} and cannot be replaced ({_reason(error)})"
            ) from None
        kept = f"; set aside as {aside.name}" if state != "old" else ""
        self.notices.append(f"The library's index {said}{kept}; it is built again.")

    @contextlib.contextmanager
    def _writing(self, progress: Progress | None = None) -> Iterator[None]:
        """Hold the writer's lock: a refresh of this index by another process is waited for,
        said through ``progress`` as ``(0, 0)`` every :data:`WAIT_STEP` seconds (a second
        reader started while the first builds the index showed nothing but a still
        progress bar, then an empty table until the build was done)."""
        try:
            import fcntl
        except ImportError:  # no advisory locks here: SQLite's own locking must do
            yield
            return
        while True:
            try:
                fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not progress:
                    fcntl.flock(self._lock_file, fcntl.LOCK_EX)
                    break
                progress(0, 0)  # (said again while it waits: the rows written meanwhile)
                time.sleep(WAIT_STEP)
        try:
            yield
        finally:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _reads(self) -> Iterator[sqlite3.Connection]:
        """The connection reads go through (one, shared by threads under a lock); a failure
        is :class:`IndexUnavailable`, and a damaged file is set aside at the next refresh."""
        with self._reading:
            try:
                inode = os.stat(self.file).st_ino
            except OSError:
                inode = None
            try:
                if self._reader is not None and inode != self._reader_inode:
                    self._reader.close()  # the file was replaced (rebuilt, deleted): read the new
                    self._reader = None
                if self._reader is None:
                    if inode is None:
                        self._prepare()
                        inode = os.stat(self.file).st_ino
                    self._reader = self._connect()
                    self._reader.execute("PRAGMA query_only = 1")
                    self._reader_inode = inode
                yield self._reader
            except sqlite3.DatabaseError as error:
                if _damage(error):
                    self._damaged = True
                    raise IndexUnavailable(
                        "the library's index is damaged; it is built again at the next refresh"
                    ) from None
                raise IndexUnavailable(f"the index cannot be read ({_reason(error)})") from None

    def close(self) -> None:
        with self._reading:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        if self._refreshing.acquire(blocking=False):
            try:
                self._let_go()
            finally:
                self._refreshing.release()
        else:  # a refresh is under way in another thread (quitting during a first build):
            self._closing = True  # no waiting for it; it lets go as it ends

    def _let_go(self) -> None:
        """Close the writer and the lock file; delete a temporary index."""
        self._forget_writer()
        if self._lock_file >= 0:
            os.close(self._lock_file)
            self._lock_file = -1
        if self.temporary:
            import shutil

            shutil.rmtree(self.file.parent, ignore_errors=True)

    # -- refreshing -----------------------------------------------------------------

    def refresh(self, paths: Sequence[str], progress: Progress | None = None) -> Refreshed:
        """Bring the index in step with ``paths``: see :class:`~tui.library.index.LibraryIndex`."""
        started = time.perf_counter()
        with self._refreshing:
            if self._damaged:
                self._rebuild()
            else:
                self._prepare()  # the file may have been deleted, or replaced by another process
            try:
                with self._writing(progress):
                    counts = self._refresh(self._writer_connection(), paths, progress)
            except sqlite3.DatabaseError as error:
                self._forget_writer()
                if not _damage(error):
                    raise IndexUnavailable(
                        f"the index cannot be updated ({_reason(error)})"
                    ) from None
                self._rebuild()
                with self._writing():
                    counts = self._refresh(self._writer_connection(), paths, progress)
            finally:
                if self._closing:
                    self._let_go()
        seconds = time.perf_counter() - started
        return Refreshed(**counts, seconds=seconds, others=self._others_wrote)

    def _writer_connection(self) -> sqlite3.Connection:
        """The connection refreshes write through: the one kept, unless the file was replaced."""
        try:
            inode: int | None = os.stat(self.file).st_ino
        except OSError:
            inode = None  # deleted since: connecting makes an empty file, which the probe refuses
        if self._writer is not None and (inode is None or inode != self._writer_inode):
            self._forget_writer()  # rebuilt or deleted by another process: write the new file
        if self._writer is None:
            self._writer = self._connect()
            self._writer.execute("PRAGMA synchronous = NORMAL")
            self._writer_inode = inode
        return self._writer

    def _forget_writer(self) -> None:
        """Close the writer connection and drop what it knew of the rows."""
        self._known = self._known_version = None
        if self._writer is not None:
            with contextlib.suppress(sqlite3.Error):
                self._writer.close()
            self._writer = self._writer_inode = None

    def _rebuild(self) -> None:
        """Set a file found damaged during a refresh aside and start a new one."""
        with self._reading:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        self._forget_writer()
        with self._writing():
            self._set_aside("corrupt")
        self._damaged = False
        self._prepare()

    def _refresh(
        self, connection: sqlite3.Connection, paths: Sequence[str], progress: Progress | None
    ) -> dict[str, int]:
        connection.execute("SELECT rowid FROM fts WHERE fts MATCH 'probe' LIMIT 1").fetchall()
        found: dict[str, Stat] = {}
        for path in storable_paths(paths, self.notices, "the index"):
            try:
                info = os.stat(path)
            except OSError:
                continue  # gone since the scan: it leaves the index
            found[path] = (info.st_size, info.st_mtime_ns, info.st_ino)
        known = self._rows(connection)
        self._known = None  # until the refresh is through: a failure leaves it unknown
        unchanged = changed = 0
        to_read: list[str] = []
        new: list[str] = []
        for path, stat in found.items():
            had = known.get(path)
            if had is None:
                new.append(path)
            elif had[1] == stat:
                unchanged += 1
            else:
                changed += 1
                to_read.append(path)
        gone = {path: known[path] for path in known.keys() - found.keys()}
        by_stat = {stat: (path, row) for path, (row, stat) in gone.items()}
        renamed = [(path, by_stat.pop(found[path])) for path in new if found[path] in by_stat]
        moved = {path for path, _ in renamed}
        new = [path for path in new if path not in moved]
        moved_from = {old for _, (old, _) in renamed}
        removed = [path for path in gone if path not in moved_from]
        to_read += new
        total = len(to_read)
        if progress:
            progress(0, total)
        if renamed or removed:
            with self._transaction(connection):
                for path, (old, row) in renamed:
                    connection.execute("UPDATE briefings SET path = ? WHERE id = ?", (path, row))
                    known[path] = known.pop(old)
                for path in removed:
                    self._delete(connection, known.pop(path)[0])
        done = failed = 0
        written: list[Record] = []
        for records in read_all(to_read, self.workers, self.parallel_from):
            written += records
            if len(written) >= WRITE_BATCH:
                failed += self._write(connection, written, known, found)
                done += len(written)
                written = []
                if progress:
                    progress(done, total)
        if written:
            failed += self._write(connection, written, known, found)
            done += len(written)
            if progress:
                progress(done, total)
        self._known = known
        return {
            "added": len(new),
            "changed": changed,
            "removed": len(removed),
            "unchanged": unchanged + len(renamed),
            "failed": failed,
        }

    def _rows(self, connection: sqlite3.Connection) -> dict[str, tuple[int, Stat]]:
        """Every briefing's path, row id and file status: kept from the last refresh if no
        other connection has written since (reading 10,000 rows takes tens of ms)."""
        version = connection.execute("PRAGMA data_version").fetchone()[0]
        self._others_wrote = self._known is not None and version != self._known_version
        if self._known is not None and not self._others_wrote:
            return self._known
        self._known_version = version
        return {
            path: (row, (size, mtime_ns, inode))
            for path, row, size, mtime_ns, inode in connection.execute(
                "SELECT path, id, size, mtime_ns, inode FROM briefings"
            )
        }

    @contextlib.contextmanager
    def _transaction(self, connection: sqlite3.Connection) -> Iterator[None]:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _delete(self, connection: sqlite3.Connection, row: int) -> None:
        """Forget one briefing: its row, tags and passages (their ids are the row's range)."""
        first, last = row << PASSAGE_BITS, ((row + 1) << PASSAGE_BITS) - 1
        connection.execute("DELETE FROM fts WHERE rowid BETWEEN ? AND ?", (first, last))
        connection.execute("DELETE FROM passages WHERE id BETWEEN ? AND ?", (first, last))
        connection.execute("DELETE FROM tags WHERE briefing = ?", (row,))
        connection.execute("DELETE FROM briefings WHERE id = ?", (row,))

    def _write(
        self,
        connection: sqlite3.Connection,
        records: list[Record],
        known: dict[str, tuple[int, Stat]],
        found: dict[str, Stat],
    ) -> int:
        """Write a batch of records in one transaction (``known`` follows); how many did not
        load. Each table takes the whole batch in one statement: the rows' ids are given
        (the next free ones, as SQLite would pick them), so the passages' ids are known."""
        briefings: list[tuple[object, ...]] = []
        tags: list[tuple[int, str]] = []
        passages: list[tuple[object, ...]] = []
        speakers: list[tuple[str]] = []
        texts: list[tuple[int, str, str, str, str]] = []
        failed = 0
        with self._transaction(connection):
            for path, _, _ in records:
                if path in known:
                    self._delete(connection, known[path][0])
            row = connection.execute("SELECT max(id) FROM briefings").fetchone()[0] or 0
            for path, entry, found_passages in records:
                row += 1
                size, mtime_ns, inode = stat = found[path]
                known[path] = (row, stat)
                failed += entry.failed
                briefings.append(
                    (
                        row, path, size, mtime_ns, inode, entry.title, entry.published,
                        entry.location, entry.source, _TAG_SEPARATOR.join(entry.tags),
                        entry.points, entry.quotes, entry.blocks, entry.problem,
                        entry.day, fold(entry.title), fold(entry.source or ""),
                    )
                )  # fmt: skip
                tags += [(row, fold(tag)) for tag in dict.fromkeys(entry.tags)]
                start = row << PASSAGE_BITS
                for n, passage in enumerate(found_passages[: 1 << PASSAGE_BITS], start):
                    kind, title, quote, speaker, text, section, heading, line = passage
                    folded = fold(speaker) if speaker else None
                    passages.append((n, row, kind, section, heading, line, speaker or None, folded))
                    if folded is not None and kind == "quote":
                        speakers.append((folded,))
                    texts.append((n, title, quote, speaker, text))
            connection.executemany(
                "INSERT INTO briefings (id, path, size, mtime_ns, inode, title, published,"
                " location, source, tags, points, quotes, blocks, problem, day, title_fold,"
                " source_fold) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                briefings,
            )
            connection.executemany("INSERT INTO tags VALUES (?, ?)", tags)
            connection.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?)", passages)
            connection.executemany("INSERT OR IGNORE INTO speakers VALUES (?)", speakers)
            connection.executemany(
                "INSERT INTO fts (rowid, title, quote, speaker, text) VALUES (?, ?, ?, ?, ?)",
                texts,
            )
        return failed

    # -- reading ----------------------------------------------------------------------

    def entries(self, limit: int | None = None) -> Listing:
        """Every briefing's row (or the first ``limit``), newest first (then by title)."""
        with self._reads() as connection:
            rows = connection.execute(
                "SELECT path, title, published, location, source, tags, points, quotes, blocks,"
                " problem FROM briefings ORDER BY day DESC, published DESC, title, path"
                " LIMIT ?",
                (-1 if limit is None else max(limit, 0),),  # (-1: no limit)
            )
            return Listing(
                Entry(
                    path=path,
                    title=title,
                    published=published,
                    location=location,
                    source=source,
                    tags=tuple(tags.split(_TAG_SEPARATOR)) if tags else (),
                    points=points,
                    quotes=quotes,
                    blocks=blocks,
                    problem=problem,
                )
                for (path, title, published, location, source, tags, points, quotes, blocks,
                     problem) in rows
            )  # fmt: skip

    def failures(self) -> int:
        """How many of the index's files do not load."""
        with self._reads() as connection:
            row = connection.execute(
                "SELECT count(*) FROM briefings WHERE problem IS NOT NULL"
            ).fetchone()
        return int(row[0]) if row else 0

    def search(self, query: str, limit: int = 100, per_briefing: int = PER_BRIEFING) -> list[Hit]:
        """The best ``limit`` passages for ``query``, best first (see :mod:`tui.library.query`);
        of a query of words, at most ``per_briefing`` of one briefing (0: all)."""
        parsed = parse(query)
        if parsed.empty or limit <= 0:
            return []
        if parsed.clauses:
            return self._ranked(parsed, *_filters(parsed), limit, per_briefing)
        speakers = parsed.values("speaker")
        if speakers:  # a speaker's quotes, in the briefings the other filters leave
            # The speakers' names first (a few hundred), then their quotes by the index; the
            # quote's own speaker answers the speaker filters, so the briefing needs only
            # the others (``+p.briefing``: the briefings are not the way in to the quotes).
            where, parameters = _filters(parsed, speakers=False)
            sql = (
                "SELECT p.id FROM speakers s CROSS JOIN passages p CROSS JOIN briefings b"
                " WHERE p.kind = 'quote' AND p.speaker_fold = s.fold AND b.id = +p.briefing"
                + " AND s.fold LIKE ?" * len(speakers)
                + f"{where} ORDER BY b.day DESC, b.published DESC, b.title, p.id LIMIT ?"
            )
            arguments = [*(f"%{name}%" for name in speakers), *parameters, limit]
        else:  # the briefings the filters leave, newest first
            where, parameters = _filters(parsed)
            sql = (
                f"SELECT b.id << {PASSAGE_BITS} FROM briefings b WHERE 1{where}"
                " ORDER BY b.day DESC, b.published DESC, b.title, b.id LIMIT ?"
            )
            arguments = [*parameters, limit]
        with self._reads() as connection:
            rows = [row for (row,) in connection.execute(sql, arguments)]
            found = self._passages(connection, rows)
        hits = []
        for n, row in enumerate(rows):
            if row in found:
                path, title, published, kind, section, heading, line, texts = found[row]
                if kind == "quote":
                    shown = said_by(texts[2], texts[1], speakers)
                else:
                    shown = opening(texts[3] or texts[0])
                score = float(len(rows) - n)
                hits.append(
                    hit_of(path, title, kind, section, heading, line, shown, score, published)
                )
        return hits

    def _ranked(
        self, query: Query, where: str, parameters: list[str], limit: int, per_briefing: int
    ) -> list[Hit]:
        """The best passages for the query's words, ranked by BM25, at most ``per_briefing``
        of a briefing (0: all); then, for those only, their briefing, section and snippet."""
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        among = (
            f" AND (fts.rowid >> {PASSAGE_BITS}) IN (SELECT b.id FROM briefings b WHERE 1 {where})"
            if where
            else ""
        )
        matches = f"SELECT rowid, bm25(fts, {weights}) AS rank FROM fts WHERE fts MATCH ?{among}"
        capped: list[object] = []
        if per_briefing > 0:  # each briefing's best few: its matches numbered by rank (not
            # when all are asked: numbering them took a query of 10,000 briefings from 10 to
            # 13 ms at p50, or 19 ms numbering with no cap)
            matches = (
                f"SELECT rowid, rank FROM (SELECT rowid, rank, row_number() OVER"
                f" (PARTITION BY rowid >> {PASSAGE_BITS} ORDER BY rank, rowid) AS nth"
                f" FROM ({matches})) WHERE nth <= ?"
            )
            capped = [per_briefing]
        best = f"{matches} ORDER BY rank, rowid LIMIT ?"
        with self._reads() as connection:
            ranked = connection.execute(
                best,
                [
                    fts_expression(query.clauses, excluded=query.excluded),
                    *parameters,
                    *capped,
                    limit,
                ],
            ).fetchall()
            found = self._passages(connection, [row for row, _ in ranked])
        terms = [term for clause in query.clauses for term in clause]
        hits = []
        for row, rank in ranked:
            if row in found:
                path, title, published, kind, section, heading, line, texts = found[row]
                snippet = _snippet(kind, texts, terms)
                hits.append(
                    hit_of(path, title, kind, section, heading, line, snippet, -rank, published)
                )
        return hits

    def _passages(self, connection: sqlite3.Connection, rows: list[int]) -> dict[int, _Passage]:
        """Where each passage is, and its texts, by id."""
        if not rows:
            return {}
        marks = ", ".join("?" * len(rows))
        found = connection.execute(
            "SELECT p.id, b.path, b.title, b.published, p.kind, p.section, p.heading, p.line,"
            " fts.title, fts.quote, fts.speaker, fts.text"
            " FROM passages p JOIN briefings b ON b.id = p.briefing"
            f" JOIN fts ON fts.rowid = p.id WHERE p.id IN ({marks})",
            rows,
        )
        return {row[0]: _Passage._make((*row[1:8], tuple(row[8:]))) for row in found}

    def speakers(self) -> list[Speaker]:
        """Every speaker with a quote, most quoted first."""
        with self._reads() as connection:
            rows = connection.execute(
                "SELECT max(speaker), count(*), count(DISTINCT briefing) FROM passages"
                " WHERE kind = 'quote' GROUP BY speaker_fold ORDER BY 2 DESC, 1"
            )
            return [Speaker(name, quotes, briefings) for name, quotes, briefings in rows]

    def quotes_by(self, speaker: str) -> list[Hit]:
        """The quotes of ``speaker`` (any spelling that folds the same), newest briefing first."""
        with self._reads() as connection:
            rows = connection.execute(
                "SELECT b.path, b.title, p.section, p.heading, p.line, fts.quote, b.published"
                " FROM passages p JOIN briefings b ON b.id = p.briefing"
                " JOIN fts ON fts.rowid = p.id"
                " WHERE p.kind = 'quote' AND p.speaker_fold = ?"
                " ORDER BY b.day DESC, b.published DESC, b.title, p.id",
                (fold(speaker),),
            ).fetchall()
        return quote_hits(rows)


def _filters(query: Query, *, speakers: bool = True) -> tuple[str, list[str]]:
    """The query's filters (but ``speaker:`` unless ``speakers``) as ``AND …`` conditions on
    the briefing ``b``, and their values."""
    where: list[str] = []
    values: list[str] = []
    for each in query.filters:
        if each.field == "speaker" and not speakers:
            continue
        if each.field == "tag":
            where.append("b.id IN (SELECT briefing FROM tags WHERE tag = ?)")
            values.append(each.value)
        elif each.field == "speaker":
            where.append(
                "b.id IN (SELECT p.briefing FROM speakers s CROSS JOIN passages p"
                " WHERE s.fold LIKE ? AND p.kind = 'quote' AND p.speaker_fold = s.fold)"
            )
            values.append(f"%{each.value}%")
        elif each.field in ("source", "title"):
            where.append(f"b.{each.field}_fold LIKE ?")
            values.append(f"%{each.value}%")
        elif each.field == "after":
            where.append("b.day >= ?")
            values.append(each.value)
        elif each.field == "before":
            where.append("b.day < ? AND b.day != ''")
            values.append(each.value)
    return "".join(f" AND {condition}" for condition in where), values


def _snippet(kind: str, texts: tuple[str, str, str, str], terms: list[Term]) -> Marked:
    """The snippet of a passage: its text around the matches (a quote after its speaker; a
    title, or the subtitle and summary if the match is there)."""
    title, quote, speaker, text = texts
    if kind == "quote":
        return joined(highlight(speaker, terms), ": ", highlight(quote, terms))
    if kind == "title":
        shown = highlight(title, terms)
        if shown[1] or not text:
            return shown
        other = highlight(text, terms)
        return other if other[1] else shown
    return highlight(text, terms)
