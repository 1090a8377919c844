"""Writing output files safely: never over an existing file unasked, never half-written."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path, PurePath

from glutealtp.errors import GlutealtpError


class OutputError(GlutealtpError):
    """An output file could not be written; the message is one line for the user."""

    code = "output-refused"


SUFFIX_ALIASES = {".htm": ".html"}
"""Other spellings of an accepted suffix."""


def output_suffix(path: str, accepted: Sequence[str], what: str = "output file") -> str:
    """The suffix of an output file's name, lower case (".svg"), by the one rule every output
    follows, else an `OutputError` naming the `accepted` suffixes. The suffix is the part of
    the name (after the last '/') from its last '.', when a name comes before it: ".svg"
    alone is a hidden file's name with no suffix (as `pathlib` reads it). An empty name, or
    one that ends in '/' (a directory's), is refused."""
    shown = " or ".join([", ".join(accepted[:-1]), accepted[-1]] if accepted[:-1] else accepted)
    name = PurePath(path).name
    if not path:
        raise OutputError(f"'' is no file name; name the {what} {shown}")
    if os.path.isdir(path):
        raise OutputError(f"{path}: is a directory")
    if path.endswith("/") or (os.altsep and path.endswith(os.altsep)):
        raise OutputError(
            f"{path}: ends in '/', as a directory's name does; name the {what} {shown}"
        )
    suffix = PurePath(path).suffix.lower()
    suffix = SUFFIX_ALIASES.get(suffix, suffix)
    if suffix in accepted:
        return suffix
    if name.startswith(".") and SUFFIX_ALIASES.get(name.lower(), name.lower()) in accepted:
        raise OutputError(
            f"{path}: a name that starts with '.' is a hidden file's, with no suffix; "
            f"name the {what} with a name before its suffix, such as result{name.lower()} "
            f"({shown})"
        )
    raise OutputError(f"{path}: name the {what} {shown}")


def check_writable(path: str, force: bool) -> None:
    """Refuse, before anything is written, an output file that `write_atomic` would refuse:
    a directory, a file already there (without `force`), a missing or read-only directory.
    (`write_atomic` checks again as it writes: the file system may change meanwhile.)"""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if "\x00" in path:
        raise OutputError(f"{path}: a file name cannot hold a NUL byte")
    try:
        if target.is_dir():
            raise OutputError(f"{target}: is a directory")
        if os.path.lexists(target) and not force:
            raise OutputError(_exists(target))
        if not directory.is_dir():
            raise OutputError(f"{target}: directory {directory} does not exist")
    except OSError as exc:
        raise OutputError(f"{target}: cannot write there: {exc.strerror or exc}") from None
    if not os.access(directory, os.W_OK):
        raise OutputError(f"{target}: directory {directory} is not writable")


def same_file(a: str, b: str) -> bool:
    """Whether two names name one file (through links and `..` too)."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


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
