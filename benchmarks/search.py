"""Search on a large briefing: counting every match, and keys while searching.

Two parts, both in-process on a 20,000-paragraph briefing (or FILE):

* **count**: ``tui.search`` as the reader uses it (the article's blocks, the
  talking points, the quotes and who said them). The first search of a kind
  (any case, or exact case) joins and folds the panes' texts once (the blocks
  already parsed, as the linker has done by then); later searches only count.
  Best of 3 for the first count (fresh corpora each time), median of 5 for the
  later ones, for a common word (``the``) and a single letter (``e``). Also
  the time of ``n`` (the next match and its number), median of 1,000 steps.
* **keys**: key press to the frame that shows its whole effect, measured as
  ``keys.py`` does (see there), for a letter typed in the search line (``/th``
  typed first, untimed; the count of ``th`` may still be running in its
  worker, as it would be for a typist), Enter on ``/the``, and ``n`` after it; the
  garbage collector tuned as ``briefing-tui`` tunes it (``tui.cli.collector``), as in
  ``keys.py``.

Target (issue 14): typing stays responsive, p95 <= 16 ms for each key.

    python benchmarks/search.py [FILE | --paragraphs 20000] [--presses 100]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from _common import (
    Row,
    app_label,
    briefing_file,
    log,
    percentile,
    print_table,
    use_real_app,
)
from keys import TARGET, TARGET_P95_MS, KeySpec, _measure, _ms, reader_app

BASELINE = KeySpec("j (baseline: a plain key)", "j", reset=("g",))
SEARCH_KEYS = (
    KeySpec("a letter in the search line", "e", before=("slash", "t", "h"), after=("escape",)),
    KeySpec("Enter (search)", "enter", before=("slash", "t", "h", "e")),
    KeySpec("n (next match)", "n", reset=("g", "slash", "t", "h", "e", "enter")),
)


def _corpora(briefing):
    from tui.document import BodyDocument
    from tui.search import Corpus
    from tui.text import normalize_space
    from tui.ui.widgets.quotes import quote_texts

    document = BodyDocument(briefing)
    texts = [document.texts[block] for block in range(len(document))]  # parsed, as by the linker
    points = [normalize_space(point.text) for point in briefing.talking_points]
    quotes = [normalize_space(text) for quote in briefing.quotes for text in quote_texts(quote)]
    return lambda: [Corpus(texts), Corpus(points), Corpus(quotes)]


def measure_count(path: Path) -> list[Row]:
    from tui.format.loader import load_path
    from tui.search import Query, count_matches, find_next

    briefing = load_path(path).briefing
    fresh = _corpora(briefing)
    rows = []
    for word in ("the", "e"):
        query = Query.parse(word)
        assert query is not None
        firsts = []
        for _ in range(3):
            corpora = fresh()
            started = time.perf_counter()
            count = count_matches(corpora, query)
            firsts.append(time.perf_counter() - started)
        assert count is not None
        later = []
        for _ in range(5):
            started = time.perf_counter()
            count_matches(corpora, query)
            later.append(time.perf_counter() - started)
        steps = []
        found = find_next(corpora, query, (0, 0, 0))
        for _ in range(1000):
            assert found is not None
            match = found.match
            started = time.perf_counter()
            found = find_next(corpora, query, (match.pane, match.unit, match.end))
            assert found is not None
            count.ordinal(corpora, found.match)
            steps.append(time.perf_counter() - started)
        rows.append(
            Row(
                f"search count: {word!r}",
                "none (off the UI thread)",
                f"first {min(firsts) * 1000:.0f} ms,"
                f" later {statistics.median(later) * 1000:.0f} ms",
                "info",
                [
                    f"{count.total:,} matches in {path.name}; n (next match and its number)"
                    f" median {statistics.median(steps) * 1e6:.0f} us,"
                    f" max {max(steps) * 1e6:.0f} us"
                ],
            )
        )
    return rows


def measure_keys(real: bool, path: Path, presses: int) -> list[Row]:
    from tui.cli import prepare_textual
    from tui.format.loader import load_path

    prepare_textual()  # as briefing-tui does before importing Textual
    app = reader_app(real, load_path(path).briefing)
    log(f"search keys: {app_label(real)} on {path.name}, {presses} presses per key")
    results, _ready = asyncio.run(_measure(app, presses, specs=(BASELINE, *SEARCH_KEYS)))
    baseline = results[BASELINE.label].response
    base_p95 = percentile(baseline, 0.95) if baseline else float("nan")
    rows = [
        Row(
            f"search key: {BASELINE.label}",
            "info",
            f"p50 {_ms(percentile(baseline, 0.5))} / p95 {_ms(base_p95)} ms" if baseline else "-",
            "info",
            ["the same app and run: what any key costs on this machine now"],
        )
    ]
    for spec in SEARCH_KEYS:
        timings = results[spec.label]
        if not timings.response:
            rows.append(Row(f"search key: {spec.label}", TARGET, "no frame drawn", "ERROR"))
            continue
        p50, p95 = percentile(timings.response, 0.5), percentile(timings.response, 0.95)
        first95 = percentile(timings.first, 0.95)
        status = ("pass" if p95 * 1000 <= TARGET_P95_MS else "FAIL") if real else "info"
        rows.append(
            Row(
                f"search key: {spec.label}",
                TARGET,
                f"p50 {_ms(p50)} / p95 {_ms(p95)} ms",
                status,
                [
                    f"p95 {p95 / base_p95:.1f}x the baseline key's; first frame p50"
                    f" {_ms(percentile(timings.first, 0.5))} / p95 {_ms(first95)} ms"
                    f" ({first95 / base_p95:.1f}x); {timings.frames / len(timings.response):.1f}"
                    f" frames a press; max {_ms(max(timings.response))} ms;"
                    f" n={len(timings.response)}"
                ],
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search: counting, and keys while searching.")
    parser.add_argument("file", type=Path, nargs="?", help="a briefing (default: generate one)")
    parser.add_argument("--paragraphs", type=int, default=20000)
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--app", choices=("auto", "real", "standin"), default="auto")
    args = parser.parse_args(argv)
    real = use_real_app(args.app)
    with briefing_file(args.file, args.paragraphs) as path:
        rows = measure_count(path)
        if real:
            rows += measure_keys(real, path, args.presses)
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
