"""Live reload: from saving the briefing to the new text on the reader's screen.

The real command runs in a 120x40 pseudo-terminal (as in ``startup.py``) on a
copy of the briefing. Once its first paragraph is on screen and it has used
no CPU for half a second, the copy is saved again and again with a new word
before the first paragraph (``Zq0001saved``, ``Zq0002saved``…), every other
save in place and the others written aside and renamed over it, as editors
do. The clock starts just before each write and stops at the arrival of the
chunk of output after which the new word is on screen; the reader is let
settle (no CPU for a quarter of a second) before the next save. Cases: the
bundled briefing, and a generated one of ``--paragraphs`` paragraphs unless
``--no-large``. Target (issue 11): a valid save on screen within half a
second (median, bundled briefing). The notes give the resident set before
the first save, after it and after the last: a reader that kept each
version would grow with the number of saves.

    python benchmarks/reload.py [--saves 15] [--large FILE | --paragraphs 20000 | --no-large]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _common import (
    BUNDLED,
    PtySession,
    Row,
    briefing_file,
    first_paragraph,
    log,
    median,
    ms,
    percentile,
    print_table,
    reader_command,
    verdict,
)

TARGET = 0.5
"""Seconds from a save to its text on screen."""


def anchor(text: str, paragraph: str) -> int:
    """Where the first paragraph starts in the file's text (after ``sections:``)."""
    words = paragraph.split()[:3]
    pattern = r"\s+".join(map(re.escape, words))
    found = re.compile(pattern).search(text, text.index("\nsections:"))
    if found is None:
        raise ValueError("the first paragraph is not written on one line in the file")
    return found.start()


def save(path: Path, text: str, *, rename: bool) -> None:
    """Write ``text`` over the file in place, or aside and renamed over it."""
    if rename:
        aside = path.with_name(f".{path.name}.swp")
        aside.write_text(text, encoding="utf-8")
        os.replace(aside, path)
    else:
        with path.open("r+", encoding="utf-8") as handle:
            handle.write(text)
            handle.truncate()


def measure_one(name: str, source: Path, saves: int, timeout: float) -> Row:
    from tui.format.loader import load_path

    folder = Path(tempfile.mkdtemp(prefix="briefing-reload-"))
    try:
        path = folder / "briefing.yaml"
        shutil.copyfile(source, path)
        original = path.read_text(encoding="utf-8")
        paragraph = first_paragraph(load_path(path).briefing)
        at = anchor(original, paragraph)
        first_words = " ".join(paragraph.split()[:2])
        session = PtySession(reader_command(True, path))
        try:
            session.wait_for(first_words, timeout)
            session.wait_idle(0.5, timeout)
            rss_before = session.rss_kib()
            times: list[float] = []
            rss_first = 0
            for number in range(1, saves + 1):
                word = f"Zq{number:04d}saved"
                text = f"{original[:at]}{word} {original[at:]}"
                started = time.perf_counter()
                save(path, text, rename=number % 2 == 0)
                times.append(session.wait_for(word, timeout) - started)
                session.wait_idle(0.25, timeout)
                if number == 1:
                    rss_first = session.rss_kib()
            rss_after = session.rss_kib()
        finally:
            session.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    middle = median(times)
    log(f"  {name}: median {ms(middle)}; " + ", ".join(f"{t * 1000:.0f}" for t in times))
    return Row(
        f"live reload ({name})",
        f"<= {ms(TARGET)}" if name == "bundled" else "info",
        f"median {ms(middle)}, p95 {ms(percentile(times, 0.95))},"
        f" min {ms(min(times))}, max {ms(max(times))}",
        verdict(middle <= TARGET) if name == "bundled" else "info",
        [
            f"{source.name} ({source.stat().st_size / 1e6:.2f} MB), {saves} saves, 120x40 pty;"
            f" RSS {rss_before / 1024:.0f} MiB before the first save,"
            f" {rss_first / 1024:.0f} MiB after it, {rss_after / 1024:.0f} MiB after the last"
        ],
    )


def measure(saves: int, large: Path | None, timeout: float = 120.0) -> list[Row]:
    rows = [measure_one("bundled", BUNDLED, saves, timeout)]
    if large is not None:
        rows.append(measure_one(large.stem, large, saves, timeout))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Live reload: save to screen.")
    parser.add_argument("--saves", type=int, default=15)
    parser.add_argument("--large", type=Path, help="a large briefing (default: generate one)")
    parser.add_argument("--paragraphs", type=int, default=20000, help="size of the generated one")
    parser.add_argument("--no-large", action="store_true", help="only the bundled briefing")
    args = parser.parse_args(argv)
    if args.no_large:
        rows = measure(args.saves, None)
    else:
        with briefing_file(args.large, args.paragraphs) as large:
            rows = measure(args.saves, large)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
