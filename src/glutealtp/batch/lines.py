"""The lines of a binary stream, read in chunks, each at most `MAX_LINE_BYTES` long."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO, NamedTuple

MAX_LINE_BYTES = 1024 * 1024
"""Longest input line accepted (1 MiB); a longer one is skipped, in constant memory."""

CHUNK_BYTES = 256 * 1024


class TooLong(NamedTuple):
    """An input line over the limit; only its length is kept."""

    size: int


class LineReader:
    """The lines of a binary stream, without line endings, read in chunks.

    A line longer than `limit` is yielded as `TooLong` and never held in memory.
    `before_read` runs before each read that may block (a pipe waiting for its writer):
    the place to flush output, so results stream as their cases arrive.
    """

    def __init__(
        self,
        stream: BinaryIO,
        limit: int = MAX_LINE_BYTES,
        before_read: Callable[[], None] | None = None,
        chunk: int = CHUNK_BYTES,
    ) -> None:
        self.stream = stream
        self.limit = limit
        self.before_read = before_read
        self.chunk = chunk
        self.bytes_read = 0

    def _chunks(self) -> Iterator[bytes]:
        read = getattr(self.stream, "read1", self.stream.read)
        while True:
            if self.before_read is not None:
                self.before_read()
            chunk = read(self.chunk)
            if not chunk:
                return
            self.bytes_read += len(chunk)
            yield chunk

    def __iter__(self) -> Iterator[bytes | TooLong]:
        limit = self.limit
        pending: list[bytes] = []  # the start of a line that spans chunks
        pending_size = 0
        dropped = -1  # >= 0 while skipping a long line: the bytes skipped so far
        for chunk in self._chunks():
            parts = chunk.split(b"\n")
            last = parts.pop()
            for i, part in enumerate(parts):
                if i == 0 and (pending or dropped >= 0):
                    if dropped >= 0:
                        yield TooLong(dropped + len(part))
                        dropped = -1
                        continue
                    pending.append(part)
                    part = b"".join(pending)
                    pending, pending_size = [], 0
                yield _complete_line(part, limit)
            if dropped >= 0:
                dropped += len(last)
            elif last:
                pending.append(last)
                pending_size += len(last)
                if pending_size > limit + 1:
                    dropped, pending, pending_size = pending_size, [], 0
        if dropped >= 0:
            yield TooLong(dropped)
        elif pending:
            yield _complete_line(b"".join(pending), limit)


def _complete_line(line: bytes, limit: int) -> bytes | TooLong:
    """A whole line without its ending's '\r', or `TooLong` when over `limit` without it."""
    if line.endswith(b"\r"):
        return line[:-1] if len(line) <= limit + 1 else TooLong(len(line))
    return line if len(line) <= limit else TooLong(len(line))
