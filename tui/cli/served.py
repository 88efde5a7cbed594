"""The reader as ``briefing-tui serve`` runs it for each browser: ``python -m tui.cli.served``.

textual-serve starts this command once for every browser that opens the page,
with Textual's web driver: the reader draws on stdout (a pipe to the server) and
reads the browser's keys from stdin. It takes the reader's own arguments and
runs the reader's own code (:func:`tui.cli.reader.run`), so whatever the reader
does with a path is what the browser shows.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tui.cli import reader

MODULE = "tui.cli.served"
"""What ``python -m`` runs."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the reader for one browser; the exit code."""
    args = reader.parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return reader.run(args, in_browser=True)
    except KeyboardInterrupt:  # Ctrl+C in the server's terminal while this one loads
        from tui.cli.exits import EXIT_INTERRUPTED

        return EXIT_INTERRUPTED


if __name__ == "__main__":
    raise SystemExit(main())
