"""Keys as the reader shows them: names, and bindings with the user's keymap applied.

The key line, the ``?`` screen and the palette all show keys through here,
so that a key remapped with Textual's keymap (``App.set_keymap``) shows as
remapped everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingType

KEY_NAMES = {
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "enter": "Enter",
    "escape": "Esc",
    "backspace": "Backspace",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "apostrophe": "'",
}

SHORT_NAMES = {"backspace": "Bksp", "escape": "Esc"}
"""Shorter names where room is short (the key line)."""


def key_label(keys: str) -> str:
    """``"j,down"`` as ``"j / ↓"``, ``"ctrl+f"`` as ``"Ctrl+F"``."""
    return " / ".join(_key_name(key.strip()) for key in keys.split(","))


def _key_name(key: str) -> str:
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    return key


def short_label(keys: str) -> str:
    """The first key of a binding, compactly (``^p`` for Ctrl+P), for the key line."""
    first = keys.split(",")[0].strip()
    if first.startswith("ctrl+"):
        return "^" + first.removeprefix("ctrl+")
    return SHORT_NAMES.get(first) or _key_name(first)


def remapped(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> list[Binding]:
    """``bindings`` as Textual binds them under ``keymap`` (binding id → keys).

    A remapped binding loses its ``key_display``, as in Textual, so that it
    shows the keys it now has.
    """
    result = []
    for item in bindings:
        binding = item if isinstance(item, Binding) else Binding(*item)
        keys = keymap.get(binding.id) if binding.id else None
        result.append(binding if keys is None else binding.with_key(keys, key_display=None))
    return result


def merged(bindings: Iterable[Binding]) -> list[Binding]:
    """One binding per id (or action), its keys joined: ``Binding.make_bindings`` splits them."""
    by_name: dict[str, Binding] = {}
    for binding in bindings:
        name = binding.id or binding.action
        found = by_name.get(name)
        if found is None:
            by_name[name] = binding
        elif binding.key not in found.key.split(","):
            by_name[name] = found.with_key(f"{found.key},{binding.key}", found.key_display)
    return list(by_name.values())


def keys_of(binding: Binding) -> str:
    """What a binding's keys look like in help: its ``key_display``, or its keys named."""
    return binding.key_display or key_label(binding.key)
