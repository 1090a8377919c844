"""What the test files share: running glutealtp (as a process, on a pseudo-terminal, or
in-process as the console script would), and indexing a modified dataset."""

from __future__ import annotations

import atexit
import contextlib
import csv
import fcntl
import io
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast, overload

from glutealtp.__main__ import main
from glutealtp.catalog.index import CatalogIndex
from glutealtp.catalog.load import index_dataset, load_catalog

DISCLAIMER = "It is not a diagnosis"
"""The words of the disclaimer every output carries."""

GLUTEALTP = [sys.executable, "-m", "glutealtp"]
"""The command line of a real glutealtp process."""

OUTSIDE = ("GLUTEALTP_DATA", "GLUTEALTP_INTERACTIVE", "NO_COLOR", "FORCE_COLOR")
"""Variables of the test run's own environment that would change what glutealtp prints."""


Reply = Callable[[str], str | None]
"""Someone answering `ask`: the line typed, given what was printed since the last answer."""


class Replies(io.RawIOBase):
    """Standard input for `ask` under CliRunner that types each answer when it is asked for,
    so the answers follow whichever questions the interview picks: `reply` gets what was
    printed since the last answer and gives the next line, or None for the end of input."""

    def __init__(self, reply: Reply) -> None:
        super().__init__()
        self.reply = reply
        self.pending = b""
        self.seen = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.pending:
            sys.stdout.flush()
            printed = cast(io.BytesIO, sys.stdout.buffer)  # CliRunner's output buffer
            screen = printed.getvalue().decode("utf-8", "replace")
            line = self.reply(screen[self.seen :])
            self.seen = len(screen)
            if line is None:
                return 0
            self.pending = (line + "\n").encode()
        n = min(len(buffer), len(self.pending))
        buffer[:n], self.pending = self.pending[:n], self.pending[n:]
        return n


def person(
    index: CatalogIndex,
    where: str | Iterable[str],
    yes: Iterable[str] = (),
    unsure: Iterable[str] = (),
    then: Iterable[str] = ("",),
    replies: Mapping[str, Iterable[str]] | None = None,
) -> Reply:
    """Someone answering `ask`: `where` at "Where does it hurt?" (one answer per time it is
    asked), "y" to the symptoms in `yes` (red flags among them), "?" to those in `unsure`,
    "n" to the rest, and `then` at "Show a result's trigger points?"; `replies` gives the
    answers to one symptom's question in turn, in place of those."""
    places = iter([where] if isinstance(where, str) else where)
    offers = iter(then)
    said = {k: iter(v) for k, v in (replies or {}).items()}
    yes_, unsure_ = frozenset(yes), frozenset(unsure)
    unknown = (yes_ | unsure_ | set(said)) - set(index.symptoms)
    assert not unknown, f"not symptom ids: {sorted(unknown)}"
    questions = {s.id: " ".join(s.question.split()) for s in index.symptoms.values()}

    def reply(printed: str) -> str | None:
        flat = " ".join(printed.replace("│", " ").split())
        if "Show a result's trigger points?" in flat:
            return next(offers, None)
        asked = [(flat.rfind(q), s) for s, q in questions.items() if q in flat]
        if not asked:  # where it hurts, first or again
            return next(places, None)
        symptom = max(asked)[1]
        if symptom in said:
            return next(said[symptom], None)
        return "y" if symptom in yes_ else "?" if symptom in unsure_ else "n"

    return reply


def csv_rows(text: str) -> list[dict[str, str]]:
    """The rows of glutealtp's CSV output, past its `#` lines (red flags, disclaimer, notes)."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "data" / "muscles.json"


def dataset() -> dict[str, Any]:
    """A fresh copy of the bundled dataset, as its file holds it."""
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


BUNDLED = load_catalog()
"""The bundled catalog, indexed once for every test file."""


def index_of(data: Mapping[str, Any]) -> CatalogIndex:
    """A dataset (a modified copy of the bundled one, say) indexed as `--data` would index it."""
    return index_dataset(data, "test dataset")


def process_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without `OUTSIDE`, plus `env`."""
    return {**{k: v for k, v in os.environ.items() if k not in OUTSIDE}, **(env or {})}


# --- A real process ------------------------------------------------------------------------------


@overload
def run_glutealtp(
    *args: str,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    text: Literal[True] = True,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]: ...
@overload
def run_glutealtp(
    *args: str | bytes,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    text: Literal[False],
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]: ...
def run_glutealtp(
    *args: str | bytes,
    input: str | bytes | None = None,
    env: Mapping[str, str] | None = None,
    text: bool = True,
    timeout: float = 60,
) -> subprocess.CompletedProcess[Any]:
    """Run `python -m glutealtp ARGS` to the end, capturing its output (str, or bytes)."""
    argv: list[str | bytes] = [*GLUTEALTP, *args]
    return subprocess.run(
        argv,
        input=input,
        capture_output=True,
        text=text,
        env=process_env(env),
        timeout=timeout,
        check=False,
    )


# --- A process on a pseudo-terminal --------------------------------------------------------------


class PtySession:
    """glutealtp on a pseudo-terminal, as a person at a terminal runs it.

    stdin, stdout and stderr are the terminal unless given; with `controlling` the terminal
    is the process's controlling terminal, so a typed ^C becomes SIGINT. Output is read as
    it comes, so the process never blocks on a full terminal.
    """

    def __init__(
        self,
        *args: str,
        env: Mapping[str, str] | None = None,
        controlling: bool = False,
        **streams: Any,
    ) -> None:
        self.master, follower = pty.openpty()
        terminal_env = {"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "50", **(env or {})}
        self.proc = subprocess.Popen(
            [*GLUTEALTP, *args],
            **{"stdin": follower, "stdout": follower, "stderr": follower, **streams},
            env=process_env(terminal_env),
            preexec_fn=_take_the_terminal if controlling else None,
        )
        os.close(follower)
        self.seen = b""

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *_: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)

    def _read(self, timeout: float) -> bool:
        """Read what is there within `timeout`; False once the terminal is closed."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        self.seen += chunk
        return bool(chunk)

    def read_until(self, needle: bytes, timeout: float = 30) -> bytes:
        """Everything shown so far, once `needle` has appeared (asserted)."""
        deadline = time.monotonic() + timeout
        while needle not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"{needle!r} never appeared in {self.seen[-500:]!r}"
            assert self._read(min(left, 0.2)), f"{needle!r} never appeared; output ended"
        return self.seen

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def interrupt(self) -> None:
        self.proc.send_signal(signal.SIGINT)

    def wait(self, timeout: float = 30) -> int:
        """The exit code, reading the output meanwhile; fails after `timeout` s."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            assert time.monotonic() < deadline, f"still running: {self.seen[-400:]!r}"
            self._read(0.05)
        while self._read(0.2):  # what is still on its way
            pass
        return self.proc.returncode


def _take_the_terminal() -> None:
    """In the child: a session of its own with the pty as its controlling terminal."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


# --- In-process, as the console script runs --------------------------------------------------


class Stream(io.TextIOWrapper):
    """A process stream over bytes: strict UTF-8 like a real stdout, optionally a 'terminal'."""

    def __init__(self, data: bytes = b"", *, tty: bool = False, errors: str = "strict") -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", errors=errors, write_through=True)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def value(self) -> str:
        self.flush()
        raw = self.buffer.getvalue()  # type: ignore[attr-defined]
        assert isinstance(raw, bytes)
        return raw.decode("utf-8", "surrogateescape")


HOME = tempfile.mkdtemp(prefix="glutealtp-test-home-")
"""$HOME for in-process runs: `--install-completion` edits a shell's start-up file there."""
atexit.register(shutil.rmtree, HOME, ignore_errors=True)


class Run(NamedTuple):
    code: int | str | None
    stdout: str
    stderr: str
    crash: str | None


def run_main(
    argv: Sequence[str],
    *,
    stdin: bytes = b"",
    tty: bool = False,
    env: dict[str, str] | None = None,
) -> Run:
    """Run the console-script entry point as a process would, and say how it ended."""
    env = {"COLUMNS": "120", "HOME": HOME, **(env or {})}
    scrubbed = ("GLUTEALTP_DATA", "_GLUTEALTP_COMPLETE", "COMP_WORDS", "COMP_CWORD", "TERM")
    saved_env = {k: os.environ.get(k) for k in (*env, *scrubbed)}
    saved = sys.stdin, sys.stdout, sys.stderr
    for key in scrubbed:
        os.environ.pop(key, None)
    os.environ.update(env)
    out = Stream(tty=tty)
    err = Stream(tty=tty, errors="backslashreplace")
    sys.stdin, sys.stdout, sys.stderr = Stream(stdin, tty=tty), out, err
    code: int | str | None = None
    crash = None
    try:
        main(list(argv))
        code = "returned without exiting"
    except SystemExit as exc:
        code = exc.code if exc.code is not None else 0
    except BaseException:  # a traceback is exactly what is being looked for
        crash = traceback.format_exc()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        for key, old in saved_env.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old
    return Run(code, out.value(), err.value(), crash)
