"""The briefing file as the reader watches it: how it looks on disk now, and loading it again."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tui.format.limits import Limits
from tui.model import Loaded

Signature = tuple[int, int, int, int]
"""Device, inode, size and modification time (ns): what changes when a file is saved."""


@dataclass(frozen=True)
class BriefingFile:
    """A briefing's path with the options it was loaded with."""

    path: str
    limits: Limits = field(default_factory=Limits)
    strict: bool = False

    def signature(self) -> Signature | None:
        """How the file is now (a rename over it changes the inode); None if it is gone."""
        try:
            info = os.stat(self.path)
        except (OSError, ValueError):
            return None
        return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns

    def load(self) -> Loaded:
        """Read and check the file again (raises what :func:`load_path` raises)."""
        from tui.format.loader import load_path

        return load_path(self.path, limits=self.limits, strict=self.strict)
