"""A stand-in for ``tui.ui.app.BriefingApp``, used only when that does not import.

The benchmark harness was written while the real app was; this keeps the
harness runnable (and the smoke test green) if ``tui/app.py`` is missing or
broken mid-edit. It has the keys the benchmarks press (j, pagedown, ], G, g,
2, enter, backspace) and a Line API body, but its figures say nothing about
the real reader: the table marks them so.

    python benchmarks/standin_app.py [FILE]
"""

from __future__ import annotations

import re
import sys
import textwrap
from bisect import bisect_right

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Header, OptionList

_MARKUP = re.compile(r"\*\*|\*|\[([^\]]*)\]\([^)]*\)")


class StandInBody(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("j,down", "lines(1)", show=False),
        Binding("k,up", "lines(-1)", show=False),
        Binding("pagedown,space", "page(1)", show=False),
        Binding("pageup,b", "page(-1)", show=False),
        Binding("g,home", "top", show=False),
        Binding("G,end", "bottom", show=False),
    ]

    def __init__(self, briefing, **kwargs) -> None:
        super().__init__(**kwargs)
        self.briefing = briefing
        self.lines: list[str] = []
        self.section_tops: list[int] = []
        self._width = 0

    def on_resize(self) -> None:
        width = max(10, self.scrollable_content_region.width - 2)
        if width == self._width:
            return
        self._width = width
        self.lines, self.section_tops = [], []
        for section in self.briefing.sections:
            self.section_tops.append(len(self.lines))
            self.lines += [section.heading, ""]
            for paragraph in section.blocks:
                plain = _MARKUP.sub(lambda m: m.group(1) or "", paragraph)
                self.lines += [*textwrap.wrap(plain, width), ""]
        self.virtual_size = Size(width, len(self.lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        text = self.lines[index] if index < len(self.lines) else ""
        width = self.scrollable_content_region.width
        return Strip([Segment(text)]).extend_cell_length(width).crop(0, width)

    @property
    def section(self) -> int:
        return max(0, bisect_right(self.section_tops, round(self.scroll_y)) - 1)

    def go(self, y: float) -> None:
        self.scroll_to(y=y, animate=False, immediate=True)

    def action_lines(self, step: int) -> None:
        self.go(self.scroll_y + step)

    def action_page(self, step: int) -> None:
        self.go(self.scroll_y + step * max(1, self.scrollable_content_region.height - 1))

    def action_top(self) -> None:
        self.go(0)

    def action_bottom(self) -> None:
        self.go(self.max_scroll_y)


class StandInApp(App[None]):
    CSS = """
    #main { height: 1fr; }
    StandInBody { width: 2fr; border: round $primary; }
    OptionList { width: 1fr; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("1", "focus_pane('body')", "Body"),
        Binding("2", "focus_pane('points')", "Points"),
        Binding("right_square_bracket", "section(1)", "Next section", key_display="]"),
        Binding("left_square_bracket", "section(-1)", "Previous section", key_display="["),
        Binding("backspace", "back", "Back"),
    ]

    def __init__(self, briefing, warnings=()) -> None:
        super().__init__()
        self.briefing = briefing
        self.title = briefing.title
        self.history: list[float] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield StandInBody(self.briefing, id="body")
            yield OptionList(*(p.text for p in self.briefing.talking_points), id="points")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#body").focus()

    @property
    def body(self) -> StandInBody:
        return self.query_one(StandInBody)

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").focus()

    def action_section(self, step: int) -> None:
        body = self.body
        target = max(0, min(len(body.section_tops) - 1, body.section + step))
        body.go(body.section_tops[target])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        point = self.briefing.talking_points[event.option_index]
        index = self.briefing.section_index(point.section) if point.section else None
        if index is None:
            self.notify("No section for this point.")
            return
        self.history.append(self.body.scroll_y)
        self.body.go(self.body.section_tops[index])
        self.body.focus()

    def action_back(self) -> None:
        if self.history:
            self.body.go(self.history.pop())
            self.query_one("#points").focus()


def main() -> None:
    from tui.format.loader import default_briefing_path, load_path

    path = sys.argv[1] if len(sys.argv) > 1 else default_briefing_path()
    StandInApp(load_path(path).briefing).run()


if __name__ == "__main__":
    main()
