"""CSV of the document's main table, with warnings and the disclaimer as leading `#` lines.

A command's CSV is its JSON Lines records flattened (`sheet`): each column is the path of a
JSON field in a record (`Column`), named by the path joined with `_` (`query_side`, the
`side` of the record's `query`; `rules_met_id`, the `id` of each item of `rules_met`); a
cell is the JSON value written the one documented way (`cell`). A few columns carry the
screen's words instead (`which`'s `explains`); no JSON field has their names.

Cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection): a cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (after any leading spaces)
gets a `'` in front, and every cell is quoted, so a `,` or `;` inside a cell cannot start a
new one in any locale.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

from glutealtp.output.document import Document, Table
from glutealtp.text import clean

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# In a `#` line nothing is quoted: any piece after a separator is a cell to a spreadsheet.
_COMMENT_CELL = re.compile(r"([,;]\s*)(?=[=+\-@])")


Column = tuple[str, ...]
"""A CSV column: the path of a JSON field in a record, e.g. `("query", "side")`."""

LIST_SEPARATOR = "; "
"""What joins the items of a JSON list in one CSV cell."""


def column_name(path: Column) -> str:
    """A column's header: its path joined with `_`."""
    return "_".join(path)


def cell(value: object) -> str:
    """A JSON value as a CSV cell: a string as it is, a number as JSON writes it, `true` or
    `false`, null as an empty cell, a list as its items joined with `; `."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value)  # as JSON writes it: every number glutealtp prints is finite
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    raise TypeError(f"no CSV cell for a JSON object: {value!r}")


def pick(record: Mapping[str, Any], path: Column) -> object:
    """The JSON value at `path` in `record`: through an object, its field (null when it has
    none); through a list of objects, the list of each one's value."""
    value: Any = record
    for key in path:
        if isinstance(value, list | tuple):
            value = [item.get(key) if isinstance(item, Mapping) else None for item in value]
        elif isinstance(value, Mapping):
            value = value.get(key)
        else:
            return None
    return value


def sheet(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    words: Mapping[str, Callable[[int], str]] | None = None,
) -> Table:
    """The CSV of `records`: a row per record, a column per path; `words` adds columns of
    the screen's words, each a function of the record's position."""
    extra = dict(words or {})
    rows = tuple(
        (*(cell(pick(r, c)) for c in columns), *(say(n) for say in extra.values()))
        for n, r in enumerate(records)
    )
    return Table((*map(column_name, columns), *extra), rows)


def safe_cell(text: str) -> str:
    """One line, control characters dropped, and a quote before anything formula-like."""
    cell = clean(text, lines=True).replace("\n", "; ")
    risky = any(t.lstrip(" ").startswith(_FORMULA_START) for t in (text, cell))
    return "'" + cell if risky else cell


def comment(text: str) -> str:
    """A `#` line: one line, no double quotes (they would open a cell), no formula cells."""
    return "# " + _COMMENT_CELL.sub(r"\1'", clean(text).replace('"', "'"))


def header(column: str) -> str:
    return "_".join(column.lower().split())


def write_csv(doc: Document, out: TextIO) -> None:
    """Red flags first, then the disclaimer and the comments as `#` lines, then the sheet."""
    import csv  # only when writing CSV: a cold table or JSON command does without it

    for line in (*doc.warnings, doc.disclaimer, *doc.comments):
        out.write(comment(line) + "\n")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    table = doc.sheet or (doc.tables[0] if doc.tables else None)
    if table is None:
        return
    writer.writerow([safe_cell(header(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(c) for c in row])
