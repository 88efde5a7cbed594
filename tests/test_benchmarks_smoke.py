"""The benchmark scripts still run (on tiny inputs); their figures are not checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from _common import MEASURES  # noqa: E402 - the benchmarks are scripts, not a package


def test_run_quick_prints_every_measure() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,  # ~10 s alone; generous for a loaded CI machine
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for measure in MEASURES:
        assert measure in done.stdout, f"{measure!r} missing from:\n{done.stdout}"
    assert "ERROR" not in done.stdout, done.stdout


def test_export_benchmark_prints_a_ratio_per_format() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "export.py"),
            "--paragraphs",
            "100",
            "--runs",
            "1",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("md", "html", "txt", "json"):
        assert f"export ratio ({name})" in done.stdout, done.stdout


def test_search_benchmark_prints_counts_and_keys() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "search.py"),
            "--paragraphs",
            "100",
            "--presses",
            "2",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for measure in ("search count: 'the'", "search count: 'e'", "search key: n (next match)"):
        assert measure in done.stdout, done.stdout
    assert "ERROR" not in done.stdout, done.stdout


def test_reload_benchmark_times_saves_to_the_screen() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "reload.py"),
            "--paragraphs",
            "100",
            "--saves",
            "2",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "live reload (bundled)" in done.stdout, done.stdout
    assert "live reload (synthetic-100)" in done.stdout, done.stdout


def test_library_benchmark_prints_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "library.py"), "--briefings", "30"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for measure in ("first build ratio", "re-index", "two-word query", "two-filter query"):
        assert f"library {measure}" in done.stdout, done.stdout
