"""``briefing-tui config``: the config file's path and the settings in force, or a default file."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui.cli.exits import EXIT_INVALID, EXIT_OK
from tui.cli.options import CommandParser, manual
from tui.text import sanitize_line

if TYPE_CHECKING:
    from tui.config.file import ConfigRead

DESCRIPTION = """Print where the config file is looked for, and the settings in force: the
file's where it gives them, the defaults elsewhere (every key, with those the file moves
marked). A problem in the file is printed on stderr as FILE:LINE: message; the setting at
fault keeps its default, as in the reader, and the rest of the file applies. With --default,
print a config file to start from instead: every setting at its default, commented, with
what it does."""


def _help_sections() -> str:
    """The examples, exit status and environment of ``config``, for ``--help``."""
    from tui.storage.paths import CONFIG_DIR_VARIABLE

    return manual(
        (
            "examples",
            [
                ("briefing-tui config", "the config file's path and the settings in force"),
                (
                    "briefing-tui config --default > ~/.config/briefing-tui/config.toml",
                    "start a config file (the folder must exist)",
                ),
                ("briefing-tui config --default", "every setting, its default, what it does"),
            ],
        ),
        (
            "exit status",
            [
                (str(EXIT_OK), "printed; the file has no problem (or there is no file)"),
                (str(EXIT_INVALID), "the file has problems (on stderr); printed all the same"),
            ],
        ),
        (
            "environment",
            [
                (CONFIG_DIR_VARIABLE, "the folder of config.toml, if set"),
                (
                    "XDG_CONFIG_HOME",
                    "else the folder is $XDG_CONFIG_HOME/briefing-tui"
                    " (default ~/.config/briefing-tui)",
                ),
            ],
        ),
        note="The reader reads the same file at start, and says the same problems on stderr"
        " and in a message.",
    )


def parser() -> CommandParser:
    """The parser of ``config``."""
    command = CommandParser("briefing-tui config", DESCRIPTION, _help_sections)
    command.add_argument(
        "--default",
        action="store_true",
        help="print a commented config file with every setting at its default",
    )
    command.add_argument(
        "--debug", action="store_true", help="show a traceback on an internal error"
    )
    return command


def run(args: argparse.Namespace) -> int:
    """Print the default file, or the path and the settings in force."""
    if args.default:
        from tui.config.default import default_config

        sys.stdout.write(default_config())
        return EXIT_OK
    from tui.config.file import read_config

    read = read_config()
    for message in read.messages():
        print(message, file=sys.stderr)
    sys.stdout.write(settings_text(read))
    return EXIT_INVALID if read.problems else EXIT_OK


def settings_text(read: ConfigRead) -> str:
    """The settings in force, as a config file would give them, each marked where it comes from."""
    from tui.config.file import Config
    from tui.config.keys import BINDINGS, shown_keys

    config, default = read.config, Config()
    path = sanitize_line(str(read.path))
    if not read.found:
        state = "not there: every setting is its default"
    elif read.problems:
        count = len(read.problems)
        state = f"read; {count} problem{'s' if count > 1 else ''} (on stderr), left at the default"
    else:
        state = "read"
    lines = [f"# {path}", f"# {state}", ""]

    def setting(name: str, value: str, is_default: bool, note: str = "") -> None:
        comment = "default" if is_default else "from the file"
        lines.append(f"{name} = {value}".ljust(34) + f"  # {comment}{note}")

    theme = config.theme or "textual-dark"
    setting(
        "theme",
        f'"{theme}"',
        config.theme is None,
        "; a theme chosen in the reader since wins (settings.json)",
    )
    setting(
        "reading_width", str(config.reading_width), config.reading_width == default.reading_width
    )
    setting("outline", f'"{config.outline}"', config.outline == default.outline)
    setting(
        "notification_seconds",
        f"{config.notification_seconds:g}",
        config.notification_seconds == default.notification_seconds,
    )
    if config.db:
        from tui.library.dsn import redact

        shown = redact(config.db).replace("\\", "\\\\").replace('"', '\\"')
        setting("db", f'"{sanitize_line(shown)}"', False)
    lines += ["", "[keys]"]
    for binding_id, bindable in BINDINGS.items():
        moved = config.keys.get(binding_id)
        keys = shown_keys(moved or bindable.keys).replace("\\", "\\\\").replace('"', '\\"')
        note = f"moved from {shown_keys(bindable.keys)}" if moved else "default"
        lines.append(f'"{binding_id}" = "{keys}"'.ljust(48) + f"  # {note}")
    return "\n".join(lines) + "\n"
