"""The library's index at scale: build, re-index and query times on N generated briefings.

    python benchmarks/library.py                       # 10,000 briefings in a temporary folder
    python benchmarks/library.py --briefings 2000 --keep /tmp/lib

The generator writes N briefings of about 3 KB (varied titles, speakers, tags, sources,
dates and sections; quotes taken from their own body) and a few invalid files. Figures,
each against its target:

* first build (scan, parse on every core, write the index) as a ratio to a bare
  ``yaml.load(text, Loader=yaml.CSafeLoader)`` of every file in one process, measured in
  the same run (best of two, before and after the build): target <= 1.5;
* re-index after one file changes (scan, stat every file, read the one, write it):
  median of 9, target <= 200 ms;
* the same in CPU time (this process and its parsing processes), which a busy machine
  disturbs less than wall time;
* a two-word query and a query with two filters: p95 of 100 each (5 queries x 20), target
  <= 30 ms.

The index goes to a temporary cache folder, never the user's.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import REPO, Row, log, median, ms, percentile, print_table, verdict, wall_time
from generate import _NAMES, _WORDS

sys.path.insert(0, str(REPO))

BUILD_TARGET = 1.5
REINDEX_TARGET = 0.200
QUERY_TARGET = 0.030

COUNTRIES = """Colombia Venezuela Peru Chile Brazil Mexico Canada Kenya Nigeria Ghana Egypt
Morocco Spain Portugal France Germany Poland Ukraine Turkey India Pakistan Japan Korea
Vietnam Indonesia Philippines Australia Norway Finland Ireland""".split()
TOPICS = """trade energy security migration climate health elections diplomacy budget
transport water farming technology courts labour""".split()
SOURCES = ["Example Wire", "Daily Ledger", "State Department", "Harbour Times", "Radio Norte",
           "Evening Post", "Diario Ejemplo", "The Observer Network"]  # fmt: skip
FIRST = [name.split()[0] for name in _NAMES] + ["Antony", "Gina", "Ivan", "Lucia", "Omar"]
LAST = [name.split()[1] for name in _NAMES] + ["Blinken", "Raimondo", "Duque", "Santos", "Diaz"]
INVALID = [
    "title: [unclosed\nsections:\n  - heading: H\n    body: text\n",
    "title: No sections at all\n",
    "title: Bad date\npublished: soon\nsections:\n  - heading: H\n    body: text\n",
    "- a list\n- not a briefing\n",
    "title: Tab\nsections:\n\t- heading: H\n",
]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


Words = Callable[[random.Random, int], list[str]]
"""Draws ``k`` words of a sentence (the library's: uniformly from ``_WORDS``)."""


def _uniform(rng: random.Random, k: int) -> list[str]:
    return rng.choices(_WORDS, k=k)


def _sentence_of(rng: random.Random, low: int = 8, high: int = 16, words: Words = _uniform) -> str:
    return " ".join(words(rng, rng.randint(low, high))).capitalize() + "."


def briefing_text(rng: random.Random, serial: int, words: Words = _uniform) -> str:
    """One briefing of about 3 KB, its sentences of ``words``."""
    sentence = functools.partial(_sentence_of, words=words)
    country = rng.choice(COUNTRIES)
    tags = sorted({country, *rng.sample(TOPICS, rng.randint(1, 2))})
    day = f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = [
        "format: briefing/1",
        f"title: {_q(f'{country}: ' + sentence(rng, 4, 8)[:-1])}",
        f"summary: {_q(sentence(rng, 14, 22))}",
        f"location: {_q(country)}",
        "source:",
        f"  name: {_q(rng.choice(SOURCES))}",
        f"published: {day}",
        f"tags: [{', '.join(tags)}]",
        "sections:",
    ]
    bodies: list[tuple[str, str]] = []
    for number in range(rng.randint(3, 4)):
        section = f"s{number + 1}"
        lines += [
            f"  - id: {section}",
            f"    heading: {_q(sentence(rng, 2, 5)[:-1])}",
            "    body:",
        ]
        for _ in range(2):
            sentences = [sentence(rng) for _ in range(rng.randint(3, 5))]
            bodies.append((section, sentences[0]))
            lines.append(f"      - {_q(' '.join(sentences))}")
    lines.append("talking_points:")
    for _ in range(3):
        section = rng.choice(bodies)[0]
        lines += [f"  - text: {_q(sentence(rng, 6, 10))}", f"    section: {section}"]
    lines.append("quotes:")
    for section, said in rng.sample(bodies, 2):
        speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        lines += [
            f"  - speaker: {_q(speaker)}",
            f"    section: {section}",
            f"    text: {_q(said)}",
        ]
    return "\n".join(lines) + "\n"


def write_library(folder: Path, count: int, seed: int = 12) -> list[Path]:
    """``count`` briefings in subfolders of ``folder`` (by year), and a few invalid files."""
    rng = random.Random(seed)
    written = []
    for serial in range(count):
        sub = folder / f"batch-{serial // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"briefing-{serial:05d}.yaml"
        path.write_text(briefing_text(rng, serial), encoding="utf-8")
        written.append(path)
    for number, text in enumerate(INVALID):
        (folder / f"invalid-{number}.yaml").write_text(text, encoding="utf-8")
    return written


def bare_load(paths: list[str]) -> None:
    """The baseline: read every file and ``yaml.load`` it with libyaml, in this process."""
    import yaml

    for path in paths:
        with open(path, encoding="utf-8") as file, contextlib.suppress(yaml.YAMLError):
            yaml.load(file.read(), Loader=yaml.CSafeLoader)  # the invalid files raise


TWO_WORDS = ["trade agreement", "border security", "energy market", "river bridge",
             "election vote"]  # fmt: skip
TWO_FILTERS = ["budget tag:colombia after:2018", "speaker:blinken tag:trade",
               "minister source:wire before:2020", "harbour tag:energy after:2015-06",
               "reform speaker:okafor after:2016"]  # fmt: skip


def _cpu(function) -> float:
    """CPU seconds one call takes in this process."""
    start = time.process_time()
    function()
    return time.process_time() - start


def measure(folder: Path, count: int) -> list[Row]:
    from tui.library.parsing import cores
    from tui.library.scan import scan
    from tui.library.sqlite_index import SqliteIndex

    log(f"writing {count:,} briefings and {len(INVALID)} invalid files to {folder}")
    written = write_library(folder / "library", count)
    library = str(folder / "library")
    size = sum(path.stat().st_size for path in written) / len(written)
    paths = scan([library]).paths
    bare_load(paths)  # the page cache warm for both
    baseline = [wall_time(lambda: bare_load(paths))]
    log(f"  bare yaml.load: {ms(baseline[0])}")
    index_path = folder / "cache" / "index.sqlite"
    index_path.parent.mkdir()
    index = SqliteIndex(index_path)
    bare_cpu = _cpu(lambda: bare_load(paths))
    before = os.times()
    start = time.perf_counter()
    done = index.refresh(scan([library]).paths)
    build = time.perf_counter() - start
    after = os.times()
    build_cpu = sum(after[:4]) - sum(before[:4])  # this process and its parsing processes
    log(f"  first build: {ms(build)} ({done})")
    baseline.append(wall_time(lambda: bare_load(paths)))
    log(f"  bare yaml.load again: {ms(baseline[1])}")
    ratio = build / min(baseline)

    reindex, reindex_cpu = [], []
    rng = random.Random(3)
    for run in range(9):
        changed = rng.choice(written)
        with changed.open("a", encoding="utf-8") as file:
            file.write(f"# touched {run}\n")
        start, cpu = time.perf_counter(), time.process_time()
        again = index.refresh(scan([library]).paths)
        reindex.append(time.perf_counter() - start)
        reindex_cpu.append(time.process_time() - cpu)
        assert again.changed == 1, again
    log(f"  re-index after one change: {', '.join(ms(each) for each in reindex)}")

    def query_times(queries: list[str]) -> tuple[list[float], list[float]]:
        times, cpu_times = [], []
        for _ in range(20):
            for query in queries:
                start, cpu = time.perf_counter(), time.process_time()
                index.search(query, 100)
                times.append(time.perf_counter() - start)
                cpu_times.append(time.process_time() - cpu)
        return times, cpu_times

    found = {query: len(index.search(query, 100)) for query in TWO_WORDS + TWO_FILTERS}
    log(f"  hits per query (limit 100): {found}")
    words, words_cpu = query_times(TWO_WORDS)
    filters, filters_cpu = query_times(TWO_FILTERS)
    index.close()
    index_size = index_path.stat().st_size / 1024**2
    note = (
        f"{count:,} briefings of {size / 1024:.1f} KB, {len(INVALID)} invalid;"
        f" index {index_size:.0f} MB"
    )
    return [
        Row(
            "library first build ratio",
            f"<= {BUILD_TARGET}",
            f"{ratio:.2f} (build {ms(build)} / yaml.load {ms(min(baseline))})",
            verdict(ratio <= BUILD_TARGET),
            [
                note,
                f"bare yaml.load runs: {', '.join(ms(each) for each in baseline)}",
                f"CPU time (all processes): build {build_cpu:.1f} s, bare yaml.load"
                f" {bare_cpu:.1f} s: {build_cpu / bare_cpu:.2f}x the work, on {cores()} cores",
            ],
        ),
        Row(
            "library re-index after one change",
            f"<= {ms(REINDEX_TARGET)}",
            f"{ms(median(reindex))} median (max {ms(max(reindex))})",
            verdict(median(reindex) <= REINDEX_TARGET),
            [f"CPU time: {ms(median(reindex_cpu))} median"],
        ),
        Row(
            "library two-word query p95",
            f"<= {ms(QUERY_TARGET)}",
            f"{ms(percentile(words, 0.95))} (p50 {ms(median(words))})",
            verdict(percentile(words, 0.95) <= QUERY_TARGET),
            [f"CPU time: p95 {ms(percentile(words_cpu, 0.95))}, p50 {ms(median(words_cpu))}"],
        ),
        Row(
            "library two-filter query p95",
            f"<= {ms(QUERY_TARGET)}",
            f"{ms(percentile(filters, 0.95))} (p50 {ms(median(filters))})",
            verdict(percentile(filters, 0.95) <= QUERY_TARGET),
            [f"CPU time: p95 {ms(percentile(filters_cpu, 0.95))}, p50 {ms(median(filters_cpu))}"],
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The library's index at scale.")
    parser.add_argument("--briefings", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the library here and keep it")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="briefing-library-"))
    if args.keep:
        folder.mkdir(parents=True)
    os.environ["BRIEFING_TUI_CACHE_DIR"] = str(folder / "cache")
    try:
        print_table(measure(folder, args.briefings))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
