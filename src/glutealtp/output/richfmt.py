"""The terminal: the plain layout (`layout`), coloured. Data is passed as `Text`, never markup.

Colour adds emphasis only: the best match is also named in words, a red flag is also boxed
and titled. NO_COLOR is honoured (by rich); the layout is the same without it.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TextIO

from rich.console import Console, ConsoleDimensions
from rich.text import Text

from glutealtp.output.document import Document, Style
from glutealtp.output.layout import DEFAULT_WIDTH, KEEP, MIN_WIDTH, lay_out, screen_width
from glutealtp.text import tolerate_unencodable

STYLES: dict[Style, str] = {
    "plain": "",
    "heading": "bold",
    "dim": "dim",
    "best": "bold green",
    "alert": "bold",
    "alert-border": "bold red",
    "warning": "yellow",
    "disclaimer": "dim italic",
}


class _Console(Console):
    @property
    def size(self) -> ConsoleDimensions:
        """rich's size, where under `MIN_WIDTH` wide (`COLUMNS=0`, which rich would take as
        nothing to draw in) taken as 80, asked afresh each time (a terminal may be resized
        while `ask` waits)."""
        width, height = super().size
        return ConsoleDimensions(width if width >= MIN_WIDTH else DEFAULT_WIDTH, max(height, 1))

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size

    def on_broken_pipe(self) -> None:
        """The reader went away: raise as any other write would, so the run ends quietly with
        success, not with rich's exit 1 (which means "no match" here)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def console(
    file: TextIO | None = None, *, stderr: bool = False, width: int | None = None
) -> Console:
    """A rich console (stdout by default) that never reads markup from the data it prints,
    draws in at least `MIN_WIDTH` columns and, like the standard streams, never fails on a
    character its stream cannot encode. Every rich console of glutealtp is made here; with
    `width`, one that draws a laid-out document at that width, colours included."""
    tolerate_unencodable(file or (sys.stderr if stderr else sys.stdout))
    if width is None:
        return _Console(file=file, stderr=stderr, highlight=False, emoji=False, markup=False)
    return _Console(
        file=file, highlight=False, emoji=False, markup=False, width=width, force_terminal=True
    )


def write_rich(doc: Document, out: TextIO, width: int | None = None) -> None:
    """The document's lines, each span in its style; lines never wider than the screen."""
    width = width or screen_width(out)
    term = console(out, width=width)
    for line in lay_out(doc, width):
        text = Text()
        for span in line:
            text.append(span.text.replace(KEEP, " "), STYLES[span.style] or None)
        text.rstrip()
        term.print(text, soft_wrap=True)
