"""Cases that cannot be small static files: each maker builds one in a folder and returns its path.

A maker takes the folder (a fresh temporary one per test) and returns the path
to give ``briefing-tui validate``, as ``str`` (names that are not UTF-8 are
decoded as ``sys.argv`` would decode them, with ``os.fsdecode``). Makers are
deterministic and fast: the big files are built from repeated text, the
over-size one is sparse.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
import worst_cases  # noqa: E402 - the benchmarks are scripts, not a package

Maker = Callable[[Path], str]

VALID = "title: Ministers meet\nsections:\n  - heading: Talks\n    body: They talked.\n"
"""A small valid briefing."""

EVIL_NAME = "evil\x1b]2;FNAMEPWNED\x07\x1b[31m.yaml"
"""Retitles the terminal and turns it red, if printed raw (issue 9, failure 2)."""


def _write(folder: Path, name: str | bytes, data: bytes | str) -> str:
    path = os.path.join(os.fsencode(folder), os.fsencode(name))
    with open(path, "wb") as file:
        file.write(data.encode() if isinstance(data, str) else data)
    return os.fsdecode(path)


# -- names from outside --------------------------------------------------------------


def evil_name(folder: Path) -> str:
    """A valid briefing whose name holds escape sequences."""
    return _write(folder, EVIL_NAME, VALID)


def evil_name_invalid(folder: Path) -> str:
    """An invalid briefing whose name holds escape sequences (they reach the error line)."""
    return _write(folder, EVIL_NAME, "title: ''\n" + VALID.split("\n", 1)[1])


def latin1_name(folder: Path) -> str:
    """A valid briefing named ``café.yaml`` in Latin-1: not UTF-8, not printable as it is."""
    return _write(folder, b"caf\xe9.yaml", VALID)


def evil_missing(folder: Path) -> str:
    """A file that does not exist, named to clear the screen."""
    return str(folder / "gone\x1b[2J\x9b31m.yaml")


# -- crafted worst cases (issue 9, failure 3) ----------------------------------------


def bad_references_500(folder: Path) -> str:
    """500 talking points, each naming a misspelt section id among 500 sections."""
    return _write(folder, "bad-references.yaml", worst_cases.bad_references(500))


def same_headings_10000(folder: Path) -> str:
    """10,000 sections with the same heading and no ids."""
    return _write(folder, "same-headings.yaml", worst_cases.same_headings(10_000))


def brackets_40000(folder: Path) -> str:
    """A paragraph of 40,000 ``[``."""
    body = "[" * 40_000
    return _write(
        folder, "brackets.yaml", f"title: Brackets\nsections:\n  - heading: H\n    body: '{body}'\n"
    )


def unknown_keys_20000(folder: Path) -> str:
    """20,000 different unknown top-level keys, each close to ``title`` (``titl0``, ``titl1``…)."""
    keys = "".join(f"titl{i}: x\n" for i in range(20_000))
    return _write(folder, "unknown-keys.yaml", VALID + keys)


def long_values(folder: Path) -> str:
    """Values of 100,000 characters where messages quote them: format, date, ids, a key."""
    x = "x" * 100_000
    return _write(
        folder,
        "long-values.yaml",
        f"format: briefing/{x}\ntitle: T\npublished: 2021-{x}\nsections:\n"
        f"  - id: a{x}\n    heading: H\n    body: B\n"
        f"  - id: a{x}\n    heading: H\n    body: B\n"
        f"talking_points:\n  - text: x\n    section: b{x}\n? k{x}\n: v\n",
    )


def nested_lists_20000(folder: Path) -> str:
    """A body nested 20,000 lists deep."""
    depth = 20_000
    return _write(
        folder,
        "nested-lists.yaml",
        f"title: Deep\nsections:\n  - heading: H\n    body: {'[' * depth}x{']' * depth}\n",
    )


def nested_mappings_20000(folder: Path) -> str:
    """A value nested 20,000 mappings deep (``{a: {a: …}}``)."""
    depth = 20_000
    return _write(
        folder, "nested-mappings.yaml", f"title: Deep\nsummary: {'{a: ' * depth}x{'}' * depth}\n"
    )


def over_size(folder: Path) -> str:
    """A 33 MiB file (sparse: it takes no room on disk), over the 32 MiB default."""
    path = folder / "huge.yaml"
    with open(path, "wb") as file:
        file.write(VALID.encode())
        file.truncate(33 * 1024 * 1024)
    return str(path)


def over_max_size(folder: Path) -> str:
    """A valid 2 KiB briefing, for ``--max-size 1k``."""
    return _write(folder, "two-k.yaml", VALID + "# padding\n" * 200)


def long_fields(folder: Path) -> str:
    """A title of 4 MB and every other field of 0.5 MB (``Title Title …``, ``Sub Sub …``, …)."""
    title = "Title " * 700_000
    text = {word: f"{word} " * 100_000 for word in ("Sub", "Sum", "Loc", "Name", "Head")}
    return _write(
        folder,
        "long-fields.yaml",
        f"title: {title}\nsubtitle: {text['Sub']}\nsummary: {text['Sum']}\n"
        f"location: {text['Loc']}\nsource:\n  name: {text['Name']}\n"
        f"authors: [{text['Name']}]\ntags: [{text['Name']}]\n"
        f"sections:\n  - heading: {text['Head']}\n    body: They talked.\n",
    )


def long_word(folder: Path) -> str:
    """A paragraph that is one word of 200,000 letters."""
    word = "Ab" * 100_000
    return _write(
        folder, "long-word.yaml", f"title: Long word\nsections:\n  - heading: H\n    body: {word}\n"
    )


# -- what is not a regular file ------------------------------------------------------


def directory(folder: Path) -> str:
    """A directory named like a briefing."""
    path = folder / "dir.yaml"
    path.mkdir()
    return str(path)


def fifo(folder: Path) -> str:
    """A FIFO with no writer (opening it for reading would wait for ever)."""
    path = folder / "fifo.yaml"
    os.mkfifo(path)
    return str(path)


def unix_socket(folder: Path) -> str:
    """A Unix socket (cannot be opened at all)."""
    path = folder / "socket.yaml"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
    return str(path)


def device(folder: Path) -> str:
    """A symbolic link to /dev/null, a character device."""
    path = folder / "null.yaml"
    path.symlink_to("/dev/null")
    return str(path)


def broken_symlink(folder: Path) -> str:
    """A symbolic link to nothing."""
    path = folder / "broken.yaml"
    path.symlink_to(folder / "gone.yaml")
    return str(path)


def symlink_loop(folder: Path) -> str:
    """Two symbolic links to each other."""
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    return str(folder / "a.yaml")


def unreadable(folder: Path) -> str:
    """A valid briefing with mode 000."""
    path = _write(folder, "unreadable.yaml", VALID)
    os.chmod(path, 0)
    return path


def running_as_root() -> str | None:
    """Why the unreadable case cannot be checked: root reads a file of mode 000."""
    return "root reads files of mode 000" if os.geteuid() == 0 else None
