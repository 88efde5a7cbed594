"""Which URLs are web links: the one rule for the loader, the link list, citations and exports.

Only an ``http`` or ``https`` URL with a host is ever linked or opened; any
other (``javascript:``, ``file:``, ``http:///x``, a URL with white space,
controls or invisible characters) is refused wherever it is written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tui.text import sanitize

WEB_SCHEMES = ("http", "https")
"""The schemes of web links (in any case: ``HTTPS://`` is the same scheme)."""

_PLAIN = re.compile(r"https?://[a-z0-9.-]+(?:[/?#][!-~]*)?", re.ASCII)
"""Most links: printable ASCII with a plain host (no port, user or IPv6 brackets), which
:func:`urllib.parse.urlsplit` splits into that scheme and host without fail."""
_SPACE = re.compile(r"\s")


def is_web_url(url: str) -> bool:
    """True for an ``http`` or ``https`` URL with a host name, without white space or
    characters :func:`~tui.text.sanitize` would change (controls, invisible characters)."""
    if _PLAIN.fullmatch(url):  # no need to split it
        return True
    if _SPACE.search(url) or sanitize(url) != url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
