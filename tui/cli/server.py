"""textual-serve's server, as ``briefing-tui serve`` runs it.

Imported only once the optional extra is known to be installed. textual-serve's
pages and handlers, served on the sockets the command listens on, with: one
line once it serves (not its banner and request log), a websocket only for the
reader's own page (see :mod:`tui.cli.address`), and the browsers' sessions
ended when it stops.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sys

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from tui.cli.address import Address
from tui.text import sanitize_line


class BriefingServer(Server):
    """Serves the reader on ``command`` at ``address``; the page is named ``title``, and the
    terminal told it serves ``what`` (a path)."""

    def __init__(self, command: str, title: str, address: Address, what: str) -> None:
        super().__init__(
            command, host=address.host, port=address.port, title=title, public_url=address.url
        )
        self.address = address
        self.what = what
        self.sessions: set[asyncio.Task[object]] = set()
        """The requests that run a reader for a browser, ended when the server stops."""

    def initialize_logging(self) -> None:
        """Only warnings and errors, one line each, on stderr."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("briefing-tui serve: %(message)s"))
        for name in ("textual-serve", "aiohttp"):
            logger = logging.getLogger(name)
            logger.addHandler(handler)
            logger.setLevel(logging.WARNING)
            logger.propagate = False

    def serve_on(self, sockets: list[socket.socket]) -> None:
        """Serve on the listening ``sockets`` until Ctrl+C (SIGINT) or SIGTERM."""
        self.initialize_logging()
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [  # as textual-serve's own (its page names them), but no folder listing
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        web.run_app(app, sock=sockets, print=self.announce, access_log=None)

    def announce(self, _aiohttp_says: str) -> None:
        """Once it serves: where to point the browser."""
        print(
            f"briefing-tui: serving {sanitize_line(self.what)} at {self.address.url}"
            " (Ctrl+C to stop)",
            flush=True,
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run a reader for the reader's own page only; another site's page is refused."""
        if not self.address.page_may_connect(request.headers.get("Origin")):
            raise web.HTTPForbidden(text="briefing-tui: this page may not open the reader")
        session = asyncio.current_task()
        if session is not None:
            self.sessions.add(session)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(session)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every browser's session (its reader quits), rather than wait for browsers
        to leave: Ctrl+C stops the server at once."""
        for session in list(self.sessions):
            session.cancel()
