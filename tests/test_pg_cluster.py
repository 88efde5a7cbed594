"""tests/pg_cluster.py: a throwaway cluster never outlives the process that started it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pg_cluster import cluster_of, server_programs, stop_cluster, throwaway_cluster

pytestmark = pytest.mark.skipif(
    server_programs() is None, reason="PostgreSQL's initdb and pg_ctl are not installed"
)

TESTS = Path(__file__).resolve().parent
GONE_SECONDS = 30.0
"""How long a server may take to be stopped and its folder removed."""

CHILD = """
import sys
sys.path.insert(0, {tests!r})
from pg_cluster import start_cluster
print(start_cluster().url, flush=True)
sys.stdin.read()  # until killed
"""
"""A test run, as far as the cluster is concerned: it starts one, then is killed."""


def postmaster(root: Path) -> int:
    """The process id of the server of the cluster in ``root``."""
    return int((root / "data" / "postmaster.pid").read_text().split()[0])


def running(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie, ended but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def watchdogs(root: Path) -> list[int]:
    """The processes watching the cluster in ``root`` (``pg_cluster.py watch ROOT``)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except (FileNotFoundError, PermissionError, NotADirectoryError):
            continue
        if b"watch" in argv and os.fsencode(root) in argv and running(int(entry.name)):
            found.append(int(entry.name))
    return found


def within(seconds: float, done: Callable[[], bool]) -> bool:
    """Poll ``done`` until it is true (True) or ``seconds`` have passed (False)."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_a_killed_run_does_not_leave_its_server_running(signal_number: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(tests=str(TESTS))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    url = child.stdout.readline().strip()
    try:
        assert url.startswith("postgresql://"), "the child could not start a cluster"
        root = cluster_of(url).socket_dir.parent
        server = postmaster(root)
        assert running(server)
        child.send_signal(signal_number)
        child.wait(timeout=GONE_SECONDS)
        assert within(GONE_SECONDS, lambda: not running(server) and not root.exists())
    finally:
        child.kill()
        child.wait()
        if url:
            stop_cluster(cluster_of(url))  # what the child could not do (if nothing did)


def test_a_cluster_ended_in_the_run_is_stopped_removed_and_unwatched() -> None:
    with throwaway_cluster() as cluster:
        root = cluster.socket_dir.parent
        server = postmaster(root)
        assert running(server) and len(watchdogs(root)) == 1
    assert not root.exists() and not watchdogs(root)
    assert within(GONE_SECONDS, lambda: not running(server))  # its last moments after pg_ctl


def test_the_command_lines_cluster_outlives_start_until_stop() -> None:
    """``.ci/run`` starts one cluster for the whole run and stops it in a trap."""
    command = [sys.executable, str(TESTS / "pg_cluster.py")]
    started = subprocess.run([*command, "start"], capture_output=True, text=True, check=True)
    url = started.stdout.strip()
    root = cluster_of(url).socket_dir.parent
    try:
        server = postmaster(root)
        assert running(server) and not watchdogs(root)
    finally:
        subprocess.run([*command, "stop", url], check=True)
    assert not root.exists()
    assert within(GONE_SECONDS, lambda: not running(server))
