"""Sanitising untrusted text before it can reach the terminal.

Rich and Textual strip only a few control characters (BEL, BS, VT, FF, CR);
ESC, the other C0 controls and the C1 range pass straight through to the
terminal, where they can retitle the window (OSC 2), write the clipboard
(OSC 52) or redraw the screen. Bidirectional overrides can make text read
differently from what it is, and invisible characters can hide text or tell
the terminal and Rich different widths (a line then pushes its border out).
Every string from a briefing goes through :func:`sanitize` once, at load
time, so nothing later has to remember.
"""

from __future__ import annotations

import re
import sys
import unicodedata

#: C0 controls (but tab and newline), DEL, C1 controls, bidi embeddings,
#: overrides and isolates, and lone surrogates (which cannot be encoded for output;
#: the pure-Python YAML parser lets ``"\ud800"`` through).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_HIDDEN_RANGES = (
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u180b-\u180f"  # Mongolian variation selectors and vowel separator
    "\u200b\u200e\u200f"  # zero-width space, left-to-right and right-to-left marks
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u206a-\u206f"  # deprecated format characters
    "\u3164\uffa0"  # Hangul fillers (blank, but Rich and terminals disagree on their width)
    "\ufe00-\ufe0d"  # variation selectors 1-14 (they can carry hidden data)
    "\ufeff"  # zero-width no-break space (a byte order mark inside text)
    "\ufff9-\ufffb"  # interlinear annotation
    "\U0001bca0-\U0001bca3"  # shorthand format controls
    "\U0001d173-\U0001d17a"  # musical formatting
    "\U000e0000-\U000e0fff"  # tag characters (ASCII hidden in plain sight), selectors 17-256
)
#: Invisible characters that can hide or spoof text: removed, with a warning.
_HIDDEN = re.compile(f"[{_HIDDEN_RANGES}]")

_LAYOUT_RANGES = (
    "\u00ad"  # soft hyphen (a terminal shows it as a hyphen, or not at all)
    "\u200d"  # zero-width joiner (terminals join emoji sequences, or not)
    "\ufe0e\ufe0f"  # text and emoji presentation selectors (they change a symbol's width)
    "\U0001f3fb-\U0001f3ff"  # skin-tone modifiers (one cell or three, depending)
)
#: Characters whose width Rich and terminals disagree on: removed, silently.
_LAYOUT = re.compile(f"[{_LAYOUT_RANGES}]")

_DISPLAY = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    f"{_HIDDEN_RANGES}{_LAYOUT_RANGES}]"
)
"""Everything :func:`sanitize` replaces or removes, in one pass."""

_REPLACEMENT = "\ufffd"


def _placeholder(match: re.Match[str]) -> str:
    """A visible stand-in for one unsafe character, or nothing for an invisible one.

    C0 controls become their Unicode "control picture" (ESC shows as ␛), DEL
    shows as ␡, C1 controls, bidi controls and lone surrogates as the
    replacement character �; invisible characters are removed.
    """
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return _REPLACEMENT if _UNSAFE.match(char) else ""


def sanitize(text: str) -> str:
    """Return ``text`` with every terminal control character made visible and harmless.

    Invisible characters that can hide or spoof text, and those whose width
    Rich and terminals disagree on (joiners in emoji sequences, presentation
    selectors, skin tones), are removed.
    """
    return _DISPLAY.sub(_placeholder, text)


def count_unsafe(text: str) -> int:
    """How many characters :func:`sanitize` would replace with a placeholder."""
    return len(_UNSAFE.findall(text))


def hidden_characters(text: str) -> list[str]:
    """The distinct invisible characters :func:`sanitize` removes from ``text`` as able to hide
    or spoof text (not the silent layout ones), in order of appearance, as ``U+200B``."""
    return list(dict.fromkeys(f"U+{ord(char):04X}" for char in _HIDDEN.findall(text)))


NO_VISIBLE_TEXT = "(no visible text)"
"""What is shown for required text that holds nothing visible."""

_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cn", "Co", "Cs"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")
"""Letters and symbols that show as blank (Hangul fillers, the blank Braille pattern)."""


def has_visible_text(text: str) -> bool:
    """True if ``text`` has a character that shows as more than blank space."""
    first = text[:1]
    if first.isalnum() and first not in _BLANK_LETTERS:  # most text: no scan
        return True
    return any(
        char not in _BLANK_LETTERS and unicodedata.category(char) not in _BLANK_CATEGORIES
        for char in text
    )


def clip(text: str, limit: int) -> str:
    """``text``, or if it is longer than ``limit`` characters its start and "…" (``limit`` in all).

    For what shows a whole field at once (the header, the ``i`` screen, the
    section picker): Textual wraps a text whole before showing any of it, and a
    field of megabytes would freeze the screen for seconds.
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


# What a YAML parser lets through unescaped of the characters sanitize() changes:
# NEL, the bidi controls and the invisible characters (every other C0/C1 control
# and DEL is refused by it); those up to U+FFFF, and all of them.
_RAW_BMP = (
    "\x85\u00ad\u034f\u061c\u180b-\u180f\u200b\u200d-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
)
_RAW_IN_BMP = re.compile(f"[{_RAW_BMP}]")
_RAW_IN_YAML = re.compile(
    f"[{_RAW_BMP}\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U0001f3fb-\U0001f3ff"
    "\U000e0000-\U000e0fff]"
)


def _bytes_per_character(text: str) -> int:
    """How CPython stores ``text``: 1, 2 or 4 bytes a character (PEP 393), in constant time.

    Read from ``sys.getsizeof``; short text may be said to take more than it
    does, never less (so the checks below may look for more, never for less).
    """
    size = sys.getsizeof(text)
    return 1 if size < 2 * len(text) else 2 if size < 4 * len(text) else 4


def may_contain_unsafe(source: str) -> bool:
    """False if no text parsed from YAML ``source`` can hold a character :func:`sanitize` changes.

    Such characters are either written as backslash escapes in double-quoted
    scalars, or are among the few a YAML parser accepts raw; a source with
    neither needs no per-string sanitising (a 10 MB briefing loads measurably
    faster). ASCII and Latin-1 sources are answered by substring searches at C
    speed, others by one regular expression search (for the characters beyond
    U+FFFF only where the source can hold them).
    """
    if "\\" in source:
        return True
    if source.isascii():
        return False
    width = _bytes_per_character(source)
    if width == 1:  # Latin-1: of the characters above, only NEL and the soft hyphen
        return "\x85" in source or "\xad" in source
    return (_RAW_IN_BMP if width == 2 else _RAW_IN_YAML).search(source) is not None


def slugify(text: str) -> str:
    """A lower-case ``[a-z0-9-]+`` slug of ``text`` (``section`` if nothing is left)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "section"
