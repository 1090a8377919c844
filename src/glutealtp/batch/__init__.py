"""Rank many cases streamed as JSON Lines: one output record per input line, in order."""

from glutealtp.batch.run import (
    BRIEF_RESULT_FIELDS,
    CSV_COLUMNS,
    Batch,
    LineReader,
    Summary,
    TooLong,
    progress_bar,
    record_fields,
    stream,
)

__all__ = [
    "BRIEF_RESULT_FIELDS",
    "CSV_COLUMNS",
    "Batch",
    "LineReader",
    "Summary",
    "TooLong",
    "progress_bar",
    "record_fields",
    "stream",
]
