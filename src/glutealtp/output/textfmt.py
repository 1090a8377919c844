"""Plain-text tables for pipes and files: aligned columns, no colour, no rich import."""

from __future__ import annotations

from typing import TextIO

from glutealtp.output.document import Document, Table
from glutealtp.text import clean


def _table(table: Table) -> list[str]:
    rows = [[clean(c, lines=True).replace("\n", "; ") for c in row] for row in table.rows]
    header = [clean(c) for c in table.columns]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [clean(table.title)] if table.title else []
    out += [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    return out


def write_text(doc: Document, out: TextIO) -> None:
    lines: list[str] = [f"!! {clean(w)}" for w in doc.warnings]
    if doc.warnings:
        lines.append("")
    if doc.title:
        lines += [clean(doc.title), *(clean(line) for line in doc.about), ""]
    for table in doc.tables:
        lines += [*_table(table), ""]
    lines += [clean(n) for n in doc.notes]
    if doc.notes:
        lines.append("")
    lines.append(clean(doc.disclaimer))
    out.write("\n".join(lines) + "\n")
