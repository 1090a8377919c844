"""Rank many cases streamed as JSON Lines: one output record per input line, in order.

A case is one JSON object a line: `{"id": "p-17", "regions": ["buttock"], "symptoms": []}`.
Every line yields exactly one record, so N lines in give N records out: the ranking, or an
error record naming the line and the reason (bad JSON, not an object, a wrong type, an
unknown region or symptom, an empty query, an empty line, a line over `MAX_LINE_BYTES`).

Memory stays flat whatever the input size: lines are read in chunks, and the only state
is bounded caches. Cases repeat (the same presentations, spelled many ways), so each
spelling is resolved once, and each normalised query is ranked and serialised once and
kept while it is among the most recently used (up to `RECORD_CACHE_BYTES`); a repeated
case costs a JSON parse and a few dictionary look-ups.
"""

from __future__ import annotations

import csv
import io
import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from json.encoder import encode_basestring
from typing import Any, BinaryIO, Literal, NamedTuple

from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.output.csvfmt import comment, safe_cell
from glutealtp.output.document import SCHEMA_VERSION, to_plain
from glutealtp.output.jsonfmt import dumps
from glutealtp.rank import EmptyQuery, rank
from glutealtp.results import Query, Ranking, Result
from glutealtp.vocabulary import Kind

MAX_LINE_BYTES = 1024 * 1024
"""Longest input line accepted (1 MiB); a longer one is skipped, in constant memory."""

CASE_FIELDS = frozenset({"id", "regions", "symptoms"})
CHUNK_BYTES = 256 * 1024
NAME_CACHE_ENTRIES = 65_536
RECORD_CACHE_BYTES = 32 * 1024 * 1024
"""Bounds of the caches, so memory stays flat whatever the input."""

BatchFormat = Literal["jsonl", "csv"]

CSV_COLUMNS = (
    "line",
    "id",
    "status",
    "regions",
    "symptoms",
    "muscles",
    "scores",
    "total_matches",
    "red_flags",
    "warnings",
    "error_code",
    "error",
)
"""One CSV row per input line: the case, its ranked muscles and scores, or its error."""

BRIEF_RESULT_FIELDS = (
    "rank",
    "muscle",
    "name",
    "score",
    "regions_explained",
    "regions_reported",
    "rules_met",
    "also_check",
)
"""The fields of `which --format json` results that a batch record keeps without --explain."""


# The shape of a brief batch record (after "status") and of each result in it: see _brief_body.
_RECORD_JSON = (
    '"query":{"regions":%s,"symptoms":%s},"warnings":[%s],"results":[%s],"total_matches":%d,'
    '"unexplained_regions":%s,"unexplained_symptoms":%s,"disclaimer":%s'
)
_RESULT_JSON = (
    '{"rank":%d,"muscle":%s,"name":%s,"score":%s,"regions_explained":%s,"regions_reported":%d,'
    '"rules_met":[%s],"also_check":[%s],"symptoms_explained":%s}'
)


class TooLong(NamedTuple):
    """An input line over the limit; only its length is kept."""

    size: int


class Failure(NamedTuple):
    """Why a line gave no ranking: a stable `code`, a sentence, and where in the case."""

    code: str
    message: str
    path: str | None = None


class LineError(Exception):
    """A line that is no valid case; `case_id` is its id when that could be read."""

    def __init__(self, failure: Failure, case_id: object = None) -> None:
        super().__init__(failure.message)
        self.failure = failure
        self.case_id = case_id


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
        self.index = index
        self.top = top
        self.explain = explain
        self.fmt = fmt
        self._region_ids: dict[str, str] = {}
        self._symptom_ids: dict[str, str] = {}
        self._records: OrderedDict[tuple[tuple[str, ...], tuple[str, ...]], tuple[bytes, bool]]
        self._records = OrderedDict()
        self._record_bytes = 0
        self._fragments: dict[str | tuple[Any, ...], str] = {}
        self._decode = json.JSONDecoder().decode
        self._csv_buffer = io.StringIO()
        self._csv_writer = csv.writer(self._csv_buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)

    # --- the record for one line -------------------------------------------------------------

    def outcome(self, lineno: int, line: bytes | TooLong) -> Outcome:
        """The output line for input line `lineno` (1-based)."""
        try:
            case_id, regions, symptoms = self.parse(lineno, line)
        except LineError as exc:
            return self._failed(lineno, exc.case_id, exc.failure)
        try:
            query = self._normalise(regions, symptoms)
        except LineError as exc:
            return self._failed(lineno, case_id, exc.failure)
        records = self._records
        cached = records.get(query)
        if cached is None:
            cached = self._remember(query)
        else:
            records.move_to_end(query)  # the most recently used is evicted last
        body, red = cached
        if self.fmt == "csv":
            text = self._csv_row((str(lineno), _csv_id(case_id), "ok")) + body
        else:
            text = _json_record(lineno, case_id, b"ok", body)
        return Outcome(text, True, red)

    def parse(self, lineno: int, line: bytes | TooLong) -> tuple[object, list[Any], list[Any]]:
        """The case's id, regions and symptoms as given; raises `LineError` if it is no case.

        The items of the lists are checked when they are resolved (`_normalise`).
        """
        if isinstance(line, TooLong):
            raise LineError(
                Failure(
                    "line-too-long",
                    f"the line is {line.size:,} bytes; the limit is {MAX_LINE_BYTES:,}",
                )
            )
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            failure = Failure("invalid-utf8", f"byte {exc.start + 1} is not valid UTF-8")
            raise LineError(failure) from None
        if lineno == 1 and text.startswith("\ufeff"):
            text = text[1:]
        try:
            case = self._decode(text)
        except json.JSONDecodeError as exc:
            if not text or text.isspace():
                failure = Failure("empty-line", "the line is empty; a case is one JSON object")
            else:
                failure = Failure("invalid-json", f"invalid JSON at column {exc.colno}: {exc.msg}")
            raise LineError(failure) from None
        except ValueError as exc:  # an integer with more digits than Python converts
            raise LineError(Failure("invalid-json", f"invalid JSON: {exc}")) from None
        except RecursionError:
            raise LineError(Failure("invalid-json", "invalid JSON: nested too deeply")) from None
        if type(case) is not dict:
            kind = _json_kind(case)
            raise LineError(Failure("not-an-object", f"a case must be a JSON object, not {kind}"))
        case_id = case.get("id")
        if case_id is not None and type(case_id) is not str and type(case_id) is not int:
            message = f"'id' must be a string or an integer, not {_json_kind(case_id)}"
            raise LineError(Failure("invalid-id", message, "$.id"))
        if not CASE_FIELDS.issuperset(case):
            name = next(k for k in case if k not in CASE_FIELDS)
            path = f"$.{name}" if name.isidentifier() else f"$[{encode_basestring(name)}]"
            message = f"unknown field {name!r}; a case has 'id', 'regions' and 'symptoms'"
            raise LineError(Failure("unknown-field", message, path), case_id)
        regions = case.get("regions")
        symptoms = case.get("symptoms")
        for field, values in (("regions", regions), ("symptoms", symptoms)):
            if values is not None and type(values) is not list:
                message = f"'{field}' must be a list of strings, not {_json_kind(values)}"
                raise LineError(Failure("wrong-type", message, f"$.{field}"), case_id)
        return case_id, regions or [], symptoms or []

    def _normalise(
        self, regions: list[Any], symptoms: list[Any]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What `make_query` makes of the names, as a plain tuple; raises `LineError`."""
        region_ids = self._resolve_names("region", regions, self._region_ids)
        symptom_ids = self._resolve_names("symptom", symptoms, self._symptom_ids)
        if not region_ids and not symptom_ids:
            raise LineError(Failure("empty-query", EmptyQuery.MESSAGE))
        return region_ids, symptom_ids

    def _resolve_names(
        self, kind: Kind, names: list[Any], known: dict[str, str]
    ) -> tuple[str, ...]:
        """The sorted, distinct ids the names resolve to. Each distinct spelling is resolved
        once (there are few, and cases repeat them), so most calls are dictionary look-ups."""
        try:
            if len(names) == 1:
                return (known[names[0]],)
            return tuple(sorted({known[name] for name in names}))
        except (KeyError, TypeError):  # a spelling not seen yet, or not a string
            pass
        field = f"{kind}s"
        ids = set()
        for position, name in enumerate(names):
            if type(name) is not str:
                message = (
                    f"'{field}' must be a list of strings; item {position} is {_json_kind(name)}"
                )
                raise LineError(Failure("wrong-type", message, f"$.{field}[{position}]"))
            found = known.get(name)
            if found is None:
                try:
                    found = self.index.resolve(kind, name)
                except UnknownName as exc:
                    raise LineError(_unknown(exc, position)) from None
                if len(known) >= NAME_CACHE_ENTRIES:
                    known.clear()
                known[name] = found
            ids.add(found)
        return tuple(sorted(ids))

    def _remember(self, query: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[bytes, bool]:
        """Rank a query not in the cache and keep its record body; the least recently used
        bodies make room."""
        ranking = rank(self.index, Query(*query), top=self.top)
        red = any(w.kind == "red-flag" for w in ranking.warnings)
        body = self._csv_body(ranking) if self.fmt == "csv" else self._json_body(ranking)
        records = self._records
        records[query] = (body, red)
        self._record_bytes += len(body)
        while self._record_bytes > RECORD_CACHE_BYTES and len(records) > 1:
            self._record_bytes -= len(records.popitem(last=False)[1][0])
        return body, red

    # --- formats --------------------------------------------------------------------------

    def _json_body(self, ranking: Ranking) -> bytes:
        """The record's fields after `status`, as JSON without the braces."""
        if self.explain:
            return dumps(record_fields(ranking, self.explain))[1:-1].encode("utf-8")
        return self._brief_body(ranking).encode("utf-8")

    def _brief_body(self, ranking: Ranking) -> str:
        """What `dumps(record_fields(ranking, False))` gives, braces stripped, made faster.

        Records are assembled from the JSON of their parts: every string, warning, rule and
        related muscle comes from the catalog, so each is serialised once and kept (a memo
        bounded by the catalog's size). A test holds the two forms byte for byte equal.
        """
        frag, ids = self._fragment, self._ids
        results = ",".join(
            [
                _RESULT_JSON
                % (
                    r.rank,
                    frag(r.muscle),
                    frag(r.name),
                    float.__repr__(r.score),
                    ids(r.regions_explained),
                    r.regions_reported,
                    ",".join([frag(m) for m in r.rules_met]),
                    ",".join([frag(a) for a in r.also_check]),
                    ids([e.id for e in r.symptoms]),
                )
                for r in ranking.results
            ]
        )
        return _RECORD_JSON % (
            ids(ranking.query.regions),
            ids(ranking.query.symptoms),
            ",".join([frag(w) for w in ranking.warnings]),
            results,
            ranking.total_matches,
            ids(ranking.unexplained_regions),
            ids(ranking.unexplained_symptoms),
            frag(ranking.disclaimer),
        )

    def _fragment(self, value: str | tuple[Any, ...]) -> str:
        """The JSON of a catalog string or record, memoised."""
        text = self._fragments.get(value)
        if text is None:
            text = self._fragments[value] = dumps(to_plain(value))
        return text

    def _ids(self, values: Iterable[str]) -> str:
        return "[" + ",".join([self._fragment(v) for v in values]) + "]"

    def _csv_body(self, ranking: Ranking) -> bytes:
        results = ranking.results
        row = (
            "; ".join(ranking.query.regions),
            "; ".join(ranking.query.symptoms),
            "; ".join(r.muscle for r in results),
            "; ".join(f"{r.score:.1f}" for r in results),
            str(ranking.total_matches),
            "; ".join(w.id for w in ranking.warnings if w.kind == "red-flag"),
            "; ".join(w.message for w in ranking.warnings),
            "",
            "",
        )
        return self._csv_row(row, start=False)

    def _csv_row(self, cells: tuple[str, ...], start: bool = True) -> bytes:
        """Cells as CSV; `start` leaves the row open (a comma, no newline) for the rest."""
        buf = self._csv_buffer
        buf.seek(0)
        buf.truncate()
        self._csv_writer.writerow([safe_cell(c) for c in cells])
        text = buf.getvalue()
        return (text[:-1] + "," if start else text).encode("utf-8")

    def _failed(self, lineno: int, case_id: object, failure: Failure) -> Outcome:
        if self.fmt == "csv":
            cells = (
                str(lineno),
                _csv_id(case_id),
                "error",
                *[""] * 7,
                failure.code,
                failure.message,
            )
            return Outcome(self._csv_row(cells, start=False), False, False)
        error = b'"error":' + dumps(failure._asdict()).encode("utf-8")
        return Outcome(_json_record(lineno, case_id, b"error", error), False, False)

    def header(self) -> bytes:
        """What comes before the first record: for CSV the disclaimer and the column names."""
        if self.fmt != "csv":
            return b""
        disclaimer = comment(self.index.disclaimer) + "\n"
        return disclaimer.encode("utf-8") + self._csv_row(CSV_COLUMNS, start=False)

    # --- the stream -----------------------------------------------------------------------

    def run(self, lines: LineReader) -> Iterator[Outcome]:
        """One outcome per line, in order, as the lines arrive."""
        outcome = self.outcome
        for lineno, line in enumerate(lines, start=1):
            yield outcome(lineno, line)


def stream(
    batch: Batch,
    source: BinaryIO,
    out: BinaryIO,
    on_read: Callable[[int], None] | None = None,
) -> Summary:
    """Write one record per line of `source` to `out`, flushing whenever input may block.

    `on_read` gets the number of input bytes read so far (for a progress bar).
    """

    def before_read() -> None:
        out.flush()
        if on_read is not None:
            on_read(reader.bytes_read)

    reader = LineReader(source, before_read=before_read)
    write = out.write
    write(batch.header())
    lines = ok = red_flags = 0
    first_failure: int | None = None
    for outcome in batch.run(reader):
        lines += 1
        write(outcome.text)
        if outcome.ok:
            ok += 1
            red_flags += outcome.red_flag
        elif first_failure is None:
            first_failure = lines
    out.flush()
    return Summary(lines, ok, lines - ok, red_flags, first_failure)


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A transient rich progress bar on stderr, over `total` input bytes."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("batch"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("batch", total=total)
        yield lambda done: progress.update(task, completed=done)


def record_fields(ranking: Ranking, explain: bool) -> dict[str, Any]:
    """A batch record's fields after `status`: those of `which --format json` but
    `schema_version`, each result brief unless `explain`, plus `symptoms_explained`.

    A brief result keeps `BRIEF_RESULT_FIELDS`: it drops the evidence behind each item
    (`regions`, `symptoms`) and the score's `parts`, most of a record's size.
    """
    return {
        name: [_result(r, explain) for r in ranking.results]
        if name == "results"
        else to_plain(value)
        for name, value in zip(ranking._fields, ranking, strict=True)
    }


def _result(result: Result, explain: bool) -> dict[str, Any]:
    plain = to_plain(result) if explain else _brief(result)
    assert isinstance(plain, dict)
    plain["symptoms_explained"] = [e.id for e in result.symptoms]
    return plain


def _brief(result: Result) -> dict[str, Any]:
    return {name: to_plain(getattr(result, name)) for name in BRIEF_RESULT_FIELDS}


def _unknown(exc: UnknownName, position: int) -> Failure:
    return Failure(f"unknown-{exc.kind}", exc.brief, f"$.{exc.kind}s[{position}]")


def _json_record(lineno: int, case_id: object, status: bytes, fields: bytes) -> bytes:
    """A JSON Lines record: its head (`schema_version`, `line`, `id`, `status`), then
    `fields`, the rest as JSON without braces."""
    return b'{"schema_version":%d,"line":%d,"id":%b,"status":"%b",%b}\n' % (
        SCHEMA_VERSION,
        lineno,
        _json_id(case_id),
        status,
        fields,
    )


def _json_id(case_id: object) -> bytes:
    if type(case_id) is str and case_id.isascii() and case_id.isprintable():
        text: str = encode_basestring(case_id)  # the common cases, fast
        return text.encode("ascii")
    if type(case_id) is int:
        return b"%d" % case_id
    return dumps(case_id).encode("utf-8")


def _csv_id(case_id: object) -> str:
    return "" if case_id is None else str(case_id)


def _json_kind(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", float: "a number"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number" if type(value) is int else "an object")
