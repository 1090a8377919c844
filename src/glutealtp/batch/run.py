"""Rank many cases streamed as JSON Lines: one output record per input line, in order.

Every line yields exactly one record, so N lines in give N records out: the ranking, or an
error record naming the line and the reason (`cases`). Memory stays flat whatever the input
size: lines are read in chunks (`lines`), and the only state is bounded caches. Cases repeat
(the same presentations, spelled many ways), so each spelling is resolved once, and a
normalised query's record body (`records`) is kept while it is among the most recently
used (up to `RECORD_CACHE_BYTES`); a repeated case costs a JSON parse and a few dictionary
look-ups. Once the cache is full, a query seen only once is not kept: a batch of new queries
would only churn it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import BinaryIO, Literal, NamedTuple

from glutealtp.batch.cases import CaseId, LineError, NameResolver, QueryKey, parse_case
from glutealtp.batch.jsonl import JsonlRecords
from glutealtp.batch.lines import LineReader, TooLong
from glutealtp.batch.records import CsvRecords, RecordWriter
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking import arguments
from glutealtp.ranking.notices import red_flags_among
from glutealtp.ranking.rank import ranked
from glutealtp.ranking.results import Query

RECORD_CACHE_BYTES = 16 * 1024 * 1024
"""Bound of the record-body cache, so memory stays flat whatever the input."""
RECORD_ENTRY_BYTES = 400
"""What an entry of that cache takes besides its body's bytes (its query key, the ordered
dictionary's slot and links, the value's tuple and the bytes object's header: about 250
bytes measured, with room for fragmentation), counted against the bound: a CSV body is
short, and before this was counted 1,000,000 varied CSV lines took 106 MiB."""
SEEN_IDS = 131_072
"""How many ids the queries remembered as seen once may hold in all (about 32,000 queries
of three ids), so that the second sighting keeps the body; the memory of them stays bounded
however many ids a query names."""

BatchFormat = Literal["jsonl", "csv"]


class Outcome(NamedTuple):
    """One output line and what the summary counts."""

    text: bytes
    ok: bool
    red_flag: bool


class Summary(NamedTuple):
    lines: int
    ok: int
    failed: int
    red_flags: int
    first_failure: int | None

    def describe(self) -> str:
        first = f" (first at line {self.first_failure})" if self.first_failure else ""
        flags = f"; {self.red_flags:,} with a red flag" if self.red_flags else ""
        return (
            f"batch: {self.lines:,} line{'s' * (self.lines != 1)}: {self.ok:,} ok, "
            f"{self.failed:,} failed{first}{flags}"
        )


class RecordGuard:
    """Where `stream` is in its output, for a signal handler (`cli.exits.deferring`): while
    `writing`, a record (or a flush of whole records) is on its way out, and an interruption
    waits in `pending`, which `stream` raises once the record is whole. So a reader never
    gets part of a record, even from a pipe that takes less than a record at a time."""

    __slots__ = ("pending", "writing")

    def __init__(self) -> None:
        self.writing = False
        self.pending: BaseException | None = None

    def whole(self, write: Callable[[], object]) -> None:
        """Call `write` with interruptions held, then raise the one that came meanwhile."""
        self.writing = True
        write()
        self.writing = False
        if self.pending is not None:
            raise self.pending


class Batch:
    """Turns input lines into output records for one catalog, `top` and format."""

    def __init__(
        self,
        index: CatalogIndex,
        *,
        top: int | None = None,
        explain: bool = False,
        fmt: BatchFormat = "jsonl",
    ) -> None:
        arguments.top(top)  # ValueError below 1: checked once, not per case
        self.index = index
        self.top = top
        self.names = NameResolver(index)
        self.writer = writer(index, fmt, explain)
        self.bodies: OrderedDict[QueryKey, tuple[bytes, bool]] = OrderedDict()
        """Record bodies by query, least recently used first, with whether a red flag shows."""
        self.seen: set[QueryKey] = set()
        """Queries ranked once and not kept, with `seen_ids` ids in all (up to `SEEN_IDS`)."""
        self.seen_ids = 0
        self.body_bytes = 0
        self._query, self._ok = self.names.query, self.writer.ok  # bound once: called per line

    def header(self) -> bytes:
        """What comes before the first record: for CSV the disclaimer and the column names."""
        return self.writer.header()

    def outcome(self, lineno: int, line: bytes | TooLong) -> Outcome:
        """The output line for input line `lineno` (1-based)."""
        try:
            case = parse_case(lineno, line)
        except LineError as exc:
            return self._refused(lineno, exc.case_id, exc)
        try:
            query = self._query(case)
        except LineError as exc:
            return self._refused(lineno, case[0], exc, case[2])
        bodies = self.bodies
        cached = bodies.get(query)
        if cached is None:
            cached = self._remember(query)
        else:
            bodies.move_to_end(query)  # the most recently used is evicted last
        return Outcome(self._ok(lineno, case[0], cached[0]), True, cached[1])

    def _refused(
        self, lineno: int, case_id: CaseId, error: LineError, symptoms: object = None
    ) -> Outcome:
        """The error record of a line that is no valid case, with the red flags it names."""
        named = error.symptoms if error.symptoms is not None else symptoms
        if type(named) is str:
            named = [named]
        flags = red_flags_among(self.index, named) if type(named) is list else ()
        return Outcome(self.writer.error(lineno, case_id, error.failure, flags), False, bool(flags))

    def _remember(self, query: QueryKey) -> tuple[bytes, bool]:
        """Rank a query not in the cache and keep its record body while there is room, or
        once the cache is full, if it was seen before: the least recently used make room."""
        ranking = ranked(self.index, Query(*query), top=self.top)
        red = any(w.kind == "red-flag" for w in ranking.outline.warnings)
        body = self.writer.body(ranking)
        seen = self.seen
        ids = 1 + len(query[0]) + len(query[1]) + len(query[2])
        if query in seen:
            seen.discard(query)
            self.seen_ids -= ids
        elif self.body_bytes + len(body) + RECORD_ENTRY_BYTES > RECORD_CACHE_BYTES:
            if self.seen_ids + ids > SEEN_IDS:
                seen.clear()
                self.seen_ids = 0
            seen.add(query)
            self.seen_ids += ids
            return body, red
        bodies = self.bodies
        bodies[query] = (body, red)
        self.body_bytes += len(body) + RECORD_ENTRY_BYTES
        while self.body_bytes > RECORD_CACHE_BYTES and len(bodies) > 1:
            self.body_bytes -= len(bodies.popitem(last=False)[1][0]) + RECORD_ENTRY_BYTES
        return body, red

    def run(self, lines: LineReader) -> Iterator[Outcome]:
        """One outcome per line, in order, as the lines arrive."""
        outcome = self.outcome
        for lineno, line in enumerate(lines, start=1):
            yield outcome(lineno, line)


def writer(index: CatalogIndex, fmt: BatchFormat, explain: bool) -> RecordWriter:
    """The record writer for the format."""
    return CsvRecords(index) if fmt == "csv" else JsonlRecords(index, explain)


def stream(
    batch: Batch,
    source: BinaryIO,
    out: BinaryIO,
    on_read: Callable[[int], None] | None = None,
    guard: RecordGuard | None = None,
) -> Summary:
    """Write one record per line of `source` to `out`, flushing whenever input may block.

    Each record goes to `out` in one `write` of the whole record (repeated for the rest, on
    a raw stream that took part of it), under `guard` (see `RecordGuard`); if anything ends
    the stream early, the whole records already written are flushed first.
    `on_read` gets the number of input bytes read so far (for a progress bar).
    """
    guard = guard or RecordGuard()

    def before_read() -> None:
        guard.whole(out.flush)
        if on_read is not None:
            on_read(reader.bytes_read)

    reader = LineReader(source, before_read=before_read)
    write = _whole_writes(out)
    lines = ok = red_flags = 0
    first_failure: int | None = None
    try:
        guard.whole(lambda: write(batch.header()))
        for outcome in batch.run(reader):
            lines += 1
            guard.writing = True
            write(outcome.text)
            guard.writing = False
            if guard.pending is not None:
                raise guard.pending
            red_flags += outcome.red_flag
            if outcome.ok:
                ok += 1
            elif first_failure is None:
                first_failure = lines
        guard.whole(out.flush)
    except BaseException:
        guard.writing = True  # the records written so far go out whole, uninterrupted
        with suppress(OSError, ValueError):
            out.flush()
        raise
    return Summary(lines, ok, lines - ok, red_flags, first_failure)


def _whole_writes(out: BinaryIO) -> Callable[[bytes], object]:
    """`out.write`, made to write all it is given: a raw, unbuffered stream (`python -u`,
    PYTHONUNBUFFERED) writes what a pipe takes when a signal comes, and says how much (None,
    for a non-blocking one that is full)."""
    write = out.write

    def write_all(data: bytes) -> None:
        done = write(data)
        if done is None or done < len(data):
            _write_rest(out, memoryview(data), done or 0)

    return write_all


def _write_rest(out: BinaryIO, data: memoryview, done: int) -> None:
    import select

    while done < len(data):
        wrote = out.write(data[done:])
        if wrote is None:  # full, and non-blocking: wait until it takes more
            select.select([], [out], [])
        else:
            done += wrote


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A transient rich progress bar on stderr, over `total` input bytes."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from glutealtp.output.richfmt import console

    columns = (TextColumn("batch"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("batch", total=total)
        yield lambda done: progress.update(task, completed=done)
