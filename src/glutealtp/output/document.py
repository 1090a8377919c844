"""What every command builds: a `Document`, which one module per format prints (`render`).

A document holds the JSON data, the JSON Lines records, the human tables, the warnings and
the disclaimer. `envelope` stamps the schema version (`ranking.results.SCHEMA_VERSION`) and
the disclaimer on a JSON document.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles every string
# annotation, which cost a cold `which` about half a millisecond per module like this one.

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Literal, NamedTuple

from glutealtp.ranking.results import SCHEMA_VERSION


class Format(StrEnum):
    """The output formats every data command accepts through `--format`."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


Style = Literal["plain", "heading", "dim", "best", "alert", "alert-border", "warning", "disclaimer"]
"""What a piece of text is, for the screen: the terminal colours it, a pipe ignores it."""


class Span(NamedTuple):
    text: str
    style: Style = "plain"


class Paragraph(NamedTuple):
    """Text wrapped at spaces to the screen; `joined` to the block before, without a blank."""

    spans: tuple[Span, ...]
    indent: int = 0
    joined: bool = False
    hang: int = 0
    """How much further the lines after the first are indented (a list item's)."""


class Alert(NamedTuple):
    """A boxed warning (a red flag): shown first, in a red frame on a terminal."""

    title: str
    lines: tuple[str, ...]


class Table(NamedTuple):
    """Rows of plain strings; renderers decide how they look.

    For the screen: `fold` names the columns that may move under their row, first to fold
    first, when the table is too wide (`bare` ones without their heading); `styles` gives
    rows a style (the best match). A table with no rows is one plain line (`empty`).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str | None = None
    fold: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()
    styles: tuple[Style, ...] = ()
    empty: str = ""
    """What the screen says in its place when it has no rows (else "no ... recorded", from
    its title): one plain line, never an empty frame."""


Block = Paragraph | Alert | Table


class Document(NamedTuple):
    """What a command says: JSON data, human tables, warnings first and a disclaimer last.

    `records` are the rows a stream carries (JSON Lines); `sheet` (else `tables[0]`) is what
    CSV carries, after `warnings`, the disclaimer and `comments` as `#` lines. `screen`, when
    given, is what a person sees (else the warnings, title, tables and notes, in that order).
    """

    data: Mapping[str, object]
    tables: tuple[Table, ...]
    disclaimer: str
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    records: Sequence[Mapping[str, object]] = ()
    title: str | None = None
    screen: tuple[Block, ...] = ()
    sheet: Table | None = None
    comments: tuple[str, ...] = ()
    whole: tuple[str, ...] = ()
    """Phrases the screen never breaks across lines (the muscles' names)."""


def envelope(body: Mapping[str, object], disclaimer: str) -> dict[str, object]:
    """A JSON document: the schema version first, the body, and the disclaimer last."""
    return {"schema_version": SCHEMA_VERSION, **body, "disclaimer": disclaimer}
