"""One JSON file of state, ``{"format": FORMAT, SECTION: {key: entry}}``, read and saved safely.

Reading takes only a regular file of at most :data:`MAX_SIZE` bytes, opened
without blocking (a FIFO, a device or a link to one is ignored with a warning,
never read or written through). A file that does not parse as this state (bad
UTF-8 or JSON, nesting too deep, another format) is corrupt: it is renamed
aside (``NAME.corrupt-YYYYMMDD-HHMMSS``) with a warning, and reading starts
afresh. A file that could not be read (or is not a regular file, or is too
large) is never replaced: saving is skipped, with one warning.

Saving reads the file again, applies the change and writes the result, all
under an exclusive ``flock`` on ``NAME.lock`` beside it, so two processes saving
at once keep each other's entries (where ``fcntl`` is missing, or the lock is
held longer than :data:`LOCK_WAIT`, the last save wins). The write is atomic
(see :func:`tui.storage.atomic.write_atomically`); the temporary files of a
save that was killed before it finished are removed by the next save made
under the lock.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.storage.atomic import remove_leftovers, write_atomically

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT = 5.0
"""Seconds to wait for another process's save; then save anyway (a stopped process holds it)."""

MAX_SIZE = 16 * 1024 * 1024
"""Bytes a state file may hold; a larger one is ignored (and kept)."""

Entries = dict[str, object]
Clean = Callable[[object], object | None]
"""An entry as it will be kept (only known fields, plain values), or None to drop it."""

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_LOCK_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class _Corrupt(Exception):
    """The file was read but is not this state."""


class _Unusable(Exception):
    """The file is there but cannot be read as a state file (it is left alone)."""


@dataclass(frozen=True)
class _Read:
    entries: Entries
    replaceable: bool
    """False when the file is there but could not be read: it must not be replaced."""


class JsonStateFile:
    """A map of entries kept in one JSON file; problems go to :attr:`warnings`, never raise."""

    def __init__(self, path: Path, format: str, section: str, what: str, clean: Clean) -> None:
        self.path = path
        self.format = format
        self.section = section
        self.what = what
        """What the file holds, for warnings: "Saved reading positions", "Saved settings"."""
        self.clean = clean
        self.warnings: list[str] = []
        """Problems met, each said once, for the app to show (and clear)."""
        self._said: set[str] = set()
        self._left_alone = False
        """The file was last found unusable, and said to be left alone: no save can be made."""
        self._lock = threading.Lock()  # one save at a time within the process

    @property
    def lock_path(self) -> Path:
        """The file locked while saving (kept; removing it would race with a waiting saver)."""
        return self.path.with_name(f"{self.path.name}.lock")

    def read(self) -> Entries:
        """Every entry; ``{}`` when there is no file or it cannot be used (with a warning)."""
        found = self._read(locked=False)
        self._left_alone = not found.replaceable
        return found.entries

    def update(self, change: Callable[[Entries], Entries]) -> bool:
        """Save ``change(entries)`` over what the file holds now; False (and a warning) if not."""
        try:
            with self._locked() as alone:
                current = self._read(locked=True)
                self._left_alone = not current.replaceable
                if not current.replaceable:
                    return False
                if alone:  # no other save is under way: a temporary file is a killed one's
                    remove_leftovers(self.path)
                text = _dumps({"format": self.format, self.section: change(current.entries)})
                write_atomically(self.path, text)
        except OSError as error:
            if not self._left_alone:  # else the warning about the file said nothing is saved
                self._warn(f"Could not save to {self.path}: {error.strerror or error}")
            return False
        return True

    # -- reading -----------------------------------------------------------------

    def _read(self, locked: bool) -> _Read:
        try:
            return _Read(self._parse(self._load()), True)
        except FileNotFoundError:
            return _Read({}, True)
        except _Corrupt as why:
            if locked:
                return self._set_aside(str(why))
            # Set aside under the lock, if it is still corrupt: another process
            # may just have replaced it by a good file.
            try:
                with self._locked():
                    return self._read(locked=True)
            except OSError:
                return self._set_aside(str(why))
        except _Unusable as why:
            self._warn(
                f"{self.what} ignored: {why}. It is left as it is, and nothing is saved"
                " until it can be read."
            )
            return _Read({}, False)

    def _load(self) -> str:
        """The file's text, read only if it is a regular file of a sane size."""
        try:
            handle = os.open(self.path, _READ_FLAGS)
        except FileNotFoundError:
            raise
        except OSError as error:
            raise _Unusable(f"could not read {self.path}: {error.strerror or error}") from None
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                raise _Unusable(f"{self.path} is not a regular file")
            if info.st_size > MAX_SIZE:
                raise _Unusable(f"{self.path} is larger than {MAX_SIZE // (1024 * 1024)} MiB")
            with os.fdopen(handle, "rb", closefd=False) as file:
                data = file.read(MAX_SIZE + 1)
        except OSError as error:
            raise _Unusable(f"could not read {self.path}: {error.strerror or error}") from None
        finally:
            os.close(handle)
        if len(data) > MAX_SIZE:  # it grew while being read
            raise _Unusable(f"{self.path} is larger than {MAX_SIZE // (1024 * 1024)} MiB")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise _Corrupt("it is not UTF-8 text") from None

    def _parse(self, text: str) -> Entries:
        import json  # here: a first run, with no file, never needs it

        try:
            data = json.loads(text)
        except Exception:  # any failure to parse (RecursionError on deep nesting too)
            raise _Corrupt("it is not valid JSON") from None
        if not isinstance(data, dict) or data.get("format") != self.format:
            raise _Corrupt(f"it does not say format {self.format!r}")
        entries = data.get(self.section)
        if not isinstance(entries, dict):
            raise _Corrupt(f"it holds no {self.section}")
        kept = ((key, self.clean(value)) for key, value in entries.items())
        return {key: value for key, value in kept if value is not None}

    def _aside_name(self) -> Path:
        """A name for the file set aside that no file has: a second one set aside in the
        same second (``NAME.corrupt-YYYYMMDD-HHMMSS-2``) must not replace the first."""
        stamp = f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"
        aside = self.path.with_name(stamp)
        number = 1
        while os.path.lexists(aside):
            number += 1
            aside = self.path.with_name(f"{stamp}-{number}")
        return aside

    def _set_aside(self, why: str) -> _Read:
        aside = self._aside_name()
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return _Read({}, True)
        except OSError as error:
            self._warn(
                f"{self.what} ignored ({why}); could not set {self.path} aside:"
                f" {error.strerror or error}. It is left as it is, and nothing is saved"
                " until it can be."
            )
            return _Read({}, False)
        self._warn(
            f"{self.what} could not be read ({why}): the file was set aside"
            f" as {aside.name}, and a new one is started."
        )
        return _Read({}, True)

    # -- the rest ----------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[bool]:
        """Hold the lock of this process, then the file lock shared with other processes.

        Gives whether the file lock is held (False where there is none, or the wait ran out).
        """
        with self._lock:
            if fcntl is None:
                yield False
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.lock_path, _LOCK_FLAGS, 0o600)
            try:
                yield _flock(handle)
            finally:
                os.close(handle)  # releases the lock

    def _warn(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self.warnings.append(message)


def _flock(handle: int) -> bool:
    """Lock ``handle`` exclusively, waiting at most :data:`LOCK_WAIT`; False if it was not."""
    assert fcntl is not None
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)  # a save takes a few milliseconds


def _dumps(data: object) -> str:
    import json

    return json.dumps(data)


class JsonStore:
    """A store over one :class:`JsonStateFile` (positions, settings): its path and warnings."""

    def __init__(self, file: JsonStateFile) -> None:
        self.file = file

    @property
    def path(self) -> Path:
        """The JSON file."""
        return self.file.path

    @property
    def warnings(self) -> list[str]:
        """Problems met (a corrupt file set aside, a failed save), for the app to show."""
        return self.file.warnings

    def take_warnings(self) -> list[str]:
        """The problems met since last asked, oldest first (each shown once)."""
        taken = list(self.file.warnings)
        self.file.warnings.clear()
        return taken
