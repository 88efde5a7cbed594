"""A throwaway PostgreSQL cluster for the tests: made in a temporary folder, reached by a socket.

Debian's ``initdb`` and ``pg_ctl`` make and start it as an unprivileged user
(``initdb`` refuses to run as root: as root, the ``postgres`` account or
``nobody`` owns it), listening on no TCP port at all, only on a Unix socket in
its own folder, so that clusters of parallel test runs never meet. It is
stopped (immediately: nothing in it is worth keeping) and removed at the end.

A throwaway cluster is tied to the process that starts it: a small watchdog
process (``python tests/pg_cluster.py watch``, in a session of its own) waits on
a pipe from it, and stops the server and removes the folder once the pipe
closes, when :func:`stop_cluster` closes it or when the process dies in any way
(SIGKILL, SIGTERM, a crash). The postmaster, started by ``pg_ctl``, would
otherwise outlive a killed test run for ever. ``start`` on the command line
(for ``.ci/run``, whose trap stops it) starts one that outlives the command.
"""

from __future__ import annotations

import glob
import os
import pwd
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

START_SECONDS = 60
"""How long ``pg_ctl start`` may wait for the server to accept connections."""
WATCH_SECONDS = 0.5
"""How often a watchdog looks whether the process it watches is still its parent (a child
forked from that process may hold the pipe open after it died)."""

_watchdogs: dict[Path, subprocess.Popen[bytes]] = {}
"""The watchdog of each tied cluster this process started, by the cluster's folder."""


@dataclass(frozen=True)
class Cluster:
    """A running cluster: its socket folder, its superuser, and a URL to connect with."""

    socket_dir: Path
    user: str

    @property
    def url(self) -> str:
        """A ``postgresql://`` URL (libpq reads a socket folder as the host)."""
        return f"postgresql:///postgres?host={self.socket_dir}&user={self.user}"


def server_programs() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent  # a link to Debian's folder: the other programs
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _owner() -> pwd.struct_passwd:
    """Who runs the server: this user, or as root an unprivileged account."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root with neither a 'postgres' nor a 'nobody' account")


def _as(owner: pwd.struct_passwd, argv: list[str]) -> list[str]:
    """``argv`` run as ``owner`` (through setpriv when this process is root)."""
    if os.geteuid() != 0:
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise RuntimeError("running as root without setpriv to drop to another user")
    return [
        setpriv,
        f"--reuid={owner.pw_uid}",
        f"--regid={owner.pw_gid}",
        "--clear-groups",
        "--",
        *argv,
    ]


def start_cluster(
    settings: Mapping[str, str] | None = None, *, root: Path | None = None, tied: bool = True
) -> Cluster:
    """Make and start a new cluster in a new temporary folder (see :func:`stop_cluster`).

    ``settings``: server settings (``shared_buffers``, ``max_connections``, ``work_mem``...)
    over the defaults below; it listens on its socket only, whatever they say. ``root``: a
    folder of one's own to keep it in instead (a cluster already there is started again;
    :func:`stop_server` stops it and keeps it; it is never tied). ``tied``: the cluster is
    stopped and removed when this process ends, however it ends (False: it outlives it).
    """
    programs = _programs()
    owner = _owner()
    if root is not None and (root / "data" / "PG_VERSION").exists():
        _start(root, settings)
        return Cluster(root / "sockets", owner.pw_name)
    made = _new_root(owner, root)
    if tied and root is None:
        _tie(made)
    initdb = [str(programs / "initdb"), "--pgdata", str(made / "data"), "--username",
              owner.pw_name, "--auth", "trust", "--encoding", "UTF8", "--no-sync"]  # fmt: skip
    return _made(owner, made, initdb, settings)


def _made(
    owner: pwd.struct_passwd, root: Path, make: list[str], settings: Mapping[str, str] | None
) -> Cluster:
    """Run ``make`` (which writes the cluster's data in ``root``) as ``owner``, then start it;
    ``root`` is removed if either fails."""
    try:
        subprocess.run(_as(owner, make), **_quiet(root))
        _start(root, settings)
    except BaseException:
        stop_cluster(Cluster(root / "sockets", owner.pw_name))
        raise
    return Cluster(root / "sockets", owner.pw_name)


def stop_server(cluster: Cluster) -> None:
    """Stop a cluster's server cleanly and keep its files (to start it again later)."""
    root = cluster.socket_dir.parent
    subprocess.run(
        _as(_owner(), [str(_programs() / "pg_ctl"), "--pgdata", str(root / "data"), "--mode",
                       "fast", "--wait", "stop"]),
        **_quiet(root),
    )  # fmt: skip


def restart_cluster(cluster: Cluster, settings: Mapping[str, str] | None = None) -> None:
    """Stop a cluster cleanly and start it again with ``settings`` (as :func:`start_cluster`)."""
    stop_server(cluster)
    _start(cluster.socket_dir.parent, settings)


def start_standby(primary: Cluster, settings: Mapping[str, str] | None = None) -> Cluster:
    """A streaming read replica of ``primary`` in a new temporary folder, on its own socket.

    ``pg_basebackup`` copies the primary's data (through its socket) and writes the standby's
    connection to it; the standby then replays the primary's changes as they come. Stop it
    with :func:`stop_cluster`.
    """
    owner = _owner()
    root = _new_root(owner)
    _tie(root)
    copy = [str(_programs() / "pg_basebackup"), "--pgdata", str(root / "data"),
            "--host", str(primary.socket_dir), "--username", primary.user,
            "--write-recovery-conf", "--wal-method", "stream", "--checkpoint", "fast",
            "--no-sync"]  # fmt: skip
    return _made(owner, root, copy, settings)


def _programs() -> Path:
    programs = server_programs()
    if programs is None:
        raise FileNotFoundError("PostgreSQL's initdb and pg_ctl are not installed")
    return programs


def _new_root(owner: pwd.struct_passwd, root: Path | None = None) -> Path:
    """A folder for a cluster (``root``, or a new temporary one), with its socket folder, both
    the owner's."""
    if root is None:
        root = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    sockets = root / "sockets"
    sockets.mkdir(parents=True, exist_ok=True)
    for folder in (root, sockets):
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    os.chmod(root, 0o755)
    return root


def _quiet(root: Path) -> dict[str, Any]:
    return {"env": _environment(), "capture_output": True, "check": True, "cwd": root}


def _start(root: Path, settings: Mapping[str, str] | None) -> None:
    """Start the server of the cluster in ``root``, on its socket only."""
    chosen = {
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "200",
        **(settings or {}),
        "listen_addresses": "",
        "unix_socket_directories": str(root / "sockets"),
    }
    options = " ".join(f"-c {name}='{value}'" for name, value in chosen.items())
    subprocess.run(
        _as(_owner(), [str(_programs() / "pg_ctl"), "--pgdata", str(root / "data"), "--options",
                       options, "--log", str(root / "server.log"), "--timeout",
                       str(START_SECONDS), "--wait", "start"]),
        **_quiet(root),
    )  # fmt: skip


def stop_cluster(cluster: Cluster) -> None:
    """Stop a cluster at once (nothing in it is worth keeping) and remove its folder."""
    root = cluster.socket_dir.parent
    watchdog = _watchdogs.pop(root, None)
    if watchdog is not None:  # it does it once its pipe closes
        assert watchdog.stdin is not None
        watchdog.stdin.close()
        watchdog.wait()
        return
    _stop_and_remove(root)


def _stop_and_remove(root: Path) -> None:
    """Stop the server of the cluster in ``root`` at once, if it has one, and remove it all."""
    programs = server_programs()
    if programs is not None and (root / "data").is_dir():
        subprocess.run(
            _as(_owner(), [str(programs / "pg_ctl"), "--pgdata", str(root / "data"), "--mode",
                           "immediate", "stop"]),
            env=_environment(), capture_output=True, check=False, cwd=root,
        )  # fmt: skip
    shutil.rmtree(root, ignore_errors=True)


def _tie(root: Path) -> None:
    """Start the watchdog of the cluster to be made in ``root``: it stops the server and
    removes the folder when this process closes its pipe, or dies."""
    watchdog = subprocess.Popen(
        [sys.executable, __file__, "watch", str(root), str(os.getpid())],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not stopped with this process's group (Ctrl+C, kill -PGID)
    )
    _watchdogs[root] = watchdog


def watch(root: Path, parent: int) -> None:
    """The watchdog: wait until standard input (the pipe from ``parent``) closes, or
    ``parent`` is no longer this process's parent; then stop the cluster in ``root`` and
    remove it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # and clean up on the way out
    try:
        while os.getppid() == parent:
            ready, _, _ = select.select([sys.stdin.fileno()], [], [], WATCH_SECONDS)
            if ready and not os.read(sys.stdin.fileno(), 4096):
                break  # closed: by stop_cluster, or as the parent ended
    finally:
        _stop_and_remove(root)


def _environment() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"}


@contextmanager
def throwaway_cluster(settings: Mapping[str, str] | None = None) -> Iterator[Cluster]:
    """A new cluster (``settings`` as :func:`start_cluster`), running for the ``with`` block,
    then stopped and removed."""
    cluster = start_cluster(settings)
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


def main(argv: list[str]) -> int:
    """``start`` prints the new cluster's URL; ``stop URL`` stops the cluster of that URL
    (``watch ROOT PID`` is a tied cluster's watchdog, started by :func:`start_cluster`)."""
    if argv[:1] == ["start"] and len(argv) == 1:
        print(start_cluster(tied=False).url)  # for a whole CI run: its trap stops it
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        stop_cluster(cluster_of(argv[1]))
        return 0
    if argv[:1] == ["watch"] and len(argv) == 3:
        watch(Path(argv[1]), int(argv[2]))
        return 0
    print("usage: python tests/pg_cluster.py start | stop URL", file=sys.stderr)
    return 2


def cluster_of(url: str) -> Cluster:
    """The cluster a URL made by :attr:`Cluster.url` names."""
    query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
    return Cluster(Path(query["host"]), query["user"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
