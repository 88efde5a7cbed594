"""Where ``briefing-tui serve`` listens: the address checked before serving, its URL, and
which pages may open the reader's websocket.

The command listens before the server starts, so that a port in use is one clear
line, not an error in the middle of the server's start, and a browser that comes
early waits rather than being refused. A browser sends the address of the
page that opens a websocket (its ``Origin``); only the reader's own page may, so that
another site open in the same browser cannot read the briefing through it.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from tui.cli.output import os_reason
from tui.text import sanitize_line

WILDCARDS = frozenset({"0.0.0.0", "::"})
"""Hosts that mean every address of the machine."""


class AddressError(Exception):
    """The host and port cannot be listened on; the message says why, in one line."""


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_loopback(text: str) -> bool:
    try:
        return ipaddress.ip_address(text.split("%")[0]).is_loopback
    except ValueError:
        return False


def _machine_names() -> set[str]:
    """This machine's name and the addresses it resolves to, for a server on every address."""
    name = socket.gethostname()
    names = {name.lower()}
    with contextlib.suppress(OSError):
        names |= {str(info[4][0]) for info in socket.getaddrinfo(name, None)}
    return names


@dataclass(frozen=True)
class Address:
    """A host and port that the server can listen on."""

    host: str
    port: int
    loopback: bool
    """Every address the host stands for is this machine's own (127.0.0.1, ::1)."""

    @property
    def wildcard(self) -> bool:
        """The host is every address of the machine."""
        return self.host in WILDCARDS

    @property
    def url(self) -> str:
        """The page's address: for every address, by the machine's name."""
        host = socket.gethostname() if self.wildcard else self.host
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    def page_may_connect(self, origin: str | None) -> bool:
        """Whether a page at ``origin`` (a websocket's ``Origin`` header) may run a reader.

        None (no browser) may; else the page must be served by this server: on its
        port, under a name of this machine (never an outside site, nor a name that
        was made to point here).
        """
        if origin is None:
            return True
        try:
            parts = urlsplit(origin)
            port = parts.port or 80
        except ValueError:
            return False
        hostname = (parts.hostname or "").lower()
        if parts.scheme != "http" or port != self.port or not hostname:
            return False
        names = {"localhost", self.host.lower()}
        if self.wildcard:
            names |= _machine_names()
        return hostname in names or _is_loopback(hostname)

    def cannot_listen(self, error: OSError) -> str:
        """Why the server cannot listen here, in one line."""
        where = f"{sanitize_line(self.host)}:{self.port}"
        if error.errno == errno.EADDRINUSE:
            return f"{where}: the port is in use (by another server?); choose another --port"
        if error.errno == errno.EACCES:
            return f"{where}: permission denied (ports below 1024 need root); choose another --port"
        if error.errno == errno.EADDRNOTAVAIL:
            return f"{where}: not an address of this machine; choose another --host"
        return f"{where}: cannot listen: {os_reason(error)}"


def listen(host: str, port: int) -> tuple[Address, list[socket.socket]]:
    """The address, and a socket listening on each address ``host`` stands for: a port in
    use is found here, before the server starts; else :class:`AddressError`."""
    if not host.strip():
        raise AddressError("--host is empty; 127.0.0.1 is this machine only")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "unknown"
        raise AddressError(
            f"{sanitize_line(host)}: not a host name or address ({reason})"
        ) from None
    address = Address(host, port, loopback=all(_is_loopback(str(info[4][0])) for info in infos))
    sockets: list[socket.socket] = []
    try:
        for family, kind, protocol, _, where in infos:
            listening = socket.socket(family, kind, protocol)
            sockets.append(listening)
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:  # "::" is IPv6 only; 0.0.0.0 has its own socket
                listening.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            listening.bind(where)
            listening.listen(128)
    except OSError as error:
        for each in sockets:
            each.close()
        raise AddressError(address.cannot_listen(error)) from None
    return address, sockets
