"""What `data validate` shows: every problem with its JSON path, or that the dataset is valid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from glutealtp.catalog.index import CatalogIndex
from glutealtp.output.csvfmt import Column, sheet
from glutealtp.output.document import Document, Table
from glutealtp.ranking.results import SCHEMA_VERSION

FORMAT_HELP = "Dataset format: docs/dataset.md; JSON Schema: `glutealtp schema data`."
"""What `data validate` prints where other commands print the disclaimer."""


class Problem(TypedDict):
    path: str | None
    message: str


class Validation(TypedDict):
    """`data validate PATH --format json`."""

    dataset: str
    valid: bool
    problems: list[Problem]


class ProblemLine(Problem):
    """`data validate PATH --format jsonl` and `--format csv`: one line per problem, or, for
    a valid dataset, one line with `valid` true, no `path`, and what it holds as the
    `message`."""

    dataset: str
    valid: bool


SHEET_COLUMNS: tuple[Column, ...] = (("dataset",), ("valid",), ("path",), ("message",))
"""`data validate --format csv`: each JSON Lines record flattened (`csvfmt.sheet`)."""


def validation_document(
    source: str, problems: Sequence[str], index: CatalogIndex | None = None
) -> Document:
    """Every problem with its JSON path, or that the dataset is valid (with what it holds,
    when its `index` is given)."""
    split = [_problem(p) for p in problems]
    counts = (
        f" ({len(index.muscles)} muscles, {len(index.regions)} regions, "
        f"{len(index.symptoms)} symptoms)"
        if index is not None
        else ""
    )
    verdict = (
        f"{source}: {len(problems)} problem{'s' * (len(problems) != 1)}"
        if problems
        else f"{source}: valid{counts}"
    )
    records = [
        ProblemLine(dataset=source, valid=False, path=p["path"], message=p["message"])
        for p in split
    ] or [ProblemLine(dataset=source, valid=True, path=None, message=f"valid{counts}")]
    table = Table(("Path", "Problem"), tuple((p["path"] or "", p["message"]) for p in split))
    body = Validation(dataset=source, valid=not problems, problems=split)
    return Document(
        data={"schema_version": SCHEMA_VERSION, **body},
        tables=(table,) if problems else (),
        disclaimer=FORMAT_HELP,
        title=verdict,
        records=records,
        sheet=sheet(records, SHEET_COLUMNS),
    )


def _problem(text: str) -> Problem:
    """Split "$.a[0].b: message" into path and message; a file-level fault has no path."""
    path, sep, message = text.partition(": ")
    if text.startswith("$") and sep:
        return Problem(path=path, message=message)
    return Problem(path=None, message=text)
