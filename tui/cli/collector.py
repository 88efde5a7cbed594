"""The cyclic garbage collector while the reader runs: the one place that tunes it.

The briefing, its layout and the widgets live as long as the app; walking
them on every full collection only costs time (on 20,000 paragraphs a pass
stalls a keypress). So the collector is off while the reader starts (nothing
made then is garbage, yet it would be walked many times over: a tenth of the
start-up time), and what is alive is frozen (exempted from collection) at the
moments the app reports as quiet: its first frame, and each complete layout of
the body. What keys and the mouse leave (the strips of each frame, in cycles
Textual makes) is collected when input pauses, not in the middle of a key.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def off_while_starting() -> Iterator[None]:
    """The collector is off until :func:`after_first_frame` (and on again when this ends)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def after_first_frame() -> None:
    """Freeze what start-up made and turn the collector on, without a collection.

    A full collection now would walk the whole briefing (60 ms on 20,000
    paragraphs) for the few hundred objects start-up leaves.
    """
    gc.freeze()
    gc.enable()


def after_layout() -> None:
    """Collect, then freeze what is alive: the new layout, mostly.

    Collecting first walks only what is not frozen yet, and frees what the
    last layout left (each resize leaves some): frozen garbage is never freed.
    """
    gc.collect()
    gc.freeze()
    gc.enable()


def input_paused() -> None:
    """Collect what the last keys or mouse events left, now that the user reads.

    Left to itself, the collector walks it in the middle of a later key, whose
    frame then comes late: a full pass over a library's table frees some 15,000
    objects (8 ms) every few letters typed in its filter. Nothing to do unless a
    collection has run since the last full one (what it kept may be garbage that
    only a full pass frees).
    """
    if gc.isenabled() and gc.get_count()[1:] != (0, 0):
        gc.collect()


def after_screen_closed() -> None:
    """Free what a closed screen held, then freeze what is alive again.

    What was frozen is exempt from collection: a closed reader (its briefing,
    layout and widgets) would stay in memory for good. So everything is
    unfrozen and collected once (a full pass, at a moment the reader expects a
    change), and what is still alive frozen again.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def after_reload() -> None:
    """Free the last version of a briefing, once a new one is on screen (live reload).

    It was frozen with the rest, and its document holds itself in cycles:
    without this each version would stay in memory for good. As after a
    screen closes (:func:`after_screen_closed`).
    """
    after_screen_closed()
