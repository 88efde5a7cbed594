"""Shared helpers for the benchmark scripts (not a test module, not part of ``tui``).

Every script in this folder is run as ``python benchmarks/NAME.py``, which puts
this folder first on ``sys.path``; that is how they import this module.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BUNDLED = REPO / "content" / "blinken-colombia.yaml"

#: The measure names, as printed in the table; the smoke test looks for each.
MEASURES = (
    "synthetic briefings",
    "start-up ratio",
    "large-file open ratio",
    "load ratio",
    "key latency",
    "peak memory",
    "import time",
)

COLUMNS, ROWS = 120, 40


# -- results -------------------------------------------------------------------


@dataclass
class Row:
    """One line of the results table."""

    measure: str
    target: str
    measured: str
    status: str  # "pass", "FAIL", "info" or "ERROR"
    notes: list[str] = field(default_factory=list)


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def print_table(rows: Sequence[Row], stream=None) -> None:
    """Print rows as a fixed-width table, then each row's notes."""
    stream = stream or sys.stdout
    headers = ("measure", "target", "measured", "result")
    cells = [(r.measure, r.target, r.measured, r.status) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]

    def line(values: Iterable[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    print(line(headers), file=stream)
    print("  ".join("-" * w for w in widths), file=stream)
    for values in cells:
        print(line(values), file=stream)
    notes = [(r.measure, n) for r in rows for n in r.notes]
    if notes:
        print(file=stream)
        for measure, note in notes:
            print(f"  [{measure}] {note}", file=stream)


def wall_time(function: Callable[[], object]) -> float:
    """Seconds one call takes (after a collection, so that an earlier run's garbage is not
    collected during this one)."""
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def cpu_time(function: Callable[[], object]) -> float:
    """CPU seconds of this process that one call takes (after a collection): on a machine
    shared with other work, what the call costs, not how long it waited for a core."""
    gc.collect()
    start = time.process_time()
    function()
    return time.process_time() - start


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` in 0..1) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def log(message: str) -> None:
    """Progress, on stderr so that stdout holds only results."""
    print(message, file=sys.stderr, flush=True)


# -- the machine ---------------------------------------------------------------


def machine() -> str:
    """One line about where the figures were taken."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for text_line in Path("/proc/cpuinfo").read_text().splitlines():
            if text_line.startswith("model name"):
                model = text_line.split(":", 1)[1].strip()
                break
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:
        textual = "?"
    load = ""
    with contextlib.suppress(OSError):
        load = f", load avg {os.getloadavg()[0]:.2f}"
    return (
        f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model};"
        f" Python {platform.python_version()}, Textual {textual}{load}"
    )


# -- which app -----------------------------------------------------------------

_real_app: bool | None = None


def real_app_available() -> bool:
    """True if ``tui.ui.app.BriefingApp`` imports (checked in a child, once)."""
    global _real_app
    if _real_app is None:
        probe = subprocess.run(
            [sys.executable, "-c", "from tui.ui.app import BriefingApp"],
            cwd=REPO,
            capture_output=True,
            timeout=60,
        )
        _real_app = probe.returncode == 0
    return _real_app


def use_real_app(choice: str) -> bool:
    """Resolve ``--app auto|real|standin``."""
    if choice == "real":
        return True
    if choice == "standin":
        return False
    return real_app_available()


def app_label(real: bool) -> str:
    if real:
        return "briefing-tui (tui.ui.app.BriefingApp)"
    return "STAND-IN app (benchmarks/standin_app.py)"


def briefing_app_class(real: bool):
    """The App class to measure: the real one, or the stand-in in this folder."""
    if real:
        from tui.ui.app import BriefingApp

        return BriefingApp
    from standin_app import StandInApp

    return StandInApp


def cli_command(*args: str) -> list[str]:
    """``briefing-tui ARGS`` (the installed script, or ``python -m tui``)."""
    script = Path(sys.executable).with_name("briefing-tui")
    if not script.exists():
        found = shutil.which("briefing-tui")
        script = Path(found) if found else script
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "tui", *args]


def reader_command(real: bool, path: str | os.PathLike[str] | None = None) -> list[str]:
    """The command that opens the reader on ``path`` (the bundled briefing if None)."""
    extra = [os.fspath(path)] if path is not None else []
    if real:
        return cli_command(*extra)
    return [sys.executable, str(HERE / "standin_app.py"), *extra]


def bare_command(text: str, title: str) -> list[str]:
    return [sys.executable, str(HERE / "bare_app.py"), "--title", title, "--text", text]


# -- text on screen ------------------------------------------------------------

_MARKUP = re.compile(r"[*_`\[\]()<>#]|https?:")


def distinctive_phrase(briefing, words: int = 3) -> str:
    """A few words of the first paragraph that occur nowhere else in the briefing.

    Only words free of inline Markdown are used, so the phrase reads the same
    on screen as in the file. Looking for it shows the *body* is on screen,
    not a title or subtitle that happens to repeat it.
    """
    from tui.model import block_texts

    first = briefing.sections[0].blocks[0]
    others = [
        briefing.title,
        briefing.subtitle or "",
        briefing.summary or "",
        *(s.heading for s in briefing.sections),
        *[t for s in briefing.sections for b in s.blocks for t in block_texts(b)][1:],
        *(p.text for p in briefing.talking_points),
        *(q.text for q in briefing.quotes),
    ]
    haystack = "\n".join(others)
    tokens = first.split()
    for size in (words, words - 1, 1):
        for start in range(len(tokens) - size + 1):
            window = tokens[start : start + size]
            if any(_MARKUP.search(token) for token in window):
                continue
            phrase = " ".join(window).strip(".,;:!?")
            if len(phrase) >= 6 and phrase not in haystack:
                return phrase
    raise ValueError("the first paragraph has no phrase of its own")


_EDGE = "│┃║|▌▐█"


def phrase_visible(lines: Sequence[str], phrase: str) -> bool:
    """True if ``phrase`` is on one line, or wrapped at a space onto the next.

    A wrapped phrase must end its line (or its pane, at a border) and start
    the next one, so that common words on the next line do not count.
    """
    words = phrase.split()
    for index, text_line in enumerate(lines):
        if phrase in text_line:
            return True
        if index + 1 >= len(lines):
            continue
        following = lines[index + 1]
        for cut in range(1, len(words)):
            head = re.escape(" ".join(words[:cut])) + rf"\s*(?:[{_EDGE}]|$)"
            tail = rf"(?:^|[{_EDGE}])\s*" + re.escape(" ".join(words[cut:]))
            if re.search(head, text_line) and re.search(tail, following):
                return True
    return False


# -- a real pseudo-terminal ----------------------------------------------------


@dataclass
class PtyRun:
    seconds: float  # launch to the phrase on screen
    peak_rss_kib: int  # the child's VmHWM just before it was killed, KiB
    ru_maxrss_kib: int  # ru_maxrss from wait4, KiB; see peak_rss() for why it is not used
    screen: list[str]
    settled: float = 0.0  # seconds from the phrase to the end of the settle wait


def peak_rss(pid: int) -> int:
    """The peak resident set (VmHWM, KiB) of a live process, or 0 if unknown.

    Why not the child's ``ru_maxrss`` (``os.wait4``, ``RUSAGE_CHILDREN``)? On
    Linux it also counts the pages the child had between fork and exec, which
    are the *parent's*: the bare app spawned from a harness holding 300 MB
    reports ru_maxrss 322 MB and VmHWM 34 MB. The harness holds the loaded
    20,000-paragraph briefing, so ru_maxrss would measure the harness. VmHWM
    belongs to the memory map the program got at exec.
    """
    try:
        with open(f"/proc/{pid}/status") as status:
            for text_line in status:
                if text_line.startswith("VmHWM:"):
                    return int(text_line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class PtyError(RuntimeError):
    pass


def _child_setup() -> None:  # pragma: no cover - runs in the child
    # A session of its own with the pty as controlling terminal, as in a shell.
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def cpu_ticks(pid: int) -> int | None:
    """User + system CPU time of a live process, in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None


_state_dir: tempfile.TemporaryDirectory[str] | None = None


def _empty_state_dir() -> str:
    """A folder for the reader's saved positions, empty, removed when the benchmarks end."""
    global _state_dir
    if _state_dir is None:
        _state_dir = tempfile.TemporaryDirectory(prefix="briefing-bench-state-")
    return _state_dir.name


def _pump(master: int, chunks: queue.Queue[tuple[float, bytes]]) -> None:
    """Read the pty as fast as the child writes, stamping each chunk with its arrival."""
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal, or we closed it
            data = b""
        chunks.put((time.perf_counter(), data))
        if not data:
            return


def _pty_env() -> dict[str, str]:
    """The environment of a command run in a pty: a colour terminal, an empty state folder."""
    env = dict(os.environ)
    env["TERM"] = "xterm-256color"
    # PYTHONDONTWRITEBYTECODE (set in some sandboxes) would make an editable
    # install compile the package at every launch; users' installs are compiled.
    for name in (
        "COLUMNS",
        "LINES",
        "TEXTUAL",
        "TEXTUAL_DEBUG",
        "NO_COLOR",
        "TEXTUAL_DRIVER",
        "PYTHONDONTWRITEBYTECODE",
    ):
        env.pop(name, None)
    env.setdefault("COLORTERM", "truecolor")
    # The reader would reopen the bundled briefing where someone last left it,
    # and its first paragraph would not be on screen: a state folder of its own.
    env["BRIEFING_TUI_STATE_DIR"] = _empty_state_dir()
    return env


def run_in_pty(
    command: Sequence[str],
    phrase: str,
    *,
    timeout: float = 120.0,
    settle: float = 0.0,
    until_idle: bool = False,
    size: tuple[int, int] = (COLUMNS, ROWS),
) -> PtyRun:
    """Launch ``command`` in a pty and time how long until ``phrase`` is on screen.

    A thread reads the pty as the child writes and stamps each chunk with the
    time it arrived; the main thread feeds the chunks to a ``pyte`` screen of
    the same size. The clock starts just before the launch and stops at the
    arrival of the chunk after which the phrase is visible. Why the arrival
    and not the end of ``pyte``'s work: pyte is pure Python (it took 60-70
    ms to emulate the reader's output up to its first paragraph, 30-50 ms the
    bare app's; a real terminal takes about one), so timing it would charge
    every app for its emulator in proportion to how much its screen holds,
    and a slow reader would also block the child's writes. Then output is
    drained for ``settle`` seconds more, or with ``until_idle`` until the
    child has used no CPU for half a second
    (``settle`` being the most to wait), before the child is killed: for its
    peak memory once the work after the first frame is done too. Only this
    child is ever signalled, by its pid.
    """
    import pyte

    columns, rows = size
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = _pty_env()
    chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)  # the reading thread gets the GIL soon after data arrives
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(command),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        env=env,
        start_new_session=True,
        preexec_fn=_child_setup,
        close_fds=True,
    )
    os.close(slave)
    reader = threading.Thread(target=_pump, args=(master, chunks), daemon=True)
    reader.start()
    found_at: float | None = None  # when the chunk that shows the phrase arrived
    shown_at = 0.0  # when pyte had drawn it
    ticks: list[int | None] = []
    next_sample = 0.0
    try:
        deadline = start + timeout
        while True:
            now = time.perf_counter()
            if found_at is not None:
                if now >= shown_at + settle:
                    break
                if until_idle and now >= next_sample:
                    ticks.append(cpu_ticks(proc.pid))
                    next_sample = now + 0.25
                    if len(ticks) >= 3 and ticks[-1] is not None and ticks[-1] == ticks[-3]:
                        break
            elif now >= deadline:
                raise PtyError(
                    f"{phrase!r} not on screen after {timeout:.0f} s; screen:\n"
                    + "\n".join(line.rstrip() for line in screen.display).strip()
                )
            try:
                arrived, data = chunks.get(timeout=0.05)
            except queue.Empty:
                continue
            if not data:
                if found_at is not None:
                    break
                proc.wait(timeout=5)
                raise PtyError(
                    f"exited with {proc.returncode} before {phrase!r} was on screen:\n"
                    + "\n".join(line.rstrip() for line in screen.display).strip()
                )
            stream.feed(data)
            if found_at is None and phrase_visible(screen.display, phrase):
                found_at, shown_at = arrived, time.perf_counter()
    finally:
        sys.setswitchinterval(switch_interval)
        ended = time.perf_counter()
        peak = peak_rss(proc.pid) if proc.poll() is None else 0
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
        rss = 0
        try:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            rss = usage.ru_maxrss
        except ChildProcessError:  # already reaped by proc.wait above
            proc.wait()
        os.close(master)
        reader.join(timeout=5)
    assert found_at is not None
    return PtyRun(found_at - start, peak, rss, list(screen.display), ended - found_at)


class PtySession:
    """A command kept running in a pty, its screen followed, to time what appears on it.

    As in :func:`run_in_pty`, a thread stamps each chunk of output with its
    arrival; :meth:`wait_for` feeds them to a ``pyte`` screen and returns the
    arrival of the chunk after which a phrase is visible. Only this child is
    ever signalled, by its pid (:meth:`close`).
    """

    def __init__(self, command: Sequence[str], size: tuple[int, int] = (COLUMNS, ROWS)) -> None:
        import pyte

        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0005)  # the reading thread gets the GIL soon after data arrives
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=REPO,
            env=_pty_env(),
            start_new_session=True,
            preexec_fn=_child_setup,
            close_fds=True,
        )
        os.close(slave)
        self._reader = threading.Thread(
            target=_pump, args=(self._master, self._chunks), daemon=True
        )
        self._reader.start()
        self.ended = False

    def _feed(self, wait: float) -> float | None:
        """Feed one chunk to the screen (waiting at most ``wait`` s); its arrival, or None."""
        try:
            arrived, data = self._chunks.get(timeout=wait)
        except queue.Empty:
            return None
        if not data:
            self.ended = True
            raise PtyError("the command closed its terminal:\n" + self.text())
        self._stream.feed(data)
        return arrived

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display).strip()

    def wait_for(self, phrase: str, timeout: float = 60.0) -> float:
        """The arrival time of the chunk after which ``phrase`` is on screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            arrived = self._feed(0.05)
            if arrived is not None and phrase_visible(self.screen.display, phrase):
                return arrived
        raise PtyError(f"{phrase!r} not on screen after {timeout:.0f} s; screen:\n" + self.text())

    def wait_idle(self, quiet: float = 0.5, most: float = 10.0) -> None:
        """Drain the output until the child has used no CPU for ``quiet`` s (``most`` at most)."""
        deadline = time.perf_counter() + most
        last, since = cpu_ticks(self.proc.pid), time.perf_counter()
        while (now := time.perf_counter()) < deadline:
            self._feed(0.02)
            if now - since >= quiet:
                ticks = cpu_ticks(self.proc.pid)
                if ticks == last:
                    return
                last, since = ticks, now

    def rss_kib(self) -> int:
        """The child's resident set now (VmRSS, KiB), or 0 if unknown."""
        with (
            contextlib.suppress(OSError, ValueError, IndexError),
            open(f"/proc/{self.proc.pid}/status") as status,
        ):
            for text_line in status:
                if text_line.startswith("VmRSS:"):
                    return int(text_line.split()[1])
        return 0

    def close(self) -> None:
        sys.setswitchinterval(self._switch_interval)
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self._master)
        self._reader.join(timeout=5)


def first_paragraph(briefing) -> str:
    return briefing.sections[0].blocks[0]


@contextlib.contextmanager
def briefing_file(path: Path | None, paragraphs: int) -> Iterator[Path]:
    """``path``, or a generated briefing of ``paragraphs`` paragraphs deleted afterwards."""
    if path is not None:
        yield path
        return
    import tempfile

    import generate

    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        yield generate.write(paragraphs, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
