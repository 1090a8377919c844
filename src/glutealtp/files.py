"""Writing output files safely: never over an existing file unasked, never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output file could not be written; the message is one line for the user."""


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same directory, then rename.

    Refuses to replace an existing file unless `force` is set, and reports a missing or
    read-only directory as an `OutputError` rather than an OSError.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists (use --force to overwrite)")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{target}: directory {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except PermissionError:
        raise OutputError(f"{target}: directory {directory} is not writable") from None
    except OSError as exc:
        raise OutputError(f"{target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
