"""Start-up ratio and large-file open ratio, in a real pseudo-terminal.

Each run launches a process in a 120x40 pty (TERM=xterm-256color), feeds its
output to a ``pyte`` screen and stops the clock when a phrase of the
briefing's first paragraph is on screen; then the process is killed. Three
commands take turns, in a rotating order, so that drift in machine load hits
all of them alike:

* ``briefing-tui`` with no arguments (the bundled briefing);
* ``benchmarks/bare_app.py``: Header, a Static with the same first paragraph,
  Footer (the least a Textual reader could do);
* ``briefing-tui LARGE.yaml`` (20,000 paragraphs), unless ``--no-large``.

Ratios are of medians: reader / bare (target <= 1.15) and large / bare
(target <= 1.6). One discarded warm-up run of each comes first (compiles
.pyc files, warms the page cache).

    python benchmarks/startup.py [--runs 15] [--large FILE | --paragraphs 20000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _common import (
    BUNDLED,
    Row,
    app_label,
    bare_command,
    distinctive_phrase,
    first_paragraph,
    log,
    median,
    ms,
    print_table,
    reader_command,
    run_in_pty,
    use_real_app,
    verdict,
)

STARTUP_TARGET = 1.15
LARGE_TARGET = 1.6


@dataclass
class Case:
    name: str
    command: list[str]
    phrase: str
    times: list[float]


def measure(
    real: bool, runs: int, large: Path | None, *, warmup: bool = True, timeout: float = 120.0
) -> list[Row]:
    from tui.format.loader import load_path

    bundled = load_path(BUNDLED).briefing
    cases = [
        Case("reader", reader_command(real), distinctive_phrase(bundled), []),
        Case(
            "bare",
            bare_command(first_paragraph(bundled), bundled.title),
            distinctive_phrase(bundled),
            [],
        ),
    ]
    if large is not None:
        big = load_path(large).briefing
        cases.append(Case("large", reader_command(real, large), distinctive_phrase(big), []))
        del big
    log(f"start-up: {app_label(real)}; phrases: " + ", ".join(repr(c.phrase) for c in cases))
    if warmup:
        for case in cases:
            run_in_pty(case.command, case.phrase, timeout=timeout)
    for index in range(runs):
        for offset in range(len(cases)):
            case = cases[(index + offset) % len(cases)]
            case.times.append(run_in_pty(case.command, case.phrase, timeout=timeout).seconds)
        log(f"  run {index + 1}/{runs}: " + ", ".join(f"{c.name} {ms(c.times[-1])}" for c in cases))

    reader, bare = median(cases[0].times), median(cases[1].times)
    standin = "" if real else " [stand-in]"
    ratio = reader / bare
    rows = [
        Row(
            "start-up ratio",
            f"<= {STARTUP_TARGET:.2f}",
            f"{ratio:.2f} (reader {ms(reader)} / bare {ms(bare)}){standin}",
            verdict(ratio <= STARTUP_TARGET) if real else "info",
            [
                f"launch to first paragraph on screen, median of {runs} each, 120x40 pty;"
                f" reader runs {_list(cases[0].times)}; bare runs {_list(cases[1].times)};"
                f" ratio of the fastest runs {min(cases[0].times) / min(cases[1].times):.2f}"
            ],
        )
    ]
    if large is not None:
        big_median = median(cases[2].times)
        ratio = big_median / bare
        rows.append(
            Row(
                "large-file open ratio",
                f"<= {LARGE_TARGET:.2f}",
                f"{ratio:.2f} (large {ms(big_median)} / bare {ms(bare)}){standin}",
                verdict(ratio <= LARGE_TARGET) if real else "info",
                [
                    f"{large.name} ({large.stat().st_size / 1e6:.1f} MB);"
                    f" runs {_list(cases[2].times)}; ratio of the fastest runs"
                    f" {min(cases[2].times) / min(cases[1].times):.2f}"
                ],
            )
        )
    return rows


def _list(times: list[float]) -> str:
    return "[" + ", ".join(f"{t * 1000:.0f}" for t in times) + "] ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up and large-file open ratios.")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--large", type=Path, help="a large briefing (default: generate one)")
    parser.add_argument("--paragraphs", type=int, default=20000, help="size of the generated one")
    parser.add_argument("--no-large", action="store_true", help="only the start-up ratio")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--app", choices=("auto", "real", "standin"), default="auto")
    args = parser.parse_args(argv)
    real = use_real_app(args.app)
    folder = None
    large = args.large
    if large is None and not args.no_large:
        import generate

        folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
        large = generate.write(args.paragraphs, folder)
    try:
        rows = measure(real, args.runs, large, warmup=not args.no_warmup)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
