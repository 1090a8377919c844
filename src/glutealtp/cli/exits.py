"""Exit codes, and the one place that maps an exception ending a run to one of them.

`handle` holds the only ladder of what can end a run: an error a user can fix, a reader
that went away, an I/O failure, Ctrl-C. The entry point runs everything under `run_guarded`;
the click group (`group`) sends what reaches it through `handle` too, so click never turns
an OSError into exit 1 or a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from types import FrameType
from typing import Protocol

from glutealtp.errors import GlutealtpError


class ExitCode(IntEnum):
    OK = 0
    """Success; for `which`, a muscle matched."""
    NO_MATCH = 1
    """`which` ran, but no muscle explains what was reported."""
    BAD_INPUT = 2
    """An unknown name, a bad option, an unreadable or invalid dataset, a failed batch line."""
    INTERRUPTED = 130
    """Ctrl-C, or end of input at a prompt."""
    TERMINATED = 143
    """SIGTERM (128 + 15), which ends a run as Ctrl-C does."""


class Terminated(BaseException):
    """SIGTERM arrived: the run ends as on Ctrl-C (files cleaned up, the record in hand
    finished), with exit code 143."""


def say_error(message: str) -> None:
    """One line on stderr, prefixed with the program name, control characters removed."""
    from glutealtp.text import clean

    words = (w if len(w) <= 200 else f"{w[:80]}...{w[-40:]}" for w in clean(message).split())
    sys.stderr.write(f"glutealtp: error: {' '.join(words)}\n")


def os_error(exc: OSError) -> str:
    """An input or output failure in one line."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}input or output failed: {exc.strerror or exc}"


def handle(exc: BaseException) -> ExitCode | None:
    """The exit code for an exception that ends a run, once its one line (if any) is said;
    None for anything else (a bug: let it show)."""
    if isinstance(exc, GlutealtpError):
        say_error(str(exc))
        return ExitCode.BAD_INPUT
    if isinstance(exc, BrokenPipeError):  # the reader went away (`| head`): quiet, as rg does
        _drop_stdout()
        return ExitCode.OK
    if isinstance(exc, OSError):  # reading input or writing output failed mid-run (a full disk)
        say_error(os_error(exc))
        _drop_stdout()
        return ExitCode.BAD_INPUT
    if isinstance(exc, KeyboardInterrupt | EOFError):
        sys.stderr.write("\n")  # end the half-answered prompt's line
        return ExitCode.INTERRUPTED
    if isinstance(exc, Terminated):
        return ExitCode.TERMINATED
    return None


def run_guarded(body: Callable[[], int]) -> int:
    """Run `body` and return its exit code, or the one `handle` gives what it raised.
    SIGTERM raises `Terminated` meanwhile, so it ends the run as Ctrl-C does."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (an embedding program's): its signals, its call
        previous = None
    try:
        return body()
    except BaseException as exc:
        code = handle(exc)
        if code is None:
            raise
        return code
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    raise Terminated


class Writing(Protocol):
    """What `deferring` reads and sets: whether a record is being written, and the
    interruption that came meanwhile (`batch.RecordGuard`)."""

    writing: bool
    pending: BaseException | None


@contextmanager
def deferring(guard: Writing) -> Iterator[None]:
    """While `guard.writing`, Ctrl-C and SIGTERM wait in `guard.pending` (the writer raises
    it once its record is whole); otherwise they raise at once. A second one, while the
    first waits for a reader that does not read, ends the run at once, its output dropped."""

    def interrupt(signum: int, _frame: FrameType | None) -> None:
        exc = KeyboardInterrupt() if signum == signal.SIGINT else Terminated()
        first = guard.pending is None
        guard.pending = guard.pending or exc
        if guard.writing and first:
            return
        if guard.writing:
            _drop_stdout()  # a write blocked on the reader: what is buffered goes nowhere
        raise exc

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
