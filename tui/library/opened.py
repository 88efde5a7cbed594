"""A library as the app opens it: the files found, what could not be walked, and its index."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.format.limits import Limits
from tui.library.index import LibraryIndex


@dataclass
class Library:
    """What the library screen shows: the files of a scan and the index that reads them."""

    name: str
    """What the library is called on screen (the folder, or how many files were given)."""
    paths: list[str]
    """The briefing files (empty until :meth:`find` has walked :attr:`folders`, if given)."""
    index: LibraryIndex
    notices: list[str] = field(default_factory=list)
    """Lines to show once (folders that could not be read, symlink loops)."""
    limits: Limits = field(default_factory=Limits)
    """What opening a briefing may take (the command's loading options)."""
    strict: bool = False
    archive: str | None = None
    """The team archive searched (its connection string, password blanked), if one is."""
    folders: list[str] | None = None
    """The command's folders and files, walked for :attr:`paths` by :meth:`find` (off the
    screen's thread: the index lists its rows meanwhile; 10,000 files take 20 ms to find on
    a local disk, seconds on a network folder)."""
    walked: bool = False
    """True once :attr:`folders` were walked."""

    @property
    def archive_searched(self) -> str | None:
        """:attr:`archive`, unless its server stopped answering and the local index took over
        (:class:`~tui.library.fallback.FallbackIndex`)."""
        return self.archive if getattr(self.index, "on_archive", True) else None

    def find(self, again: bool = False) -> list[str]:
        """The briefing files, walking :attr:`folders` first if not done yet, or ``again``
        (for the files added or renamed since); what could not be walked is added to
        :attr:`notices`, each once."""
        if self.folders is not None and (again or not self.walked):
            from tui.library.scan import scan

            found = scan(self.folders)
            self.paths, self.walked = found.paths, True
            self.notices += [notice for notice in found.notices if notice not in self.notices]
        return self.paths
