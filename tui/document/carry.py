"""Where the reader's place is in a new version of the briefing (after a live reload)."""

from __future__ import annotations

from tui.document.layout import BodyDocument
from tui.model import Briefing


def carry_position(
    old: tuple[Briefing, BodyDocument],
    new: tuple[Briefing, BodyDocument],
    position: tuple[int, int],
) -> tuple[int, int]:
    """``position`` (block, offset) in ``old``, carried over to ``new``.

    The same section (by id, else by number), then in it the block with the
    same text (the same offset in it); for a block whose text changed, the
    block as far after the nearest unchanged block before it, else as far
    into the section, at its start; past the end, the section's last block.
    Linear in the two sections' sizes.
    """
    old_briefing, old_document = old
    new_briefing, new_document = new
    block, offset = position
    if not 0 <= block < len(old_document) or not len(new_document):
        return 0, 0
    section = old_document.section_of[block]
    section_id = old_briefing.sections[section].id
    ids = [each.id for each in new_briefing.sections]
    target = ids.index(section_id) if section_id in ids else min(section, len(ids) - 1)
    first = new_document.section_blocks[target]
    end = (
        new_document.section_blocks[target + 1]
        if target + 1 < len(new_document.section_blocks)
        else len(new_document)
    )
    where = {
        (new_document.kinds[candidate], new_document.sources[candidate]): candidate
        for candidate in range(end - 1, first - 1, -1)  # the first of equal blocks wins
    }
    found = where.get((old_document.kinds[block], old_document.sources[block]))
    if found is not None:
        return found, offset
    # Changed text: after the nearest block before it that is still there.
    old_first = old_document.section_blocks[section]
    for before in range(block - 1, old_first - 1, -1):
        found = where.get((old_document.kinds[before], old_document.sources[before]))
        if found is not None:
            return min(found + block - before, end - 1), 0
    return min(first + block - old_first, end - 1), 0


def changed_sections(
    old: Briefing, new: Briefing, unvisited: set[str] | frozenset[str] = frozenset()
) -> set[int]:
    """The sections of ``new`` whose heading or text differ from ``old``'s (matched by id),
    or that are new; and those still in ``unvisited`` (ids changed by an earlier version)."""
    before = {section.id: section for section in old.sections}
    return {
        index
        for index, section in enumerate(new.sections)
        if section.id in unvisited
        or (previous := before.get(section.id)) is None
        or (previous.heading, previous.blocks) != (section.heading, section.blocks)
    }
