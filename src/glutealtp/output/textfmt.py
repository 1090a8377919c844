"""Plain text for pipes and files: the terminal's layout without colour, no rich import."""

from __future__ import annotations

from typing import TextIO

from glutealtp.output.document import Document
from glutealtp.output.layout import lay_out, screen_width, text_of


def write_text(doc: Document, out: TextIO, width: int | None = None) -> None:
    """The document as a person reads it, at `width` ($COLUMNS, else 80)."""
    lines = lay_out(doc, width or screen_width())
    out.write("\n".join(text_of(line) for line in lines) + "\n")
