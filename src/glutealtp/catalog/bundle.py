"""Regenerate the bundled catalog: `uv run python -m glutealtp.catalog.bundle`.

The authored dataset is `data/muscles.json` at the repository root. The package ships its
canonical form instead, `src/glutealtp/data/catalog.json`: the dataset validated strictly and
dumped with every key present, compact. The installed package indexes that file as is, with
no validation at run time; a test fails, naming this command, when the file is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from glutealtp.catalog.load import BUNDLED_FILE, dump, read_json, validate

COMMAND = "uv run python -m glutealtp.catalog.bundle"
PACKAGE = Path(__file__).resolve().parents[1]
AUTHORED = PACKAGE.parents[1] / "data" / "muscles.json"
BUNDLED = PACKAGE / "data" / BUNDLED_FILE


def canonical(authored: bytes, source: str = str(AUTHORED)) -> bytes:
    """The bundled form of an authored dataset: validated strictly, dumped, compact JSON."""
    data = dump(validate(read_json(authored, source), source))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def main() -> None:
    BUNDLED.write_bytes(canonical(AUTHORED.read_bytes()))
    sys.stdout.write(f"wrote {BUNDLED} from {AUTHORED}\n")


if __name__ == "__main__":
    main()
