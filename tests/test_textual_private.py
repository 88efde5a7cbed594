"""The UI uses only Textual's public API: it neither shadows nor touches Textual's private names.

A method such as ``_render`` on a widget silently replaces Textual's own, and
breaks whatever in Textual calls it (copying a selection did, with a crash).
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget

import tui.ui

PRIVATE = re.compile(r"^_(?!_)\w+$")
ASSIGNED = re.compile(r"\bself\.(_(?!_)\w+)\s*[:=]")


def ui_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(tui.ui.__path__, "tui.ui.") if not info.ispkg
    )


def is_textual(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "textual"


@functools.cache  # Textual's classes are in the MRO of every UI class: read each once
def private_names(cls: type) -> frozenset[str]:
    """A class's private names: in its namespace, or assigned to ``self._name`` in its source."""
    names = {name for name in vars(cls) if PRIVATE.match(name)}
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return frozenset(names)
    return frozenset(names | set(ASSIGNED.findall(source)))


def made_by_textual(cls: type) -> set[str]:
    """Private names Textual's class machinery puts in any subclass of ``cls`` (``_reactives``)."""
    textual_base = next(base for base in cls.__mro__ if is_textual(base))
    probe = type("Probe", (textual_base,), {"__module__": __name__})
    return {name for name in vars(probe) if PRIVATE.match(name)}


def textual_private_names(*classes: type) -> set[str]:
    """The private names of every Textual class in the MROs of ``classes``."""
    bases = {base for cls in classes for base in cls.__mro__ if is_textual(base)}
    return set().union(*map(private_names, bases))


def ui_classes() -> list[type]:
    """Every class defined in ``tui.ui`` that derives from a Textual class."""
    found = []
    for name in ui_modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and value.__module__ == name
                and any(is_textual(base) for base in value.__mro__)
            ):
                found.append(value)
    return found


def clashes(cls: type) -> set[str]:
    """The private names that ``cls`` or one of its project bases defines over Textual's."""
    textual_names = textual_private_names(cls) - made_by_textual(cls)
    found = set()
    for own in cls.__mro__:
        if not is_textual(own) and own is not object:
            found |= {f"{own.__name__}.{name}" for name in private_names(own) & textual_names}
    return found


def test_the_check_knows_textuals_private_names():
    names = textual_private_names(ScrollView)
    assert {"_render", "_on_focus", "_on_blur", "_layout_cache"} <= names
    assert "_compositor" in textual_private_names(Screen)

    class Shadowing(ScrollView):
        def _render(self) -> None: ...

        def _own(self) -> None:
            self._layout_cache = None

    assert clashes(Shadowing) == {"Shadowing._render", "Shadowing._layout_cache"}
    classes = {cls.__name__ for cls in ui_classes()}
    assert {"BodyView", "ItemList", "PointsList", "ReaderScreen", "BriefingApp"} <= classes


def test_no_ui_class_shadows_a_private_name_of_textual():
    found = set().union(*map(clashes, ui_classes()))
    assert not sorted(found)


def test_the_ui_touches_no_private_name_of_textual():
    """No ``thing._name`` with ``_name`` private to Textual (``super()._on_focus()``, say)."""
    textual_names = textual_private_names(App, Screen, ModalScreen, ScrollView, Widget)
    root = Path(tui.ui.__file__).parent
    uses = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in textual_names:
                uses.append(f"{path.relative_to(root)}:{node.lineno} .{node.attr}")
    assert not uses
