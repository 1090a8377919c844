"""How a run is interrupted: SIGTERM as `Terminated` (it ends a run as Ctrl-C does), and
`deferring`, which holds an interruption back until the record in hand is whole."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Protocol


class Terminated(BaseException):
    """SIGTERM arrived: the run ends as on Ctrl-C (files cleaned up, the record in hand
    finished), with exit code 143."""


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
            drop_stdout()  # a write blocked on the reader: what is buffered goes nowhere
        raise exc

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def drop_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
