"""Writing output files safely: never over an existing file unasked, never half-written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from glutealtp.errors import GlutealtpError


class OutputError(GlutealtpError):
    """An output file could not be written; the message is one line for the user."""

    code = "output-refused"


TEMPORARY_NAME = ".glutealtp-{}.tmp"
"""The temporary file's name, short whatever the target's (a name may be 255 bytes long)."""


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same directory, then rename.

    Refuses to replace an existing file unless `force` is set (checked atomically, with a
    hard link, where the file system allows), and reports a missing or read-only directory,
    or any other OS failure, as an `OutputError` rather than an OSError. The file gets the
    mode a new file gets (0o666 less the umask: 0o600 under `umask 077`).
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    if "\x00" in str(target):
        raise OutputError(f"{target}: a file name cannot hold a NUL byte")
    try:
        if target.is_dir():
            raise OutputError(f"{target}: is a directory")
        if target.exists() and not force:
            raise OutputError(_exists(target))
        if not directory.is_dir():
            raise OutputError(f"{target}: directory {directory} does not exist")
        fd, tmp = _create_temporary(directory)
    except OSError as exc:
        if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
            raise OutputError(f"{target}: directory {directory} is not writable") from None
        raise OutputError(f"{target}: cannot write there: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        _publish(tmp, target, force)
    except OSError as exc:
        raise OutputError(f"{target}: {exc.strerror or exc}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _create_temporary(directory: Path) -> tuple[int, str]:
    """A new, empty file in `directory`, with a short random name, made as any new file is
    made (mode 0o666, which the kernel narrows by the umask)."""
    for _ in range(100):
        path = str(directory / TEMPORARY_NAME.format(os.urandom(6).hex()))
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(directory))


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
