"""The team archive at scale: a PostgreSQL index of N generated briefings (issue 16).

    python benchmarks/archive.py                          # 1,000,000 briefings, ~1 h
    python benchmarks/archive.py --count 2000 --seconds 5 # a small trial
    python benchmarks/archive.py --folder /data/arch --keep   # generate once, keep all
    python benchmarks/archive.py --folder /data/arch --skip-load  # again, on the kept database

The archive: N briefings of about 3 KB (``library.py``'s generator, its words drawn by
Zipf's law from 20,000 as in news text, :func:`zipf_vocabulary`; one in ten in Spanish
with ``language: es``) in year folders (2015/ ... 2024/, subfolders of at most 1,000
files), written on every core. With ``--folder`` it is kept, with a marker of its count
and generator version, and a later run with the same count uses it as it is.

Figures, each against its target (issue 16's Scale table):

* the load (``PostgresIndex.refresh`` of every file into an empty database, progress on
  stderr) as a ratio to a bare ``yaml.load(text, Loader=yaml.CSafeLoader)`` of every file
  in as many processes as cores, measured in the same run: target <= 1.5;
* a refresh after 1,000 files change (a scan of the folder, then ``refresh``): <= 10 s;
* a two-word query with a filter, 20 reader processes at once, each with its own read-only
  ``PostgresIndex`` (its own connection), for ``--seconds``, each pausing ``--think``
  seconds on average between queries (a person reading the results): p95 <= 50 ms, with
  ``shared_buffers`` at a quarter of the memory (at most 8 GB), as a tuned server has it;
  and for information the same 20 with no pause (the machine's throughput: 20 queries
  always queued on its cores);
* the same after a restart with ``shared_buffers = 128MB`` (Debian's ``initdb`` default,
  so also what an untuned server has): p95 <= 200 ms;
* for information, the readers split over the server and a streaming read replica of it
  (``pg_basebackup``, a second server on its own socket).

The servers are throwaway clusters (``tests/pg_cluster.py``, on sockets only, no TCP), made
in a temporary folder; with ``--folder DIR --keep`` the database is kept in
``DIR/.database`` for ``--skip-load``.

Growing past one server (measured where it can be, reasoned where not): see the section
"Archive" of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _common import REPO, Row, log, machine, median, ms, percentile, print_table, verdict
from generate import _WORDS
from library import briefing_text

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

LOAD_TARGET = 1.5
REFRESH_TARGET = 10.0
QUERY_TARGET = 0.050
CAPPED_TARGET = 0.200
CAPPED_BUFFERS = "128MB"
CHANGED = 1000
LIMIT = 100
"""Hits a query asks for (a page of the results screen and more)."""

GENERATOR = 2
"""The generator's version: a kept archive of another version is written again. 1 drew
every word uniformly from 256 (each content word in four briefings of five: no newsroom's
text); 2 draws them by Zipf's law from :data:`VOCABULARY` words."""
VOCABULARY = 20_000
"""Words of generator 2: the library's 256 words (function words the commonest, its
content words every fifth rank from 90 to 910) and made-up ones."""
CONTENT_SPACING = 5
"""Ranks between two of the library's content words in :func:`zipf_vocabulary`."""
MARKER = ".archive-generated.json"
DATABASE = ".database"
"""Where ``--keep`` keeps the database in ``--folder`` (hidden: a scan skips it)."""
YEARS = tuple(range(2015, 2025))
PER_FOLDER = 1000
CHUNK = 1000
"""Briefings a generating process writes with one seed (the text does not depend on cores)."""
SPANISH_SHARE = 0.1

QUERIES = [
    "trade agreement tag:colombia",
    "border security after:2019",
    "energy market speaker:okafor",
    "budget reform before:2018",
    "harbour bridge tag:transport",
    "election vote source:wire",
    "water health after:2022-06",
    "acuerdos comercio tag:peru",
]
"""Two words and a filter each; the last is Spanish (stems: acuerdo, acuerdos)."""

# English words of the generator -> Spanish ones, for one briefing in ten (the rest of the
# vocabulary maps by position onto SPANISH, so the text stays Spanish-looking throughout).
TRANSLATED = {
    "trade": "comercio", "agreement": "acuerdo", "agreed": "acuerdos", "border": "frontera",
    "security": "seguridad", "energy": "energía", "market": "mercados", "budget": "presupuesto",
    "reform": "reformas", "election": "elecciones", "vote": "votación", "water": "agua",
    "health": "salud", "minister": "ministra", "government": "gobierno", "the": "el",
    "of": "de", "and": "y", "to": "a", "in": "en", "a": "una", "is": "es", "that": "que",
    "for": "para", "with": "con", "by": "por", "on": "sobre", "not": "no", "from": "desde",
}  # fmt: skip
SPANISH = """acuerdo comercial comerciales frontera fronteras ministerio ministros región
consejo informe mercado precio precios trabajadores agricultores pueblo río costa puerto
puente carretera ferrocarril aeropuerto estación embajada delegación cumbre tratado programa
desarrollo inversión industria exportaciones importaciones arancel moneda inflación banco
déficit superávit coalición oposición parlamento senado provincia distrito alcalde
gobernador portavoz funcionario analista observador comité investigación pruebas testigo
declaración entrevista encuesta cifras estimación pronóstico trimestre anual mensual semanal
regional nacional internacional local rural urbano norte sur este oeste central moderado
firme gradual reciente anterior posterior esperado inesperado cauteloso público privado
conjunto anunció acordaron firmaron rechazaron propuso retrasó aprobó revisó amplió redujo
aumentó prometió advirtió señaló añadió explicó confirmó negó visitó regresó llegó partió
recibió asistió discutió negoció consideró planificó lanzó completó financió construyó
reparó""".split()

_SPANISH_OF = {
    **{word: SPANISH[number % len(SPANISH)] for number, word in enumerate(_WORDS)},
    **TRANSLATED,
}
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_WORD = re.compile(r"[A-Za-z]+")


# -- the archive ---------------------------------------------------------------


def archive_path(folder: Path, serial: int) -> Path:
    """Where briefing ``serial`` goes: its year's folder, a subfolder of at most 1,000."""
    year = YEARS[serial % len(YEARS)]
    place = serial // len(YEARS)
    return folder / str(year) / f"{place // PER_FOLDER:03d}" / f"briefing-{serial:07d}.yaml"


def _spanish_word(match: re.Match[str]) -> str:
    word = match.group(0)
    spanish = _SPANISH_OF.get(word.lower())
    if spanish is None:
        return word  # a name, a country: as it is
    return spanish.capitalize() if word[0].isupper() else spanish


def spanish(text: str) -> str:
    """``text`` with the words of its quoted strings in Spanish, and ``language: es``."""
    text = _QUOTED.sub(lambda quoted: _WORD.sub(_spanish_word, quoted.group(0)), text)
    return text.replace("format: briefing/1\n", "format: briefing/1\nlanguage: es\n", 1)


def zipf_vocabulary() -> tuple[list[str], list[float]]:
    """Generator 2's words by rank and their cumulative weights (Zipf: a word of rank r is
    drawn in proportion to 1/r, as words are in news text): the library's function words
    first, its content words every :data:`CONTENT_SPACING` ranks after them, made-up words
    of two or three syllables in between and after."""
    function_words = _WORDS[: _WORDS.index("city")]
    content = [word for word in dict.fromkeys(_WORDS) if word not in function_words]
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    made_up = [a + b for a in syllables for b in syllables]
    made_up += [a + b + c for a in syllables for b in syllables[::3] for c in syllables[::2]]
    random.Random(GENERATOR).shuffle(made_up)
    taken = set(_WORDS)
    spare = iter(word for word in made_up if word not in taken)
    ranked = list(function_words)
    for word in content:
        ranked.append(word)
        ranked += [next(spare) for _ in range(CONTENT_SPACING - 1)]
    ranked += [next(spare) for _ in range(VOCABULARY - len(ranked))]
    return ranked, list(itertools.accumulate(1 / rank for rank in range(1, len(ranked) + 1)))


_RANKED, _CUMULATIVE = zipf_vocabulary()


def zipf_words(rng: random.Random, k: int) -> list[str]:
    """``k`` words of generator 2 (:func:`zipf_vocabulary`)."""
    return rng.choices(_RANKED, cum_weights=_CUMULATIVE, k=k)


def archive_text(rng: random.Random, serial: int) -> str:
    """Briefing ``serial`` of the archive: ~3 KB, published in its folder's year."""
    text = briefing_text(rng, serial, zipf_words)
    year = YEARS[serial % len(YEARS)]
    text = re.sub(r"^published: \d{4}", f"published: {year}", text, count=1, flags=re.M)
    return spanish(text) if rng.random() < SPANISH_SHARE else text


def _write_chunk(job: tuple[str, int, int, int]) -> tuple[int, float]:
    """Write briefings ``start`` to ``end`` (one generating process): bytes, CPU seconds."""
    folder, start, end, seed = job
    cpu = time.process_time()
    rng = random.Random(seed * 1_000_003 + start // CHUNK)
    written = 0
    made: set[Path] = set()
    for serial in range(start, end):
        path = archive_path(Path(folder), serial)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = archive_text(rng, serial).encode()
        with open(path, "wb") as file:
            file.write(data)
        written += len(data)
    return written, time.process_time() - cpu


def generate(
    folder: Path, count: int, seed: int, processes: int
) -> tuple[float, float, int] | None:
    """Write the archive into ``folder`` on ``processes`` cores: (seconds, CPU seconds,
    bytes), or None when a marker says it is there already."""
    wanted = {"count": count, "generator": GENERATOR, "seed": seed}
    marker = folder / MARKER
    if marker.exists():
        with contextlib.suppress(ValueError):
            if json.loads(marker.read_text()) == wanted:
                return None
        log(f"{folder} holds another archive ({marker.read_text().strip()}): writing it again")
        marker.unlink()
        for year in YEARS:
            shutil.rmtree(folder / str(year), ignore_errors=True)
    elif folder.exists() and any(
        entry.name not in (DATABASE, "cache") for entry in folder.iterdir()
    ):
        raise SystemExit(f"{folder} is not empty and not an archive this script wrote")
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [
        (str(folder), start, min(start + CHUNK, count), seed) for start in range(0, count, CHUNK)
    ]
    log(f"writing {count:,} briefings to {folder} on {processes} cores")
    started = time.perf_counter()
    written, cpu = 0, 0.0
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for done, (size, used) in enumerate(pool.imap_unordered(_write_chunk, jobs), 1):
            written, cpu = written + size, cpu + used
            if done % 20 == 0:
                log(f"  {min(done * CHUNK, count):,} written")
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps(wanted) + "\n")
    return seconds, cpu, written


# -- the baseline ----------------------------------------------------------------


def _parse_share(paths: Sequence[str]) -> float:
    """A bare libyaml parse of ``paths`` in one process: the CPU seconds it took."""
    import yaml

    started = time.process_time()
    for path in paths:
        with open(path, encoding="utf-8") as file:
            yaml.load(file.read(), Loader=yaml.CSafeLoader)
    return time.process_time() - started


def bare_parse(paths: Sequence[str], processes: int) -> tuple[float, float]:
    """Read and ``yaml.load`` every file in ``processes`` processes: (wall, CPU) seconds."""
    shares = [paths[start : start + 2000] for start in range(0, len(paths), 2000)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        cpu = sum(pool.imap_unordered(_parse_share, shares))
    return time.perf_counter() - started, cpu


# -- the server --------------------------------------------------------------------


def tuned_buffers() -> str:
    """A quarter of the memory, at most 8 GB (PostgreSQL's usual advice for a dedicated
    server), at least the 128 MB default."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(128, min(memory // 4 // 2**20, 8192))}MB"


def server_settings(buffers: str, readers: int) -> dict[str, str]:
    return {"shared_buffers": buffers, "max_connections": str(max(100, 3 * readers + 20))}


def server_cpu(cluster: Any) -> float:
    """CPU seconds the cluster's server processes have used (the postmaster, its ended
    children and its live ones)."""
    pid_file = cluster.socket_dir.parent / "data" / "postmaster.pid"
    try:
        postmaster = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            pid, parent = int(entry), int(fields[1])
            if pid == postmaster:
                total += sum(int(value) for value in fields[11:15])  # with ended children
            elif parent == postmaster:
                total += int(fields[11]) + int(fields[12])
    return total / ticks


def database_size(url: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0


def shown_buffers(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute("SHOW shared_buffers").fetchone()
    return str(row[0]) if row else "?"


class Progress:
    """The load's progress on stderr: done, rate and time left, at most once a second."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.perf_counter()
        self.shown = 0.0
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self.shown < (1.0 if self.tty else 10.0) and done < total:
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-9)
        line = f"  {self.label}: {done:,}/{total:,} ({100 * done / max(total, 1):.0f} %)"
        if done:
            line += f", {rate:,.0f}/s, about {(total - done) / rate:.0f} s left"
        if self.tty:
            print(f"\r{line}\033[K", end="\n" if done >= total else "", file=sys.stderr)
        else:
            log(line)


# -- readers ---------------------------------------------------------------------


def _reader(
    url: str, number: int, seconds: float, think: float, barrier: Any, results: Any
) -> None:
    """One reader process: its own read-only index; queries in turn until the time is up,
    each after a pause of on average ``think`` seconds (exponential: a person reading the
    results before the next query; 0: none, the next query as soon as the answer is in)."""
    from tui.library.index import IndexUnavailable
    from tui.library.postgres_index import PostgresIndex

    times: list[tuple[int, float, str]] = []
    error = ""
    try:
        index = PostgresIndex(url, read_only=True)
        with contextlib.suppress(IndexUnavailable):  # 20 first queries at once may time out
            index.search(QUERIES[number % len(QUERIES)], LIMIT)  # as a person who opened it
    except Exception as problem:  # reported by the parent, which waits for every reader
        error = f"{type(problem).__name__}: {problem}"
    pauses = random.Random(number)
    barrier.wait()
    if not error:
        deadline = time.perf_counter() + seconds
        if think > 0:
            # People do not all ask at the same instant: each reader's first query comes
            # after a pause drawn as the others are. (Until 2026-12-03 all twenty asked at
            # once as the run began: a twentieth of the queries, queued behind each other,
            # and the p95 was theirs.)
            time.sleep(pauses.expovariate(1 / think))
        turn = number
        try:
            while time.perf_counter() < deadline:
                which = turn % len(QUERIES)
                started = time.perf_counter()
                failure = ""
                try:
                    index.search(QUERIES[which], LIMIT)
                except IndexUnavailable as problem:  # a timeout: what the person waited counts
                    failure = str(problem)
                times.append((which, time.perf_counter() - started, failure))
                turn += 1
                if think > 0:
                    pause = min(pauses.expovariate(1 / think), deadline - time.perf_counter())
                    time.sleep(max(pause, 0.0))
        except Exception as problem:
            error = f"{type(problem).__name__}: {problem}"
        with contextlib.suppress(Exception):
            index.close()
    results.put((number, times, error))


def concurrent_queries(
    urls: Sequence[str], readers: int, seconds: float, think: float = 0.0
) -> list[tuple[int, float, str]]:
    """(query, latency, failure or "") of ``readers`` processes querying at once for
    ``seconds`` (reader i on ``urls[i % len(urls)]``), pausing ``think`` s on average
    between queries (see :func:`_reader`)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(readers + 1)
    results = context.Queue()
    processes = [
        context.Process(
            target=_reader,
            args=(urls[number % len(urls)], number, seconds, think, barrier, results),
        )
        for number in range(readers)
    ]
    for process in processes:
        process.start()
    barrier.wait(timeout=300)
    gathered = [results.get(timeout=seconds + 300) for _ in processes]
    for process in processes:
        process.join()
    errors = [error for _, _, error in gathered if error]
    if errors:
        raise RuntimeError(f"{len(errors)} of {readers} readers failed: {errors[0]}")
    return [pair for _, times, _ in gathered for pair in times]


def latency_row(
    name: str,
    target: float | None,
    timed: list[tuple[int, float, str]],
    seconds: float,
    notes: list[str],
) -> Row:
    """The p95 (p50, p99, throughput) of ``timed``; each query's p95 in the notes."""
    if not timed:
        return Row(name, "", "no query finished", "ERROR", notes)
    times = [took for _, took, _ in timed]
    failed = [failure for _, _, failure in timed if failure]
    p95 = percentile(times, 0.95)
    each = ", ".join(
        f"{QUERIES[which]!r} {ms(percentile([t for w, t, _ in timed if w == which], 0.95))}"
        for which in sorted({which for which, _, _ in timed})
    )
    notes = [*notes, f"p95 by query: {each}"]
    if failed:
        notes.append(f"{len(failed)} of {len(timed)} queries failed, e.g. {failed[0]}")
    measured = (
        f"{ms(p95)} (p50 {ms(median(times))}, p99 {ms(percentile(times, 0.99))},"
        f" {len(times) / seconds:.0f} queries/s)"
    )
    status = "info" if target is None else verdict(p95 <= target and not failed)
    return Row(name, "" if target is None else f"p95 <= {ms(target)}", measured, status, notes)


# -- the run ---------------------------------------------------------------------


def measure(args: argparse.Namespace, folder: Path) -> list[Row]:
    from pg_cluster import (
        restart_cluster,
        start_cluster,
        start_standby,
        stop_cluster,
        stop_server,
    )

    from tui.library.parsing import cores
    from tui.library.postgres_index import PostgresIndex
    from tui.library.scan import scan

    processes = cores()
    rows: list[Row] = []
    generated = generate(folder, args.count, args.seed, processes)
    started = time.perf_counter()
    paths = scan([str(folder)]).paths
    scanned = time.perf_counter() - started
    if len(paths) != args.count:
        raise SystemExit(f"{folder} holds {len(paths):,} briefings, not {args.count:,}")
    size = sum(os.path.getsize(path) for path in paths[:: max(1, len(paths) // 1000)])
    average = size / len(paths[:: max(1, len(paths) // 1000)])
    if generated is None:
        made = f"{args.count:,} briefings of {average / 1024:.1f} KB, kept from an earlier run"
    else:
        seconds, cpu, written = generated
        made = (
            f"{args.count:,} briefings, {written / 1e6:,.1f} MB (average"
            f" {average / 1024:.1f} KB) in {seconds:.1f} s on {processes} cores"
            f" ({args.count / seconds:,.0f}/s; CPU {cpu:.1f} s)"
        )
    rows.append(Row("archive generated", "", made, "info", [f"scan {scanned:.1f} s; {folder}"]))

    buffers = args.shared_buffers or tuned_buffers()
    kept_root = folder / DATABASE if args.keep and args.folder else None
    loaded_marker = folder / DATABASE / "loaded.json"
    if args.skip_load:
        if not (loaded_marker.exists() and json.loads(loaded_marker.read_text()) == args.count):
            raise SystemExit(f"--skip-load: no database of {args.count:,} kept in {folder}")
        kept_root = folder / DATABASE
    elif kept_root is not None:
        shutil.rmtree(kept_root, ignore_errors=True)  # a new load: a new database
    settings = server_settings(buffers, args.readers)
    cluster = start_cluster(settings, root=kept_root)
    url = cluster.url
    standby = None
    index = None
    try:
        if not args.skip_load:
            log(f"bare C-loader parse of {len(paths):,} files on {processes} processes")
            if generated is None:  # a kept archive: read every file once, as writing it did
                started = time.perf_counter()
                for path in paths:
                    with open(path, "rb") as file:
                        file.read()
                log(f"  (page cache warmed: {time.perf_counter() - started:.1f} s)")
            _parse_share(paths[: min(len(paths), 2000)])  # the imports, the first pages
            bare_wall, bare_cpu = bare_parse(paths, processes)
            log(f"  {bare_wall:.1f} s (CPU {bare_cpu:.1f} s)")
            rows.append(
                Row(
                    "archive bare C-loader parse",
                    "",
                    f"{bare_wall:.1f} s wall, {bare_cpu:.1f} s CPU on {processes} processes",
                    "info",
                    [f"{len(paths) / bare_wall:,.0f} files/s"],
                )
            )
            index = PostgresIndex(url, roots=[str(folder)])
            before, server_before = os.times(), server_cpu(cluster)
            started = time.perf_counter()
            done = index.refresh(paths, Progress("loading"))
            load = time.perf_counter() - started
            after, server_after = os.times(), server_cpu(cluster)
            client = sum(after[:4]) - sum(before[:4])
            server = server_after - server_before
            database = database_size(url)
            ratio = load / bare_wall
            log(f"  loaded in {load:.1f} s: {done}")
            rows.append(
                Row(
                    "archive load ratio",
                    f"<= {LOAD_TARGET}",
                    f"{ratio:.2f} (load {load:.1f} s / bare parse {bare_wall:.1f} s)",
                    verdict(ratio <= LOAD_TARGET and done.failed == 0),
                    [
                        f"{len(paths) / load:,.0f} briefings/s; {done}",
                        f"database {database / 1e6:,.0f} MB"
                        f" ({database / len(paths) / 1024:.1f} KB a briefing)",
                        f"CPU: client {client:.1f} s (with its parsing processes), server"
                        f" {server:.1f} s; bare parse {bare_cpu:.1f} s",
                    ],
                )
            )
            if kept_root is not None:
                loaded_marker.write_text(json.dumps(args.count) + "\n")
        else:
            index = PostgresIndex(url, roots=[str(folder)])
        rows.append(refresh_changed(index, folder, paths, args.seed))
        index.close()
        index = None

        found = hits(url)
        log(f"  hits per query (limit {LIMIT}): {found}")
        empty = [query for query, count in found.items() if count == 0]
        hits_note = "hits (limit {}): {}".format(
            LIMIT, ", ".join(f"{query!r} {count}" for query, count in found.items())
        )
        one = shown_buffers(url)
        log(f"1 reader, {args.seconds / 2:g} s, shared_buffers {one}")
        alone = concurrent_queries([url], 1, args.seconds / 2)
        rows.append(
            latency_row(
                "archive query, 1 reader",
                None,
                alone,
                args.seconds / 2,
                ["what one query costs with nobody else asking (closed loop, no pause)"],
            )
        )
        log(f"{args.readers} readers, {args.seconds:g} s, shared_buffers {one}")
        times = concurrent_queries([url], args.readers, args.seconds, args.think)
        notes = [hits_note] + ([f"NO HITS: {empty}"] if empty else [])
        rows.append(
            latency_row(
                f"archive query, {args.readers} readers",
                QUERY_TARGET,
                times,
                args.seconds,
                [
                    f"shared_buffers {one}; each reader asks after a pause of"
                    f" {args.think:g} s on average (exponential), as a person reading the"
                    f" results, its first query too; on the server's {cores()} cores",
                    *notes,
                ],
            )
        )
        log(f"{args.readers} readers with no pause, {args.seconds:g} s")
        times = concurrent_queries([url], args.readers, args.seconds)
        rows.append(
            latency_row(
                f"archive query, {args.readers} readers with no pause",
                None,
                times,
                args.seconds,
                [
                    f"each reader asks again as soon as it has its answer ({args.readers}"
                    f" queries always in flight on {cores()} cores, readers included): the"
                    " throughput of the machine, a queue and not a latency"
                ],
            )
        )

        if not args.no_replica:
            log("a streaming read replica (pg_basebackup)")
            started = time.perf_counter()
            standby = start_standby(cluster, settings)
            copied = time.perf_counter() - started
            lag = replication_lag(url, standby.url)
            times = concurrent_queries([url, standby.url], args.readers, args.seconds, args.think)
            rows.append(
                latency_row(
                    f"archive query, {args.readers} readers on primary + replica",
                    None,
                    times,
                    args.seconds,
                    [
                        f"replica made in {copied:.1f} s (pg_basebackup + start); a"
                        f" change seen on it {ms(lag)} after its commit",
                        "both servers on the same cores here: this shows that the readers"
                        " work on a standby, not the capacity a second machine adds",
                    ],
                )
            )
            stop_cluster(standby)
            standby = None

        restart_cluster(cluster, server_settings(CAPPED_BUFFERS, args.readers))
        capped = shown_buffers(url)
        log(f"{args.readers} readers, {args.seconds:g} s, shared_buffers {capped}")
        times = concurrent_queries([url], args.readers, args.seconds, args.think)
        rows.append(
            latency_row(
                f"archive query, {args.readers} readers, shared_buffers {capped}",
                CAPPED_TARGET,
                times,
                args.seconds,
                [
                    f"just restarted (its buffers empty); {CAPPED_BUFFERS} is also the"
                    " default initdb writes; the OS page cache still holds the files",
                ],
            )
        )
    finally:
        if index is not None:
            with contextlib.suppress(Exception):
                index.close()
        if standby is not None:
            stop_cluster(standby)
        if kept_root is not None:
            stop_server(cluster)
            log(f"database kept in {kept_root} (--skip-load uses it)")
        else:
            stop_cluster(cluster)
    return rows


def refresh_changed(index: Any, folder: Path, paths: list[str], seed: int) -> Row:
    """Change ``CHANGED`` files (a new first word in the summary, new at every run, so that a
    kept database never holds it already), scan and refresh; the files are put back
    afterwards, so a kept archive stays as generated. A kept database still holds the
    changed texts of the run before: it is brought in step first, untimed, so that the
    refresh timed finds only this run's changes."""
    from tui.library.scan import scan

    settled = index.refresh(paths)  # a kept archive: the files an earlier run put back
    if settled.changed or settled.added or settled.removed:
        log(f"  (brought the kept archive in step first, untimed: {settled})")
    count = min(CHANGED, len(paths) // 2)
    chosen = random.Random(seed).sample(paths, count)
    originals = {path: Path(path).read_bytes() for path in chosen}
    run = f"{time.time_ns() // 1000 % 10**9:09d}"
    try:
        for number, path in enumerate(chosen):
            word = f'summary: "Zq{number:05d}changed{run} '.encode()
            Path(path).write_bytes(originals[path].replace(b'summary: "', word, 1))
        started = time.perf_counter()
        again = scan([str(folder)]).paths
        scanned = time.perf_counter() - started
        done = index.refresh(again, Progress("refreshing"))
        took = time.perf_counter() - started
        found = len(index.search(f"Zq00000changed{run}", 10))
    finally:
        for path, data in originals.items():
            Path(path).write_bytes(data)
    log(f"  refreshed {count:,} changed in {took:.1f} s: {done}")
    return Row(
        f"archive refresh after {count:,} changes",
        f"<= {REFRESH_TARGET:.0f} s",
        f"{took:.1f} s (scan {scanned:.1f} s)",
        verdict(took <= REFRESH_TARGET and done.changed == count),
        [f"{done}; the new word of the first found {found} time(s)"],
    )


def hits(url: str) -> dict[str, int]:
    from tui.library.postgres_index import PostgresIndex

    index = PostgresIndex(url, read_only=True)
    try:
        return {query: len(index.search(query, LIMIT)) for query in QUERIES}
    finally:
        index.close()


def replication_lag(primary: str, standby: str) -> float:
    """Seconds from a commit on the primary to the standby having replayed it."""
    import psycopg

    with (
        psycopg.connect(primary, autocommit=True) as writer,
        psycopg.connect(standby, autocommit=True) as reader,
    ):
        writer.execute("CREATE TABLE IF NOT EXISTS bench_lag (at float8)")
        started = time.perf_counter()
        writer.execute("INSERT INTO bench_lag VALUES (%s)", (started,))
        while True:
            row = reader.execute(
                "SELECT count(*) FROM pg_class WHERE relname = 'bench_lag'"
            ).fetchone()
            if row and row[0]:
                seen = reader.execute("SELECT count(*) FROM bench_lag WHERE at = %s", (started,))
                found = seen.fetchone()
                if found and found[0]:
                    break
            if time.perf_counter() - started > 60:
                raise RuntimeError("the replica did not catch up in 60 s")
            time.sleep(0.001)
        took = time.perf_counter() - started
        writer.execute("DROP TABLE bench_lag")
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The PostgreSQL team archive at scale.")
    parser.add_argument("--count", type=int, default=1_000_000, help="briefings (1,000,000)")
    parser.add_argument("--folder", type=Path, help="the archive's folder, kept and reused")
    parser.add_argument("--keep", action="store_true", help="keep the archive (and database)")
    parser.add_argument("--readers", type=int, default=20, help="reader processes (20)")
    parser.add_argument("--seconds", type=float, default=30.0, help="of querying, each run")
    parser.add_argument(
        "--think", type=float, default=1.0, help="a reader's mean pause between queries (1 s)"
    )
    parser.add_argument(
        "--skip-load", action="store_true", help="use the database kept by --folder --keep"
    )
    parser.add_argument("--no-replica", action="store_true", help="no read replica run")
    parser.add_argument("--shared-buffers", help="of the first runs (a quarter of memory)")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    if args.skip_load and not args.folder:
        parser.error("--skip-load needs --folder (of a run with --folder --keep)")
    folder = (args.folder or Path(tempfile.mkdtemp(prefix="briefing-archive-"))).resolve()
    header = machine()
    log(header)
    began = time.perf_counter()
    try:
        rows = measure(args, folder)
    finally:
        if not args.folder and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        elif not args.folder:
            log(f"kept {folder}")
    print(header)
    print(
        f"total {time.perf_counter() - began:.0f} s; load avg at the end {os.getloadavg()[0]:.2f}"
    )
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
