"""Writing output files safely: never over an existing file unasked, never half-written."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from glutealtp.errors import GlutealtpError


class OutputError(GlutealtpError):
    """An output file could not be written; the message is one line for the user."""


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same directory, then rename.

    Refuses to replace an existing file unless `force` is set (checked atomically, with a
    hard link, where the file system allows), and reports a missing or read-only directory,
    or any other OS failure, as an `OutputError` rather than an OSError.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        if target.is_dir():
            raise OutputError(f"{target}: is a directory")
        if target.exists() and not force:
            raise OutputError(_exists(target))
        if not directory.is_dir():
            raise OutputError(f"{target}: directory {directory} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
            raise OutputError(f"{target}: directory {directory} is not writable") from None
        raise OutputError(f"{target}: cannot write there: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL byte in the path
        raise OutputError(f"{target}: {exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        _publish(tmp, target, force)
    except OSError as exc:
        raise OutputError(f"{target}: {exc.strerror or exc}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _exists(target: Path) -> str:
    return f"{target}: already exists (use --force to overwrite)"


def _publish(tmp: str, target: Path, force: bool) -> None:
    """Move the finished file into place; without `force`, never over a file made meanwhile."""
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails, atomically, if the target appeared since the check
    except FileExistsError:
        raise OutputError(_exists(target)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        os.replace(tmp, target)  # no hard links here: fall back to the checked rename
