"""What every command builds: a `Document`, which one module per format prints (`render`).

A document holds the JSON data, the JSON Lines records, the human tables, the warnings and
the disclaimer. `envelope` stamps the schema version and the disclaimer on a JSON document;
`to_plain` turns the typed records of `results` into JSON values by field name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Final, NamedTuple

SCHEMA_VERSION: Final = 1
"""Version of the JSON output contract; bumped on any incompatible change."""


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
    about: tuple[str, ...] = ()
    """Lines under the title, one fact each."""


class Document(NamedTuple):
    """What a command says: JSON data, human tables, warnings first and a disclaimer last.

    `records` are the rows a stream carries (JSON Lines); `tables[0]` is what CSV carries.
    Every text outside the tables is one line when printed (`title`, each of `about`, each
    warning and note, the disclaimer): data cannot start a line of its own there.
    """

    data: Mapping[str, object]
    tables: tuple[Table, ...]
    disclaimer: str
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    records: Sequence[Mapping[str, object]] = ()
    title: str | None = None
    about: tuple[str, ...] = ()
    """Lines under the title, one fact each."""


def envelope(body: Mapping[str, object], disclaimer: str) -> dict[str, object]:
    """A JSON document: the schema version first, the body, and the disclaimer last."""
    return {"schema_version": SCHEMA_VERSION, **body, "disclaimer": disclaimer}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_plain(value: object) -> object:
    """Records as dicts and tuples as lists: the JSON shape of a result.

    Scalars are passed through without a call: this runs once per batch query, on
    hundreds of nested records.
    """
    if isinstance(value, tuple | list):
        fields = getattr(value, "_fields", None)
        if fields is not None:
            return {
                k: v if type(v) in _SCALARS else to_plain(v)
                for k, v in zip(fields, value, strict=True)
            }
        return [v if type(v) in _SCALARS else to_plain(v) for v in value]
    return value
