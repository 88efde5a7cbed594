"""The user's settings as the reader's parts read them, from the app they run in."""

from __future__ import annotations

from textual.dom import DOMNode

from tui.config.file import Config

DEFAULTS = Config()


def config_of(node: DOMNode) -> Config:
    """The settings of the app ``node`` is in (``BriefingApp.config``); the defaults elsewhere."""
    config = getattr(node.app, "config", None)
    return config if isinstance(config, Config) else DEFAULTS
