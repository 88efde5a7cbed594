"""The exit codes of every command."""

EXIT_OK = 0
EXIT_INVALID = 1
"""A briefing is invalid."""
EXIT_USAGE = 2
"""A usage error, an unreadable path, or no terminal to show the reader on."""
EXIT_INTERNAL = 3
"""briefing-tui itself failed (a bug)."""
EXIT_INTERRUPTED = 130
"""Ctrl+C (128 + SIGINT), as shells report it."""
