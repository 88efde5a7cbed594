"""Import time: what ``import tui.cli; import tui.ui.app`` costs, module by module.

Runs ``python -X importtime -c "import tui.cli; import tui.ui.app"`` (once to
warm the .pyc files, then for real), and prints the 15 imports with the
largest cumulative time, to find start-up imports that the first frame does
not need. ``--top N`` prints more; ``--code`` times other code instead.

    python benchmarks/importtime.py [--top 15]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass

from _common import REPO, Row, print_table

CODE = "import tui.cli; import tui.ui.app"
_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


@dataclass
class Import:
    module: str
    self_us: int
    cumulative_us: int
    depth: int


def run(code: str = CODE) -> tuple[list[Import], int, str]:
    """The imports ``code`` makes, its exit code, and any error it printed."""
    command = [sys.executable, "-X", "importtime", "-c", code]
    subprocess.run(command, cwd=REPO, capture_output=True, timeout=120)  # warm .pyc
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    imports = []
    errors = []
    for line in done.stderr.splitlines():
        match = _LINE.match(line)
        if match:
            self_us, cumulative, indent, module = match.groups()
            imports.append(Import(module, int(self_us), int(cumulative), (len(indent) - 1) // 2))
        elif not line.startswith("import time:"):
            errors.append(line)
    return imports, done.returncode, "\n".join(errors[-3:])


def top(imports: list[Import], count: int) -> list[Import]:
    return sorted(imports, key=lambda i: i.cumulative_us, reverse=True)[:count]


def report(imports: list[Import], count: int) -> str:
    lines = [f"{'cumulative':>11}  {'self':>8}  module"]
    for item in top(imports, count):
        lines.append(
            f"{item.cumulative_us / 1000:>8.1f} ms  {item.self_us / 1000:>5.1f} ms  "
            + "  " * item.depth
            + item.module
        )
    return "\n".join(lines)


def measure(count: int = 15, code_text: str = CODE) -> tuple[list[Row], str]:
    """The table row, and the top ``count`` imports as text."""
    imports, code, error = run(code_text)
    roots = [i for i in imports if i.depth == 0]
    total = sum(i.cumulative_us for i in roots) / 1000
    by_name = {i.module: i for i in imports}
    parts = [f"{total:.0f} ms in all"]
    for name in ("tui.cli", "tui.ui.app", "textual.app", "yaml"):
        if name in by_name:
            parts.append(f"{name} {by_name[name].cumulative_us / 1000:.0f}")
    heaviest = ", ".join(
        f"{i.module} {i.cumulative_us / 1000:.0f} ms" for i in top(roots, 3) if i.module != "tui"
    )
    row = Row(
        "import time",
        "none set",
        "; ".join(parts[:1]) + (f" ({', '.join(parts[1:])} ms)" if parts[1:] else ""),
        "info" if code == 0 else "ERROR",
        [f"`{code_text}`; heaviest top-level: {heaviest}; top {count} listed above the table"]
        + ([f"exit {code}: {error}"] if code else []),
    )
    return [row], report(imports, count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Top imports of the reader by cumulative time.")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--code", default=CODE, help=f"code to time (default: {CODE!r})")
    args = parser.parse_args(argv)
    rows, listing = measure(args.top, args.code)
    print(f"python -X importtime -c {args.code!r}: top {args.top} by cumulative time")
    print(listing)
    print()
    print_table(rows)
    return 0 if rows[0].status != "ERROR" else 1


if __name__ == "__main__":
    sys.exit(main())
