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

#: C0 controls (but tab and newline), DEL, C1 controls, bidi embeddings,
#: overrides and isolates, and lone surrogates (which cannot be encoded for output;
#: the pure-Python YAML parser lets ``"\ud800"`` through).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

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


_SPACES = " \t\n\r\f\v\u2028\u2029"
_SPACE_RUN = re.compile(f"[{_SPACES}]+")
_ODD_SPACES = ("  ", *_SPACES[1:])


def normalize_space(text: str) -> str:
    """Collapse runs of spaces, tabs and line breaks into single spaces and trim the ends.

    Other spaces (such as the no-break space) are kept: they are the author's.
    """
    text = text.strip(_SPACES)
    if not any(odd in text for odd in _ODD_SPACES):  # the common case, at C speed
        return text
    return _SPACE_RUN.sub(" ", text)


# What a YAML parser lets through unescaped of the characters sanitize() replaces:
# NEL and the bidi controls (every other C0/C1 control and DEL is refused by it).
_RAW_UNSAFE_IN_YAML = ("\x85", *(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))


def may_contain_unsafe(source: str) -> bool:
    """False if no text parsed from YAML ``source`` can hold a character :func:`sanitize` replaces.

    Such characters are either written as backslash escapes in double-quoted
    scalars, or are among the few a YAML parser accepts raw; a source with
    neither needs no per-string sanitising (a 10 MB briefing loads measurably
    faster). Each test is a plain substring search, at C speed.
    """
    return "\\" in source or any(char in source for char in _RAW_UNSAFE_IN_YAML)


def slugify(text: str) -> str:
    """A lower-case ``[a-z0-9-]+`` slug of ``text`` (``section`` if nothing is left)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "section"
