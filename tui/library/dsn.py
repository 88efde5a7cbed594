"""Connection strings of a team's archive (PostgreSQL): where one comes from, and how it is
shown (never with its password)."""

from __future__ import annotations

import os
import re

DATABASE_VARIABLE = "BRIEFING_TUI_DB"
"""The environment variable that may hold the archive's connection string."""

_URL_PASSWORD = re.compile(r"(?P<head>^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):[^/?#@]*@")
"""``postgresql://user:secret@host``: the secret of a URL."""
_KEY_PASSWORD = re.compile(
    r"(?P<head>(?:^|[\s?&])(?:ssl)?password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|[^\s&]*)",
    re.IGNORECASE,
)
"""``password=secret`` and ``sslpassword=`` (the client key's), in a URL's query or in
libpq's ``key=value`` form, quoted or not."""


def redact(connection: str) -> str:
    """``connection`` with any password in it replaced by ``***``: safe to show or log."""
    shown = _URL_PASSWORD.sub(r"\g<head>:***@", connection)
    return _KEY_PASSWORD.sub(r"\g<head>***", shown)


def database_from(option: str | None, configured: str | None) -> str | None:
    """The archive to use: ``--db``, else ``$BRIEFING_TUI_DB``, else the config file's ``db``;
    None for the local index."""
    for candidate in (option, os.environ.get(DATABASE_VARIABLE), configured):
        if candidate and candidate.strip():
            return candidate.strip()
    return None
