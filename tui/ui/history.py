"""Where the reader was before each jump, for Backspace to go back through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

Pane = Literal["body", "points", "quotes"]
PANES: tuple[Pane, ...] = ("body", "points", "quotes")

HISTORY_LENGTH = 100
"""Jumps that Backspace can go back through."""

P = TypeVar("P")


@dataclass(frozen=True)
class Place(Generic[P]):
    """Where the reader was: a place in the article, and the pane in use."""

    position: P
    """The article's reading position (block and offset: the same text after a resize)."""
    pane: Pane


class JumpHistory(Generic[P]):
    """The places before the last jumps, newest last, the oldest forgotten past a limit."""

    def __init__(self, limit: int = HISTORY_LENGTH) -> None:
        self.limit = limit
        self._places: list[Place[P]] = []

    def push(self, place: Place[P]) -> None:
        """Remember ``place`` (dropping the oldest beyond the limit)."""
        self._places.append(place)
        del self._places[: -self.limit]

    def pop(self) -> Place[P] | None:
        """The newest place, forgotten; None when there is none."""
        return self._places.pop() if self._places else None

    def carry(self, move: Callable[[P], P]) -> None:
        """Move every place's position (to a new version of the briefing, say)."""
        self._places = [Place(move(place.position), place.pane) for place in self._places]

    def __len__(self) -> int:
        return len(self._places)
