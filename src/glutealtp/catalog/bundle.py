"""Regenerate the bundled catalog: `uv run python -m glutealtp.catalog.bundle`.

The authored dataset is `data/muscles.json` at the repository root. The package ships its
canonical form instead, `src/glutealtp/data/catalog.json`: the dataset validated strictly and
dumped with every key present, compact; and the same values in marshal's format beside it,
`catalog.marshal`, which a cold command reads (`load.quick_data`). The installed package
indexes them as they are, with no validation at run time; a test fails, naming this
command, when either is stale.
"""

from __future__ import annotations

import json
import marshal
import sys
from pathlib import Path

from glutealtp.catalog.load import (
    BUNDLED_FILE,
    MARSHAL_VERSION,
    QUICK_FILE,
    dump,
    read_json,
    validate,
)

COMMAND = "uv run python -m glutealtp.catalog.bundle"
PACKAGE = Path(__file__).resolve().parents[1]
AUTHORED = PACKAGE.parents[1] / "data" / "muscles.json"
BUNDLED = PACKAGE / "data" / BUNDLED_FILE
QUICK = PACKAGE / "data" / QUICK_FILE


def canonical(authored: bytes, source: str = str(AUTHORED)) -> bytes:
    """The bundled form of an authored dataset: validated strictly, dumped, compact JSON."""
    data = dump(validate(read_json(authored, source), source))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def quick(bundled: bytes) -> bytes:
    """The marshal copy of a bundled dump: the same values, read without json."""
    return marshal.dumps(json.loads(bundled), MARSHAL_VERSION)


def main() -> None:
    bundled = canonical(AUTHORED.read_bytes())
    BUNDLED.write_bytes(bundled)
    QUICK.write_bytes(quick(bundled))
    sys.stdout.write(f"wrote {BUNDLED} and {QUICK.name} from {AUTHORED}\n")


if __name__ == "__main__":
    main()
