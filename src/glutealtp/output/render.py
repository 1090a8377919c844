"""Print a document in the format asked for: one module per medium, imported when used."""

from __future__ import annotations

from typing import TextIO

from glutealtp.output.document import Document, Format


def render(doc: Document, fmt: Format, out: TextIO, *, rich_terminal: bool = False) -> None:
    """Write `doc` to `out` in `fmt`; tables use rich only when `rich_terminal` is set."""
    if fmt is Format.json:
        from glutealtp.output.jsonfmt import write_json

        write_json(doc, out)
    elif fmt is Format.jsonl:
        from glutealtp.output.jsonfmt import write_jsonl

        write_jsonl(doc, out)
    elif fmt is Format.csv:
        from glutealtp.output.csvfmt import write_csv

        write_csv(doc, out)
    elif rich_terminal:
        from glutealtp.output.richfmt import write_rich

        write_rich(doc, out)
    else:
        from glutealtp.output.textfmt import write_text

        write_text(doc, out)
