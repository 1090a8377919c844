"""Exit codes, and the one place that maps an exception ending a run to one of them.

`handle` holds the only ladder of what can end a run: an error a user can fix, a reader
that went away, an I/O failure, Ctrl-C. The entry point runs everything under `run_guarded`;
the click group (`group`) sends what reaches it through `handle` too, so click never turns
an OSError into exit 1 or a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import IntEnum

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


def say_error(message: str) -> None:
    """One line on stderr, prefixed with the program name, control characters removed."""
    from glutealtp.text import clean

    words = (w if len(w) <= 200 else f"{w[:80]}...{w[-40:]}" for w in clean(message).split())
    sys.stderr.write(f"glutealtp: error: {' '.join(words)}\n")


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
        where = f"{exc.filename}: " if exc.filename else ""
        say_error(f"{where}input or output failed: {exc.strerror or exc}")
        _drop_stdout()
        return ExitCode.BAD_INPUT
    if isinstance(exc, KeyboardInterrupt | EOFError):
        sys.stderr.write("\n")  # end the half-answered prompt's line
        return ExitCode.INTERRUPTED
    return None


def run_guarded(body: Callable[[], int]) -> int:
    """Run `body` and return its exit code, or the one `handle` gives what it raised."""
    try:
        return body()
    except BaseException as exc:
        code = handle(exc)
        if code is None:
            raise
        return code


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
