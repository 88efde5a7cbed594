"""Export ratio counted in instructions (callgrind): the same on a busy machine as on a quiet one.

Runs Python under ``valgrind --tool=callgrind`` several times: once warmed up
only (imports, regular expressions, every format rendered on a small
briefing), once warmed up then loading the file, and once per format warmed
up, loading, then rendering. The differences are the load's instructions and
each render's; the ratio is (load + render) / load, as ``export.py`` reports
it in time. ``html-nolinks`` renders the page with every link left out (what
the page costs without the linker). Slow: each run takes about 50 times its
plain time (2,000 paragraphs: a few minutes in all). The hash seed is fixed, so
that sets iterate alike in every run (with random seeds the counts move by ~1%).

    python benchmarks/export_instructions.py [FILE | --paragraphs 2000] [--formats md,html,...]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import briefing_file, machine

FORMATS = ("md", "html", "txt", "json", "html-nolinks")
TARGET = 1.5


def _child(mode: str, path: Path, fmt: str) -> None:
    """The measured process: warm up, then (by ``mode``) load, then render ``fmt``."""
    import generate

    from tui.export import renderer
    from tui.format.loader import load_path, load_text

    small = load_text(generate.generate(50), "warm.yaml").briefing
    for name in ("md", "html", "txt", "json"):
        renderer(name)(small, 80)
    if fmt == "html-nolinks":
        import tui.export.html
        from tui.document import BodyDocument
        from tui.export.common import Links
        from tui.model import Briefing

        def no_links(briefing: Briefing, document: BodyDocument | None = None) -> Links:
            points, quotes = briefing.talking_points, briefing.quotes
            document = document or BodyDocument(briefing)
            return Links(document, [None] * len(points), [None] * len(quotes))

        tui.export.html.links = no_links  # type: ignore[attr-defined]
        fmt = "html"
    if mode == "base":
        return
    briefing = load_path(path).briefing
    if mode == "render":
        renderer(fmt)(briefing, 80)


def _instructions(mode: str, path: Path, fmt: str, folder: Path) -> int:
    out = folder / f"callgrind.{mode}.{fmt}.out"
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
    command += [sys.executable, __file__, "--child", mode, str(path), fmt]
    fixed = {**os.environ, "PYTHONHASHSEED": "0"}  # the same sets' order in every run
    subprocess.run(command, check=True, capture_output=True, env=fixed)
    found = re.search(r"^summary: (\d+)$", out.read_text(), re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no summary in {out}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["--child"]:
        _child(arguments[1], Path(arguments[2]), arguments[3])
        return 0
    parser = argparse.ArgumentParser(description="Export ratio in instructions (callgrind).")
    parser.add_argument("file", type=Path, nargs="?", help="a briefing (default: generate one)")
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    args = parser.parse_args(arguments)
    formats = [name for name in args.formats.split(",") if name]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown formats: {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    print(machine())
    with briefing_file(args.file, args.paragraphs) as path, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = _instructions("base", path, "json", folder)
        loaded = _instructions("load", path, "json", folder)
        load = loaded - base
        print(f"load: {load / 1e6:,.1f} M instructions ({path.name})")
        for name in formats:
            render = _instructions("render", path, name, folder) - loaded
            ratio = (load + render) / load
            verdict = "pass" if ratio <= TARGET else "FAIL"
            print(f"{name}: render {render / 1e6:,.1f} M, ratio {ratio:.2f} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
