"""A throwaway PostgreSQL cluster for the tests: made in a temporary folder, reached by a socket.

Debian's ``initdb`` and ``pg_ctl`` make and start it as an unprivileged user
(``initdb`` refuses to run as root: as root, the ``postgres`` account or
``nobody`` owns it), listening on no TCP port at all, only on a Unix socket in
its own folder, so that clusters of parallel test runs never meet. It is
stopped (immediately: nothing in it is worth keeping) and removed at the end.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_SECONDS = 60
"""How long ``pg_ctl start`` may wait for the server to accept connections."""


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
        return Path(on_path).parent
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


def start_cluster() -> Cluster:
    """Make and start a new cluster in a new temporary folder (see :func:`stop_cluster`)."""
    programs = server_programs()
    if programs is None:
        raise FileNotFoundError("PostgreSQL's initdb and pg_ctl are not installed")
    owner = _owner()
    root = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    for folder in (root, sockets):
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    os.chmod(root, 0o755)
    quiet = {"env": _environment(), "capture_output": True, "check": True, "cwd": root}
    try:
        subprocess.run(
            _as(owner, [str(programs / "initdb"), "--pgdata", str(data), "--username",
                        owner.pw_name, "--auth", "trust", "--encoding", "UTF8", "--no-sync"]),
            **quiet,
        )  # fmt: skip
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{sockets}'"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200"
        )
        subprocess.run(
            _as(owner, [str(programs / "pg_ctl"), "--pgdata", str(data), "--options", options,
                        "--log", str(root / "server.log"), "--timeout", str(START_SECONDS),
                        "--wait", "start"]),
            **quiet,
        )  # fmt: skip
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return Cluster(sockets, owner.pw_name)


def stop_cluster(cluster: Cluster) -> None:
    """Stop a cluster at once (nothing in it is worth keeping) and remove its folder."""
    programs = server_programs()
    root = cluster.socket_dir.parent
    if programs is not None:
        subprocess.run(
            _as(_owner(), [str(programs / "pg_ctl"), "--pgdata", str(root / "data"), "--mode",
                           "immediate", "stop"]),
            env=_environment(), capture_output=True, check=False, cwd=root,
        )  # fmt: skip
    shutil.rmtree(root, ignore_errors=True)


def _environment() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"}


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """A new cluster, running for the ``with`` block, then stopped and removed."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


def main(argv: list[str]) -> int:
    """``start`` prints the new cluster's URL; ``stop URL`` stops the cluster of that URL."""
    if argv[:1] == ["start"] and len(argv) == 1:
        print(start_cluster().url)
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        stop_cluster(cluster_of(argv[1]))
        return 0
    print("usage: python tests/pg_cluster.py start | stop URL", file=sys.stderr)
    return 2


def cluster_of(url: str) -> Cluster:
    """The cluster a URL made by :attr:`Cluster.url` names."""
    query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
    return Cluster(Path(query["host"]), query["user"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
