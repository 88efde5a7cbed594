"""Export ratio: ``briefing-tui export`` (load, then render) against the load alone, in-process.

For each format (md, html, txt, json), the time of ``load_path`` then the
format's ``render`` — what ``briefing-tui export FILE --format F`` spends
besides starting Python and writing the output — over the time of
``load_path`` alone. Each figure is the median of ``--runs``, with a garbage
collection before every run; ``--cpu`` times the process's CPU time instead of
the wall clock (on a shared machine). Target: ratio <= 1.5 on the
20,000-paragraph briefing (``generate.py``).

    python benchmarks/export.py [FILE | --paragraphs 20000] [--runs 3] [--cpu]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _common import (
    Row,
    briefing_file,
    cpu_time,
    log,
    machine,
    median,
    ms,
    print_table,
    verdict,
    wall_time,
)

TARGET = 1.5
FORMATS = ("md", "html", "txt", "json")


def measure(path: Path, runs: int, cpu: bool = False) -> list[Row]:
    from tui.export import renderer
    from tui.format.loader import load_path

    timed = cpu_time if cpu else wall_time
    clock = "CPU time" if cpu else "wall time"
    briefing = load_path(path).briefing  # warm up: imports, regex compilation
    loads = [timed(lambda: load_path(path)) for _ in range(runs)]
    load = median(loads)
    log(f"  load_path: {ms(load)} (median of {runs}, {clock})")
    rows = [
        Row(
            "load",
            "",
            ms(load),
            "info",
            [f"{path.name} ({path.stat().st_size / 1e6:.1f} MB), {briefing.contents}; {clock}"],
        )
    ]
    for name in FORMATS:
        render = renderer(name)
        render(briefing, 80)  # warm up
        renders = [timed(lambda render=render: render(briefing, 80)) for _ in range(runs)]
        took = median(renders)
        ratio = (load + took) / load
        log(f"  {name}: render {ms(took)}, (load + render) / load = {ratio:.2f}")
        rows.append(
            Row(
                f"export ratio ({name})",
                f"<= {TARGET:.2f}",
                f"{ratio:.2f} (render {ms(took)}, {took / load:.2f} x load)",
                verdict(ratio <= TARGET),
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export ratio: load + render vs load.")
    parser.add_argument("file", type=Path, nargs="?", help="a briefing (default: generate one)")
    parser.add_argument("--paragraphs", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cpu", action="store_true", help="CPU time, not wall time")
    args = parser.parse_args(argv)
    print(machine())
    with briefing_file(args.file, args.paragraphs) as path:
        print_table(measure(path, args.runs, args.cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
