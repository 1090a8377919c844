"""The errors a user can fix, and the exit codes a run ends with.

A `GlutealtpError` is structured: a kebab-case `code` from the failure vocabulary (where one
applies), the `message`, and `advice` that leads it (the urgent-care advice of a red flag the
refused input named comes first). Each medium renders it its own way: the command line as
one line on stderr (`str(error)`), `batch` as an error record, `ask` as a prompt again.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from glutealtp.vocabulary import FailureCode


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


class GlutealtpError(Exception):
    """An error whose message is one line for the user; the CLI exits 2 (bad input) on it."""

    code: FailureCode | None = None
    """What kind of failure it is, from `vocabulary.FailureCode` (None: none applies)."""

    def __init__(
        self, message: str, *, code: FailureCode | None = None, advice: Iterable[str] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.advice = tuple(advice)
        """What comes before the message: a red flag's urgent-care advice, first."""

    def led_by(self, advice: Iterable[str]) -> GlutealtpError:
        """The same error with `advice` before it (nothing new: the error itself)."""
        extra = tuple(advice)
        if not extra:
            return self
        led = GlutealtpError(self.message, code=self.code, advice=(*extra, *self.advice))
        led.__cause__ = self
        return led

    def __str__(self) -> str:
        if not self.advice:
            return self.message
        return f"{' '.join(self.advice)} The command was refused: {self.message}"


def os_error(exc: OSError) -> str:
    """An input or output failure in one line."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}input or output failed: {exc.strerror or exc}"
