"""The base of the pickers with a filter line (sections, tags): typing narrows, Enter picks."""

from __future__ import annotations

from textual import on
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.ui.screens.modal import ResultType
from tui.ui.screens.option_dialog import OptionDialog


def matches(text: str, query: str) -> bool:
    """True if every word of ``query`` occurs in ``text``, ignoring case."""
    text = text.casefold()
    return all(word in text for word in query.casefold().split())


class FilterDialog(OptionDialog[ResultType]):
    """An :class:`OptionDialog` with a filter line: each change lists the options again
    (:meth:`fill`); Enter on the line, or a click, picks the highlighted one (:meth:`pick`)."""

    def fill(self, query: str) -> None:
        """List the options that match ``query``, one highlighted."""
        raise NotImplementedError

    def pick(self, option: Option) -> None:
        """Dismiss with what ``option`` stands for (nothing for a "no match" line)."""
        raise NotImplementedError

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted)
    def _submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.pick(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option)
