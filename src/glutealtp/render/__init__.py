"""Output forms. Every command builds one `Document`; one renderer per format prints it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, NamedTuple, TextIO


class Format(StrEnum):
    """The output formats every data command accepts through `--format`."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Table(NamedTuple):
    """Rows of plain strings; renderers decide how they look."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str | None = None


class Document(NamedTuple):
    """What a command says: JSON data, human tables, warnings first and a disclaimer last.

    `records` are the rows a stream carries (JSON Lines); `tables[0]` is what CSV carries.
    """

    data: Mapping[str, Any]
    tables: tuple[Table, ...]
    disclaimer: str
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    records: Sequence[Mapping[str, Any]] = ()
    title: str | None = None


# C0/C1 controls (ESC, so ANSI sequences too), bidi marks, embeddings, overrides and isolates
# (Trojan Source), lone surrogates (no UTF-8 stream takes them) and U+FFFE/U+FFFF (nor XML).
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufffe\uffff]"
)
_NEWLINE = re.compile(r"\r\n?|[\u2028\u2029]")


def clean(text: str) -> str:
    """Drop control characters (ANSI escapes included) so data cannot repaint a terminal."""
    return _CONTROL.sub("", _NEWLINE.sub("\n", text.replace("\t", " ")))


def render(doc: Document, fmt: Format, out: TextIO, *, rich_terminal: bool = False) -> None:
    """Write `doc` to `out` in `fmt`; tables use rich only when `rich_terminal` is set."""
    if fmt is Format.json:
        from glutealtp.render.jsonfmt import write_json

        write_json(doc, out)
    elif fmt is Format.jsonl:
        from glutealtp.render.jsonfmt import write_jsonl

        write_jsonl(doc, out)
    elif fmt is Format.csv:
        from glutealtp.render.csvfmt import write_csv

        write_csv(doc, out)
    elif rich_terminal:
        from glutealtp.render.richfmt import write_rich

        write_rich(doc, out)
    else:
        from glutealtp.render.textfmt import write_text

        write_text(doc, out)
