"""The keys a config file may move: every binding id, its default keys, and the checks on keys.

The table is written out here, not read from the UI's ``BINDINGS``, so that
``briefing-tui config`` checks a file without importing Textual;
``tests/test_config.py`` checks it against the bindings the UI really has.
"""

from __future__ import annotations

import contextlib
import unicodedata
from typing import NamedTuple


class Bindable(NamedTuple):
    """A binding a config file may move."""

    keys: str
    """Its default keys, as in its ``Binding`` (comma-separated Textual key names)."""
    description: str


BINDINGS: dict[str, Bindable] = {
    "app.quit": Bindable("q", "Quit"),
    "app.help": Bindable("question_mark", "Help: every key"),
    "app.palette": Bindable("ctrl+p", "Command palette"),
    "reader.next_pane": Bindable("tab", "Next pane"),
    "reader.prev_pane": Bindable("shift+tab", "Previous pane"),
    "reader.body": Bindable("1", "Article body"),
    "reader.points": Bindable("2", "Talking points"),
    "reader.quotes": Bindable("3", "Quotes"),
    "reader.next_section": Bindable("right_square_bracket", "Next section"),
    "reader.prev_section": Bindable("left_square_bracket", "Previous section"),
    "reader.pick_section": Bindable("t", "Section picker"),
    "reader.outline": Bindable("o", "Outline: show and go to it, or hide"),
    "reader.back": Bindable("backspace", "Back to before the last jump"),
    "reader.search": Bindable("slash", "Search"),
    "reader.next_match": Bindable("n", "Next match"),
    "reader.prev_match": Bindable("N", "Previous match"),
    "reader.info": Bindable("i", "About this briefing"),
    "reader.edit": Bindable("e", "Edit the briefing at the passage in view"),
    "reader.dismiss": Bindable("escape", "Dismiss messages and the highlight"),
    "body.down": Bindable("j,down", "Article: line down"),
    "body.up": Bindable("k,up", "Article: line up"),
    "body.page_down": Bindable("space,pagedown,ctrl+f", "Article: page down"),
    "body.page_up": Bindable("b,pageup,ctrl+b", "Article: page up"),
    "body.half_down": Bindable("d,ctrl+d", "Article: half a page down"),
    "body.half_up": Bindable("u,ctrl+u", "Article: half a page up"),
    "body.top": Bindable("g,home", "Article: top"),
    "body.bottom": Bindable("G,end", "Article: bottom"),
    "list.down": Bindable("down,j", "Lists: next item"),
    "list.up": Bindable("up,k", "Lists: previous item"),
    "list.page_down": Bindable("pagedown,space", "Lists: page down"),
    "list.page_up": Bindable("pageup,b", "Lists: page up"),
    "list.first": Bindable("home,g", "Lists: first item"),
    "list.last": Bindable("end,G", "Lists: last item"),
    "list.select": Bindable("enter", "Lists: jump to the item's passage"),
    "outline.select": Bindable("enter", "Outline: go to the section"),
    "panel.close": Bindable("escape,q", "Boxes (help, about): close"),
    "panel.down": Bindable("j,down", "Boxes: scroll down"),
    "panel.up": Bindable("k,up", "Boxes: scroll up"),
    "help.close": Bindable("question_mark", "Help: close"),
    "info.close": Bindable("i", "About this briefing: close"),
    "picker.cancel": Bindable("escape", "Section picker: cancel"),
    "picker.down": Bindable("down", "Section picker: next match"),
    "picker.up": Bindable("up", "Section picker: previous match"),
    "reader.bookmark": Bindable("m", "Bookmark the passage or item in view"),
    "reader.bookmarks": Bindable("apostrophe", "Bookmarks"),
    "reader.copy": Bindable("y", "Copy what is in use, with its source"),
    "reader.links": Bindable("L", "Links of the briefing"),
    "bookmarks.cancel": Bindable("escape,q", "Bookmarks: close"),
    "bookmarks.go": Bindable("enter", "Bookmarks: go to the bookmark"),
    "bookmarks.remove": Bindable("d,delete", "Bookmarks: remove the bookmark"),
    "bookmarks.down": Bindable("j", "Bookmarks: next"),
    "bookmarks.up": Bindable("k", "Bookmarks: previous"),
    "links.close": Bindable("escape,q,L", "Links: close"),
    "links.down": Bindable("j", "Links: next"),
    "links.up": Bindable("k", "Links: previous"),
    "search.submit": Bindable("enter", "Search line: the first match from the view"),
    "search.earlier": Bindable("up", "Search line: earlier search"),
    "search.later": Bindable("down", "Search line: later search"),
    "library.search": Bindable("slash", "Library: search it"),
    "library.filter": Bindable("f", "Library: filter by words"),
    "library.clear": Bindable("escape", "Library: clear the filter and the tag"),
    "library.tags": Bindable("t", "Library: only the briefings with a tag"),
    "library.speakers": Bindable("s", "Library: speakers and their quotes"),
    "library.search.earlier": Bindable("up", "Library search: earlier query"),
    "library.reload": Bindable("ctrl+r", "Library: look again for files added or changed"),
    "library.sort": Bindable("1", "Library: sort by title (again: reversed)"),
    "library.sort_published": Bindable("2", "Library: sort by date"),
    "library.sort_location": Bindable("3", "Library: sort by location"),
    "library.sort_source": Bindable("4", "Library: sort by source"),
    "library.sort_tags": Bindable("5", "Library: sort by tags"),
    "library.sort_points": Bindable("6", "Library: sort by talking points"),
    "library.sort_quotes": Bindable("7", "Library: sort by quotes"),
    "library.sort_read": Bindable("8", "Library: sort by read state"),
    "library.back": Bindable("q", "Library's reader: back to the library (or the results)"),
    "library.next": Bindable("right_curly_bracket", "Library's reader: next briefing"),
    "library.previous": Bindable("left_curly_bracket", "Library's reader: previous briefing"),
    "table.down": Bindable("down,j", "Library: next briefing"),
    "table.up": Bindable("up,k", "Library: previous briefing"),
    "table.page_down": Bindable("pagedown,space", "Library: page down"),
    "table.page_up": Bindable("pageup,b", "Library: page up"),
    "table.first": Bindable("home,g", "Library: first briefing"),
    "table.last": Bindable("end,G", "Library: last briefing"),
    "table.open": Bindable("enter,ctrl+j", "Library: open the briefing"),
    "filter.done": Bindable("enter,down,ctrl+j", "Library's filter: back to the table"),
    "filter.clear": Bindable("escape", "Library's filter: clear it"),
    "tags.cancel": Bindable("escape", "Tag picker: cancel"),
    "tags.down": Bindable("down", "Tag picker: next tag"),
    "tags.up": Bindable("up", "Tag picker: previous tag"),
    "search.open": Bindable("enter", "Library search: open the result at its passage"),
    "search.results": Bindable("down", "Library search: to the results"),
    "search.down": Bindable("j", "Library search's results: next"),
    "search.up": Bindable("k", "Library search's results: previous"),
    "search.close": Bindable("escape", "Library search: back to the library"),
    "speakers.open": Bindable("enter", "Speakers: open"),
    "speakers.back": Bindable("escape,q", "Speakers: back"),
    "speakers.filter": Bindable("f,slash", "Speakers: filter them by name"),
    "speakers.down": Bindable("down", "Speakers' filter: to the speakers"),
}
"""Every binding id of the reader, in the order ``briefing-tui config`` lists them."""

_TOGETHER = {
    "reader": {"body", "list", "outline", "search"},
    "list": {"outline"},
    "panel": {"help", "info"},
    "library": {"table", "filter"},
}
"""Which groups of bindings are in force at the same time (besides ``app``, always)."""


def in_force_together(first: str, second: str) -> bool:
    """True if the bindings with these ids can both be in force at once (so may not share a key)."""
    a, b = first.partition(".")[0], second.partition(".")[0]
    return a == b or "app" in (a, b) or b in _TOGETHER.get(a, set()) or a in _TOGETHER.get(b, set())


MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    {
        *"up down left right home end pageup pagedown insert delete".split(),
        *"backspace tab enter escape space".split(),
        *(f"f{number}" for number in range(1, 25)),
    }
)
_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
"""Textual's short names for some characters (``/`` is ``slash``, not ``solidus``)."""
_UNICODE_NAMES = {short: long for long, short in _REPLACEMENTS.items()}

MAX_KEY_LENGTH = 40


def key_name(character: str) -> str:
    """A character as Textual names the key (``]`` as ``right_square_bracket``), as Textual does."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _REPLACEMENTS.get(name, name)


def _character_of(base: str) -> str | None:
    """The character a key named by a Unicode name stands for (``banana``: 🍌); None for a
    key's own name (``pagedown``, ``f5``) and for what names nothing."""
    if base in NAMED_KEYS:
        return None
    try:
        return unicodedata.lookup(_UNICODE_NAMES.get(base, base).replace("_", " "))
    except KeyError:
        return None


def _is_key(base: str) -> bool:
    """True if ``base`` (a key without modifiers) names a key (``j``, ``]``, ``f5``)."""
    if len(base) == 1 or base in NAMED_KEYS:
        return True
    character = _character_of(base)
    return character is not None and key_name(character) == base


def parse_keys(text: str) -> tuple[tuple[str, ...], str | None]:
    """``"J, ctrl+n"`` as Textual key names, and what is wrong with it (None if nothing).

    Each key is a character (``J``, ``]``), a key's name (``pagedown``, ``f5``,
    ``right_square_bracket``), either after modifiers (``ctrl+``, ``shift+``…).
    """
    keys: list[str] = []
    for part in text.split(","):
        key = part.strip()
        if not key:
            return (), "no key given" if not text.strip() else f"an empty key in {text!r}"
        if len(key) > MAX_KEY_LENGTH or any(unicodedata.category(c)[0] == "C" for c in key):
            return (), "not a key"
        if key.endswith("++"):  # "ctrl++": the plus key
            *modifiers, base = [*key[:-2].split("+"), "+"]
        else:
            *modifiers, base = key.split("+") if len(key) > 1 else [key]
        unknown = [modifier for modifier in modifiers if modifier not in MODIFIERS]
        if unknown:
            return (), f"{unknown[0]!r} is not a modifier (ctrl, shift, alt, meta, super, hyper)"
        if not _is_key(base):
            return (), f"{base!r} is not the name of a key"
        character = base if len(base) == 1 else _character_of(base)
        if modifiers and character is not None and not character.isascii():
            # (ctrl+shift+banana: Textual reads "banana" as 🍌, which no terminal sends so)
            return (), f"{key!r}: ctrl, alt and the others go with a letter, a digit or a key"
        if "shift" in modifiers and character is not None and not character.isalpha():
            return (), f"{key!r}: a terminal sends the character Shift gives; write that one"
        name = "+".join([*modifiers, key_name(base) if len(base) == 1 else base])
        if name not in keys:
            keys.append(name)
    return tuple(keys), None


def shown_key(name: str) -> str:
    """A Textual key name as typed: ``right_square_bracket`` as ``]``, ``ctrl+p`` as is."""
    *modifiers, base = name.split("+") if not name.endswith("++") else [*name[:-2].split("+"), "+"]
    if len(base) > 1 and base not in NAMED_KEYS:
        with contextlib.suppress(KeyError):
            base = unicodedata.lookup(_UNICODE_NAMES.get(base, base).replace("_", " "))
    return "+".join([*modifiers, base])


def shown_keys(names: str) -> str:
    """Comma-separated key names as typed (``"j,down"`` as ``"j, down"``)."""
    return ", ".join(shown_key(name) for name in names.split(","))
