"""Shared fixtures for the tests."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings
from snapshot_apps import hostile_loaded, seed_briefing
from textual.pilot import Pilot

import tui.format.yamltree
from tui.config.file import Config
from tui.format.loader import Loaded
from tui.format.problems import Problem
from tui.model import Briefing
from tui.storage.paths import CACHE_DIR_VARIABLE, CONFIG_DIR_VARIABLE
from tui.storage.positions import PositionStore
from tui.ui.app import BriefingApp
from tui.ui.screens.reader import ReaderScreen

# Property tests run the same examples on every run, so that a new example found by
# chance never turns CI red on a change that has nothing to do with it. To look for
# new failures, run them with ``pytest --hypothesis-profile=explore``.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", max_examples=2000)
settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its caches (the library's index) in its own folder, never the user's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture(autouse=True)
def private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test reads its config file from its own (empty) folder, never the user's."""
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture(autouse=True)
def terminal_width_unsaid(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``$COLUMNS`` from the shell that runs the tests: a library's table printed into a
    pipe is that wide (80 without it)."""
    monkeypatch.delenv("COLUMNS", raising=False)


POSTGRES_VARIABLE = "BRIEFING_TUI_TEST_POSTGRES"
"""A server the tests may make databases in (``.ci/run`` starts one and sets it); without
it, the tests start a throwaway cluster of their own (see tests/pg_cluster.py)."""


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's ``postgres`` database, as its superuser."""
    pytest.importorskip("psycopg", reason="psycopg (briefing-tui[postgres]) is not installed")
    given = os.environ.get(POSTGRES_VARIABLE)
    if given:
        yield given
        return
    from pg_cluster import server_programs, throwaway_cluster

    if server_programs() is None:
        pytest.skip("PostgreSQL's initdb and pg_ctl are not installed")
    with throwaway_cluster() as cluster:
        yield cluster.url


@contextmanager
def database(server: str) -> Iterator[str]:
    """A new, empty database on ``server`` for the ``with`` block (dropped after it): its URL."""
    import psycopg

    name = f"test_{uuid.uuid4().hex[:20]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.replace("/postgres?", f"/{name}?", 1)
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def terminate(server: str, url: str) -> None:
    """End every connection to the database of ``url``, as a server restart would."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (url.split("/")[3].split("?")[0],),
        )


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database for one test (dropped after it): its URL."""
    with database(postgres_server) as url:
        yield url


Reader = Callable[..., AbstractAsyncContextManager[tuple[Pilot[None], ReaderScreen]]]


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and again with PyYAML's pure-Python one."""
    # The parser is a private choice of the loader: no public way to pick it.
    if request.param == "libyaml":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(tui.format.yamltree, "_SafeLoader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(tui.format.yamltree, "_SafeLoader", yaml.SafeLoader)
    return str(request.param)


@pytest.fixture
def stdout_is_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's command starts the reader, not its plain text, though pytest captures stdout."""
    from tui.cli import terminal

    monkeypatch.setattr(terminal, "output_is_terminal", lambda: True)


@pytest.fixture(scope="session")
def seed() -> Briefing:
    """The bundled Blinken briefing."""
    return seed_briefing()


@pytest.fixture(scope="session")
def hostile() -> Loaded:
    """The hostile-markup briefing and its warnings."""
    return hostile_loaded()


@asynccontextmanager
async def open_reader(
    briefing: Briefing,
    size: tuple[int, int] = (120, 40),
    warnings: Iterable[Problem] = (),
    notifications: bool = False,
    positions: PositionStore | None = None,
    config: Config | None = None,
) -> AsyncIterator[tuple[Pilot[None], ReaderScreen]]:
    """Run the reader on ``briefing``, with the links computed, and hand over its screen."""
    app = BriefingApp(briefing, warnings, positions, config=config)
    async with app.run_test(size=size, notifications=notifications) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        # The links are computed by a worker started after the first frame, and
        # the body may be laid out in steps (on a timer, some fifty for a briefing of
        # 20,000 blocks, each slower on a loaded machine): wait for both, up to a minute.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            await app.workers.wait_for_complete()
            await pilot.pause()
            if screen.point_targets is not None and screen.body.lay_out().complete:
                break
        assert screen.point_targets is not None, "the link worker never finished"
        assert screen.body.lay_out().complete, "the body was never fully laid out"
        yield pilot, screen


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The message of every notification the reader sends, in order.

    Recorded where the app is asked to notify (the public ``App.notify``): the
    toasts themselves are gone after a few seconds, and may not be shown at all.
    """
    sent: list[str] = []
    notify = BriefingApp.notify

    def recording(self: BriefingApp, message: str, **options: Any) -> None:
        sent.append(message)
        notify(self, message, **options)

    monkeypatch.setattr(BriefingApp, "notify", recording)
    return sent


@pytest.fixture
def reader() -> Reader:
    """``async with reader(briefing, size) as (pilot, screen)``: a running reader."""
    return open_reader
