"""Exit codes, and the one place that maps an exception ending a run to one of them.

`handle` holds the only ladder of what can end a run: an error a user can fix, a reader
that went away, an I/O failure, Ctrl-C. The entry point runs everything under `run_guarded`;
the click group (`group`) sends what reaches it through `handle` too, so click never turns
an OSError into exit 1 or a traceback.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from types import FrameType

from glutealtp.errors import ExitCode, GlutealtpError, os_error
from glutealtp.interrupts import Terminated, drop_stdout


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
        drop_stdout()
        return ExitCode.OK
    if isinstance(exc, OSError):  # reading input or writing output failed mid-run (a full disk)
        say_error(os_error(exc))
        drop_stdout()
        return ExitCode.BAD_INPUT
    if isinstance(exc, KeyboardInterrupt | EOFError) or _wrapped_interrupt(exc):
        sys.stderr.write("\n")  # end the half-answered prompt's line
        return ExitCode.INTERRUPTED
    if isinstance(exc, Terminated):
        return ExitCode.TERMINATED
    return None


def _wrapped_interrupt(exc: BaseException) -> bool:
    """A Ctrl-C that Python 3.11 wrapped in a RuntimeError: one that lands while a class is
    being made (in `__set_name__`, as a module is imported) is raised as "Error calling
    __set_name__", caused by the KeyboardInterrupt."""
    return isinstance(exc, RuntimeError) and isinstance(exc.__cause__, KeyboardInterrupt)


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
