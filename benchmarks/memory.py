"""Peak memory: the reader's peak resident set with a briefing open.

Each case runs the real command in a 120x40 pseudo-terminal (as in
``startup.py``) until the first paragraph is on screen, then until it has
used no CPU for half a second (at most ``--settle`` seconds more, so work
scheduled after the first frame, such as the links worker, counts too),
reads its peak resident set (``VmHWM`` in ``/proc/PID/status``) and kills it.

Not ``ru_maxrss`` from ``os.wait4``: on Linux a child's ru_maxrss includes
the parent's pages it held between fork and exec, so it would report the
harness's own peak (see ``_common.peak_rss``); it is in the notes for
comparison. Cases: the 20,000-paragraph briefing (target <= 200 MB, MB being
10^6 bytes), the bundled briefing and the bare Textual app (both for
reference).

    python benchmarks/memory.py [FILE | --paragraphs 20000] [--settle 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _common import (
    BUNDLED,
    Row,
    app_label,
    bare_command,
    briefing_file,
    distinctive_phrase,
    first_paragraph,
    log,
    print_table,
    reader_command,
    run_in_pty,
    use_real_app,
    verdict,
)

TARGET_MB = 200


def _mb(kib: int) -> float:
    return kib * 1024 / 1e6


def measure(real: bool, large: Path, settle: float = 10.0) -> list[Row]:
    from tui.format.loader import load_path

    bundled = load_path(BUNDLED).briefing
    big = load_path(large).briefing
    large_phrase = distinctive_phrase(big)
    paragraphs = big.paragraph_count
    del big
    cases = [
        ("large", reader_command(real, large), large_phrase),
        ("bundled", reader_command(real), distinctive_phrase(bundled)),
        (
            "bare",
            bare_command(first_paragraph(bundled), bundled.title),
            distinctive_phrase(bundled),
        ),
    ]
    peaks = {}
    maxrss = {}
    idle = {}
    for name, command, phrase in cases:
        run = run_in_pty(command, phrase, settle=settle, until_idle=True)
        peaks[name], maxrss[name] = _mb(run.peak_rss_kib), _mb(run.ru_maxrss_kib)
        idle[name] = run.settled
        log(f"  peak RSS {name}: {peaks[name]:.0f} MB (ru_maxrss {maxrss[name]:.0f} MB)")
    standin = "" if real else " [stand-in]"
    return [
        Row(
            f"peak memory: {paragraphs:,} paragraphs",
            f"<= {TARGET_MB} MB",
            f"{peaks['large']:.0f} MB{standin}",
            verdict(peaks["large"] <= TARGET_MB) if real else "info",
            [
                f"VmHWM of {app_label(real)} in a 120x40 pty, first paragraph on screen"
                f" and idle (at most {settle:g} s more; idle {idle['large']:.1f} s after the first"
                f" paragraph showed); {large.name} is {large.stat().st_size / 1e6:.1f} MB;"
                " ru_maxrss (inflated by the harness's own pages at fork): "
                + ", ".join(f"{name} {value:.0f} MB" for name, value in maxrss.items())
            ],
        ),
        Row(
            "peak memory: bundled briefing",
            "none set",
            f"{peaks['bundled']:.0f} MB (bare app {peaks['bare']:.0f} MB){standin}",
            "info",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Peak RSS of the reader.")
    parser.add_argument("file", type=Path, nargs="?", help="a briefing (default: generate one)")
    parser.add_argument("--paragraphs", type=int, default=20000)
    parser.add_argument("--settle", type=float, default=10.0, help="most seconds to wait for idle")
    parser.add_argument("--app", choices=("auto", "real", "standin"), default="auto")
    args = parser.parse_args(argv)
    real = use_real_app(args.app)
    with briefing_file(args.file, args.paragraphs) as path:
        print_table(measure(real, path, args.settle))
    return 0


if __name__ == "__main__":
    sys.exit(main())
