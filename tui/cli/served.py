"""The reader as ``briefing-tui serve`` runs it for each browser: ``python -m tui.cli.served``.

textual-serve starts this command once for every browser that opens the page,
with Textual's web driver: the reader draws on stdout (a pipe to the server) and
reads the browser's keys from stdin. It takes the reader's own arguments and
runs the reader's own code (:func:`tui.cli.reader.run`), so whatever the reader
does with a path is what the browser shows; what it would say on a terminal's
stderr instead of opening (an invalid file, a path it refuses) is shown there too.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Sequence

from tui.cli import reader
from tui.cli.exits import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_USAGE

REFUSED = frozenset({EXIT_INVALID, EXIT_USAGE})
"""The reader's exit codes when it did not open, having said why on stderr."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the reader for one browser; the exit code."""
    args = reader.parser().parse_intermixed_args(list(sys.argv[1:] if argv is None else argv))
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):
            code = reader.run(args, in_browser=True)
    except KeyboardInterrupt:  # Ctrl+C in the server's terminal while this one loads
        return EXIT_INTERRUPTED
    finally:
        sys.stderr.write(said.getvalue())  # for the server's terminal too
    if code in REFUSED and said.getvalue().strip():
        from tui.ui.refusal import RefusalApp

        RefusalApp(said.getvalue()).run()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
