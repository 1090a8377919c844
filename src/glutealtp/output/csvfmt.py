"""CSV of the document's main table, with warnings and the disclaimer as leading `#` lines.

Cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection): a cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (after any leading spaces)
gets a `'` in front, and every cell is quoted, so a `,` or `;` inside a cell cannot start a
new one in any locale.
"""

from __future__ import annotations

import csv
import re
from typing import TextIO

from glutealtp.output.document import Document
from glutealtp.text import clean

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# In a `#` line nothing is quoted: any piece after a separator is a cell to a spreadsheet.
_COMMENT_CELL = re.compile(r"([,;]\s*)(?=[=+\-@])")


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
    for line in (*doc.warnings, doc.disclaimer, *doc.comments):
        out.write(comment(line) + "\n")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    table = doc.sheet or (doc.tables[0] if doc.tables else None)
    if table is None:
        return
    writer.writerow([safe_cell(header(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(c) for c in row])
