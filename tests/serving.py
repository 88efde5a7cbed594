"""Run ``briefing-tui serve`` as a user would, and read the reader it serves (a helper module).

The server is a real process on a free loopback port; its reader is read through the
websocket the page uses, its output fed to a pyte screen, as the page's terminal shows it.
Waiting is on the server's output and the websocket's messages, never a fixed sleep.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyte

if TYPE_CHECKING:
    import aiohttp  # with textual-serve; imported when used

ROOT = Path(__file__).resolve().parent.parent
LOOKALIKES = ROOT / "tests" / "data" / "export" / "markup-lookalikes.yaml"
"""Markup and script in every field; its title: :data:`LOOKALIKES_TITLE`."""
LOOKALIKES_TITLE = "# <script>alert('title')</script> & *title* #"

HOSTILE_NAME = 'it\'s a "brief"; touch PWNED; $(touch PWNED) `touch PWNED` -x.yaml'
"""A file name that a shell would run something from, were it not quoted."""

STARTS_WITHIN = 60.0
"""Seconds a server or a reader may take to start on a busy machine (it takes one or two)."""

#: Variables that would change how the reader starts or draws.
_UNSET = ("COLUMNS", "LINES", "TEXTUAL", "TEXTUAL_DEBUG", "TEXTUAL_DRIVER", "NO_COLOR")


def free_port() -> int:
    """A loopback port that nothing listens on (the system's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def read_line(process: subprocess.Popen[bytes], timeout: float) -> str:
    """The next line of the process's stdout; "" if it ends or says nothing in time."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline().decode("utf-8", "replace") if ready else ""


@dataclass
class Served:
    """A running ``briefing-tui serve``."""

    process: subprocess.Popen[bytes]
    url: str
    banner: str
    """What it said when it started (``briefing-tui: serving … at URL``)."""

    def stop(self) -> tuple[int, str]:
        """Ctrl+C (SIGINT to the server alone); its exit code and all it printed."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=STARTS_WITHIN)
        return self.process.returncode, (out + err).decode("utf-8", "replace")


@contextmanager
def serving(path: Path | None, state_dir: Path, *options: str) -> Iterator[Served]:
    """``briefing-tui serve PATH`` on a free loopback port, in ``state_dir``, stopped after."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in _UNSET}
    env.update(BRIEFING_TUI_STATE_DIR=str(state_dir), PYTHONPATH=str(ROOT))
    argv = [sys.executable, "-m", "tui", "serve", "--port", str(port), *options]
    argv += ["--", str(path)] if path is not None else []
    # Its own process group: a test that fails ends the readers it started too, not only
    # the server (killed alone, it left them running after the test run).
    process = subprocess.Popen(
        argv,
        cwd=state_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        banner = read_line(process, STARTS_WITHIN)
        if "serving" not in banner:
            _kill_group(process)
            out, err = process.communicate()
            raise AssertionError(f"the server did not start: {banner}{out!r}{err!r}")
        yield Served(process, f"http://127.0.0.1:{port}", banner)
    finally:
        if process.poll() is None:
            _kill_group(process)
            process.communicate()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the server and every reader it runs."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


class Terminal:
    """What the page's terminal shows: the served reader's output, on a pyte screen."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.size = size
        self.screen = pyte.Screen(*size)
        self._stream = pyte.ByteStream(self.screen)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def feed(self, frame: bytes | str) -> None:
        """One message of the websocket: the reader's output is binary, the rest is JSON."""
        if isinstance(frame, bytes):
            self._stream.feed(frame)

    async def read_until(self, websocket: aiohttp.ClientWebSocketResponse, until: str) -> str:
        """Feed the reader's output until ``until`` is on the screen (or the session ends)."""
        import aiohttp

        async for message in websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.feed(message.data)
                if until in self.text():
                    break
        return self.text()


@asynccontextmanager
async def page_websocket(
    url: str, *, origin: str | None = None, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[aiohttp.ClientWebSocketResponse, Terminal]]:
    """The served reader's websocket, opened as the page opens it (sending ``origin`` as a
    browser would); raises what the handshake does (403, …)."""
    import aiohttp

    width, height = size
    headers = {"Origin": origin} if origin is not None else {}
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{url}/ws?width={width}&height={height}", headers=headers) as socket_,
    ):
        yield socket_, Terminal(size)


def reader_screen(url: str, until: str, *, origin: str | None = None) -> str:
    """The served reader's screen once ``until`` is on it, or when the server ends it."""

    async def read() -> str:
        async with page_websocket(url, origin=origin) as (websocket, terminal):
            return await terminal.read_until(websocket, until)

    return asyncio.run(asyncio.wait_for(read(), timeout=STARTS_WITHIN))
