"""Rich tables for a person at a terminal. Data is passed as `Text`, never as markup."""

from __future__ import annotations

import errno
import os
import sys
from typing import TextIO

from rich.console import Console, ConsoleDimensions
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from glutealtp.output.document import Document
from glutealtp.text import clean, tolerate_unencodable

MAX_WORD = 28
"""Columns are at least as wide as their longest word, up to this, so ids do not split."""

MIN_WIDTH = 20
"""A narrower width (`COLUMNS=0`, say, which rich would take as nothing to draw in) is
taken as unknown: the console is then `UNKNOWN_WIDTH` wide."""
UNKNOWN_WIDTH = 80


class _Console(Console):
    @property
    def size(self) -> ConsoleDimensions:
        """rich's size, at least `MIN_WIDTH` wide, asked afresh each time (a terminal may be
        resized while `ask` waits)."""
        width, height = super().size
        return ConsoleDimensions(width if width >= MIN_WIDTH else UNKNOWN_WIDTH, max(height, 1))

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size

    def on_broken_pipe(self) -> None:
        """The reader went away: raise as any other write would, so the run ends quietly with
        success, not with rich's exit 1 (which means "no match" here)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def console(file: TextIO | None = None, *, stderr: bool = False) -> Console:
    """A rich console (stdout by default) that never reads markup from the data it prints,
    draws in at least `MIN_WIDTH` columns and, like the standard streams, never fails on a
    character its stream cannot encode. Every rich console of glutealtp is made here."""
    tolerate_unencodable(file or (sys.stderr if stderr else sys.stdout))
    return _Console(file=file, stderr=stderr, highlight=False, emoji=False, markup=False)


def write_rich(doc: Document, out: TextIO) -> None:
    """Warnings in a red panel first, then the tables; empty columns are left out."""
    screen = console(out)
    for warning in doc.warnings:
        screen.print(
            Panel(Text(clean(warning), style="bold"), border_style="bold red", title="Warning")
        )
    if doc.title:
        screen.print(Text(clean(doc.title), style="bold"))
    for line in doc.about:
        screen.print(Text(clean(line)))
    for table in doc.tables:
        rich_table = RichTable(
            title=Text(clean(table.title), style="bold") if table.title else None,
            title_justify="left",
            show_lines=len(table.columns) > 4,
        )
        keep = [i for i in range(len(table.columns)) if any(row[i] for row in table.rows)]
        widths = [
            min(
                max(
                    len(w) for w in [table.columns[i], *" ".join(r[i] for r in table.rows).split()]
                ),
                MAX_WORD,
            )
            for i in keep
        ]
        fits = sum(widths) + 3 * len(widths) + 1 <= screen.width
        for i, width in zip(keep, widths, strict=True):
            rich_table.add_column(
                Text(clean(table.columns[i])),
                overflow="fold",
                min_width=width if fits else None,
            )
        for row in table.rows:
            rich_table.add_row(*(Text(clean(row[i], lines=True)) for i in keep))
        screen.print(rich_table)
    for note in doc.notes:
        screen.print(Text(clean(note)))
    screen.print(Text(clean(doc.disclaimer), style="dim italic"))
