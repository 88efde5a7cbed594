"""The article body pane: a Line API view that draws only the lines on screen."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.document import HEADING, BodyDocument, BodyLayout
from tui.linking import Target
from tui.wrap import line_text

READING_WIDTH = 84
"""The widest the text column gets, however wide the terminal."""


class BodyView(ScrollView, can_focus=True):
    """Section headings and paragraphs, wrapped to a comfortable reading width."""

    COMPONENT_CLASSES = {
        "body--heading",
        "body--rule",
        "body--strong",
        "body--emphasis",
        "body--link",
        "body--highlight",
    }

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Line down", show=False, id="body.down"),
        Binding("k,up", "scroll_lines(-1)", "Line up", show=False, id="body.up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="body.page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="body.page_up"),
        Binding("g,home", "to_start", "Top", show=False, id="body.top"),
        Binding("G,end", "to_end", "Bottom", show=False, id="body.bottom"),
    ]

    current_section: reactive[int] = reactive(0, init=False)
    """The section of the line at the top of the view."""

    highlight: reactive[Target | None] = reactive(None, init=False)
    """A passage shown highlighted (the target of the last jump)."""

    class SectionChanged(Message):
        """The section at the top of the view changed."""

        def __init__(self, body: BodyView, section: int) -> None:
            super().__init__()
            self.body = body
            self.section = section

    def __init__(self, document: BodyDocument, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self._layout: BodyLayout | None = None
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)

    # -- layout ---------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """The width the text is wrapped to."""
        return max(10, min(READING_WIDTH, self.scrollable_content_region.width - 2))

    @property
    def layout_ready(self) -> BodyLayout:
        """The layout for the current width, built on first use after a resize."""
        width = self.text_width
        if self._layout is None or self._layout.width != width:
            self._layout = BodyLayout.build(self.document, width)
            self._cache.clear()
            self.virtual_size = Size(width, self._layout.height)
        return self._layout

    def on_resize(self) -> None:
        if not self.size.width:
            return  # hidden (a narrow layout showing another pane): keep the layout
        anchor = self._top_anchor()
        self.layout_ready  # noqa: B018 - rebuild for the new width
        if anchor is not None:
            self._restore_anchor(anchor)
        self.refresh()

    def _top_anchor(self) -> tuple[int, int] | None:
        """The block and character offset at the top line, to keep in view across resizes."""
        if self._layout is None:
            return None
        block, row = self._layout.locate(round(self.scroll_y))
        starts = self._layout.starts[block]
        return block, starts[min(row, len(starts) - 1)]

    def _restore_anchor(self, anchor: tuple[int, int]) -> None:
        block, offset = anchor
        layout = self.layout_ready
        self.scroll_to(
            y=layout.tops[block] + layout.row_of(block, offset), animate=False, immediate=True
        )

    # -- rendering ------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        layout = self.layout_ready
        line = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        strip = self._cache.get((line, width))
        if strip is None:
            strip = self._render_line(layout, line, width)
            self._cache[(line, width)] = strip
        return strip

    def _render_line(self, layout: BodyLayout, line: int, width: int) -> Strip:
        base = self.rich_style
        if line >= layout.height:
            return Strip.blank(width, base)
        block, row = layout.locate(line)
        starts = layout.starts[block]
        margin = max(0, (width - layout.width) // 2)
        if row < len(starts):
            text = self._line_text(block, row)
        elif row == len(starts) and self.document.kinds[block] == HEADING:
            text = Text("─" * layout.width, style=self._style("body--rule"))
        else:
            return Strip.blank(width, base)
        segments = [Segment(" " * margin, base), *text.render(self.app.console)]
        return Strip(segments).apply_style(base).extend_cell_length(width, base).crop(0, width)

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def _line_text(self, block: int, row: int) -> Text:
        document = self.document
        layout = self._layout
        assert layout is not None
        plain = document.texts[block]
        start, end = line_text(plain, layout.starts[block], row)
        text = Text(plain[start:end], no_wrap=True, end="")
        if document.kinds[block] == HEADING:
            text.stylize(self._style("body--heading"))
        for span in document.spans[block]:
            if span.end <= start or span.start >= end:
                continue
            style = self._style(f"body--{span.kind}")
            if span.url:
                style += Style(link=span.url)
            text.stylize(style, max(0, span.start - start), min(end, span.end) - start)
        target = self.highlight
        if target is not None and target.block == block:
            high_end = len(plain) if target.end is None else target.end
            if target.start < end and high_end > start:
                text.stylize(
                    self._style("body--highlight"),
                    max(0, target.start - start),
                    min(end, high_end) - start,
                )
        return text

    def watch_highlight(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # -- position -------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._layout is not None:
            block, _ = self._layout.locate(round(new_value))
            self.current_section = self.document.section_of[block]

    def watch_current_section(self, section: int) -> None:
        self.post_message(self.SectionChanged(self, section))

    def scroll_to_block(self, block: int, row: int = 0) -> None:
        """Bring ``block`` (from its line ``row``) to the top of the view, at once."""
        layout = self.layout_ready
        self.scroll_to(y=layout.tops[block] + row, animate=False, immediate=True)

    def show_target(self, target: Target) -> None:
        """Scroll so that ``target`` starts near the top, and highlight it."""
        layout = self.layout_ready
        row = layout.row_of(target.block, target.start)
        # A line of the paragraph before a quote's first line gives it context.
        self.scroll_to_block(target.block, max(0, row - 1) if row else 0)
        self.highlight = target

    def scroll_to_section(self, section: int) -> None:
        """Bring a section's heading to the top."""
        self.scroll_to_block(self.document.section_blocks[section])

    # -- actions --------------------------------------------------------------

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll by a number of lines."""
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def action_page(self, pages: int) -> None:
        """Scroll by a page, keeping one line of the last page in view."""
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + pages * step, animate=False, immediate=True)

    def action_to_start(self) -> None:
        """Go to the first line."""
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_to_end(self) -> None:
        """Go to the last line."""
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
