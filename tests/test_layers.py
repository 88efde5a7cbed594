"""The layers stay apart: only ``tui.ui`` may import Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui


def modules_outside_ui() -> list[str]:
    """Every module of the package but those under ``tui.ui``."""
    return sorted(
        info.name
        for info in pkgutil.walk_packages(tui.__path__, "tui.")
        if not info.name.startswith("tui.ui") and info.name != "tui.__main__"
    )


def test_nothing_outside_the_ui_imports_textual():
    modules = modules_outside_ui()
    assert {"tui.format.loader", "tui.document.layout", "tui.storage.positions"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert not [m for m in eval(result.stdout) if m.startswith("textual")], result.stdout
