"""The project's documents stay true: the guides' paths exist, the changelog has the version."""

from __future__ import annotations

import re
from pathlib import Path

import tui

ROOT = Path(__file__).resolve().parent.parent

BACKTICKED = re.compile(r"`([^`\n]+)`")
PATH_LIKE = re.compile(r"^\.?[\w-][\w.-]*(?:/[\w.-]*)*$")
"""A backticked word with no spaces, no ``$`` or ``~``, no brackets: ``tui/ui/``, ``LICENSE``."""
FILE_SUFFIXES = (".py", ".md", ".toml", ".tcss", ".yaml", ".json", ".svg", ".txt")


def named_paths(text: str) -> list[str]:
    """The backticked paths in ``text``: words with a ``/`` or a file's suffix."""
    paths = []
    for word in BACKTICKED.findall(text):
        if PATH_LIKE.match(word) and ("/" in word or word.endswith(FILE_SUFFIXES)):
            paths.append(word)
    return paths


def architecture_paths() -> list[str]:
    """The paths ARCHITECTURE.md names, relative to the checkout or to the folder it is under."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    found, folder = [], ""
    for line in text.splitlines():
        if line.startswith("## "):
            folder = ""
        if line.startswith("### "):
            heading = re.match(r"^### `([\w/.-]+/)`", line)
            folder = heading.group(1) if heading else ""
        found += [(folder, path) for path in named_paths(line)]
    return [_resolve(folder, path) for folder, path in found]


def _resolve(folder: str, path: str) -> str:
    """``app.py`` under ``### `tui/ui/``` is ``tui/ui/app.py``; a path from the top stays."""
    if (ROOT / path).exists() or not folder:
        return path
    return folder + path


def test_named_paths_are_found() -> None:
    text = "see `tui/ui/`, `app.py`, `LICENSE.md`, `$XDG_STATE_HOME/x`, `a b/c`, `BriefingApp`"
    assert named_paths(text) == ["tui/ui/", "app.py", "LICENSE.md"]


def test_every_path_in_the_architecture_guide_exists() -> None:
    paths = architecture_paths()
    assert "tui/ui/widgets/body.py" in paths  # relative names resolve under their section
    assert len(paths) > 40
    missing = sorted({path for path in paths if not (ROOT / path).exists()})
    assert not missing, f"ARCHITECTURE.md names paths that do not exist: {missing}"


def test_every_path_in_the_development_guide_exists() -> None:
    paths = named_paths((ROOT / "docs" / "development.md").read_text(encoding="utf-8"))
    assert ".ci/release-check" in paths
    missing = sorted({path for path in paths if not (ROOT / path).exists()})
    assert not missing, f"docs/development.md names paths that do not exist: {missing}"


def test_the_architecture_guide_stays_short() -> None:
    lines = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8").count("\n")
    assert lines <= 190, f"ARCHITECTURE.md has {lines} lines; it is a map, keep it short"


def test_the_changelog_has_the_package_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\]", text, flags=re.MULTILINE)
    assert versions[0] == "Unreleased", versions
    assert tui.__version__ in versions, (
        f"tui/__init__.py says {tui.__version__}; CHANGELOG.md has no section for it: {versions}"
    )


def test_the_license_is_mit() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 The briefing-tui authors" in text
