"""JSON and JSON Lines: the machine contract. Always valid JSON, whatever the strings hold."""

from __future__ import annotations

import json
from typing import TextIO

from glutealtp.render import Document


def write_json(doc: Document, out: TextIO) -> None:
    json.dump(doc.data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(doc: Document, out: TextIO) -> None:
    """One record a line; the disclaimer rides on every record."""
    for record in doc.records:
        line = {**record, "disclaimer": doc.disclaimer}
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
