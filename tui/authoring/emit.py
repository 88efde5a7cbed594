"""A draft as YAML text: the schema line, safely quoted scalars, and a comment on each guess.

Every scalar goes through PyYAML's emitter, which quotes whatever YAML would misread
(``*``, ``&``, ``!``, ``[``, ``: ``, `` #``, ``no``, ``1.10``…); long texts are folded
(``>-``) where the emitter allows it. :func:`draft_yaml` checks nothing itself: the
command loads what it wrote with the project's loader before writing it anywhere.
"""

from __future__ import annotations

import functools

import yaml

from tui.authoring.draft import Block, BlockQuote, Draft, Paragraph

SCHEMA_LINE = "# yaml-language-server: $schema=briefing.schema.json"
"""The editor's schema line, for a schema saved beside the briefing (``briefing-tui schema``)."""

WIDTH = 78
"""Columns that folded texts are filled to."""

_STR = "tag:yaml.org,2002:str"
_ONE_LINE = 2**30
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter where PyYAML has it: a megabyte of text in milliseconds, not seconds."""


def _serialize(text: str, style: str | None, width: int) -> str:
    """One scalar as the emitter writes it alone (short ones, names and ids, cached)."""
    return _short(text, style, width) if len(text) < 100 else _emitted(text, style, width)


@functools.lru_cache(maxsize=1024)
def _short(text: str, style: str | None, width: int) -> str:
    return _emitted(text, style, width)


def _emitted(text: str, style: str | None, width: int) -> str:
    node = yaml.ScalarNode(_STR, text, style=style)
    out: str = yaml.serialize(node, width=width, allow_unicode=True, Dumper=_DUMPER)
    return out.removesuffix("...\n").rstrip("\n")


def scalar(text: str, column: int, indent: int) -> str:
    """``text`` as a YAML scalar starting at ``column``, the value of a key or item at
    ``indent`` (a folded text's lines are indented two columns past it)."""
    if column + len(text) > WIDTH:
        folded = _serialize(text, ">", max(40, WIDTH - indent - 10))
        if folded.startswith(">"):
            return folded.replace("\n", "\n" + " " * indent)
    return _serialize(text, None, _ONE_LINE)


def _comment(note: str, indent: int) -> list[str]:
    return [f"{' ' * indent}# guessed: {note}"] if note else []


def _key(key: str, text: str, indent: int, first: str = "") -> str:
    """``key: text`` at ``indent``; ``first`` replaces the indent's last characters (``- ``)."""
    lead = (" " * (indent - len(first)) + first) if first else " " * indent
    return f"{lead}{key}: {scalar(text, indent + len(key) + 2, indent)}"


def _block(block: Block, indent: int) -> list[str]:
    """One item of a section's body, at ``indent`` (where its ``- `` stands)."""
    lines = _comment(block.note, indent)
    inner = indent + 2
    if isinstance(block, Paragraph):
        lines.append(f"{' ' * indent}- {scalar(block.text, inner, indent)}")
    elif isinstance(block, BlockQuote):
        lines.append(_key("quote", block.text, inner, "- "))
        for key in ("speaker", "role", "attribution"):
            value = getattr(block, key)
            if value:
                lines.append(_key(key, value, inner))
    else:
        lines.append(f"{' ' * indent}- {'numbered' if block.numbered else 'bullets'}:")
        lines += [
            f"{' ' * (inner + 2)}- {scalar(item, inner + 4, inner + 2)}" for item in block.items
        ]
    return lines


def draft_yaml(draft: Draft) -> str:
    """The whole draft as a briefing file."""
    lines = [
        SCHEMA_LINE,
        "# (briefing-tui schema > briefing.schema.json saves the schema there.)",
        "# A draft made by briefing-tui import: the lines marked '# guessed:' are the",
        "# import's guesses. Check each one, then delete the mark.",
        *(f"# note: {note}" for note in draft.notes),
        "format: briefing/1",
        *_comment(draft.title_note, 0),
        _key("title", draft.title, 0),
    ]
    if draft.authors:
        lines += _comment(draft.authors_note, 0)
        lines.append("authors:")
        lines += [f"  - {scalar(author, 4, 2)}" for author in draft.authors]
    if draft.source:
        lines += [*_comment(draft.source_note, 0), "source:", _key("name", draft.source, 2)]
        if draft.source_url:
            lines.append(_key("url", draft.source_url, 2))
    if draft.published:
        lines += [*_comment(draft.published_note, 0), _key("published", draft.published, 0)]
    lines += ["", "sections:"]
    for section in draft.sections:
        lines.append(_key("id", section.id, 4, "- "))
        lines += _comment(section.note, 4)
        lines.append(_key("heading", section.heading, 4))
        lines.append("    body:")
        for block in section.blocks:
            lines += _block(block, 6)
        lines.append("")
    if draft.talking_points:
        lines += _comment(draft.points_note, 0)
        lines.append("talking_points:")
        for point in draft.talking_points:
            lines.append(_key("text", point.text, 4, "- "))
            lines.append(_key("section", point.section, 4))
        lines.append("")
    if draft.quotes:
        lines.append("quotes:")
        for quote in draft.quotes:
            lines += _comment(quote.note, 2)
            lines.append(_key("speaker", quote.speaker, 4, "- "))
            if quote.role:
                lines.append(_key("role", quote.role, 4))
            lines.append(_key("section", quote.section, 4))
            lines.append(_key("text", quote.text, 4))
    return "\n".join(lines).rstrip("\n") + "\n"
