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
from glutealtp.output.csvfmt import comment, safe_cell
from glutealtp.ranking.rank import Ranked
from glutealtp.ranking.results import Ranking, RankingWarning, Result, to_plain

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


def _csv_id(case_id: CaseId) -> str:
    return "" if case_id is None else str(case_id)
