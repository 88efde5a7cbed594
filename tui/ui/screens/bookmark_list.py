"""The list of a briefing's bookmarks: Enter goes to one, d removes one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.bookmarks import Bookmark
from tui.text import clip
from tui.ui.screens.option_dialog import OptionDialog
from tui.ui.widgets.key_hints import Hint

SHOWN = 160
"""Characters of a passage shown in the list (two lines of it)."""


@dataclass(frozen=True)
class Listed:
    """A bookmark as the list shows it: where it is (None when its passage is gone)."""

    bookmark: Bookmark
    where: str
    """``Article · Heading``, ``Talking point 3``, ``Quote 2``."""
    place: int | None
    """The block or item it marks in this version of the file; None when gone."""


class BookmarkList(OptionDialog[Listed | None]):
    """This briefing's bookmarks in reading order, gone ones last; dismisses with the chosen one."""

    DEFAULT_CSS = """
    BookmarkList > .dialog {
        width: 72;
    }
    BookmarkList .dialog-options {
        scrollbar-gutter: stable;  /* (a scroll bar coming later would cut a wrapped bookmark) */
    }
    """

    HINTS = (
        Hint(("bookmarks.go",), "Go"),
        Hint(("bookmarks.remove",), "Remove"),
        Hint(("bookmarks.cancel",), "Close"),
    )
    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="bookmarks.cancel"),
        Binding("enter", "go", "Go to the bookmark", show=False, id="bookmarks.go", priority=True),
        Binding("d,delete", "remove", "Remove the bookmark", show=False, id="bookmarks.remove"),
        Binding("j", "move(1)", "Next bookmark", show=False, id="bookmarks.down"),
        Binding("k", "move(-1)", "Previous bookmark", show=False, id="bookmarks.up"),
    ]

    def __init__(self, listed: list[Listed], remove: Callable[[Bookmark], None]) -> None:
        super().__init__()
        self.listed = listed
        self.remove_bookmark = remove
        """Called with a bookmark the reader removes here (the list is kept in step)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks", classes="dialog"):
            yield Static("Bookmarks", id="bookmarks-title", classes="dialog-title")
            yield OptionList(id="bookmarks-options", classes="dialog-options")

    def on_mount(self) -> None:
        super().on_mount()
        self._fill()

    def _fill(self, highlighted: int = 0) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.listed:
            options.add_option(
                Option(
                    Content.styled("No bookmarks yet: m marks the passage in view.", "$text-muted"),
                    disabled=True,
                )
            )
            return
        for index, entry in enumerate(self.listed):
            where = (
                Content.styled(entry.where, "bold")
                if entry.place is not None
                else Content.styled(f"{entry.where} — gone: no longer in the file", "$text-warning")
            )
            text = Content(clip(entry.bookmark.text, SHOWN))
            options.add_option(Option(where + Content("\n") + text, id=str(index)))
        options.highlighted = min(highlighted, len(self.listed) - 1)

    def _chosen(self) -> int | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.listed:
            return None
        return int(options.get_option_at_index(options.highlighted).id or 0)

    def action_go(self) -> None:
        """Close and go to the highlighted bookmark (a gone one cannot be gone to)."""
        index = self._chosen()
        if index is None:
            return
        entry = self.listed[index]
        if entry.place is None:
            self.notify("Its passage is no longer in the file: d removes the bookmark.")
            return
        self.dismiss(entry)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_go()

    def action_remove(self) -> None:
        """Remove the highlighted bookmark."""
        index = self._chosen()
        if index is None:
            return
        entry = self.listed.pop(index)
        self.remove_bookmark(entry.bookmark)
        self._fill(index)
