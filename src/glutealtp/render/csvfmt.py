"""CSV of the document's main table, with warnings and the disclaimer as leading `#` lines.

Cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection).
"""

from __future__ import annotations

import csv
from typing import TextIO

from glutealtp.render import Document, clean

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(text: str) -> str:
    """One line, control characters dropped, and a quote before anything formula-like."""
    text = clean(text).replace("\n", "; ")
    return "'" + text if text.startswith(_FORMULA_START) else text


def header(column: str) -> str:
    return "_".join(column.lower().split())


def write_csv(doc: Document, out: TextIO) -> None:
    for line in (*doc.warnings, doc.disclaimer):
        out.write("# " + clean(line).replace("\n", " ") + "\n")
    writer = csv.writer(out, lineterminator="\n")
    if not doc.tables:
        return
    table = doc.tables[0]
    writer.writerow([safe_cell(header(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(c) for c in row])
