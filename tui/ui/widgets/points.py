"""The talking points pane: a numbered list."""

from __future__ import annotations

from tui.model import TalkingPoint
from tui.ui.widgets.item_list import Part
from tui.ui.widgets.link_list import LinkList


class PointsList(LinkList):
    """The briefing's talking points, numbered, each point's text hanging after its number."""

    EMPTY = "This briefing has no talking points."

    def __init__(self, points: tuple[TalkingPoint, ...], *, id: str | None = None) -> None:
        self.points = points
        self._number_width = len(str(len(points)))
        super().__init__(len(points), id=id)

    def set_points(self, points: tuple[TalkingPoint, ...]) -> None:
        """Show another version of the talking points (see :meth:`ItemList.reset`)."""
        self.points = points
        self._number_width = len(str(len(points)))
        self.reset(len(points))

    def item_parts(self, index: int) -> list[Part]:
        number = f"{index + 1}.".rjust(self._number_width + 1)
        return [Part(self.points[index].text, lead=f"{number} ")]
