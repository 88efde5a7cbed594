"""``briefing-tui serve``: the reader served to a browser by textual-serve.

The server runs as a real process on a free loopback port; the served reader is read
through the page's websocket (``serving.py``). ``test_browser.py`` opens the page in Chromium.
"""

from __future__ import annotations

import asyncio
import importlib.util
import shlex
import shutil
import signal
import socket
import sys
import urllib.request
from pathlib import Path

import pytest
from serving import (
    HOSTILE_NAME,
    LOOKALIKES,
    LOOKALIKES_TITLE,
    STARTS_WITHIN,
    free_port,
    page_websocket,
    reader_screen,
    serving,
)

from tui.cli import main, serve
from tui.cli.address import Address, AddressError, listen
from tui.cli.exits import EXIT_OK, EXIT_USAGE

BUNDLED = Path(__file__).resolve().parent.parent / "content" / "blinken-colombia.yaml"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shells and signals")

needs_textual_serve = pytest.mark.skipif(
    importlib.util.find_spec("textual_serve") is None,
    reason="textual-serve is not installed (pip install -e '.[test]')",
)

TITLE = "Colombia trying to mend"  # the bundled briefing's title


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """The markup-lookalike briefing under a name a shell would run something from."""
    path = tmp_path / HOSTILE_NAME
    shutil.copyfile(LOOKALIKES, path)
    return path


def test_without_textual_serve_serve_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    assert main(["serve"]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "briefing-tui: serve needs textual-serve, which is not installed;"
        " install it with: pip install 'briefing-tui[serve]'\n"
    )


@pytest.mark.parametrize(
    "name", [HOSTILE_NAME, "-starts-with-a-dash.yaml", "new\nline.yaml", "tab\there.yaml"]
)
def test_the_served_command_runs_the_reader_on_exactly_the_path(name: str) -> None:
    args = serve.parser().parse_args(["--strict", "--", name])
    args.section = None
    words = shlex.split(serve.served_command(args))
    assert words[:4] == ["exec", sys.executable, "-m", "tui.cli.served"]
    assert words[-2:] == ["--", str(Path(name).absolute())]
    assert "--strict" in words


@needs_textual_serve
def test_serve_shows_the_reader_on_a_file_with_any_name(hostile_file: Path, tmp_path: Path) -> None:
    """A name with quotes, ``;``, ``$(…)`` and backquotes is a name: nothing runs."""
    import aiohttp

    with serving(hostile_file, tmp_path) as served:
        assert served.banner == (
            f"briefing-tui: serving {hostile_file} at {served.url} (Ctrl+C to stop)\n"
        )
        # Another site open in the same browser cannot read the briefing through the
        # websocket; the server's own page, under any loopback name, can.
        for origin in ("http://evil.example", "http://127.0.0.1.evil.example:8000", "null"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                reader_screen(served.url, until="Talking points", origin=origin)
            assert refused.value.status == 403
        port = served.url.rsplit(":", 1)[1]
        screen = reader_screen(
            served.url, until="Talking points", origin=f"http://localhost:{port}"
        )
        assert LOOKALIKES_TITLE in screen, screen
        assert "Talking points" in screen, screen
        # The page names the briefing; its title is text there, never markup.
        with urllib.request.urlopen(served.url) as response:
            page = response.read().decode("utf-8")
        assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
        assert "<script>alert" not in page
        served.stop()
    assert not list(tmp_path.glob("PWNED*")), "the file name ran as a command"


@needs_textual_serve
async def test_ctrl_c_stops_the_server_and_the_readers_it_runs(tmp_path: Path) -> None:
    """With a browser still reading: its session ends, the server exits 0, says nothing."""
    with serving(None, tmp_path, "--no-resume") as served:
        async with page_websocket(served.url) as (websocket, terminal):
            screen = await asyncio.wait_for(terminal.read_until(websocket, TITLE), STARTS_WITHIN)
            assert TITLE in screen, screen
            served.process.send_signal(signal.SIGINT)
            await asyncio.wait_for(terminal.read_until(websocket, "never shown"), STARTS_WITHIN)
            assert websocket.closed
        code = await asyncio.to_thread(served.process.wait, STARTS_WITHIN)
        assert served.process.stdout is not None and served.process.stderr is not None
        said = (served.process.stdout.read() + served.process.stderr.read()).decode()
    assert code == EXIT_OK, said
    assert said == ""  # the banner was read; nothing after it: no traceback


@needs_textual_serve
def test_a_briefing_that_cannot_be_opened_says_why_in_the_browser(tmp_path: Path) -> None:
    """What the reader says on a terminal's stderr instead of opening, the browser shows."""
    briefing = tmp_path / "brief.yaml"
    shutil.copyfile(LOOKALIKES, briefing)
    with serving(briefing, tmp_path, "--no-resume") as served:
        briefing.write_text("format: briefing/1\ntitle: [oops\n", encoding="utf-8")
        screen = reader_screen(served.url, until="brief.yaml:2")
        served.stop()
    assert "briefing-tui could not open the briefing:" in screen, screen
    assert "brief.yaml:2:" in screen, screen


@needs_textual_serve
def test_serve_gives_a_folder_to_the_reader(tmp_path: Path) -> None:
    """A DIR is the reader's to open: the browser shows its library."""
    folder = tmp_path / "briefings; touch PWNED"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "briefing.yaml")
    with serving(folder, tmp_path, "--no-resume") as served:
        assert served.banner.startswith(f"briefing-tui: serving {folder} at")
        screen = reader_screen(served.url, until="Colombia trying to mend")
        served.stop()
    assert "Colombia trying to mend" in screen, screen
    assert not list(tmp_path.glob("PWNED*"))


@needs_textual_serve
def test_serve_checks_the_file_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: briefing/1\ntitle: 3\n", encoding="utf-8")
    assert main(["serve", str(bad)]) == 1
    assert "bad.yaml:1:1: error: missing required key" in capsys.readouterr().err
    assert main(["serve", str(tmp_path / "missing.yaml")]) == EXIT_USAGE
    assert "no such file" in capsys.readouterr().err
    assert main(["serve", "-"]) == EXIT_USAGE
    assert "cannot read standard input" in capsys.readouterr().err


@needs_textual_serve
def test_a_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"briefing-tui: 127.0.0.1:{port}: the port is in use (by another server?);"
        " choose another --port\n"
    )


@needs_textual_serve
def test_listening_beyond_this_machine_is_warned_of(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[Address] = []

    def serve_nothing(_c: str, _t: str, address: Address, _w: str, sockets: list) -> int:
        for each in sockets:
            each.close()
        served.append(address)
        return EXIT_OK

    monkeypatch.setattr(serve, "_serve", serve_nothing)
    port = str(free_port())
    assert main(["serve", "--port", port, "--host", "0.0.0.0"]) == EXIT_OK
    assert served[0].loopback is False
    assert capsys.readouterr().err == (
        "briefing-tui: warning: listening on 0.0.0.0, not on this machine only:"
        " anyone who can reach it can read the briefing\n"
    )
    for host in ("127.0.0.1", "localhost"):
        assert main(["serve", "--port", port, "--host", host]) == EXIT_OK
        assert served[-1].loopback is True
        assert capsys.readouterr().err == ""


def test_the_address_is_checked() -> None:
    with pytest.raises(AddressError, match="not a host name or address"):
        listen("no-such-host.invalid", 8000)
    with pytest.raises(AddressError, match="empty"):
        listen(" ", 8000)
    assert Address("::1", 8000, loopback=True).url == "http://[::1]:8000"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://127.0.0.1:8001", False),  # another server on this machine
        ("https://127.0.0.1:8000", False),
        ("http://evil.example:8000", False),  # a name made to point here
        ("http://10.0.0.1:8000", False),
        ("null", False),
        ("http://[bad", False),
    ],
)
def test_only_the_servers_own_page_may_connect(origin: str | None, allowed: bool) -> None:
    assert Address("127.0.0.1", 8000, loopback=True).page_may_connect(origin) is allowed
