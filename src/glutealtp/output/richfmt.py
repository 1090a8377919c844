"""The terminal: the plain layout (`layout`), coloured. Data is passed as `Text`, never markup.

Colour adds emphasis only: the best match is also named in words, a red flag is also boxed
and titled. NO_COLOR is honoured (by rich); the layout is the same without it.
"""

from __future__ import annotations

import errno
import os
from typing import TextIO

from rich.console import Console
from rich.text import Text

from glutealtp.output.document import Document, Style
from glutealtp.output.layout import KEEP, lay_out, screen_width

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
    def on_broken_pipe(self) -> None:
        """The reader went away: raise as any other write would, so the run ends quietly with
        success, not with rich's exit 1 (which means "no match" here)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def console(file: TextIO | None = None, *, stderr: bool = False) -> Console:
    """A rich console (stdout by default) that never reads markup from the data it prints."""
    return _Console(file=file, stderr=stderr, highlight=False, emoji=False, markup=False)


def write_rich(doc: Document, out: TextIO, width: int | None = None) -> None:
    """The document's lines, each span in its style; lines never wider than the screen."""
    width = width or screen_width(out)
    term = _Console(
        file=out, highlight=False, emoji=False, markup=False, width=width, force_terminal=True
    )
    for line in lay_out(doc, width):
        text = Text()
        for span in line:
            text.append(span.text.replace(KEEP, " "), STYLES[span.style] or None)
        text.rstrip()
        term.print(text, soft_wrap=True)
