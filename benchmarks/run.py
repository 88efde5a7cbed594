"""Run every benchmark and print one table: measure, target, measured, result.

    python benchmarks/run.py            # the full run, a few minutes
    python benchmarks/run.py --quick    # tiny inputs, one run each (the smoke test)

Synthetic briefings are written to a temporary folder and removed at the end
(``--keep`` keeps them). The exit status is 0 when every benchmark ran,
whether or not it met its target, and 1 if any raised an error; a missed
target shows as FAIL in the table. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import generate
import importtime
import keys
import load
import memory
import startup
from _common import REPO, Row, app_label, cli_command, log, machine, print_table, use_real_app


def _synthetic(folder: Path, sizes: tuple[int, ...], quick: bool) -> tuple[list[Row], Path]:
    paths = []
    started = time.perf_counter()
    for size in sizes:
        paths.append(generate.write(size, folder))
    generated = time.perf_counter() - started
    validate = cli_command("validate", *map(str, paths))
    started = time.perf_counter()
    done = subprocess.run(validate, cwd=REPO, capture_output=True, text=True, timeout=300)
    validated = time.perf_counter() - started
    large = paths[-1]
    megabytes = large.stat().st_size / 1e6
    sized = quick or 8 <= megabytes <= 12
    status = "pass" if done.returncode == 0 and sized else ("ERROR" if done.returncode else "FAIL")
    measured = ", ".join(
        f"{s:,}: {p.stat().st_size / 1e6:.1f} MB" for s, p in zip(sizes, paths, strict=True)
    )
    verdict = "valid" if done.returncode == 0 else f"validate exit {done.returncode}"
    notes = [
        f"generated in {generated:.1f} s, `briefing-tui validate` {validated:.1f} s; in {folder}"
    ]
    if done.returncode:
        notes.append(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
    target = "validate ok; 20,000 ≈ 10 MB" if not quick else "validate ok"
    return [Row("synthetic briefings", target, f"{measured}; {verdict}", status, notes)], large


def _guard(name: str, rows: list[Row], function, *args, **kwargs):
    """Run one benchmark; on an exception add an ERROR row instead of stopping."""
    started = time.perf_counter()
    log(f"== {name}")
    try:
        result = function(*args, **kwargs)
    except Exception as error:
        traceback.print_exc()
        rows.append(Row(name, "", f"error: {type(error).__name__}: {error}"[:200], "ERROR"))
        return None
    log(f"   ({time.perf_counter() - started:.1f} s)")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run all the benchmarks.")
    parser.add_argument("--quick", action="store_true", help="tiny inputs, one run each")
    parser.add_argument("--app", choices=("auto", "real", "standin"), default="auto")
    parser.add_argument("--runs", type=int, help="start-up runs of each command (default 15)")
    parser.add_argument("--presses", type=int, help="timed presses of each key (default 100)")
    parser.add_argument("--keep", action="store_true", help="keep the generated briefings")
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = (40, 200) if quick else (1000, 20000)
    runs = args.runs or (1 if quick else 15)
    presses = args.presses or (3 if quick else 100)
    load_runs = 1 if quick else 5
    settle = 0.5 if quick else 10.0

    began = time.perf_counter()
    real = use_real_app(args.app)
    header = f"{machine()}\napp: {app_label(real)}" + ("  (--quick: tiny inputs)" if quick else "")
    log(header)
    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    rows: list[Row] = []
    listing = ""
    try:
        made = _guard("synthetic briefings", rows, _synthetic, folder, sizes, quick)
        if made is None:
            return 1
        synthetic_rows, large = made
        rows += synthetic_rows
        steps = [
            ("start-up ratio", startup.measure, (real, runs, large), {"warmup": not quick}),
            ("load ratio", load.measure, (large, load_runs), {}),
            ("key latency", keys.measure, (real, large, presses), {}),
            ("peak memory", memory.measure, (real, large, settle), {}),
        ]
        for name, function, call_args, kwargs in steps:
            result = _guard(name, rows, function, *call_args, **kwargs)
            if result is not None:
                rows += result
        imported = _guard("import time", rows, importtime.measure)
        if imported is not None:
            rows += imported[0]
            listing = imported[1]
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    print(header)
    elapsed = time.perf_counter() - began
    print(f"total {elapsed:.0f} s; load avg at the end {os.getloadavg()[0]:.2f}")
    if listing:
        print(f"\nimport time, top 15 by cumulative (python -X importtime -c {importtime.CODE!r}):")
        print(listing)
    print()
    print_table(rows)
    return 1 if any(row.status == "ERROR" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
