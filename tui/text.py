"""Sanitising untrusted text before it can reach the terminal.

Rich and Textual strip only a few control characters (BEL, BS, VT, FF, CR);
ESC, the other C0 controls and the C1 range pass straight through to the
terminal, where they can retitle the window (OSC 2), write the clipboard
(OSC 52) or redraw the screen. Bidirectional overrides can make text read
differently from what it is. Every string from a briefing goes through
:func:`sanitize` once, at load time, so nothing later has to remember.
"""

from __future__ import annotations

import re

#: C0 controls (but tab and newline), DEL, C1 controls, and bidi embeddings,
#: overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_REPLACEMENT = "\ufffd"


def _placeholder(match: re.Match[str]) -> str:
    """A visible stand-in for one unsafe character.

    C0 controls become their Unicode "control picture" (ESC shows as ␛), DEL
    shows as ␡, everything else as the replacement character �.
    """
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return _REPLACEMENT


def sanitize(text: str) -> str:
    """Return ``text`` with every terminal control character made visible and harmless."""
    return _UNSAFE.sub(_placeholder, text)


def count_unsafe(text: str) -> int:
    """How many characters :func:`sanitize` would replace."""
    return len(_UNSAFE.findall(text))


def sanitize_line(text: str) -> str:
    """Sanitise, and fold tabs and newlines into spaces, for one-line output."""
    return sanitize(text).replace("\t", " ").replace("\n", " ")


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace into single spaces and trim the ends."""
    return " ".join(text.split())


def slugify(text: str) -> str:
    """A lower-case ``[a-z0-9-]+`` slug of ``text`` (``section`` if nothing is left)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "section"
