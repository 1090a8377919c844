"""Rich tables for a person at a terminal. Data is passed as `Text`, never as markup."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from glutealtp.render import Document, clean


def write_rich(doc: Document, out: TextIO) -> None:
    console = Console(file=out, highlight=False, emoji=False, markup=False)
    for warning in doc.warnings:
        console.print(
            Panel(Text(clean(warning), style="bold"), border_style="bold red", title="Warning")
        )
    if doc.title:
        console.print(Text(clean(doc.title), style="bold"))
    for table in doc.tables:
        rich_table = RichTable(
            title=Text(clean(table.title), style="bold") if table.title else None,
            title_justify="left",
            show_lines=len(table.columns) > 4,
        )
        for column in table.columns:
            rich_table.add_column(Text(clean(column)), overflow="fold")
        for row in table.rows:
            rich_table.add_row(*(Text(clean(c)) for c in row))
        console.print(rich_table)
    for note in doc.notes:
        console.print(Text(clean(note)))
    console.print(Text(clean(doc.disclaimer), style="dim italic"))
