"""Coverage-guided fuzzing of the loader and the headless rendering, with atheris.

Each input is the bytes of a briefing file; :func:`checks.check_input` loads
it and renders what loads, and any broken rule (an ``AssertionError``) or
exception other than ``BriefingError`` is a crash. See ``fuzz/README.md``.

    python fuzz/fuzz_briefing.py -dict=fuzz/briefing.dict fuzz/corpus fuzz/seeds
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["tui"]):
    from checks import check_input


def test_one_input(data: bytes) -> None:
    """One input: load it, render what loads, check everything (see :mod:`checks`)."""
    check_input(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
