"""Hints for text that YAML read as something else: ``- Timetable: two weeks`` as a mapping.

A list item written ``- Timetable: two weeks`` is valid YAML, but a mapping
of one key, not the text the author meant; ``-one`` under a key is text, not
a list. The checker reports what it expected; these hints say why it got
something else and how to write it. Each looks at one node, no more.
"""

from __future__ import annotations

from tui.format.hints import quoted
from tui.format.problems import Hint
from tui.format.yamltree import Mapping, Node, Scalar
from tui.text import sanitize_line


def _preview(text: str, limit: int = 30) -> str:
    text = sanitize_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mapping_as_text(node: Node) -> Hint | None:
    """For a list item ``- Key: some text`` read as a mapping where text was expected.

    Only a mapping of one key with plain text on the key's line fits: what an
    author writes as text with a colon in it, not a mapping laid out below a key.
    """
    if not isinstance(node, Mapping) or len(node.items) != 1:
        return None
    ((key, (key_node, value)),) = node.items.items()
    if not isinstance(value, Scalar) or value.value is None or value.style or key_node.style:
        return None
    if value.line != key_node.line:  # ``Key:`` then a value below it: written as a mapping
        return None
    return Hint(
        key_node.line,
        key_node.column,
        sanitize_line(
            f"this item was read as a key '{_preview(key)}' with a value;"
            f" quote the whole text: - {quoted(f'{key}: {value.value}')}"
        ),
    )


def text_as_list(node: Node) -> Hint | None:
    """For unquoted text ``-one -two`` where a list was expected: a space after each ``-``."""
    if not isinstance(node, Scalar) or node.style or node.value is None:
        return None
    value = node.value
    if len(value) < 2 or value[0] != "-" or value[1] in " -":
        return None
    first = value[1:].split(" -", 1)[0]
    return Hint(
        node.line,
        node.column,
        sanitize_line(f"a list item needs a space after '-': - {_preview(first)}"),
    )
