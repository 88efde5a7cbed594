"""The article body pane: a Line API view that draws only the lines on screen."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise
from typing import Concatenate, ParamSpec

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.timer import Timer

from tui.document import CREDIT, HEADING, ITEM, PARAGRAPH, QUOTE, BodyDocument, BodyLayout, Target
from tui.document.selection import line_span, selected_text
from tui.document.wrap import line_text
from tui.ui.config import config_of
from tui.ui.widgets.styles import Lit, LitInView, Marks, Span, overlay_style

P = ParamSpec("P")


def once_sized(
    move: Callable[Concatenate[BodyView, P], None],
) -> Callable[Concatenate[BodyView, P], None]:
    """Run a move of the view at once, or, before the pane has first been sized, once it has.

    Keys typed while the reader starts (``G``, ``]``, ``/duque`` Enter) arrive
    before the body knows its size and scroll range: done then, a move would
    be clamped to the top and undone by the first layout.
    """

    def run(view: BodyView, /, *args: P.args, **kwargs: P.kwargs) -> None:
        view.when_sized(partial(move, view, *args, **kwargs))

    run.__name__, run.__doc__ = move.__name__, move.__doc__
    return run


def _release(*_: object) -> None:
    """Drop what it was given (see :meth:`BodyView.show_document`)."""


TEXT_STYLES = {
    HEADING: "body--heading",
    PARAGRAPH: "",
    QUOTE: "body--quote",
    CREDIT: "body--credit",
    ITEM: "",
}
"""The component class of each kind of block's text."""
LEAD_STYLES = {
    HEADING: "",
    PARAGRAPH: "",
    QUOTE: "body--quote-bar",
    CREDIT: "body--quote-bar",
    ITEM: "body--bullet",
}
"""The component class of what is drawn before a block's lines (a bar, a bullet)."""

LAYOUT_STEP = 400
"""Blocks laid out per step after the first screen (a few milliseconds' work)."""


BOOKMARK_MARK = "▌"
"""Drawn in the margin beside the first line of a bookmarked block."""


class BodyView(ScrollView, can_focus=True):
    """Section headings and paragraphs, wrapped to a comfortable reading width.

    Text can be selected with the mouse (and copied with Ctrl+C), as in
    Textual's ``Log``: each drawn line carries the offsets of its characters,
    and :meth:`get_selection` gives the briefing's text under a selection.
    """

    DEFAULT_CSS = """
    BodyView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 0;  /* the position is in the bottom border instead */
        border-subtitle-color: $text-muted;
        & > .body--heading { text-style: bold; color: $accent; }
        & > .body--rule { color: $accent 40%; }
        & > .body--strong { text-style: bold; }
        & > .body--emphasis { text-style: italic; }
        & > .body--link { text-style: underline; color: $primary; }
        & > .body--highlight { background: $warning 30%; }
        /* Search matches: underlined (also without colour), the current one reversed. */
        & > .body--match { background: $warning 30%; text-style: underline; }
        & > .body--match-current {
            color: $warning;
            background: $background;
            text-style: bold reverse;
        }
        /* NO_COLOR: Textual draws in greys, where a tint hardly shows. */
        &:nocolor > .body--highlight { text-style: reverse; }
        & > .body--quote { color: $text; text-style: italic; }
        & > .body--quote-bar { color: $accent; }
        & > .body--credit { color: $text-muted; }
        & > .body--bullet { color: $accent; text-style: bold; }
        & > .body--bookmark { color: $warning; text-style: bold; }
        /* Light themes: orange on light grey is hard to read; Textual's accent for text. */
        &:light > .body--heading, &:light > .body--bullet { color: $text-accent; }
        &:light > .body--quote-bar { color: $text-accent; }
    }
    """

    COMPONENT_CLASSES = {
        "body--heading",
        "body--rule",
        "body--strong",
        "body--emphasis",
        "body--link",
        "body--highlight",
        "body--match",
        "body--match-current",
        "body--quote",
        "body--quote-bar",
        "body--credit",
        "body--bullet",
        "body--bookmark",
    }

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Line down", show=False, id="body.down"),
        Binding("k,up", "scroll_lines(-1)", "Line up", show=False, id="body.up"),
        Binding("space,pagedown,ctrl+f", "page(1)", "Page down", show=False, id="body.page_down"),
        Binding("b,pageup,ctrl+b", "page(-1)", "Page up", show=False, id="body.page_up"),
        Binding("d,ctrl+d", "page(0.5)", "Half a page down", show=False, id="body.half_down"),
        Binding("u,ctrl+u", "page(-0.5)", "Half a page up", show=False, id="body.half_up"),
        Binding("g,home", "to_start", "Top", show=False, id="body.top"),
        Binding("G,end", "to_end", "Bottom", show=False, id="body.bottom"),
    ]

    current_section: reactive[int] = reactive(0, init=False)
    """The section of the line at the top of the view."""

    highlight: reactive[Target | None] = reactive(None, init=False)
    """A passage shown highlighted (the target of the last jump)."""

    class LaidOut(Message):
        """Every block is laid out (at the current width): a large, long-lived structure."""

    def __init__(self, document: BodyDocument, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self._layout: BodyLayout | None = None
        self._cache: LRUCache[tuple[int, int, tuple[int, int] | None, Lit], Strip] = LRUCache(1024)
        """Lines drawn, by line, width, selection and what is lit on them (:meth:`_lit_on`):
        lighting up other matches or passages draws anew only the lines whose look changes."""
        self._styles: dict[str, Style] = {}
        self._selection: Selection | None = None
        """This pane's part of the screen's selection (as :meth:`selection_updated` last said)."""
        self._layout_timer: Timer | None = None
        self._anchor: tuple[int, int] = (0, 0)
        """The reader's place (see :meth:`reading_position`)."""
        self._placing = False
        self.sized = False
        """True once the pane has had a size and its scroll range (see :func:`once_sized`)."""
        self.waiting_moves: list[Callable[[], object]] = []
        """Moves asked for before then, in order."""
        self._pending_target: Target | None = None
        """A jump asked for while the pane was hidden, done when it is shown."""
        self.bookmarked: frozenset[int] = frozenset()
        """Blocks with a bookmark: marked in the margin beside their first line."""
        self.marks: Marks | None = None
        """Spans lit up in the blocks' text (a search's matches), by block."""
        self._lit_in_view = LitInView()
        self.search_status = ""
        """What the bottom border says of the search before the position (``match 3/17``)."""

    # -- layout ---------------------------------------------------------------

    def lay_out(self) -> BodyLayout:
        """The layout for the current width; a new width rewraps, keeping the reader's place.

        Only the lines around the view are laid out at once; the rest follows
        in small steps (:meth:`_lay_out_more`) or on demand. While the pane is
        hidden (no width) the last layout is kept.
        """
        width = self.scrollable_content_region.width
        if self._layout is not None and not width:
            return self._layout
        text_width = max(10, min(config_of(self).reading_width, width - 2))
        if self._layout is None or self._layout.width != text_width:
            if self._selection is not None:  # made on the lines of another width
                self._selection = None
                self.screen.clear_selection()
            self._layout = BodyLayout(self.document, text_width)
            self._cache.clear()
            self.ensure_block(self._anchor[0])
            self._lay_out_later()
        return self._layout

    def start_at(self, position: tuple[int, int]) -> None:
        """Open at ``position`` (a :meth:`reading_position` of an earlier run), not the top."""
        block, offset = position
        if not 0 <= block < len(self.document) or offset < 0:
            return  # the briefing changed since: start at the top
        if self._layout is None or not self.scrollable_content_region.width:
            self._anchor = position  # taken up by the first layout at a real width
        else:
            self.restore_position(position)

    def show_document(
        self, document: BodyDocument, position: tuple[int, int], highlight: Target | None = None
    ) -> None:
        """Show another version of the text in place, ``position`` at the top.

        The pane keeps its size, focus and widgets; only the layout is made
        anew (around the view at once, the rest in steps, as at start).
        ``highlight`` is the last jump's passage in the new text, if any.
        """
        old = self._layout
        if self._layout_timer is not None:
            self._layout_timer.stop()
        self.document = document
        self._layout = None
        self._cache.clear()
        self._pending_target = None
        if self._selection is not None:  # offsets into the old text
            self._selection = None
            self.screen.clear_selection()
        self.set_reactive(BodyView.highlight, highlight)  # drawn with the new text below
        self._anchor = position
        if old is not None and not self.scrollable_content_region.width:
            # Hidden (a narrow layout showing a list): laid out at the width it had.
            self._layout = BodyLayout(document, old.width)
            self.ensure_block(position[0])
            self._lay_out_later()
        self.lay_out()
        self.restore_position(position)
        # The scroll may not have moved (the same line number): follow the new text anyway.
        self.current_section = self._section_in_view(round(self.scroll_y))
        self._show_position()
        self.refresh()
        if self.scrollable_content_region.width:
            self.call_after_refresh(self._after_resize)  # once the new scroll range is in
        self.call_after_refresh(_release, old)  # freed after the frame, not before it

    def _grow(self, **how: int) -> None:
        """Extend the layout (see :meth:`BodyLayout.extend`) and size the scrollable area to it
        (also when the layout was completed just before: :meth:`ensure_block` of a block near
        the end left a resumed view with no scroll range, at the top)."""
        layout = self._layout
        if layout is None:
            return
        if not layout.complete:
            layout.extend(**how)
        size = Size(layout.width, layout.estimated_height)
        if self.virtual_size != size:
            self.virtual_size = size
            self.call_after_refresh(self._show_position)  # once the scroll range follows

    def _lines_ahead(self) -> int:
        return 2 * max(self.size.height, 24)

    def ensure_block(self, block: int) -> None:
        """Lay out through ``block`` and a couple of screens after it."""
        layout = self._layout
        if layout is None or layout.complete:
            return
        if len(layout.tops) <= block:
            layout.extend(through_block=block)
        self._grow(lines=layout.tops[block] + self._lines_ahead())

    def ensure_line(self, y: int) -> None:
        """Lay out through line ``y`` and a couple of screens after it."""
        layout = self._layout
        if layout is not None and layout.height < y + self._lines_ahead():
            self._grow(lines=y + self._lines_ahead())

    def ensure_complete(self) -> None:
        """Lay out every block (before going to the end, say)."""
        self.lay_out()
        self._grow()

    def _lay_out_more(self) -> None:
        """Lay out the next few hundred blocks, then come back until all are done.

        Each step takes a few milliseconds, so keys stay responsive while a
        large briefing's layout completes after the first screen is shown.
        """
        layout = self._layout
        if layout is None:
            return
        self._grow(blocks=LAYOUT_STEP)
        if layout.complete:
            self.post_message(self.LaidOut())
        else:
            self._lay_out_later()

    def _lay_out_later(self) -> None:
        """Take the next step of the layout in a moment (after this frame)."""
        if self._layout_timer is not None:
            self._layout_timer.stop()  # one chain of steps, even across resizes
        self._layout_timer = self.set_timer(0.005, self._lay_out_more)

    def on_resize(self) -> None:
        if not self.size.width:
            return  # hidden (a narrow layout showing another pane)
        self.lay_out()  # rewrap for the new width
        # The reader's place, not where the old size left the scroll: a view that
        # was clamped at the end of a taller window goes back to its text.
        self.restore_position(self._anchor)
        self.call_after_refresh(self._after_resize)
        if self._pending_target is not None:
            target, self._pending_target = self._pending_target, None
            self.show_target(target)
        self.refresh()

    def when_sized(self, move: Callable[[], object]) -> None:
        """Call ``move`` now, or once the pane has first had its size (see :func:`once_sized`)."""
        if self.sized:
            move()
        else:
            self.waiting_moves.append(move)

    def _after_resize(self) -> None:
        """Once Textual has taken in the new scroll range, put the reader's place back on top.

        Then make the moves asked for before the pane first had its size.
        """
        self.restore_position(self._anchor)
        self.sized = True
        moves, self.waiting_moves = self.waiting_moves, []
        for move in moves:
            move()
        self._show_position()

    def reading_position(self) -> tuple[int, int]:
        """The block and character offset of the reader's place: the same text at any width.

        That is the text at the top line, as the reader left it: a window made
        taller than the text's end cannot move it (the top line then shows
        less than the place, which comes back when the window shrinks).
        """
        return self._anchor

    def place_to_keep(self) -> tuple[int, int]:
        """Where the briefing is left, to be saved: the reader's place, or with the end of the
        text in view, the start of its last block. The last lines cannot scroll to the top:
        a reader who went to the end (``G``) would otherwise be saved a page before it,
        counted as not finished, and resumed in an earlier section than the border said."""
        layout, blocks = self._layout, len(self.document)
        at_end = round(self.scroll_y) >= round(self.max_scroll_y)
        if layout is not None and layout.complete and blocks and at_end:
            return (blocks - 1, 0)
        return self._anchor

    def _position_at(self, y: int) -> tuple[int, int]:
        """The position of line ``y``: a block and a character offset.

        Lines under a block's text (a heading's rule, the blank line after
        each block) are offsets past its text's end, so every line has a
        position of its own.
        """
        layout = self._layout
        assert layout is not None
        block, row = layout.locate(y)
        starts = layout.starts[block]
        if row < len(starts):
            return block, starts[row]
        return block, len(self.document.texts[block]) + 1 + row - len(starts)

    def line_of(self, position: tuple[int, int]) -> int:
        """The layout line of a position (see :meth:`_position_at`)."""
        block, offset = position
        layout = self.lay_out()
        self.ensure_block(block)
        length = len(self.document.texts[block])
        if offset > length:  # a line under the text, if the block still has it
            spacing = self.document.gaps[block]
            row = len(layout.starts[block]) + min(offset - length, spacing) - 1
        else:
            row = layout.row_of(block, offset)
        return layout.tops[block] + row

    def restore_position(self, position: tuple[int, int]) -> None:
        """Bring the text at ``position`` (from :meth:`reading_position`) back to the top line."""
        self._anchor = position
        self._scroll_to_line(self.line_of(position), force=True)

    def _scroll_to_line(self, y: int, *, force: bool = False) -> None:
        """Scroll at once so that line ``y`` is at the top (as near as the end allows).

        ``force``: also before Textual has sized the scroll range (the first layout).
        """
        self._placing = True  # the scroll watcher must not take this for the reader's move
        try:
            self.scroll_to(y=y, animate=False, immediate=True, force=force)
        finally:
            self._placing = False

    # -- rendering ------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        layout, width = self._layout, self.scrollable_content_region.width
        if layout is None:  # not sized yet
            return Strip.blank(width, self._style(""))
        line = round(self.scroll_y) + y
        selected = self._selected_span(layout, line)
        lit = self._lit_on(layout, line)
        key = (line, width, selected, lit)  # a selection or a match draws other strips
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_line(layout, line, width, selected, lit)
            self._cache[key] = strip
        return strip

    def _lit_on(self, layout: BodyLayout, line: int) -> Lit:
        """What the last jump's highlight and the search's marks light up on ``line``.

        Part of the key of a drawn line: a few finds in one line's text, far
        cheaper than drawing it, so that a new match or highlight redraws only
        the lines that show it.
        """
        target, marks = self.highlight, self.marks
        if (target is None and marks is None) or line >= layout.height:
            return ()
        block, row = layout.locate(line)
        starts = layout.starts[block]
        if row >= len(starts):
            return ()
        lit: list[tuple[int, int, str]] = []
        if target is not None and target.block == block:
            plain = self.document.texts[block]
            start, end = line_text(plain, starts, row)
            high_end = len(plain) if target.end is None else target.end
            if target.start < end and high_end > start:
                lit.append((max(target.start, start), min(high_end, end), "body--highlight"))
        if marks is not None:
            start, end = line_text(self.document.texts[block], starts, row)
            for mark_start, mark_end, current in marks.spans(block, start, end):
                component = "body--match-current" if current else "body--match"
                lit.append((max(mark_start, start), min(mark_end, end), component))
        return tuple(lit)

    def _selected_span(self, layout: BodyLayout, line: int) -> tuple[int, int] | None:
        """The characters of ``line``'s text that are selected, if any."""
        selection = self._selection  # (``text_selection`` costs more than a cached line)
        if selection is None:
            return None
        span = selection.get_span(line)
        if span is None:
            return None
        start, end = span
        return line_span(layout, line, start, None if end == -1 else end)

    def selection_updated(self, selection: Selection | None) -> None:
        self._selection = selection
        super().selection_updated(selection)  # redraws: lines out of the selection are cached

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The briefing's text under ``selection`` (its own text, not the wrapped lines)."""
        return selected_text(self.lay_out(), selection.start, selection.end), "\n"

    def _style(self, component: str) -> Style:
        """A component's style over the widget's own (cached until the styles change)."""
        style = self._styles.get(component)
        if style is None:
            base = self.rich_style
            style = base if not component else base + self.get_component_rich_style(component)
            self._styles[component] = style
        return style

    def _render_line(
        self,
        layout: BodyLayout,
        line: int,
        width: int,
        selected: tuple[int, int] | None,
        lit: Lit = (),
    ) -> Strip:
        """Draw ``line`` centred in ``width`` cells, its characters' offsets attached.

        The offsets (see :mod:`tui.document.selection`) are what Textual's
        text selection reads: columns of the line's text, negative in the margin.
        """
        base = self._style("")
        margin = max(0, (width - layout.width) // 2)
        if line >= layout.height:  # (the scroll watcher lays out ahead of the view)
            return Strip.blank(width, base).apply_offsets(-margin, line)
        block, row = layout.locate(line)
        starts = layout.starts[block]
        document = self.document
        indent = 0
        if row < len(starts):
            segments = self._line_segments(layout, block, row, selected, lit)
            lead = document.leads[block] if row == 0 else document.hangs[block]
            if lead:
                indent = len(lead)
                segments.insert(0, Segment(lead, self._style(LEAD_STYLES[document.kinds[block]])))
        elif row == len(starts) and document.kinds[block] == HEADING:
            segments = [Segment("─" * layout.width, self._style("body--rule"))]
        else:
            return Strip.blank(width, base).apply_offsets(-margin, line)
        if margin and row == 0 and block in self.bookmarked:
            mark = Segment(BOOKMARK_MARK, self._style("body--bookmark"))
            segments[:0] = [Segment(" " * (margin - 1), base), mark]
        elif margin:
            segments.insert(0, Segment(" " * margin, base))
        strip = Strip(segments).extend_cell_length(width, base).crop(0, width)
        return strip.apply_offsets(-margin - indent, line)

    def _line_segments(
        self,
        layout: BodyLayout,
        block: int,
        row: int,
        selected: tuple[int, int] | None,
        lit: Lit = (),
    ) -> list[Segment]:
        """One wrapped line as segments, styled by spans, what is lit and the selection.

        Built directly rather than through Rich ``Text``: most lines are one
        plain segment, and this is the hot path of scrolling. ``selected`` is
        a span of the line's characters; ``lit`` what :meth:`_lit_on` says.
        """
        document = self.document
        plain = document.texts[block]
        start, end = line_text(plain, layout.starts[block], row)
        base = TEXT_STYLES[document.kinds[block]]
        ranges: list[tuple[int, int, Style]] = [
            (
                max(span.start, start),
                min(span.end, end),
                self._partial_style(f"body--{span.kind}") + Style(link=span.url)
                if span.url
                else self._partial_style(f"body--{span.kind}"),
            )
            for span in document.spans[block]
            if span.start < end and span.end > start
        ]
        ranges.extend(
            (lit_start, lit_end, self._partial_style(component))
            for lit_start, lit_end, component in lit
        )
        if selected is not None:
            ranges.append((start + selected[0], start + selected[1], self._selection_style()))
        if not ranges:
            return [Segment(plain[start:end], self._style(base))]
        cuts = sorted({start, end, *(r[0] for r in ranges), *(r[1] for r in ranges)})
        segments = []
        for left, right in pairwise(cuts):
            style = self._style(base)
            for range_start, range_end, range_style in ranges:
                if range_start <= left and right <= range_end:
                    style += range_style
            segments.append(Segment(plain[left:right], style))
        return segments

    def _partial_style(self, component: str) -> Style:
        """Only what a component's style sets, to add over another (cached like :meth:`_style`)."""
        key = f"{component}:partial"
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = overlay_style(self, component)
        return style

    def _selection_style(self) -> Style:
        """The screen's colours for selected text, to lay over the text's own."""
        style = self._styles.get("screen--selection")
        if style is None:
            style = self._styles["screen--selection"] = overlay_style(
                self.screen, "screen--selection"
            )
        return style

    def _marks_in_view(self) -> list[list[Span]]:
        """What :attr:`marks` lights up on each line in view, from the top (none on spacing)."""
        layout, marks = self._layout, self.marks
        if layout is None or marks is None:
            return []
        top = round(self.scroll_y)
        bottom = min(top + self.scrollable_content_region.height, layout.height)
        lit: list[list[Span]] = []
        for line in range(top, bottom):
            block, row = layout.locate(line)
            starts = layout.starts[block]
            if row < len(starts):
                start, end = line_text(self.document.texts[block], starts, row)
                lit.append(marks.spans(block, start, end))
            else:
                lit.append([])
        return lit

    def watch_highlight(self, old: Target | None, new: Target | None) -> None:
        """Redraw the lines in view of the passage lit before and of the one lit now."""
        for target in (old, new):
            if target is not None:
                self._refresh_block(target.block)

    def _refresh_block(self, block: int) -> None:
        """Redraw the lines of ``block`` that are in view (drawn lines stay cached)."""
        layout = self._layout
        if layout is None or block >= len(layout.tops):
            return
        top = round(self.scroll_y)
        first = max(layout.tops[block], top)
        last = min(layout.tops[block] + len(layout.starts[block]), top + self.size.height)
        if first < last:
            self.refresh_lines(first, last - first)

    def set_bookmarked(self, blocks: frozenset[int]) -> None:
        """Mark ``blocks`` in the margin (the blocks with a bookmark)."""
        if blocks != self.bookmarked:
            self.bookmarked = blocks
            self._cache.clear()
            self.refresh()

    def set_marks(self, marks: Marks | None, status: str = "") -> None:
        """Light up ``marks`` (None: nothing), and say ``status`` in the bottom border.

        Only the lines in view whose lit spans change are drawn again (typing
        a query mostly changes lines elsewhere; ``n`` two lines).
        """
        if marks is not self.marks:

            def switch() -> None:
                self.marks = marks

            self._lit_in_view.relight(self, self._layout, self._marks_in_view, switch)
        if status != self.search_status:
            self.search_status = status
            self._show_position()

    def notify_style_update(self) -> None:
        """Draw the lines anew if the styles they use changed (not for focus or hover alone).

        Focus changes the border's colour, not the text's: Enter in the search
        line, or Tab, would otherwise draw every line in view from scratch.
        """
        super().notify_style_update()
        before, self._styles = self._styles, {}
        if not self.is_attached or any(
            self._style_named(name) != style for name, style in before.items()
        ):
            self._cache.clear()

    def _style_named(self, name: str) -> Style:
        """A style of :attr:`_styles` by its key, made again."""
        if name == "screen--selection":
            return self._selection_style()
        if name.endswith(":partial"):
            return self._partial_style(name.removesuffix(":partial"))
        return self._style(name)

    # -- position -------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._layout is not None:
            top = round(new_value)
            self.ensure_line(top)
            held = self._held_at_end(top)
            if held:  # (the last section, gone to, stays the current one on a resize)
                self.current_section = self.document.section_of[self._anchor[0]]
            else:
                self.current_section = self._section_in_view(top)
            if not self._placing and not held:
                self._anchor = self._position_at(top)
        self._show_position()

    def _held_at_end(self, top: int) -> bool:
        """True if the view is at the end only because the text ends before the reader's place.

        (A window grown taller than what follows the place: Textual pulls the
        scroll back, and the place must stay for when the window shrinks.)
        """
        return top >= round(self.max_scroll_y) and self.line_of(self._anchor) > top

    def _show_position(self) -> None:
        """Say how far through the text the view is, in the bottom border (as less and vim do).

        In place of a scroll bar: redrawing one on every scroll cost a third
        of each frame. Until a large briefing is laid out, the percentage is
        of an estimate of its length.
        """
        top, end = round(self.scroll_y), round(self.max_scroll_y)
        if end <= 0:
            position = "All"
        elif top <= 0:
            position = "Top"
        elif top >= end and (self._layout is None or self._layout.complete):
            position = "End"
        else:
            position = f"{min(99, 100 * top // end)}%"
        if self.search_status:
            position = f"{self.search_status} · {position}"
        if self.border_subtitle != position:
            self.border_subtitle = position

    def _section_in_view(self, top: int) -> int:
        """The section of the top line; at the very end of the text, the last heading in view.

        (The last sections may be too short to reach the top: without this,
        the end of the text would still be titled with an earlier section.)
        """
        layout = self._layout
        assert layout is not None
        block, _ = layout.locate(top)
        section = self.document.section_of[block]
        if layout.complete and top >= self.max_scroll_y > 0:
            bottom_block, _ = layout.locate(top + self.scrollable_content_region.height - 1)
            section = self.document.section_of[bottom_block]
        return section

    def top_block(self) -> int:
        """The block at the top of the view."""
        return self.lay_out().locate(round(self.scroll_y))[0]

    def shows(self, target: Target) -> bool:
        """True if the line where ``target`` starts is in view."""
        layout = self.lay_out()
        if target.block >= len(layout.tops):
            return False
        line = layout.tops[target.block] + layout.row_of(target.block, target.start)
        top = round(self.scroll_y)
        return top <= line < top + self.scrollable_content_region.height

    @once_sized
    def scroll_to_block(self, block: int, row: int = 0) -> None:
        """Bring ``block`` (from its line ``row``) to the top of the view, at once.

        That place is the reader's from then on, even where the end of the text stops it
        from reaching the top (the last section): a resize brings it back, and it stays
        the current section (it was the one at the top line then)."""
        layout = self.lay_out()
        self.ensure_block(block)
        starts = layout.starts[block]
        self.restore_position((block, starts[min(row, len(starts) - 1)] if starts else 0))

    @once_sized
    def show_target(self, target: Target) -> None:
        """Scroll so that ``target`` starts near the top, and highlight it.

        Its section becomes the current one even when the end of the text
        stops it from reaching the top.
        """
        if not self.size.width:
            self._pending_target = target  # hidden: laid out at its real width when shown
            return
        layout = self.lay_out()
        self.ensure_block(target.block)
        row = layout.row_of(target.block, target.start)
        # A line of the paragraph before a quote's first line gives it context.
        self.scroll_to_block(target.block, max(0, row - 1) if row else 0)
        self.current_section = target.section
        self.highlight = target

    @once_sized
    def scroll_to_section(self, section: int) -> None:
        """Bring a section's heading to the top; it is the current section from then on."""
        self.scroll_to_block(self.document.section_blocks[section])
        self.current_section = section

    def section_after(self, step: int) -> int:
        """The section ``]`` (step 1) or ``[`` (step -1) goes to.

        ``[`` goes back to the start of the current section first, as in less.
        """
        current = self.current_section
        heading = self.lay_out().tops[self.document.section_blocks[current]]
        if step < 0 and round(self.scroll_y) > heading:
            return current
        return max(0, min(len(self.document.section_blocks) - 1, current + step))

    @once_sized
    def show_section(self, section: int) -> None:
        """Bring a section's heading to the top; near the end, where it cannot, light it up."""
        self.scroll_to_section(section)
        block = self.document.section_blocks[section]
        reached = round(self.scroll_y) == self.lay_out().tops[block]
        self.highlight = None if reached else Target(block, section)

    # -- actions --------------------------------------------------------------

    @once_sized
    def action_scroll_lines(self, lines: int) -> None:
        """Scroll by a number of lines."""
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    @once_sized
    def action_page(self, pages: float) -> None:
        """Scroll by pages (or half pages), keeping one line of the last page in view."""
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + round(pages * step), animate=False, immediate=True)

    @once_sized
    def action_to_start(self) -> None:
        """Go to the first line."""
        self.scroll_to(y=0, animate=False, immediate=True)

    @once_sized
    def action_to_end(self) -> None:
        """Go to the last line."""
        self.ensure_complete()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
