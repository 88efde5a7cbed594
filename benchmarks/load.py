"""Load ratio: ``tui.format.loader.load_path`` against a bare PyYAML load, in-process.

``load_path`` reads the file, decodes it, parses it with positions (libyaml
events, :mod:`tui.format.yamltree`), validates it and builds the model. The
baseline reads the same file as text and calls
``yaml.load(text, Loader=yaml.CSafeLoader)``, libyaml's fastest safe load
(reading the file is in both, and is a few milliseconds of either). The two
take turns; each figure is the median of ``--runs``, with a garbage
collection before every run. Target: ratio <= 1.5.

    python benchmarks/load.py [FILE | --paragraphs 20000] [--runs 5] [--profile]

``--profile`` also prints the top functions of one ``load_path`` under cProfile.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _common import Row, briefing_file, log, median, ms, print_table, verdict, wall_time

TARGET = 1.5


def measure(path: Path, runs: int) -> list[Row]:
    import yaml

    from tui.format.loader import load_path

    def bare() -> object:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def loader() -> object:
        return load_path(path)

    loader()  # warm up: imports, regex compilation
    ours: list[float] = []
    theirs: list[float] = []
    for index in range(runs):
        pair = [(loader, ours), (bare, theirs)]
        for function, times in pair if index % 2 == 0 else reversed(pair):
            times.append(wall_time(function))
        log(f"  load run {index + 1}/{runs}: load_path {ms(ours[-1])}, yaml.load {ms(theirs[-1])}")
    ratio = median(ours) / median(theirs)
    return [
        Row(
            "load ratio",
            f"<= {TARGET:.2f}",
            f"{ratio:.2f} (load_path {ms(median(ours))} / yaml.load {ms(median(theirs))})",
            verdict(ratio <= TARGET),
            [
                f"{path.name} ({path.stat().st_size / 1e6:.1f} MB), median of {runs};"
                f" load_path {_list(ours)}, CSafeLoader {_list(theirs)}"
            ],
        )
    ]


def _list(times: list[float]) -> str:
    return "[" + ", ".join(f"{t * 1000:.0f}" for t in times) + "] ms"


def profile(path: Path, top: int = 20) -> None:
    """Print the functions ``load_path`` spends its time in."""
    import cProfile
    import pstats

    from tui.format.loader import load_path

    profiler = cProfile.Profile()
    profiler.runcall(load_path, path)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"\ncProfile of load_path({path.name}), by internal time:")
    stats.sort_stats("tottime").print_stats(top)
    print(f"cProfile of load_path({path.name}), by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load ratio: load_path vs yaml.load.")
    parser.add_argument("file", type=Path, nargs="?", help="a briefing (default: generate one)")
    parser.add_argument("--paragraphs", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="also print a cProfile")
    args = parser.parse_args(argv)
    with briefing_file(args.file, args.paragraphs) as path:
        print_table(measure(path, args.runs))
        if args.profile:
            profile(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
