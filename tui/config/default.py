"""The default ``config.toml``, each setting commented (``briefing-tui config --default``)."""

from __future__ import annotations

import textwrap

from tui.config.file import (
    NOTIFICATION_RANGE,
    NOTIFICATION_SECONDS,
    READING_WIDTH,
    READING_WIDTHS,
    THEMES,
)
from tui.config.keys import BINDINGS, shown_keys

_WIDTHS = f"{READING_WIDTHS.start} to {READING_WIDTHS.stop - 1}"
_SECONDS = f"{NOTIFICATION_RANGE[0]:g} to {NOTIFICATION_RANGE[1]:g}"

HEAD = f"""\
# briefing-tui's settings. Save this file as config.toml in
# $XDG_CONFIG_HOME/briefing-tui/ (~/.config/briefing-tui/ by default), then
# take the # off the settings you change. A setting that is wrong is reported
# (FILE:LINE: message) and left at its default; the rest of the file applies.
# `briefing-tui config` shows the settings in force.

# The theme at start. A theme chosen in the reader (Ctrl+P, "Theme") is kept
# for the next runs instead, until this line changes: the later choice wins.
# One of:{{themes}}.
# theme = "textual-dark"

# The widest the article's text column gets, in columns ({_WIDTHS};
# narrower when the window is).
# reading_width = {READING_WIDTH}

# Whether the outline of sections shows at start: "auto" (in windows 150
# columns or wider), "show" or "hide". The o key shows or hides it.
# outline = "auto"

# How long a message stays on screen, in seconds ({_SECONDS});
# short messages and warnings in proportion.
# notification_seconds = {NOTIFICATION_SECONDS:g}

# A team's shared archive on PostgreSQL: libraries (briefing-tui DIR) and
# briefing-tui search use it instead of the local index ($BRIEFING_TUI_DB and
# --db win over this). Keep the password out of this file: in ~/.pgpass.
# db = "postgresql://archive.example.org/briefings"

[keys]
# Moves a key, by the id of its binding: "reader.next_section" = "J". A key is a
# character ("J", "]", "?") or a key's name (pagedown, f5, space, enter), with
# modifiers or not (ctrl+n, alt+j); several are separated by commas ("J, ctrl+n").
# A key that another binding in force at the same time has is refused, unless
# that binding is moved too. The key line and ? show the keys as moved.
"""


def default_config() -> str:
    """The text of the default config file: loads without a problem, and changes nothing."""
    themes = "\n#   ".join(textwrap.wrap(", ".join(sorted(THEMES)), 72, break_on_hyphens=False))
    lines = [HEAD.replace("{themes}", "\n#   " + themes)]
    width = max(len(binding_id) for binding_id in BINDINGS) + 2
    for binding_id, bindable in BINDINGS.items():
        keys = '"' + shown_keys(bindable.keys).replace("\\", "\\\\").replace('"', '\\"') + '"'
        setting = f"# {f'{chr(34)}{binding_id}{chr(34)}'.ljust(width)} = {keys}"
        lines.append(f"{setting.ljust(width + 24)}  # {bindable.description}\n")
    return "".join(lines)
