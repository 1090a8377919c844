"""JSON and JSON Lines: the machine contract. Always valid JSON, whatever the strings hold."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any, TextIO

from glutealtp.output.document import Document


@cache
def _unsafe() -> re.Pattern[str]:
    """Raw in a JSON string these are legal but unsafe: C1 controls and bidi controls can
    repaint a terminal, U+2028/9 break JavaScript, a lone surrogate cannot be encoded as UTF-8,
    U+FFFE/F are not characters. Escaped as \\uXXXX they carry the same string; they only
    occur inside strings. Compiled when first needed (about a millisecond): most output is
    ASCII without DEL, which holds none of them."""
    return re.compile(
        r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
    )


def dumps(value: Any, *, indent: int | None = None, ascii_only: bool = False) -> str:
    """Valid JSON text for `value` that a terminal shows literally and any UTF-8 stream takes.

    Never `NaN` or `Infinity` (no JSON reader takes them): every score is finite (the rule
    product is capped), and a value that is not would raise here rather than print.
    """
    separators = None if indent else (",", ":")
    text = json.dumps(
        value, ensure_ascii=ascii_only, indent=indent, separators=separators, allow_nan=False
    )
    if ascii_only or (text.isascii() and "\x7f" not in text):
        return text
    return _unsafe().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _ascii_only(out: TextIO) -> bool:
    """True when `out` cannot take every character (a non-UTF encoding): escape all of them."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    return not encoding.startswith("utf")


def write_json(doc: Document, out: TextIO) -> None:
    out.write(dumps(doc.data, indent=2, ascii_only=_ascii_only(out)))
    out.write("\n")


def write_jsonl(doc: Document, out: TextIO) -> None:
    """One record a line; the schema version and the disclaimer ride on every record."""
    ascii_only = _ascii_only(out)
    version = {"schema_version": doc.data["schema_version"]} if "schema_version" in doc.data else {}
    for record in doc.records:
        line = {**version, **record, "disclaimer": doc.disclaimer}
        out.write(dumps(line, ascii_only=ascii_only))
        out.write("\n")
