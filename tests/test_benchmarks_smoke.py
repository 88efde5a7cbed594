"""The benchmark scripts still run (on tiny inputs); their figures are not checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from _common import MEASURES  # noqa: E402 - the benchmarks are scripts, not a package


def benchmark(script: str, *args: str, timeout: float = 180) -> str:
    """What ``benchmarks/SCRIPT ARGS`` prints; it must exit 0 (``timeout``: generous for a
    loaded CI machine)."""
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_run_quick_prints_every_measure() -> None:
    out = benchmark("run.py", "--quick")  # ~10 s alone
    for measure in MEASURES:
        assert measure in out, f"{measure!r} missing from:\n{out}"
    assert "ERROR" not in out, out


def test_export_benchmark_prints_a_ratio_per_format() -> None:
    out = benchmark("export.py", "--paragraphs", "100", "--runs", "1")
    for name in ("md", "html", "txt", "json"):
        assert f"export ratio ({name})" in out, out
    assert "wall time" in out, out


def test_export_benchmark_times_cpu_on_request() -> None:
    out = benchmark("export.py", "--paragraphs", "100", "--runs", "1", "--cpu")
    assert "export ratio (md)" in out and "CPU time" in out, out


def test_export_instructions_measured_process_runs_in_every_mode(tmp_path: Path) -> None:
    # The process that export_instructions.py counts under valgrind, run alone (under
    # valgrind the script takes minutes): warm up, load, render, and the page without links.
    import generate

    path = generate.write(20, tmp_path)
    for mode, fmt in (
        ("base", "json"),
        ("load", "json"),
        ("render", "html"),
        ("render", "html-nolinks"),
    ):
        benchmark("export_instructions.py", "--child", mode, str(path), fmt)


def test_search_benchmark_prints_counts_and_keys() -> None:
    out = benchmark("search.py", "--paragraphs", "100", "--presses", "2")
    for measure in ("search count: 'the'", "search count: 'e'", "search key: n (next match)"):
        assert measure in out, out
    assert "ERROR" not in out, out


def test_reload_benchmark_times_saves_to_the_screen() -> None:
    out = benchmark("reload.py", "--paragraphs", "100", "--saves", "2")
    assert "live reload (bundled)" in out, out
    assert "live reload (synthetic-100)" in out, out


def test_library_benchmark_prints_every_figure() -> None:
    out = benchmark("library.py", "--briefings", "30")
    for measure in ("first build ratio", "re-index", "two-word query", "two-filter query"):
        assert f"library {measure}" in out, out


def test_library_screen_benchmark_prints_every_figure() -> None:
    out = benchmark("library_screen.py", "--briefings", "30", "--runs", "1", "--presses", "2")
    for measure in (
        "library first paint ratio (warm index)",
        "library peak memory",
        "library key: j",
        "library key: pagedown",
        "library key: sort: 1 (title), after 2",
        "library key: filter: first letter",
        "library key: sort, first time each way",
    ):
        assert measure in out, out
    assert "ERROR" not in out, out


def test_archive_benchmark_prints_every_figure() -> None:
    pytest.importorskip("psycopg", reason="psycopg (briefing-tui[postgres]) is not installed")
    from pg_cluster import server_programs

    if server_programs() is None:
        pytest.skip("PostgreSQL's initdb and pg_ctl are not installed")
    out = benchmark("archive.py", "--count", "50", "--readers", "2", "--seconds", "1")  # ~15 s
    for measure in (
        "archive generated",
        "archive bare C-loader parse",
        "archive load ratio",
        "archive refresh after 25 changes",
        "archive query, 1 reader",
        "archive query, 2 readers ",
        "archive query, 2 readers on primary + replica",
        "archive query, 2 readers, shared_buffers 128MB",
    ):
        assert measure in out, out
    assert "ERROR" not in out, out
