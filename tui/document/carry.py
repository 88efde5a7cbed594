"""Where the reader's places are in a new version of the briefing (after a live reload)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from tui.document.layout import BodyDocument, Target
from tui.model import Briefing

T = TypeVar("T", bound=Hashable)


class Carrier:
    """Carries positions and targets of ``old`` over to ``new``.

    A position goes to the same section (by id, else by number), then in it
    to the block with the same text (the same offset in it); for a block
    whose text changed, to the block as far after the nearest unchanged block
    before it, else as far into the section, at its start; past the end, to
    the section's last block. Each section's blocks are indexed once, so
    carrying many positions (the jump history) costs little more than one.
    """

    def __init__(self, old: tuple[Briefing, BodyDocument], new: tuple[Briefing, BodyDocument]):
        self.old_briefing, self.old_document = old
        self.new_briefing, self.new_document = new
        self._ids: dict[str, int] = {}
        for index, section in enumerate(self.new_briefing.sections):
            self._ids.setdefault(section.id, index)
        self._where: dict[int, tuple[dict[tuple[int, str], int], int, int]] = {}

    def _section(self, target: int) -> tuple[dict[tuple[int, str], int], int, int]:
        """The blocks of new section ``target`` by (kind, text), and its first and end blocks."""
        found = self._where.get(target)
        if found is None:
            document = self.new_document
            first = document.section_blocks[target]
            end = (
                document.section_blocks[target + 1]
                if target + 1 < len(document.section_blocks)
                else len(document)
            )
            where = {
                (document.kinds[candidate], document.sources[candidate]): candidate
                for candidate in range(end - 1, first - 1, -1)  # the first of equal blocks wins
            }
            found = self._where[target] = (where, first, end)
        return found

    def position(self, position: tuple[int, int]) -> tuple[int, int]:
        """``position`` (block, offset) in the old version, in the new one."""
        old = self.old_document
        block, offset = position
        if not 0 <= block < len(old) or not len(self.new_document):
            return 0, 0
        section = old.section_of[block]
        section_id = self.old_briefing.sections[section].id
        target = self._ids.get(section_id, min(section, len(self.new_briefing.sections) - 1))
        where, first, end = self._section(target)
        found = where.get((old.kinds[block], old.sources[block]))
        if found is not None:
            return found, offset
        # Changed text: after the nearest block before it that is still there.
        old_first = old.section_blocks[section]
        for before in range(block - 1, old_first - 1, -1):
            found = where.get((old.kinds[before], old.sources[before]))
            if found is not None:
                return min(found + block - before, end - 1), 0
        return min(first + block - old_first, end - 1), 0

    def target(self, target: Target) -> Target | None:
        """``target`` in the new version, if its block's text is still there (else None)."""
        old, new = self.old_document, self.new_document
        if not 0 <= target.block < len(old) or not len(new):
            return None
        block, _ = self.position((target.block, target.start))
        before = (old.kinds[target.block], old.sources[target.block])
        if (new.kinds[block], new.sources[block]) != before:
            return None
        return Target(block, new.section_of[block], target.start, target.end, target.exact)

    def section(self, section: int) -> int | None:
        """The old section ``section`` in the new version (by id), if it is still there."""
        return self._ids.get(self.old_briefing.sections[section].id)

    def link_sections(
        self, old_items: Sequence[T], new_items: Sequence[T], sections: Sequence[int | None]
    ) -> list[int | None]:
        """The sections that ``new_items`` link to, for those unchanged from ``old_items``.

        A stand-in until the new version's links are found (in the background):
        an item that is new, or whose section is gone, has None.
        """
        first: dict[T, int | None] = {}
        for item, section in zip(old_items, sections, strict=True):
            first.setdefault(item, section)
        carried: list[int | None] = []
        for item in new_items:
            section = first.get(item)
            carried.append(self.section(section) if section is not None else None)
        return carried


@dataclass(frozen=True)
class Version:
    """A new version of the briefing, readied for the reader (away from its UI thread)."""

    briefing: Briefing
    document: BodyDocument
    base: Briefing
    """The version it was compared with."""
    changed: frozenset[int]
    """Its sections that differ from ``base``'s (see :func:`changed_sections`)."""

    @classmethod
    def of(cls, briefing: Briefing, base: Briefing) -> Version:
        """``briefing``'s body document, and its sections changed since ``base``."""
        changed = frozenset(changed_sections(base, briefing))
        return cls(briefing, BodyDocument(briefing), base, changed)


def carry_position(
    old: tuple[Briefing, BodyDocument],
    new: tuple[Briefing, BodyDocument],
    position: tuple[int, int],
) -> tuple[int, int]:
    """``position`` (block, offset) in ``old``, carried over to ``new`` (see :class:`Carrier`)."""
    return Carrier(old, new).position(position)


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
