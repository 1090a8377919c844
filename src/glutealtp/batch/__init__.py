"""Rank many cases streamed as JSON Lines: one output record per input line, in order.

`lines` reads the input, `cases` reads and resolves each case, `records` declares the
records and writes CSV, `jsonl` writes JSON Lines, and `run` streams one into the other
(`Batch`, `stream`).
"""

from glutealtp.batch.lines import LineReader, TooLong
from glutealtp.batch.records import (
    BRIEF_RESULT_FIELDS,
    CSV_COLUMNS,
    RANKING_FIELDS,
    record_fields,
)
from glutealtp.batch.run import Batch, RecordGuard, Summary, progress_bar, stream

__all__ = [
    "BRIEF_RESULT_FIELDS",
    "CSV_COLUMNS",
    "RANKING_FIELDS",
    "Batch",
    "LineReader",
    "RecordGuard",
    "Summary",
    "TooLong",
    "progress_bar",
    "record_fields",
    "stream",
]
