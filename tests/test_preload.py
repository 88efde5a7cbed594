"""The background load gives exactly what loading in this process gives, good file or bad."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import preload
from tui.format.bundled import default_briefing_path
from tui.format.limits import Limits
from tui.format.loader import load_path
from tui.format.problems import BackgroundLoadFailed, BriefingError, UnreadableFileError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="loads in the call itself")

DATA = Path(__file__).parent / "data"
# The channel and the child's work are private seams of preload: no public way to pick them.
CHANNELS = [
    pytest.param(preload._channel, id="default"),
    pytest.param(preload._Pipe, id="pipe"),
]


def background(path: Path, strict: bool = False) -> object:
    return preload.load_in_background(path, Limits(), strict)()


@pytest.fixture(params=CHANNELS)
def channel(request, monkeypatch):
    monkeypatch.setattr(preload, "_channel", request.param)


def large_briefing(tmp_path: Path, paragraphs: int) -> Path:
    """A valid briefing of about ``paragraphs`` × 100 bytes (more than a pipe holds)."""
    text = "A paragraph of ordinary words, long enough to fill a line or two of the body. "
    body = "".join(f"      - {text}{i}\n" for i in range(paragraphs))
    path = tmp_path / "large.yaml"
    path.write_text(f"title: Large\nsections:\n  - heading: All\n    body:\n{body}")
    return path


def test_a_valid_briefing_arrives_whole(channel, tmp_path):
    for path in (default_briefing_path(), large_briefing(tmp_path, 20_000)):
        assert background(path) == load_path(path)


def test_problems_arrive_as_the_same_error(channel):
    path = DATA / "bad" / "several-problems.yaml"
    with pytest.raises(BriefingError) as in_process:
        load_path(path)
    with pytest.raises(BriefingError) as in_background:
        background(path)
    assert in_background.value.problems == in_process.value.problems


def test_strict_is_passed_on(channel):
    path = DATA / "bad" / "unknown-key.yaml"
    assert background(path).warnings  # type: ignore[attr-defined]
    with pytest.raises(BriefingError):
        background(path, strict=True)


def test_an_unreadable_path_is_reported(channel, tmp_path):
    with pytest.raises(UnreadableFileError) as error:
        background(tmp_path)  # a folder
    assert (error.value.path, error.value.reason) == (
        str(tmp_path),
        "is a directory, not a briefing file",
    )


def test_a_crash_in_the_child_is_an_error_not_a_hang(channel, monkeypatch):
    def crash(*_args: object) -> object:
        raise MemoryError("out of memory")

    monkeypatch.setattr(preload, "_load", crash)
    with pytest.raises(BackgroundLoadFailed, match="MemoryError: out of memory"):
        background(default_briefing_path())


def test_a_child_that_dies_without_a_word_is_an_error(channel, monkeypatch):
    monkeypatch.setattr(preload, "_load", lambda *_args: os._exit(9))
    with pytest.raises(BackgroundLoadFailed, match="without a result"):
        background(default_briefing_path())


def test_a_child_whose_parent_leaves_early_does_not_linger(tmp_path):
    """The parent exits without waiting (an import error, a kill): the child must end too."""
    script = tmp_path / "leave.py"
    script.write_text(
        "import os, sys\n"
        "from tui.cli import preload\n"
        "from tui.format.limits import Limits\n"
        "fork = os.fork\n"
        "def remember():\n"
        "    pid = fork()\n"
        "    if pid:\n"
        "        print(pid, flush=True)\n"
        "    return pid\n"
        "os.fork = remember\n"
        "preload._channel = preload._Pipe  # the channel where the child can block\n"
        f"preload.load_in_background({str(large_briefing(tmp_path, 20_000))!r}, Limits(), False)\n"
        "os._exit(0)  # gone without reading\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    child = int(done.stdout.split()[0])
    for _ in range(200):  # up to 10 s for it to finish loading and fail to send
        try:
            state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return  # gone
        if state == "Z":
            return  # ended (a zombie until init reaps it)
        time.sleep(0.05)
    pytest.fail(f"the loader child {child} is still alive (state {state})")
