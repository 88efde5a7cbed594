"""Keys typed while the screen they are meant for is on its way wait for it.

Opening a briefing from the library reads its file in a thread, and a search or
the speakers' list asks the index in one: the screen or the list the next keys
are meant for comes a few milliseconds to a second later. Keys sent at once
(tmux's ``send-keys Enter q``, a fast typist) reached the screen still on top:
``q`` quit the whole app instead of closing the briefing just opened, and ``}``
after ``Enter`` was lost. While something is on its way the app holds the keys,
and once it is there, posts them again in the order they came.

The app asks :meth:`HeldKeys.take` of every key at its entrance and of every key
coming back up from the widgets unhandled (where Textual runs the bindings), so a key
that was already on its way to the old screen is held too. A list's or a query line's
Enter holds the keys at its own turn (:data:`CHOSEN`), before the message of the choice
reaches its screen; a line or a screen that takes keys typed anywhere leaves them to the
app while it holds (:func:`holding_keys`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import events
from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

CHOSEN = "chosen"
"""What a list's Enter holds the keys for: the screen that handles its message of a choice
(a row, a result) opens what was chosen, then releases ``CHOSEN``. The message goes through
the widgets' queues, and the keys typed after Enter must not pass it on the way."""

HOLD_LIMIT = 3.0
"""Seconds after which held keys go on to the screen on top, whatever is still awaited
(a briefing on a slow network folder): a key is never held for longer."""


class HeldKeys:
    """Holds keys while anything is awaited (:meth:`hold`), then has them posted again.

    ``post`` puts a key at the end of the app's queue. :meth:`take` is asked of each key
    the app receives: True means it is held (or was posted again, behind keys posted
    before it) and must not be handled now.
    """

    def __init__(self, post: Callable[[events.Key], object]) -> None:
        self._post = post
        self.awaited: set[str] = set()
        """What the keys wait for (``"open"``: a briefing being read)."""
        self._held: list[events.Key] = []
        self._posted: dict[int, events.Key] = {}
        """The keys posted again and not yet received (by ``id``; kept so ids stay unique)."""
        self._passing: dict[int, events.Key] = {}
        """Keys that asked for what is awaited: not held (by ``id``, as :attr:`_posted`)."""
        self._asked_at: float | None = None
        """When the last key that asked for what is awaited was typed: a key typed before
        it and on its way back from the widgets is not held (↓ ↓ Enter in the results: the
        second ↓ came back after the Enter had asked, and was held until the result had
        opened)."""

    @property
    def holding(self) -> bool:
        return bool(self.awaited)

    def hold(self, reason: str, after: events.Key | None = None) -> None:
        """Hold the keys from now until :meth:`release` of ``reason`` (and of every other);
        ``after``: the key that asked for what is awaited, on its way still, goes on."""
        self.awaited.add(reason)
        if after is not None:
            self._passing[id(after)] = after
            self._asked_at = after.time

    def release(self, reason: str) -> None:
        """``reason`` is no longer awaited: if nothing else is, post the held keys again."""
        self.awaited.discard(reason)
        if not self.awaited:
            self._asked_at = None
            self._passing.clear()  # (a key that asked from a priority binding never comes back)
            self._post_held()

    def release_all(self) -> None:
        """Stop waiting (:data:`HOLD_LIMIT` is up): post the held keys to whatever is on top."""
        self.awaited.clear()
        self._asked_at = None
        self._post_held()

    def take(self, event: events.Key) -> bool:
        """True if ``event`` is held, or posted again behind the keys posted before it.

        A key on its way back from the widgets (forwarded, unhandled there) is the app's to
        act on: while something is awaited it is held too, and posted again as typed, to
        reach what comes.
        """
        if self._passing.pop(id(event), None) is event:
            return False
        if event.is_forwarded:
            if self._asked_at is not None and event.time < self._asked_at:
                return False  # typed before the key that asked: for the screen it was typed on
            if self.awaited:
                self._held.append(event)
            return self.holding
        posted_again = self._posted.pop(id(event), None) is event
        if self.awaited or (self._posted and not posted_again):
            self._held.append(event)
            if not self.awaited:
                self._post_held()
            return True
        return False

    def hold_again(self, event: events.Key) -> None:
        """Type ``event`` again: with the keys held, in the order typed, if they are (else
        at once)."""
        again = events.Key(event.key, event.character)
        if not self.holding:
            self.post_again([again])
            return
        again.time = event.time
        self._held.append(again)
        self._held.sort(key=lambda key: key.time)

    def post_again(self, keys: list[events.Key]) -> None:
        """Post ``keys`` to the app in place of one it received: the keys behind that one,
        still on their way, go on behind them (as held keys posted again do)."""
        for key in keys:
            self._posted[id(key)] = key
            self._post(key)

    def _post_held(self) -> None:
        held, self._held = self._held, []
        for event in held:
            key = events.Key(event.key, event.character)
            self._posted[id(key)] = key
            self._post(key)


def after_keys_ahead(path: Sequence[DOMNode], then: Callable[[], object]) -> None:
    """Call ``then`` once the keys already on their way up ``path`` (a widget, then each of
    its ancestors up to the app: the way a key the widget leaves goes up to its binding)
    have gone by: a call queued behind them at each step, in turn."""
    if not path:
        then()
        return
    first, rest = path[0], path[1:]
    first.call_later(after_keys_ahead, rest, then)


async def run_at_its_turn(event: events.Key, active: ActiveBinding) -> None:
    """Run ``event``'s binding (``active``) now, at the key's turn among the keys typed, and
    take the key: Textual runs a binding once the key has gone back up to the app, after the
    keys typed behind it have reached the widgets (``the`` Backspace ``y`` gave "the", and
    Enter on the filter line let the keys behind it into the filter)."""
    event.stop()
    event.prevent_default()
    await active.node.app.run_action(active.binding.action, active.node)


def pass_on(node: DOMNode, event: events.Key | None) -> None:
    """Have ``event`` typed again for the screen on top: it acted on ``node``'s screen,
    which a key typed before it has closed (``q /`` in the reader). Held in its place
    among the keys held (typed after it), if any; else posted again at once."""
    held = getattr(node.app, "held_keys", None)
    if isinstance(held, HeldKeys) and event is not None:
        held.hold_again(event)


def not_on_top(node: Widget, event: events.Key) -> bool:
    """True if ``event`` reached ``node`` after its screen stopped being the top one: an
    earlier key closed it or opened another over it. The key is then taken from ``node``
    and posted again for the screen on top (``Esc q`` on the search screen: the q would
    have been typed into the closed screen's query, not quit), but for a box that has
    closed (its ``KEYS_GO_ON`` false): a key typed into it is dropped (a quick ``q q``
    closes the help and stays in the reader)."""
    screen = node.screen
    if screen.is_active:
        return False
    event.stop()
    event.prevent_default()
    closed = screen not in node.app.screen_stack
    held = getattr(node.app, "held_keys", None)
    if isinstance(held, HeldKeys) and (not closed or getattr(screen, "KEYS_GO_ON", True)):
        held.post_again([events.Key(event.key, event.character)])
    return True


async def screens_own_key(screen: Screen[Any], event: events.Key) -> bool:
    """True if ``event``, come up to ``screen``, is taken: on its way when the screen
    closed (:func:`not_on_top`), held for what is on its way, or one of the screen's own
    keys, run at its turn (:func:`run_at_its_turn`; nothing if disabled), so that the keys
    behind it go where it sends them (``Esc q`` on the speakers: back, then quit)."""
    if not_on_top(screen, event) or holding_keys(screen):
        return True
    active = screen.active_bindings.get(event.key)
    if active is None or active.node is not screen:
        return False
    if active.enabled:
        await run_at_its_turn(event, active)
    return True


def hold_keys(node: DOMNode, reason: str, after: events.Key | None = None) -> None:
    """Have the app ``node`` is in hold the keys until :func:`release_keys` of ``reason``
    (but for ``after``, the key on its way that asked for it)."""
    hold = getattr(node.app, "hold_keys", None)
    if hold is not None:
        hold(reason, after)


def holding_keys(node: DOMNode) -> bool:
    """True while the app ``node`` is in holds the keys for what is on its way (a screen
    that takes keys typed anywhere leaves them to the app then: they are for what comes)."""
    held = getattr(node.app, "held_keys", None)
    return isinstance(held, HeldKeys) and held.holding


def release_keys(node: DOMNode, reason: str, ready: Screen[Any] | None = None) -> None:
    """``reason`` has come: the keys held go on (once ``ready``, a screen, is drawn)."""
    release = getattr(node.app, "release_keys", None)
    if release is not None:
        release(reason, ready)
