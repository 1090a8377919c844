"""Batch records: their declared shapes, what a writer of them does, and the CSV writer
(`jsonl` has the JSON Lines one).

A `RecordWriter` is chosen once per run. The part of an ok record that depends on the query
only (`body`) is made once per query and kept by `Batch` if the query comes again; `ok` and
`error` add what is particular to the line. JSON Lines records are those of `which --format
json` plus the line's `line`, `id` and `status` (results brief unless `explain`); CSV has
one row a line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import (
    Any,
    Literal,
    Protocol,
    TypedDict,
)

from glutealtp.batch.cases import CaseId, Failure
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output.csvfmt import LIST_SEPARATOR, cell, comment, safe_cell
from glutealtp.output.ranking import QUERY_COLUMNS
from glutealtp.ranking.rank import Ranked
from glutealtp.ranking.results import Ranking, RankingWarning, Result, to_plain

BRIEF_RESULT_FIELDS = (
    "rank",
    "muscle",
    "name",
    "score",
    "regions_explained",
    "regions_reported",
    "symptoms_explained",
    "rules_met",
    "also_check",
    "fit",
    "tied",
)
"""The fields of `which --format json` results that a batch record keeps without --explain."""

RANKING_FIELDS = tuple(f for f in Ranking._fields if f not in ("next_questions", "settled"))
"""The fields of `which --format json` a batch record carries: all but the next questions,
which take a ranking per unreported item and are for a person answering one case."""

CSV_PATHS: tuple[tuple[str, ...], ...] = (
    ("line",),
    ("id",),
    ("status",),
    *QUERY_COLUMNS,
    ("results", "muscle"),
    ("results", "score"),
    ("total_matches",),
    ("warnings", "kind"),
    ("warnings", "id"),
    ("warnings", "message"),
    ("error", "code"),
    ("error", "message"),
    ("error", "path"),
)
"""One CSV row per input line: its JSON Lines record flattened as `which`'s CSV is
(`output.csvfmt`): the case's query, its ranked muscles and scores, its warnings, or its
error."""
CSV_COLUMNS = tuple("_".join(path) for path in CSV_PATHS)


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


class RecordWriter(Protocol):
    def header(self) -> bytes:
        """What comes before the first record."""

    def body(self, ranked: Ranked) -> bytes:
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


def record_fields(ranking: Ranking, explain: bool) -> dict[str, Any]:
    """A batch record's fields after `status`: those of `which --format json` but
    `schema_version`, each result brief unless `explain`.

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
    return plain


class CsvRecords:
    """One CSV row per input line (`CSV_COLUMNS`), every cell quoted and formula-safe."""

    def __init__(self, index: CatalogIndex) -> None:
        self.disclaimer = index.disclaimer
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def header(self) -> bytes:
        return (comment(self.disclaimer) + "\n").encode("utf-8") + self._row(CSV_COLUMNS)

    def body(self, ranked: Ranked) -> bytes:
        ranking, results = ranked.outline, [view.result for view in ranked.shown]
        query = ranking.query
        cells = (
            _cell(query.regions),
            _cell(query.symptoms),
            _cell(query.absent),
            query.side or "",
            _cell([p.trigger_point for p in query.pressed]),
            _cell([p.answer for p in query.pressed]),
            _cell([r.muscle for r in results]),
            _cell([cell(r.score) for r in results]),
            str(ranking.total_matches),
            *_warnings(ranking.warnings),
            "",
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
        cells = (
            str(lineno),
            _csv_id(case_id),
            "error",
            *[""] * (CSV_COLUMNS.index("total_matches") - 2),
            *_warnings(warnings),
            failure.code,
            failure.message,
            failure.path or "",
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


def _csv_id(case_id: CaseId) -> str:
    return "" if case_id is None else str(case_id)


def _cell(ids: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(ids)


def _warnings(warnings: Iterable[RankingWarning]) -> tuple[str, str, str]:
    """The `warnings_kind`, `warnings_id` and `warnings_message` cells."""
    shown = tuple(warnings)
    return (
        _cell(w.kind for w in shown),
        _cell(w.id for w in shown),
        _cell(w.message for w in shown),
    )
