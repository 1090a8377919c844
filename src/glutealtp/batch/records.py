"""Writing batch records: the declared record shapes, and one writer per format.

A `RecordWriter` is chosen once per run. The part of an ok record that depends on the query
only (`body`) is made once per distinct query and kept by `Batch`; `ok` and `error` add what
is particular to the line. JSON Lines records are those of `which --format json` plus the
line's `line`, `id` and `status` (results brief unless `explain`); CSV has one row a line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring
from typing import Any, Literal, NamedTuple, Protocol, TypedDict, get_origin, get_type_hints

from glutealtp.batch.cases import CaseId, Failure
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output.csvfmt import comment, safe_cell
from glutealtp.output.document import SCHEMA_VERSION, to_plain
from glutealtp.output.jsonfmt import dumps
from glutealtp.results import AlsoCheck, NextQuestion, Ranking, RankingWarning, Result, RuleMet

BRIEF_RESULT_FIELDS = (
    "rank",
    "muscle",
    "name",
    "score",
    "regions_explained",
    "regions_reported",
    "rules_met",
    "also_check",
    "fit",
    "tied",
)
"""The fields of `which --format json` results that a batch record keeps without --explain."""

RANKING_FIELDS = tuple(f for f in Ranking._fields if f not in ("next_questions", "settled"))
"""The fields of `which --format json` a batch record carries: all but the next questions,
which take a ranking per unreported item and are for a person answering one case."""

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


class Head(TypedDict):
    """What every batch record starts with, after `schema_version`."""

    line: int
    id: CaseId


class OkHead(Head):
    status: Literal["ok"]


class ErrorRecord(Head):
    """`batch`: a line that is no valid case; processing goes on with the next line. Its
    `warnings` are the red flags among the symptoms it names: a refused case must not hide
    one."""

    status: Literal["error"]
    warnings: tuple[RankingWarning, ...]
    error: Failure


class SymptomsExplained(TypedDict):
    """What a batch result adds to a `which` result."""

    symptoms_explained: list[str]


class RecordWriter(Protocol):
    def header(self) -> bytes:
        """What comes before the first record."""

    def body(self, ranking: Ranking) -> bytes:
        """The part of an ok record that depends on the query only."""

    def ok(self, lineno: int, case_id: CaseId, body: bytes) -> bytes:
        """The whole record of a line that was ranked."""

    def error(
        self,
        lineno: int,
        case_id: CaseId,
        failure: Failure,
        warnings: tuple[RankingWarning, ...] = (),
    ) -> bytes:
        """The whole record of a line that is no valid case, with any red flags it names."""


def writer(index: CatalogIndex, fmt: Literal["jsonl", "csv"], explain: bool) -> RecordWriter:
    return CsvRecords(index) if fmt == "csv" else JsonlRecords(explain)


def record_fields(ranking: Ranking, explain: bool) -> dict[str, Any]:
    """A batch record's fields after `status`: those of `which --format json` but
    `schema_version`, each result brief unless `explain`, plus `symptoms_explained`.

    A brief result keeps `BRIEF_RESULT_FIELDS`: it drops the evidence behind each item
    (`regions`, `symptoms`) and the score's `parts`, most of a record's size.
    """
    return {
        name: [_result(r, explain) for r in ranking.results]
        if name == "results"
        else to_plain(getattr(ranking, name))
        for name in RANKING_FIELDS
    }


def _result(result: Result, explain: bool) -> dict[str, Any]:
    plain = (
        to_plain(result)
        if explain
        else {f: to_plain(getattr(result, f)) for f in BRIEF_RESULT_FIELDS}
    )
    assert isinstance(plain, dict)
    return {**plain, **SymptomsExplained(symptoms_explained=[e.id for e in result.symptoms])}


_HEAD_FIELDS = {"schema_version": int, **get_type_hints(OkHead)}
_OK = (
    "{"
    + ",".join(f'"{k}":{"%d" if h is int else "%b"}' for k, h in _HEAD_FIELDS.items())
    + ",%b}\n"
).encode()
"""An ok record: the head's fields (numbers as such, the rest as JSON bytes), then the body."""


Encoder = Callable[[Any], str] | None
"""How one field is written: through a function, or (None) as a number by `%d` or `%r`."""


class JsonlRecords:
    """JSON Lines records. Without --explain a body is assembled from the JSON of its parts,
    field by field from the declared types of `Ranking` and `Result`: every string, warning,
    rule and related muscle comes from the catalog, so each is serialised once and kept (a
    memo bounded by the catalog's size). A test holds the result byte for byte equal to
    `dumps(record_fields(ranking, False))`."""

    def __init__(self, explain: bool) -> None:
        self.explain = explain
        self._fragments: dict[object, str] = {}
        brief = {f: get_type_hints(Result)[f] for f in BRIEF_RESULT_FIELDS}
        brief.update(get_type_hints(SymptomsExplained))
        added = {"symptoms_explained": self._symptoms_explained}
        self._result = self._writer(brief, Result._fields, added)
        hints = get_type_hints(Ranking)
        self._body = self._writer({f: hints[f] for f in RANKING_FIELDS}, Ranking._fields)

    def header(self) -> bytes:
        return b""

    def body(self, ranking: Ranking) -> bytes:
        if self.explain:
            return dumps(record_fields(ranking, True))[1:-1].encode("utf-8")
        return self._body(ranking)[1:-1].encode("utf-8")

    def ok(self, lineno: int, case_id: CaseId, body: bytes) -> bytes:
        return _OK % (SCHEMA_VERSION, lineno, _json_id(case_id), b'"ok"', body)

    def error(
        self,
        lineno: int,
        case_id: CaseId,
        failure: Failure,
        warnings: tuple[RankingWarning, ...] = (),
    ) -> bytes:
        record = ErrorRecord(
            line=lineno, id=case_id, status="error", warnings=warnings, error=failure
        )
        plain = {
            "schema_version": SCHEMA_VERSION,
            **record,
            "warnings": [w._asdict() for w in warnings],
            "error": failure._asdict(),
        }
        return dumps(plain).encode("utf-8") + b"\n"

    def _symptoms_explained(self, result: Result) -> str:
        return self._ids([e.id for e in result.symptoms])

    def _results(self, results: tuple[Result, ...]) -> str:
        write = self._result
        return "[" + ",".join([write(r) for r in results]) + "]"

    def _writer(
        self,
        hints: dict[str, Any],
        fields: tuple[str, ...],
        added: Mapping[str, Callable[[Any], str]] | None = None,
    ) -> Callable[[Any], str]:
        """The JSON of a record with these declared fields (`added` ones computed from the
        whole record), as one function generated once from the declaration, the way
        `collections.namedtuple` generates its methods: a new body is written per query."""
        namespace: dict[str, Any] = {}
        parts, args = [], []
        for k, (name, hint) in enumerate(hints.items()):
            encoder = (added or {}).get(name)
            value = "r" if encoder else f"r[{fields.index(name)}]"
            encoder = encoder or self._encoder(hint)
            if encoder is None:
                parts.append(f'"{name}":{"%d" if hint is int else "%r"}')
                args.append(value)
            else:
                namespace[f"e{k}"] = encoder
                parts.append(f'"{name}":%s')
                args.append(f"e{k}({value})")
        namespace["FRAME"] = "{" + ",".join(parts) + "}"
        exec(f"def write(r):\n    return FRAME % ({', '.join(args)},)\n", namespace)
        write: Callable[[Any], str] = namespace["write"]
        return write

    def _encoder(self, hint: object) -> Encoder:
        """Numbers as such; catalog strings and records through the memo; arrays of either;
        a record of the query (its `Query`) field by field."""
        if hint in (int, float):
            return None
        if hint is bool:
            return _json_bool
        if hint in (tuple[str, ...], list[str]):
            return self._ids
        if hint in (
            tuple[RuleMet, ...],
            tuple[AlsoCheck, ...],
            tuple[RankingWarning, ...],
            tuple[NextQuestion, ...],
        ):
            return self._records
        if hint is str or get_origin(hint) is Literal:
            return self._fragment
        if hint == tuple[Result, ...]:
            return self._results
        if isinstance(hint, type) and issubclass(hint, tuple):
            return self._record(hint)
        raise TypeError(f"no fast JSON for {hint!r}")

    def _record(self, cls: type[tuple[Any, ...]]) -> Callable[[Any], str]:
        names: tuple[str, ...] = getattr(cls, "_fields")  # noqa: B009 (a NamedTuple class)
        return self._writer(get_type_hints(cls), names)

    def _fragment(self, value: object) -> str:
        """The JSON of a catalog string or record, memoised."""
        text = self._fragments.get(value)
        if text is None:
            text = self._fragments[value] = dumps(to_plain(value))
        return text

    def _ids(self, values: Iterable[str]) -> str:
        return "[" + ",".join([self._fragment(v) for v in values]) + "]"

    def _records(self, values: Iterable[NamedTuple]) -> str:
        return "[" + ",".join([self._fragment(v) for v in values]) + "]"


def _json_bool(value: bool) -> str:
    return "true" if value else "false"


class CsvRecords:
    """One CSV row per input line (`CSV_COLUMNS`), every cell quoted and formula-safe."""

    def __init__(self, index: CatalogIndex) -> None:
        self.disclaimer = index.disclaimer
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def header(self) -> bytes:
        return (comment(self.disclaimer) + "\n").encode("utf-8") + self._row(CSV_COLUMNS)

    def body(self, ranking: Ranking) -> bytes:
        results = ranking.results
        cells = (
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
        return self._row(cells)

    def ok(self, lineno: int, case_id: CaseId, body: bytes) -> bytes:
        return self._row((str(lineno), _csv_id(case_id), "ok"), open_end=True) + body

    def error(
        self,
        lineno: int,
        case_id: CaseId,
        failure: Failure,
        warnings: tuple[RankingWarning, ...] = (),
    ) -> bytes:
        empty = [""] * (len(CSV_COLUMNS) - 7)
        red = ("; ".join(w.id for w in warnings), "; ".join(w.message for w in warnings))
        cells = (
            str(lineno),
            _csv_id(case_id),
            "error",
            *empty,
            *red,
            failure.code,
            failure.message,
        )
        return self._row(cells)

    def _row(self, cells: Iterable[str], open_end: bool = False) -> bytes:
        """Cells as CSV; `open_end` leaves the row open (a comma, no newline) for the rest."""
        buf = self._buffer
        buf.seek(0)
        buf.truncate()
        self._writer.writerow([safe_cell(c) for c in cells])
        text = buf.getvalue()
        return (text[:-1] + "," if open_end else text).encode("utf-8")


def _json_id(case_id: CaseId) -> bytes:
    if type(case_id) is str and case_id.isascii() and case_id.isprintable():
        text: str = encode_basestring(case_id)  # the common cases, fast
        return text.encode("ascii")
    if type(case_id) is int:
        return b"%d" % case_id
    return dumps(case_id).encode("utf-8")


def _csv_id(case_id: CaseId) -> str:
    return "" if case_id is None else str(case_id)
