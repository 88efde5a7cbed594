"""Finding the briefing files of a library: folders walked, files as given."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tui.text import sanitize_line

SUFFIXES = (".yaml", ".yml")
"""What a briefing file's name ends with."""


@dataclass
class Scan:
    """The briefing files found, in order, and notices about what could not be walked."""

    paths: list[str] = field(default_factory=list)
    """Absolute paths, each once: folders' files sorted by path, then files given one by one."""
    notices: list[str] = field(default_factory=list)
    """One line each, safe to show: unreadable folders, symlink loops."""


def is_briefing_name(name: str) -> bool:
    """True for a file name a briefing has (``*.yaml``, ``*.yml``), not hidden."""
    return not name.startswith(".") and name.lower().endswith(SUFFIXES)


def scan(arguments: list[str]) -> Scan:
    """The briefing files of ``arguments``: each folder walked (subfolders included, hidden
    files and folders skipped, every folder visited once even through symlinks), each file
    taken as it is (whatever its name)."""
    found = Scan()
    seen: set[str] = set()
    visited: set[tuple[int, int]] = set()
    for number, argument in enumerate(arguments):
        path = os.path.abspath(argument)
        walked = sorted(_walk(path, visited, found.notices)) if os.path.isdir(path) else [path]
        fresh = [file for file in walked if file not in seen] if seen else walked
        if number < len(arguments) - 1:  # (a million paths: 0.3 s not spent for the last)
            seen.update(fresh)
        found.paths += fresh
    return found


def _walk(root: str, visited: set[tuple[int, int]], notices: list[str]) -> list[str]:
    """The briefing files under ``root``, without recursion (a deep tree cannot overflow)."""
    files: list[str] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            info = os.stat(folder)
        except OSError as error:
            notices.append(
                f"{sanitize_line(folder)}: {sanitize_line(error.strerror or 'cannot be read')}"
            )
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:
            if os.path.islink(folder):
                notices.append(
                    f"{sanitize_line(folder)}: a link back to a folder already read, skipped"
                )
            continue
        visited.add(key)
        try:
            with os.scandir(folder) as listing:
                children = list(listing)
        except OSError as error:
            notices.append(
                f"{sanitize_line(folder)}: {sanitize_line(error.strerror or 'cannot be read')}"
            )
            continue
        for child in children:  # the name first: 10,000 files cost milliseconds each way
            name = child.name
            if name.startswith("."):
                continue
            try:
                if name.lower().endswith(SUFFIXES) and child.is_file():
                    files.append(child.path)
                elif child.is_dir():
                    folders.append(child.path)
            except OSError:
                continue  # vanished, or a link to nowhere
    return files
