"""What the test files share: running glutealtp (as a process, on a pseudo-terminal, or
in-process as the console script would, on a terminal or not), reading what it drew, and
writing and indexing a modified dataset."""

from __future__ import annotations

import atexit
import contextlib
import csv
import fcntl
import functools
import io
import json
import os
import pty
import re
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

from rich.console import Console

from glutealtp.__main__ import main
from glutealtp.bodymap.picture import Picture
from glutealtp.bodymap.terminal import print_map
from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.index import CatalogIndex
from glutealtp.catalog.load import index_dataset, load_catalog
from glutealtp.catalog.model import Muscle

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
    printed since the last answer and gives the next line, or None for the end of input.
    With `echo`, each answer ends the line on stdout as a terminal's echo would (the answer
    itself left out, as `ask_on_a_terminal` leaves it out)."""

    def __init__(self, reply: Reply, *, echo: bool = False) -> None:
        super().__init__()
        self.reply = reply
        self.echo = echo
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
            if self.echo:
                sys.stdout.write("\n")
                sys.stdout.flush()
                self.seen += 1
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
    go_on: str = "",
    show_map: str = "",
    exam: str = "",
) -> Reply:
    """Someone answering `ask`: `where` at "Where does it hurt?" (one answer per time it is
    asked), "y" to the symptoms in `yes` (red flags among them), "?" to those in `unsure`,
    "n" to the rest, and `then` at "Show a result's trigger points?"; `replies` gives the
    answers to one symptom's question in turn, in place of those. `go_on` answers "Go on
    with them anyway?" after a red flag, `show_map` the offer of the map at a narrow
    terminal (Enter, no, by default), `exam` the offer of the pressing exam at the end."""
    places = iter([where] if isinstance(where, str) else where)
    offers = iter(then)
    said = {k: iter(v) for k, v in (replies or {}).items()}
    yes_, unsure_ = frozenset(yes), frozenset(unsure)
    unknown = (yes_ | unsure_ | set(said)) - set(index.symptoms)
    assert not unknown, f"not symptom ids: {sorted(unknown)}"
    questions = {s.id: " ".join(s.question.split()) for s in index.symptoms.values()}

    def reply(printed: str) -> str | None:
        flat = " ".join(printed.replace("│", " ").split())
        if flat.endswith(EXAM):
            return exam
        if "Show a result's trigger points?" in flat:
            return next(offers, None)
        if flat.endswith(GO_ON):
            return go_on
        if flat.endswith(SHOW_MAP):
            return show_map
        asked = [(flat.rfind(q), s) for s, q in questions.items() if q in flat]
        if not asked:  # where it hurts, first or again
            return next(places, None)
        symptom = max(asked)[1]
        if symptom in said:
            return next(said[symptom], None)
        return "y" if symptom in yes_ else "?" if symptom in unsure_ else "n"

    return reply


GO_ON = "Go on with them anyway (for a clinician)? (y / N)"
"""The end of the prompt after a red flag: go on with the questions about the pain?"""
EXAM = "Confirm it by pressing the leading muscles' trigger points? (y / N)"
"""The end of the offer of the pressing exam (`check`) at the end of `ask`."""
SHOW_MAP = "Show it? (y / N)"
"""The end of the prompt offering the numbered map at a narrow terminal."""


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


def write_dataset(directory: Path, data: object, name: str = "data.json") -> str:
    """`data` as a dataset file in `directory` for `--data`: JSON in UTF-8 as a person would
    write it (bytes are written as they are), and its path."""
    path = directory / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def plain_map(picture: Picture, width: int = 80, **kw: Any) -> str:
    """A body map as `print_map` draws it in `width` columns, without colour."""
    buf = io.StringIO()
    print_map(Console(file=buf, width=width, color_system=None), picture, **kw)
    return buf.getvalue()


def muscle(model: Catalog, ident: str) -> Muscle:
    """The validated dataset's muscle `ident`."""
    return next(m for m in model.muscles if m.id == ident)


def raw_muscle(data: Mapping[str, Any], ident: str) -> dict[str, Any]:
    """The muscle `ident` of a dataset as its JSON holds it (to change in a copy, say)."""
    found: dict[str, Any] = next(m for m in data["muscles"] if m["id"] == ident)
    return found


def ids_in(index: CatalogIndex, text: str) -> list[str]:
    """The hyphenated region and symptom ids that `text` holds ("slouched-sitting"), leaving
    out those that are ordinary words of the catalog's own wording ("sit-ups")."""
    return _id_pattern(index).findall(text)


@functools.cache
def _id_pattern(index: CatalogIndex) -> re.Pattern[str]:
    """`ids_in`'s pattern, made once for each catalog."""
    ids = {*index.regions, *index.symptoms}
    wording = " ".join(
        [s.question for s in index.symptoms.values()]
        + [s.name for s in index.symptoms.values()]
        + [r.name for r in index.regions.values()]
        + [m.name for m in index.muscles.values()]
    ).casefold()

    def alone(i: str) -> str:
        return rf"(?<![\w-]){re.escape(i)}(?![\w-])"

    words = {i for i in ids if "-" in i and not re.search(alone(i), wording)}
    return re.compile("|".join(alone(i) for i in sorted(words, key=len, reverse=True)))


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


def wait_blocked(pid: int, channel: str, timeout: float = 30.0) -> None:
    """Wait until the process sleeps in the kernel on `channel` (its wait channel, as
    /proc/PID/wchan names it: "pipe_write", "wait_for_partner") with no signal pending, so a
    signal sent now finds it there. Where the kernel names the wait otherwise, or not at
    all, until it has slept 0.5 s using no CPU. Fails at once if the process has ended."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    proc = Path(f"/proc/{pid}")
    while time.monotonic() < deadline:
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        state, ticks = fields[0], (fields[11], fields[12])
        assert state != "Z", "the process ended instead of blocking"
        status = (proc / "status").read_text()
        pending = re.findall(r"^(?:SigPnd|ShdPnd):\s*(\w+)", status, flags=re.M)
        asleep = state == "S" and all(int(p, 16) == 0 for p in pending)
        if not asleep or ticks != last:
            last, since = ticks, time.monotonic()
        elif channel in _wait_channel(proc) or time.monotonic() - since >= 0.5:
            return
        time.sleep(0.01)
    raise AssertionError("the process never blocked")


def _wait_channel(proc: Path) -> str:
    try:
        return proc.joinpath("wchan").read_text()
    except OSError:
        return ""


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


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
"""A terminal control sequence: colours, cursor moves, links."""

SGR = re.compile(r"\x1b\[[0-9;]*m")
"""Of `ANSI`, only colour and style (Select Graphic Rendition): what rich itself may print
where no other control sequence may appear."""

PROMPT_ENDS = ("= not sure) ", "= skip) ", "(Enter = no) ", "(y / N) ", " > ", "Enter to skip: ")
"""How each prompt of `ask` ends, each run of white space as one space (a prompt may wrap
anywhere): a safety question, a press of `check`, a question about the pain, a y/N offer,
"Where does it hurt?", "Show a result's trigger points?"."""


def plain(shown: bytes | str) -> str:
    """Terminal output as text: control sequences out, line ends as "\n"."""
    text = ANSI.sub("", shown.decode("utf-8", "replace") if isinstance(shown, bytes) else shown)
    return text.replace("\r\n", "\n").replace("\r", "")


def ask_on_a_terminal(
    typed: Reply, *args: str, width: int = 80, timeout: float = 60
) -> tuple[int, list[str]]:
    """A whole `ask` session on a pseudo-terminal `width` columns wide, each answer `typed`
    gives entered once a prompt has appeared (known by its text, `PROMPT_ENDS`; None ends
    the input). The exit code and the lines the program drew; each answer's echo is taken
    out, a line break in its place, so a line is as wide as the program made it."""
    return session_on_a_terminal("ask", typed, *args, width=width, timeout=timeout)


def session_on_a_terminal(
    command: str, typed: Reply, *args: str, width: int = 80, timeout: float = 60
) -> tuple[int, list[str]]:
    """`ask_on_a_terminal` for any command that asks (`ask`, `check`)."""
    env = {"COLUMNS": str(width), "LINES": "50"}
    shown: list[str] = []
    with PtySession(command, *args, env=env) as session:
        at = 0
        while _prompted(session, at, timeout):
            text = plain(session.seen[at:])
            shown.append(text)
            answer = typed(text)
            if answer is None:
                session.write(b"\x04")  # Ctrl-D: the end of the input
                break
            at = len(session.seen)
            session.write(answer.encode() + b"\r")
            echo = answer.encode() + b"\r\n"
            deadline = time.monotonic() + timeout
            while len(session.seen) < at + len(echo):
                assert time.monotonic() < deadline, f"no echo of {answer!r}"
                assert session._read(0.2), f"the terminal closed after {answer!r}"
            assert session.seen[at : at + len(echo)] == echo, session.seen[at:][:80]
            at += len(echo)
            shown.append("\n")
        code = session.wait(timeout)
        shown.append(plain(session.seen[at:]))
    return code, "".join(shown).split("\n")


def on_a_terminal(*args: str, width: int = 80, typed: Reply | None = None) -> Run:
    """glutealtp run in this process as on a colour terminal `width` columns wide (what
    `PtySession` and `ask_on_a_terminal` run as a process); `typed` answers its prompts."""
    env = {"COLUMNS": str(width), "LINES": "50", "TERM": "xterm-256color"}
    return run_main(args, stdin=typed or b"", tty=True, env=env)


def screen_lines(shown: str) -> list[str]:
    """The lines a terminal shows for output `shown`: control sequences out."""
    return plain(shown).split("\n")


def _prompted(session: PtySession, at: int, timeout: float) -> bool:
    """Read until what was shown since `at` ends with a prompt (True) or the program ends
    (False)."""
    deadline = time.monotonic() + timeout
    while not re.sub(r"\s+", " ", plain(session.seen[at:])).endswith(PROMPT_ENDS):
        if not session._read(0.2):
            return False
        if session.proc.poll() is not None and not session._read(0.2):
            return False
        assert time.monotonic() < deadline, f"no prompt: {session.seen[-300:]!r}"
    return True


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


class _Typed(io.TextIOWrapper):
    """Standard input that `typed` answers as the program asks (`Replies`, echoed); `typed`
    reads the screen as text, as `ask_on_a_terminal` gives it."""

    def __init__(self, typed: Reply, *, tty: bool) -> None:
        replies = Replies(lambda shown: typed(ANSI.sub("", shown)), echo=True)
        super().__init__(io.BufferedReader(replies), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run_main(
    argv: Sequence[str],
    *,
    stdin: bytes | Reply = b"",
    tty: bool = False,
    env: dict[str, str] | None = None,
) -> Run:
    """Run the console-script entry point as a process would, and say how it ended. `stdin`
    is its input, or someone typing each answer once asked (`Replies`, echoed)."""
    env = {"COLUMNS": "120", "HOME": HOME, **(env or {})}
    scrubbed = ("GLUTEALTP_DATA", "_GLUTEALTP_COMPLETE", "COMP_WORDS", "COMP_CWORD", "TERM")
    saved_env = {k: os.environ.get(k) for k in (*env, *scrubbed)}
    saved = sys.stdin, sys.stdout, sys.stderr
    for key in scrubbed:
        os.environ.pop(key, None)
    os.environ.update(env)
    out = Stream(tty=tty)
    err = Stream(tty=tty, errors="backslashreplace")
    typed = _Typed(stdin, tty=tty) if callable(stdin) else Stream(stdin, tty=tty)
    sys.stdin, sys.stdout, sys.stderr = typed, out, err
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


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""Headless Chromium, which prints a handout to PDF as a reader's browser would."""
PDFTOTEXT = shutil.which("pdftotext")


def print_to_pdf(page: Path, pdf: Path) -> None:
    """Headless Chromium prints the page (the flags keep it off the network)."""
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={pdf.parent / (pdf.stem + '-chromium-profile')}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )


def printed_text(page: Path) -> str:
    """The handout's words as printed on paper, each run of white space as one space."""
    pdf = page.with_suffix(".pdf")
    print_to_pdf(page, pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    return " ".join(text.split())
