"""The ``briefing-tui`` command line: a table of commands (:mod:`tui.cli.commands`).

``validate``, ``export`` and ``schema`` never import Textual; the reader
(:mod:`tui.cli.reader`) imports it only when it shows the reader (not when it
prints plain text into a pipe). Process-wide settings (the garbage collector, the
terminal's modes) are made here, in the command, never in the UI.
"""

from tui.cli.commands import main
from tui.cli.reader import prepare_textual

__all__ = ["main", "prepare_textual"]
